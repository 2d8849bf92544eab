import type { NormalizedVm } from "@/lib/vm/model";
import type { VmContext } from "@/lib/vm/context";

export type Severity = "info" | "warning" | "problem";

export interface CheckSource {
  title: string;
  url?: string;
}

export interface CheckTag {
  slug: string;
  version: string | null;
  primary: boolean;
}

export interface CheckInput {
  vm: NormalizedVm;
  context: VmContext;
  tags: CheckTag[];
  /** True when a tag is a firewall, gateway, router or load balancer; derived from the tags when left out. */
  isGatewayWorkload?: boolean;
  /** The date end-of-support is judged against; defaults to the current date. */
  now?: Date;
}

export interface CheckFinding {
  checkId: string;
  severity: Severity;
  title: string;
  /** Plain language, quoting the VM's own values. */
  explanation: string;
  /** What to do about it. */
  action: string;
  source: CheckSource;
}

/** A rule table as the /checks page shows it: a caption, column headings and rows of text. */
export interface RuleTable {
  title: string;
  columns: string[];
  rows: string[][];
}

export interface CheckDoc {
  id: string;
  title: string;
  /** What it checks, for the /checks page. */
  summary: string;
  sources: CheckSource[];
  tables: RuleTable[];
}

export interface Check extends CheckDoc {
  run(input: CheckInput): CheckFinding[];
}

export const SEVERITY_RANK: Record<Severity, number> = { problem: 0, warning: 1, info: 2 };

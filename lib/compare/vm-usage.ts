import type { Utilization } from "@/lib/vm/model";
import { guestFamilyName, type PeerRuleName } from "./peers";
import { rightSize, type RightSizeSuggestion } from "./right-size";
import { usageFindings, type UsageFinding } from "./usage-findings";
import { compareUsage, type PeerUsage, type UsageComparison } from "./usage-peers";

/** A VM's use against its peer group's: the figures placed, the findings and the right-sizing suggestion. */
export interface VmUsage extends UsageComparison {
  /** The group as findings name it: "Microsoft SQL Server 2022", "Windows", "All". */
  groupLabel: string;
  findings: UsageFinding[];
  /** Null when the data is too thin (lib/compare/right-size.ts says when). */
  suggestion: RightSizeSuggestion | null;
}

/** How findings name a peer group. */
export function usageGroupLabel(rule: PeerRuleName, app: { name: string; version: string | null } | null, guestFamily: string | null): string {
  if ((rule === "app-version" || rule === "app") && app) return rule === "app-version" && app.version ? `${app.name} ${app.version}` : app.name;
  if (rule === "guest-family") return guestFamilyName(guestFamily) ?? "Same guest OS family";
  return "All";
}

export function vmUsage(vm: { vcpus: number; memoryMiB: number; utilization: readonly Utilization[] }, peers: readonly PeerUsage[], groupLabel: string): VmUsage {
  return { ...compareUsage(vm.utilization, peers), groupLabel, findings: usageFindings(vm, peers, groupLabel), suggestion: rightSize(vm, peers) };
}

import type { Check, CheckFinding, CheckInput, CheckSource, RuleTable } from "./types";
import { compareEsxVersions, identifyVmwareProduct, parseEsxVersion, type EsxVersion, type VmwareProductLine } from "./esx-version";
import { agreed, GUEST_RELEASES, identifyGuest, LIFECYCLE_SOURCES, type GuestIdentity } from "@/lib/taxonomy/guest-releases";
import { SOURCES } from "./sources";

type Release = Pick<EsxVersion, "major" | "minor" | "update">;

export interface GuestSupportRule {
  guest: string;
  /** Applies only to guests of this width; unset: both. */
  bits?: 32 | 64;
  product: VmwareProductLine;
  /** Inclusive host version range; unset bounds are open. */
  from?: Release;
  to?: Release;
  hosts: string;
  verdict: "supported" | "unsupported" | "conditional";
  /** For "conditional": what the guest needs, and a test of the guest's name that shows it has it. */
  requirement?: { text: string; shownBy: RegExp };
  source: CheckSource;
}

const LAST = 99;

export const GUEST_SUPPORT_RULES: GuestSupportRule[] = [
  {
    guest: "windows-server-2003", product: "vmware-server", from: { major: 2, minor: 0, update: 0 }, to: { major: 2, minor: LAST, update: LAST },
    hosts: "VMware Server 2.0", verdict: "conditional",
    requirement: { text: "Service Pack 1, Service Pack 2 or R2", shownBy: /\bsp\s?[12]\b|service pack [12]|\br2\b/ },
    source: SOURCES.guestOsInstallGuide,
  },
  {
    guest: "windows-server-2003", product: "esx", from: { major: 2, minor: 0, update: 0 }, to: { major: 3, minor: 5, update: 3 },
    hosts: "ESX 2.0 to 3.5 Update 3", verdict: "supported", source: SOURCES.guestOsInstallGuide,
  },
  {
    guest: "windows-server-2008", bits: 64, product: "gsx", hosts: "GSX Server (all versions)", verdict: "unsupported",
    source: SOURCES.guestOsInstallGuide,
  },
  {
    guest: "windows-server-2008", bits: 64, product: "esx", from: { major: 2, minor: 0, update: 0 }, to: { major: 2, minor: LAST, update: LAST },
    hosts: "ESX 2.x", verdict: "unsupported", source: SOURCES.guestOsInstallGuide,
  },
  {
    guest: "windows-server-2008", bits: 64, product: "esx", from: { major: 3, minor: 0, update: 0 }, to: { major: 3, minor: 0, update: LAST },
    hosts: "ESX 3.0.x", verdict: "unsupported", source: SOURCES.guestOsInstallGuide,
  },
];

/** Within this many days before the end of support, say it is coming. */
export const END_OF_SUPPORT_NOTICE_DAYS = 180;

const ID = "guest-os-support";
const DAY_MS = 86_400_000;

function inRange(host: EsxVersion | null, rule: GuestSupportRule): boolean {
  if (!rule.from && !rule.to) return true;
  if (!host) return false;
  return (!rule.from || compareEsxVersions(host, rule.from) >= 0) && (!rule.to || compareEsxVersions(host, rule.to) <= 0);
}

function labelOf(identity: GuestIdentity): string {
  return identity.candidates.map((c) => c.label).join(" / ");
}

function supportFindings(input: CheckInput, identity: GuestIdentity): CheckFinding[] {
  const line = identifyVmwareProduct(input.vm.hypervisor.product);
  if (!line) return [];
  const host = parseEsxVersion(input.vm.hypervisor.version) ?? parseEsxVersion(input.vm.hypervisor.product);
  const hostText = [input.vm.hypervisor.product, input.vm.hypervisor.version].filter(Boolean).join(" ");
  const findings: CheckFinding[] = [];
  for (const rule of GUEST_SUPPORT_RULES) {
    if (rule.product !== line || !inRange(host, rule)) continue;
    if (!identity.candidates.every((c) => c.key === rule.guest)) continue;
    if (rule.bits && identity.bits !== rule.bits) continue;
    const guest = labelOf(identity) + (rule.bits ? ` (${rule.bits}-bit)` : "");
    if (rule.verdict === "unsupported") {
      findings.push({
        checkId: ID, severity: "problem", title: `${guest} is not supported on ${rule.hosts}`,
        explanation: `The VM runs ${guest} on ${hostText}. VMware's Guest Operating System Installation Guide does not support this guest on ${rule.hosts}.`,
        action: "Move the VM to a host release that supports this guest (see the Broadcom Compatibility Guide), or run a guest this host supports.",
        source: rule.source,
      });
    } else if (rule.verdict === "conditional" && rule.requirement && !rule.requirement.shownBy.test(identity.name)) {
      findings.push({
        checkId: ID, severity: "warning", title: `${guest} on ${rule.hosts} needs ${rule.requirement.text}`,
        explanation: `The VM runs ${guest} on ${hostText}. ${rule.hosts} supports this guest only with ${rule.requirement.text}; the configuration ${identity.name ? `names it "${identity.name}", which does not say which` : "does not say which"}.`,
        action: `Confirm the guest has ${rule.requirement.text} installed (winver in the guest); install it before relying on VMware support.`,
        source: rule.source,
      });
    }
  }
  return findings;
}

function endOfSupportFindings(input: CheckInput, identity: GuestIdentity): CheckFinding[] {
  const date = agreed(identity, (g) => g.endOfSupport);
  if (!date) return [];
  const phase = agreed(identity, (g) => g.endOfSupportPhase) ?? "end of support";
  const source = identity.candidates[0].endOfSupportSource ?? LIFECYCLE_SOURCES.microsoft;
  const now = input.now ?? new Date();
  // The published date is the last supported day.
  const endsAfter = Date.parse(`${date}T00:00:00Z`) + DAY_MS;
  const guest = labelOf(identity);
  if (now.getTime() >= endsAfter) {
    return [{
      checkId: ID, severity: "warning", title: `${guest} is past its end of support (${date})`,
      explanation: `The VM runs ${guest}, which reached its ${phase} on ${date}. It no longer receives security updates from its vendor, and hypervisor vendors drop it from their support lists.`,
      action: `Plan a migration to a supported release; until then, isolate the VM on its own network segment and restrict who can reach it.`,
      source,
    }];
  }
  const daysLeft = Math.ceil((endsAfter - now.getTime()) / DAY_MS);
  if (daysLeft <= END_OF_SUPPORT_NOTICE_DAYS) {
    return [{
      checkId: ID, severity: "info", title: `${guest} reaches its end of support on ${date}`,
      explanation: `The VM runs ${guest}; its ${phase} is ${date}, in ${daysLeft} day${daysLeft === 1 ? "" : "s"}.`,
      action: "Schedule the upgrade or migration now, while updates are still published.",
      source,
    }];
  }
  return [];
}

function run(input: CheckInput): CheckFinding[] {
  const identity = identifyGuest(input.vm);
  if (!identity) return [];
  return [...supportFindings(input, identity), ...endOfSupportFindings(input, identity)];
}

const supportTable: RuleTable = {
  title: "Guest support on VMware hosts (from the Guest Operating System Installation Guide)",
  columns: ["Guest", "Hosts", "Support"],
  rows: GUEST_SUPPORT_RULES.map((r) => [
    (GUEST_RELEASES.find((g) => g.key === r.guest)?.label ?? r.guest) + (r.bits ? ` (${r.bits}-bit)` : ""),
    r.hosts,
    r.verdict === "conditional" ? `Only with ${r.requirement?.text}` : r.verdict === "supported" ? "Supported from its first release" : "Not supported",
  ]),
};

const eosTable: RuleTable = {
  title: "Guest end-of-support dates",
  columns: ["Guest", "Last day of support", "Phase", "Source"],
  rows: GUEST_RELEASES.filter((g) => g.endOfSupport).map((g) => [
    g.label, g.endOfSupport!, g.endOfSupportPhase ?? "", g.endOfSupportSource?.title ?? "",
  ]),
};

export const guestOsSupportCheck: Check = {
  id: ID,
  title: "Guest operating system support",
  summary:
    `Identifies the guest from its VMware, libvirt or Proxmox id or from its name ("Microsoft Windows Server 2008 R2 (64-bit)") and checks it against the hypervisor product and version using VMware's published guest support rules, then against the vendor's end-of-support date. An unsupported combination is a problem; a guest past its end of support is a warning; one within ${END_OF_SUPPORT_NOTICE_DAYS} days of it is information.`,
  sources: [SOURCES.guestOsInstallGuide, SOURCES.compatibilityGuide, ...Object.values(LIFECYCLE_SOURCES)],
  tables: [supportTable, eosTable],
  run,
};

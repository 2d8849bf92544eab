/**
 * Which VMs a VM is compared with. We start narrow (same application, same
 * version) because that is the comparison admins ask for, and widen only when
 * the narrow group is too small for percentiles to mean anything.
 */

/** Below this many peers a percentile moves by 5 points or more per VM, so we widen the group. */
export const MIN_PEERS = 20;

export type PeerRuleName = "app-version" | "app" | "guest-family" | "all";

export interface PeerCounts {
  /** Published VMs, other than this one, sharing its primary application tag and version. */
  sameAppSameVersion: number;
  /** … sharing its primary application tag, any version. */
  sameAppAnyVersion: number;
  /** … of the same guest OS family, whatever they run. */
  sameGuestFamily: number;
  /** All published VMs other than this one. */
  all: number;
}

/** Names used to describe the group; each may be unknown. */
export interface PeerLabels {
  /** e.g. "Microsoft Exchange Server" */
  appName?: string | null;
  /** e.g. "2016" */
  appVersion?: string | null;
  /** e.g. "windows" (a GUEST_FAMILIES value) */
  guestFamily?: string | null;
}

export interface PeerRule {
  rule: PeerRuleName;
  countKey: keyof PeerCounts;
  /** The group, as a plural noun phrase without the count. */
  describe(labels: PeerLabels): string;
}

export interface PeerRuleChoice {
  rule: PeerRuleName;
  n: number;
  description: string;
}

const FAMILY_NAMES: Record<string, string> = {
  windows: "Windows",
  linux: "Linux",
  bsd: "BSD",
  solaris: "Solaris",
  macos: "macOS",
  other: "other-OS",
};

export function guestFamilyName(family: string | null | undefined): string | null {
  if (!family) return null;
  return FAMILY_NAMES[family] ?? family;
}

/** From narrowest to widest; `choosePeerRule` takes the first with enough VMs. */
export const PEER_RULES: readonly PeerRule[] = [
  {
    rule: "app-version",
    countKey: "sameAppSameVersion",
    describe: ({ appName, appVersion }) =>
      appName
        ? `Published VMs tagged ${appName}${appVersion ? ` ${appVersion}` : ""}`
        : "Published VMs with the same application and version",
  },
  {
    rule: "app",
    countKey: "sameAppAnyVersion",
    describe: ({ appName }) =>
      appName ? `Published VMs tagged ${appName}, any version` : "Published VMs with the same application, any version",
  },
  {
    rule: "guest-family",
    countKey: "sameGuestFamily",
    describe: ({ guestFamily }) => {
      const name = guestFamilyName(guestFamily);
      return name ? `Published ${name} VMs` : "Published VMs with the same guest OS family";
    },
  },
  { rule: "all", countKey: "all", describe: () => "All published VMs" },
];

export function formatCount(n: number): string {
  return n.toLocaleString("en-US");
}

/**
 * The narrowest peer group with at least `min` VMs. The version rule is
 * skipped when the VM has no version. When even all VMs are fewer than
 * `min`, "all" is returned with its small n so the caller can say
 * "too few peers to compare".
 */
export function choosePeerRule(
  counts: PeerCounts,
  hasVersion: boolean,
  min: number = MIN_PEERS,
  labels: PeerLabels = {},
): PeerRuleChoice {
  const candidates = PEER_RULES.filter((r) => hasVersion || r.rule !== "app-version");
  const chosen = candidates.find((r) => counts[r.countKey] >= min) ?? candidates[candidates.length - 1];
  const n = counts[chosen.countKey];
  return { rule: chosen.rule, n, description: `${chosen.describe(labels)} (n = ${formatCount(n)})` };
}

import type { Check, CheckDoc, CheckFinding, CheckInput } from "./types";
import { SEVERITY_RANK } from "./types";
import { hardwareVersionCheck } from "./hardware-version";
import { guestOsSupportCheck } from "./guest-os-support";
import { vmfsBlockSizeCheck } from "./vmfs-block-size";
import { securityZonesCheck } from "./security-zones";
import { linkedClonesCheck } from "./linked-clones";
import { layoutDevicesCheck } from "./layout-devices";

export type { Check, CheckDoc, CheckFinding, CheckInput, CheckSource, CheckTag, RuleTable, Severity } from "./types";
export { SEVERITY_RANK } from "./types";
export { estimateLinkedClones, linkedCloneInputSchema, OVERCOMMIT_FACTORS, OVERCOMMIT_LEVELS, VDI_TAG_PATTERNS, isVdiTagged } from "./linked-clones";
export type { LinkedCloneEstimate, LinkedCloneInput, LinkedCloneLevel, OvercommitLevel, CloneRisk } from "./linked-clones";
export { GATEWAY_TAG_PATTERNS, isGatewayTagged } from "./security-zones";
export { HARDWARE_VERSION_RELEASES } from "./hardware-version";
export { GUEST_RELEASES, identifyGuest } from "@/lib/taxonomy/guest-releases";
export { GUEST_SUPPORT_RULES } from "./guest-os-support";
export { vmfs3MaxFileBytes } from "./vmfs-block-size";
export { parseEsxVersion, formatEsxVersion } from "./esx-version";

export const CHECKS: Check[] = [
  hardwareVersionCheck,
  guestOsSupportCheck,
  vmfsBlockSizeCheck,
  securityZonesCheck,
  layoutDevicesCheck,
  linkedClonesCheck,
];

/** What the /checks page renders: every check without its run function. */
export const CHECK_DOCS: CheckDoc[] = CHECKS.map(({ id, title, summary, sources, tables }) => ({ id, title, summary, sources, tables }));

/** Runs every check; problems first, then warnings, then information, each group in check order. */
export function runChecks(input: CheckInput): CheckFinding[] {
  const findings = CHECKS.flatMap((check) => check.run(input));
  // Array.prototype.sort is stable, so check order survives within a severity.
  return findings.sort((a, b) => SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity]);
}

import type { Check, CheckFinding, CheckInput, RuleTable } from "./types";
import {
  compareEsxVersions, formatEsxVersion, identifyVmwareProduct, parseEsxVersion, sameRelease, type EsxVersion,
} from "./esx-version";
import { SOURCES } from "./sources";

export interface HardwareVersionRelease {
  hardwareVersion: number;
  /** The first ESX/ESXi release that creates and runs this hardware version. */
  esx: Pick<EsxVersion, "major" | "minor" | "update">;
  label: string;
}

/**
 * Hardware versions introduced by ESX/ESXi releases. Versions 12 and 16 came
 * with Workstation/Fusion only; an ESXi host runs them from the next ESXi
 * release in this table on.
 */
export const HARDWARE_VERSION_RELEASES: HardwareVersionRelease[] = [
  { hardwareVersion: 3, esx: { major: 2, minor: 0, update: 0 }, label: "ESX 2.x" },
  { hardwareVersion: 4, esx: { major: 3, minor: 0, update: 0 }, label: "ESX 3.x" },
  { hardwareVersion: 7, esx: { major: 4, minor: 0, update: 0 }, label: "ESX/ESXi 4.x" },
  { hardwareVersion: 8, esx: { major: 5, minor: 0, update: 0 }, label: "ESXi 5.0" },
  { hardwareVersion: 9, esx: { major: 5, minor: 1, update: 0 }, label: "ESXi 5.1" },
  { hardwareVersion: 10, esx: { major: 5, minor: 5, update: 0 }, label: "ESXi 5.5" },
  { hardwareVersion: 11, esx: { major: 6, minor: 0, update: 0 }, label: "ESXi 6.0" },
  { hardwareVersion: 13, esx: { major: 6, minor: 5, update: 0 }, label: "ESXi 6.5" },
  { hardwareVersion: 14, esx: { major: 6, minor: 7, update: 0 }, label: "ESXi 6.7" },
  { hardwareVersion: 15, esx: { major: 6, minor: 7, update: 2 }, label: "ESXi 6.7 U2" },
  { hardwareVersion: 17, esx: { major: 7, minor: 0, update: 0 }, label: "ESXi 7.0" },
  { hardwareVersion: 18, esx: { major: 7, minor: 0, update: 1 }, label: "ESXi 7.0 U1" },
  { hardwareVersion: 19, esx: { major: 7, minor: 0, update: 2 }, label: "ESXi 7.0 U2" },
  { hardwareVersion: 20, esx: { major: 8, minor: 0, update: 0 }, label: "ESXi 8.0" },
  { hardwareVersion: 21, esx: { major: 8, minor: 0, update: 2 }, label: "ESXi 8.0 U2" },
  { hardwareVersion: 22, esx: { major: 9, minor: 0, update: 0 }, label: "ESX 9.0" },
];

/** Behind the newest version the host offers by this many table rows, the VM misses features worth an upgrade. */
export const GENERATIONS_BEHIND_INFO = 4;
export const GENERATIONS_BEHIND_WARNING = 8;

const ID = "hardware-version";

/** "vmx-19" -> 19; other platforms' machine types ("pc-q35-8.2") -> null. */
export function parseVmxHardwareVersion(text: string | null | undefined): number | null {
  if (!text) return null;
  const m = /^\s*vmx-?(\d{1,3})\s*$/i.exec(text);
  return m ? Number(m[1]) : null;
}

/** The ESX/ESXi release from which a hardware version runs, or null when it is newer than any release we know. */
export function firstReleaseFor(hardwareVersion: number): HardwareVersionRelease | null {
  return HARDWARE_VERSION_RELEASES.find((r) => r.hardwareVersion >= hardwareVersion) ?? null;
}

/** The newest hardware version a host of this version creates (an unknown update counts as the first release). */
export function newestHardwareFor(host: Pick<EsxVersion, "major" | "minor" | "update">): number | null {
  let newest: number | null = null;
  for (const r of HARDWARE_VERSION_RELEASES) if (compareEsxVersions(r.esx, host) <= 0) newest = r.hardwareVersion;
  return newest;
}

/** Rows of the release table strictly newer than `hardwareVersion` up to and including `newest`. */
export function generationsBehind(hardwareVersion: number, newest: number): number {
  return HARDWARE_VERSION_RELEASES.filter((r) => r.hardwareVersion > hardwareVersion && r.hardwareVersion <= newest).length;
}

function hostOf(input: CheckInput): EsxVersion | null {
  const { product, version } = input.vm.hypervisor;
  if (identifyVmwareProduct(product) !== "esx") return null;
  // Some sources put the whole "VMware ESXi 7.0.3 build-…" string in the product.
  return parseEsxVersion(version) ?? parseEsxVersion(product);
}

function run(input: CheckInput): CheckFinding[] {
  const hw = parseVmxHardwareVersion(input.vm.hardwareVersion);
  const host = hostOf(input);
  if (hw == null || host == null) return [];
  const hostText = `${host.major < 4 ? "ESX" : "ESXi"} ${formatEsxVersion(host)}`;
  const finding = (severity: CheckFinding["severity"], title: string, explanation: string, action: string): CheckFinding => ({
    checkId: ID, severity, title, explanation, action, source: SOURCES.hardwareVersions,
  });

  if (hw < 4 && compareEsxVersions(host, { major: 5, minor: 0, update: 0 }) >= 0) {
    return [finding("problem", `Hardware version ${hw} is not supported on ${hostText}`,
      `The VM uses virtual hardware version ${hw} (ESX 2.x). ESXi 5.0 and later do not support version 3 virtual machines; the host is ${hostText}.`,
      "Upgrade the VM's virtual hardware (Compatibility > Upgrade VM Compatibility) after taking a snapshot or backup.")];
  }

  const first = firstReleaseFor(hw);
  if (first == null || compareEsxVersions(host, first.esx) < 0) {
    const needs = first ? `${first.label} or later` : "a release newer than any we know";
    if (first && !host.updateKnown && sameRelease(host, first.esx)) {
      return [finding("warning", `Hardware version ${hw} needs ${first.label}`,
        `The VM uses virtual hardware version ${hw}, which needs ${needs}. The host version "${input.vm.hypervisor.version ?? input.vm.hypervisor.product ?? ""}" does not say which update it runs; on an earlier update the VM cannot power on.`,
        `Confirm the host runs ${first.label} or later (Help > About, or esxcli system version get), or create the VM with an older compatibility level.`)];
    }
    return [finding("problem", `Hardware version ${hw} is newer than ${hostText} supports`,
      `The VM uses virtual hardware version ${hw}, which needs ${needs}, but its host is ${hostText} (newest hardware version there: ${newestHardwareFor(host) ?? "unknown"}). The VM cannot be registered or powered on there.`,
      `Upgrade the host to ${first ? first.label : "a newer release"} or later, or recreate the VM (or export it as OVF and edit the virtualSystemType) with a hardware version the host supports.`)];
  }

  const newest = newestHardwareFor(host);
  if (newest == null) return [];
  const behind = generationsBehind(hw, newest);
  if (behind < GENERATIONS_BEHIND_INFO) return [];
  const severity = behind >= GENERATIONS_BEHIND_WARNING ? "warning" : "info";
  return [finding(severity, `Hardware version ${hw} is ${behind} generations behind the host`,
    `The VM uses virtual hardware version ${hw} while ${hostText} offers version ${newest}. It runs, but without the virtual devices, CPU features and limits added since (for example more vCPUs and memory, NVMe controllers, newer CPU instructions and security mitigations).`,
    `Unless the VM must stay movable to older hosts, schedule a compatibility upgrade to version ${newest}: take a snapshot, update VMware Tools first, then upgrade during a maintenance window.`)];
}

const table: RuleTable = {
  title: "Virtual hardware versions and the first ESX/ESXi release that runs them",
  columns: ["Hardware version", "Introduced by"],
  rows: HARDWARE_VERSION_RELEASES.map((r) => [`vmx-${r.hardwareVersion}`, r.label]),
};

export const hardwareVersionCheck: Check = {
  id: ID,
  title: "Virtual hardware version against the host",
  summary:
    `Compares the VM's virtual hardware version (vmx-N) with the ESX/ESXi version of its host. Versions 12 and 16 came with Workstation and Fusion; ESXi runs them from the next ESXi release in the table (6.5 and 7.0). Hardware newer than the host supports is a problem: the VM cannot run there. Hardware ${GENERATIONS_BEHIND_INFO} or more generations behind what the host offers is reported as information (${GENERATIONS_BEHIND_WARNING} or more: a warning) because the VM misses newer features. Host versions are read as "7.0 U2", "7.0U2", "7.0 Update 2" or "7.0.2"; when a version such as "6.7.0" does not say its update, a VM that needs a later update is a warning, not a problem.`,
  sources: [SOURCES.hardwareVersions, SOURCES.vmAdminHardwareVersion],
  tables: [table],
  run,
};

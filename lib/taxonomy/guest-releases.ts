import type { NormalizedVm } from "@/lib/vm/model";

/**
 * Guest OS releases, one record per product release ("Windows Server 2012",
 * "Debian 10"), with its vendor's end of support, the phase that date ends
 * and where it is published. lib/taxonomy/guest-os.ts holds the identifiers
 * (one record per VMware/Proxmox/VirtualBox/libosinfo id) and takes the
 * end-of-support date of each id from its release here, so a date is written
 * once; lib/checks asks both.
 *
 * Which date: the last day the vendor publishes security updates at no extra
 * charge. Microsoft: end of extended support. Red Hat: end of maintenance
 * support (Extended Life-cycle Support is a paid add-on). SUSE: end of general
 * support (LTSS is paid). Ubuntu: end of standard support (ESM is Ubuntu Pro).
 * Debian: end of Debian LTS, which the Debian project runs and publishes for
 * everyone (wiki.debian.org/LTS; e.g. the LTS team's notice that Debian 10
 * "buster" reached its end of life on 2024-06-30 and that Debian 11 gets LTS
 * until 2026-08-31); Freexian's Extended LTS after it is a paid offer.
 */

/** A published source a fact comes from. */
export interface Citation {
  title: string;
  url?: string;
}

/** Where each vendor publishes its end-of-support dates. */
export const LIFECYCLE_SOURCES = {
  microsoft: {
    title: "Microsoft Lifecycle Policy: product end-of-support dates",
    url: "https://learn.microsoft.com/en-us/lifecycle/products/",
  },
  centos: { title: "CentOS Project: End dates of CentOS Linux releases", url: "https://www.centos.org/centos-linux-eol/" },
  rhel: {
    title: "Red Hat Enterprise Linux Life Cycle",
    url: "https://access.redhat.com/support/policy/updates/errata",
  },
  suse: { title: "SUSE Product Support Lifecycle", url: "https://www.suse.com/lifecycle/" },
  debian: { title: "Debian Long Term Support (LTS): supported releases and end dates", url: "https://wiki.debian.org/LTS" },
  ubuntu: { title: "Ubuntu release cycle (end of standard support)", url: "https://ubuntu.com/about/release-cycle" },
} satisfies Record<string, Citation>;

export interface GuestRelease {
  key: string;
  label: string;
  kind: "windows-server" | "windows-desktop" | "linux";
  /** Ships expecting UEFI firmware (Secure Boot, TPM-backed features). */
  expectsEfi: boolean;
  /** ISO date of the vendor's last day of (extended / maintenance / standard) support. */
  endOfSupport: string | null;
  endOfSupportPhase: string | null;
  endOfSupportSource: Citation | null;
  /** Matched against the normalized id: lower case, "Guest" suffix removed, "_" as "-". */
  ids: RegExp[];
  /** Matched against the lower-cased human name. */
  names: RegExp[];
}

const MS = LIFECYCLE_SOURCES.microsoft;
const MS_EXT = "end of extended support";
// A version number that is not part of a list such as VMware's "CentOS 4/5/6/7".
const V = "(?![\\d/])";

function linux(key: string, label: string, eos: string, phase: string, source: Citation, ids: RegExp[], names: RegExp[]): GuestRelease {
  return { key, label, kind: "linux", expectsEfi: false, endOfSupport: eos, endOfSupportPhase: phase, endOfSupportSource: source, ids, names };
}

export const GUEST_RELEASES: GuestRelease[] = [
  {
    key: "windows-2000", label: "Windows 2000", kind: "windows-server", expectsEfi: false,
    endOfSupport: "2010-07-13", endOfSupportPhase: MS_EXT, endOfSupportSource: MS,
    ids: [/^win2000(pro|serv|advserv)$/, /^win2k$/], names: [/windows 2000/],
  },
  {
    key: "windows-xp", label: "Windows XP", kind: "windows-desktop", expectsEfi: false,
    endOfSupport: "2014-04-08", endOfSupportPhase: MS_EXT, endOfSupportSource: MS,
    ids: [/^winxp(pro|home)?(-?64)?$/], names: [/windows xp/],
  },
  {
    key: "windows-server-2003", label: "Windows Server 2003 / 2003 R2", kind: "windows-server", expectsEfi: false,
    endOfSupport: "2015-07-14", endOfSupportPhase: MS_EXT, endOfSupportSource: MS,
    ids: [/^winnet(standard|enterprise|web|datacenter|business)(-?64)?$/, /^win2k3(r2)?$/],
    names: [/windows (server )?2003/, /small business server 2003/],
  },
  {
    key: "windows-vista", label: "Windows Vista", kind: "windows-desktop", expectsEfi: false,
    endOfSupport: "2017-04-11", endOfSupportPhase: MS_EXT, endOfSupportSource: MS,
    ids: [/^winvista(-?64)?$/, /^winvista$/], names: [/windows vista/],
  },
  {
    key: "windows-server-2008", label: "Windows Server 2008", kind: "windows-server", expectsEfi: false,
    endOfSupport: "2020-01-14", endOfSupportPhase: MS_EXT, endOfSupportSource: MS,
    ids: [/^(win)?longhorn(-?64)?$/, /^win2k8$/], names: [/windows server 2008(?!\s*r2)/],
  },
  {
    key: "windows-7", label: "Windows 7", kind: "windows-desktop", expectsEfi: false,
    endOfSupport: "2020-01-14", endOfSupportPhase: MS_EXT, endOfSupportSource: MS,
    ids: [/^windows7(-?64)?$/, /^win7$/], names: [/windows 7\b/],
  },
  {
    key: "windows-server-2008-r2", label: "Windows Server 2008 R2", kind: "windows-server", expectsEfi: false,
    endOfSupport: "2020-01-14", endOfSupportPhase: MS_EXT, endOfSupportSource: MS,
    ids: [/^windows7(srv|server)-?64$/, /^win2k8r2$/], names: [/windows server 2008\s*r2/],
  },
  {
    key: "windows-server-2012", label: "Windows Server 2012", kind: "windows-server", expectsEfi: false,
    endOfSupport: "2023-10-10", endOfSupportPhase: MS_EXT, endOfSupportSource: MS,
    // VMware uses this one id for 2012 and 2012 R2; both ended on the same day.
    ids: [/^windows8(srv|server)-?64$/, /^win2k12$/], names: [/windows server 2012(?!\s*r2)/],
  },
  {
    key: "windows-server-2012-r2", label: "Windows Server 2012 R2", kind: "windows-server", expectsEfi: false,
    endOfSupport: "2023-10-10", endOfSupportPhase: MS_EXT, endOfSupportSource: MS,
    ids: [/^win2k12r2$/], names: [/windows server 2012\s*r2/],
  },
  {
    key: "windows-10", label: "Windows 10", kind: "windows-desktop", expectsEfi: false,
    endOfSupport: "2025-10-14", endOfSupportPhase: "end of support (22H2, Home/Pro/Enterprise)", endOfSupportSource: MS,
    ids: [/^windows9(-?64)?$/, /^win10$/], names: [/windows 10\b/],
  },
  {
    key: "windows-server-2016", label: "Windows Server 2016", kind: "windows-server", expectsEfi: false,
    endOfSupport: "2027-01-12", endOfSupportPhase: MS_EXT, endOfSupportSource: MS,
    // "Windows Server 2016 or later" is VMware's name for a range, not a release.
    ids: [/^windows9(srv|server)-?64$/, /^win2k16$/], names: [/windows server 2016(?! or later)/],
  },
  {
    key: "windows-server-2019", label: "Windows Server 2019", kind: "windows-server", expectsEfi: false,
    endOfSupport: "2029-01-09", endOfSupportPhase: MS_EXT, endOfSupportSource: MS,
    ids: [/^windows2019srv-?64$/, /^win2k19$/], names: [/windows server 2019(?! or later)/],
  },
  {
    key: "windows-11", label: "Windows 11", kind: "windows-desktop", expectsEfi: true,
    endOfSupport: null, endOfSupportPhase: null, endOfSupportSource: null,
    ids: [/^windows11(-?64)?$/, /^win11$/], names: [/windows 11\b/],
  },
  {
    key: "windows-server-2022", label: "Windows Server 2022", kind: "windows-server", expectsEfi: true,
    endOfSupport: "2031-10-14", endOfSupportPhase: MS_EXT, endOfSupportSource: MS,
    ids: [/^windows2019srvnext-?64$/, /^win2k22$/], names: [/windows server 2022(?! or later)/],
  },
  {
    key: "windows-server-2025", label: "Windows Server 2025", kind: "windows-server", expectsEfi: true,
    endOfSupport: "2034-10-10", endOfSupportPhase: MS_EXT, endOfSupportSource: MS,
    ids: [/^windows2022srvnext-?64$/, /^win2k25$/], names: [/windows server 2025/],
  },
  linux("centos-6", "CentOS 6", "2020-11-30", "end of life", LIFECYCLE_SOURCES.centos,
    [/^centos6(\.\d+)?(-?64)?$/], [new RegExp(`centos(?! stream)(?: linux)? 6${V}`)]),
  linux("centos-7", "CentOS 7", "2024-06-30", "end of life", LIFECYCLE_SOURCES.centos,
    [/^centos7(\.\d+)?(-?64)?$/], [new RegExp(`centos(?! stream)(?: linux)? 7${V}`)]),
  linux("centos-8", "CentOS Linux 8", "2021-12-31", "end of life", LIFECYCLE_SOURCES.centos,
    [/^centos8(\.\d+)?(-?64)?$/], [new RegExp(`centos(?! stream)(?: linux)? 8${V}`)]),
  ...[5, 6, 7, 8, 9].map((n) =>
    linux(`rhel-${n}`, `Red Hat Enterprise Linux ${n}`,
      { 5: "2017-03-31", 6: "2020-11-30", 7: "2024-06-30", 8: "2029-05-31", 9: "2032-05-31" }[n]!,
      "end of maintenance support (paid extended life cycle support may continue)", LIFECYCLE_SOURCES.rhel,
      [new RegExp(`^rhel${n}(\\.\\d+)?(-?64)?$`)],
      [new RegExp(`(red hat enterprise linux|rhel)( server)? ${n}${V}`)])),
  ...[11, 12, 15].map((n) =>
    linux(`sles-${n}`, `SUSE Linux Enterprise Server ${n}`,
      { 11: "2019-03-31", 12: "2024-10-31", 15: "2031-07-31" }[n]!,
      "end of general support (LTSS may continue)", LIFECYCLE_SOURCES.suse,
      [new RegExp(`^sles${n}(sp\\d+)?(-?64)?$`)],
      [new RegExp(`(suse linux enterprise( server)?|sles) ${n}${V}`)])),
  // Debian 4 and 5 ended before Debian LTS began (with 6, "squeeze").
  ...[4, 5, 6, 7, 8, 9, 10, 11, 12].map((n) =>
    linux(`debian-${n}`, `Debian ${n}`,
      { 4: "2010-02-15", 5: "2012-02-06", 6: "2016-02-29", 7: "2018-05-31", 8: "2020-06-30", 9: "2022-06-30",
        10: "2024-06-30", 11: "2026-08-31", 12: "2028-06-30" }[n]!,
      n <= 5 ? "end of security support" : "end of Debian LTS (Freexian's paid Extended LTS may continue)", LIFECYCLE_SOURCES.debian,
      [new RegExp(`^debian${n}(-?64)?$`)],
      [new RegExp(`debian( gnu/linux)? ${n}${V}`)])),
  ...["14.04", "16.04", "18.04", "20.04"].map((v) =>
    linux(`ubuntu-${v}`, `Ubuntu ${v} LTS`,
      { "14.04": "2019-04-30", "16.04": "2021-04-30", "18.04": "2023-05-31", "20.04": "2025-05-31" }[v]!,
      "end of standard support (Ubuntu Pro ESM may continue)", LIFECYCLE_SOURCES.ubuntu,
      [new RegExp(`^ubuntu${v.replace(".", "\\.")}$`)],
      [new RegExp(`ubuntu( linux)? ${v.replace(".", "\\.")}`)])),
];

/** Proxmox ostype values each name a group of Windows releases. */
const PROXMOX_GROUPS: Record<string, string[]> = {
  w2k: ["windows-2000"],
  wxp: ["windows-xp"],
  w2k3: ["windows-server-2003"],
  w2k8: ["windows-server-2008"],
  wvista: ["windows-vista"],
  win7: ["windows-7", "windows-server-2008-r2"],
  win10: ["windows-10", "windows-server-2016", "windows-server-2019"],
  win11: ["windows-11", "windows-server-2022", "windows-server-2025"],
};

export interface GuestIdentity {
  /** Every release the VM's guest may be; more than one when the source names a group (Proxmox "win10"). */
  candidates: GuestRelease[];
  /** 32 or 64 when the id or name says so. */
  bits: 32 | 64 | null;
  /** Lower-cased human name, for rules that read service packs. */
  name: string;
}

/** "windows2019srv_64Guest" -> "windows2019srv-64"; libvirt "http://microsoft.com/win/2k19" -> "win2k19". */
export function normalizeGuestId(id: string): string {
  let s = id.trim().toLowerCase();
  const url = /^https?:\/\/[^/]+\/(.+?)\/?$/.exec(s);
  if (url) {
    const parts = url[1].split("/");
    s = parts.slice(-2).join("");
  }
  return s.replace(/guest$/, "").replace(/_/g, "-");
}

export function identifyGuest(vm: Pick<NormalizedVm, "guestOs" | "source">): GuestIdentity | null {
  const { id, name } = vm.guestOs;
  const lname = (name ?? "").toLowerCase().replace(/\s+/g, " ");
  const nid = id ? normalizeGuestId(id) : "";
  let candidates: GuestRelease[] = [];
  const byName = lname ? GUEST_RELEASES.filter((g) => g.names.some((re) => re.test(lname))) : [];
  // A human name is more precise than an id ("Windows Server 2012 R2" vs windows8srv-64).
  if (byName.length === 1) candidates = byName;
  else if (nid && vm.source.format === "proxmox" && PROXMOX_GROUPS[nid]) {
    candidates = PROXMOX_GROUPS[nid].map((k) => GUEST_RELEASES.find((g) => g.key === k)!);
  } else if (nid) {
    candidates = GUEST_RELEASES.filter((g) => g.ids.some((re) => re.test(nid)));
  }
  if (candidates.length === 0) return null;
  const bits = /64-bit|\bx64\b|x86-64|amd64/.test(lname) || /64$/.test(nid) ? 64
    : /32-bit|\bx86\b/.test(lname) ? 32 : null;
  return { candidates, bits, name: lname };
}

/** The value every candidate agrees on, or null. */
export function agreed<T>(identity: GuestIdentity, pick: (g: GuestRelease) => T): T | null {
  const values = identity.candidates.map(pick);
  return values.every((v) => v === values[0]) ? values[0] : null;
}

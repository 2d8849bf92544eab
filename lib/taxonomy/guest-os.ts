import type { GuestFamily } from "@/lib/vm/model";
import { GUEST_RELEASES } from "./guest-releases";

/**
 * Guest operating systems, keyed by VMware's VirtualMachineGuestOsIdentifier
 * (vSphere API) with the .vmx spelling of each, plus the identifiers Proxmox
 * (`ostype`), libosinfo (libvirt `<libosinfo:os id>`) and VirtualBox (`OSType`)
 * use for the same systems. Names are ours, written the way vSphere shows them.
 */
export interface GuestOsInfo {
  /** VMware enum value ("windows2019srv_64Guest"), or "proxmox:…"/"virtualbox:…" where VMware has no equivalent. */
  id: string;
  /** The .vmx `guestOS` spelling ("windows2019srv-64"), null where VMware has no equivalent. */
  vmxId: string | null;
  name: string;
  family: GuestFamily;
  bitness: 32 | 64 | null;
  /** Vendor's end of (extended) support, ISO date; null when rolling, unknown or not one date. */
  endOfSupport: string | null;
  /** Requires or is best run with UEFI firmware. */
  prefersEfi: boolean;
  /** The guest has a driver for VMware's paravirtual vmxnet3 NIC (with VMware Tools/open-vm-tools). */
  supportsVmxnet3: boolean;
  /** The guest has (in-box or via virtio-win) drivers for virtio devices. */
  supportsVirtio: boolean;
  /** Other spellings that mean this system: Proxmox ostype, VirtualBox OSType, libosinfo short ids. */
  aliases: readonly string[];
}

interface Extra {
  eol?: string;
  efi?: boolean;
  vmxnet3?: boolean;
  virtio?: boolean;
  vmx?: string;
  bits?: 32 | 64 | null;
  aliases?: string[];
}

/** VMware's rule for .vmx spellings: drop "Guest", "_64"/"64" becomes "-64", lower case. */
function vmxSpelling(id: string): string {
  if (id === "otherGuest64") return "other-64";
  const base = id.replace(/Guest$/, "");
  return base.replace(/_?64$/, "-64").toLowerCase();
}

function bitsOf(id: string): 32 | 64 {
  return /(_64|64)Guest$|Guest64$/.test(id) ? 64 : 32;
}

const NO_VMXNET3 = /^(dos|win31|win95|win98|winMe|winNT|win2000|redhat|rhel2|rhel3|other24x|mandrake|turboLinux|sjds|nld9|solaris[6-9]|os2|eCom|netware|openServer|unixWare|darwin(Guest|64|1\d)|vmkernelGuest|otherGuest|crxPod)/;
const OLD_LINUX_NO_VIRTIO = /^(redhat|rhel[2-5]|centos(Guest|64)|oracleLinux(Guest|64)|suse|sles(Guest|64|10)|nld9|sjds|mandrake|mandriva|turboLinux|debian4|asianux3|other24x|other26x)/;
const WIN_NO_VIRTIO = /^(dos|win31|win95|win98|winMe|winNT|win2000|winXP|winNet)/;
const PREFERS_EFI = /^(windows11|windows12|windows2019srvNext|windows2022srvNext|darwin|rhel(9|10)_|centos9|oracleLinux9|sles16)/;

/** The end of support of a release in lib/taxonomy/guest-releases.ts: each date is written there once. */
function releaseEol(key: string): string | undefined {
  const release = GUEST_RELEASES.find((r) => r.key === key);
  if (!release) throw new Error(`guest-os: no guest release "${key}"`);
  return release.endOfSupport ?? undefined;
}

function os(id: string, name: string, family: GuestFamily, extra: Extra = {}): GuestOsInfo {
  const vmxnet3 = extra.vmxnet3 ?? ((family !== "other" || /^vmkernel[5-8]/.test(id)) && !NO_VMXNET3.test(id));
  const virtio =
    extra.virtio ??
    (family === "linux" ? !OLD_LINUX_NO_VIRTIO.test(id) : family === "windows" ? !WIN_NO_VIRTIO.test(id) : family === "bsd");
  return {
    id,
    vmxId: extra.vmx ?? vmxSpelling(id),
    name,
    family,
    bitness: extra.bits === undefined ? bitsOf(id) : extra.bits,
    endOfSupport: extra.eol ?? null,
    prefersEfi: extra.efi ?? PREFERS_EFI.test(id),
    supportsVmxnet3: vmxnet3,
    supportsVirtio: virtio,
    aliases: extra.aliases ?? [],
  };
}

/** A 32-bit and a 64-bit record of the same system. */
function pair(id32: string, id64: string, name: string, family: GuestFamily, extra: Extra = {}, extra64: Extra = {}): GuestOsInfo[] {
  return [
    os(id32, `${name} (32-bit)`, family, { ...extra, aliases: extra.aliases }),
    os(id64, `${name} (64-bit)`, family, { ...extra, aliases: undefined, ...extra64 }),
  ];
}

const W = "windows" as const;
const L = "linux" as const;

function windowsRecords(): GuestOsInfo[] {
  return [
    os("dosGuest", "MS-DOS", "other", { bits: null, aliases: ["DOS"] }),
    os("win31Guest", "Microsoft Windows 3.1", W, { bits: null, eol: "2001-12-31", aliases: ["Windows31"] }),
    os("win95Guest", "Microsoft Windows 95", W, { eol: "2001-12-31", aliases: ["Windows95"] }),
    os("win98Guest", "Microsoft Windows 98", W, { eol: "2006-07-11", aliases: ["Windows98", "http://microsoft.com/win/98"] }),
    os("winMeGuest", "Microsoft Windows Millennium Edition", W, { eol: "2006-07-11", aliases: ["WindowsMe", "http://microsoft.com/win/me"] }),
    os("winNTGuest", "Microsoft Windows NT 4", W, { eol: "2004-12-31", aliases: ["WindowsNT4", "http://microsoft.com/win/nt4"] }),
    os("win2000ProGuest", "Microsoft Windows 2000 Professional", W, { eol: releaseEol("windows-2000"), vmx: "win2000pro" }),
    os("win2000ServGuest", "Microsoft Windows 2000 Server", W, { eol: releaseEol("windows-2000"), vmx: "win2000serv", aliases: ["Windows2000", "http://microsoft.com/win/2k"] }),
    os("win2000AdvServGuest", "Microsoft Windows 2000 Advanced Server", W, { eol: releaseEol("windows-2000"), vmx: "win2000advserv" }),
    os("winXPHomeGuest", "Microsoft Windows XP Home Edition", W, { eol: releaseEol("windows-xp") }),
    ...pair("winXPProGuest", "winXPPro64Guest", "Microsoft Windows XP Professional", W, { eol: releaseEol("windows-xp"), aliases: ["WindowsXP", "http://microsoft.com/win/xp", "winxp"] }, { aliases: ["WindowsXP_64"] }),
    os("winNetWebGuest", "Microsoft Windows Server 2003 Web Edition (32-bit)", W, { eol: releaseEol("windows-server-2003") }),
    ...pair("winNetStandardGuest", "winNetStandard64Guest", "Microsoft Windows Server 2003 Standard", W, { eol: releaseEol("windows-server-2003"), aliases: ["Windows2003", "http://microsoft.com/win/2k3", "http://microsoft.com/win/2k3r2", "win2k3"] }, { aliases: ["Windows2003_64"] }),
    ...pair("winNetEnterpriseGuest", "winNetEnterprise64Guest", "Microsoft Windows Server 2003 Enterprise", W, { eol: releaseEol("windows-server-2003") }),
    ...pair("winNetDatacenterGuest", "winNetDatacenter64Guest", "Microsoft Windows Server 2003 Datacenter", W, { eol: releaseEol("windows-server-2003") }),
    os("winNetBusinessGuest", "Microsoft Small Business Server 2003", W, { eol: releaseEol("windows-server-2003") }),
    ...pair("winLonghornGuest", "winLonghorn64Guest", "Microsoft Windows Server 2008", W,
      { eol: releaseEol("windows-server-2008"), vmx: "longhorn", aliases: ["Windows2008"] },
      { vmx: "longhorn-64", aliases: ["http://microsoft.com/win/2k8", "win2k8"] }),
    ...pair("winVistaGuest", "winVista64Guest", "Microsoft Windows Vista", W, { eol: releaseEol("windows-vista"), aliases: ["WindowsVista", "http://microsoft.com/win/vista"] }, { aliases: ["WindowsVista_64"] }),
    ...pair("windows7Guest", "windows7_64Guest", "Microsoft Windows 7", W, { eol: releaseEol("windows-7"), aliases: ["Windows7"] }, { aliases: ["Windows7_64", "http://microsoft.com/win/7"] }),
    os("windows7Server64Guest", "Microsoft Windows Server 2008 R2 (64-bit)", W, { eol: releaseEol("windows-server-2008-r2"), vmx: "windows7srv-64", aliases: ["http://microsoft.com/win/2k8r2", "win2k8r2"] }),
    ...pair("windows8Guest", "windows8_64Guest", "Microsoft Windows 8.x", W, { eol: "2023-01-10", aliases: ["Windows8", "Windows81"] }, { aliases: ["Windows8_64", "Windows81_64", "http://microsoft.com/win/8", "http://microsoft.com/win/8.1"] }),
    os("windows8Server64Guest", "Microsoft Windows Server 2012 / 2012 R2 (64-bit)", W, { eol: releaseEol("windows-server-2012"), vmx: "windows8srv-64", aliases: ["Windows2012_64", "http://microsoft.com/win/2k12", "http://microsoft.com/win/2k12r2", "win2k12", "win2k12r2"] }),
    ...pair("windows9Guest", "windows9_64Guest", "Microsoft Windows 10", W, { eol: releaseEol("windows-10"), aliases: ["Windows10"] }, { aliases: ["Windows10_64", "http://microsoft.com/win/10"] }),
    os("windows9Server64Guest", "Microsoft Windows Server 2016 (64-bit)", W, { eol: releaseEol("windows-server-2016"), vmx: "windows9srv-64", aliases: ["Windows2016_64", "http://microsoft.com/win/2k16", "win2k16"] }),
    os("windows2019srv_64Guest", "Microsoft Windows Server 2019 (64-bit)", W, { eol: releaseEol("windows-server-2019"), aliases: ["Windows2019_64", "http://microsoft.com/win/2k19", "win2k19"] }),
    os("windows2019srvNext_64Guest", "Microsoft Windows Server 2022 (64-bit)", W, { eol: releaseEol("windows-server-2022"), aliases: ["Windows2022_64", "http://microsoft.com/win/2k22", "win2k22"] }),
    os("windows2022srvNext_64Guest", "Microsoft Windows Server 2025 (64-bit)", W, { eol: releaseEol("windows-server-2025"), aliases: ["Windows2025_64", "http://microsoft.com/win/2k25", "win2k25"] }),
    os("windows11_64Guest", "Microsoft Windows 11 (64-bit)", W, { aliases: ["Windows11_64", "http://microsoft.com/win/11"] }),
    os("windows12_64Guest", "Microsoft Windows (release after 11, 64-bit)", W),
    os("windowsHyperVGuest", "Microsoft Hyper-V Server", W, { bits: 64, vmx: "winhyperv" }),
  ];
}

function linuxRecords(): GuestOsInfo[] {
  const debian = [4, 5, 6, 7, 8, 9, 10, 11, 12].flatMap((n) =>
    pair(`debian${n}Guest`, `debian${n}_64Guest`, `Debian GNU/Linux ${n}`, L, { eol: releaseEol(`debian-${n}`) }, { aliases: n >= 10 ? [`Debian${n}_64`] : [] }),
  );
  return [
    os("redhatGuest", "Red Hat Linux", L, { aliases: [] }),
    os("rhel2Guest", "Red Hat Enterprise Linux 2.1", L, { eol: "2009-05-31" }),
    ...pair("rhel3Guest", "rhel3_64Guest", "Red Hat Enterprise Linux 3", L, { eol: "2010-10-31" }),
    ...pair("rhel4Guest", "rhel4_64Guest", "Red Hat Enterprise Linux 4", L, { eol: "2012-02-29" }),
    ...pair("rhel5Guest", "rhel5_64Guest", "Red Hat Enterprise Linux 5", L, { eol: releaseEol("rhel-5") }),
    ...pair("rhel6Guest", "rhel6_64Guest", "Red Hat Enterprise Linux 6", L, { eol: releaseEol("rhel-6") }, { aliases: ["RedHat6_64"] }),
    ...pair("rhel7Guest", "rhel7_64Guest", "Red Hat Enterprise Linux 7", L, { eol: releaseEol("rhel-7") }, { aliases: ["RedHat7_64"] }),
    os("rhel8_64Guest", "Red Hat Enterprise Linux 8 (64-bit)", L, { eol: releaseEol("rhel-8"), aliases: ["RedHat8_64"] }),
    os("rhel9_64Guest", "Red Hat Enterprise Linux 9 (64-bit)", L, { eol: releaseEol("rhel-9"), aliases: ["RedHat9_64"] }),
    os("rhel10_64Guest", "Red Hat Enterprise Linux 10 (64-bit)", L, { eol: "2035-05-31" }),
    ...pair("centosGuest", "centos64Guest", "CentOS 4/5", L, { eol: "2017-03-31" }),
    ...pair("centos6Guest", "centos6_64Guest", "CentOS 6", L, { eol: releaseEol("centos-6") }),
    ...pair("centos7Guest", "centos7_64Guest", "CentOS 7", L, { eol: releaseEol("centos-7") }),
    os("centos8_64Guest", "CentOS 8 (64-bit)", L, { eol: releaseEol("centos-8") }),
    os("centos9_64Guest", "CentOS Stream 9 (64-bit)", L, { eol: "2027-05-31" }),
    ...pair("oracleLinuxGuest", "oracleLinux64Guest", "Oracle Linux 4/5", L, {}, { aliases: ["Oracle_64"] }),
    ...pair("oracleLinux6Guest", "oracleLinux6_64Guest", "Oracle Linux 6", L, {}, { aliases: ["Oracle6_64"] }),
    ...pair("oracleLinux7Guest", "oracleLinux7_64Guest", "Oracle Linux 7", L, {}, { aliases: ["Oracle7_64"] }),
    os("oracleLinux8_64Guest", "Oracle Linux 8 (64-bit)", L, { aliases: ["Oracle8_64"] }),
    os("oracleLinux9_64Guest", "Oracle Linux 9 (64-bit)", L, { aliases: ["Oracle9_64"] }),
    ...pair("suseGuest", "suse64Guest", "SUSE Linux", L),
    ...pair("slesGuest", "sles64Guest", "SUSE Linux Enterprise Server 9", L, { eol: "2011-08-31" }),
    ...pair("sles10Guest", "sles10_64Guest", "SUSE Linux Enterprise Server 10", L, { eol: "2013-07-31" }),
    ...pair("sles11Guest", "sles11_64Guest", "SUSE Linux Enterprise Server 11", L, { eol: releaseEol("sles-11") }),
    ...pair("sles12Guest", "sles12_64Guest", "SUSE Linux Enterprise Server 12", L, { eol: releaseEol("sles-12") }),
    os("sles15_64Guest", "SUSE Linux Enterprise Server 15 (64-bit)", L, { eol: releaseEol("sles-15") }),
    os("sles16_64Guest", "SUSE Linux Enterprise Server 16 (64-bit)", L),
    os("nld9Guest", "Novell Linux Desktop 9", L),
    os("oesGuest", "Open Enterprise Server", L),
    os("sjdsGuest", "Sun Java Desktop System", L),
    os("mandrakeGuest", "Mandrake Linux", L),
    ...pair("mandrivaGuest", "mandriva64Guest", "Mandriva Linux", L, { aliases: ["Mandriva"] }, { aliases: ["Mandriva_64"] }),
    ...pair("turboLinuxGuest", "turboLinux64Guest", "Turbolinux", L, { aliases: ["Turbolinux"] }, { aliases: ["Turbolinux_64"] }),
    ...pair("ubuntuGuest", "ubuntu64Guest", "Ubuntu Linux", L, { aliases: ["Ubuntu"] }, {
      aliases: ["Ubuntu_64", "Ubuntu14_LTS_64", "Ubuntu16_LTS_64", "Ubuntu18_LTS_64", "Ubuntu20_LTS_64", "Ubuntu22_LTS_64", "Ubuntu24_LTS_64"],
    }),
    ...debian,
    os("debian13_64Guest", "Debian GNU/Linux 13 (64-bit)", L),
    ...pair("asianux3Guest", "asianux3_64Guest", "Asianux Server 3", L),
    ...pair("asianux4Guest", "asianux4_64Guest", "Asianux Server 4", L),
    os("asianux5_64Guest", "Asianux Server 5 (64-bit)", L),
    os("asianux7_64Guest", "Asianux Server 7 (64-bit)", L),
    os("asianux8_64Guest", "Asianux Server 8 (64-bit)", L),
    os("asianux9_64Guest", "Asianux Server 9 (64-bit)", L),
    ...pair("opensuseGuest", "opensuse64Guest", "openSUSE", L, { aliases: ["OpenSUSE"] }, { aliases: ["OpenSUSE_64", "OpenSUSE_Leap_64", "OpenSUSE_Tumbleweed_64"] }),
    ...pair("fedoraGuest", "fedora64Guest", "Fedora Linux", L, { aliases: ["Fedora"] }, { aliases: ["Fedora_64"] }),
    os("coreos64Guest", "CoreOS Container Linux (64-bit)", L, { eol: "2020-05-26" }),
    os("vmwarePhoton64Guest", "VMware Photon OS (64-bit)", L, { vmx: "vmware-photon-64" }),
    os("other24xLinuxGuest", "Other 2.4.x Linux (32-bit)", L, { aliases: ["Linux24", "Linux22"] }),
    os("other26xLinuxGuest", "Other 2.6.x Linux (32-bit)", L, { aliases: ["Linux26"] }),
    os("otherLinuxGuest", "Other Linux (32-bit)", L, { aliases: ["Linux", "ArchLinux", "Gentoo"] }),
    os("other3xLinuxGuest", "Other 3.x Linux (32-bit)", L),
    os("other4xLinuxGuest", "Other 4.x Linux (32-bit)", L),
    os("other5xLinuxGuest", "Other 5.x Linux (32-bit)", L),
    os("other6xLinuxGuest", "Other 6.x Linux (32-bit)", L),
    os("genericLinuxGuest", "Other Linux", L, { bits: null }),
    os("other24xLinux64Guest", "Other 2.4.x Linux (64-bit)", L, { aliases: ["Linux24_64"] }),
    os("other26xLinux64Guest", "Other 2.6.x Linux (64-bit)", L, { aliases: ["Linux26_64"] }),
    os("other3xLinux64Guest", "Other 3.x Linux (64-bit)", L),
    os("other4xLinux64Guest", "Other 4.x Linux (64-bit)", L),
    os("other5xLinux64Guest", "Other 5.x Linux (64-bit)", L),
    os("other6xLinux64Guest", "Other 6.x Linux (64-bit)", L),
    os("otherLinux64Guest", "Other Linux (64-bit)", L, { aliases: ["Linux_64", "ArchLinux_64", "Gentoo_64"] }),
    os("amazonlinux2_64Guest", "Amazon Linux 2 (64-bit)", L, { eol: "2026-06-30" }),
    os("amazonlinux3_64Guest", "Amazon Linux 2023 (64-bit)", L),
    os("rockylinux_64Guest", "Rocky Linux (64-bit)", L),
    os("almalinux_64Guest", "AlmaLinux (64-bit)", L),
    os("fusionos_64Guest", "FusionOS (64-bit)", L),
    os("prolinux_64Guest", "ProLinux (64-bit)", L),
    os("kylinlinux_64Guest", "Kylin Linux Advanced Server (64-bit)", L),
  ];
}

function unixAndOtherRecords(): GuestOsInfo[] {
  const bsdEol: Record<number, string> = { 11: "2021-09-30", 12: "2023-12-31", 13: "2026-04-30" };
  const freebsd = [11, 12, 13, 14].flatMap((n) =>
    pair(`freebsd${n}Guest`, `freebsd${n}_64Guest`, `FreeBSD ${n}`, "bsd", { eol: bsdEol[n] }),
  );
  const darwinNames: [number, string][] = [
    [10, "Apple Mac OS X 10.6"], [11, "Apple Mac OS X 10.7"], [12, "Apple OS X 10.8"], [13, "Apple OS X 10.9"],
    [14, "Apple OS X 10.10"], [15, "Apple OS X 10.11"], [16, "Apple macOS 10.12"], [17, "Apple macOS 10.13"],
    [18, "Apple macOS 10.14"], [19, "Apple macOS 10.15"], [20, "Apple macOS 11"], [21, "Apple macOS 12"],
    [22, "Apple macOS 13"], [23, "Apple macOS 14"],
  ];
  const darwin = darwinNames.flatMap(([n, name]) =>
    n <= 11
      ? pair(`darwin${n}Guest`, `darwin${n}_64Guest`, name, "macos")
      : [os(`darwin${n}_64Guest`, `${name} (64-bit)`, "macos", n >= 20 ? { vmxnet3: true } : {})],
  );
  return [
    ...pair("freebsdGuest", "freebsd64Guest", "FreeBSD 10 or earlier", "bsd", { aliases: ["FreeBSD"] }, { aliases: ["FreeBSD_64"] }),
    ...freebsd,
    os("solaris6Guest", "Sun Solaris 6", "solaris"),
    os("solaris7Guest", "Sun Solaris 7", "solaris"),
    os("solaris8Guest", "Sun Solaris 8", "solaris"),
    os("solaris9Guest", "Sun Solaris 9", "solaris"),
    ...pair("solaris10Guest", "solaris10_64Guest", "Oracle Solaris 10", "solaris", {}, { aliases: ["Solaris_64"] }),
    os("solaris11_64Guest", "Oracle Solaris 11 (64-bit)", "solaris", { aliases: ["Solaris11_64", "http://oracle.com/solaris/11"] }),
    ...pair("darwinGuest", "darwin64Guest", "Apple Mac OS X 10.5", "macos", { aliases: ["MacOS"] }, { aliases: ["MacOS_64"] }),
    ...darwin,
    os("os2Guest", "IBM OS/2", "other", { aliases: ["OS2", "OS2Warp45"] }),
    os("eComStationGuest", "Serenity Systems eComStation 1", "other"),
    os("eComStation2Guest", "Serenity Systems eComStation 2", "other"),
    os("netware4Guest", "Novell NetWare 4", "other"),
    os("netware5Guest", "Novell NetWare 5.1", "other"),
    os("netware6Guest", "Novell NetWare 6.x", "other", { aliases: ["Netware"] }),
    os("openServer5Guest", "SCO OpenServer 5", "other"),
    os("openServer6Guest", "SCO OpenServer 6", "other"),
    os("unixWare7Guest", "SCO UnixWare 7", "other"),
    os("vmkernelGuest", "VMware ESX 4.x", "other", { bits: 64 }),
    os("vmkernel5Guest", "VMware ESXi 5.x", "other", { bits: 64 }),
    os("vmkernel6Guest", "VMware ESXi 6.0", "other", { bits: 64 }),
    os("vmkernel65Guest", "VMware ESXi 6.5 and later", "other", { bits: 64 }),
    os("vmkernel7Guest", "VMware ESXi 7.0 and later", "other", { bits: 64 }),
    os("vmkernel8Guest", "VMware ESXi 8.0 and later", "other", { bits: 64 }),
    os("crxPod1Guest", "VMware vSphere Pod (CRX)", "other", { bits: 64 }),
    os("otherGuest", "Other (32-bit)", "other", { aliases: ["Other"] }),
    os("otherGuest64", "Other (64-bit)", "other", { aliases: ["Other_64"] }),
  ];
}

/**
 * Proxmox `ostype` and VirtualBox types that name a group of releases rather
 * than one: mapping them to a single VMware identifier would invent a version.
 */
function groupRecords(): GuestOsInfo[] {
  const g = (id: string, name: string, family: GuestFamily, extra: Extra): GuestOsInfo =>
    os(id, name, family, { vmx: "", bits: null, ...extra });
  const records = [
    // Names are the labels of Proxmox VE's GUI for each ostype (qm.conf(5)).
    g("proxmox:other", "Other OS types", "other", { virtio: false, vmxnet3: false }),
    g("proxmox:wxp", "Microsoft Windows XP", W, { eol: releaseEol("windows-xp"), virtio: false, aliases: ["wxp"] }),
    g("proxmox:w2k", "Microsoft Windows 2000", W, { eol: releaseEol("windows-2000"), virtio: false, vmxnet3: false, aliases: ["w2k"] }),
    g("proxmox:w2k3", "Microsoft Windows 2003", W, { eol: releaseEol("windows-server-2003"), virtio: false, aliases: ["w2k3"] }),
    g("proxmox:w2k8", "Microsoft Windows 2008", W, { aliases: ["w2k8"] }),
    g("proxmox:wvista", "Microsoft Windows Vista", W, { eol: releaseEol("windows-vista"), aliases: ["wvista"] }),
    g("proxmox:win7", "Microsoft Windows 7", W, { eol: releaseEol("windows-7"), aliases: ["win7"] }),
    g("proxmox:win8", "Microsoft Windows 8/2012/2012r2", W, { aliases: ["win8"] }),
    g("proxmox:win10", "Microsoft Windows 10/2016/2019", W, { aliases: ["win10"] }),
    g("proxmox:win11", "Microsoft Windows 11/2022/2025", W, { efi: true, bits: 64, aliases: ["win11"] }),
    g("proxmox:l24", "Linux 2.4 Kernel", L, { virtio: false, vmxnet3: false, aliases: ["l24"] }),
    g("proxmox:l26", "Linux 2.6 - 6.X Kernel", L, { aliases: ["l26"] }),
    g("proxmox:solaris", "Solaris/OpenSolaris/OpenIndiana kernel", "solaris", { aliases: ["solaris"] }),
    g("virtualbox:Debian", "Debian GNU/Linux (32-bit)", L, { bits: 32, aliases: ["Debian"] }),
    g("virtualbox:Debian_64", "Debian GNU/Linux (64-bit)", L, { bits: 64, aliases: ["Debian_64"] }),
    g("virtualbox:RedHat", "Red Hat Enterprise Linux (32-bit)", L, { bits: 32, aliases: ["RedHat"] }),
    g("virtualbox:RedHat_64", "Red Hat Enterprise Linux (64-bit)", L, { bits: 64, aliases: ["RedHat_64"] }),
    g("virtualbox:Windows2008_64", "Microsoft Windows Server 2008 / 2008 R2 (64-bit)", W, { bits: 64, eol: releaseEol("windows-server-2008"), aliases: ["Windows2008_64"] }),
  ];
  return records.map((r) => ({ ...r, vmxId: null }));
}

export const GUEST_OS_CATALOGUE: readonly GuestOsInfo[] = [
  ...windowsRecords(), ...linuxRecords(), ...unixAndOtherRecords(), ...groupRecords(),
];

/** Keys with separators and a "Guest" suffix removed, so "otherLinux64Guest", "otherlinux-64" and "other-linux-64" meet. */
function looseKey(id: string): string {
  return id.toLowerCase().replace(/guest(64)?$/, "$1").replace(/[^a-z0-9]/g, "");
}

interface Index { exact: Map<string, GuestOsInfo>; loose: Map<string, GuestOsInfo> }
let indexCache: Index | null = null;

function index(): Index {
  if (indexCache) return indexCache;
  const exact = new Map<string, GuestOsInfo>();
  const loose = new Map<string, GuestOsInfo>();
  const add = (spelling: string, info: GuestOsInfo) => {
    const e = spelling.toLowerCase();
    if (!exact.has(e)) exact.set(e, info);
    const l = looseKey(spelling);
    if (l && !loose.has(l)) loose.set(l, info);
  };
  // VMware spellings first: where a short alias collides ("other"), VMware's meaning wins.
  for (const info of GUEST_OS_CATALOGUE) {
    add(info.id, info);
    if (info.vmxId) add(info.vmxId, info);
  }
  for (const info of GUEST_OS_CATALOGUE) for (const a of info.aliases) add(a, info);
  indexCache = { exact, loose };
  return indexCache;
}

function byId(id: string): GuestOsInfo | null {
  return index().exact.get(id.toLowerCase()) ?? null;
}

/** libosinfo URIs ("http://redhat.com/rhel/8.6") and short ids ("rhel8.6", "ubuntu22.04", "win2k19"). */
function fromLibosinfo(raw: string): GuestOsInfo | null {
  const s = raw.toLowerCase().replace(/^https?:\/\//, "");
  const num = (m: RegExpExecArray | null) => (m ? Number(m[1]) : NaN);
  let m: RegExpExecArray | null;
  if ((m = /^microsoft\.com\/win\/([\w.]+)$/.exec(s))) return byId(`http://microsoft.com/win/${m[1]}`);
  if ((m = /^(?:redhat\.com\/rhel\/|rhel)(\d+)(?:\.\d+)?$/.exec(s))) {
    const n = num(m);
    if (n === 2) return byId("rhel2Guest");
    return n >= 3 && n <= 10 ? byId(`rhel${n}_64Guest`) : null;
  }
  if ((m = /^(?:centos\.org\/centos-stream\/|centos-stream)(\d+)$/.exec(s))) {
    return num(m) === 9 ? byId("centos9_64Guest") : num(m) === 8 ? byId("centos8_64Guest") : null;
  }
  if ((m = /^(?:centos\.org\/centos\/|centos)(\d+)(?:\.\d+)?$/.exec(s))) {
    const n = num(m);
    return n >= 6 && n <= 8 ? byId(`centos${n}_64Guest`) : n === 4 || n === 5 ? byId("centos64Guest") : null;
  }
  if (/^(?:ubuntu\.com\/ubuntu\/|ubuntu)\d+\.\d+$/.test(s)) return byId("ubuntu64Guest");
  if ((m = /^(?:debian\.org\/debian\/|debian)(\d+)(?:\.\d+)?$/.exec(s))) {
    const n = num(m);
    return n >= 4 && n <= 13 ? byId(`debian${n}_64Guest`) : null;
  }
  if ((m = /^(?:suse\.com\/sles\/|sles)(\d+)(?:(?:\.|sp)\d+)?$/.exec(s))) {
    const n = num(m);
    return n === 9 ? byId("sles64Guest") : [10, 11, 12, 15, 16].includes(n) ? byId(`sles${n}_64Guest`) : null;
  }
  if (/^(?:opensuse\.org\/opensuse\/|opensuse)/.test(s)) return byId("opensuse64Guest");
  if (/^(?:fedoraproject\.org\/fedora\/|fedora)\d+$/.test(s)) return byId("fedora64Guest");
  if ((m = /^(?:oracle\.com\/ol\/|ol)(\d+)(?:\.\d+)?$/.exec(s))) {
    const n = num(m);
    return n >= 6 && n <= 9 ? byId(`oracleLinux${n}_64Guest`) : n === 4 || n === 5 ? byId("oracleLinux64Guest") : null;
  }
  if (/^(?:rockylinux\.org\/rocky\/|rocky)\d+/.test(s)) return byId("rockylinux_64Guest");
  if (/^(?:almalinux\.org\/almalinux\/|almalinux)\d+/.test(s)) return byId("almalinux_64Guest");
  if ((m = /^(?:freebsd\.org\/freebsd\/|freebsd)(\d+)(?:\.\d+)?$/.exec(s))) {
    const n = num(m);
    return n >= 11 && n <= 14 ? byId(`freebsd${n}_64Guest`) : byId("freebsd64Guest");
  }
  if (/^vmware\.com\/photon\//.test(s)) return byId("vmwarePhoton64Guest");
  if (/^amazon\.com\/amazonlinux\/2023/.test(s)) return byId("amazonlinux3_64Guest");
  if (/^amazon\.com\/amazonlinux\/2/.test(s)) return byId("amazonlinux2_64Guest");
  if (/^(?:sun|oracle)\.com\/solaris\/11/.test(s)) return byId("solaris11_64Guest");
  if (/^libosinfo\.org\/linux\//.test(s)) return byId("otherLinux64Guest");
  return null;
}

/**
 * The catalogue entry for any spelling of a guest OS identifier: VMware enum
 * ("rhel8_64Guest"), .vmx ("rhel8-64"), Proxmox ostype ("l26"), libosinfo
 * ("http://redhat.com/rhel/8.6"), VirtualBox OSType ("RedHat8_64"). Case-insensitive.
 */
export function lookupGuestOs(id: string): GuestOsInfo | null {
  const s = id.trim();
  if (!s) return null;
  const { exact, loose } = index();
  return exact.get(s.toLowerCase()) ?? fromLibosinfo(s) ?? loose.get(looseKey(s)) ?? null;
}

const FAMILY_WORDS: [GuestFamily, RegExp][] = [
  // macOS first: "darwin" contains "win".
  ["macos", /\b(darwin|mac ?os|os ?x|osx)/i],
  ["windows", /\b(win|microsoft|w2k)|^w(xp|vista)$/i],
  ["bsd", /bsd|opnsense|pfsense/i],
  ["solaris", /solaris|sunos|illumos|openindiana|smartos/i],
  ["linux", /linux|rhel|red ?hat|centos|ubuntu|debian|suse|sles|fedora|rocky|alma|photon|coreos|gentoo|\barch|mandr|kylin|asianux|\bl2[46]\b/i],
];

/** A family for any identifier or free-text OS name; null when nothing in it names one. */
export function guessGuestFamily(nameOrId: string): GuestFamily | null {
  const known = lookupGuestOs(nameOrId);
  if (known) return known.family;
  for (const [family, re] of FAMILY_WORDS) if (re.test(nameOrId)) return family;
  return null;
}

/** True when the vendor's support ended before `at`. */
export function isPastEndOfSupport(info: Pick<GuestOsInfo, "endOfSupport">, at: Date): boolean {
  return info.endOfSupport !== null && new Date(`${info.endOfSupport}T00:00:00Z`).getTime() <= at.getTime();
}

/** The family for any identifier or OS name a source writes; null when it is empty or names none. */
export function guestFamilyOf(idOrName: string | null | undefined): GuestFamily | null {
  return idOrName ? guessGuestFamily(idOrName) : null;
}

/**
 * The name of a VMware guest identifier, in .vmx ("windows2019srv-64") or vSphere API spelling
 * ("windows2019srv_64Guest"); null for an id VMware does not define (no name is invented).
 */
export function vmwareGuestName(id: string | null | undefined): string | null {
  if (!id) return null;
  const info = lookupGuestOs(id);
  return info && info.vmxId ? info.name : null;
}

/** The record of a Proxmox `ostype` (qm.conf(5)): each names a kernel or a group of Windows releases. */
export function proxmoxOstype(ostype: string): GuestOsInfo | null {
  return byId(`proxmox:${ostype.trim()}`);
}

const LIBOSINFO_VENDORS: Record<string, string> = {
  "microsoft.com/win": "Microsoft Windows",
  "ubuntu.com/ubuntu": "Ubuntu",
  "debian.org/debian": "Debian",
  "redhat.com/rhel": "Red Hat Enterprise Linux",
  "centos.org/centos": "CentOS",
  "centos.org/centos-stream": "CentOS Stream",
  "fedoraproject.org/fedora": "Fedora",
  "rockylinux.org/rocky": "Rocky Linux",
  "almalinux.org/almalinux": "AlmaLinux",
  "suse.com/sles": "SUSE Linux Enterprise Server",
  "opensuse.org/opensuse": "openSUSE",
  "oracle.com/ol": "Oracle Linux",
  "freebsd.org/freebsd": "FreeBSD",
  "archlinux.org/archlinux": "Arch Linux",
  "alpinelinux.org/alpinelinux": "Alpine Linux",
};

const WINDOWS_RELEASES: Record<string, string> = {
  "2k25": "Server 2025", "2k22": "Server 2022", "2k19": "Server 2019", "2k16": "Server 2016",
  "2k12r2": "Server 2012 R2", "2k12": "Server 2012", "2k8r2": "Server 2008 R2", "2k8": "Server 2008",
  "2k3": "Server 2003", "11": "11", "10": "10", "8.1": "8.1", "7": "7", "xp": "XP",
};

/** Readable name for a libosinfo id such as "http://microsoft.com/win/2k19" or "http://ubuntu.com/ubuntu/22.04". */
export function libosinfoName(id: string): string | null {
  const m = /^https?:\/\/(?:www\.)?([^/]+\/[^/]+)\/(.+)$/.exec(id.trim());
  if (!m) return null;
  const vendor = LIBOSINFO_VENDORS[m[1].toLowerCase()];
  if (!vendor) return null;
  const release = m[1].toLowerCase() === "microsoft.com/win" ? WINDOWS_RELEASES[m[2].toLowerCase()] ?? m[2] : m[2];
  return `${vendor} ${release}`;
}

/**
 * Family of a CIM_OperatingSystem.OSType number (the ovf:id of an
 * OperatingSystemSection, DMTF DSP0004/CIM schema ValueMap). Only the values
 * whose family is unambiguous are listed; e.g. 94 = "Ubuntu 64-Bit",
 * 103 = "Microsoft Windows Server 2008 R2", 78 = "FreeBSD 64-Bit".
 */
const RANGES: [number, number, GuestFamily][] = [
  [1, 1, "other"], [2, 2, "macos"], [16, 19, "windows"], [29, 30, "solaris"], [36, 36, "linux"],
  [41, 43, "bsd"], [58, 58, "windows"], [63, 63, "windows"], [65, 65, "bsd"], [67, 67, "windows"],
  [69, 77, "windows"], [78, 78, "bsd"], [79, 80, "linux"], [81, 81, "solaris"], [82, 101, "linux"],
  [102, 102, "other"], [103, 103, "windows"], [104, 104, "other"], [105, 105, "windows"],
  [106, 109, "linux"], [111, 121, "windows"],
];

export function cimOsFamily(id: string | null): GuestFamily | null {
  if (id == null || !/^\d+$/.test(id)) return null;
  const n = Number(id);
  return RANGES.find(([lo, hi]) => n >= lo && n <= hi)?.[2] ?? null;
}

import type { GuestFamily } from "@/lib/vm/model";

/**
 * A small map of common VMware guestOS ids (the vSphere API's
 * VirtualMachineGuestOsIdentifier values, minus the "Guest" suffix, which is
 * how .vmx and vmw:osType spell them). A full catalogue lives elsewhere; an
 * id not listed keeps a null name rather than an invented one.
 */
const VMWARE_NAMES: Record<string, string> = {
  "windows2022srvnext-64": "Microsoft Windows Server 2025 (64-bit)",
  "windows2019srvnext-64": "Microsoft Windows Server 2022 (64-bit)",
  "windows2019srv-64": "Microsoft Windows Server 2019 (64-bit)",
  "windows9srv-64": "Microsoft Windows Server 2016 (64-bit)",
  "windows8srv-64": "Microsoft Windows Server 2012 (64-bit)",
  "windows7srv-64": "Microsoft Windows Server 2008 R2 (64-bit)",
  "winlonghorn-64": "Microsoft Windows Server 2008 (64-bit)",
  "winlonghorn": "Microsoft Windows Server 2008 (32-bit)",
  "winnetenterprise-64": "Microsoft Windows Server 2003 Enterprise (64-bit)",
  "winnetenterprise": "Microsoft Windows Server 2003 Enterprise (32-bit)",
  "winnetstandard": "Microsoft Windows Server 2003 Standard (32-bit)",
  "windows11-64": "Microsoft Windows 11 (64-bit)",
  "windows9-64": "Microsoft Windows 10 (64-bit)",
  "windows9": "Microsoft Windows 10 (32-bit)",
  "windows8-64": "Microsoft Windows 8 (64-bit)",
  "windows8": "Microsoft Windows 8 (32-bit)",
  "windows7-64": "Microsoft Windows 7 (64-bit)",
  "windows7": "Microsoft Windows 7 (32-bit)",
  "winvista": "Microsoft Windows Vista (32-bit)",
  "winxppro": "Microsoft Windows XP Professional (32-bit)",
  "win2000serv": "Microsoft Windows 2000 Server",
  "ubuntu-64": "Ubuntu Linux (64-bit)",
  "ubuntu": "Ubuntu Linux (32-bit)",
  "debian12-64": "Debian GNU/Linux 12 (64-bit)",
  "debian11-64": "Debian GNU/Linux 11 (64-bit)",
  "debian10-64": "Debian GNU/Linux 10 (64-bit)",
  "debian6": "Debian GNU/Linux 6 (32-bit)",
  "rhel9-64": "Red Hat Enterprise Linux 9 (64-bit)",
  "rhel8-64": "Red Hat Enterprise Linux 8 (64-bit)",
  "rhel7-64": "Red Hat Enterprise Linux 7 (64-bit)",
  "rhel6-64": "Red Hat Enterprise Linux 6 (64-bit)",
  "rhel5": "Red Hat Enterprise Linux 5 (32-bit)",
  "centos8-64": "CentOS 8 (64-bit)",
  "centos7-64": "CentOS 7 (64-bit)",
  "rockylinux-64": "Rocky Linux (64-bit)",
  "almalinux-64": "AlmaLinux (64-bit)",
  "oraclelinux9-64": "Oracle Linux 9 (64-bit)",
  "oraclelinux8-64": "Oracle Linux 8 (64-bit)",
  "sles15-64": "SUSE Linux Enterprise 15 (64-bit)",
  "sles12-64": "SUSE Linux Enterprise 12 (64-bit)",
  "photon-64": "VMware Photon OS (64-bit)",
  "other6xlinux-64": "Other 6.x or later Linux (64-bit)",
  "other5xlinux-64": "Other 5.x Linux (64-bit)",
  "other4xlinux-64": "Other 4.x Linux (64-bit)",
  "other3xlinux-64": "Other 3.x Linux (64-bit)",
  "other26xlinux-64": "Other 2.6.x Linux (64-bit)",
  "other26xlinux": "Other 2.6.x Linux (32-bit)",
  "otherlinux-64": "Other Linux (64-bit)",
  "otherlinux": "Other Linux (32-bit)",
  "freebsd14-64": "FreeBSD 14 (64-bit)",
  "freebsd13-64": "FreeBSD 13 (64-bit)",
  "freebsd-64": "FreeBSD (64-bit)",
  "solaris11-64": "Oracle Solaris 11 (64-bit)",
  "solaris10-64": "Oracle Solaris 10 (64-bit)",
  "darwin21-64": "Apple macOS 12 (64-bit)",
  "other-64": "Other (64-bit)",
  "other": "Other (32-bit)",
};

const LINUX_WORDS = [
  "linux", "ubuntu", "debian", "rhel", "redhat", "centos", "sles", "suse", "fedora", "oracle", "rocky", "alma",
  "photon", "coreos", "mandrake", "mandriva", "asianux", "turbolinux", "gentoo", "archlinux", "arch", "mint",
  "amazonlinux", "l26", "l24", "xandros", "miracle", "nld",
];

/** Family from any vendor's guest identifier (VMware guestOS, VirtualBox OSType, libosinfo URL, Proxmox ostype). */
export function guestFamily(id: string | null | undefined): GuestFamily | null {
  if (!id) return null;
  const s = id.toLowerCase();
  if (/win|microsoft/.test(s) && !/darwin/.test(s)) return "windows";
  if (/darwin|macos|mac ?os|apple/.test(s)) return "macos";
  if (/bsd|dragonfly/.test(s)) return "bsd";
  if (/solaris|opensolaris|illumos|sun/.test(s)) return "solaris";
  if (LINUX_WORDS.some((w) => s.includes(w))) return "linux";
  if (/^other|vmkernel|netware|dos|os2/.test(s)) return "other";
  return null;
}

export function vmwareGuestName(id: string | null | undefined): string | null {
  if (!id) return null;
  return VMWARE_NAMES[id.toLowerCase().replace(/guest$/, "")] ?? null;
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

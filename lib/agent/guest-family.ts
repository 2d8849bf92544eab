import type { GuestFamily } from "@/lib/vm/model";

/**
 * The OS family of a vSphere guest identifier (VirtualMachineGuestOsIdentifier,
 * e.g. "windows2019srv_64Guest", "rhel9_64Guest", "darwin20_64Guest").
 * Unknown identifiers give null rather than a guess.
 */
const LINUX = [
  "rhel", "centos", "oraclelinux", "ubuntu", "debian", "sles", "suse", "opensuse", "fedora", "asianux", "mandrake",
  "mandriva", "redhat", "turbolinux", "coreos", "vmwarephoton", "amazonlinux", "rockylinux", "almalinux",
  "otherlinux", "other24xlinux", "other26xlinux", "other3xlinux", "other4xlinux", "other5xlinux", "other6xlinux",
  "genericlinux", "nld", "oes", "sjds", "miraclelinux", "pardus", "crxpod", "crxsys", "kylinlinux", "fusionos",
  "prolinux", "openeuler", "linux",
];
const BSD = ["freebsd", "netbsd", "openbsd", "dragonfly"];
const OTHER = [
  "dos", "os2", "ecomstation", "netware", "unixware", "openserver", "vmkernel", "otherguest", "other64guest",
];

export function guestFamilyFromId(id: string | null): GuestFamily | null {
  if (!id) return null;
  const s = id.toLowerCase();
  if (s.startsWith("win")) return "windows";
  if (s.startsWith("darwin")) return "macos";
  if (s.startsWith("solaris")) return "solaris";
  if (BSD.some((p) => s.startsWith(p))) return "bsd";
  if (LINUX.some((p) => s.startsWith(p))) return "linux";
  if (OTHER.some((p) => s.startsWith(p)) || s.startsWith("other")) return "other";
  return null;
}

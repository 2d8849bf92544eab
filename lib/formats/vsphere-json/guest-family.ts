import type { GuestFamily } from "@/lib/vm/model";

/**
 * Guest family from a guest identifier or a human OS name, as VMware tools
 * write them: "windows2019srv_64Guest", "WINDOWS_9_SERVER_64", "rhel8_64Guest",
 * "Microsoft Windows Server 2022 (64-bit)", "Ubuntu Linux (64-bit)".
 */
export function guestFamilyOf(text: string | null): GuestFamily | null {
  if (!text) return null;
  const t = text.toLowerCase();
  if (/\bwin|windows|microsoft/.test(t)) return "windows";
  if (/darwin|mac ?os|osx/.test(t)) return "macos";
  if (/solaris|illumos|openindiana/.test(t)) return "solaris";
  if (/bsd/.test(t)) return "bsd";
  if (/linux|rhel|red ?hat|centos|ubuntu|debian|sles|suse|oracle|fedora|asianux|photon|coreos|amazon|rocky|alma|mandr|turbo|vmware ?photon|genericlinux/.test(t)) return "linux";
  if (/other|dos|netware|os2|unix|eComStation|sco/i.test(t)) return "other";
  return null;
}

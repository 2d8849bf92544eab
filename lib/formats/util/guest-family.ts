import { guessGuestFamily } from "@/lib/taxonomy/guest-os";
import type { GuestFamily } from "@/lib/vm/model";

/**
 * Guest family from a guest identifier or a human OS name, as VMware tools
 * write them: "windows2019srv_64Guest", "WINDOWS_9_SERVER_64", "rhel8_64Guest",
 * "Microsoft Windows Server 2022 (64-bit)", "Ubuntu Linux (64-bit)" — from the
 * one guest OS catalogue (lib/taxonomy/guest-os.ts).
 */
export function guestFamilyOf(text: string | null): GuestFamily | null {
  return text ? guessGuestFamily(text) : null;
}

import { guessGuestFamily } from "@/lib/taxonomy/guest-os";
import type { GuestFamily } from "@/lib/vm/model";

/**
 * The OS family of a vSphere guest identifier (VirtualMachineGuestOsIdentifier,
 * e.g. "windows2019srv_64Guest", "rhel9_64Guest", "darwin20_64Guest"), from
 * the one guest OS catalogue (lib/taxonomy/guest-os.ts). Unknown identifiers
 * give null rather than a guess.
 */
export function guestFamilyFromId(id: string | null): GuestFamily | null {
  return id ? guessGuestFamily(id) : null;
}

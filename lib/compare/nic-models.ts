/**
 * NIC models by generation. Emulated adapters copy old physical cards and
 * cost CPU per packet; paravirtual ones are what VMware (vmxnet3), KVM and
 * Proxmox (virtio) and Hyper-V (synthetic) recommend for current guests.
 * Models in neither list (vmxnet2, sriov, passthrough …) are not judged.
 */
export const LEGACY_NIC_MODELS: ReadonlySet<string> = new Set([
  "vlance", "flexible", "pcnet", "pcnet32", "e1000", "e1000e", "rtl8139", "ne2k_pci", "ne2k_isa",
  "i82551", "i82557b", "i82559er", "am79c970a", "am79c973", "82540em", "82543gc", "82545em", "legacy",
]);

export const PARAVIRTUAL_NIC_MODELS: ReadonlySet<string> = new Set(["vmxnet3", "virtio", "virtio-net", "netvsc", "synthetic"]);

export type NicModelClass = "legacy" | "paravirtual" | "other";

export function nicModelClass(model: string): NicModelClass {
  const m = model.toLowerCase();
  if (LEGACY_NIC_MODELS.has(m) || m.startsWith("e1000-")) return "legacy";
  if (PARAVIRTUAL_NIC_MODELS.has(m)) return "paravirtual";
  return "other";
}

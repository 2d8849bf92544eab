/**
 * NIC models by class, the one list every part of the site asks (comparison colours and findings,
 * configuration checks, the contribution form). Model names are the normalized model's spellings.
 *
 * - paravirtual: a virtual device with its own guest driver: VMware vmxnet3 (KB 1001805), KVM/Proxmox
 *   virtio, Hyper-V's synthetic adapter (netvsc).
 * - emulated: a copy of a current physical card (Intel 82574L, "e1000e"): costs CPU per packet, but
 *   VMware picks it by default for recent Windows guests.
 * - legacy: a copy of an old physical card (AMD PCnet/"vlance", Intel 8254x "e1000", Realtek 8139,
 *   NE2000, Intel 8255x, Hyper-V's legacy adapter), kept for guests without paravirtual drivers.
 *
 * Models in no class (vmxnet2, sriov, passthrough …) are not judged.
 */
export type NicClass = "paravirtual" | "emulated" | "legacy";

const CLASSES: Record<string, NicClass> = {
  vmxnet3: "paravirtual", virtio: "paravirtual", "virtio-net": "paravirtual",
  netvsc: "paravirtual", synthetic: "paravirtual", "hyperv-synthetic": "paravirtual",
  e1000e: "emulated",
  vlance: "legacy", flexible: "legacy", pcnet: "legacy", pcnet32: "legacy", am79c970a: "legacy", am79c973: "legacy",
  e1000: "legacy", "82540em": "legacy", "82543gc": "legacy", "82545em": "legacy",
  rtl8139: "legacy", ne2k_pci: "legacy", "ne2k-pci": "legacy", ne2k_isa: "legacy",
  i82551: "legacy", i82557b: "legacy", i82559er: "legacy",
  legacy: "legacy",
};

/** The class of a normalized NIC model, or null when the model is unknown or in no class. */
export function nicClass(model: string | null | undefined): NicClass | null {
  if (!model) return null;
  const m = model.toLowerCase();
  // Proxmox's e1000 variants ("e1000-82545em") are the same legacy card.
  return Object.hasOwn(CLASSES, m) ? CLASSES[m] : m.startsWith("e1000-") ? "legacy" : null;
}

/** A device that copies physical hardware (legacy or current), as opposed to a paravirtual one. */
export function isEmulatedNic(model: string | null | undefined): boolean {
  const c = nicClass(model);
  return c === "legacy" || c === "emulated";
}

export type NicPlatform = "vmware" | "kvm";

/** The paravirtual adapter each platform recommends. */
export const PARAVIRTUAL_NIC: Record<NicPlatform, string> = { vmware: "vmxnet3", kvm: "virtio" };

/** Models a platform offers (its own spellings); what can be replaced there is judged per platform. */
const PLATFORM_MODELS: Record<NicPlatform, readonly string[]> = {
  vmware: ["vlance", "flexible", "e1000", "e1000e", "vmxnet3"],
  kvm: ["e1000", "e1000e", "rtl8139", "ne2k_pci", "ne2k-pci", "ne2k_isa", "pcnet", "i82551", "i82557b", "i82559er", "virtio"],
};

/**
 * Models worth replacing by the platform's paravirtual adapter. VMware: the legacy ones only, since
 * e1000e is its own default for current Windows guests; KVM/Proxmox: every emulated one (Proxmox
 * recommends virtio for any guest with drivers).
 */
export function replaceableNicModels(platform: NicPlatform): readonly string[] {
  return PLATFORM_MODELS[platform].filter((m) => (platform === "vmware" ? nicClass(m) === "legacy" : isEmulatedNic(m)));
}

/** Spellings offered by the contribution form's model list, most common first. */
export const COMMON_NIC_MODELS = ["vmxnet3", "vmxnet2", "e1000", "e1000e", "virtio", "rtl8139", "vlance", "netvsc", "pcnet"] as const;

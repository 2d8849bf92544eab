import { describe, expect, it } from "vitest";
import { COMMON_NIC_MODELS, isEmulatedNic, nicClass, replaceableNicModels } from "./nic-models";

describe("NIC classes", () => {
  it("classes what every parser writes", () => {
    expect(["vmxnet3", "virtio", "hyperv-synthetic", "netvsc"].map(nicClass)).toEqual(["paravirtual", "paravirtual", "paravirtual", "paravirtual"]);
    expect(nicClass("e1000e")).toBe("emulated");
    expect(["vlance", "flexible", "e1000", "pcnet", "rtl8139", "ne2k_isa", "legacy", "E1000", "e1000-82545em"].map(nicClass)).toEqual(Array(9).fill("legacy"));
    expect([nicClass("vmxnet2"), nicClass("sriov"), nicClass(null), nicClass("")]).toEqual([null, null, null, null]);
  });

  it("counts both legacy and current copies of physical cards as emulated", () => {
    expect([isEmulatedNic("e1000e"), isEmulatedNic("vlance"), isEmulatedNic("virtio"), isEmulatedNic("vmxnet2")]).toEqual([true, true, false, false]);
  });

  it("replaces legacy cards on VMware, every emulated card on KVM", () => {
    expect(replaceableNicModels("vmware")).toEqual(["vlance", "flexible", "e1000"]);
    expect(replaceableNicModels("kvm")).toEqual(["e1000", "e1000e", "rtl8139", "ne2k_pci", "ne2k-pci", "ne2k_isa", "pcnet", "i82551", "i82557b", "i82559er"]);
  });

  it("offers the form only lower-case model names", () => {
    for (const m of COMMON_NIC_MODELS) expect(m).toBe(m.toLowerCase());
  });
});

import { describe, expect, it } from "vitest";
import { emptyIdentifying, type ParsedVm } from "@/lib/vm/parsed";
import { fingerprint, identityKey } from "./fingerprint";
import { blankVm } from "./model";
import { dedupFingerprint, republishable, toPublishable } from "./publishable";

function sample(): ParsedVm {
  const vm = blankVm("vmx");
  vm.name = "web-01";
  vm.guestOs = { id: "ubuntu-64", family: "linux", name: "Ubuntu on web-01 rack" };
  vm.nics = [{ model: "vmxnet3", network: "vMotion-20" }];
  vm.disks = [{ sizeGiB: 0, bus: "scsi", provisioning: null }];
  const identifying = emptyIdentifying();
  identifying.hostnames.push("web-01");
  identifying.uuids.push("564d1111-2222-3333-4444-555566667777");
  identifying.networks.push("vMotion-20");
  return { vm, identifying };
}

describe("toPublishable", () => {
  it("redacts the VM and keys its identity in one step", () => {
    const p = toPublishable(sample());
    expect(p.vm.name).toBeNull();
    expect(p.vm.guestOs.name).toBeNull();
    expect(p.vm.nics[0].network).toBe("net-1");
    expect(p.networkRoles).toEqual(["vmotion"]);
    expect(p.summary).toBe("VM name, 1 UUID or serial, 1 network name, 1 field that quoted an identifying value");
    expect(p.identityKey).toBe(identityKey(sample().identifying));
    expect(p.identityKey).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(p)).not.toMatch(/web-01|564d1111|vMotion-20/);
  });

  it("takes another identity where the caller has no server secret (the agent)", () => {
    expect(toPublishable(sample(), { identity: (f) => `uuids:${f.uuids.length}` }).identityKey).toBe("uuids:1");
  });

  it("redacts a VM that arrives in the published shape again, with no identity", () => {
    const p = republishable({ ...sample().vm });
    expect(p.vm.name).toBeNull();
    expect(p.vm.nics[0].network).toBe("net-1");
    expect(p.networkRoles).toEqual(["vmotion"]);
    expect(p.identityKey).toBeNull();
    // Idempotent: a redacted VM comes back unchanged.
    expect(republishable(p.vm).vm).toEqual(p.vm);
  });
});

describe("dedupFingerprint", () => {
  it("is the fingerprint of the VM as stored, a size of 0 being no size", () => {
    const vm = toPublishable(sample()).vm;
    const unknownSize = { ...vm, disks: [{ sizeGiB: null, bus: "scsi" as const, provisioning: null }] };
    expect(dedupFingerprint({ vm, identityKey: null })).toBe(fingerprint(unknownSize, null));
    expect(dedupFingerprint({ vm, identityKey: null })).not.toBe(fingerprint(vm, null));
    const key = "a".repeat(64);
    expect(dedupFingerprint({ vm, identityKey: key })).not.toBe(dedupFingerprint({ vm, identityKey: null }));
  });
});

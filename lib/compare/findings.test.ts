import { describe, expect, it } from "vitest";
import { findings, type FindingsInput } from "@/lib/compare/findings";
import { compareVm } from "@/lib/compare/metrics";
import { manyPeers, SMALL_VM, TWENTY_PEERS } from "@/lib/compare/testing/fixtures";

const EXCHANGE = "Microsoft Exchange Server";

const many = manyPeers;
const vm = SMALL_VM;

// TWENTY_PEERS: vCPUs 16 of 20 above the VM's 2, mid-rank percentile (0 + 4/2) / 20 = 10 -> notable;
// memory 60 % above, no finding; every disk total below the VM's 400 -> 100 %.
const peers = TWENTY_PEERS;

function input(overrides: Partial<FindingsInput> = {}): FindingsInput {
  const group = overrides.peers ?? peers;
  const target = overrides.vm ?? vm;
  return { appName: EXCHANGE, vm: target, metrics: compareVm(target, group), peers: group, rule: "app", ...overrides };
}

describe("findings", () => {
  it("states each outlier with its real counts", () => {
    const result = findings(input());
    expect(result.map((f) => f.text)).toEqual([
      "This Microsoft Exchange Server VM has 2 vCPUs; 16 of 20 Microsoft Exchange Server VMs (80%) have 4 or more.",
      "This Microsoft Exchange Server VM has 400 GiB of disk in total; 20 of 20 Microsoft Exchange Server VMs (100%) have 200 GiB or less.",
      "17 of 20 Microsoft Exchange Server VMs (85%) use vmxnet3 NICs; this VM uses e1000.",
      "This Microsoft Exchange Server VM boots with BIOS; 16 of 20 Microsoft Exchange Server VMs (80%) use EFI.",
    ]);
  });

  it("carries the numbers behind each statement", () => {
    const byId = Object.fromEntries(findings(input()).map((f) => [f.id, f]));
    expect(Object.keys(byId)).toEqual(["vcpus-low", "totalDiskGiB-high", "nic-model", "firmware"]);
    expect(byId["vcpus-low"]).toMatchObject({
      metric: "vcpus",
      severity: "notable",
      numbers: { count: 16, of: 20, pct: 80, threshold: 4, comparator: ">=" },
    });
    expect(byId["totalDiskGiB-high"]).toMatchObject({
      severity: "notable",
      numbers: { count: 20, of: 20, pct: 100, threshold: 200, comparator: "<=" },
    });
    // e1000 where peers use a paravirtual model is notable even below 90 %
    expect(byId["nic-model"]).toMatchObject({
      metric: "nicModel",
      severity: "notable",
      numbers: { count: 17, of: 20, pct: 85, threshold: 70, comparator: "=", category: "vmxnet3" },
    });
    expect(byId.firmware).toMatchObject({
      severity: "info",
      numbers: { count: 16, of: 20, pct: 80, threshold: 70, comparator: "=", category: "efi" },
    });
  });

  it("says nothing below the minimum group size", () => {
    expect(findings(input({ peers: peers.slice(0, 19) }))).toEqual([]);
    expect(findings(input({ peers: peers.slice(0, 10), minN: 10 })).length).toBeGreaterThan(0);
    expect(findings(input({ peers: [], minN: 0 }))).toEqual([]);
  });

  it("fires at exactly 70 % and not at 65 %", () => {
    const group = [...many(14, 0, { memoryMiB: 32768 }), ...many(6, 14, { memoryMiB: 16384 })];
    const me = { ...group[0], id: "me", memoryMiB: 16384, firmware: null, nicModels: [] };
    const fired = findings(input({ vm: me, peers: group }));
    expect(fired.map((f) => f.text)).toEqual([
      "This Microsoft Exchange Server VM has 16 GiB of memory; 14 of 20 Microsoft Exchange Server VMs (70%) have 32 GiB or more.",
    ]);
    // percentile (0 + 6/2) / 20 = 15: a share finding, not an extreme
    expect(fired[0]).toMatchObject({ severity: "info", numbers: { threshold: 32, comparator: ">=" } });

    const fewer = [...many(13, 0, { memoryMiB: 32768 }), ...many(7, 13, { memoryMiB: 16384 })];
    expect(findings(input({ vm: me, peers: fewer }))).toEqual([]);
  });

  it("uses singular nouns, 'fewer' for counts and the guest-family group when widened", () => {
    const group = many(20, 0, { vcpus: 2, nicCount: 1 });
    const me = { ...group[0], id: "me", vcpus: 1, nicCount: 3, firmware: null, nicModels: [] };
    expect(findings(input({ vm: me, peers: group, rule: { rule: "guest-family" } })).map((f) => f.text)).toEqual([
      "This Microsoft Exchange Server VM has 1 vCPU; 20 of 20 Windows VMs (100%) have 2 or more.",
      "This Microsoft Exchange Server VM has 3 NICs; 20 of 20 Windows VMs (100%) have 1 or fewer.",
    ]);
  });

  it("phrases the VM without an application and names fractional GiB", () => {
    const group = many(20, 0, { memoryMiB: 4096 });
    const me = { ...group[0], id: "me", memoryMiB: 1536, firmware: null, nicModels: [] };
    expect(findings(input({ appName: null, vm: me, peers: group, rule: "all" })).map((f) => f.text)).toEqual([
      "This VM has 1.5 GiB of memory; 20 of 20 published VMs (100%) have 4 GiB or more.",
    ]);
  });

  it("takes categorical shares over the peers that report the fact", () => {
    const group = [...many(17, 0, { firmware: "efi" }), ...many(3, 17, { firmware: null })];
    const me = { ...group[0], id: "me", firmware: "bios", nicModels: [] };
    expect(findings(input({ vm: me, peers: group, minN: 15 })).map((f) => f.text)).toEqual([
      "This Microsoft Exchange Server VM boots with BIOS; 17 of the 17 Microsoft Exchange Server VMs that report firmware (100%) use EFI.",
    ]);
    expect(findings(input({ vm: me, peers: group }))).toEqual([]);
  });

  it("lists every model of a VM with mixed NICs and stays quiet when it uses the common one", () => {
    const group = many(20, 0, {});
    const mixed = { ...group[0], id: "me", firmware: "efi", nicModels: ["vlance", "e1000"] };
    expect(findings(input({ vm: mixed, peers: group })).map((f) => f.text)).toEqual([
      "20 of 20 Microsoft Exchange Server VMs (100%) use vmxnet3 NICs; this VM uses e1000 and vlance.",
    ]);
    const fine = { ...mixed, nicModels: ["vmxnet3", "e1000"] };
    expect(findings(input({ vm: fine, peers: group }))).toEqual([]);
  });
});

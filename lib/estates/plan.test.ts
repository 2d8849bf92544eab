import { describe, expect, it } from "vitest";
import { blankVm, type NormalizedVm } from "@/lib/vm/model";
import { planImport, type IncomingVm, type PreviousMember, type TaggedKey } from "./plan";

function vm(vcpus: number, memoryMiB = 4096): NormalizedVm {
  const v = blankVm("rvtools");
  v.cpu.vcpus = vcpus;
  v.memoryMiB = memoryMiB;
  return v;
}
const member = (keys: TaggedKey[], v: NormalizedVm, vmId: string): PreviousMember => ({ keys, vm: v, vmId });
const incoming = (keys: TaggedKey[], v: NormalizedVm): IncomingVm => ({ keys, vm: v });

describe("planImport", () => {
  it("treats every VM of a first import as added", () => {
    const p = planImport(null, [incoming(["n:a"], vm(2)), incoming(["n:b"], vm(4))]);
    expect(p.added).toEqual([0, 1]);
    expect(p.summary).toEqual({ added: 2, removed: 0, changed: 0, unchanged: 0 });
    expect(p.previousTotals).toBeNull();
    // Neither VM lists a disk: their totals are unknown, so the disk sum is over none of them.
    expect(p.totals).toEqual({ vms: 2, vcpus: 6, memoryMiB: 8192, diskGiB: 0, diskUnknown: 2 });
  });

  it("finds added, removed, changed and unchanged VMs", () => {
    const prev = [member(["u:1", "n:a"], vm(2), "va"), member(["u:2", "n:b"], vm(2), "vb"), member(["u:3", "n:c"], vm(2), "vc")];
    const next = [incoming(["u:3", "n:c"], vm(2)), incoming(["u:1", "n:a"], vm(4)), incoming(["u:9", "n:z"], vm(1))];
    const p = planImport(prev, next);
    expect(p.summary).toEqual({ added: 1, removed: 1, changed: 1, unchanged: 1 });
    expect(p.added).toEqual([2]);
    expect(p.removed).toEqual([1]);
    expect(p.matched.map((m) => [m.next, m.previous, m.changes.map((c) => c.field)])).toEqual([
      [0, 2, []],
      [1, 0, ["cpu.vcpus"]],
    ]);
    expect(p.previousTotals?.vcpus).toBe(6);
    expect(p.totals.vcpus).toBe(7);
  });

  it("follows a renamed VM by its UUID and a rebuilt one by its name", () => {
    const prev = [member(["u:1", "n:old"], vm(2), "v1"), member(["u:2", "n:web"], vm(2), "v2")];
    const next = [incoming(["u:1", "n:new"], vm(2)), incoming(["u:77", "n:web"], vm(2))];
    const p = planImport(prev, next);
    expect(p.matched.map((m) => [m.next, m.previous])).toEqual([[0, 0], [1, 1]]);
    expect(p.summary).toEqual({ added: 0, removed: 0, changed: 0, unchanged: 2 });
  });

  it("prefers a UUID match over a name match claimed earlier in the file", () => {
    // Incoming 0 carries the old name of member 1 but incoming 1 carries member 1's UUID.
    const prev = [member(["u:1", "n:a"], vm(2), "v1"), member(["u:2", "n:b"], vm(2), "v2")];
    const next = [incoming(["u:8", "n:b"], vm(2)), incoming(["u:2", "n:c"], vm(2))];
    const p = planImport(prev, next);
    expect(p.matched.map((m) => [m.next, m.previous])).toEqual([[1, 1]]);
    expect(p.added).toEqual([0]);
    expect(p.removed).toEqual([0]);
  });
});

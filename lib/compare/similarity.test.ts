import { describe, expect, it } from "vitest";
import { nearestNeighbours } from "@/lib/compare/similarity";
import type { PeerPoint } from "@/lib/compare/types";

const base: PeerPoint = {
  id: "target",
  vcpus: 4,
  memoryMiB: 8192,
  totalDiskGiB: 100,
  diskCount: 1,
  nicCount: 1,
  guestFamily: "windows",
  firmware: "efi",
  hypervisorVendor: "vmware",
};

const vm = (id: string, changes: Partial<PeerPoint> = {}): PeerPoint => ({ ...base, ...changes, id });

describe("nearestNeighbours", () => {
  // log2 vCPUs of the candidates are 2, 3, 2, 1: mean 2, population std sqrt(0.5);
  // every other feature is constant, so its scale falls back to the floor.
  const candidates = [
    vm("d", { vcpus: 2 }),
    vm("b", { vcpus: 8 }),
    vm("target"),
    vm("c", { guestFamily: "linux" }),
    vm("a"),
  ];

  it("puts an identical configuration first at distance 0 and excludes the target", () => {
    const result = nearestNeighbours(base, candidates);
    expect(result.map((n) => n.id)).toEqual(["a", "c", "b", "d"]);
    expect(result[0]).toEqual({ id: "a", distance: 0, similarity: 1 });
  });

  it("charges a category penalty and scales sizes by the candidates' spread", () => {
    const [, c, b, d] = nearestNeighbours(base, candidates);
    expect(c.distance).toBe(0.5);
    expect(c.similarity).toBeCloseTo(1 / 1.5, 12);
    // one doubling / sqrt(0.5) = sqrt(2)
    expect(b.distance).toBeCloseTo(Math.SQRT2, 9);
    expect(d.distance).toBe(b.distance);
  });

  it("breaks ties by id", () => {
    const tied = nearestNeighbours(base, [vm("z", { vcpus: 8 }), vm("y", { vcpus: 2 }), vm("x", { vcpus: 8 })]);
    expect(tied.map((n) => n.id)).toEqual(["x", "y", "z"]);
  });

  it("treats 2 to 4 like 8 to 16 (doublings)", () => {
    const eight = vm("target", { vcpus: 8 });
    const result = nearestNeighbours(eight, [vm("up", { vcpus: 16 }), vm("down", { vcpus: 4 })]);
    expect(result[0].distance).toBe(result[1].distance);
  });

  it("ignores categories either side leaves unknown", () => {
    const result = nearestNeighbours(base, [vm("n", { guestFamily: null, firmware: undefined })]);
    expect(result[0].distance).toBe(0);
  });

  it("weighs memory by doublings against the floor scale when candidates agree", () => {
    // both candidates have 16 GiB: std 0 -> floor 0.5; one doubling -> 2
    const result = nearestNeighbours(base, [vm("p", { memoryMiB: 16384 }), vm("q", { memoryMiB: 16384 })]);
    expect(result.map((n) => n.distance)).toEqual([2, 2]);
  });

  it("returns at most k and nothing for k <= 0 or no candidates", () => {
    expect(nearestNeighbours(base, candidates, 2).map((n) => n.id)).toEqual(["a", "c"]);
    expect(nearestNeighbours(base, candidates, 0)).toEqual([]);
    expect(nearestNeighbours(base, [vm("target")])).toEqual([]);
  });
});

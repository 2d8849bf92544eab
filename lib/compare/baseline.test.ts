import { describe, expect, it } from "vitest";
import { categoryTone, diffFromBaseline, diffTone, relativeDiff } from "@/lib/compare/baseline";
import type { PeerPoint } from "@/lib/compare/types";

describe("relativeDiff", () => {
  it("phrases count differences with correct plurals and a real minus sign", () => {
    expect(relativeDiff(2, 4, { metric: "vcpus" })).toEqual({ delta: 2, pct: 100, text: "+2 vCPUs", direction: "more" });
    expect(relativeDiff(4, 5, { metric: "vcpus" }).text).toBe("+1 vCPU");
    const fewer = relativeDiff(3, 2, { metric: "diskCount" });
    expect(fewer).toMatchObject({ delta: -1, text: "\u22121 disk", direction: "less" });
    expect(fewer.pct).toBeCloseTo(-33.333, 3);
    expect(relativeDiff(1, 3, { metric: "nicCount" }).text).toBe("+2 NICs");
  });

  it("phrases memory in GiB with the relative change", () => {
    expect(relativeDiff(16384, 24576, { metric: "memoryMiB" })).toEqual({ delta: 8192, pct: 50, text: "+8 GiB (+50%)", direction: "more" });
    expect(relativeDiff(8192, 6144, { metric: "memoryMiB" }).text).toBe("\u22122 GiB (\u221225%)");
    expect(relativeDiff(1024, 1536, { metric: "memoryMiB" }).text).toBe("+0.5 GiB (+50%)");
  });

  it("phrases disk in GiB and leaves out the percentage from zero", () => {
    expect(relativeDiff(100, 125, { metric: "totalDiskGiB" }).text).toBe("+25 GiB (+25%)");
    expect(relativeDiff(0, 40, { metric: "totalDiskGiB" })).toEqual({ delta: 40, pct: null, text: "+40 GiB", direction: "more" });
    expect(relativeDiff(1000, 1003, { metric: "totalDiskGiB" }).text).toBe("+3 GiB (+0.3%)");
  });

  it("says 'same' for equal values", () => {
    expect(relativeDiff(4, 4, { metric: "vcpus" })).toEqual({ delta: 0, pct: 0, text: "same", direction: "same" });
    expect(relativeDiff(0, 0, { metric: "diskCount" })).toEqual({ delta: 0, pct: null, text: "same", direction: "same" });
  });

  it("falls back to the given unit for other metrics", () => {
    expect(relativeDiff(2, 3, { metric: "sockets", unit: "sockets" }).text).toBe("+1 sockets (+50%)");
    expect(relativeDiff(10, 7.5, { metric: "score" }).text).toBe("\u22122.5 (\u221225%)");
  });
});

describe("tones", () => {
  it("keeps resource differences neutral", () => {
    expect(diffTone("vcpus", "more")).toBe("neutral");
    expect(diffTone("memoryMiB", "less")).toBe("neutral");
  });

  it("marks a move from a paravirtual to a legacy NIC as worse, and back as better", () => {
    expect(categoryTone("nicModel", "vmxnet3", "e1000")).toBe("worse");
    expect(categoryTone("nicModel", "virtio", "rtl8139")).toBe("worse");
    expect(categoryTone("nicModel", "e1000", "vmxnet3")).toBe("better");
    expect(categoryTone("nicModel", "e1000", "e1000e")).toBe("neutral");
    expect(categoryTone("nicModel", "vmxnet3", null)).toBe("neutral");
    expect(categoryTone("firmware", "efi", "bios")).toBe("neutral");
  });
});

describe("diffFromBaseline", () => {
  it("diffs every metric of a VM against the baseline", () => {
    const base: PeerPoint = { id: "a", vcpus: 4, memoryMiB: 16384, totalDiskGiB: 100, diskCount: 2, nicCount: 1 };
    const other: PeerPoint = { id: "b", vcpus: 2, memoryMiB: 16384, totalDiskGiB: 150, diskCount: 3, nicCount: 1 };
    const row = diffFromBaseline(base, other);
    expect(Object.values(row).map((c) => [c.key, c.text, c.tone])).toEqual([
      ["vcpus", "\u22122 vCPUs", "neutral"],
      ["memoryMiB", "same", "neutral"],
      ["totalDiskGiB", "+50 GiB (+50%)", "neutral"],
      ["diskCount", "+1 disk", "neutral"],
      ["nicCount", "same", "neutral"],
    ]);
  });
});

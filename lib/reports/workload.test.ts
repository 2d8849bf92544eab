import { describe, expect, it } from "vitest";
import { shareRows, summarizeWorkload, typicalRange, workloadStatements } from "./workload";
import { sqlApp, sqlStats } from "./test-fixtures";

describe("summarizeWorkload", () => {
  const s = summarizeWorkload(sqlApp(), sqlStats(), [{ version: "2019", n: 3 }, { version: "2022", n: 5 }, { version: "2016", n: 0 }]);
  const m = Object.fromEntries(s.metrics.map((x) => [x.key, x]));

  it("gives type-7 quartiles in display units from the frequency maps", () => {
    expect(s.n).toBe(10);
    expect(m.vcpus).toMatchObject({ n: 10, min: 2, p25: 4, median: 4, p75: 8, max: 16 });
    expect(m.memoryMiB).toMatchObject({ unit: "GiB", min: 8, p25: 8, median: 16, p75: 16, max: 32 });
    expect(m.totalDiskGiB).toMatchObject({ p25: 325, median: 550, p75: 775, max: 1000 });
  });

  it("builds histograms with one bar per distinct vCPU count", () => {
    expect(m.vcpus.histogram.map((b) => [b.label, b.count])).toEqual([["2", 2], ["4", 4], ["8", 3], ["16", 1]]);
    expect(m.memoryMiB.histogram.reduce((t, b) => t + b.count, 0)).toBe(10);
  });

  it("splits by hypervisor, NIC model and firmware as shares of the VMs", () => {
    expect(s.splits.hypervisor).toEqual([
      { key: "VMware ESXi", label: "VMware ESXi", count: 9, share: 0.9 },
      { key: "Microsoft Hyper-V", label: "Microsoft Hyper-V", count: 1, share: 0.1 },
    ]);
    expect(s.splits.firmware.map((r) => r.label)).toEqual(["EFI", "BIOS"]);
    expect(s.splits.guestOs).toEqual([{ key: "windows", label: "Windows", count: 10, share: 1 }]);
  });

  it("gives the median vCPUs and memory per contribution year", () => {
    expect(s.trend).toEqual([
      { year: "2023", n: 4, vcpusMedian: 3, memoryGiBMedian: 8 },
      { year: "2024", n: 6, vcpusMedian: 8, memoryGiBMedian: 16 },
    ]);
  });

  it("sorts versions by count and drops empty ones", () => {
    expect(s.versions).toEqual([{ version: "2022", n: 5 }, { version: "2019", n: 3 }]);
  });

  it("is empty, not broken, for a workload with no VMs", () => {
    const e = summarizeWorkload(sqlApp(), null);
    expect(e.n).toBe(0);
    expect(e.metrics.every((x) => x.median === null && x.histogram.length === 0)).toBe(true);
    expect(e.trend).toEqual([]);
    expect(workloadStatements(e)).toEqual([]);
  });

  it("states the middle half and the categories most VMs share", () => {
    const texts = workloadStatements(s).map((x) => x.text);
    expect(texts).toContain("vCPUs: the middle half have 4 to 8 vCPUs (median 4 vCPUs).");
    expect(texts).toContain("Memory: the middle half have 8 to 16 GiB (median 16 GiB).");
    expect(texts).toContain("9 of 10 Microsoft SQL Server VMs (90%) use vmxnet3 NICs.");
    expect(texts).toContain("10 of 10 Microsoft SQL Server VMs (100%) run a Windows guest.");
  });
});

describe("shareRows", () => {
  it("folds the tail into Other for exclusive splits only", () => {
    const f = { a: 5, b: 4, c: 3, d: 2 };
    expect(shareRows("hypervisor", f, 14, 2).map((r) => [r.label, r.count])).toEqual([["A", 5], ["B", 4], ["Other", 5]]);
    expect(shareRows("nicModel", f, 10, 2).map((r) => [r.label, r.count])).toEqual([["a", 5], ["b", 4]]);
  });
});

describe("typicalRange", () => {
  it("says 'most have' when the quartiles agree", () => {
    expect(typicalRange({ key: "nicCount", p25: 1, median: 1, p75: 1 })).toBe("most have 1 NIC");
    expect(typicalRange({ key: "nicCount", p25: null, median: null, p75: null })).toBeNull();
  });
});

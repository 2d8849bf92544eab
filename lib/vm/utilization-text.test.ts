import { describe, expect, it } from "vitest";
import { utilizationText, windowText } from "./utilization-text";

describe("utilization in plain words", () => {
  it("says the statistic, window and source of each figure", () => {
    expect(utilizationText({ metric: "cpu.usage.pct", statistic: "sample", window: null, source: "rvtools", value: 12 })).toBe("CPU 12% · point-in-time sample from RVTools");
    expect(utilizationText({ metric: "cpu.usage.pct", statistic: "p95", window: "P30D", source: "vcenter", value: 41.25 })).toBe("CPU 41.3% · 95th percentile over 30 days from vCenter");
    expect(utilizationText({ metric: "mem.active.pct", statistic: "average", window: "PT24H", source: "manual", value: 25 })).toBe("Active memory 25% of configured · average over 24 hours as entered by the contributor");
    expect(utilizationText({ metric: "mem.demand.mib", statistic: "sample", window: null, source: "hyperv", value: 4608 })).toBe("Memory demand 4.5 GiB · point-in-time sample from Hyper-V");
    expect(utilizationText({ metric: "mem.swapped.mib", statistic: "max", window: "P7D", source: "vcenter", value: 128 })).toBe("Swapped memory 128 MiB · maximum over 7 days from vCenter");
    expect(utilizationText({ metric: "disk.iops", statistic: "average", window: "P30D", source: "manual", value: 1350 })).toBe("Disk 1,350 IOPS · average over 30 days as entered by the contributor");
  });

  it("reads windows of days, hours and minutes", () => {
    expect([windowText("P1D"), windowText("P1DT12H"), windowText("PT90M"), windowText("P2W")]).toEqual(["1 day", "1 day 12 hours", "90 minutes", "P2W"]);
  });
});

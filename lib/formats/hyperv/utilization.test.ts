import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { normalizedVmSchema, type Utilization } from "@/lib/vm/model";
import { hypervParser } from "./index";
import { hypervUtilization } from "./utilization";

const sample = (metric: Utilization["metric"], value: number): Utilization => ({ metric, statistic: "sample", window: null, source: "hyperv", value });

describe("Hyper-V utilization", () => {
  it("reads CPUUsage, MemoryAssigned and MemoryDemand of a running VM as samples, with known answers", () => {
    const fileName = "usage-running-and-off.json";
    const { vms } = hypervParser.parse({ fileName, data: readFileSync(path.join(__dirname, "__fixtures__", fileName)) });
    for (const v of vms) expect(normalizedVmSchema.safeParse(v.vm).success).toBe(true);
    expect(vms[0].vm.utilization).toEqual([
      sample("cpu.usage.pct", 7),
      sample("mem.assigned.mib", 6144), // 6442450944 bytes
      sample("mem.demand.mib", 4608), // 4831838208 bytes
      sample("mem.demand.pct", 75), // 4608 of 6144 MiB assigned
    ]);
    // State "Off": its zeros mean "not running", not "idle".
    expect(vms[1].vm.utilization).toBeUndefined();
  });

  it("gives nothing for fields the export lacks, and no memory figures without memory assigned", () => {
    expect(hypervUtilization({ Name: "a", ProcessorCount: 2 })).toEqual([]);
    expect(hypervUtilization({ State: 2, CPUUsage: 0 })).toEqual([sample("cpu.usage.pct", 0)]);
    expect(hypervUtilization({ CPUUsage: 12, MemoryAssigned: 0, MemoryDemand: 0 })).toEqual([sample("cpu.usage.pct", 12)]);
    expect(hypervUtilization({ State: { value: 2 }, MemoryAssigned: 1073741824 })).toEqual([sample("mem.assigned.mib", 1024)]);
    expect(hypervUtilization({ State: 9, CPUUsage: 3 })).toEqual([]); // Paused
    expect(hypervUtilization({ State: "Running", CPUUsage: "high" })).toEqual([]);
  });
});

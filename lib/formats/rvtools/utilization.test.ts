import { describe, expect, it } from "vitest";
import { normalizedVmSchema, type Utilization } from "@/lib/vm/model";
import { rvtoolsParser } from "./index";
import { rvtoolsUtilization, type RvtoolsUsageCells } from "./utilization";
import { sampleSpec, writeCsvZip, writeWorkbook, type TruthUsage, type WorkbookSpec } from "./workbook-generator.test-support";

const sample = (metric: Utilization["metric"], value: number): Utilization => ({ metric, statistic: "sample", window: null, source: "rvtools", value });

/** web-01: 2 vCPUs, 4096 MiB. */
const WEB_USAGE: TruthUsage = {
  readiness: "1.5%", infoActiveMiB: 512, overallMHz: 1200, maxMHz: 4800,
  consumedMiB: 3072, activeMiB: 1024, balloonedMiB: 0, swappedMiB: 128,
};

function specWithUsage(over: Partial<WorkbookSpec> = {}): WorkbookSpec {
  const spec = sampleSpec(over);
  spec.vms[0] = { ...spec.vms[0], usage: WEB_USAGE };
  return spec;
}

function utilizationByName(data: Buffer, fileName: string) {
  const { vms } = rvtoolsParser.parse({ fileName, data });
  for (const v of vms) expect(normalizedVmSchema.safeParse(v.vm).success).toBe(true);
  return Object.fromEntries(vms.map((v) => [v.vm.name, v.vm.utilization])) as Record<string, Utilization[] | undefined>;
}

describe("RVTools utilization", () => {
  it("reads CPU, readiness and memory samples from vInfo, vCPU and vMemory with known answers", () => {
    const got = utilizationByName(writeWorkbook(specWithUsage()), "RVTools_export_all.xlsx");
    expect(got["web-01"]).toEqual([
      sample("cpu.usage.pct", 25), // 1200 of 4800 MHz
      sample("cpu.ready.pct", 1.5),
      sample("mem.active.pct", 25), // vMemory Active 1024 of 4096 MiB wins over vInfo Active Memory 512
      sample("mem.consumed.pct", 75), // 3072 of 4096 MiB
      sample("mem.ballooned.mib", 0), // a stated 0 is a value
      sample("mem.swapped.mib", 128),
    ]);
    // Empty cells give nothing, never 0.
    expect(got["sql-01"]).toBeUndefined();
  });

  it("reads the same figures from the CSV export", () => {
    const got = utilizationByName(writeCsvZip(specWithUsage()), "RVTools_export.zip");
    expect(got["web-01"]?.map((u) => [u.metric, u.value])).toEqual([
      ["cpu.usage.pct", 25], ["cpu.ready.pct", 1.5], ["mem.active.pct", 25], ["mem.consumed.pct", 75],
      ["mem.ballooned.mib", 0], ["mem.swapped.mib", 128],
    ]);
  });

  it("gives nothing for columns a workbook lacks", () => {
    // 3.x vInfo has neither "Overall Cpu Readiness" nor "Active Memory"; without vCPU and vMemory nothing is left.
    const none = utilizationByName(writeWorkbook(specWithUsage({ naming: "3.x", tabs: { vCPU: false, vMemory: false, vDisk: true, vNetwork: true, vMetaData: false } })), "old.xlsx");
    expect(none["web-01"]).toBeUndefined();
    // 4.x vInfo alone: readiness and vInfo's active memory (512 of 4096 MiB).
    const infoOnly = utilizationByName(writeWorkbook(specWithUsage({ tabs: { vCPU: false, vMemory: false, vDisk: true, vNetwork: true, vMetaData: false } })), "info.xlsx");
    expect(infoOnly["web-01"]).toEqual([sample("cpu.ready.pct", 1.5), sample("mem.active.pct", 12.5)]);
  });

  const cells = (over: Partial<RvtoolsUsageCells>): RvtoolsUsageCells => ({
    powerState: "poweredOn", memoryMiB: 8192, cpuReadiness: null, infoActiveMiB: null, cpuOverallMHz: null, cpuMaxMHz: null,
    memConsumedMiB: null, memActiveMiB: null, memBalloonedMiB: null, memSwappedMiB: null, ...over,
  });

  it("leaves a VM that is not powered on without figures, since RVTools writes 0 for it", () => {
    const zeros = { cpuOverallMHz: "0", cpuMaxMHz: "9600", memConsumedMiB: "0", cpuReadiness: "0%" };
    expect(rvtoolsUtilization(cells({ ...zeros, powerState: "poweredOff" }))).toEqual([]);
    expect(rvtoolsUtilization(cells({ ...zeros, powerState: "suspended" }))).toEqual([]);
    expect(rvtoolsUtilization(cells(zeros)).map((u) => u.value)).toEqual([0, 0, 0]);
  });

  it("reads readiness written with a comma or a spaced percent sign, and skips unreadable or impossible cells", () => {
    expect(rvtoolsUtilization(cells({ cpuReadiness: "0,5 %" }))).toEqual([sample("cpu.ready.pct", 0.5)]);
    expect(rvtoolsUtilization(cells({ cpuReadiness: "n/a", memSwappedMiB: "-1", cpuOverallMHz: "100", cpuMaxMHz: "0" }))).toEqual([]);
    // 1000 of 3000 MHz to two decimals.
    expect(rvtoolsUtilization(cells({ cpuOverallMHz: "1,000", cpuMaxMHz: "3000" }))).toEqual([sample("cpu.usage.pct", 33.33)]);
  });
});

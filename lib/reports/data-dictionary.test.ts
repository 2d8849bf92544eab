import Papa from "papaparse";
import { describe, expect, it } from "vitest";
import { contextSchema } from "@/lib/vm/context";
import { blankVm } from "@/lib/vm/model";
import type { VmRecord } from "@/lib/vm/record";
import { dumpCsvHeader, dumpCsvRow, dumpJsonLine } from "./data-dictionary";

function record(disks: (number | null)[], stated: number | null = null): VmRecord {
  return {
    id: "abcd2345", status: "published", isDemo: false, createdAt: "2026-12-04", updatedAt: "2026-12-04",
    vm: { ...blankVm("rvtools"), disks: disks.map((sizeGiB) => ({ sizeGiB, bus: null, provisioning: null })), totalDiskGiB: stated },
    tags: [], context: contextSchema.parse({}),
  };
}

const row = (r: VmRecord) => Papa.parse<Record<string, string>>(dumpCsvHeader() + dumpCsvRow(r), { header: true, skipEmptyLines: true }).data[0];

describe("open-data dump: unknown disk sizes", () => {
  it("writes an empty total, never 0, when a disk size or every disk is unknown", () => {
    expect(row(record([100, null]))).toMatchObject({ total_disk_gib: "", disk_count: "2", disk_sizes_gib: "100;" });
    expect(row(record([]))).toMatchObject({ total_disk_gib: "", disk_count: "0" });
    expect(JSON.parse(dumpJsonLine(record([100, null]))).vm.totalDiskGiB).toBeNull();
  });

  it("writes the derived total when it is known, and the source's stated total over unknown disks", () => {
    expect(row(record([100, 400.5])).total_disk_gib).toBe("500.5");
    expect(row(record([null, null], 300))).toMatchObject({ total_disk_gib: "300", disk_sizes_gib: ";" });
  });
});

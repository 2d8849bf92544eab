import { describe, expect, it } from "vitest";
import { emptyContext } from "@/lib/vm/context";
import { blankVm } from "@/lib/vm/model";
import type { VmRecord } from "@/lib/vm/record";
import { compareHref, extractVmId, parseIdsParam, sideBySideRows } from "./side-by-side";

function rec(id: string, vcpus: number, memoryMiB: number, nic: string): VmRecord {
  return {
    id, status: "published", isDemo: false, createdAt: "2025-01-01T00:00:00Z", updatedAt: "2025-01-01T00:00:00Z",
    vm: { ...blankVm("vmx"), cpu: { vcpus, coresPerSocket: 1 }, memoryMiB, disks: [{ sizeGiB: 100, bus: "scsi", provisioning: null }], nics: [{ model: nic, network: "net-1" }] },
    tags: [{ slug: "nginx", name: "NGINX", category: "web", version: null, primary: true }],
    context: emptyContext(),
  };
}

describe("side-by-side comparison", () => {
  it("reads ids from bare ids, links and duplicates, and caps them at four", () => {
    expect(extractVmId("https://vmcompare.example/vms/abcd1234?x=1")).toBe("abcd1234");
    expect(extractVmId(" /vms/ABCD1234 ")).toBe("abcd1234");
    expect(extractVmId("not an id!")).toBeNull();
    expect(parseIdsParam("aaaa1,bbbb2, aaaa1,cccc3,dddd4,eeee5,#bad")).toEqual({
      ids: ["aaaa1", "bbbb2", "cccc3", "dddd4"],
      dropped: ["eeee5"],
      invalid: ["#bad"],
    });
    expect(parseIdsParam(undefined)).toEqual({ ids: [], dropped: [], invalid: [] });
  });

  it("builds links that keep the baseline only when it is not the first VM", () => {
    expect(compareHref(["aaaa1", "bbbb2"], "bbbb2")).toBe("/compare?ids=aaaa1,bbbb2&base=bbbb2");
    expect(compareHref(["aaaa1", "bbbb2"], "aaaa1")).toBe("/compare?ids=aaaa1,bbbb2");
    expect(compareHref([], null)).toBe("/compare");
  });

  it("describes every VM relative to the chosen baseline", () => {
    const rows = sideBySideRows([rec("aaaa1", 4, 8192, "vmxnet3"), rec("bbbb2", 2, 16384, "e1000"), rec("cccc3", 4, 8192, "vmxnet3")], "bbbb2");
    const byKey = Object.fromEntries(rows.map((r) => [r.key, r]));
    expect(byKey.vcpus.cells.map((c) => c.diff?.text ?? c.text)).toEqual(["+2 vCPUs", "2", "+2 vCPUs"]);
    expect(byKey.memoryMiB.cells.map((c) => c.diff?.text ?? null)).toEqual(["−8 GiB (−50%)", null, "−8 GiB (−50%)"]);
    expect(byKey.nicModels.cells[0].diff).toEqual({ text: "differs", tone: "better", same: false });
    expect(byKey.diskCount).toMatchObject({ differs: false });
    expect(byKey.vcpus.differs).toBe(true);
    const againstFirst = Object.fromEntries(sideBySideRows([rec("aaaa1", 4, 8192, "vmxnet3"), rec("bbbb2", 2, 16384, "e1000")], "nope").map((r) => [r.key, r]));
    expect(againstFirst.nicModels.cells[1].diff).toMatchObject({ tone: "worse" });
    expect(againstFirst.vcpus.cells[1].diff?.text).toBe("−2 vCPUs");
  });
});

import { describe, expect, it } from "vitest";
import { isAppError } from "@/lib/errors/app-error";
import { estimateLinkedClones, isVdiTagged, linkedClonesCheck } from "./linked-clones";
import { makeInput, tag } from "./test-input";

describe("estimateLinkedClones", () => {
  it("reproduces View's example: 100 GB datastore, 10 GB parent, conservative -> 40 clones", () => {
    const e = estimateLinkedClones({ datastoreGiB: 100, parentDiskGiB: 10, deltaGrowthPct: 10, overcommit: "conservative", reservePct: 0, overheadGiB: 0 });
    expect(e.clones).toBe(40);
    expect(e.limitedBy).toBe("overcommit");
    expect(e.levels.map((l) => [l.level, l.clones])).toEqual([["none", 10], ["conservative", 40], ["moderate", 70], ["aggressive", 150]]);
    expect(e.levels[0].risk).toBe("none"); // 10 full-size clones fill exactly 100 GB
  });

  it("counts delta growth, swap and overhead per clone and shows the trade-off per level", () => {
    const e = estimateLinkedClones({ datastoreGiB: 1000, parentDiskGiB: 40, deltaGrowthPct: 10, overcommit: "conservative", swapGiB: 2, overheadGiB: 0, reservePct: 10 });
    expect(e.perCloneGiB).toBe(6);
    expect(e.perCloneFullGrowthGiB).toBe(42);
    expect(e.usableGiB).toBe(900);
    expect(e.fitAtExpectedGrowth).toBe(150);
    expect(e.clones).toBe(100);
    const byLevel = Object.fromEntries(e.levels.map((l) => [l.level, l]));
    expect(byLevel.none).toMatchObject({ clones: 25, expectedUseGiB: 150, expectedUsePct: 15, fullGrowthUseGiB: 1050, risk: "low" });
    expect(byLevel.conservative).toMatchObject({ clones: 100, expectedUseGiB: 600, expectedUsePct: 60, risk: "low" });
    expect(byLevel.moderate).toMatchObject({ clones: 175, expectedUseGiB: 1050, risk: "high" });
    expect(byLevel.aggressive).toMatchObject({ clones: 375, expectedUseGiB: 2250, risk: "high" });
  });

  it("caps the planned clones at what fits when the level allows more", () => {
    const e = estimateLinkedClones({ datastoreGiB: 1000, parentDiskGiB: 40, deltaGrowthPct: 10, overcommit: "moderate", swapGiB: 2, overheadGiB: 0, reservePct: 10 });
    expect(e.clones).toBe(150);
    expect(e.limitedBy).toBe("space");
  });

  it("calls a level medium risk when expected use is between 75% and 100% of the usable space", () => {
    const e = estimateLinkedClones({ datastoreGiB: 1000, parentDiskGiB: 10, deltaGrowthPct: 25, overcommit: "conservative", overheadGiB: 0, reservePct: 0 });
    const conservative = e.levels.find((l) => l.level === "conservative")!;
    expect(conservative.clones).toBe(400);
    expect(conservative.expectedUseGiB).toBe(1000);
    expect(conservative.risk).toBe("medium");
  });

  it("applies the default overhead (0.1 GiB) and reserve (10%)", () => {
    const e = estimateLinkedClones({ datastoreGiB: 1000, parentDiskGiB: 40, deltaGrowthPct: 10, overcommit: "aggressive" });
    expect(e.perCloneGiB).toBe(4.1);
    expect(e.usableGiB).toBe(900);
    expect(e.fitAtExpectedGrowth).toBe(219);
    expect(e.clones).toBe(219);
  });

  it("rejects impossible input with a validation error naming the field", () => {
    try {
      estimateLinkedClones({ datastoreGiB: 1000, parentDiskGiB: 0, deltaGrowthPct: 10, overcommit: "none" });
      expect.unreachable();
    } catch (e) {
      expect(isAppError(e) && e.code).toBe("validation_error");
      expect(isAppError(e) && e.field).toBe("parentDiskGiB");
    }
    expect(() => estimateLinkedClones({ datastoreGiB: 1000, parentDiskGiB: 10, deltaGrowthPct: 150, overcommit: "none" })).toThrow(/deltaGrowthPct/);
  });
});

describe("linkedClonesCheck", () => {
  const vm = { disks: [{ sizeGiB: 40, bus: "scsi" as const, provisioning: "thin" as const }], memoryMiB: 4096 };

  it("matches VDI tags as whole slug parts", () => {
    expect(isVdiTagged([tag("vmware-horizon")])).toBe(true);
    expect(isVdiTagged([tag("citrix-vdi")])).toBe(true);
    expect(isVdiTagged([tag("horizon-view")])).toBe(true);
    expect(isVdiTagged([tag("overview-dashboard")])).toBe(false);
    expect(isVdiTagged([tag("postgresql")])).toBe(false);
  });

  it("gives VDI desktops an info finding with a worked example from the VM's own sizes", () => {
    const [f] = linkedClonesCheck.run(makeInput(vm, {}, { tags: [tag("vmware-horizon")] }));
    expect(f.severity).toBe("info");
    expect(f.explanation).toContain("40 GiB of disk, 4 GiB swap");
    // 1024 GiB datastore, 40 GiB parent, 8.1 GiB per clone: conservative uses 826 of 921.6 usable GiB (over 75%).
    expect(f.explanation).toContain("none 25 (risk low), conservative 102 (risk medium), moderate 179 (risk high), aggressive 384 (risk high)");
    // (1024 * 0.9) / (4 + 4 + 0.1) = 113.8
    expect(f.explanation).toContain("about 113 clones fit");
  });

  it("leaves out the example when the VM's disk size is unknown, and says nothing without a VDI tag", () => {
    const [f] = linkedClonesCheck.run(makeInput({ disks: [] }, {}, { tags: [tag("vdi")] }));
    expect(f.explanation).not.toContain("For example");
    expect(linkedClonesCheck.run(makeInput(vm, {}, { tags: [tag("sql-server")] }))).toEqual([]);
  });
});

import { describe, expect, it } from "vitest";
import { blankVm } from "@/lib/vm/model";
import { emptyContext } from "@/lib/vm/context";
import { CHECK_DOCS, CHECKS, runChecks } from "./index";
import { esxi, makeInput, tag } from "./test-input";

describe("runChecks", () => {
  it("returns nothing and does not throw for a VM whose facts are all unknown", () => {
    for (const format of ["vmx", "proxmox", "libvirt", "manual"] as const) {
      expect(runChecks({ vm: blankVm(format), context: emptyContext(), tags: [] })).toEqual([]);
    }
  });

  it("sorts problems before warnings before information", () => {
    const input = makeInput(
      {
        hypervisor: esxi("7.0 U1"),
        hardwareVersion: "vmx-19", // problem
        memoryMiB: 4098, // warning
        cpu: { vcpus: 6, coresPerSocket: 4 }, // problem
        disks: [{ sizeGiB: 40, bus: "scsi", provisioning: "thin" }],
        guestOs: { id: "windows9-64", family: "windows", name: null },
      },
      {},
      { tags: [tag("vdi")], now: new Date("2020-01-01T00:00:00Z") }, // info from linked clones
    );
    const found = runChecks(input);
    expect(found.map((f) => `${f.severity}:${f.checkId}`)).toEqual([
      "problem:hardware-version",
      "problem:layout-devices",
      "warning:layout-devices",
      "info:linked-clones",
    ]);
  });
});

describe("CHECKS and CHECK_DOCS", () => {
  it("have unique ids, a summary and at least one source and table each", () => {
    expect(new Set(CHECKS.map((c) => c.id)).size).toBe(CHECKS.length);
    expect(CHECK_DOCS.map((d) => d.id)).toEqual(CHECKS.map((c) => c.id));
    for (const doc of CHECK_DOCS) {
      expect(doc.summary.length).toBeGreaterThan(80);
      expect(doc.sources.length).toBeGreaterThan(0);
      expect(doc.tables.length).toBeGreaterThan(0);
      for (const t of doc.tables) for (const row of t.rows) expect(row).toHaveLength(t.columns.length);
      expect(doc).not.toHaveProperty("run");
    }
  });

  it("carry the rule tables the /checks page shows", () => {
    const table = (id: string, title: RegExp) => CHECK_DOCS.find((d) => d.id === id)!.tables.find((t) => title.test(t.title))!;
    expect(table("hardware-version", /hardware/).rows).toContainEqual(["vmx-19", "ESXi 7.0 U2"]);
    expect(table("guest-os-support", /end-of-support/).rows.find((r) => r[0] === "Windows Server 2003 / 2003 R2")?.[1]).toBe("2015-07-14");
    expect(table("vmfs-block-size", /disk/).rows).toContainEqual(["VMFS-3", "8 MB", "2 TiB minus 512 bytes"]);
    expect(table("linked-clones", /overcommit/).rows.map((r) => r[0])).toEqual(["None", "Conservative", "Moderate", "Aggressive"]);
  });

  it("JSON-serialises for the page (no functions or regular expressions in the docs)", () => {
    expect(JSON.parse(JSON.stringify(CHECK_DOCS))).toEqual(CHECK_DOCS);
  });
});

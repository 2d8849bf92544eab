import { describe, expect, it } from "vitest";
import { blankVm } from "@/lib/vm/model";
import { emptyForm, formFromVm, parseContributionForm, type ContributionForm } from "./form-schema";

function filled(): ContributionForm {
  const f = emptyForm();
  f.vm.vcpus = "4";
  f.vm.coresPerSocket = "2";
  f.vm.memory = "16";
  f.vm.guestFamily = "windows";
  f.vm.guestName = "Microsoft Windows Server 2022 (64-bit)";
  f.vm.hypervisorVendor = "vmware";
  f.vm.disks = [{ sizeGiB: "80", bus: "scsi", provisioning: "thin" }, { sizeGiB: "250.5", bus: "", provisioning: "" }];
  f.vm.nics = [{ model: "VMXNET3", network: "net-1" }];
  f.tags = [{ slug: "mssql", name: "Microsoft SQL Server", version: "2019", primary: false }];
  f.context.environment = "production";
  f.context.cpuAvgPct = "20";
  f.context.cpuPeakPct = "85";
  f.context.usagePeriod = "P30D";
  return f;
}

describe("usage figures on the form", () => {
  it("stores the contributor's figures with their period and source, beside a parsed source's figures", () => {
    const f = filled();
    f.context.memoryPct = "40";
    f.context.iops = "350";
    f.vm.utilization = [{ metric: "cpu.usage.pct", statistic: "sample", window: null, source: "rvtools", value: 12 }];
    const r = parseContributionForm(f);
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    expect(r.contribution.vm.utilization).toEqual([
      { metric: "cpu.usage.pct", statistic: "sample", window: null, source: "rvtools", value: 12 },
      { metric: "cpu.usage.pct", statistic: "average", window: "P30D", source: "manual", value: 20 },
      { metric: "cpu.usage.pct", statistic: "max", window: "P30D", source: "manual", value: 85 },
      { metric: "mem.active.pct", statistic: "average", window: "P30D", source: "manual", value: 40 },
      { metric: "disk.iops", statistic: "average", window: "P30D", source: "manual", value: 350 },
    ]);
    // Back into the form for an edit: the manual figures fill the fields, the parsed ones are carried.
    const again = formFromVm(r.contribution.vm, r.contribution.context);
    expect(again.context).toMatchObject({ cpuAvgPct: "20", cpuPeakPct: "85", memoryPct: "40", iops: "350", usagePeriod: "P30D" });
    expect(again.vm.utilization).toEqual([{ metric: "cpu.usage.pct", statistic: "sample", window: null, source: "rvtools", value: 12 }]);
  });

  it("a single reading is a sample, never an average, and has no peak", () => {
    const f = filled();
    f.context.cpuPeakPct = "";
    f.context.usagePeriod = "sample";
    const r = parseContributionForm(f);
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    expect(r.contribution.vm.utilization).toEqual([{ metric: "cpu.usage.pct", statistic: "sample", window: null, source: "manual", value: 20 }]);
    expect(r.contribution.context.cpuAvgPct).toBeNull();
    f.context.cpuPeakPct = "50";
    const bad = parseContributionForm(f);
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.errors["context.cpuPeakPct"]).toBe("a single sample has no peak: leave it empty or choose a period");
  });

  it("refuses figures without a period, percentages over 100 and negative IOPS", () => {
    const f = filled();
    f.context.usagePeriod = "";
    f.context.memoryPct = "101";
    f.context.iops = "-1";
    const r = parseContributionForm(f);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors["context.memoryPct"]).toBe("between 0 and 100 %");
    expect(r.errors["context.iops"]).toBe("between 0 and 10000000 IOPS");
    // Once the numbers are valid, the missing period is named.
    const noPeriod = parseContributionForm({ ...f, context: { ...f.context, memoryPct: "50", iops: "0" } });
    expect(!noPeriod.ok && noPeriod.errors["context.usagePeriod"]).toBe("say what period these figures cover");
    // No figures, no period needed; and nothing is stored.
    const none = parseContributionForm({ ...filled(), context: { ...filled().context, cpuAvgPct: "", cpuPeakPct: "", usagePeriod: "" } });
    expect(none.ok && none.contribution.vm.utilization).toBeUndefined();
  });
});

describe("contribution form schema", () => {
  it("converts a valid form to the stored contribution: GiB to MiB, empty to null, first tag primary", () => {
    const r = parseContributionForm(filled());
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const c = r.contribution;
    expect(c.vm.memoryMiB).toBe(16384);
    expect(c.vm.cpu).toEqual({ vcpus: 4, coresPerSocket: 2 });
    expect(c.vm.source.format).toBe("manual");
    expect(c.vm.name).toBeNull();
    expect(c.vm.firmware).toBeNull();
    expect(c.vm.disks).toEqual([
      { sizeGiB: 80, bus: "scsi", provisioning: "thin" },
      { sizeGiB: 250.5, bus: null, provisioning: null },
    ]);
    expect(c.vm.nics).toEqual([{ model: "vmxnet3", network: "net-1" }]);
    expect(c.tags).toEqual([{ slug: "mssql", version: "2019", primary: true }]);
    expect(c.context.environment).toBe("production");
    expect(c.context.cpuPeakPct).toBe(85);
    expect(c.context.industry).toBeNull();
  });

  it("keeps MiB input as MiB and rounds fractions of a GiB", () => {
    const f = filled();
    f.vm.memory = "1536";
    f.vm.memoryUnit = "MiB";
    const r = parseContributionForm(f);
    expect(r.ok && r.contribution.vm.memoryMiB).toBe(1536);
    f.vm.memory = "1.5";
    f.vm.memoryUnit = "GiB";
    const r2 = parseContributionForm(f);
    expect(r2.ok && r2.contribution.vm.memoryMiB).toBe(1536);
  });

  it("names each invalid field by its form path", () => {
    const f = filled();
    f.vm.vcpus = "";
    f.vm.coresPerSocket = "3";
    f.vm.memory = "abc";
    f.vm.disks[1].sizeGiB = "-5";
    f.context.cpuPeakPct = "120";
    f.tags = [];
    const r = parseContributionForm(f);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors["vm.vcpus"]).toBe("enter the number of vCPUs");
    expect(r.errors["vm.memory"]).toBe("enter a number");
    expect(r.errors["vm.disks.1.sizeGiB"]).toBe("between 0 and 1048576 GiB");
    expect(r.errors["context.cpuPeakPct"]).toBe("between 0 and 100 %");
    expect(r.errors["tags"]).toBe("add at least one application");
  });

  it("refuses a 0 GiB disk and keeps an empty size as unknown (null)", () => {
    const f = filled();
    f.vm.disks[0].sizeGiB = "0";
    const r = parseContributionForm(f);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors["vm.disks.0.sizeGiB"]).toBe("a disk cannot be 0 GiB: enter its size, or leave the field empty when unknown");

    const g = filled();
    g.vm.disks[0].sizeGiB = "";
    const ok = parseContributionForm(g);
    expect(ok.ok).toBe(true);
    if (!ok.ok) return;
    expect(ok.contribution.vm.disks[0].sizeGiB).toBeNull();
  });

  it("keeps a source's stated total through the form while disk sizes are unknown, and drops it once all are given", () => {
    const vm = { ...blankVm("rvtools"), cpu: { vcpus: 2, coresPerSocket: 1 }, memoryMiB: 4096, totalDiskGiB: 300,
      disks: [{ sizeGiB: null, bus: null, provisioning: null }, { sizeGiB: null, bus: null, provisioning: null }] };
    const f = formFromVm(vm);
    f.tags = [{ slug: "nginx", name: "nginx", version: "", primary: true }];
    const kept = parseContributionForm(f);
    expect(kept.ok && kept.contribution.vm.totalDiskGiB).toBe(300);
    f.vm.disks = [{ sizeGiB: "100", bus: "", provisioning: "" }, { sizeGiB: "150", bus: "", provisioning: "" }];
    const summed = parseContributionForm(f);
    expect(summed.ok && summed.contribution.vm.totalDiskGiB).toBeNull();
  });

  it("checks cores per socket against vCPUs and peak against average", () => {
    const f = filled();
    f.vm.coresPerSocket = "3";
    f.context.cpuAvgPct = "90";
    const r = parseContributionForm(f);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors["vm.coresPerSocket"]).toBe("must divide the 4 vCPUs evenly");
    expect(r.errors["context.cpuPeakPct"]).toBe("the peak cannot be below the average");
  });

  it("keeps a typed application as a suggestion and refuses a form with only typed ones", () => {
    const f = filled();
    f.tags.push({ slug: "", name: "Acme Billing", version: "", primary: true });
    const r = parseContributionForm(f);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.contribution.suggestions).toEqual(["Acme Billing"]);
    expect(r.contribution.tags).toEqual([{ slug: "mssql", version: "2019", primary: true }]);
    f.tags = [{ slug: "", name: "Acme Billing", version: "", primary: true }];
    const r2 = parseContributionForm(f);
    expect(r2.ok).toBe(false);
    if (!r2.ok) expect(r2.errors.tags).toMatch(/from the list/);
  });

  it("refuses two primaries and the same application twice", () => {
    const f = filled();
    f.tags = [
      { slug: "nginx", name: "NGINX", version: "", primary: true },
      { slug: "nginx", name: "NGINX", version: "", primary: true },
    ];
    const r = parseContributionForm(f);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors.tags).toBe("mark only one application as primary");
    expect(r.errors["tags.1.name"]).toBe("NGINX is listed twice");
  });

  it("refuses free-text network names", () => {
    const f = filled();
    f.vm.nics[0].network = "PROD-DMZ-VLAN12";
    const r = parseContributionForm(f);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors["vm.nics.0.network"]).toBe("choose a network label from the list");
  });

  it("round-trips a VM through the form", () => {
    const vm = {
      ...blankVm("vmx"),
      hypervisor: { vendor: "vmware" as const, product: "VMware ESXi", version: "8.0" },
      cpu: { vcpus: 8, coresPerSocket: 4 },
      memoryMiB: 3000,
      disks: [{ sizeGiB: 40, bus: "nvme" as const, provisioning: "thick" as const }],
      nics: [{ model: "vmxnet3", network: "net-2" }],
    };
    const f = formFromVm(vm, { environment: "test", datastoreBlockSizeMB: 8 });
    expect(f.vm.memory).toBe("3000");
    expect(f.vm.memoryUnit).toBe("MiB");
    expect(f.context.datastoreBlockSizeMB).toBe("8");
    f.tags = [{ slug: "nginx", name: "NGINX", version: "", primary: true }];
    const r = parseContributionForm(f);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.contribution.vm).toEqual(vm);
    expect(r.contribution.context.environment).toBe("test");
    expect(r.contribution.context.datastoreBlockSizeMB).toBe(8);
  });
});

describe("implausible numbers in the form", () => {
  it("refuses 1 vCPU with 10 TiB, with the reason next to the memory input", () => {
    const f = filled();
    f.vm.vcpus = "1";
    f.vm.coresPerSocket = "";
    f.vm.memory = "10240";
    const r = parseContributionForm(f);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors).toEqual({ "vm.memory": "10 TiB of memory for 1 vCPU is 10,240 GiB per vCPU; VMs run with at most 512 GiB per vCPU." });
    expect(r.implausible?.map((x) => x.rule)).toEqual(["memory-per-vcpu-high"]);
  });

  it("puts a disk's reason on that disk's size and accepts the VM once confirmed", () => {
    const f = filled();
    f.vm.disks[1].sizeGiB = "70000";
    const refused = parseContributionForm(f);
    expect(refused.ok ? null : refused.errors).toEqual({ "vm.disks.1.sizeGiB": "Disk 2 is 70,000 GiB; no hypervisor offers a virtual disk over 64 TiB." });
    const confirmed = parseContributionForm({ ...f, confirmImplausible: true });
    expect(confirmed.ok && confirmed.contribution.confirmImplausible).toBe(true);
    // A plausible VM never carries the confirmation, even when the box was ticked earlier.
    const plain = parseContributionForm({ ...filled(), confirmImplausible: true });
    expect(plain.ok && plain.contribution.confirmImplausible).toBeUndefined();
  });
});

describe("platform defaults through the form", () => {
  it("keeps a default the contributor left alone and drops one they changed", () => {
    const vm = { ...blankVm("vmx"), firmware: "bios" as const, defaulted: ["firmware" as const], cpu: { vcpus: 2, coresPerSocket: null }, memoryMiB: 4096 };
    const f = formFromVm(vm);
    f.tags = [{ slug: "nginx", name: "NGINX", version: "", primary: true }];
    const kept = parseContributionForm(f);
    expect(kept.ok && kept.contribution.vm.defaulted).toEqual(["firmware"]);
    f.vm.firmware = "efi";
    const changed = parseContributionForm(f);
    expect(changed.ok && changed.contribution.vm.defaulted).toEqual([]);
  });
});

describe("every error at the first submit", () => {
  it("reports a missing application, a bad disk, cores that do not divide and implausible memory together", () => {
    const f = filled();
    f.tags = [];
    f.vm.vcpus = "6";
    f.vm.coresPerSocket = "4";
    f.vm.memory = "10240";
    f.vm.disks[0].sizeGiB = "abc";
    const r = parseContributionForm(f);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(Object.keys(r.errors).sort()).toEqual(["tags", "vm.coresPerSocket", "vm.disks.0.sizeGiB", "vm.memory"]);
    expect(r.errors["vm.coresPerSocket"]).toBe("must divide the 6 vCPUs evenly");
    expect(r.errors["vm.memory"]).toMatch(/GiB per vCPU/);
    expect(r.implausible?.map((x) => x.rule)).toEqual(["memory-per-vcpu-high"]);
  });

  it("says nothing about plausibility while vCPUs or memory is not a number, and nothing once confirmed", () => {
    const f = filled();
    f.tags = [];
    f.vm.vcpus = "x";
    f.vm.memory = "10240";
    const r = parseContributionForm(f);
    expect(r.ok ? null : Object.keys(r.errors).sort()).toEqual(["tags", "vm.vcpus"]);
    const g = filled();
    g.tags = [];
    g.vm.vcpus = "1";
    g.vm.coresPerSocket = "";
    g.vm.memory = "10240";
    const confirmed = parseContributionForm({ ...g, confirmImplausible: true });
    expect(confirmed.ok ? null : Object.keys(confirmed.errors)).toEqual(["tags"]);
  });
});

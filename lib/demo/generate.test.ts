import { beforeAll, describe, expect, it } from "vitest";
import { normalizedVmSchema } from "@/lib/vm/model";
import { contextSchema } from "@/lib/vm/context";
import { APPLICATIONS, getApplication } from "@/lib/taxonomy/applications";
import { ESXI_NEWEST_HARDWARE } from "@/lib/taxonomy/hypervisors";
import { GUEST_OS_CATALOGUE, isPastEndOfSupport, lookupGuestOs } from "@/lib/taxonomy/guest-os";
import { runChecks } from "@/lib/checks";
import { plausibilityReasons } from "@/lib/vm/plausibility";
import { APP_VERSION_SUPPORT, HYPERV_WINDOWS_GUESTS } from "@/lib/demo/support";
import { DEFAULT_DEMO_COUNT, DEMO_SEED, generateDemoVms, type DemoVm } from "@/lib/demo/generate";

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

const primary = (d: DemoVm) => d.tags.find((t) => t.primary)!.slug;

let demo: DemoVm[];
beforeAll(() => {
  demo = generateDemoVms({ count: DEFAULT_DEMO_COUNT, seed: DEMO_SEED });
});

describe("generateDemoVms", () => {
  it("is deterministic for a seed and differs between seeds", () => {
    expect(generateDemoVms({ count: DEFAULT_DEMO_COUNT, seed: DEMO_SEED })).toEqual(demo);
    const other = generateDemoVms({ count: 200, seed: DEMO_SEED + 1 });
    expect(other).not.toEqual(demo.slice(0, 200));
    // A prefix of a longer run equals a shorter run: counts do not reshuffle the data.
    expect(generateDemoVms({ count: 50, seed: DEMO_SEED })).toEqual(demo.slice(0, 50));
  });

  it("produces the requested count, and nothing for zero", () => {
    expect(demo).toHaveLength(5000);
    expect(generateDemoVms({ count: 0, seed: 1 })).toEqual([]);
  });

  it("satisfies the normalized VM and context schemas for all 5,000 VMs", () => {
    for (const d of demo) {
      const vm = normalizedVmSchema.safeParse(d.vm);
      if (!vm.success) throw new Error(`${JSON.stringify(d.vm)}: ${vm.error.message}`);
      const ctx = contextSchema.safeParse(d.context);
      if (!ctx.success) throw new Error(`${JSON.stringify(d.context)}: ${ctx.error.message}`);
      expect(ctx.data).toEqual(d.context);
    }
  });

  it("publishes no names and labels networks net-1, net-2, … in order of first use", () => {
    for (const d of demo) {
      expect(d.vm.name).toBeNull();
      const seen: string[] = [];
      for (const n of d.vm.nics) {
        if (!seen.includes(n.network!)) {
          seen.push(n.network!);
          expect(n.network).toBe(`net-${seen.length}`);
        }
      }
    }
  });

  it("sizes SQL Server larger than domain controllers", () => {
    const vcpus = (slug: string) => demo.filter((d) => primary(d) === slug).map((d) => d.vm.cpu.vcpus);
    const mem = (slug: string) => demo.filter((d) => primary(d) === slug).map((d) => d.vm.memoryMiB);
    expect(median(vcpus("mssql"))).toBeGreaterThan(median(vcpus("active-directory")));
    expect(median(mem("mssql"))).toBeGreaterThan(median(mem("active-directory")));
    expect(median(vcpus("active-directory"))).toBe(2);
    expect(median(mem("sap-hana"))).toBeGreaterThanOrEqual(256 * 1024);
  });

  it("uses every application at least once, popular ones far more than rare ones", () => {
    const counts = new Map<string, number>();
    for (const d of demo) counts.set(primary(d), (counts.get(primary(d)) ?? 0) + 1);
    for (const app of APPLICATIONS) expect(counts.get(app.slug) ?? 0, app.slug).toBeGreaterThan(0);
    expect(counts.get("active-directory")!).toBeGreaterThan(5 * counts.get("sap-hana")!);
    expect(counts.get("apache-httpd")!).toBeGreaterThan(5 * counts.get("sap-hana")!);
  });

  it("gives each VM one primary tag of a known application, some a secondary tag", () => {
    let withSecondary = 0;
    for (const d of demo) {
      expect(d.tags.filter((t) => t.primary)).toHaveLength(1);
      for (const t of d.tags) expect(getApplication(t.slug), t.slug).not.toBeNull();
      expect(new Set(d.tags.map((t) => t.slug)).size).toBe(d.tags.length);
      if (d.tags.length > 1) withSecondary++;
    }
    expect(withSecondary).toBeGreaterThan(50);
    expect(withSecondary).toBeLessThan(1000);
  });

  it("mixes hypervisors with ESXi the majority and VirtualBox rare", () => {
    const share = (vendor: string) => demo.filter((d) => d.vm.hypervisor.vendor === vendor).length / demo.length;
    expect(share("vmware")).toBeGreaterThan(0.5);
    for (const v of ["microsoft", "kvm", "proxmox", "xen", "nutanix", "virtualbox"]) expect(share(v), v).toBeGreaterThan(0);
    expect(share("virtualbox")).toBeLessThan(0.03);
  });

  it("never gives a VM newer virtual hardware than its ESXi host creates, yet keeps some old hardware", () => {
    let older = 0;
    for (const d of demo) {
      const hv = d.vm.hypervisor;
      if (hv.vendor !== "vmware" || !d.vm.hardwareVersion) continue;
      const n = Number(/^vmx-(\d+)$/.exec(d.vm.hardwareVersion)![1]);
      if (hv.version) {
        expect(n).toBeLessThanOrEqual(ESXI_NEWEST_HARDWARE[hv.version]);
        if (n < ESXI_NEWEST_HARDWARE[hv.version] - 3) older++;
      }
    }
    expect(older).toBeGreaterThan(20);
  });

  it("uses paravirtual NICs mostly, with some legacy e1000", () => {
    const vmwareNics = demo.filter((d) => d.vm.hypervisor.vendor === "vmware").flatMap((d) => d.vm.nics);
    const vmxnet3 = vmwareNics.filter((n) => n.model === "vmxnet3").length / vmwareNics.length;
    expect(vmxnet3).toBeGreaterThan(0.7);
    expect(vmwareNics.some((n) => n.model === "e1000")).toBe(true);
    const kvmNics = demo.filter((d) => d.vm.hypervisor.vendor === "kvm" || d.vm.hypervisor.vendor === "proxmox").flatMap((d) => d.vm.nics);
    expect(kvmNics.filter((n) => n.model === "virtio").length / kvmNics.length).toBeGreaterThan(0.7);
    const hv = demo.filter((d) => d.vm.hypervisor.vendor === "microsoft").flatMap((d) => d.vm.nics);
    expect(hv.filter((n) => n.model === "hyperv-synthetic").length / hv.length).toBeGreaterThan(0.9);
  });

  it("has multi-homed VMs, gateways among them", () => {
    const multi = demo.filter((d) => new Set(d.vm.nics.map((n) => n.network)).size > 1);
    expect(multi.length).toBeGreaterThan(100);
    expect(multi.some((d) => getApplication(primary(d))!.isGateway)).toBe(true);
    expect(multi.some((d) => !getApplication(primary(d))!.isGateway)).toBe(true);
  });

  it("writes guest OS ids that the catalogue reads back in the same family", () => {
    let ids = 0;
    for (const d of demo) {
      const { id, family } = d.vm.guestOs;
      expect(family).not.toBeNull();
      if (id === null) continue;
      ids++;
      const info = lookupGuestOs(id);
      expect(info, id).not.toBeNull();
      expect(info!.family).toBe(family);
    }
    expect(ids).toBeGreaterThan(2500);
  });

  it("keeps a tail of guests past end of support and more EFI on new guests", () => {
    const past = demo.filter((d) => {
      const name = d.vm.guestOs.name;
      const info = GUEST_BY_NAME.get(name ?? "");
      return info !== undefined && isPastEndOfSupport(info, d.createdAt);
    });
    expect(past.length).toBeGreaterThan(30);
    expect(past.length).toBeLessThan(demo.length * 0.2);
    const efiShare = (re: RegExp) => {
      const vms = demo.filter((d) => re.test(d.vm.guestOs.name ?? "") && d.vm.firmware !== null);
      return vms.filter((d) => d.vm.firmware === "efi").length / vms.length;
    };
    expect(efiShare(/Windows Server 2022/)).toBeGreaterThan(efiShare(/Windows Server 2012/) + 0.3);
  });

  it("spreads creation dates over 2019 to 2026 and reports utilisation for about 40%", () => {
    const years = new Set(demo.map((d) => d.createdAt.getUTCFullYear()));
    expect([...years].sort()).toEqual([2019, 2020, 2021, 2022, 2023, 2024, 2025, 2026]);
    const withLoad = demo.filter((d) => d.context.cpuAvgPct !== null);
    expect(withLoad.length / demo.length).toBeGreaterThan(0.35);
    expect(withLoad.length / demo.length).toBeLessThan(0.45);
    for (const d of withLoad) expect(d.context.cpuPeakPct!).toBeGreaterThanOrEqual(d.context.cpuAvgPct!);
  });

  it("pairs memory with vCPUs sensibly (1 to 32 GiB per vCPU for nearly all VMs)", () => {
    const odd = demo.filter((d) => {
      const perCpu = d.vm.memoryMiB / 1024 / d.vm.cpu.vcpus;
      return perCpu < 1 || perCpu > 32;
    });
    expect(odd.length / demo.length).toBeLessThan(0.03);
  });

  it("keeps cores per socket a divisor of the vCPU count", () => {
    for (const d of demo) {
      const { vcpus, coresPerSocket } = d.vm.cpu;
      if (coresPerSocket !== null) expect(vcpus % coresPerSocket).toBe(0);
    }
  });

  it("generates as many VMs as asked, each valid (its speed is measured in bench/demo-generate.ts)", () => {
    const many = generateDemoVms({ count: 20_000, seed: 7 });
    expect(many).toHaveLength(20_000);
    expect(new Set(many.map((d) => JSON.stringify(d.vm))).size).toBeGreaterThan(1000);
  });
});

const GUEST_BY_NAME = new Map(
  ["winNetStandard64Guest", "winNetStandardGuest", "winLonghorn64Guest", "windows7Server64Guest", "windows8Server64Guest",
    "windows7_64Guest", "windows7Guest", "centos6_64Guest", "centos7_64Guest", "centos8_64Guest", "rhel6_64Guest", "rhel7_64Guest",
    "debian10_64Guest", "windows9_64Guest"]
    .map((id) => lookupGuestOs(id)!)
    .map((g) => [g.name, g] as const),
);

describe("demo data an admin would believe", () => {
  const byName = new Map(GUEST_OS_CATALOGUE.map((g) => [g.name, g.id] as const));
  // Proxmox and VirtualBox name OS groups ("Windows 10/2016/2019"), which say no one release: not checked.
  const guestId = (d: DemoVm) => {
    const id = byName.get(d.vm.guestOs.name ?? "") ?? null;
    return id && !id.includes(":") ? id : null;
  };

  it("raises no problem in the configuration checks, except on the VMs made as examples", () => {
    const problems = new Map<string, number>();
    let examples = 0;
    for (const d of demo) {
      const findings = runChecks({ vm: d.vm, context: d.context, tags: d.tags, now: d.createdAt });
      const worst = findings.filter((f) => f.severity === "problem");
      if (d.example) {
        examples++;
        // An example is made to be found.
        expect(worst.length, d.example).toBeGreaterThan(0);
        continue;
      }
      for (const f of worst) problems.set(`${f.checkId}: ${f.title}`, (problems.get(`${f.checkId}: ${f.title}`) ?? 0) + 1);
    }
    expect([...problems]).toEqual([]);
    expect(examples).toBeGreaterThan(0);
    expect(examples / demo.length).toBeLessThan(0.03);
  });

  it("runs each application version only on a guest its vendor supports, and never before it shipped", () => {
    let checked = 0;
    for (const d of demo) {
      const tag = d.tags.find((t) => t.primary)!;
      const facts = tag.version ? APP_VERSION_SUPPORT[tag.slug]?.[tag.version] : undefined;
      if (!facts) continue;
      expect(d.createdAt.getTime(), `${tag.slug} ${tag.version}`).toBeGreaterThanOrEqual(Date.UTC(Math.floor(facts.year), 0, 1));
      const id = guestId(d);
      if (!id) continue;
      checked++;
      expect(facts.guests, `${tag.slug} ${tag.version} on ${d.vm.guestOs.name}`).toContain(id);
    }
    expect(checked).toBeGreaterThan(300);
  });

  it("puts Windows guests only on Hyper-V releases that support them", () => {
    let checked = 0;
    for (const d of demo) {
      if (d.vm.hypervisor.vendor !== "microsoft" || d.vm.guestOs.family !== "windows") continue;
      const id = guestId(d);
      if (!id) continue;
      checked++;
      expect(HYPERV_WINDOWS_GUESTS[d.vm.hypervisor.version!], `${d.vm.guestOs.name} on Hyper-V ${d.vm.hypervisor.version}`).toContain(id);
    }
    expect(checked).toBeGreaterThan(200);
  });

  it("never shows what a tester saw: SQL Server 2017 on Windows Server 2008 R2, or 2008 R2 on Hyper-V 2025", () => {
    const sql2017 = demo.filter((d) => d.tags.some((t) => t.slug === "mssql" && t.version === "2017"));
    expect(sql2017.length).toBeGreaterThan(5);
    for (const d of sql2017) expect(d.vm.guestOs.name ?? "").not.toMatch(/2008|2003/);
    const hv2025 = demo.filter((d) => d.vm.hypervisor.vendor === "microsoft" && d.vm.hypervisor.version === "Windows Server 2025");
    expect(hv2025.length).toBeGreaterThan(5);
    for (const d of hv2025) expect(d.vm.guestOs.name ?? "").not.toMatch(/Server (2003|2008|2012)|Windows [78]\b/);
  });

  it("sizes VMs within what the platforms allow (no plausibility rule fires)", () => {
    const implausible = demo.filter((d) => plausibilityReasons(d.vm).length > 0);
    expect(implausible.map((d) => plausibilityReasons(d.vm).map((r) => r.rule))).toEqual([]);
  });
});

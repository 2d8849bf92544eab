import { formatMemory } from "@/lib/text/display";

/**
 * A VM's human name, built from what it is rather than its random id:
 * "Microsoft SQL Server 2022 · 8 vCPU · 32 GiB · ESXi 8.0". Records carry no
 * name (names are redacted), so the application, the size and the platform
 * are what tell two VMs apart at a glance. The id is shown second, beside it.
 * A fact that is unknown is left out, never written as 0.
 */
export interface VmLabelInput {
  appName?: string | null;
  appVersion?: string | null;
  vcpus?: number | null;
  memoryMib?: number | null;
  hypervisorVendor?: string | null;
  hypervisorProduct?: string | null;
  hypervisorVersion?: string | null;
}

const VENDOR_NAMES: Record<string, string> = {
  vmware: "VMware", microsoft: "Hyper-V", kvm: "KVM", xen: "Xen", proxmox: "Proxmox VE", virtualbox: "VirtualBox", nutanix: "Nutanix AHV",
};

/** "VMware ESXi" -> "ESXi", "Microsoft Hyper-V" -> "Hyper-V", "KVM (libvirt)" -> "KVM": the vendor is implied. */
export function shortHypervisor(product: string | null | undefined, vendor: string | null | undefined): string | null {
  const p = product?.trim();
  if (p) {
    const short = p.replace(/^(VMware|Microsoft|Oracle(?: VM)?|Citrix)\s+/i, "").replace(/\s*\([^)]*\)\s*$/, "").trim();
    return short || p;
  }
  const v = vendor?.trim();
  if (!v || v === "other") return null;
  return VENDOR_NAMES[v] ?? v;
}

function clean(s: string | null | undefined): string | null {
  const t = s?.trim();
  return t ? t : null;
}

export function vmLabel(v: VmLabelInput): string {
  const parts: string[] = [];
  const app = clean(v.appName);
  const version = clean(v.appVersion);
  if (app) parts.push(version && !app.toLowerCase().includes(version.toLowerCase()) ? `${app} ${version}` : app);
  if (v.vcpus != null && Number.isFinite(v.vcpus) && v.vcpus > 0) parts.push(`${v.vcpus} vCPU`);
  if (v.memoryMib != null && Number.isFinite(v.memoryMib) && v.memoryMib > 0) parts.push(formatMemory(v.memoryMib));
  const hv = shortHypervisor(v.hypervisorProduct, v.hypervisorVendor);
  if (hv) {
    const hvVersion = clean(v.hypervisorVersion);
    parts.push(hvVersion && !hv.includes(hvVersion) ? `${hv} ${hvVersion}` : hv);
  }
  return parts.length ? parts.join(" · ") : "VM";
}

/** The label with the id after it, for plain-text places (PDF lines, CSV cells, titles). */
export function vmLabelWithId(v: VmLabelInput, id: string): string {
  return `${vmLabel(v)} (${id})`;
}

/** The label of a stored record (lib/vm/record.ts VmRecord). */
export function recordLabel(rec: {
  vm: { cpu: { vcpus: number }; memoryMiB: number; hypervisor: { vendor: string | null; product: string | null; version: string | null } };
  tags: { name: string; version?: string | null; primary: boolean }[];
}): string {
  const p = rec.tags.find((t) => t.primary) ?? rec.tags[0];
  return vmLabel({
    appName: p?.name ?? null,
    appVersion: p?.version ?? null,
    vcpus: rec.vm.cpu.vcpus,
    memoryMib: rec.vm.memoryMiB,
    hypervisorVendor: rec.vm.hypervisor.vendor,
    hypervisorProduct: rec.vm.hypervisor.product,
    hypervisorVersion: rec.vm.hypervisor.version,
  });
}

/** The label of a browse-table row (lib/vm/record.ts VmRow). */
export function rowLabel(r: {
  primaryAppName: string | null; primaryApp: string | null; primaryAppVersion: string | null; vcpus: number; memoryMib: number;
  hypervisorVendor: string | null; hypervisorProduct: string | null; hypervisorVersion: string | null;
}): string {
  return vmLabel({
    appName: r.primaryAppName ?? r.primaryApp,
    appVersion: r.primaryAppVersion,
    vcpus: r.vcpus,
    memoryMib: r.memoryMib,
    hypervisorVendor: r.hypervisorVendor,
    hypervisorProduct: r.hypervisorProduct,
    hypervisorVersion: r.hypervisorVersion,
  });
}

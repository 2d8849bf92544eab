import { ownValue } from "@/lib/own-key";
/** Display helpers shared by pages, tables and reports. */
export function gibFromMib(mib: number): number {
  return Math.round((mib / 1024) * 100) / 100;
}

export function formatGiB(gib: number | null | undefined): string {
  if (gib == null) return "unknown";
  if (gib >= 1024) return `${trim(gib / 1024)} TiB`;
  return `${trim(gib)} GiB`;
}

/**
 * A disk total over several VMs when some totals are unknown: "1.2 TiB (3 VMs unknown)", and "unknown"
 * when none is known, so that a sum of nothing never reads as 0 GiB.
 */
export function formatDiskTotals(t: { vms: number; diskGiB: number; diskUnknown?: number }): string {
  const unknown = t.diskUnknown ?? 0;
  if (unknown === 0) return formatGiB(t.diskGiB);
  if (unknown >= t.vms) return "unknown";
  return `${formatGiB(t.diskGiB)} (${plural(unknown, "VM")} unknown)`;
}

export function formatMemory(mib: number): string {
  return mib < 1024 ? `${mib} MiB` : formatGiB(mib / 1024);
}

export function trim(x: number, digits = 2): string {
  return String(Math.round(x * 10 ** digits) / 10 ** digits);
}

export function formatInt(n: number): string {
  return new Intl.NumberFormat("en-US").format(n);
}

export function formatDate(iso: string | Date): string {
  const d = typeof iso === "string" ? new Date(iso) : iso;
  return d.toISOString().slice(0, 10);
}

export function plural(n: number, one: string, many = one + "s"): string {
  return `${formatInt(n)} ${n === 1 ? one : many}`;
}

const LABELS: Record<string, string> = {
  vmware: "VMware", microsoft: "Microsoft", kvm: "KVM", xen: "Xen", proxmox: "Proxmox", virtualbox: "VirtualBox",
  nutanix: "Nutanix", other: "Other", windows: "Windows", linux: "Linux", bsd: "BSD", solaris: "Solaris", macos: "macOS",
  efi: "EFI", bios: "BIOS", production: "Production", test: "Test", development: "Development",
  vmx: ".vmx", ovf: "OVF/OVA", libvirt: "libvirt XML", "vsphere-json": "vSphere JSON", rvtools: "RVTools", hyperv: "Hyper-V JSON",
  vbox: "VirtualBox .vbox", manual: "Form", vcenter: "vCenter agent", none: "Unknown", unknown: "Unknown",
  scsi: "SCSI", sata: "SATA", ide: "IDE", nvme: "NVMe", virtio: "VirtIO", usb: "USB", thin: "Thin", thick: "Thick",
};

export function label(v: string | null | undefined): string {
  if (v == null || v === "") return "Unknown";
  return ownValue(LABELS, v) ?? v.charAt(0).toUpperCase() + v.slice(1);
}

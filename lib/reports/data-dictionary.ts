import Papa from "papaparse";
import { totalDiskGiB } from "@/lib/vm/model";
import type { VmRecord } from "@/lib/vm/record";

/**
 * The open-data dump: one row (CSV) or one object (JSON Lines) per published
 * VM. This table is the data dictionary the /data page prints, and the CSV
 * writer below follows it column by column, so the two cannot disagree.
 * Lists inside a CSV cell are joined with ";" in position order.
 */
export interface DumpColumn {
  name: string;
  type: "string" | "integer" | "number" | "boolean" | "date" | "list";
  unit: string | null;
  description: string;
  value(r: VmRecord): string | number | boolean | null;
}

const list = (xs: (string | number | null)[]): string => xs.map((x) => (x === null ? "" : String(x))).join(";");
const primary = (r: VmRecord) => r.tags.find((t) => t.primary) ?? null;

export const DUMP_COLUMNS: readonly DumpColumn[] = [
  { name: "id", type: "string", unit: null, description: "Stable VM id; the page is /vms/{id}.", value: (r) => r.id },
  { name: "created_at", type: "date", unit: "UTC", description: "Day the VM was published (YYYY-MM-DD; never a finer time, so VMs of one import cannot be grouped).", value: (r) => r.createdAt },
  { name: "updated_at", type: "date", unit: "UTC", description: "Day it was last edited by its contributor (YYYY-MM-DD).", value: (r) => r.updatedAt },
  { name: "is_demo", type: "boolean", unit: null, description: "Generated demo data rather than a contribution; filter these out for real statistics.", value: (r) => r.isDemo },
  { name: "source_format", type: "string", unit: null, description: "What the configuration was read from: vmx, ovf, libvirt, proxmox, vbox, vsphere-json, rvtools, hyperv, manual (form) or vcenter (agent).", value: (r) => r.vm.source.format },
  { name: "primary_app", type: "string", unit: null, description: "Slug of the primary application tag (see /api/v1/workloads).", value: (r) => primary(r)?.slug ?? null },
  { name: "primary_app_version", type: "string", unit: null, description: "Version of the primary application, as the contributor wrote it.", value: (r) => primary(r)?.version ?? null },
  { name: "tags", type: "list", unit: null, description: "Every application tag as slug or slug@version, primary first.", value: (r) => list(r.tags.map((t) => (t.version ? `${t.slug}@${t.version}` : t.slug))) },
  { name: "vcpus", type: "integer", unit: "vCPUs", description: "Virtual CPUs.", value: (r) => r.vm.cpu.vcpus },
  { name: "cores_per_socket", type: "integer", unit: "cores", description: "Cores per virtual socket, when the source says.", value: (r) => r.vm.cpu.coresPerSocket },
  { name: "memory_mib", type: "integer", unit: "MiB", description: "Configured memory (1 MiB = 2^20 bytes).", value: (r) => r.vm.memoryMiB },
  { name: "total_disk_gib", type: "number", unit: "GiB", description: "Total virtual disk capacity (1 GiB = 2^30 bytes): the total the source states, else the sum of the disks. Empty (CSV) or null (JSON) when unknown: no disks listed, or a disk of unknown size. Never 0 for unknown.", value: (r) => totalDiskGiB(r.vm) },
  { name: "disk_count", type: "integer", unit: "disks", description: "Virtual disks (CD-ROM and floppy drives are not disks).", value: (r) => r.vm.disks.length },
  { name: "disk_sizes_gib", type: "list", unit: "GiB", description: "Capacity of each disk in position order; empty where unknown (a size is never 0).", value: (r) => list(r.vm.disks.map((d) => d.sizeGiB)) },
  { name: "disk_buses", type: "list", unit: null, description: "Controller of each disk: scsi, sata, ide, nvme, virtio, usb, other; empty where unknown.", value: (r) => list(r.vm.disks.map((d) => d.bus)) },
  { name: "disk_provisioning", type: "list", unit: null, description: "thin or thick for each disk; empty where unknown.", value: (r) => list(r.vm.disks.map((d) => d.provisioning)) },
  { name: "nic_count", type: "integer", unit: "NICs", description: "Virtual network adapters.", value: (r) => r.vm.nics.length },
  { name: "nic_models", type: "list", unit: null, description: "Lower-case adapter model of each NIC (vmxnet3, e1000, virtio ...); empty where unknown.", value: (r) => list(r.vm.nics.map((n) => n.model)) },
  { name: "nic_networks", type: "list", unit: null, description: "Network label of each NIC (net-1, net-2 ...): NICs with the same label share a network. Real network names are never published.", value: (r) => list(r.vm.nics.map((n) => n.network)) },
  { name: "guest_family", type: "string", unit: null, description: "Guest OS family: windows, linux, bsd, solaris, macos, other.", value: (r) => r.vm.guestOs.family },
  { name: "guest_os_id", type: "string", unit: null, description: "The source's own guest OS identifier, e.g. windows2019srv-64.", value: (r) => r.vm.guestOs.id },
  { name: "guest_os_name", type: "string", unit: null, description: "Human name of the guest OS.", value: (r) => r.vm.guestOs.name },
  { name: "hypervisor_vendor", type: "string", unit: null, description: "vmware, microsoft, kvm, xen, proxmox, virtualbox, nutanix or other.", value: (r) => r.vm.hypervisor.vendor },
  { name: "hypervisor_product", type: "string", unit: null, description: "Hypervisor product, e.g. VMware ESXi.", value: (r) => r.vm.hypervisor.product },
  { name: "hypervisor_version", type: "string", unit: null, description: "Hypervisor version as reported.", value: (r) => r.vm.hypervisor.version },
  { name: "hardware_version", type: "string", unit: null, description: "Virtual hardware or machine type, e.g. vmx-19, pc-q35-8.2.", value: (r) => r.vm.hardwareVersion },
  { name: "firmware", type: "string", unit: null, description: "bios or efi.", value: (r) => r.vm.firmware },
  { name: "environment", type: "string", unit: null, description: "production, test or development, when given.", value: (r) => r.context.environment },
  { name: "industry", type: "string", unit: null, description: "Contributor's industry, when given.", value: (r) => r.context.industry },
  { name: "organization_size", type: "string", unit: "employees", description: "1-99, 100-999, 1000-9999 or 10000+, when given.", value: (r) => r.context.organizationSize },
  { name: "host_vendor", type: "string", unit: null, description: "Host server vendor, when given.", value: (r) => r.context.hostVendor },
  { name: "host_model", type: "string", unit: null, description: "Host server model, when given.", value: (r) => r.context.hostModel },
  { name: "host_cpu_model", type: "string", unit: null, description: "Host CPU model, when given.", value: (r) => r.context.hostCpuModel },
  { name: "datastore_type", type: "string", unit: null, description: "vmfs, nfs, vsan, vvol, local, iscsi, fc, ceph, smb, zfs, lvm or other.", value: (r) => r.context.datastoreType },
  { name: "datastore_version", type: "string", unit: null, description: "Datastore version, e.g. VMFS 6.", value: (r) => r.context.datastoreVersion },
  { name: "datastore_block_size_mb", type: "integer", unit: "MB", description: "VMFS block size.", value: (r) => r.context.datastoreBlockSizeMB },
  { name: "cpu_avg_pct", type: "number", unit: "%", description: "Average CPU utilisation, when given.", value: (r) => r.context.cpuAvgPct },
  { name: "cpu_peak_pct", type: "number", unit: "%", description: "Peak CPU utilisation, when given.", value: (r) => r.context.cpuPeakPct },
  { name: "memory_pct", type: "number", unit: "%", description: "Memory utilisation, when given.", value: (r) => r.context.memoryPct },
  { name: "network_roles", type: "list", unit: null, description: "Security zones the VM's networks reached (management, service-console, vmotion, storage), judged before names were removed.", value: (r) => list(r.context.networkRoles) },
];

export function dumpCsvHeader(): string {
  return Papa.unparse([DUMP_COLUMNS.map((c) => c.name)], { newline: "\r\n" }) + "\r\n";
}

/** One CSV line (with its line break) for one VM; nulls are empty cells. */
export function dumpCsvRow(r: VmRecord): string {
  const cells = DUMP_COLUMNS.map((c) => {
    const v = c.value(r);
    return v === null ? "" : v;
  });
  return Papa.unparse([cells], { newline: "\r\n", escapeFormulae: true }) + "\r\n";
}

/** The JSON Lines object: the published record (its status is always "published"). */
export function dumpJsonLine(r: VmRecord): string {
  const { status: _status, ...rest } = r;
  return JSON.stringify(rest) + "\n";
}

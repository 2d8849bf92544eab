import { blankVm, type NormalizedVm } from "@/lib/vm/model";
import type { PeerPoint } from "@/lib/compare/types";

/** A Windows Server 2019 VM on ESXi 7 with one 100 GiB disk and one NIC: the configuration the comparison tests vary. */
export function sampleConfig(vcpus: number, memoryMiB: number, nicModel = "vmxnet3"): NormalizedVm {
  return {
    ...blankVm("manual"),
    cpu: { vcpus, coresPerSocket: 1 },
    memoryMiB,
    firmware: "efi",
    disks: [{ sizeGiB: 100, bus: "scsi", provisioning: "thin" }],
    nics: [{ model: nicModel, network: "net-1" }],
    guestOs: { id: "windows2019srv-64", family: "windows", name: "Microsoft Windows Server 2019 (64-bit)" },
    hypervisor: { vendor: "vmware", product: "VMware ESXi", version: "7.0.3" },
    hardwareVersion: "vmx-19",
  };
}

/** `count` copies of a peer (4 vCPUs, 16 GiB, 100 GiB on 2 disks, vmxnet3, EFI) with `fields` changed, ids p00, p01, … from `start`. */
export function manyPeers(count: number, start: number, fields: Partial<PeerPoint>): PeerPoint[] {
  return Array.from({ length: count }, (_, i) => ({
    id: `p${String(start + i).padStart(2, "0")}`,
    vcpus: 4,
    memoryMiB: 16384,
    totalDiskGiB: 100,
    diskCount: 2,
    nicCount: 1,
    guestFamily: "windows",
    firmware: "efi",
    nicModels: ["vmxnet3"],
    ...fields,
  }));
}

/** The VM the findings tests judge: 2 vCPUs, 8 GiB, 400 GiB of disk, BIOS, one e1000. */
export const SMALL_VM: PeerPoint = {
  id: "me",
  vcpus: 2,
  memoryMiB: 8192,
  totalDiskGiB: 400,
  diskCount: 2,
  nicCount: 1,
  guestFamily: "windows",
  firmware: "bios",
  nicModels: ["e1000"],
};

/**
 * 20 peers. vCPUs: 4 at 2, 10 at 4, 6 at 8 -> 16 (80 %) above SMALL_VM's 2.
 * Memory: 8 at 8 GiB, 12 at 16 GiB. Disk total: 14 at 100, 6 at 200, all below
 * SMALL_VM's 400. NICs: 3 e1000 only, 17 vmxnet3 (one alongside e1000).
 * Firmware: 16 EFI, 4 BIOS.
 */
export const TWENTY_PEERS: PeerPoint[] = [
  ...manyPeers(3, 0, { vcpus: 2, memoryMiB: 8192, firmware: "bios", nicModels: ["e1000"] }),
  ...manyPeers(1, 3, { vcpus: 2, memoryMiB: 8192, firmware: "bios", nicModels: ["e1000", "vmxnet3"] }),
  ...manyPeers(4, 4, { vcpus: 4, memoryMiB: 8192 }),
  ...manyPeers(6, 8, { vcpus: 4 }),
  ...manyPeers(6, 14, { vcpus: 8, totalDiskGiB: 200 }),
];

/**
 * One published VM reduced to the facts the comparison uses. The database
 * layer builds these from real columns; nothing here needs the full record.
 * `null`/absent categorical facts mean "the source does not say".
 */
export interface PeerPoint {
  id: string;
  vcpus: number;
  memoryMiB: number;
  /** null when unknown (lib/vm/model.ts totalDiskGiB): left out of every statistic, never counted as 0. */
  totalDiskGiB: number | null;
  diskCount: number;
  nicCount: number;
  guestFamily?: string | null;
  firmware?: string | null;
  hypervisorVendor?: string | null;
  /** Lower-case adapter models of the VM's NICs, e.g. ["vmxnet3"]; absent or empty when unknown. */
  nicModels?: string[];
}

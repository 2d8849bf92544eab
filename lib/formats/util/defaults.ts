import type { DefaultableField, NormalizedVm } from "@/lib/vm/model";

/**
 * Records that `field` holds the platform's documented default because the
 * source is silent (docs/normalized-model.md lists each default and its source).
 */
export function markDefault(vm: NormalizedVm, field: DefaultableField): void {
  if (!vm.defaulted.includes(field)) vm.defaulted.push(field);
}

/**
 * Before hardware version 20 a VMware VM without `cpuid.coresPerSocket` gives
 * each vCPU its own single-core socket; from version 20 (vSphere 8) ESXi picks
 * the topology itself, so the value is unknown (docs/normalized-model.md).
 */
export function vmwareSingleCoreSocketsByDefault(hardwareVersion: number | null): boolean {
  return hardwareVersion != null && hardwareVersion < 20;
}

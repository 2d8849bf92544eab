import type { DefaultableField, NormalizedVm } from "@/lib/vm/model";

/**
 * Records that `field` holds the platform's documented default because the
 * source is silent (docs/normalized-model.md lists each default and its source).
 */
export function markDefault(vm: NormalizedVm, field: DefaultableField): void {
  if (!vm.defaulted.includes(field)) vm.defaulted.push(field);
}

import { blankVm, type NormalizedVm } from "@/lib/vm/model";
import { emptyContext, type VmContext } from "@/lib/vm/context";
import type { CheckInput, CheckTag } from "./types";

/** Builds check input for tests: an ESXi-hosted VM unless the patch says otherwise. */
export function makeInput(
  vm: Partial<NormalizedVm> = {},
  context: Partial<VmContext> = {},
  extra: { tags?: CheckTag[]; isGatewayWorkload?: boolean; now?: Date } = {},
): CheckInput {
  return {
    vm: { ...blankVm("vmx"), memoryMiB: 4096, ...vm },
    context: { ...emptyContext(), ...context },
    tags: extra.tags ?? [],
    isGatewayWorkload: extra.isGatewayWorkload,
    now: extra.now,
  };
}

export function esxi(version: string | null, product = "VMware ESXi"): NormalizedVm["hypervisor"] {
  return { vendor: "vmware", product, version };
}

export function tag(slug: string): CheckTag {
  return { slug, version: null, primary: true };
}

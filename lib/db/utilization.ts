import "server-only";
import type { NormalizedVm, Utilization } from "@/lib/vm/model";

/** The vm_utilization rows of new VMs, written by insertVmRows (lib/db/vms.ts) with the VMs themselves. */
export function utilizationRows(vms: readonly { id: string; vm: Pick<NormalizedVm, "utilization"> }[]) {
  return vms.flatMap((v) => (v.vm.utilization ?? []).map((u, position) => ({
    vmId: v.id, position, metric: u.metric, statistic: u.statistic, window: u.window, source: u.source, value: u.value,
  })));
}

/** Stored rows back to figures, in the order they were contributed. */
export function toUtilization(rows: readonly { position: number; metric: string; statistic: string; window: string | null; source: string; value: number }[]): Utilization[] {
  return [...rows].sort((a, b) => a.position - b.position).map((r) => ({
    metric: r.metric as Utilization["metric"],
    statistic: r.statistic as Utilization["statistic"],
    window: r.window,
    source: r.source as Utilization["source"],
    value: r.value,
  }));
}

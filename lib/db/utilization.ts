import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { NormalizedVm, Utilization } from "@/lib/vm/model";

type Tx = Prisma.TransactionClient;

/** Writes the utilization figures of new VMs; called inside the transaction that writes the VMs themselves. */
export async function insertUtilization(tx: Tx, vms: readonly { id: string; vm: Pick<NormalizedVm, "utilization"> }[]): Promise<void> {
  const data = vms.flatMap((v) => (v.vm.utilization ?? []).map((u, position) => ({
    vmId: v.id, position, metric: u.metric, statistic: u.statistic, window: u.window, source: u.source, value: u.value,
  })));
  if (data.length > 0) await tx.vmUtilization.createMany({ data });
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

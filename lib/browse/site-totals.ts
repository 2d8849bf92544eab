import type { Db } from "@/lib/db/client";
import { allAppStats, getPeerStats } from "@/lib/db/peer-stats";
import { getApplication } from "@/lib/taxonomy/applications";

export interface SiteTotals {
  vms: number;
  workloads: number;
  hypervisors: number;
  guestFamilies: number;
  topWorkloads: { slug: string; name: string; category: string; n: number }[];
}

/** Totals for the landing page, read from the precomputed statistics. */
export async function siteTotals(db: Db, top = 10): Promise<SiteTotals> {
  const all = (await getPeerStats(db, ["all"])).get("all");
  const apps = await allAppStats(db);
  return {
    vms: all?.n ?? 0,
    workloads: apps.filter((a) => a.n > 0).length,
    hypervisors: Object.keys(all?.splits.hypervisor ?? {}).filter((k) => k !== "unknown").length,
    guestFamilies: Object.keys(all?.splits.guestOs ?? {}).filter((k) => k !== "unknown").length,
    topWorkloads: apps
      .filter((a) => a.n > 0)
      .slice(0, top)
      .map((a) => {
        const app = getApplication(a.slug);
        return { slug: a.slug, name: app?.name ?? a.slug, category: app?.category ?? "other", n: a.n };
      }),
  };
}

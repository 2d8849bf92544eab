import type { VmComparison } from "@/lib/compare/report-model";
import type { Db } from "@/lib/db/client";
import { compareUnpublished, getVmComparison } from "@/lib/db/compare";
import { getWorkload } from "@/lib/db/workloads";
import { AppError } from "@/lib/errors/app-error";
import { privateReport, sideBySideReport, vmReport } from "./from-comparison";
import { workloadReport } from "./from-workload";
import type { Report } from "./model";
import type { ReportSource } from "./source";

/**
 * Builds a live report from its source (the numbers as of now). Null when the
 * VM or workload does not exist; a side-by-side needs every VM to exist.
 */
export async function buildReport(db: Db, source: ReportSource): Promise<Report | null> {
  switch (source.kind) {
    case "vm": {
      const c = await getVmComparison(db, source.id);
      return c ? vmReport(c) : null;
    }
    case "workload": {
      const w = await getWorkload(db, source.slug);
      return w ? workloadReport(w) : null;
    }
    case "side-by-side": {
      const ids = [...new Set(source.ids)];
      const comparisons = await Promise.all(ids.map((id) => getVmComparison(db, id)));
      const missing = ids.filter((_, i) => !comparisons[i]);
      if (missing.length) throw new AppError("not_found", `No published VM with id ${missing.join(", ")}.`, { field: "ids" });
      if (source.base && !ids.includes(source.base)) throw new AppError("validation_error", "base must be one of ids.", { field: "base" });
      return sideBySideReport(comparisons as VmComparison[], source.base);
    }
    case "private": {
      const c = await compareUnpublished(db, { vm: source.vm, tags: source.tags, context: source.context });
      return privateReport(c, source.include);
    }
  }
}

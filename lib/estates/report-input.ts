import { runChecks } from "@/lib/checks";
import { tagsFor, workbookRuleTargets, type TagRule } from "@/lib/contribute/bulk-import";
import { contextSchema } from "@/lib/vm/context";
import type { EstateVm } from "@/lib/compare/estate-report";
import { totalDiskGiB } from "@/lib/vm/model";
import { parseUpload, type UploadedFile } from "./upload";

/**
 * What the estate report needs of each uploaded VM, computed in the parse worker: its size, usage, the tags
 * the bulk-import rules give it and the ids of the configuration checks it fails. `label` is the VM's own
 * name: it goes back to the uploader in the report response and nowhere else (never stored or logged).
 */
export type EstateInputVm = EstateVm;

export interface EstateInput {
  vms: EstateInputVm[];
  problems: string[];
  files: number;
}

const WORKBOOK = /\.xlsx$/i;
const CONTEXT = contextSchema.parse({});

/** One RVTools workbook is tagged by the bulk-import rules on its vInfo columns; snapshot files by guest and "all" rules. */
export function estateInput(files: UploadedFile[], rules: TagRule[]): EstateInput {
  const single = files.length === 1 && WORKBOOK.test(files[0].fileName);
  const { vms, targets, problems, count } = single
    ? { ...workbookRuleTargets(files[0].fileName, files[0].data, new Set(rules.flatMap((r) => (r.kind === "column" ? [r.column] : [])))), count: 1 }
    : (() => {
      const u = parseUpload(files);
      return {
        vms: u.parsed,
        targets: u.parsed.map((p, i) => ({ row: i + 1, guestFamily: p.vm.guestOs.family, guestName: p.vm.guestOs.name, columns: {} })),
        problems: u.warnings,
        count: u.files,
      };
    })();
  return {
    files: count,
    problems,
    vms: vms.map((p, i) => {
      const tags = tagsFor(targets[i], rules);
      return {
        label: p.vm.name ?? `VM ${targets[i].row}`,
        row: targets[i].row,
        tags,
        vcpus: p.vm.cpu.vcpus,
        memoryMiB: p.vm.memoryMiB,
        totalDiskGiB: totalDiskGiB(p.vm),
        guestFamily: p.vm.guestOs.family,
        guestName: p.vm.guestOs.name,
        nicModels: [...new Set(p.vm.nics.map((n) => n.model).filter((m): m is string => !!m))],
        utilization: p.vm.utilization ?? [],
        checks: [...new Set(runChecks({ vm: p.vm, context: CONTEXT, tags }).filter((c) => c.severity !== "info").map((c) => c.checkId))],
      };
    }),
  };
}

import { buildEstateReport, chooseEstateGroup, estateGroupKeys, type EstateReport, type EstateVm } from "@/lib/compare/estate-report";
import type { PeerUsage } from "@/lib/compare/usage-peers";
import type { TagRule } from "@/lib/contribute/tag-rules";
import type { Db } from "@/lib/db/client";
import { getPeerStats } from "@/lib/db/peer-stats";
import { getPeerUsage } from "@/lib/db/peer-usage";
import { estateVmRecords } from "@/lib/db/estate-vms";
import { runChecks } from "@/lib/checks";
import type { UploadedFile } from "@/lib/estates/upload";
import { totalDiskGiB } from "@/lib/vm/model";
import { runParseJob, uploadSubject } from "@/lib/parse-pool";

export const ESTATE_PEER_USAGE_LIMIT = 2000;

/**
 * The estate report: every VM of an upload (or of an estate) against its peers. Reads only; nothing about
 * the uploaded VMs is written anywhere, and their names exist only in the returned report.
 */
export async function estateReportFor(db: Db, vms: readonly EstateVm[], source: EstateReport["source"], problems: string[] = []): Promise<EstateReport> {
  const keys = new Set<string>(["all"]);
  for (const vm of vms) for (const k of Object.values(estateGroupKeys(vm))) if (k) keys.add(k);
  const groups = await getPeerStats(db, [...keys]);
  const nOf = (k: string | null) => (k ? (groups.get(k)?.n ?? 0) : 0);
  // Peers' usage only for the groups of VMs that have usage of their own: the rest has nothing to place.
  const usageKeys = new Set(vms.filter((v) => v.utilization.length > 0).map((v) => chooseEstateGroup(v, nOf).key));
  const usage = new Map<string, PeerUsage[]>();
  // Only the two metrics the report places, and a smaller sample per group than a VM page takes: an estate
  // touches a few dozen groups and 2,000 peers place a figure to within a percentile point.
  for (const k of usageKeys) usage.set(k, await getPeerUsage(db, k, null, { limit: ESTATE_PEER_USAGE_LIMIT, metrics: ["cpu.usage.pct", "mem.active.pct"] }));
  return buildEstateReport({ vms, groups, usage, source, problems });
}

/** From uploaded files: parsed, tagged and checked in a parse worker, then compared here. */
export async function estateReportFromUpload(db: Db, files: UploadedFile[], rules: TagRule[]): Promise<EstateReport> {
  // The file name is often a VM's name: errors name the upload, not the file.
  const input = await runParseJob("estateInput", [files, rules], uploadSubject(files, { names: false }));
  return estateReportFor(db, input.vms, "upload", input.problems);
}

/**
 * From an estate, for whoever holds its edit link: its published VMs, labelled by their public ids (names
 * were never stored), with their stored tags and usage.
 */
export async function estateReportFromEstate(db: Db, id: string, token: string | null): Promise<EstateReport> {
  const records = await estateVmRecords(db, id, token);
  const vms: EstateVm[] = records.map((r, i) => ({
    label: r.id,
    row: i + 1,
    tags: r.tags.map((t) => ({ slug: t.slug, version: t.version, primary: t.primary })),
    vcpus: r.vm.cpu.vcpus,
    memoryMiB: r.vm.memoryMiB,
    totalDiskGiB: totalDiskGiB(r.vm),
    guestFamily: r.vm.guestOs.family,
    guestName: r.vm.guestOs.name,
    nicModels: [...new Set(r.vm.nics.map((n) => n.model).filter((m): m is string => !!m))],
    utilization: r.vm.utilization ?? [],
    checks: [...new Set(runChecks({ vm: r.vm, context: r.context, tags: r.tags }).filter((c) => c.severity !== "info").map((c) => c.checkId))],
  }));
  // Its own VMs are published, so they sit in their peer groups: the report compares each with the
  // community as it stands, itself included (one VM among the group's peers).
  return estateReportFor(db, vms, "estate");
}

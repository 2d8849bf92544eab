import "server-only";
import { APPLICATION_CATEGORIES, APPLICATION_CATEGORY_IDS, APPLICATIONS, getApplication } from "@/lib/taxonomy/applications";
import { summarizeWorkload, workloadApp, type WorkloadApp, type WorkloadSummary } from "@/lib/reports/workload";
import type { Db } from "./client";
import { allAppStats, getPeerStats } from "./peer-stats";

/**
 * Workload pages read only the precomputed peer statistics ("app:<slug>" and
 * "appv:<slug>@<version>" rows of peer_stats), never the VM table: a page
 * costs the same with 5,000 VMs or 5 million.
 */
export interface WorkloadListItem {
  slug: string;
  name: string;
  vendor: string | null;
  aliases: string[];
  n: number;
  /** Typed by a contributor and approved by a moderator; not in the taxonomy. */
  isSuggestion: boolean;
}

export interface WorkloadCategory {
  id: string;
  name: string;
  n: number;
  apps: WorkloadListItem[];
}

export interface WorkloadList {
  /** VMs with a primary application tag. */
  total: number;
  categories: WorkloadCategory[];
}

const SUGGESTED = { id: "suggested", name: "Added by contributors" };

/** Every application of the taxonomy by category, with its VM count; names approved by moderators that have VMs at the end. */
export async function listWorkloads(db: Db): Promise<WorkloadList> {
  const counts = new Map((await allAppStats(db)).map((a) => [a.slug, a.n]));
  const categories: WorkloadCategory[] = APPLICATION_CATEGORY_IDS.map((id) => {
    const apps = APPLICATIONS.filter((a) => a.category === id)
      .map((a) => ({ slug: a.slug, name: a.name, vendor: a.vendor ?? null, aliases: a.aliases, n: counts.get(a.slug) ?? 0, isSuggestion: false }))
      .sort((a, b) => b.n - a.n || a.name.localeCompare(b.name));
    return { id, name: APPLICATION_CATEGORIES[id], n: apps.reduce((s, a) => s + a.n, 0), apps };
  }).filter((c) => c.apps.length > 0);

  const unknownSlugs = [...counts].filter(([slug, n]) => n > 0 && !getApplication(slug)).map(([slug]) => slug);
  if (unknownSlugs.length) {
    const rows = await db.prisma.application.findMany({ where: { slug: { in: unknownSlugs } }, select: { slug: true, name: true } });
    const names = new Map(rows.map((r) => [r.slug, r.name]));
    const apps = unknownSlugs
      .map((slug) => ({ slug, name: names.get(slug) ?? slug, vendor: null, aliases: [], n: counts.get(slug) ?? 0, isSuggestion: true }))
      .sort((a, b) => b.n - a.n || a.name.localeCompare(b.name));
    categories.push({ ...SUGGESTED, n: apps.reduce((s, a) => s + a.n, 0), apps });
  }
  return { total: categories.reduce((s, c) => s + c.n, 0), categories };
}

async function findApp(db: Db, slug: string): Promise<(WorkloadApp & { knownVersions: string[] }) | null> {
  const known = getApplication(slug);
  if (known) return { ...workloadApp(known), knownVersions: known.versions ?? [] };
  const row = await db.prisma.application.findUnique({ where: { slug } });
  // A proposed name has no workload page until a moderator approves it (lib/db/moderation.ts).
  if (!row || row.isSuggestion) return null;
  return {
    ...workloadApp({ slug: row.slug, name: row.name, category: row.category as never, vendor: row.vendor ?? undefined, description: row.description ?? "" }),
    description: row.description,
    knownVersions: [],
  };
}

export const WORKLOAD_SLUG = /^[a-z0-9][a-z0-9-]{0,79}$/;

/** The typical configuration of one application; null when the slug is not an application. */
export async function getWorkload(db: Db, slug: string): Promise<WorkloadSummary | null> {
  if (!WORKLOAD_SLUG.test(slug)) return null;
  const app = await findApp(db, slug);
  if (!app) return null;
  const { knownVersions, ...appInfo } = app;
  const stats = (await getPeerStats(db, [`app:${slug}`])).get(`app:${slug}`) ?? null;
  const prefix = `appv:${slug}@`;
  const versionRows = await db.prisma.peerStats.findMany({ where: { key: { startsWith: prefix } }, select: { key: true, n: true } });
  // Version keys are stored lower-case; show the taxonomy's spelling ("2012 R2") where it has one.
  const spelled = new Map(knownVersions.map((v) => [v.toLowerCase(), v]));
  const versions = versionRows.map((r) => {
    const v = r.key.slice(prefix.length);
    return { version: spelled.get(v) ?? v, n: r.n };
  });
  return summarizeWorkload(appInfo, stats, versions);
}

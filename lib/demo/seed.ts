import type { Db } from "@/lib/db/client";
import { createVms, syncTaxonomy } from "@/lib/db/vms";
import { republishable } from "@/lib/vm/publishable";
import { contributionSchema } from "@/lib/vm/record";
import { DEMO_SEED, DEFAULT_DEMO_COUNT, generateDemoVms } from "./generate";

/**
 * Inserts the deterministic demo VMs (marked is_demo so that a real
 * deployment can delete them) in batches, reporting progress.
 */
export async function seedDemo(
  db: Db,
  opts: { count?: number; seed?: number; batch?: number; onProgress?: (done: number, total: number) => void } = {},
): Promise<number> {
  await syncTaxonomy(db);
  const demo = generateDemoVms({ count: opts.count ?? DEFAULT_DEMO_COUNT, seed: opts.seed ?? DEMO_SEED });
  const batch = opts.batch ?? 1000;
  for (let i = 0; i < demo.length; i += batch) {
    const items = demo.slice(i, i + batch).map((d) => ({
      // The generator already writes the published shape; stored like any VM, it goes through the same redaction.
      contribution: contributionSchema.parse({ vm: republishable(d.vm).vm, tags: d.tags, context: d.context }),
      isDemo: true,
      createdAt: d.createdAt,
    }));
    // createVms keeps the peer statistics current batch by batch: no rebuild needed after.
    await createVms(db, items);
    opts.onProgress?.(Math.min(i + batch, demo.length), demo.length);
  }
  return demo.length;
}

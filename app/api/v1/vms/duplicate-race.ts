import { describe, expect, it } from "vitest";
import type { Db } from "@/lib/db/client";
import { blankVm } from "@/lib/vm/model";

type Post = (req: Request, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>;

/**
 * Twenty identical publishes at once through the real POST /api/v1/vms: the
 * database's unique claim, not a read before the write, must pick exactly one
 * winner. Shared by the PGlite and the PostgreSQL test files.
 */
export function duplicateRaceSuite(label: string, database: () => Promise<Db>, route: () => Promise<{ POST: Post }>) {
  describe(`identical concurrent publishes on ${label}`, () => {
    it("give exactly one 201 and 409s naming the winner", async () => {
      const { POST } = await route();
      const vm = { ...blankVm("manual"), cpu: { vcpus: 6, coresPerSocket: 3 }, memoryMiB: 24576 };
      const body = JSON.stringify({ vm, tags: [{ slug: "nginx", primary: true }], identityKey: "ab".repeat(32) });
      const send = () =>
        POST(new Request("http://localhost/api/v1/vms", {
          method: "POST",
          headers: { "content-type": "application/json", origin: "http://localhost" },
          body,
        }), { params: Promise.resolve({}) });
      const answers = await Promise.all(Array.from({ length: 20 }, send));
      const statuses = answers.map((r) => r.status).sort();
      expect(statuses.filter((s) => s === 201)).toHaveLength(1);
      expect(statuses.filter((s) => s === 409)).toHaveLength(19);
      const winner = (await answers.find((r) => r.status === 201)!.json()) as { created: { id: string }[] };
      const conflicts = await Promise.all(answers.filter((r) => r.status === 409).map((r) => r.json() as Promise<{ error: { details: { existingId: string | null } } }>));
      for (const c of conflicts) expect(c.error.details.existingId).toBe(winner.created[0].id);
      const db = await database();
      const rows = await db.sql.query<{ n: number }>(`SELECT count(*)::int AS n FROM vm WHERE memory_mib = 24576 AND vcpus = 6`);
      expect(rows[0].n).toBe(1);
    }, 120_000);
  });
}

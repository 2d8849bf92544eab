import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { SqlDriver } from "./migrate";

/**
 * What the write helpers (insertVmRows, PeerStatsDelta.apply) need of a
 * transaction: raw statements. Either a Prisma transaction or, on the hot
 * publish path, the SQL driver's own transaction: Prisma's interactive
 * transaction costs a write on PGlite tens of milliseconds of its own on top
 * of the statements, all of it inside the one database's turn.
 */
export type SqlTx = Pick<Prisma.TransactionClient, "$executeRawUnsafe" | "$queryRawUnsafe">;

export function sqlTx(t: SqlDriver): SqlTx {
  return {
    $executeRawUnsafe: async (sql: string, ...values: unknown[]) => {
      await t.query(sql, values);
      return 0;
    },
    $queryRawUnsafe: (sql: string, ...values: unknown[]) => t.query(sql, values),
  } as unknown as SqlTx;
}

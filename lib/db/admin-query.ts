import "server-only";
/**
 * One statement on a PostgreSQL server's admin connection (CREATE/DROP DATABASE for a test's own
 * scratch database), on a short-lived client of its own so no pool holds the database open.
 */
export async function adminQuery(adminUrl: string, sql: string): Promise<void> {
  const { Client } = await import("pg");
  const c = new Client({ connectionString: adminUrl });
  await c.connect();
  try {
    await c.query(sql);
  } finally {
    await c.end();
  }
}

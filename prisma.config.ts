import { defineConfig } from "prisma/config";

// The Prisma CLI is only used to generate the client and to author migrations
// (`prisma migrate diff --from-empty/--from-schema-datamodel`); it never opens
// the project's database. The app applies the SQL migrations itself
// (lib/db/migrate.ts), the same way on PGlite and PostgreSQL. The adapter below
// exists because the JS engine requires one: it is an in-memory PGlite that
// holds nothing.
export default defineConfig({
  schema: "prisma/schema.prisma",
  experimental: { adapter: true },
  engine: "js",
  async adapter() {
    const { PGlite } = await import("@electric-sql/pglite");
    const { PrismaPGlite } = await import("pglite-prisma-adapter");
    const db = new PGlite();
    process.once("beforeExit", () => void db.close());
    return new PrismaPGlite(db);
  },
});

import fs from "node:fs";
import path from "node:path";
import { ESLint } from "eslint";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

// The boundary rules of eslint.config.mjs, run on small probe modules placed
// where the real code lives, so that a rule that stops firing fails here.
const root = path.resolve(__dirname, "../..");
const eslint = new ESLint({ cwd: root });
// Probes are real files (the import rules read the modules they follow), in a
// folder of their own inside the folder whose rules they exercise.
const PROBE = `lint-probe-${process.pid}`;
const dir = path.join(root, "lib", PROBE);
const made = new Set<string>([dir]);
beforeAll(() => fs.mkdirSync(dir, { recursive: true }));
afterAll(() => {
  for (const d of made) fs.rmSync(d, { recursive: true, force: true });
});

/** Errors for `code` placed at `<folder>/<probe folder>/<name>`. */
async function problems(where: string, code: string): Promise<string[]> {
  const probeDir = path.join(root, path.dirname(where), PROBE);
  made.add(probeDir);
  fs.mkdirSync(probeDir, { recursive: true });
  const file = path.join(probeDir, path.basename(where));
  fs.writeFileSync(file, code);
  const [result] = await eslint.lintFiles([file]);
  return result.messages.filter((m) => m.severity === 2).map((m) => `${m.ruleId}: ${m.message}`);
}

describe("boundary rules", () => {
  it("refuse Prisma in pages and components", async () => {
    expect(await problems("app/page.tsx", `import { PrismaClient } from "@prisma/client";\nexport const x = PrismaClient;\n`)).toEqual([
      expect.stringMatching(/^no-restricted-imports: .*Only lib\/db talks to Prisma/),
    ]);
    expect(await problems("components/probe.tsx", `import { Prisma } from "@/lib/generated/prisma/client";\nexport const x = Prisma;\n`)).toEqual([
      expect.stringMatching(/^no-restricted-imports: .*Only lib\/db talks to Prisma/),
    ]);
  });

  it("refuse lib/db internals and the raw handle in routes, but allow lib/db functions", async () => {
    expect(await problems("app/api/route.ts", `import { applyMigrations } from "@/lib/db/migrate";\nexport const x = applyMigrations;\n`)).toEqual([
      expect.stringMatching(/^no-restricted-imports: .*internal of lib\/db/),
    ]);
    const raw = `import { getDb } from "@/lib/db/client";\nexport async function GET() { const db = await getDb(); return Response.json(await db.prisma.vm.count()); }\n`;
    expect(await problems("app/api/route.ts", raw)).toEqual([expect.stringMatching(/^no-restricted-syntax: Raw database access/)]);
    const fine = `import { getDb } from "@/lib/db/client";\nimport { siteTotals } from "@/lib/db/site";\nexport async function GET() { return Response.json(await siteTotals(await getDb())); }\n`;
    expect(await problems("app/api/route.ts", fine)).toEqual([]);
  });

  it("refuse server code in a client component, directly and through another module", async () => {
    const direct = `"use client";\nimport { readFileSync } from "node:fs";\nexport const x = readFileSync;\n`;
    expect(await problems("components/probe.tsx", direct)).toEqual([expect.stringMatching(/^vmcompare\/client-boundary: .*node:fs/)]);
    const types = `"use client";\nimport type { Db } from "@/lib/db/client";\nexport type X = Db;\n`;
    expect(await problems("components/probe.tsx", types)).toEqual([expect.stringMatching(/^vmcompare\/client-boundary: .*lib\/db\/client\.ts/)]);
    const secrets = `"use client";\nimport { env } from "@/lib/env";\nexport const x = env;\n`;
    expect(await problems("components/probe.tsx", secrets)).toEqual([expect.stringMatching(/^vmcompare\/client-boundary: .*lib\/env\.ts/)]);
    // A harmless-looking helper that itself reaches the database.
    fs.writeFileSync(path.join(dir, "helper.ts"), `import { getDb } from "@/lib/db/client";\nexport const helper = getDb;\n`);
    const indirect = `"use client";\nimport { helper } from "@/lib/${path.basename(dir)}/helper";\nexport const x = helper;\n`;
    expect(await problems("components/probe.tsx", indirect)).toEqual([
      expect.stringMatching(new RegExp(`^vmcompare/client-boundary: .*${path.basename(dir)}/helper\\.ts → lib/db/client\\.ts`)),
    ]);
    // The same imports on the server are fine.
    expect(await problems("components/probe.tsx", direct.replace(`"use client";\n`, ""))).toEqual([]);
  });

  it("keep formats, compare and checks free of the database layer", async () => {
    for (const dir of ["lib/formats", "lib/compare", "lib/checks"]) {
      expect(await problems(`${dir}/probe.ts`, `import { getDb } from "@/lib/db/client";\nexport const x = getDb;\n`)).toEqual([
        expect.stringMatching(/^import\/no-restricted-paths: .*Domain code/),
      ]);
    }
    expect(await problems("lib/db/probe.ts", `import { median } from "@/lib/compare/stats";\nexport const x = median;\n`)).toEqual([]);
  });

  it("refuse a loop of run-time imports, not of type-only ones", async () => {
      fs.writeFileSync(path.join(dir, "a.ts"), `import { b } from "./b";\nexport const a = () => b;\n`);
      fs.writeFileSync(path.join(dir, "b.ts"), `import { a } from "./a";\nexport const b = () => a;\n`);
      fs.writeFileSync(path.join(dir, "c.ts"), `import type { D } from "./d";\nexport type C = { d?: D };\n`);
      fs.writeFileSync(path.join(dir, "d.ts"), `import type { C } from "./c";\nexport type D = { c?: C };\n`);
      const lint = async (f: string) => problems(`lib/${f}`, fs.readFileSync(path.join(dir, f), "utf8"));
      expect(await lint("a.ts")).toEqual([expect.stringMatching(new RegExp(`^vmcompare/no-cycle: Import loop: lib/${PROBE}/a\\.ts → lib/${PROBE}/b\\.ts → lib/${PROBE}/a\\.ts`))]);
      expect(await lint("c.ts")).toEqual([]);
  });
});

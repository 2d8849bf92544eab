import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runSnapshot } from "@/lib/cli/commands/snapshot";
import { captureIo } from "./test-fixtures/cli-io";
import { ensureVcsim, startVcsim, type RunningVcsim } from "./test-fixtures/vcsim";

const bin = ensureVcsim();
// Skipping is for a developer's machine without Go; in CI a missing simulator is a failure, not a skip.
if (!bin && process.env.CI) throw new Error("the vCenter simulator could not be built (tools/vcsim/build.sh): its tests may not be skipped in CI");
const dataDir = mkdtempSync(path.join(os.tmpdir(), "vmcompare-agent-site-"));
// The route reads its database from the environment on first use: a fresh PGlite folder of our own.
process.env.DATABASE_URL = `pglite:${dataDir}`;
process.env.DEMO_DATA = "off";

type RouteModule = { POST: (req: Request) => Promise<Response>; GET: (req: Request) => Promise<Response> };

/**
 * The site's real POST /api/v1/vms (app/api/v1/vms/route.ts, its handler,
 * schemas and database code) behind a plain node HTTP server, so the agent
 * publishes over HTTP exactly as it would to `next start`, without a build.
 */
describe.skipIf(!bin)("--publish into the site's own API route", () => {
  let sim: RunningVcsim;
  let server: http.Server;
  let site: string;
  let route: RouteModule;

  beforeAll(async () => {
    route = (await import("@/app/api/v1/vms/route")) as unknown as RouteModule;
    // As the site does at start: the application catalogue goes into the database.
    const { getDb } = await import("@/lib/db/client");
    const { syncTaxonomy } = await import("@/lib/db/vms");
    await syncTaxonomy(await getDb());
    sim = await startVcsim(bin as string);
    server = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on("data", (c: Buffer) => chunks.push(c));
      req.on("end", async () => {
        const headers = new Headers();
        for (const [k, v] of Object.entries(req.headers)) if (typeof v === "string") headers.set(k, v);
        const request = new Request(`${site}${req.url}`, {
          method: req.method, headers, body: req.method === "POST" ? Buffer.concat(chunks) : undefined,
        });
        const response = await (req.method === "POST" ? route.POST(request) : route.GET(request));
        res.writeHead(response.status, Object.fromEntries(response.headers));
        res.end(Buffer.from(await response.arrayBuffer()));
      });
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    site = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  }, 180_000);

  afterAll(async () => {
    await sim?.stop();
    server?.closeAllConnections();
    await new Promise<void>((r) => (server ? server.close(() => r()) : r()));
    const { closeDb } = await import("@/lib/db/client");
    await closeDb({ kind: "pglite", dir: dataDir }).catch(() => undefined);
    rmSync(dataDir, { recursive: true, force: true });
  });

  it("publishes the simulator's VMs, keeps the edit links, and leaves out configurations already published", async () => {
    const links = path.join(dataDir, "links.json");
    const real = sim.dump.vms.filter((v) => !v.template);
    const varied = real.filter((v) => v.numCPU > 1).map((v) => v.name);
    expect(varied).toHaveLength(2);

    const first = captureIo({ VMCOMPARE_PASSWORD: "pass" });
    const code = await runSnapshot(["--server", sim.url, "--user", "user", ...varied.flatMap((n) => ["--vm", n]), "--publish", site, "--tag", "postgresql@16", "--yes", "--links", links], first);
    expect(first.err).toContain("Published 2 VMs");
    expect(code).toBe(0);
    const saved = JSON.parse(readFileSync(links, "utf8")) as Array<{ id: string; editUrl: string; vm: string }>;
    expect(saved.map((s) => s.vm)).toEqual(varied);
    for (const s of saved) expect(s.editUrl).toMatch(new RegExp(`^${site}/vms/${s.id}/edit#token=`));

    // What the site stored is the redacted record with the simulator's hardware.
    const listed = await route.GET(new Request(`${site}/api/v1/vms?size=50`));
    const text = await listed.text();
    expect((JSON.parse(text) as { total: number }).total).toBe(2);
    for (const v of sim.dump.vms) expect(text).not.toContain(v.name);

    // Again, plus one more: the two already there are left out, the new one is published.
    const stock = real.find((v) => v.numCPU === 1)!.name;
    const again = captureIo({ VMCOMPARE_PASSWORD: "pass" });
    expect(await runSnapshot(["--server", sim.url, "--user", "user", ...[...varied, stock].flatMap((n) => ["--vm", n]), "--publish", site, "--tag", "postgresql@16", "--yes", "--links", links], again)).toBe(0);
    expect(again.err).toContain("Published 1 VM");
    expect(again.err).toContain("2 already on the site, left out");
    expect(again.err).toMatch(/not published: \S+: This configuration has already been published as VM /);
    expect((JSON.parse(readFileSync(links, "utf8")) as unknown[]).length).toBe(3);
    const after = (await (await route.GET(new Request(`${site}/api/v1/vms?size=50`))).json()) as { total: number };
    expect(after.total).toBe(3);
  });
});

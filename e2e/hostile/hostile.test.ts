import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { NUMERIC_FILTERS, TEXT_FILTERS } from "@/lib/browse/query";
import { seedThroughApi } from "../load/load-run";
import { rssMiB, startServer, type DatabaseKind, type RunningServer } from "../server/production-server";
import { unzipTexts } from "./archive";
import { hostileFiles, type HostileFile } from "./generate";

/**
 * Issue 14's hostile-input suite: every generated hostile file is sent to
 * every route that takes a file, on a production build (PGlite, the
 * default). Each answer must be a refusal (4xx) or, for control characters,
 * a clean answer, within a time limit; /api/health must answer throughout;
 * the server's RSS is reported per file. Then `__proto__`, `constructor`,
 * NUL and out-of-range values go into every filter of /api/v1/vms and /vms.
 *
 * The server runs with a 2 GiB V8 heap, so a hostile file can kill only it;
 * a crashed server is restarted on the same data and the crash reported.
 */
const PORT = Number(process.env.SERVER_TEST_PORT ?? 3471) + 5;
const ANSWER_WITHIN_MS = 20_000;
const FILTER_ANSWER_WITHIN_MS = 10_000;
const HEALTH_EVERY_MS = 500;
const HEALTH_TIMEOUT_MS = 5_000;
/** Per file: every route answering late, the server settling 30 s and restarting after each. */
const FILE_BUDGET_MS = 8 * (ANSWER_WITHIN_MS + 30_000 + 120_000);

type Route = { path: string; form: (f: HostileFile) => FormData; auth?: boolean };
const blob = (f: HostileFile) => new Blob([new Uint8Array(f.data)]);
const withFile = (field: string, extra: Record<string, string> = {}) => (f: HostileFile) => {
  const fd = new FormData();
  for (const [k, v] of Object.entries(extra)) fd.set(k, v);
  fd.set(field, blob(f), f.fileName);
  return fd;
};

/** Every route of app/api/v1 that reads an uploaded file. */
const ROUTES: Route[] = [
  { path: "/api/v1/imports/preview", form: withFile("file") },
  { path: "/api/v1/imports", form: withFile("file", { rules: "[]" }) },
  { path: "/api/v1/snapshots", form: withFile("files") },
  { path: "/api/v1/workbooks/redact?format=json", form: withFile("file") },
  { path: "/api/v1/estates/preview", form: withFile("files") },
  { path: "/api/v1/estates", form: withFile("files", { name: "hostile", tag: "mssql" }) },
  { path: "/api/v1/estates/{id}/imports", form: withFile("files"), auth: true },
  { path: "/api/v1/compare", form: withFile("file") },
];

interface Outcome {
  file: string;
  route: string;
  status: number;
  ms: number;
  rssMaxMiB: number | null;
  ok: boolean;
  why: string;
}

// C0 controls but tab/LF/CR, and DEL: raw, or as JSON \u escapes.
const CONTROL_RAW = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;
const CONTROL_ESCAPED = /\\u00(?:0[0-8bcef]|1[0-9a-f]|7f)/i;

function hasControls(text: string): boolean {
  return CONTROL_RAW.test(text) || CONTROL_ESCAPED.test(text);
}

/** Whether an answer is what a correct server gives for this file on this route. */
function judge(route: string, f: HostileFile, status: number, body: string): { ok: boolean; why: string } {
  if (status === 0) return { ok: false, why: body || "no answer" };
  if (status >= 500) return { ok: false, why: `${status}: ${body.slice(0, 160)}` };
  if (status >= 400) return { ok: true, why: "refused" };
  if (status < 200 || status >= 300) return { ok: false, why: `unexpected ${status}` };
  let json: unknown = null;
  try {
    json = JSON.parse(body);
  } catch {
    /* not JSON */
  }
  if (route.startsWith("/api/v1/snapshots")) {
    const files = (json as { files?: { error: unknown }[] } | null)?.files ?? [];
    if (f.expect === "refused") return files.length && files.every((x) => x.error) ? { ok: true, why: "every file refused" } : { ok: false, why: "accepted" };
  }
  if (route.startsWith("/api/v1/workbooks/redact")) {
    if (f.expect === "refused") return { ok: true, why: "bounded answer" };
    const data = (json as { data?: string } | null)?.data;
    // A workbook or a CSV zip comes back zipped; a single CSV comes back as CSV text.
    const bytes = data ? Buffer.from(data, "base64") : null;
    const texts = bytes ? (bytes.subarray(0, 2).toString("latin1") === "PK" ? unzipTexts(bytes) : [bytes.toString("utf8")]) : [body];
    return texts.some(hasControls) ? { ok: false, why: "control characters in the redacted workbook" } : { ok: true, why: "clean" };
  }
  if (f.expect === "refused") return { ok: false, why: `accepted (${status})` };
  return hasControls(body) ? { ok: false, why: `${status} with control characters in the answer` } : { ok: true, why: `${status}, clean` };
}

function table(header: string[], rows: (string | number | null)[][]): string {
  const cells = [header, ...rows.map((r) => r.map((c) => (c == null ? "–" : String(c))))];
  const widths = header.map((_, i) => Math.max(...cells.map((r) => r[i].length)));
  const line = (r: string[]) => `| ${r.map((c, i) => c.padEnd(widths[i])).join(" | ")} |`;
  return [line(cells[0]), `|${widths.map((w) => "-".repeat(w + 2)).join("|")}|`, ...cells.slice(1).map(line)].join("\n");
}

describe("hostile input against a production build (PGlite)", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "vmc-hostile-"));
  const files = hostileFiles();
  const outcomes: Outcome[] = [];
  const health: { at: number; ok: boolean; why?: string }[] = [];
  const crashes: string[] = [];
  let server: RunningServer;
  let estate: { id: string; token: string } | null = null;
  let polling = true;
  let poller: Promise<void> = Promise.resolve();

  const start = () =>
    startServer({
      database: "pglite",
      port: PORT,
      pgliteDir: dir,
      maxOldSpaceMiB: 2048,
      env: { DEMO_DATA: "off", RATE_LIMIT_PER_MINUTE: "100000" },
    });

  /**
   * A request the client gave up on may still be parsing on the server: wait
   * (bounded) until /api/health answers quickly again, so that one file's
   * backlog is not blamed on the next; a server still stuck is restarted.
   */
  async function settle(before: string): Promise<void> {
    const until = Date.now() + 30_000;
    while (Date.now() < until && !server.exited()) {
      const t = performance.now();
      const ok = await fetch(`${server.baseUrl}/api/health`, { signal: AbortSignal.timeout(5_000) }).then((r) => r.ok, () => false);
      if (ok && performance.now() - t < 1_000) return;
      await new Promise((r) => setTimeout(r, 1_000));
    }
    if (!server.exited()) {
      crashes.push(`${before}: still busy 30 s after the previous request; restarted`);
      await server.stop();
      server = await start();
    }
  }

  /** A crashed server is reported and started again, so that the other files are still tried. */
  async function ensureServer(after: string): Promise<void> {
    const gone = server.exited();
    if (!gone) return;
    crashes.push(`${after}: exit ${gone.code ?? gone.signal}; ${server.log().split("\n").filter((l) => /heap|memory|fatal|error/i.test(l)).slice(-2).join(" / ").slice(0, 300)}`);
    server = await start();
  }

  beforeAll(async () => {
    server = await start();
    await seedThroughApi(server.baseUrl, 100);
    // An estate of one real file, for the estate-import route.
    const fd = new FormData();
    fd.set("name", "hostile-suite");
    fd.set("tag", "mssql");
    fd.set("files", new Blob([fs.readFileSync(path.join(__dirname, "..", "fixtures", "sql-prod-01.vmx"))]), "sql-prod-01.vmx");
    const res = await fetch(`${server.baseUrl}/api/v1/estates`, { method: "POST", body: fd, signal: AbortSignal.timeout(60_000) });
    const body = (await res.json()) as { id?: string; editToken?: string };
    if (res.status === 201 && body.id && body.editToken) estate = { id: body.id, token: body.editToken };
    poller = (async () => {
      while (polling) {
        const t = Date.now();
        const r = await fetch(`${server.baseUrl}/api/health`, { signal: AbortSignal.timeout(HEALTH_TIMEOUT_MS) }).then(
          (x) => ({ ok: x.ok, why: x.ok ? undefined : `status ${x.status}` }),
          (e: Error) => ({ ok: false, why: e.name === "TimeoutError" ? `no answer in ${HEALTH_TIMEOUT_MS} ms` : e.message }),
        );
        health.push({ at: t, ...r });
        await new Promise((res) => setTimeout(res, Math.max(0, HEALTH_EVERY_MS - (Date.now() - t))));
      }
    })();
  });

  afterAll(async () => {
    polling = false;
    await poller;
    const byFile = files.map((f) => {
      const mine = outcomes.filter((o) => o.file === f.name);
      const rss = mine.map((o) => o.rssMaxMiB ?? 0);
      return [f.name, `${(f.data.length / 1024).toFixed(0)} KiB`, mine.filter((o) => o.ok).length + "/" + mine.length, Math.max(0, ...mine.map((o) => Math.round(o.ms))), rss.length ? Math.max(...rss) : null];
    });
    console.log(`\nHostile files (worst of ${ROUTES.length} routes each):\n` + table(["file", "size", "answers as expected", "slowest ms", "worst RSS MiB"], byFile));
    console.log(
      "\nEvery answer:\n" +
        table(["file", "route", "status", "ms", "RSS MiB", "verdict"], outcomes.map((o) => [o.file, o.route, o.status, Math.round(o.ms), o.rssMaxMiB, `${o.ok ? "ok" : "FAIL"}: ${o.why}`])),
    );
    const down = health.filter((h) => !h.ok).length;
    console.log(`\n/api/health: ${health.length} polls, ${down} without an answer; server crashes: ${crashes.length}${crashes.map((c) => `\n  · ${c}`).join("")}`);
    await server?.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it.each(files.map((f) => [f.name, f] as const))("%s is refused (or cleaned) by every upload route, in time, with the server up", async (_name, f) => {
    // The previous file's backlog is its own: settle before this file's clock starts.
    await ensureServer(`before ${f.name}`);
    await settle(`before ${f.name}`);
    const from = Date.now();
    const failures: string[] = [];
    for (const route of ROUTES) {
      // Stop before the test's own timeout: a loop left running would disturb the next file.
      if (Date.now() - from > FILE_BUDGET_MS - ANSWER_WITHIN_MS - 150_000) {
        failures.push(`${route.path}: not tried, the file's time budget is spent`);
        continue;
      }
      await ensureServer(`before ${f.name} → ${route.path}`);
      await settle(`before ${f.name} → ${route.path}`);
      if (route.auth && !estate) {
        failures.push(`${route.path}: no estate to import into (its creation failed)`);
        continue;
      }
      const url = server.baseUrl + route.path.replace("{id}", estate?.id ?? "");
      let rssMax = rssMiB(server.pid);
      const sampler = setInterval(() => {
        const r = rssMiB(server.pid);
        if (r != null && (rssMax == null || r > rssMax)) rssMax = r;
      }, 100);
      const t0 = performance.now();
      let status = 0;
      let body = "";
      try {
        const res = await fetch(url, {
          method: "POST",
          body: route.form(f),
          headers: route.auth ? { authorization: `Bearer ${estate!.token}` } : {},
          signal: AbortSignal.timeout(ANSWER_WITHIN_MS),
        });
        status = res.status;
        body = await res.text();
      } catch (e) {
        body = (e as Error).name === "TimeoutError" ? `no answer within ${ANSWER_WITHIN_MS} ms` : `connection failed: ${(e as Error).message}`;
      } finally {
        clearInterval(sampler);
      }
      const ms = performance.now() - t0;
      const verdict = judge(route.path, f, status, body);
      outcomes.push({ file: f.name, route: route.path, status, ms, rssMaxMiB: rssMax, ...verdict });
      if (!verdict.ok) failures.push(`${route.path}: ${verdict.why}`);
      if (server.exited()) failures.push(`${route.path}: the server died (${JSON.stringify(server.exited())})`);
    }
    const down = health.filter((h) => h.at >= from && !h.ok);
    await ensureServer(`after ${f.name}`);
    if (down.length) failures.push(`/api/health failed ${down.length} time(s) meanwhile (${down[0].why})`);
    expect(failures).toEqual([]);
  }, FILE_BUDGET_MS + 300_000);
});

const FILTER_DATABASES: DatabaseKind[] = ["pglite"];
if (process.env.TEST_DATABASE_URL) FILTER_DATABASES.push("postgresql");

/** Filters go through SQL: on PostgreSQL too (there `vendor=__proto__` once left /vms hanging). */
describe.each(FILTER_DATABASES.map((d, i) => [d, i] as const))("hostile filter values on %s", (database, i) => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await startServer({
      database,
      port: PORT + 1 + i,
      adminUrl: process.env.TEST_DATABASE_URL,
      maxOldSpaceMiB: 2048,
      env: { DEMO_DATA: "off", RATE_LIMIT_PER_MINUTE: "100000" },
    });
    await seedThroughApi(server.baseUrl, 200);
  });
  afterAll(async () => {
    await server?.stop();
  });

  const HOSTILE_VALUES = ["__proto__", "constructor", "toString", "hasOwnProperty", "\u0000", "a\u0000b", "1.5", "99999999999", "-1", "1e308", "NaN", "Infinity", ">=99999999999", "x".repeat(5000)];
  const KEYS = [...Object.keys(TEXT_FILTERS), ...Object.keys(NUMERIC_FILTERS), "sort", "dir", "page", "size", "facets", "q", "sel", "show"];

  async function getAll(urls: string[]): Promise<{ url: string; status: number; body: string; ms: number }[]> {
    const out: { url: string; status: number; body: string; ms: number }[] = [];
    for (let i = 0; i < urls.length; i += 4) {
      out.push(
        ...(await Promise.all(
          urls.slice(i, i + 4).map(async (url) => {
            const t0 = performance.now();
            try {
              const res = await fetch(server.baseUrl + url, { signal: AbortSignal.timeout(FILTER_ANSWER_WITHIN_MS) });
              return { url, status: res.status, body: await res.text(), ms: performance.now() - t0 };
            } catch (e) {
              return { url, status: 0, body: (e as Error).name === "TimeoutError" ? "no complete answer in time" : (e as Error).message, ms: performance.now() - t0 };
            }
          }),
        )),
      );
    }
    return out;
  }

  it("GET /api/v1/vms answers every hostile filter value with a 4xx or a result, never a 5xx, in time", async () => {
    const urls = KEYS.flatMap((k) => HOSTILE_VALUES.map((v) => `/api/v1/vms?facets=1&${k}=${encodeURIComponent(v)}`));
    const answers = await getAll(urls);
    const failures = answers
      .filter((a) => {
        if (a.status === 0 || a.status >= 500) return true;
        // An unknown sort column is a client error, not a default.
        if (a.url.includes("&sort=") && a.status < 400) return true;
        return false;
      })
      .map((a) => `${decodeURIComponent(a.url).slice(0, 80)} -> ${a.status} ${a.body.slice(0, 100)}`);
    console.log(`${database} /api/v1/vms: ${answers.length} hostile filter values, ${failures.length} wrong; slowest ${Math.round(Math.max(...answers.map((a) => a.ms)))} ms`);
    expect(failures).toEqual([]);
  });

  it("/vms shows every hostile filter value without an error page, in time", async () => {
    const urls = KEYS.flatMap((k) => HOSTILE_VALUES.map((v) => `/vms?${k}=${encodeURIComponent(v)}`));
    const answers = await getAll(urls);
    const failures = answers
      .filter((a) => a.status === 0 || a.status >= 500 || a.body.includes("Something went wrong"))
      .map((a) => `${decodeURIComponent(a.url).slice(0, 80)} -> ${a.status} ${a.status === 0 ? a.body : ""}`);
    console.log(`${database} /vms: ${answers.length} hostile filter values, ${failures.length} wrong; slowest ${Math.round(Math.max(...answers.map((a) => a.ms)))} ms`);
    expect(failures).toEqual([]);
  });
});

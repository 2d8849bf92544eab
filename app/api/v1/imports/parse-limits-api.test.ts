import fs from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import { sparseColumnWorkbook } from "@/bench/fixtures-gen/sparse-column-workbook";
import { useRouteTestDatabase } from "@/lib/api/route-test-db";

/**
 * Uploads are parsed in a worker with a heap limit, one at a time here and
 * none waiting: a hostile workbook costs its worker, never the request
 * thread, and is answered with a clean 4xx by every upload route; a second
 * upload meanwhile gets 503 with Retry-After; the next one is served.
 */
useRouteTestDatabase("parse-limits-api");
process.env.RATE_LIMIT_PER_MINUTE = "100000";
process.env.PARSE_WORKERS = "1";
process.env.PARSE_QUEUE = "0";
process.env.PARSE_HEAP_MB = "128";
process.env.PARSE_TIMEOUT_SECONDS = "120";

type Route = (req: Request, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>;
const BASE = "http://test.local";
const noParams = { params: Promise.resolve({}) };
const VMX = "lib/formats/vmx/__fixtures__/esxi8-win2022.vmx";

function upload(url: string, field: string, name: string, data: Uint8Array, fields: Record<string, string> = {}): Request {
  const form = new FormData();
  form.append(field, new Blob([new Uint8Array(data)]), name);
  for (const [k, v] of Object.entries(fields)) form.append(k, v);
  return new Request(`${BASE}${url}`, { method: "POST", body: form });
}

/** The longest the request thread went without running a timer while `work` ran. */
async function maxStall<T>(work: Promise<T>): Promise<{ result: T; stallMs: number }> {
  let last = Date.now();
  let stallMs = 0;
  const timer = setInterval(() => {
    const now = Date.now();
    stallMs = Math.max(stallMs, now - last);
    last = now;
  }, 25);
  try {
    return { result: await work, stallMs };
  } finally {
    clearInterval(timer);
  }
}

let routes: Record<string, Route>;
let hostile: Buffer;

beforeAll(async () => {
  hostile = sparseColumnWorkbook(60_000);
  routes = {
    importsPreview: (await import("./preview/route")).POST as unknown as Route,
    imports: (await import("./route")).POST as unknown as Route,
    snapshots: (await import("../snapshots/route")).POST as unknown as Route,
    redact: (await import("../workbooks/redact/route")).POST as unknown as Route,
    estatesPreview: (await import("../estates/preview/route")).POST as unknown as Route,
    compare: (await import("../compare/route")).POST as unknown as Route,
  };
});

describe("parsing is bounded", () => {
  it("answers a hostile workbook with a 4xx naming it, keeps the request thread free, and refuses a second upload with 503 meanwhile", async () => {
    expect(hostile.length).toBeLessThan(400 * 1024);
    const running = routes.importsPreview(upload("/api/v1/imports/preview", "file", "hostile.xlsx", hostile), noParams);
    // The one worker is busy and nothing may wait: the next upload is turned away at once.
    await new Promise((r) => setTimeout(r, 50));
    const busy = await routes.snapshots(upload("/api/v1/snapshots", "files", "a.vmx", fs.readFileSync(VMX)), noParams);
    expect(busy.status).toBe(503);
    expect(Number(busy.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
    expect(((await busy.json()) as { error: { code: string } }).error.code).toBe("overloaded");

    const { result: res, stallMs } = await maxStall(running);
    // On this branch the reader fills every row to column XFD and the worker runs out of heap (413);
    // a reader that skips empty cells finds no VM instead (422). Either way: a 4xx naming the file.
    expect([413, 422]).toContain(res.status);
    const body = (await res.json()) as { error: { code: string; message: string } };
    expect(body.error.message).toMatch(/^hostile\.xlsx[:,] /);
    // Parsing happened elsewhere: the request thread never stopped for long.
    expect(stallMs).toBeLessThan(1_000);

    const ok = await routes.snapshots(upload("/api/v1/snapshots", "files", "a.vmx", fs.readFileSync(VMX)), noParams);
    expect(ok.status).toBe(200);
  }, 180_000);

  it("answers the hostile workbook with a 4xx on every other upload route, and still serves afterwards", async () => {
    const cases: [string, Request][] = [
      ["imports", upload("/api/v1/imports", "file", "hostile.xlsx", hostile, { rules: "[]" })],
      ["snapshots", upload("/api/v1/snapshots", "files", "hostile.xlsx", hostile)],
      ["redact", upload("/api/v1/workbooks/redact", "file", "hostile.xlsx", hostile)],
      ["estatesPreview", upload("/api/v1/estates/preview", "files", "hostile.xlsx", hostile)],
      ["compare", upload("/api/v1/compare", "file", "hostile.xlsx", hostile)],
    ];
    for (const [name, req] of cases) {
      const res = await routes[name](req, noParams);
      const text = await res.text();
      // The snapshot preview reports a bad file inside its 200 answer, per file; a reader that skips
      // empty cells can redact the workbook (it holds nothing to redact).
      if (name === "redact" && res.status === 200) continue;
      if (name === "snapshots" && res.status === 200) {
        expect(JSON.parse(text).files[0].error).toMatchObject({ code: expect.stringMatching(/too_large|parse_error/) });
      } else {
        expect({ name, status: res.status }).toEqual({ name, status: expect.toSatisfy((s: number) => s === 413 || s === 422) });
        expect(JSON.parse(text).error.message).not.toMatch(/something went wrong/i);
      }
    }
    const ok = await routes.compare(upload("/api/v1/compare", "file", "a.vmx", fs.readFileSync(VMX)), noParams);
    expect(ok.status).toBe(200);
  }, 600_000);
});

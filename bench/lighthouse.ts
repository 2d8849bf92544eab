/**
 * Lighthouse (mobile, its default simulated throttling) on /, /vms, a VM page
 * and /compare against a production build: performance, accessibility, best
 * practices and SEO, the median of LH_RUNS runs (3) per page, with the total
 * blocking time, largest contentful paint and the bytes sent.
 *
 *   npm run build && npm run bench:lighthouse
 *   BENCH_URL=http://127.0.0.1:3000 npm run bench:lighthouse     # a site already running
 *
 * Chromium is Debian's (/usr/bin/chromium, or CHROME_PATH). The server is
 * bench/ui-server.ts's. Prints one line per page and the machine's load.
 */
import fs from "node:fs";
import path from "node:path";
import * as chromeLauncher from "chrome-launcher";
import { execFile } from "node:child_process";
import os from "node:os";
import { promisify } from "node:util";
import { benchSite, benchUrls, machineLoad } from "./ui-server";

const RUNS = Number(process.env.LH_RUNS ?? 3);
const CATEGORIES = ["performance", "accessibility", "best-practices", "seo"] as const;

interface Run {
  scores: Record<(typeof CATEGORIES)[number], number>;
  tbtMs: number;
  lcpMs: number;
  fcpMs: number;
  cls: number;
  bytes: number;
  scriptBytes: number;
}

function median<T>(xs: T[], key: (x: T) => number): T {
  return [...xs].sort((a, b) => key(a) - key(b))[Math.floor(xs.length / 2)];
}

interface Lhr {
  runtimeError?: { code: string; message: string };
  categories: Record<string, { score: number | null } | undefined>;
  audits: Record<string, { numericValue?: number; details?: unknown } | undefined>;
}

/**
 * One Lighthouse run through its own command line in plain Node: run inside
 * this tsx process, the functions Lighthouse sends into the page carry tsx's
 * helpers and fail there ("__name is not defined").
 */
async function runLighthouse(url: string, port: number, reportBase: string | null): Promise<Lhr> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "vmc-lh-"));
  const out = path.join(dir, "lhr");
  try {
    await promisify(execFile)(process.execPath, [
      require.resolve("lighthouse/cli/index.js"), url, `--port=${port}`, `--only-categories=${CATEGORIES.join(",")}`,
      "--output=json", "--output=html", `--output-path=${out}`, "--quiet",
    ], { maxBuffer: 64 * 1024 * 1024, timeout: 300_000 });
    if (reportBase) {
      fs.mkdirSync(path.dirname(reportBase), { recursive: true });
      fs.copyFileSync(`${out}.report.html`, `${reportBase}.html`);
    }
    return JSON.parse(fs.readFileSync(`${out}.report.json`, "utf8")) as Lhr;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

async function main() {
  const chromePath = process.env.CHROME_PATH ?? "/usr/bin/chromium";
  const site = await benchSite();
  const chrome = await chromeLauncher.launch({
    chromePath,
    chromeFlags: ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
      "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"],
  });
  const reportDir = process.env.LH_REPORT_DIR ?? null;
  try {
    const urls = await benchUrls(site.baseUrl);
    // One visit each first, so that no page is measured on its server's first, cold render.
    for (const u of Object.values(urls)) await fetch(site.baseUrl + u).then((r) => r.text());
    console.log(`Lighthouse ${RUNS} run(s) per page, mobile, ${site.baseUrl} (${machineLoad()})`);
    for (const [name, u] of Object.entries(urls)) {
      const runs: Run[] = [];
      for (let i = 0; i < RUNS; i++) {
        const lhr = await runLighthouse(site.baseUrl + u, chrome.port, reportDir ? path.join(reportDir, `${name.replace(/[^a-z0-9]+/gi, "_") || "home"}-${i + 1}`) : null);
        if (lhr.runtimeError) throw new Error(`${u}: ${lhr.runtimeError.code} ${lhr.runtimeError.message}`);
        const num = (id: string) => Number(lhr.audits[id]?.numericValue ?? NaN);
        const items = (lhr.audits["network-requests"]?.details as { items?: { transferSize?: number; resourceType?: string }[] } | undefined)?.items ?? [];
        runs.push({
          scores: Object.fromEntries(CATEGORIES.map((c) => [c, Math.round((lhr.categories[c]?.score ?? 0) * 100)])) as Run["scores"],
          tbtMs: num("total-blocking-time"),
          lcpMs: num("largest-contentful-paint"),
          fcpMs: num("first-contentful-paint"),
          cls: num("cumulative-layout-shift"),
          bytes: items.reduce((s, x) => s + (x.transferSize ?? 0), 0),
          scriptBytes: items.filter((x) => x.resourceType === "Script").reduce((s, x) => s + (x.transferSize ?? 0), 0),
        });
      }
      const m = median(runs, (r) => r.scores.performance);
      const line =
        `${name.padEnd(9)} performance ${String(m.scores.performance).padStart(3)} (runs ${runs.map((r) => r.scores.performance).join(", ")})` +
        `  accessibility ${m.scores.accessibility}  best practices ${m.scores["best-practices"]}  SEO ${m.scores.seo}` +
        `  TBT ${m.tbtMs.toFixed(0)} ms  LCP ${(m.lcpMs / 1000).toFixed(2)} s  FCP ${(m.fcpMs / 1000).toFixed(2)} s  CLS ${m.cls.toFixed(3)}` +
        `  sent ${(m.bytes / 1024).toFixed(0)} KB (JS ${(m.scriptBytes / 1024).toFixed(0)} KB)`;
      console.log(line);
    }
    console.log(`(${machineLoad()})`);
  } finally {
    chrome.kill();
    await site.stop();
  }
}

main().then(() => process.exit(0), (e) => { console.error(e); process.exit(1); });

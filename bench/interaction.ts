/**
 * Time from a click to the updated rows on /vms, in Chromium, at the ~5,000
 * demo VMs: a facet filter, a sort, the next page and a search, ROUNDS (5)
 * times each. Measured in the page: the click's (or submit's) event time, then
 * a MutationObserver on the table's data-rows-for, the URL search the rows on
 * screen answer. Also the server's own answer time for the same API request.
 *
 *   npm run build && npm run bench:interaction
 *   BENCH_URL=http://127.0.0.1:3000 npm run bench:interaction
 */
import { chromium, type Page } from "@playwright/test";
import { benchSite, machineLoad } from "./ui-server";

const ROUNDS = Number(process.env.ROUNDS ?? 5);
const WIDTH = Number(process.env.BENCH_WIDTH ?? 1360);

async function ready(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await page.locator("[data-hydrated]").waitFor({ state: "attached", timeout: 120_000 });
  await page.locator('[data-facets="ready"]').waitFor({ state: "attached", timeout: 120_000 });
}

/** Where one change's time went: until the rows' API request left, its answer, and after it. */
const split: { before: number[]; api: number[]; after: number[] } = { before: [], api: [], after: [] };

async function clickToRows(page: Page, act: () => Promise<void>): Promise<number> {
  await page.evaluate(() => {
    const w = window as unknown as { __t0?: number; __t1?: number };
    w.__t0 = undefined;
    w.__t1 = undefined;
    for (const type of ["click", "change", "submit", "keydown"]) {
      document.addEventListener(type, (e) => { w.__t0 ??= e.timeStamp; }, { capture: true, once: true });
    }
    const before = document.querySelector('[data-testid="vm-table"]')!.getAttribute("data-rows-for");
    const obs = new MutationObserver(() => {
      const now = document.querySelector('[data-testid="vm-table"]');
      if (now && now.getAttribute("data-rows-for") !== before) {
        // The rows are in the DOM; the time they are on screen is the next frame.
        requestAnimationFrame(() => { w.__t1 = performance.now(); });
        obs.disconnect();
      }
    });
    obs.observe(document.querySelector("main") ?? document.body, { attributes: true, subtree: true, childList: true, attributeFilter: ["data-rows-for"] });
  });
  await act();
  await page.waitForFunction(() => (window as unknown as { __t1?: number }).__t1 !== undefined, undefined, { timeout: 30_000 });
  const t = await page.evaluate(() => {
    const w = window as unknown as { __t0: number; __t1: number };
    const rows = (performance.getEntriesByType("resource") as PerformanceResourceTiming[])
      .filter((e) => e.name.includes("/api/v1/vms") && !e.name.includes("facets=1") && e.startTime >= w.__t0 - 50 && e.responseEnd <= w.__t1)
      .pop();
    return { total: w.__t1 - w.__t0, start: rows ? rows.startTime - w.__t0 : null, end: rows ? rows.responseEnd - w.__t0 : null };
  });
  // A request made before the click (a prefetch) answered it: nothing was fetched in between.
  if (t.start != null && t.end != null) {
    split.before.push(Math.max(0, t.start));
    split.api.push(t.end - Math.max(0, t.start));
    split.after.push(t.total - t.end);
  }
  return t.total;
}

const pct = (xs: number[], q: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(q * xs.length))];

async function main() {
  const site = await benchSite();
  const browser = await chromium.launch({
    executablePath: process.env.CHROME_PATH ?? "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"],
  });
  try {
    const page = await browser.newPage({ viewport: { width: WIDTH, height: 900 }, baseURL: site.baseUrl });
    const times: Record<string, number[]> = { filter: [], sort: [], page: [], search: [] };
    const facets = [["family", "windows"], ["family", "linux"], ["vendor", "vmware"], ["firmware", "efi"], ["vendor", "microsoft"]];
    const sorts = ["memory", "vcpus", "disk", "os", "created"];
    const words = ["sql", "ubuntu", "windows 2019", "vmxnet", "exchange"];
    for (let round = 0; round < ROUNDS; round++) {
      await ready(page, "/vms");
      const [facet, value] = facets[round % facets.length];
      const box = page.locator(`label[data-facet="${facet}"][data-value="${value}"] input`);
      if (!(await box.isVisible())) await page.locator(`details:has(label[data-facet="${facet}"]) > summary`).click();
      times.filter.push(await clickToRows(page, () => box.click()));
      times.sort.push(await clickToRows(page, () => page.locator(`th[data-col="${sorts[round % sorts.length]}"] button`).click()));
      times.page.push(await clickToRows(page, () => page.getByRole("link", { name: "Next page" }).click()));
      const search = page.getByRole("searchbox", { name: "Search VMs" });
      await search.fill(words[round % words.length]);
      times.search.push(await clickToRows(page, () => search.press("Enter")));
    }
    const api = await serverTimes(site.baseUrl);
    console.log(`/vms click to updated rows, Chromium ${WIDTH} px, ${ROUNDS} rounds (${machineLoad()})`);
    for (const [k, xs] of Object.entries(times)) {
      console.log(`  ${k.padEnd(7)} median ${pct(xs, 0.5).toFixed(0).padStart(5)} ms   max ${Math.max(...xs).toFixed(0).padStart(5)} ms   (${xs.map((x) => x.toFixed(0)).join(", ")})`);
    }
    if (split.api.length) {
      console.log(`  of which (median of ${split.api.length} changes that fetched): click to request ${pct(split.before, 0.5).toFixed(0)} ms, ` +
        `request to answer ${pct(split.api, 0.5).toFixed(0)} ms, answer to rows on screen ${pct(split.after, 0.5).toFixed(0)} ms`);
    }
    console.log(`  server: GET /api/v1/vms median ${pct(api, 0.5).toFixed(0)} ms, max ${Math.max(...api).toFixed(0)} ms`);
  } finally {
    await browser.close();
    await site.stop();
  }
}

/** The API's answer time for requests like the table's, from this process (no browser). */
async function serverTimes(baseUrl: string): Promise<number[]> {
  // Pages 3-5: not asked for by the browser run, so not answered from the server's render cache.
  const qs = ["family=windows", "family=linux&sort=memory", "vendor=vmware&sort=vcpus", "q=sql", "q=windows%202019&sort=disk"];
  const out: number[] = [];
  for (let i = 0; i < 3; i++) {
    for (const q of qs) {
      const t = performance.now();
      const r = await fetch(`${baseUrl}/api/v1/vms?${q}&page=${i + 3}`);
      await r.text();
      out.push(performance.now() - t);
    }
  }
  return out;
}

main().then(() => process.exit(0), (e) => { console.error(e); process.exit(1); });

import { expect, test } from "@playwright/test";

// Icons and share cards as a browser and a link preview (Slack, Teams, Mastodon) fetch them.
test("favicon and app icons answer, and pages link them", async ({ page, request }) => {
  for (const [path, type] of [["/favicon.ico", /image\/(x-icon|vnd\.microsoft\.icon)/], ["/icon.svg", /image\/svg\+xml/], ["/apple-icon.png", /image\/png/]] as const) {
    const res = await request.get(path);
    expect(res.status(), path).toBe(200);
    expect(res.headers()["content-type"], path).toMatch(type);
  }
  const missing: string[] = [];
  page.on("response", (r) => { if (r.status() === 404) missing.push(r.url()); });
  await page.goto("/");
  await expect(page.locator('link[rel="icon"]').first()).toHaveAttribute("href", /icon|favicon/);
  expect(missing).toEqual([]);
});

for (const kind of ["VM", "workload"] as const) {
  test(`a ${kind} page has og:title, og:description and an og:image that is a 1200×630 PNG`, async ({ page, request }) => {
    let url: string;
    if (kind === "VM") {
      const list = await (await request.get("/api/v1/vms?size=10")).json();
      const id = (list.vms ?? list.items ?? list.rows ?? list)[0].id as string;
      url = `/vms/${id}`;
    } else {
      url = "/workloads/mssql";
    }
    await page.goto(url);
    const meta = (p: string) => page.locator(`meta[property="${p}"]`).first().getAttribute("content");
    expect(await meta("og:title")).toBeTruthy();
    expect(await meta("og:description")).toBeTruthy();
    const image = (await meta("og:image"))!;
    expect(image).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/.+opengraph-image/);
    expect(await meta("og:image:width")).toBe("1200");
    const res = await request.get(image);
    expect(res.status()).toBe(200);
    expect(res.headers()["content-type"]).toBe("image/png");
    const png = await res.body();
    expect(png.subarray(1, 4).toString()).toBe("PNG");
    expect(png.readUInt32BE(16)).toBe(1200);
    expect(png.readUInt32BE(20)).toBe(630);
    await page.goto(image);
    await page.screenshot({ path: test.info().outputPath(`og-${kind}.png`) });
  });
}

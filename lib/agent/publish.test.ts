import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { emptyContext } from "@/lib/vm/context";
import { blankVm } from "@/lib/vm/model";
import { freePort } from "./test-fixtures/vcsim";
import { appendEditLinks, publishContributions, vmsEndpoint, type EditLinkRecord } from "./publish";
import type { ContributionRequest as Contribution } from "@/lib/contribute/api-schemas";

function contribution(): Contribution {
  return { vm: { ...blankVm("vcenter"), memoryMiB: 4096 }, tags: [{ slug: "nginx", version: null, primary: true }], context: emptyContext() };
}

function link(id: string): EditLinkRecord {
  return { createdAt: "2026-01-01T00:00:00.000Z", site: "https://vmcompare.example", id, editUrl: `https://vmcompare.example/vms/${id}/edit`, editToken: `t-${id}`, vm: "web01", server: "vc01" };
}

describe("vmsEndpoint", () => {
  it("adds /api/v1/vms to a site address and keeps a full endpoint as it is", () => {
    expect(vmsEndpoint("https://vmcompare.example").toString()).toBe("https://vmcompare.example/api/v1/vms");
    expect(vmsEndpoint("vmcompare.example/").toString()).toBe("https://vmcompare.example/api/v1/vms");
    expect(vmsEndpoint("http://localhost:3000/api/v1/vms").toString()).toBe("http://localhost:3000/api/v1/vms");
    expect(() => vmsEndpoint("ftp://x")).toThrow(/http\(s\)/);
  });
});

describe("publishContributions", () => {
  it("posts in batches, makes edit links absolute and reports each batch", async () => {
    const bodies: unknown[] = [];
    let n = 0;
    const fetchImpl = (async (_url: URL, init: RequestInit) => {
      const body = JSON.parse(String(init.body)) as { vms: unknown[] };
      bodies.push(body);
      const created = body.vms.map(() => ({ id: `v${++n}`, editToken: "t", editUrl: `/vms/v${n}/edit?token=t` }));
      return new Response(JSON.stringify({ created }), { status: 201, headers: { "Content-Type": "application/json" } });
    }) as unknown as typeof fetch;
    const batches: number[] = [];
    const results = await publishContributions("http://site.test:3000", [contribution(), contribution(), contribution()], {
      batchSize: 2, fetchImpl, onResults: (r) => void batches.push(r.length),
    });
    expect(bodies.map((b) => (b as { vms: unknown[] }).vms.length)).toEqual([2, 1]);
    expect(batches).toEqual([2, 1]);
    expect(results.map((r) => r.index)).toEqual([0, 1, 2]);
    expect(results.map((r) => ("created" in r ? r.created.editUrl : ""))).toEqual([
      "http://site.test:3000/vms/v1/edit?token=t", "http://site.test:3000/vms/v2/edit?token=t", "http://site.test:3000/vms/v3/edit?token=t",
    ]);
  });

  it("retries a batch refused as a duplicate one VM at a time and leaves out only the duplicates", async () => {
    const published = new Set<number>([4096]);
    const sizes: number[] = [];
    let n = 0;
    // Like the site: a batch is refused whole when any configuration in it is already published.
    const fetchImpl = (async (_url: URL, init: RequestInit) => {
      const vms = (JSON.parse(String(init.body)) as { vms: Contribution[] }).vms;
      sizes.push(vms.length);
      const dup = vms.find((v) => published.has(v.vm.memoryMiB));
      if (dup) {
        return new Response(JSON.stringify({ error: { code: "conflict", message: "This configuration has already been published as VM old1.", details: { existingId: "old1" } } }), { status: 409 });
      }
      for (const v of vms) published.add(v.vm.memoryMiB);
      return new Response(JSON.stringify({ created: vms.map(() => ({ id: `n${++n}`, editToken: "t", editUrl: `https://site.test/vms/n${n}/edit#token=t` })) }), { status: 201 });
    }) as unknown as typeof fetch;
    const items = [2048, 4096, 8192].map((m) => ({ ...contribution(), vm: { ...contribution().vm, memoryMiB: m } }));
    const results = await publishContributions("https://site.test", items, { fetchImpl, batchSize: 3 });
    expect(sizes).toEqual([3, 1, 1, 1]);
    expect(results).toEqual([
      { index: 0, created: { id: "n1", editToken: "t", editUrl: "https://site.test/vms/n1/edit#token=t" } },
      { index: 1, duplicateOf: "old1", message: "This configuration has already been published as VM old1." },
      { index: 2, created: { id: "n2", editToken: "t", editUrl: "https://site.test/vms/n2/edit#token=t" } },
    ]);
  });

  it("names the site and its message when a batch is refused", async () => {
    const fetchImpl = (async () =>
      new Response(JSON.stringify({ error: { code: "validation_error", message: "add at least one application tag" } }), { status: 422 })) as unknown as typeof fetch;
    await expect(publishContributions("http://site.test", [contribution()], { fetchImpl })).rejects.toThrow(
      "http://site.test refused the contributions (HTTP 422): add at least one application tag",
    );
  });

  it("says when the site cannot be reached", async () => {
    const port = await freePort();
    await expect(publishContributions(`http://127.0.0.1:${port}`, [contribution()])).rejects.toThrow(
      `cannot publish to http://127.0.0.1:${port}: connection refused (is the site running at that address?)`,
    );
  });
});

describe("appendEditLinks", () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), "vmcompare-links-"));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it("appends to the array and keeps the file private (600), even if it was readable before", async () => {
    const file = path.join(dir, "links.json");
    await appendEditLinks(file, [link("a")]);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    writeFileSync(file, readFileSync(file), { mode: 0o644 });
    await appendEditLinks(file, [link("b"), link("c")]);
    expect((JSON.parse(readFileSync(file, "utf8")) as EditLinkRecord[]).map((r) => r.id)).toEqual(["a", "b", "c"]);
    expect(statSync(file).mode & 0o777).toBe(0o600);
  });

  it("refuses to overwrite a file that is not an edit-links array", async () => {
    const file = path.join(dir, "notes.json");
    writeFileSync(file, '{"mine": true}');
    await expect(appendEditLinks(file, [link("a")])).rejects.toThrow(/is not an edit-links file/);
    expect(readFileSync(file, "utf8")).toBe('{"mine": true}');
  });
});

import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

// The maps in docs/architecture.md and the README must match the folders on disk.
const root = path.resolve(__dirname, "..");
const read = (f: string) => fs.readFileSync(path.join(root, f), "utf8");

function folders(dir: string): string[] {
  return fs
    .readdirSync(path.join(root, dir), { withFileTypes: true })
    .filter((e) => e.isDirectory() && !e.name.startsWith(".") && !["node_modules", "data", "test-results", "playwright-report"].includes(e.name))
    .map((e) => e.name)
    .sort();
}

/** Folder names of the bullets "- `lib/x/` — …" (or "- `x/` — …" with prefix ""). */
function bullets(text: string, prefix: string): string[] {
  const re = new RegExp(`^- \`${prefix.replace("/", "\\/")}([a-z0-9-]+)/\``, "gm");
  return [...text.matchAll(re)].map((m) => m[1]).sort();
}

describe("architecture map", () => {
  const map = read("docs/architecture.md");

  it("docs/architecture.md names every lib/ folder once, and no other", () => {
    const named = bullets(map, "lib/");
    expect(named).toEqual([...new Set(named)]);
    expect(named).toEqual(folders("lib"));
  });

  it("docs/architecture.md names every top-level folder, and no other", () => {
    expect(bullets(map, "")).toEqual(folders(""));
  });

  it("the README's map mentions every lib/ folder and names none that is gone", () => {
    const readme = read("README.md");
    const section = readme.slice(readme.indexOf("## Architecture"), readme.indexOf("\n## ", readme.indexOf("## Architecture") + 1));
    const mentioned = [...new Set([...section.matchAll(/lib\/([a-z0-9-]+)(?![a-z0-9.-])/g)].map((m) => m[1]))].sort();
    expect(mentioned.filter((m) => !folders("lib").includes(m))).toEqual([]);
    expect(folders("lib").filter((f) => f !== "generated" && !mentioned.includes(f))).toEqual([]);
  });
});

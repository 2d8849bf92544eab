import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ERROR_CODES, HTTP_STATUS } from "@/lib/errors/app-error";
import { openApiDocument } from "./openapi";

type Doc = { openapi: string; paths: Record<string, Record<string, { responses?: Record<string, unknown> }>>; components: { schemas: Record<string, { properties?: Record<string, { description?: string }> }> } };

function routeFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? routeFiles(p) : e.name === "route.ts" ? [p] : [];
  });
}

describe("OpenAPI document", () => {
  const doc = openApiDocument("https://vmcompare.example") as unknown as Doc;

  it("documents the write API with its statuses", () => {
    expect(doc.openapi).toBe("3.0.3");
    expect(Object.keys(doc.paths["/api/v1/vms"]).sort()).toEqual(["get", "post"]);
    expect(Object.keys(doc.paths["/api/v1/vms"].post.responses!)).toEqual(
      expect.arrayContaining(["201", "409", "413", "422", "429"]),
    );
    expect(Object.keys(doc.paths["/api/v1/vms/{id}"].patch.responses!)).toEqual(expect.arrayContaining(["200", "401", "403", "404", "422"]));
    expect(doc.paths["/api/v1/snapshots"].post).toBeDefined();
  });

  it("carries the zod .describe() texts into the schemas", () => {
    const ctx = doc.components.schemas.VmContext.properties!;
    expect(ctx.hostVendor.description).toBe("Host server vendor, e.g. Dell");
    const json = JSON.stringify(doc.components.schemas.NormalizedVm);
    expect(json).toContain("Capacity in GiB (2^30 bytes)");
  });

  it("documents exactly the error codes the server sends, each with its status", () => {
    const error = doc.components.schemas.Error as unknown as { properties: { error: { properties: { code: { enum: string[]; description: string } } } } };
    const code = error.properties.error.properties.code;
    expect(code.enum).toEqual(Object.keys(ERROR_CODES));
    expect(code.enum).toContain("rate_limited");
    expect(code.description).toContain("rate_limited (429): ");
    expect(code.description).toContain("parse_error (422): ");
    expect(HTTP_STATUS.overloaded).toBe(503);
  });

  it("documents every /api route in the app", () => {
    const appDir = path.resolve(__dirname, "../../app");
    const documented = Object.keys(doc.paths).map((p) => p.replace(/\{[^}]+\}/g, "*"));
    const missing = routeFiles(path.join(appDir, "api"))
      .map((f) => "/" + path.relative(appDir, path.dirname(f)).split(path.sep).join("/").replace(/\[[^\]]+\]/g, "*"))
      .filter((r) => !documented.includes(r));
    expect(missing).toEqual([]);
  });
});

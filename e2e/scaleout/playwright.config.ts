import { defineConfig } from "@playwright/test";
import base from "../../playwright.config";

/**
 * Browser smoke tests through nginx in front of several app processes (e2e/scaleout/scaleout.test.ts
 * starts them and sets SCALEOUT_BASE_URL): the project's own specs, unchanged, against another
 * address. The one foundation test that names the embedded database is left out: here it is PostgreSQL.
 */
const baseURL = process.env.SCALEOUT_BASE_URL;
if (!baseURL) throw new Error("SCALEOUT_BASE_URL is not set: run this through e2e/scaleout/scaleout.test.ts.");

export default defineConfig({
  ...base,
  testDir: "..",
  testMatch: ["foundation.spec.ts", "compare.spec.ts"],
  grepInvert: /embedded database/,
  retries: 0,
  use: { ...base.use, baseURL },
  webServer: undefined,
});

import { defineConfig } from "@playwright/test";
import os from "node:os";
import path from "node:path";

const PORT = Number(process.env.E2E_PORT ?? 3100);
const dataDir = process.env.E2E_DATA_DIR ?? path.join(os.tmpdir(), `vmcompare-e2e-${Date.now()}`);

export default defineConfig({
  testDir: "e2e",
  // e2e/load and e2e/hostile hold Vitest suites with servers of their own (vitest.server.config.mts).
  testMatch: "**/*.spec.ts",
  timeout: 60_000,
  expect: { timeout: 15_000 },
  fullyParallel: false,
  workers: 1,
  retries: process.env.CI ? 1 : 0,
  reporter: [["list"]],
  use: {
    baseURL: `http://127.0.0.1:${PORT}`,
    trace: "off",
    screenshot: "only-on-failure",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"],
    },
  },
  projects: [{ name: "chromium", use: { browserName: "chromium", viewport: { width: 1360, height: 900 } } }],
  webServer: {
    // The production server that sets the socket peer for the rate limit (scripts/serve.ts).
    command: `node --import tsx scripts/serve.ts`,
    url: `http://127.0.0.1:${PORT}/api/health`,
    timeout: 600_000,
    reuseExistingServer: false,
    stdout: "pipe",
    env: {
      DATABASE_URL: `pglite:${dataDir}`,
      DEMO_DATA: "on",
      RATE_LIMIT_PER_MINUTE: "10000",
      // Small enough that e2e/hostile-upload.spec.ts's workbook exhausts a parse worker quickly; the
      // other specs' uploads need far less.
      PARSE_HEAP_MB: "128",
      PORT: String(PORT),
      // A proxy reaching the server over ::1 is believed (e2e/flows.spec.ts runs one); the browser and
      // the other specs come over 127.0.0.1 and are not, so their own X-Forwarded-* headers are ignored.
      TRUST_PROXY: "::1",
      // Moderation on (e2e/admin.spec.ts logs in with it).
      ADMIN_TOKEN: process.env.E2E_ADMIN_TOKEN ?? "e2e-admin-token-7f3a9c",
    },
  },
});

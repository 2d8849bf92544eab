import { defineConfig } from "vitest/config";
import path from "node:path";

/**
 * Suites that run against a production server of their own (`next start`
 * after `npx next build`), one per database: the load test and the
 * hostile-input suite; and the scale-out test (three servers behind nginx). `npm run test:server`; scripts/test-all.sh runs them
 * after the build.
 */
export default defineConfig({
  resolve: {
    alias: {
      "@": path.resolve(import.meta.dirname),
      // Next resolves "server-only" to an empty module on the server; tests run server code outside Next.
      "server-only": path.resolve(import.meta.dirname, "node_modules/server-only/empty.js"),
    },
  },
  test: {
    include: ["e2e/load/**/*.test.ts", "e2e/hostile/**/*.test.ts", "e2e/scaleout/**/*.test.ts"],
    testTimeout: 180_000,
    hookTimeout: 300_000,
    pool: "forks",
    // One server at a time: the machine has two cores.
    fileParallelism: false,
  },
});

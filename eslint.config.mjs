// Lint: Next's rules plus the boundaries between the project's layers
// (see docs/architecture.md). `npm run lint`; part of `npm run validate` and `npm test`.
import nextCoreWebVitals from "eslint-config-next/core-web-vitals";
import nextTypescript from "eslint-config-next/typescript";
import { plugin as vmcompare } from "./tools/eslint/vmcompare-plugin.mjs";

const SOURCES = ["**/*.{js,jsx,mjs,ts,tsx,mts,cts}"];
const TESTS = ["**/*.test.ts", "**/*.test.tsx", "**/*.test-support.ts", "**/test-fixtures/**", "**/testing/**", "e2e/**", "bench/**",
  // The duplicate-publish suite shared by two test files.
  "app/api/v1/vms/duplicate-race.ts"];

/** Prisma itself: only lib/db talks to it. */
const PRISMA = {
  group: ["@prisma/*", "prisma", "@/lib/generated/*", "**/lib/generated/*"],
  message: "Only lib/db talks to Prisma: call a lib/db function instead.",
};

/**
 * lib/db's internals: pages and routes call lib/db's functions (and getDb()
 * to obtain the handle they pass along), never the machinery below them.
 */
const DB_INTERNALS = {
  group: [
    "@/lib/db/migrate",
    "@/lib/db/lock",
    "@/lib/db/priority-gate",
    "@/lib/db/fingerprint-secret",
    "@/lib/db/admin-query",
    "@/lib/db/ids",
    "@/lib/db/import-links",
    "@/lib/db/maintenance",
    "@/lib/db/seed",
    "@/lib/db/test-targets",
  ],
  message: "This is an internal of lib/db: use the lib/db function that wraps it.",
};

/** The handle's Prisma client and SQL driver stay inside lib/db. */
const NO_RAW_HANDLE = [
  { selector: "MemberExpression[property.name=/^(prisma|sql)$/][object.name=/^(db|database|handle)$/]", message: "Raw database access belongs in lib/db: add a function there." },
  { selector: "VariableDeclarator[init.name=/^(db|database)$/] > ObjectPattern > Property[key.name=/^(prisma|sql)$/]", message: "Raw database access belongs in lib/db: add a function there." },
];

/**
 * Temporary exceptions, each removed by a branch in flight. The lead deletes
 * an entry once that branch is merged and lint passes without it.
 */
export default [
  ...nextCoreWebVitals,
  ...nextTypescript,
  {
    ignores: ["lib/generated/**", "data/**", ".next/**", ".next-*/**", "node_modules/**", "test-results/**", "playwright-report/**", "bench/out/**", ".tools/**"],
  },
  {
    // Hooks live in .tsx components here; the .ts files' `use…` functions
    // (useRouteTestDatabase, useFolderSecret) are not React hooks.
    files: ["**/*.ts"],
    rules: { "react-hooks/rules-of-hooks": "off" },
  },
  {
    files: SOURCES,
    // Reading browser-only state (location hash, localStorage, origin) in an
    // effect after hydration keeps server and client markup equal; the rule
    // flags exactly that pattern, so it informs rather than fails.
    rules: { "react-hooks/set-state-in-effect": "warn" },
  },
  {
    files: ["**/*.cjs"],
    rules: { "@typescript-eslint/no-require-imports": "off" },
  },

  // ---- Boundaries ----
  {
    files: SOURCES,
    plugins: { vmcompare },
    rules: {
      "vmcompare/client-boundary": "error",
      // An import loop makes module initialisation order matter; type-only and dynamic imports do not count.
      "vmcompare/no-cycle": "error",
      "import/no-restricted-paths": [
        "error",
        {
          zones: [
            {
              target: ["./lib/formats", "./lib/compare", "./lib/checks"],
              from: "./lib/db",
              message: "Domain code (formats, compare, checks) is pure: it must not depend on the database layer. lib/db may import it, not the other way round.",
            },
          ],
        },
      ],
    },
  },
  {
    files: ["app/**", "components/**"],
    rules: { "no-restricted-imports": ["error", { patterns: [PRISMA] }] },
  },
  {
    files: ["app/**", "components/**"],
    ignores: TESTS,
    rules: {
      "no-restricted-imports": ["error", { patterns: [PRISMA, DB_INTERNALS] }],
      "no-restricted-syntax": ["error", ...NO_RAW_HANDLE],
    },
  },
];

import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";

/**
 * The command-line tool (parse, redact and the vCenter snapshot agent) as one
 * self-contained ES module, so an admin runs it with plain Node and nothing
 * installed. Built by `npm run build` (scripts/build-agent.ts) next to the
 * parse worker and served at /downloads/vmcompare-agent.mjs.
 */
export const AGENT_ENTRY = "lib/cli/main.ts";
export const AGENT_FILE_NAME = "vmcompare-agent.mjs";

export interface AgentBundle {
  code: Uint8Array;
  sha256: string;
}

/** Where the production build keeps the bundle: inside Next's build folder, next to BUILD_ID. */
export function builtAgentPath(root = process.cwd()): string {
  return path.resolve(root, process.env.NEXT_DIST_DIR || ".next", AGENT_FILE_NAME);
}

export function sha256Hex(code: Uint8Array): string {
  return crypto.createHash("sha256").update(code).digest("hex");
}

export async function bundleAgent(root = process.cwd()): Promise<Uint8Array> {
  // A variable specifier keeps bundlers (Turbopack) from pulling esbuild into the server bundle.
  const esbuildName = "esbuild";
  const esbuild: typeof import("esbuild") = await import(/* webpackIgnore: true */ /* turbopackIgnore: true */ esbuildName);
  const out = await esbuild.build({
    absWorkingDir: root,
    entryPoints: [path.join(root, AGENT_ENTRY)],
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    write: false,
    logLevel: "silent",
    tsconfig: path.join(root, "tsconfig.json"),
    legalComments: "none",
    minify: true,
    // Bundled CommonJS packages call require() for Node's own modules; an ES module has none of its own.
    banner: {
      js: "#!/usr/bin/env node\n" +
        'import { createRequire as __vmcRequire } from "node:module"; const require = __vmcRequire(import.meta.url);',
    },
  });
  return out.outputFiles[0].contents;
}

/** Writes the bundle and its `<file>.sha256` (atomically: a half-written file is never served). */
export async function writeAgent(file: string, root = process.cwd()): Promise<AgentBundle> {
  const code = await bundleAgent(root);
  const sha256 = sha256Hex(code);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  for (const [target, data] of [[file, code], [`${file}.sha256`, `${sha256}  ${AGENT_FILE_NAME}\n`]] as const) {
    const tmp = `${target}.${process.pid}.tmp`;
    fs.writeFileSync(tmp, data);
    fs.renameSync(tmp, target);
  }
  return { code, sha256 };
}

const CACHE_KEY = Symbol.for("vmcompare.agentBundle");
type Cache = { [CACHE_KEY]?: Promise<AgentBundle> };

/**
 * The bundle the site serves: the one `npm run build` wrote, or (in `next dev`
 * and tests, where there is none) one built from the current sources once per process.
 */
export function loadAgent(root = process.cwd()): Promise<AgentBundle> {
  const g = globalThis as Cache;
  g[CACHE_KEY] ??= (async () => {
    const file = builtAgentPath(root);
    if (fs.existsSync(file)) {
      const code = new Uint8Array(fs.readFileSync(file));
      return { code, sha256: sha256Hex(code) };
    }
    const code = await bundleAgent(root);
    return { code, sha256: sha256Hex(code) };
  })();
  // A failed build is not cached: the next request tries again.
  g[CACHE_KEY].catch(() => { delete g[CACHE_KEY]; });
  return g[CACHE_KEY];
}

import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

/**
 * The parse worker as one self-contained CommonJS file, bundled by esbuild
 * from lib/parse-pool/worker-entry.ts (see docs/decisions/013-parse-workers.md).
 * Self-contained so it runs from anywhere (the build folder, a temporary
 * folder) without resolving packages at run time.
 */
export const WORKER_ENTRY = "lib/parse-pool/worker-entry.ts";
export const WORKER_FILE_NAME = "parse-worker.cjs";

/** Where the production build keeps the worker: inside Next's build folder, next to BUILD_ID. */
export function builtWorkerPath(root = process.cwd()): string {
  return path.join(root, process.env.NEXT_DIST_DIR || ".next", WORKER_FILE_NAME);
}

export async function bundleWorker(root = process.cwd()): Promise<Uint8Array> {
  // A variable specifier keeps bundlers (Turbopack) from pulling esbuild into the server bundle.
  const esbuildName = "esbuild";
  const esbuild: typeof import("esbuild") = await import(/* webpackIgnore: true */ /* turbopackIgnore: true */ esbuildName);
  const out = await esbuild.build({
    absWorkingDir: root,
    entryPoints: [path.join(root, WORKER_ENTRY)],
    bundle: true,
    platform: "node",
    format: "cjs",
    target: "node20",
    write: false,
    logLevel: "silent",
    tsconfig: path.join(root, "tsconfig.json"),
    legalComments: "none",
  });
  return out.outputFiles[0].contents;
}

/** Writes the worker to `file` (atomically: a half-written file is never run). */
export async function writeWorker(file: string, root = process.cwd()): Promise<string> {
  const code = await bundleWorker(root);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, code);
  fs.renameSync(tmp, file);
  return file;
}

/**
 * Outside a production build (tests, `next dev`) the worker is bundled from
 * the current sources once per process, so it never runs stale parser code.
 * The file is named by its content: processes building the same code share it.
 */
export async function buildWorkerForThisProcess(root = process.cwd()): Promise<string> {
  const code = await bundleWorker(root);
  const hash = crypto.createHash("sha256").update(code).digest("hex").slice(0, 16);
  const file = path.join(os.tmpdir(), "vmcompare-parse-worker", `${hash}.cjs`);
  if (!fs.existsSync(file)) {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    const tmp = `${file}.${process.pid}.tmp`;
    fs.writeFileSync(tmp, code);
    fs.renameSync(tmp, file);
  }
  return file;
}

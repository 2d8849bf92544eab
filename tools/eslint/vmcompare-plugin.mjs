// The project's own lint rules: the client/server boundary and import loops.
//
// A "use client" module is bundled for the browser, and so is everything it
// imports at run time. This rule follows those imports through the project's
// own files and reports the import in the client module that ends in server
// code: the database layer, the server runtime, secrets, Node built-ins or a
// package that only runs on the server. Next's build catches this only for
// modules marked `import "server-only"`; lint catches it for every module.
import fs from "node:fs";
import path from "node:path";
import { builtinModules } from "node:module";
import ts from "typescript";

const ROOT = path.resolve(import.meta.dirname, "../..");

/** Project folders and files that must never reach the browser (paths relative to the root). */
export const SERVER_ONLY_PATHS = ["lib/db/", "lib/server/", "lib/generated/", "lib/api/", "lib/parse-pool/", "lib/cli/", "lib/env.ts"];

/** Packages that only run on the server. */
const SERVER_PACKAGES = ["server-only", "@prisma/", "prisma", "pg", "@electric-sql/pglite", "pglite-prisma-adapter", "pdfkit"];

const NODE_BUILTINS = new Set(builtinModules);

function serverPackage(spec) {
  if (spec.startsWith("node:")) return true;
  const name = spec.startsWith("@") ? spec.split("/").slice(0, 2).join("/") : spec.split("/")[0];
  if (NODE_BUILTINS.has(name)) return true;
  return SERVER_PACKAGES.some((p) => (p.endsWith("/") ? spec.startsWith(p) : name === p));
}

function serverPath(file) {
  const rel = path.relative(ROOT, file).split(path.sep).join("/");
  return SERVER_ONLY_PATHS.some((p) => (p.endsWith("/") ? rel.startsWith(p) : rel === p));
}

const EXTENSIONS = ["", ".ts", ".tsx", ".mts", ".js", ".mjs", "/index.ts", "/index.tsx"];

/** The project file an import names, or null for a package. */
function resolveLocal(spec, fromFile) {
  let base;
  if (spec.startsWith("@/")) base = path.join(ROOT, spec.slice(2));
  else if (spec.startsWith(".")) base = path.resolve(path.dirname(fromFile), spec);
  else return null;
  for (const ext of EXTENSIONS) {
    const f = base + ext;
    if (fs.existsSync(f) && fs.statSync(f).isFile()) return f;
  }
  return null;
}

const parsed = new Map();

/** The run-time imports of a file (type-only imports are erased and do not count). */
function runtimeImports(file, { dynamic = true } = {}) {
  let entry = parsed.get(file);
  if (!entry) {
    entry = parseImports(file);
    parsed.set(file, entry);
  }
  return dynamic ? [...entry.static, ...entry.dynamic] : entry.static;
}

function parseImports(file) {
  const src = ts.createSourceFile(file, fs.readFileSync(file, "utf8"), ts.ScriptTarget.Latest, false);
  const specs = [];
  const dynamicSpecs = [];
  const visit = (node) => {
    if (ts.isImportDeclaration(node)) {
      const c = node.importClause;
      const typeOnly =
        c?.isTypeOnly ||
        (c && !c.name && c.namedBindings && ts.isNamedImports(c.namedBindings) && c.namedBindings.elements.length > 0 && c.namedBindings.elements.every((e) => e.isTypeOnly));
      if (!typeOnly) specs.push(node.moduleSpecifier.text);
    } else if (ts.isExportDeclaration(node) && node.moduleSpecifier && !node.isTypeOnly) {
      specs.push(node.moduleSpecifier.text);
    } else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword && node.arguments[0] && ts.isStringLiteral(node.arguments[0])) {
      dynamicSpecs.push(node.arguments[0].text);
    }
    ts.forEachChild(node, visit);
  };
  visit(src);
  return { static: specs, dynamic: dynamicSpecs };
}

// Per lint run: the server-bound chain found below each file (null = clean).
const chains = new Map();

/** The chain of imports from `file` to server code, or null. */
function chainFrom(file) {
  if (chains.has(file)) return chains.get(file);
  chains.set(file, null); // an import loop ends here
  let found = null;
  for (const spec of runtimeImports(file)) {
    found = chainOf(spec, file);
    if (found) break;
  }
  chains.set(file, found);
  return found;
}

function chainOf(spec, fromFile) {
  if (serverPackage(spec)) return [spec];
  const target = resolveLocal(spec, fromFile);
  if (!target) return null;
  const rel = path.relative(ROOT, target).split(path.sep).join("/");
  if (serverPath(target)) return [rel];
  const rest = chainFrom(target);
  return rest ? [rel, ...rest] : null;
}

function isClientModule(program) {
  const first = program.body[0];
  return first?.type === "ExpressionStatement" && first.directive === "use client";
}

export const clientBoundary = {
  meta: {
    type: "problem",
    docs: { description: "A client component must not import server-only code, directly or through other modules." },
    // allowTypeOnly: tolerate `import type` from server modules (a temporary exception, see eslint.config.mjs).
    schema: [{ type: "object", properties: { allowTypeOnly: { type: "boolean" } }, additionalProperties: false }],
    messages: {
      server: "Client module imports server-only code: {{chain}}. Move the shared part (types, pure helpers) out of the server module.",
    },
  },
  create(context) {
    const file = context.filename;
    const allowTypeOnly = context.options[0]?.allowTypeOnly === true;
    let client = false;
    const check = (node, spec, typeOnly) => {
      if (!client) return;
      // Even a type-only import of the database layer ties the browser code to it.
      if (typeOnly) {
        const direct = resolveLocal(spec, file);
        if (!allowTypeOnly && direct && serverPath(direct)) context.report({ node, messageId: "server", data: { chain: path.relative(ROOT, direct) } });
        return;
      }
      const chain = chainOf(spec, file);
      if (chain) context.report({ node, messageId: "server", data: { chain: chain.join(" → ") } });
    };
    return {
      Program(node) {
        client = isClientModule(node);
      },
      ImportDeclaration(node) {
        const typeOnly = node.importKind === "type" || (node.specifiers.length > 0 && node.specifiers.every((s) => s.importKind === "type"));
        check(node, node.source.value, typeOnly);
      },
      ExportNamedDeclaration(node) {
        if (node.source) check(node, node.source.value, node.exportKind === "type");
      },
      ExportAllDeclaration(node) {
        check(node, node.source.value, node.exportKind === "type");
      },
      ImportExpression(node) {
        if (node.source.type === "Literal" && typeof node.source.value === "string") check(node, node.source.value, false);
      },
    };
  },
};

// ---- Import loops ----
// A loop of static run-time imports makes module initialisation order matter
// (a value read before its module ran is undefined). Found as strongly
// connected components of the project's import graph, computed once per run
// (eslint-plugin-import's no-cycle did the same job at 50 times the cost).

const component = new Map(); // file -> its strongly connected component (a Set), for files in a loop

function localTargets(file) {
  return runtimeImports(file, { dynamic: false })
    .map((spec) => resolveLocal(spec, file))
    .filter((f) => f && /\.(ts|tsx|mts|js|mjs)$/.test(f));
}

/** Tarjan's algorithm over everything reachable from `start` not yet visited. */
const index = new Map();
const low = new Map();
function tarjan(start) {
  if (index.has(start)) return;
  const stack = [];
  const onStack = new Set();
  const strong = (v) => {
    index.set(v, index.size);
    low.set(v, index.get(v));
    stack.push(v);
    onStack.add(v);
    for (const w of localTargets(v)) {
      if (!index.has(w)) {
        strong(w);
        low.set(v, Math.min(low.get(v), low.get(w)));
      } else if (onStack.has(w)) {
        low.set(v, Math.min(low.get(v), index.get(w)));
      }
    }
    if (low.get(v) === index.get(v)) {
      const members = new Set();
      let w;
      do {
        w = stack.pop();
        onStack.delete(w);
        members.add(w);
      } while (w !== v);
      const selfLoop = members.size === 1 && localTargets(v).includes(v);
      if (members.size > 1 || selfLoop) for (const m of members) component.set(m, members);
    }
  };
  strong(start);
}

export const noCycle = {
  meta: {
    type: "problem",
    docs: { description: "No loop of static run-time imports between the project's modules (type-only and dynamic imports do not count)." },
    schema: [],
    messages: { cycle: "Import loop: {{loop}}. Move what both sides need into a module of its own." },
  },
  create(context) {
    const file = context.filename;
    const check = (node, spec, typeOnly) => {
      if (typeOnly) return;
      const target = resolveLocal(spec, file);
      if (!target) return;
      tarjan(file);
      const members = component.get(file);
      if (!members?.has(target)) return;
      const rel = (f) => path.relative(ROOT, f).split(path.sep).join("/");
      context.report({ node, messageId: "cycle", data: { loop: [file, ...loopBack(target, file, members)].map(rel).join(" → ") } });
    };
    return {
      ImportDeclaration(node) {
        const typeOnly = node.importKind === "type" || (node.specifiers.length > 0 && node.specifiers.every((s) => s.importKind === "type"));
        check(node, node.source.value, typeOnly);
      },
      ExportNamedDeclaration(node) {
        if (node.source) check(node, node.source.value, node.exportKind === "type");
      },
      ExportAllDeclaration(node) {
        check(node, node.source.value, node.exportKind === "type");
      },
    };
  },
};

/** A shortest path from `from` back to `to` inside one component, for the message. */
function loopBack(from, to, members) {
  const prev = new Map([[from, null]]);
  const queue = [from];
  while (queue.length) {
    const v = queue.shift();
    if (v === to) break;
    for (const w of localTargets(v)) {
      if (members.has(w) && !prev.has(w)) {
        prev.set(w, v);
        queue.push(w);
      }
    }
  }
  const pathBack = [];
  for (let v = to; v != null; v = prev.get(v)) pathBack.unshift(v);
  return pathBack;
}

export const plugin = { rules: { "client-boundary": clientBoundary, "no-cycle": noCycle } };

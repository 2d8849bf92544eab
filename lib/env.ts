import net from "node:net";
import { z } from "zod";

/**
 * The environment, checked once at start-up. A bad value stops the process
 * with a message that names the variable.
 */
const envSchema = z.object({
  DATABASE_URL: z
    .string()
    .trim()
    .optional()
    .refine(
      (v) => !v || v.startsWith("pglite:") || /^postgres(ql)?:\/\//.test(v),
      'must be "pglite:<folder>" (embedded) or "postgresql://user:pass@host:port/db"',
    ),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  DEMO_DATA: z.enum(["on", "off"]).default("on").describe("on: seed demo VMs into an empty database"),
  DEMO_COUNT: z.coerce.number().int().min(1).max(1_000_000).optional().describe("how many demo VMs to seed; default 5000"),
  RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).max(100000).default(60),
  // Operations (README, "Operations"): who may scrape /api/metrics from elsewhere than this machine; a line per request.
  METRICS_TOKEN: z.string().trim().min(16, "must be at least 16 characters").optional().describe("bearer token for /api/metrics from other hosts"),
  LOG_REQUESTS: z.enum(["on", "off"]).default("on").describe("on: one JSON line per request on stdout"),
  PUBLIC_URL: z.string().url().optional(),
  FINGERPRINT_SECRET: z.string().min(16, "must be at least 16 characters").optional(),
  TRUST_PROXY: z
    .string()
    .optional()
    .transform((v, ctx) => {
      try {
        return parseTrustProxy(v ?? "");
      } catch (e) {
        ctx.addIssue({ code: "custom", message: (e as Error).message });
        return z.NEVER;
      }
    }),
  DUMP_DIR: z.string().trim().optional().describe("where PostgreSQL databases keep their open-data dumps"),
  DUMP_DEBOUNCE_SECONDS: z.coerce.number().min(0.1).max(3600).default(60).describe("quiet time after the last write before the open-data dump is written again"),
  // Uploads are parsed in worker threads (lib/parse-pool): how many at once, how many may wait,
  // and what one parse may cost before it is stopped (413 for the upload, the server unharmed).
  PARSE_WORKERS: z.coerce.number().int().min(1).max(16).optional().describe("parses at once; default: CPU cores - 1, at least 1"),
  PARSE_QUEUE: z.coerce.number().int().min(0).max(1000).default(8).describe("uploads waiting for a worker before 503"),
  PARSE_HEAP_MB: z.coerce.number().int().min(64).max(65536).default(2048).describe("heap limit of one parse worker"),
  PARSE_TIMEOUT_SECONDS: z.coerce.number().int().min(1).max(3600).default(120).describe("time limit of one parse"),
  // Page and GET renders at once per process (lib/server/admission-gate.ts): writes and /api/health bypass them.
  RENDER_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(2).describe("renders at once per process"),
  RENDER_QUEUE: z.coerce.number().int().min(0).max(10000).default(512).describe("renders that may wait before 503"),
  RENDER_CACHE_MB: z.coerce.number().int().min(0).max(65536).default(64).describe("memory for rendered public answers; 0: none"),
  RENDER_WAIT_SECONDS: z.coerce.number().int().min(1).max(600).default(20).describe("longest wait for a render slot before 503"),
  // Scale-out (docs/deploy.md): several processes on one PostgreSQL database.
  WORKERS: z.coerce.number().int().min(1).max(64).default(1).describe("server processes `npm start` runs (PostgreSQL only)"),
  DATABASE_READ_URL: z
    .string()
    .trim()
    .optional()
    .refine((v) => !v || /^postgres(ql)?:\/\//.test(v), 'must be "postgresql://user:pass@host:port/db" (a read replica of DATABASE_URL)')
    .describe("a read replica: page and API reads go there, a writer's own reads to DATABASE_URL"),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(2).max(200).default(10).describe("PostgreSQL connections per process (and per replica)"),
  // Moderation (/admin and its API, lib/server/admin-auth.ts): unset, moderation is off.
  ADMIN_TOKEN: z.string().min(16, "must be at least 16 characters").max(1000).optional().describe("the moderators' token; unset: /admin is disabled"),
});

/** One trusted proxy: an address, or a network in CIDR notation. */
export interface ProxyRange {
  family: 4 | 6;
  /** The address as a big integer, its host bits cleared. */
  base: bigint;
  bits: number;
}

/**
 * TRUST_PROXY: a comma list of addresses and CIDR networks ("10.0.0.0/8,
 * ::1"), or "loopback" for 127.0.0.0/8 and ::1. Empty: no proxy is trusted
 * and X-Forwarded-For is ignored.
 */
export function parseTrustProxy(value: string): ProxyRange[] {
  const out: ProxyRange[] = [];
  for (const raw of value.split(",").map((s) => s.trim()).filter(Boolean)) {
    if (raw === "loopback") {
      out.push(...parseTrustProxy("127.0.0.0/8,::1/128"));
      continue;
    }
    const [addr, len, extra] = raw.split("/");
    const family = net.isIP(addr);
    if (!family || extra !== undefined) throw new Error(`"${raw}" is not an IP address, a CIDR network or "loopback"`);
    const max = family === 4 ? 32 : 128;
    const bits = len === undefined ? max : /^\d{1,3}$/.test(len) ? Number(len) : NaN;
    if (!(bits >= 0 && bits <= max)) throw new Error(`"${raw}": the prefix length must be 0..${max}`);
    out.push({ family: family as 4 | 6, base: maskAddress(ipToBigInt(addr, family as 4 | 6), family as 4 | 6, bits), bits });
  }
  return out;
}

export function ipToBigInt(addr: string, family: 4 | 6): bigint {
  if (family === 4) return addr.split(".").reduce((n, p) => (n << 8n) | BigInt(Number(p)), 0n);
  let text = addr.toLowerCase();
  // An embedded IPv4 tail (::ffff:1.2.3.4) becomes two hex groups.
  const v4 = text.match(/(\d+\.\d+\.\d+\.\d+)$/);
  if (v4) {
    const n = ipToBigInt(v4[1], 4);
    text = text.slice(0, -v4[1].length) + `${(n >> 16n).toString(16)}:${(n & 0xffffn).toString(16)}`;
  }
  const [head, tail] = text.includes("::") ? text.split("::") : [text, null];
  const h = head ? head.split(":") : [];
  const t = tail ? tail.split(":") : [];
  const groups = tail === null ? h : [...h, ...Array(8 - h.length - t.length).fill("0"), ...t];
  return groups.reduce((n, g) => (n << 16n) | BigInt(parseInt(g || "0", 16)), 0n);
}

export function maskAddress(n: bigint, family: 4 | 6, bits: number): bigint {
  const max = family === 4 ? 32 : 128;
  const host = (1n << BigInt(max - bits)) - 1n;
  return n & ~host;
}

/** The database needs a secret of its own before it may hold fingerprints. */
export const DEFAULT_FINGERPRINT_SECRET_VALUE = "vmcompare-default-fingerprint-secret";

/**
 * With PostgreSQL the duplicate-detection secret must be set: the built-in
 * one is public, and with it anyone could test a guessed configuration
 * against the stored fingerprints. (PGlite keeps a random one in its folder.)
 */
export function requireFingerprintSecret(e: Env): void {
  if (e.database.kind !== "postgresql") return;
  if (!e.FINGERPRINT_SECRET || e.FINGERPRINT_SECRET === DEFAULT_FINGERPRINT_SECRET_VALUE) {
    throw new EnvError(
      "Invalid environment:\n  FINGERPRINT_SECRET: must be set to a secret of your own (at least 16 characters, e.g. `openssl rand -hex 32`) " +
        "when DATABASE_URL is a PostgreSQL server; the built-in default is public.",
    );
  }
}

export type Env = z.infer<typeof envSchema> & {
  database: { kind: "pglite"; dir: string } | { kind: "postgresql"; url: string };
};

export class EnvError extends Error {}

export function parseEnv(source: Record<string, string | undefined> = process.env): Env {
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== undefined && v !== ""));
  const result = envSchema.safeParse(cleaned);
  if (!result.success) {
    const lines = result.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new EnvError(`Invalid environment:\n${lines.join("\n")}`);
  }
  const url = result.data.DATABASE_URL;
  const database =
    !url ? { kind: "pglite" as const, dir: "./data" }
    : url.startsWith("pglite:") ? { kind: "pglite" as const, dir: url.slice("pglite:".length) || "./data" }
    : { kind: "postgresql" as const, url };
  if (result.data.DATABASE_READ_URL && database.kind !== "postgresql") {
    throw new EnvError("Invalid environment:\n  DATABASE_READ_URL: a read replica needs DATABASE_URL to be a PostgreSQL server too (it is the embedded database now).");
  }
  return { ...result.data, database };
}

let cached: Env | undefined;
export function env(): Env {
  cached ??= parseEnv();
  return cached;
}

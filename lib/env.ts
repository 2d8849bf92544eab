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
  RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).max(100000).default(60),
  PUBLIC_URL: z.string().url().optional(),
  FINGERPRINT_SECRET: z.string().min(16, "must be at least 16 characters").optional(),
  // Uploads are parsed in worker threads (lib/parse-pool): how many at once, how many may wait,
  // and what one parse may cost before it is stopped (413 for the upload, the server unharmed).
  PARSE_WORKERS: z.coerce.number().int().min(1).max(16).optional().describe("parses at once; default: CPU cores - 1, at least 1"),
  PARSE_QUEUE: z.coerce.number().int().min(0).max(1000).default(8).describe("uploads waiting for a worker before 503"),
  PARSE_HEAP_MB: z.coerce.number().int().min(64).max(65536).default(2048).describe("heap limit of one parse worker"),
  PARSE_TIMEOUT_SECONDS: z.coerce.number().int().min(1).max(3600).default(120).describe("time limit of one parse"),
});

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
  return { ...result.data, database };
}

let cached: Env | undefined;
export function env(): Env {
  cached ??= parseEnv();
  return cached;
}

import { formatResult, runLoad, seedThroughApi } from "../e2e/load/load-run";
import { startServer } from "../e2e/server/production-server";
const phases = (process.env.PHASES ?? "0x20,200x20").split(",").map((p) => p.split("x").map(Number));
async function main() {
const server = await startServer({ database: (process.env.DB ?? "pglite") as "pglite", port: Number(process.env.PORT_ ?? 4120), adminUrl: process.env.TEST_DATABASE_URL, maxOldSpaceMiB: 2048, env: { DEMO_DATA: "off", RATE_LIMIT_PER_MINUTE: "100000", ...(process.env.EXTRA ? JSON.parse(process.env.EXTRA) : {}) } });
try {
  await seedThroughApi(server.baseUrl, 1000);
  for (const [r, w] of phases) {
    const res = await runLoad({ baseUrl: server.baseUrl, readers: r, writers: w, durationMs: Number(process.env.SECS ?? 8) * 1000, requestTimeoutMs: 30_000 });
    console.log(formatResult(`${r} readers + ${w} writers`, res));
  }
  if (process.env.SHOWLOG) console.log(server.log().split("\n").filter((l) => l.startsWith("gate")).join("\n"));
} finally {
  await server.stop();
}

}
void main();

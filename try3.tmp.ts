import fs from "node:fs";
import { ParsePool } from "@/lib/parse-pool/pool";
import { generateRvtoolsWorkbook } from "@/bench/fixtures-gen/rvtools-workbook";
(async () => {
  const f = "bench/out/rvtools-25mb.xlsx";
  let t = Date.now();
  if (!fs.existsSync(f)) { const wb = await generateRvtoolsWorkbook({ vms: Number(process.env.VMS ?? 28500), seed: 7, templates: 20 }); fs.writeFileSync(f, wb); console.log("generated", wb.length, Date.now() - t, "ms"); }
  const wb = fs.readFileSync(f);
  console.log("bytes", wb.length);
  const script = "/tmp/vmcompare-parse-worker/446d56b7b7c89402.cjs";
  const pool = new ParsePool({ script, workers: 1, queue: 2, heapMb: 6000, timeoutMs: 600000 });
  let peak = 0; const iv = setInterval(() => { peak = Math.max(peak, process.memoryUsage().rss); }, 200);
  for (const job of ["summarizeWorkbook", "redactWorkbook"]) {
    t = Date.now();
    const args = job === "redactWorkbook" ? [wb] : ["big.xlsx", wb];
    try { const r: any = await pool.run({ job, args, subject: "big.xlsx" }); console.log(job, Date.now() - t, "ms", r.vmCount ?? r.data?.length); }
    catch (e) { console.log(job, "error", (e as Error).message, Date.now() - t); }
    console.log("peak rss MiB", Math.round(peak / 2 ** 20)); peak = 0;
  }
  clearInterval(iv);
  await pool.close();
})();

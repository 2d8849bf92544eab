/**
 * Parse throughput per snapshot format, plus the 10,000-VM RVTools workbook
 * parse and redaction times. Run: npx tsx bench/parse-formats.ts
 * Prints plain numbers; inputs are the fixture files next to each parser.
 */
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { PARSERS } from "@/lib/formats";
import { redactWorkbook } from "@/lib/formats/rvtools/redact-workbook";
import type { FormatParser } from "@/lib/formats/types";
import { sampleSpec, writeWorkbook, type TruthVm } from "@/lib/formats/rvtools/workbook-generator.test-support";
import { generateRvtoolsEnvironment, writeRvtoolsWorkbook, type RvtoolsEnvironment } from "./fixtures-gen/rvtools-workbook";

/** The same estate as RVTools 4.x writes it with the OpenXML SDK (prefixed elements, 27 tabs, 93 vInfo columns). */
function openXmlWorkbook(env: RvtoolsEnvironment): Buffer {
  const vms: TruthVm[] = env.vms.map((v) => ({
    name: v.name, uuid: v.uuid, template: v.template, cpus: v.cpus, coresPerSocket: v.coresPerSocket, memoryMiB: v.memoryMiB,
    firmware: v.firmware, hwVersion: v.hwVersion, osConfig: v.osConfig, inVDisk: true,
    disks: v.disks.map((d) => ({ capacityMiB: d.capacityMiB, thin: d.thin, controller: d.controller as TruthVm["disks"][number]["controller"] })),
    nics: v.nics.map((n) => ({ adapter: n.adapter as TruthVm["nics"][number]["adapter"], network: n.network })),
    totalDiskMiB: v.disks.reduce((s, d) => s + d.capacityMiB, 0),
  }));
  return writeWorkbook(sampleSpec({ vms }));
}

const ROOT = path.resolve(__dirname, "..");
const MIN_MS = 400;

function fixtureFiles(parser: FormatParser): string[] {
  const d = path.join(ROOT, "lib/formats", parser.format, "__fixtures__");
  const files: string[] = [];
  if (existsSync(d)) {
    for (const f of readdirSync(d)) {
      const p = path.join(d, f);
      if (statSync(p).isFile() && !f.endsWith(".golden.json") && !f.startsWith(".")) files.push(p);
    }
  }
  // Keep only the files this parser parses without error (fixtures include deliberately broken ones).
  return files.filter((p) => {
    try {
      parser.parse({ fileName: path.basename(p), data: readFileSync(p) });
      return true;
    } catch {
      return false;
    }
  });
}

function throughput(parser: FormatParser, files: string[]): { mbPerS: number; filesPerS: number; bytes: number } {
  const inputs = files.map((p) => ({ fileName: path.basename(p), data: readFileSync(p) }));
  const bytes = inputs.reduce((s, i) => s + i.data.length, 0);
  let rounds = 0;
  const start = performance.now();
  while (performance.now() - start < MIN_MS) {
    for (const input of inputs) parser.parse(input);
    rounds++;
  }
  const seconds = (performance.now() - start) / 1000;
  return { mbPerS: (bytes * rounds) / 2 ** 20 / seconds, filesPerS: (inputs.length * rounds) / seconds, bytes };
}

async function main(): Promise<void> {
  console.log("format\tfiles\tbytes\tMB/s\tfiles/s");
  for (const parser of PARSERS) {
    const files = fixtureFiles(parser);
    if (files.length === 0) {
      console.log(`${parser.format}\t0\t-\t-\t-`);
      continue;
    }
    const r = throughput(parser, files);
    console.log(`${parser.format}\t${files.length}\t${r.bytes}\t${r.mbPerS.toFixed(2)}\t${r.filesPerS.toFixed(0)}`);
  }

  const vms = Number(process.env.BENCH_VMS ?? 10000);
  let t = performance.now();
  const env = generateRvtoolsEnvironment({ vms, seed: 1, templates: 20 });
  const workbook = await writeRvtoolsWorkbook(env);
  const genMs = performance.now() - t;
  const openXml = openXmlWorkbook(env);
  const rvtools = PARSERS.find((p) => p.format === "rvtools")!;
  t = performance.now();
  const parsed = rvtools.parse({ fileName: "RVTools_export_all.xlsx", data: workbook });
  const parseMs = performance.now() - t;
  t = performance.now();
  const redacted = await redactWorkbook(workbook, "RVTools_export_all.xlsx");
  const redactMs = performance.now() - t;
  console.log(`rvtools-workbook-vms\t${vms}`);
  console.log(`rvtools-workbook-bytes\t${workbook.length}`);
  console.log(`rvtools-workbook-generate-s\t${(genMs / 1000).toFixed(2)}`);
  console.log(`rvtools-workbook-parse-s\t${(parseMs / 1000).toFixed(2)}\t(${parsed.vms.length} VMs)`);
  console.log(`rvtools-workbook-redact-s\t${(redactMs / 1000).toFixed(2)}\t(${redacted.summary.reduce((s, i) => s + i.count, 0)} values)`);
  t = performance.now();
  const parsedOpenXml = rvtools.parse({ fileName: "RVTools_export_all.xlsx", data: openXml });
  console.log(`rvtools-openxml-workbook-bytes\t${openXml.length}`);
  console.log(`rvtools-openxml-workbook-parse-s\t${((performance.now() - t) / 1000).toFixed(2)}\t(${parsedOpenXml.vms.length} VMs, rss ${(process.memoryUsage().rss / 2 ** 20).toFixed(0)} MiB)`);
}

main().catch((e) => {
  console.error(e);
  process.exitCode = 1;
});

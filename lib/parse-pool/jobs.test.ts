import fs from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generateRvtoolsEnvironment, writeRvtoolsWorkbook } from "@/bench/fixtures-gen/rvtools-workbook";
import { previewSnapshots } from "@/lib/contribute/snapshot-preview";
import { summarizeWorkbook } from "@/lib/contribute/bulk-import";
import { redactWorkbook } from "@/lib/formats/rvtools/redact-workbook";
import { parseUpload } from "@/lib/estates/upload";
import { buildWorkerForThisProcess } from "./build-worker";
import { parseEstateUpload } from "./estate-vms";
import { setFingerprintSecret } from "@/lib/vm/fingerprint";
import { parsePool, runParseJob } from "./index";
import { ParsePool } from "./pool";

/** The real worker bundle gives the same answers as parsing in process. */
let pool: ParsePool;
let xlsx: Buffer;
const VMX = "lib/formats/vmx/__fixtures__/esxi8-win2022.vmx";

beforeAll(async () => {
  xlsx = await writeRvtoolsWorkbook(generateRvtoolsEnvironment({ vms: 40, seed: 9 }), "current");
  pool = new ParsePool({ script: await buildWorkerForThisProcess(), workers: 1, queue: 4, heapMb: 512, timeoutMs: 60_000 });
});
afterAll(() => pool.close());

describe("parse jobs in the worker bundle", () => {
  it("summarize a workbook exactly as in process", async () => {
    const inWorker = await pool.run({ job: "summarizeWorkbook", args: ["RVTools.xlsx", xlsx], subject: "RVTools.xlsx" });
    expect(inWorker).toEqual(summarizeWorkbook("RVTools.xlsx", xlsx));
  });

  it("redact a workbook to the same bytes, handed back as a Uint8Array", async () => {
    const inWorker = await pool.run<{ data: Uint8Array; summary: unknown }>({ job: "redactWorkbook", args: [xlsx], subject: "the workbook" });
    const local = await redactWorkbook(xlsx, "the workbook");
    expect(inWorker.summary).toEqual(local.summary);
    expect(Buffer.from(inWorker.data).equals(local.data)).toBe(true);
  });

  it("preview snapshot files with the same redaction and identity keys", async () => {
    const files = [{ fileName: "sql-01.vmx", data: fs.readFileSync(VMX) }];
    expect(await pool.run({ job: "previewSnapshots", args: [files], subject: "sql-01.vmx" })).toEqual(previewSnapshots(files));
  });

  it("parse, redact and key an estate upload as in process, with nothing identifying left in it", async () => {
    const files = [{ fileName: "RVTools.xlsx", data: xlsx }];
    const token = "estate-edit-token-for-the-test-0123456789";
    const inWorker = await pool.run<ReturnType<typeof parseEstateUpload>>({ job: "parseEstateUpload", args: [files, token], subject: "the upload" });
    expect(inWorker).toEqual(parseEstateUpload(files, token));
    expect(inWorker.vms).toHaveLength(40);
    expect(inWorker.vms[0].keys.length).toBeGreaterThan(0);
    // Keys belong to the estate: another token gives other keys for the same VMs.
    expect(parseEstateUpload(files, `${token}-other`).vms[0].keys).not.toEqual(inWorker.vms[0].keys);
    const names = parseUpload(files).parsed.flatMap((p) => [p.vm.name, ...p.identifying.hostnames]).filter((n): n is string => !!n && n.length > 3);
    expect(names.length).toBeGreaterThan(0);
    const redacted = JSON.stringify(inWorker.vms.map((v) => v.vm));
    for (const n of names) expect(redacted).not.toContain(n);
  });

  it("hand back a reader's error with its code and file", async () => {
    const e: Error = await pool.run<Error>({ job: "summarizeWorkbook", args: ["notes.csv", new TextEncoder().encode("a,b\n1,2\n")], subject: "notes.csv" }).catch((x: Error) => x);
    expect(e).toMatchObject({ name: "AppError", file: "notes.csv" });
    expect(() => summarizeWorkbook("notes.csv", new TextEncoder().encode("a,b\n1,2\n"))).toThrow(e.message);
  });

  it("compute identity keys under the secret the server holds, not the environment's", async () => {
    // With PGlite and no FINGERPRINT_SECRET the secret comes from the data folder when the database opens.
    const saved = process.env.FINGERPRINT_SECRET;
    delete process.env.FINGERPRINT_SECRET;
    process.env.DATABASE_URL ??= "pglite:./unused";
    try {
      const files = [{ fileName: "sql-01.vmx", data: fs.readFileSync(VMX) }];
      const withDefault = previewSnapshots(files)[0].vms[0].identityKey;
      setFingerprintSecret("a-secret-kept-in-the-data-folder-0123456789");
      const local = previewSnapshots(files)[0].vms[0].identityKey;
      expect(local).not.toBe(withDefault);
      const inWorker = await runParseJob("previewSnapshots", [files], "sql-01.vmx");
      expect(inWorker[0].vms[0].identityKey).toBe(local);
    } finally {
      setFingerprintSecret(undefined);
      if (saved !== undefined) process.env.FINGERPRINT_SECRET = saved;
      await parsePool().close();
    }
  });
});

import { subjectFromFile } from "@/lib/compare/private-input";
import { contributionsFromWorkbook, summarizeWorkbook } from "@/lib/contribute/bulk-import";
import { previewSnapshots, type UploadedFile } from "@/lib/contribute/snapshot-preview";
import { estateInput } from "@/lib/estates/report-input";
import { parseUpload, previewUpload } from "@/lib/estates/upload";
import { redactWorkbook } from "@/lib/formats/rvtools/redact-workbook";
import { parseEstateUpload } from "./estate-vms";

/**
 * Everything an upload route hands to a parse worker: the parse and the
 * CPU-bound work right after it (redaction, summaries, tag rules), so the
 * request thread only moves bytes and plain results. Arguments and results
 * cross the thread boundary by structured clone: Buffers arrive as
 * Uint8Arrays, class instances as plain objects.
 */
export const parseJobs = {
  previewSnapshots: (files: UploadedFile[]) => previewSnapshots(files.map(asBuffers)),
  summarizeWorkbook: (fileName: string, data: Uint8Array) => summarizeWorkbook(fileName, asBuffer(data)),
  contributionsFromWorkbook: (...[fileName, data, rules, context, opts]: Parameters<typeof contributionsFromWorkbook>) =>
    contributionsFromWorkbook(fileName, asBuffer(data), rules, context, opts),
  parseUpload: (files: UploadedFile[]) => parseUpload(files.map(asBuffers)),
  previewUpload: (files: UploadedFile[]) => previewUpload(files.map(asBuffers)),
  // Parse, redaction, keys and identities of an estate import, for the estate of this edit token.
  parseEstateUpload: (files: UploadedFile[], editToken: string) => parseEstateUpload(files.map(asBuffers), editToken),
  estateInput: (...[files, rules]: Parameters<typeof estateInput>) => estateInput(files.map(asBuffers), rules),
  subjectFromFile: (file: UploadedFile, fields: Record<string, string>) => subjectFromFile(asBuffers(file), fields),
  redactWorkbook: async (data: Uint8Array) => {
    const r = await redactWorkbook(asBuffer(data), "the workbook");
    return { data: new Uint8Array(r.data.buffer, r.data.byteOffset, r.data.byteLength), summary: r.summary, format: r.format };
  },
};

export type ParseJobs = typeof parseJobs;
export type ParseJobName = keyof ParseJobs;

/** Structured clone turns a Buffer into a plain Uint8Array; the readers may rely on Buffer's methods. */
function asBuffer(data: Uint8Array): Buffer {
  return Buffer.isBuffer(data) ? data : Buffer.from(data.buffer, data.byteOffset, data.byteLength);
}

function asBuffers(f: UploadedFile): UploadedFile {
  return { fileName: f.fileName, data: asBuffer(f.data) };
}

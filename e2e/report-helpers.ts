import fs from "node:fs";
import Ajv2020 from "ajv/dist/2020";
import addFormats from "ajv-formats";
import Papa from "papaparse";
import { pdfText as readPdf } from "../lib/reports/pdf-text.test-support";
import type { Download, Page } from "@playwright/test";

/** Reads what a browser download saved. */
export async function saved(download: Download): Promise<Buffer> {
  const p = await download.path();
  return fs.readFileSync(p!);
}

export async function clickDownload(page: Page, selector: string): Promise<{ name: string; body: Buffer }> {
  const [download] = await Promise.all([page.waitForEvent("download"), page.locator(selector).first().click()]);
  return { name: download.suggestedFilename(), body: await saved(download) };
}

export function csvRows(text: string): Record<string, string>[] {
  const parsed = Papa.parse<Record<string, string>>(text, { header: true, skipEmptyLines: true });
  if (parsed.errors.length) throw new Error(`CSV errors: ${JSON.stringify(parsed.errors.slice(0, 3))}`);
  return parsed.data;
}

export async function pdfText(buf: Buffer): Promise<string> {
  return (await readPdf(buf)).text;
}

export function schemaValidator(schema: object) {
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  addFormats(ajv);
  return ajv.compile(schema);
}

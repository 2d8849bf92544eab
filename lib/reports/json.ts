import { REPORT_SCHEMA_ID, reportSchema, type Report } from "./model";

/**
 * The JSON export: the report itself, checked against its schema so a bug
 * can never publish a document that breaks the documented contract, with a
 * "$schema" link for validators.
 */
export function reportJson(r: Report): string {
  const checked = reportSchema.parse(r);
  return JSON.stringify({ $schema: REPORT_SCHEMA_ID, ...checked }, null, 2) + "\n";
}

/** Reads a report back from its JSON export (or a stored payload). */
export function parseReport(value: unknown): Report {
  const obj = typeof value === "string" ? JSON.parse(value) : value;
  if (obj && typeof obj === "object" && "$schema" in obj) {
    const { $schema: _ignored, ...rest } = obj as Record<string, unknown>;
    return reportSchema.parse(rest);
  }
  return reportSchema.parse(obj);
}

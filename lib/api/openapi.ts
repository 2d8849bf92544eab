import { ERROR_CODE_LIST, ERROR_CODES } from "@/lib/errors/app-error";
import { NUMERIC_FILTERS, SORT_COLUMNS, TEXT_FILTERS } from "@/lib/browse/query";
import { z } from "zod";
import {
  MAX_SNAPSHOT_FILES, MAX_VMS_PER_REQUEST, publishRequestSchema, publishResponseSchema, snapshotResponseSchema,
} from "@/lib/contribute/api-schemas";
import { adminActionSchema, adminLoginSchema, reportInputSchema } from "@/lib/contribute/moderation-schemas";
import { tagRulesSchema } from "@/lib/contribute/tag-rules";
import { privateCompareSchema } from "@/lib/compare/private-input";
import { reportSourceSchema } from "@/lib/reports/source";
import { contextSchema } from "@/lib/vm/context";
import { MAX_UPLOAD_BODY_BYTES, UPLOAD_LIMIT_TEXT } from "@/lib/formats/types";
import { normalizedVmSchema } from "@/lib/vm/model";
import { contributionSchema } from "@/lib/vm/record";

/**
 * The OpenAPI 3.0 document of /api/v1, built from the same zod schemas the
 * handlers validate with (their .describe() texts become descriptions), so
 * the document cannot drift from what the server accepts.
 */
type Json = Record<string, unknown>;

function schema(s: z.ZodType, io: "input" | "output" = "input"): Json {
  const out = z.toJSONSchema(s, { io, unrepresentable: "any", target: "openapi-3.0" }) as Json;
  delete out.$schema;
  return out;
}

const errorSchema = z.object({
  error: z.object({
    code: z.enum(ERROR_CODE_LIST).describe(ERROR_CODE_LIST.map((c) => `${c} (${ERROR_CODES[c].status}): ${ERROR_CODES[c].meaning}`).join("; ")),
    message: z.string().describe("For people: what went wrong and where"),
    field: z.string().optional().describe('The offending field, e.g. "vms.0.vm.memoryMiB"'),
    details: z.unknown().optional().describe("e.g. { existingId } for a duplicate, or the list of invalid fields"),
  }),
});

const vmRecordSchema = z.object({
  id: z.string(),
  status: z.enum(["published", "hidden"]),
  isDemo: z.boolean().describe("Generated demo data"),
  vm: normalizedVmSchema,
  tags: z.array(z.object({ slug: z.string(), name: z.string(), category: z.string(), version: z.string().nullable(), primary: z.boolean() })),
  context: contextSchema,
  createdAt: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).describe("Day of publication, YYYY-MM-DD (UTC); never a finer time"),
  updatedAt: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).describe("Day of the last edit, YYYY-MM-DD (UTC)"),
  plausibility: z.object({
    reasons: z.array(z.string()).describe("Why the VM looked implausible when stored; empty when it did not"),
    confirmedAt: z.string().nullable().describe("When a moderator confirmed it (ISO 8601); until then an implausible VM is in no peer statistics"),
  }).optional(),
});

const importJobSchema = z.object({
  id: z.string(),
  status: z.enum(["pending", "done"]),
  total: z.number().int().describe("VMs staged"),
  batchSize: z.number().int(),
  batchCount: z.number().int(),
  batchesDone: z.number().int(),
  imported: z.number().int(),
  duplicates: z.number().int().describe("VMs skipped because they were already published"),
});

const importSummarySchema = z.object({
  fileName: z.string(),
  vmCount: z.number().int(),
  problems: z.array(z.string()).describe("Rows skipped and why"),
  guestFamilies: z.array(z.object({ value: z.string(), count: z.number().int() })),
  guestNames: z.array(z.object({ value: z.string(), count: z.number().int() })),
  columns: z.array(z.object({ name: z.string(), values: z.array(z.object({ value: z.string(), count: z.number().int() })) })).describe("vInfo columns usable in column rules"),
  rows: z.array(z.object({
    row: z.number().int(), name: z.string().describe("The VM's own name, shown to the uploader only"), guestFamily: z.string().nullable(),
    guestName: z.string().nullable(), vcpus: z.number().int(), memoryMiB: z.number().int(), diskGiB: z.number().nullable().describe("null when unknown"),
    cells: z.array(z.number().int()).describe("Per column, the index of this row's value or -1"),
    implausible: z.array(z.string()).describe('Why the VM looks implausible; imported only with confirmImplausible = "true"'),
  })),
});

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const jsonBody = (name: string, description?: string) => ({ required: true, description, content: { "application/json": { schema: ref(name) } } });
const jsonOk = (name: string, description = "OK") => ({ description, content: { "application/json": { schema: ref(name) } } });
const anyJson = (description: string) => ({ description, content: { "application/json": { schema: { type: "object" } } } });
const err = (description: string) => ({ description, content: { "application/json": { schema: ref("Error") } } });
const rateLimited = {
  description: "Too many writes from this client",
  headers: { "Retry-After": { schema: { type: "integer" }, description: "Seconds to wait" } },
  content: { "application/json": { schema: ref("Error") } },
};
const bearer = [{ editToken: [] }];
const admin = [{ adminToken: [] }];
const idParam = { name: "id", in: "path", required: true, schema: { type: "string" } };
const q = (name: string, description: string, type = "string") => ({ name, in: "query", required: false, description, schema: { type } });
const writeErrors = {
  403: err("A browser write from another site (Origin / Sec-Fetch-Site)"), 413: err("Body over its limit"),
  415: err("Content-Type is not application/json or multipart/form-data"), 422: err("Invalid input; error.field names it"), 429: rateLimited,
};
const busy = {
  description: "Every file reader is busy with other uploads (error.code overloaded)",
  headers: { "Retry-After": { schema: { type: "integer" }, description: "Seconds to wait" } },
  content: { "application/json": { schema: ref("Error") } },
};
/** Uploads are parsed off the request thread with a bounded queue; 413 also covers a file that needs too much memory or time. */
const uploadErrors = { ...writeErrors, 503: busy };

export function openApiDocument(serverUrl?: string): Json {
  return {
    openapi: "3.0.3",
    info: {
      title: "vmcompare API",
      version: "1",
      description:
        "Contribute VM configurations and compare them with peers running the same workload. Errors are always " +
        '`{"error":{"code","message","field"?}}` with a 4xx/5xx status. Writes are rate-limited per client (429 with Retry-After), ' +
        "take application/json or multipart/form-data only (415 otherwise) and refuse a browser request from another site (403).",
    },
    servers: serverUrl ? [{ url: serverUrl }] : undefined,
    tags: [
      { name: "contribute", description: "Preview, publish, edit and delete VMs" },
      { name: "bulk import", description: "Resumable RVTools imports" },
      { name: "browse", description: "Published VMs" },
      { name: "compare", description: "Comparisons, workloads and reports" },
      { name: "meta", description: "Health, data dumps, this document" },
      { name: "moderation", description: "Reports of VMs by visitors; the moderators' queue and actions (ADMIN_TOKEN)" },
    ],
    paths: {
      "/api/v1/snapshots": {
        post: {
          tags: ["contribute"],
          summary: "Parse and redact snapshot files (stores nothing)",
          description: `multipart/form-data with up to ${MAX_SNAPSHOT_FILES} files in "files" (each up to ${UPLOAD_LIMIT_TEXT}; the request up to ${MAX_UPLOAD_BODY_BYTES / 2 ** 20} MiB, refused with 413 before it is read). .vmdk descriptors sent with a .vmx are read as its disks. Each file gets its own preview or error.`,
          requestBody: { required: true, content: { "multipart/form-data": { schema: { type: "object", properties: { files: { type: "array", items: { type: "string", format: "binary" } } }, required: ["files"] } } } },
          responses: { 200: jsonOk("SnapshotResponse", "One preview per file"), ...uploadErrors },
        },
      },
      "/api/v1/vms": {
        get: {
          tags: ["browse"],
          summary: "Browse published VMs",
          description:
            "Filters as on /vms. Text filters take values, several separated by commas, or `!value` to exclude; " +
            "numeric filters take expressions: `4`, `>=8`, `<16`, `2..16`, `4,8,16`.",
          parameters: [
            ...Object.entries(TEXT_FILTERS).map(([k, d]) => q(k, `${d.label} (text filter)`)),
            ...Object.entries(NUMERIC_FILTERS).map(([k, d]) => q(k, `${d.label} (number expression)`)),
            q("sort", `Sort column: ${Object.keys(SORT_COLUMNS).join(", ")}`), q("dir", "asc or desc"),
            q("page", "Page, from 1", "integer"), q("size", "25, 50 or 100", "integer"), q("facets", "1 adds facet counts"),
          ],
          responses: { 200: anyJson("{ page, size, total, totalCapped, pages, rows, facets? }"), 422: err("Invalid filter") },
        },
        post: {
          tags: ["contribute"],
          summary: "Publish one or many VMs",
          description: `One contribution, or { "vms": [...] } with up to ${MAX_VMS_PER_REQUEST}. All or nothing. The server redacts again (names dropped, networks relabelled). Each VM gets a secret edit token, returned once. A VM far outside what anyone runs (memory per vCPU outside 0.25–512 GiB, more vCPUs or memory than the stated hypervisor allows per VM, a disk over 64 TiB) is refused with 422 code "implausible", error.details listing { field, rule, message }; send confirmImplausible: true to publish it marked, left out of peer statistics until a moderator confirms it.`,
          requestBody: jsonBody("PublishRequest"),
          responses: { 201: jsonOk("PublishResponse", "Created"), 409: err("Already published: error.details.existingId names the record"), ...writeErrors },
        },
      },
      "/api/v1/vms/{id}": {
        parameters: [idParam],
        get: { tags: ["browse"], summary: "One published VM", responses: { 200: jsonOk("VmRecord"), 404: err("Unknown VM") } },
        patch: {
          tags: ["contribute"], summary: "Replace a VM's configuration, tags and context", security: bearer,
          requestBody: jsonBody("Contribution"),
          responses: { ...writeErrors, 200: jsonOk("VmRecord"), 401: err("No edit token"), 403: err("Wrong edit token, or a browser write from another site"), 404: err("Unknown VM") },
        },
        delete: {
          tags: ["contribute"], summary: "Delete a VM", security: bearer,
          responses: { 204: { description: "Deleted" }, 401: err("No edit token"), 403: err("Wrong edit token"), 404: err("Unknown VM"), 429: rateLimited },
        },
      },
      "/api/v1/vms/{id}/comparison": {
        parameters: [idParam],
        get: { tags: ["compare"], summary: "How a VM compares with its peers", responses: { 200: anyJson("Peer group, percentiles per metric, findings"), 404: err("Unknown VM") } },
      },
      "/api/v1/vms/export": {
        get: { tags: ["browse"], summary: "The browse view as CSV", parameters: [q("cols", "Columns, or all")], responses: { 200: { description: "CSV", content: { "text/csv": { schema: { type: "string" } } } } } },
      },
      "/api/v1/imports/preview": {
        post: {
          tags: ["bulk import"], summary: "Review an RVTools export (stores nothing)",
          requestBody: { required: true, content: { "multipart/form-data": { schema: { type: "object", properties: { file: { type: "string", format: "binary" } }, required: ["file"] } } } },
          responses: { 200: jsonOk("ImportSummary"), ...uploadErrors },
        },
      },
      "/api/v1/imports": {
        post: {
          tags: ["bulk import"], summary: "Stage an import with tag rules",
          description: 'multipart: "file" (the export), "rules" (JSON array of TagRule), optional "context" (JSON). Returns the job and its token (shown once); then call /next until status is "done".',
          requestBody: {
            required: true,
            content: {
              "multipart/form-data": {
                schema: { type: "object", properties: { file: { type: "string", format: "binary" }, rules: { type: "string", description: "JSON: TagRules" }, context: { type: "string", description: "JSON: VmContext (partial)" } }, required: ["file", "rules"] },
              },
            },
          },
          responses: {
            201: { description: "Staged", content: { "application/json": { schema: { type: "object", properties: { job: ref("ImportJob"), token: { type: "string" }, untagged: { type: "integer" }, implausibleSkipped: { type: "integer", description: "Tagged VMs left out as implausible because confirmImplausible was not \"true\"" } } } } } },
            ...uploadErrors,
          },
        },
      },
      "/api/v1/imports/{id}": {
        parameters: [idParam],
        get: { tags: ["bulk import"], summary: "Progress of an import", security: bearer, responses: { 200: jsonOk("ImportJob"), 401: err("No import token"), 403: err("Wrong token"), 404: err("Unknown or finished job") } },
        delete: { tags: ["bulk import"], summary: "Discard the rest of an import", security: bearer, responses: { 204: { description: "Discarded" }, 401: err("No import token"), 403: err("Wrong token"), 404: err("Unknown job") } },
      },
      "/api/v1/imports/{id}/next": {
        parameters: [idParam],
        post: {
          tags: ["bulk import"], summary: "Publish the next batch (all or nothing)", security: bearer,
          description:
            'Send a request id of your choosing (8-128 of A-Z a-z 0-9 . _ : -), as {"requestId": "…"} or an Idempotency-Key header. ' +
            "Repeating a call whose answer was lost with the same id returns that same batch (replayed: true) and publishes nothing.",
          parameters: [{ name: "Idempotency-Key", in: "header", required: false, schema: { type: "string", pattern: "^[A-Za-z0-9._:-]{8,128}$" }, description: "The request id, when the body does not carry it" }],
          requestBody: { required: false, content: { "application/json": { schema: { type: "object", properties: { requestId: { type: "string", pattern: "^[A-Za-z0-9._:-]{8,128}$" } } } } } },
          responses: {
            200: { description: "The batch", content: { "application/json": { schema: { type: "object", properties: { job: ref("ImportJob"), duplicates: { type: "integer" }, replayed: { type: "boolean", description: "The batch an earlier call with this request id published" }, created: { type: "array", items: ref("CreatedVm") } } } } } },
            401: err("No import token"), 403: err("Wrong token"), 404: err("Unknown job"), 409: err("Another request imported this batch"), 422: err("Bad request id"), 429: rateLimited,
          },
        },
      },
      "/api/v1/imports/{id}/links": {
        parameters: [idParam],
        get: {
          tags: ["bulk import"], summary: "Every edit link the import has published so far", security: bearer,
          description: "Derived again from the import token (HMAC per VM); the server stores no link. Kept while the job is (a week after its last activity).",
          responses: {
            200: { description: "The links", content: { "application/json": { schema: { type: "object", properties: { job: ref("ImportJob"), links: { type: "array", items: { type: "object", properties: { batch: { type: "integer" }, id: { type: "string" }, editToken: { type: "string" }, editUrl: { type: "string" } } } } } } } } },
            401: err("No import token"), 403: err("Wrong token"), 404: err("Unknown job"),
          },
        },
      },
      "/api/v1/vms/{id}/reports": {
        parameters: [idParam],
        post: {
          tags: ["moderation"], summary: "Report a VM to the moderators (spam, wrong numbers…); stores nothing about the reporter",
          requestBody: jsonBody("ReportInput"), responses: { 201: anyJson("{ id, message }"), 404: err("Unknown VM"), ...writeErrors },
        },
      },
      "/api/v1/admin": {
        get: {
          tags: ["moderation"], summary: "The moderation queue: proposed application names, flagged VMs, the audit log", security: admin,
          responses: { 200: anyJson("{ names, mergeTargets, flagged, audit }"), 401: err("No or wrong admin token"), 404: err("Moderation is off (ADMIN_TOKEN unset)"), 429: rateLimited },
        },
        post: {
          tags: ["moderation"], summary: "One moderation action (approve, merge or reject a name; confirm, dismiss or delete a VM), logged",
          security: admin, requestBody: jsonBody("AdminAction"),
          responses: { 200: anyJson("{ message }"), 401: err("No or wrong admin token"), 404: err("Unknown target, or moderation is off"), 409: err("Already done"), ...writeErrors },
        },
      },
      "/api/v1/admin/session": {
        post: {
          tags: ["moderation"], summary: "Log in as a moderator: sets an HttpOnly, SameSite=Strict session cookie", requestBody: jsonBody("AdminLogin"),
          responses: { 204: { description: "Logged in" }, 401: err("Wrong token"), 404: err("Moderation is off"), ...writeErrors },
        },
        delete: { tags: ["moderation"], summary: "Log out (clears the cookie)", responses: { 204: { description: "Logged out" } } },
      },
      "/api/v1/workloads": { get: { tags: ["compare"], summary: "Every workload (application tag) with its VM count", responses: { 200: anyJson("Workloads") } } },
      "/api/v1/workloads/{slug}": {
        parameters: [{ name: "slug", in: "path", required: true, schema: { type: "string" } }],
        get: { tags: ["compare"], summary: "The typical configuration of one application", responses: { 200: anyJson("Quartiles per dimension, splits, trend by year"), 404: err("Unknown application") } },
      },
      "/api/v1/compare": {
        post: {
          tags: ["compare"], summary: "Compare a configuration privately (stores nothing)",
          description: 'JSON as below, or multipart with one snapshot "file" and optional "tag"/"version"/"tags"/"index".',
          requestBody: { required: true, content: { "application/json": { schema: ref("PrivateCompare") }, "multipart/form-data": { schema: { type: "object", properties: { file: { type: "string", format: "binary" }, tag: { type: "string" }, version: { type: "string" } } } } } },
          responses: { 200: anyJson("The comparison"), ...uploadErrors },
        },
      },
      "/api/v1/reports": {
        post: { tags: ["compare"], summary: "Freeze a report and get its permalink", requestBody: jsonBody("ReportSource"), responses: { 201: anyJson("{ id, url }"), ...writeErrors } },
      },
      "/api/v1/reports/{file}": {
        parameters: [{ name: "file", in: "path", required: true, schema: { type: "string" }, description: "{id}.{csv,json,pdf}, compare.{csv,json,pdf}?ids=a,b&base=a, or schema.json" }],
        get: { tags: ["compare"], summary: "A report as CSV, JSON or PDF", responses: { 200: { description: "The report" }, 404: err("Unknown report") } },
        post: { tags: ["compare"], summary: "A private report as a file (private.{csv,json,pdf}); stores nothing", requestBody: jsonBody("ReportSource"), responses: { 200: { description: "The report" }, ...writeErrors } },
      },
      "/api/v1/reports/vm/{file}": {
        parameters: [{ name: "file", in: "path", required: true, schema: { type: "string" }, description: "{id}.{csv,json,pdf}" }],
        get: { tags: ["compare"], summary: "A VM's comparison report, live", responses: { 200: { description: "The report" }, 404: err("Unknown VM") } },
      },
      "/api/v1/reports/workload/{file}": {
        parameters: [{ name: "file", in: "path", required: true, schema: { type: "string" }, description: "{slug}.{csv,json,pdf}" }],
        get: { tags: ["compare"], summary: "A workload report, live", responses: { 200: { description: "The report" }, 404: err("Unknown application") } },
      },
      "/api/v1/data/{file}": {
        parameters: [{ name: "file", in: "path", required: true, schema: { type: "string" }, description: "vms.csv.gz, vms.jsonl.gz or dictionary.json" }],
        get: { tags: ["meta"], summary: "Open-data dump of every published VM (CC BY 4.0)", responses: { 200: { description: "The file" }, 404: err("Unknown file") } },
      },
      "/api/v1/data": {
        get: { tags: ["meta"], summary: "Status of the open-data dump", responses: { 200: anyJson("Dump files, sizes and when they were written") } },
        post: { tags: ["meta"], summary: "Start rewriting the open-data dump", responses: { 202: anyJson("Dump status"), 429: rateLimited } },
      },
      "/api/v1/estates/preview": {
        post: {
          tags: ["bulk import"], summary: "What an estate import would hold (stores nothing)",
          requestBody: { required: true, content: { "multipart/form-data": { schema: { type: "object", properties: { files: { type: "array", items: { type: "string", format: "binary" } } } } } } },
          responses: { 200: anyJson("Counts, totals and guest families"), ...uploadErrors },
        },
      },
      "/api/v1/estate-reports": {
        post: {
          tags: ["bulk import"], summary: "Every VM of a workbook or snapshot files compared with its peers (stores nothing)",
          description: 'multipart: "files", optional "rules" (JSON, the bulk import\'s tag rules). VM names are in this response only.',
          requestBody: { required: true, content: { "multipart/form-data": { schema: { type: "object", properties: { files: { type: "array", items: { type: "string", format: "binary" } }, rules: { type: "string" } } } } } },
          responses: { 200: anyJson("The estate report: one row per VM, totals, flags and reclaimable capacity"), ...uploadErrors },
        },
      },
      "/api/v1/estate-reports/pdf": {
        post: {
          tags: ["bulk import"], summary: "An estate report as a PDF with charts (stores nothing)",
          description: "JSON: the estate report trimmed to its totals and its flagged or reclaimable VMs, as the estate report page sends it.",
          requestBody: { required: true, content: { "application/json": { schema: { type: "object" } } } },
          responses: { 200: { description: "The PDF", content: { "application/pdf": { schema: { type: "string", format: "binary" } } } }, 400: err("Not an estate report"), 413: err("Too large") },
        },
      },
      "/api/v1/estates": {
        post: {
          tags: ["bulk import"], summary: "Save a bulk import as an estate and publish its VMs",
          description: 'multipart: "name", "tag", "tag.<family>", "files". The estate\'s edit token is in the response once.',
          requestBody: { required: true, content: { "multipart/form-data": { schema: { type: "object", properties: { name: { type: "string" }, tag: { type: "string" }, files: { type: "array", items: { type: "string", format: "binary" } } } } } } },
          responses: { 201: anyJson("The estate with its edit token"), ...uploadErrors },
        },
      },
      "/api/v1/estates/{id}": {
        parameters: [idParam],
        get: { tags: ["bulk import"], summary: "An estate and its imports", security: bearer, responses: { 200: anyJson("The estate"), 401: err("No edit token"), 403: err("Wrong edit token"), 404: err("Unknown estate") } },
        delete: { tags: ["bulk import"], summary: "Delete an estate and its VMs", security: bearer, responses: { 204: { description: "Deleted" }, 401: err("No edit token"), 403: err("Wrong edit token"), 404: err("Unknown estate") } },
      },
      "/api/v1/estates/{id}/report": {
        parameters: [idParam],
        get: { tags: ["bulk import"], summary: "Every VM of the estate compared with its peers", security: bearer, responses: { 200: anyJson("The estate report"), 401: err("No edit token"), 403: err("Wrong edit token"), 404: err("Unknown estate") } },
      },
      "/api/v1/estates/{id}/imports": {
        parameters: [idParam],
        post: {
          tags: ["bulk import"], summary: "Import a newer export of an estate and see what changed", security: bearer,
          requestBody: { required: true, content: { "multipart/form-data": { schema: { type: "object", properties: { files: { type: "array", items: { type: "string", format: "binary" } }, tag: { type: "string" } } } } } },
          responses: { ...uploadErrors, 201: anyJson("Added, removed and changed VMs"), 401: err("No edit token"), 403: err("Wrong edit token, or a browser write from another site"), 404: err("Unknown estate") },
        },
      },
      "/api/v1/workbooks/redact": {
        post: {
          tags: ["contribute"], summary: "Redact an RVTools workbook (stores nothing)",
          description: "Returns the same .xlsx with every identifying value replaced by a stable pseudonym (summary in X-Redaction-Summary), or JSON { fileName, summary, data } with ?format=json.",
          parameters: [q("format", "json for a JSON answer")],
          requestBody: { required: true, content: { "multipart/form-data": { schema: { type: "object", properties: { file: { type: "string", format: "binary" } }, required: ["file"] } } } },
          responses: { 200: { description: "The redacted workbook" }, ...uploadErrors },
        },
      },
      "/api/v1/openapi.json": { get: { tags: ["meta"], summary: "This document", responses: { 200: anyJson("OpenAPI 3.0") } } },
      "/api/health": {
        get: {
          tags: ["meta"], summary: "Liveness and database status",
          responses: { 200: anyJson('{ status: "ok", database, vms }'), 503: anyJson('{ status: "unavailable", reason }') },
        },
      },
      "/api/health/live": {
        get: { tags: ["meta"], summary: "Liveness: the process answers (no database call)", responses: { 200: anyJson('{ status: "ok", uptimeSeconds }') } },
      },
      "/api/health/ready": {
        get: {
          tags: ["meta"], summary: "Readiness: the database answers, migrations are applied and the server is not shutting down",
          responses: { 200: anyJson('{ status: "ok", database }'), 503: anyJson('{ status: "unavailable", reason }') },
        },
      },
      "/api/metrics": {
        get: {
          tags: ["meta"], summary: "Prometheus metrics (text exposition format); loopback only, or with METRICS_TOKEN as a bearer token",
          responses: { 200: { description: "Prometheus text format 0.0.4" }, 401: { description: "A token is needed (not from loopback): the error names it" }, 403: { description: "A wrong token" } },
        },
      },
    },
    components: {
      securitySchemes: {
        editToken: { type: "http", scheme: "bearer", description: "The edit token of a VM (or the token of an import job), returned once when it was created" },
        adminToken: { type: "http", scheme: "bearer", description: "The server's ADMIN_TOKEN (or the session cookie set by /api/v1/admin/session)" },
      },
      schemas: {
        Error: schema(errorSchema, "output"),
        NormalizedVm: schema(normalizedVmSchema),
        VmContext: schema(contextSchema),
        Contribution: schema(contributionSchema),
        PublishRequest: schema(publishRequestSchema),
        PublishResponse: schema(publishResponseSchema, "output"),
        CreatedVm: schema(publishResponseSchema.shape.created.element, "output"),
        VmRecord: schema(vmRecordSchema, "output"),
        SnapshotResponse: schema(snapshotResponseSchema, "output"),
        ImportSummary: schema(importSummarySchema, "output"),
        ImportJob: schema(importJobSchema, "output"),
        TagRules: schema(tagRulesSchema),
        PrivateCompare: schema(privateCompareSchema),
        ReportSource: schema(reportSourceSchema),
        ReportInput: schema(reportInputSchema),
        AdminAction: schema(adminActionSchema),
        AdminLogin: schema(adminLoginSchema),
      },
    },
  };
}

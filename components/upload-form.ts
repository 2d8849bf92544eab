// The one browser helper for uploads with a progress bar: fetch cannot report
// upload progress, XMLHttpRequest can.

export interface UploadResponse<T> {
  status: number;
  ok: boolean;
  body: T;
  headers: (name: string) => string | null;
}

export interface ApiErrorBody {
  error: { code: string; message: string; field?: string };
}

export interface UploadOptions {
  /** An edit token, sent as `Authorization: Bearer`. */
  token?: string;
  /** The fraction of the request body sent so far, 0..1. */
  onProgress?: (fraction: number) => void;
  /** Called once the body is sent and the server starts working on it. */
  onUploaded?: () => void;
  /** How to read a successful body (an error body is always read as JSON). */
  as?: "json" | "blob";
}

/**
 * POSTs a form with upload progress. Resolves with the status and the body as
 * JSON or Blob, whatever the status; only a network failure rejects.
 */
export function uploadForm<T>(url: string, form: FormData, opts: UploadOptions = {}): Promise<UploadResponse<T>> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open("POST", url);
    if (opts.token) xhr.setRequestHeader("Authorization", `Bearer ${opts.token}`);
    xhr.responseType = opts.as === "blob" ? "blob" : "text";
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) opts.onProgress?.(e.loaded / e.total);
    };
    if (opts.onUploaded) xhr.upload.onload = opts.onUploaded;
    xhr.onerror = () => reject(new Error("The upload failed: the server could not be reached."));
    xhr.onload = async () => {
      const ok = xhr.status >= 200 && xhr.status < 300;
      let body: unknown;
      try {
        if (opts.as === "blob" && ok) body = xhr.response as Blob;
        else {
          const text = opts.as === "blob" ? await (xhr.response as Blob).text() : (xhr.responseText as string);
          body = text ? JSON.parse(text) : null;
        }
      } catch {
        body = { error: { code: "internal", message: `The server answered ${xhr.status} without a readable body.` } };
      }
      resolve({ status: xhr.status, ok, body: body as T, headers: (n) => xhr.getResponseHeader(n) });
    };
    xhr.send(form);
  });
}

/** The message of an API error body (`{ error: { message, field } }`), or one naming the status. */
export function errorMessage(body: unknown, status: number): { message: string; field?: string } {
  const e = (body as ApiErrorBody | null)?.error;
  if (e?.message) return { message: e.message, field: e.field };
  return { message: `The server answered ${status}.` };
}

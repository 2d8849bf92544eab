/**
 * POSTs a form with upload progress (fetch cannot report it). Resolves with
 * the status and the body as JSON or Blob; network failures reject.
 */
export interface UploadResponse<T> {
  status: number;
  ok: boolean;
  body: T;
  headers: (name: string) => string | null;
}

export interface ApiErrorBody {
  error: { code: string; message: string; field?: string };
}

export function uploadForm<T>(
  url: string,
  form: FormData,
  opts: { token?: string; onProgress?: (fraction: number) => void; as?: "json" | "blob" } = {},
): Promise<UploadResponse<T>> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open("POST", url);
    if (opts.token) xhr.setRequestHeader("Authorization", `Bearer ${opts.token}`);
    xhr.responseType = opts.as === "blob" ? "blob" : "text";
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) opts.onProgress?.(e.loaded / e.total);
    };
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

export function errorMessage(body: unknown, status: number): { message: string; field?: string } {
  const e = (body as ApiErrorBody | null)?.error;
  if (e?.message) return { message: e.message, field: e.field };
  return { message: `The server answered ${status}.` };
}

/** File types an estate import takes (detection is by content; this only guides the file picker). */
export const ACCEPT = ".xlsx,.zip,.csv,.vmx,.vmdk,.ovf,.ova,.xml,.conf,.vbox,.json";

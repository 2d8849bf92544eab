import { readBodyLimited } from "@/lib/api/handler";
import { AppError } from "@/lib/errors/app-error";
import { MAX_UPLOAD_FILE_BYTES, UPLOAD_LIMIT_TEXT, uploadTooLargeMessage } from "@/lib/formats/types";
import type { UploadedFile } from "./snapshot-preview";

export interface MultipartBody {
  files: UploadedFile[];
  fields: Record<string, string>;
}

/**
 * Reads a multipart/form-data body, refusing it (413) as soon as it passes
 * the limit rather than after buffering an arbitrarily large upload.
 */
export async function readMultipart(req: Request, limitBytes: number): Promise<MultipartBody> {
  const type = req.headers.get("content-type") ?? "";
  if (!type.toLowerCase().startsWith("multipart/form-data")) {
    throw new AppError("validation_error", 'Send the files as multipart/form-data (field "files").');
  }
  const tooLarge = () => new AppError("too_large", `The upload is over ${Math.round(limitBytes / 1024 / 1024)} MiB in total; the limit is ${UPLOAD_LIMIT_TEXT} per file.`);
  const body = await readBodyLimited(req, limitBytes, tooLarge);
  let form: FormData;
  try {
    form = await new Response(new Uint8Array(body.buffer as ArrayBuffer, body.byteOffset, body.byteLength), { headers: { "content-type": type } }).formData();
  } catch {
    throw new AppError("validation_error", "The multipart body could not be read.");
  }
  const files: UploadedFile[] = [];
  const fields: Record<string, string> = {};
  for (const [key, value] of form.entries()) {
    if (typeof value === "string") fields[key] = value;
    else if (value.size > MAX_UPLOAD_FILE_BYTES) throw new AppError("too_large", uploadTooLargeMessage(value.name || key, value.size), { field: key });
    else files.push({ fileName: value.name || key, data: new Uint8Array(await value.arrayBuffer()) });
  }
  return { files, fields };
}

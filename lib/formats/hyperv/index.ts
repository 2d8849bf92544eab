import { AppError, isAppError } from "@/lib/errors/app-error";
import { MAX_CONFIG_BYTES, type FormatParser, type ParseInput } from "@/lib/formats/types";
import { type ParseResult } from "@/lib/vm/parsed";
import { decodeText } from "@/lib/formats/util/text";
import { mapHyperv } from "./map";
import { readHyperv } from "./read";

export const hypervParser: FormatParser = {
  format: "hyperv",
  label: "Hyper-V Get-VM JSON",
  extensions: [".json"],
  sniff(input: ParseInput): number {
    try {
      const head = decodeText(input.data.subarray(0, 65536));
      if (!/^\s*[[{]/.test(head)) return 0;
      const hasCpu = /"ProcessorCount"\s*:/.test(head);
      if (hasCpu && /"MemoryStartup"\s*:/.test(head)) return 0.95;
      if (hasCpu && /"VMId"\s*:|"Generation"\s*:/.test(head)) return 0.8;
      return 0;
    } catch {
      return 0;
    }
  },
  parse(input: ParseInput): ParseResult {
    if (input.data.length > MAX_CONFIG_BYTES * 16) {
      throw new AppError("too_large", `Hyper-V JSON is at most ${MAX_CONFIG_BYTES * 16} bytes`, { file: input.fileName });
    }
    try {
      return mapHyperv(readHyperv(input.data, input.fileName), input.fileName);
    } catch (e) {
      if (isAppError(e)) throw e;
      throw new AppError("parse_error", `could not read the Hyper-V JSON: ${e instanceof Error ? e.message : String(e)}`, { file: input.fileName });
    }
  },
};

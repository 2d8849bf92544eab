import { AppError, isAppError } from "@/lib/errors/app-error";
import type { FormatParser, ParseInput } from "@/lib/formats/types";
import type { ParseResult } from "@/lib/vm/parsed";
import { decodeText } from "./text";
import { rootElementName } from "./xml";

export interface ParserDefinition extends FormatParser {
  /** Larger inputs are refused (too_large) before parsing, with this sentence ("a Proxmox config is at most …"). */
  limit?: { bytes: number; message: string };
  /**
   * What the parser reads ("the Proxmox config"): an unexpected error while
   * parsing becomes a parse_error "could not read <what>: …" naming the file.
   * Unset: only the parser's own AppErrors leave it.
   */
  reads?: string;
}

/**
 * A registry entry with the rules every parser shares: sniffing never throws
 * (a failure scores 0), the size limit is checked before anything is read,
 * and errors leave as AppErrors naming the file.
 */
export function defineParser(def: ParserDefinition): FormatParser {
  const { limit, reads, sniff, parse, ...rest } = def;
  return {
    ...rest,
    sniff(input: ParseInput): number {
      try {
        return sniff(input);
      } catch {
        return 0;
      }
    },
    parse(input: ParseInput): ParseResult {
      if (limit && input.data.length > limit.bytes) throw new AppError("too_large", limit.message, { file: input.fileName });
      if (!reads) return parse(input);
      try {
        return parse(input);
      } catch (e) {
        if (isAppError(e)) throw e;
        throw new AppError("parse_error", `could not read ${reads}: ${e instanceof Error ? e.message : String(e)}`, { file: input.fileName });
      }
    },
  };
}

/**
 * The sniff score of an XML format: 0 unless the document's root element is
 * `root`; `strong` when its head also matches `telltale`, else `weak`.
 */
export function sniffXmlRoot(input: ParseInput, root: string, telltale: RegExp, strong: number, weak: number): number {
  const text = decodeText(input.data.subarray(0, 4096));
  if (rootElementName(text) !== root) return 0;
  return telltale.test(text) ? strong : weak;
}

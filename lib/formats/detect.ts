import { AppError } from "@/lib/errors/app-error";
import type { FormatParser, ParseInput } from "@/lib/formats/types";
import { extensionOf } from "@/lib/formats/util/text";
import { PARSERS } from "./registry";

/** Below this, content is not recognised whatever its extension says. */
const MIN_SCORE = 0.3;
/** Scores this close count as a tie, settled by the file extension. */
const TIE = 0.05;

function safeSniff(parser: FormatParser, input: ParseInput): number {
  try {
    const score = parser.sniff(input);
    return Number.isFinite(score) ? Math.max(0, Math.min(1, score)) : 0;
  } catch {
    return 0;
  }
}

/**
 * Picks the parser by content: every parser sniffs, the highest score wins,
 * and the extension only settles near-ties (a libvirt domain saved as .txt is
 * still libvirt; a .vmx holding random bytes is still refused).
 */
export function detectFormat(input: ParseInput, parsers: readonly FormatParser[] = PARSERS): FormatParser {
  const ext = extensionOf(input.fileName);
  const scored = parsers.map((parser) => ({ parser, score: safeSniff(parser, input) }));
  const top = Math.max(0, ...scored.map((s) => s.score));
  if (top < MIN_SCORE) {
    throw new AppError(
      "unsupported_format",
      `not a recognised VM configuration (tried: ${parsers.map((p) => p.label).join(", ")})`,
      { file: input.fileName },
    );
  }
  const near = scored.filter((s) => s.score >= top - TIE).sort((a, b) => b.score - a.score);
  return (near.find((s) => s.parser.extensions.includes(ext)) ?? near[0]).parser;
}

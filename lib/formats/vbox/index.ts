import type { FormatParser, ParseInput } from "@/lib/formats/types";
import type { ParseResult } from "@/lib/vm/parsed";
import { decodeText } from "@/lib/formats/util/text";
import { rootElementName } from "@/lib/formats/util/xml";
import { readVbox } from "./read";
import { mapVbox } from "./map";

function sniff(input: ParseInput): number {
  const text = decodeText(input.data.subarray(0, 4096));
  if (rootElementName(text) !== "VirtualBox") return 0;
  return /http:\/\/www\.virtualbox\.org\/|innotek\.de\/VirtualBox-settings/.test(text) ? 0.95 : 0.7;
}

function parse(input: ParseInput): ParseResult {
  const raw = readVbox(input.data, input.fileName);
  const warnings: string[] = [];
  return { vms: [mapVbox(raw, input.fileName, warnings)], warnings };
}

export const vboxParser: FormatParser = {
  format: "vbox",
  label: "VirtualBox .vbox",
  extensions: [".vbox", ".vbox-prev"],
  sniff,
  parse,
};

export { readVbox, type VboxRaw } from "./read";

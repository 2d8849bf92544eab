import type { FormatParser, ParseInput, ParseResult } from "@/lib/formats/types";
import { decodeText } from "@/lib/formats/util/text";
import { rootElementName } from "@/lib/formats/xml";
import { parseVboxText } from "./parse-vbox";
import { vboxToParsedVm } from "./to-normalized";

function sniff(input: ParseInput): number {
  const text = decodeText(input.data.subarray(0, 4096));
  if (rootElementName(text) !== "VirtualBox") return 0;
  return /http:\/\/www\.virtualbox\.org\/|innotek\.de\/VirtualBox-settings/.test(text) ? 0.95 : 0.7;
}

function parse(input: ParseInput): ParseResult {
  const raw = parseVboxText(input.fileName, input.data);
  const warnings: string[] = [];
  return { vms: [vboxToParsedVm(raw, input.fileName, warnings)], warnings };
}

export const vboxParser: FormatParser = {
  format: "vbox",
  label: "VirtualBox .vbox",
  extensions: [".vbox", ".vbox-prev"],
  sniff,
  parse,
};

export { parseVboxText, type VboxRaw } from "./parse-vbox";

import type { FormatParser, ParseInput, ParseResult } from "@/lib/formats/types";
import { decodeText } from "@/lib/formats/util/text";
import { rootElementName } from "@/lib/formats/xml";
import { parseLibvirtText } from "./parse-libvirt";
import { libvirtToParsedVm } from "./to-normalized";

function sniff(input: ParseInput): number {
  const text = decodeText(input.data.subarray(0, 4096));
  if (rootElementName(text) !== "domain") return 0;
  return /<([A-Za-z_][\w.-]*:)?domain[^>]*\stype\s*=/.test(text) ? 0.95 : 0.6;
}

function parse(input: ParseInput): ParseResult {
  const raw = parseLibvirtText(input.fileName, input.data);
  const warnings: string[] = [];
  return { vms: [libvirtToParsedVm(raw, input.fileName, warnings)], warnings };
}

export const libvirtParser: FormatParser = {
  format: "libvirt",
  label: "libvirt domain XML",
  extensions: [".xml"],
  sniff,
  parse,
};

export { parseLibvirtText, type LibvirtRaw } from "./parse-libvirt";

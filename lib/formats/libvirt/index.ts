import type { FormatParser, ParseInput } from "@/lib/formats/types";
import type { ParseResult } from "@/lib/vm/parsed";
import { decodeText } from "@/lib/formats/util/text";
import { rootElementName } from "@/lib/formats/util/xml";
import { readLibvirt } from "./read";
import { mapLibvirt } from "./map";

function sniff(input: ParseInput): number {
  const text = decodeText(input.data.subarray(0, 4096));
  if (rootElementName(text) !== "domain") return 0;
  return /<([A-Za-z_][\w.-]*:)?domain[^>]*\stype\s*=/.test(text) ? 0.95 : 0.6;
}

function parse(input: ParseInput): ParseResult {
  const raw = readLibvirt(input.data, input.fileName);
  const warnings: string[] = [];
  return { vms: [mapLibvirt(raw, input.fileName, warnings)], warnings };
}

export const libvirtParser: FormatParser = {
  format: "libvirt",
  label: "libvirt domain XML",
  extensions: [".xml"],
  sniff,
  parse,
};

export { readLibvirt, type LibvirtRaw } from "./read";

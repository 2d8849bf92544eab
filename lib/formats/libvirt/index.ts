import type { ParseInput } from "@/lib/formats/types";
import type { ParseResult } from "@/lib/vm/parsed";
import { defineParser, sniffXmlRoot } from "@/lib/formats/util/define-parser";
import { readLibvirt } from "./read";
import { mapLibvirt } from "./map";

function parse(input: ParseInput): ParseResult {
  const raw = readLibvirt(input.data, input.fileName);
  const warnings: string[] = [];
  return { vms: [mapLibvirt(raw, input.fileName, warnings)], warnings };
}

export const libvirtParser = defineParser({
  format: "libvirt",
  label: "libvirt domain XML",
  extensions: [".xml"],
  sniff: (input) => sniffXmlRoot(input, "domain", /<([A-Za-z_][\w.-]*:)?domain[^>]*\stype\s*=/, 0.95, 0.6),
  parse,
});

export { readLibvirt, type LibvirtRaw } from "./read";

import type { ParseInput } from "@/lib/formats/types";
import type { ParseResult } from "@/lib/vm/parsed";
import { defineParser, sniffXmlRoot } from "@/lib/formats/util/define-parser";
import { readVbox } from "./read";
import { mapVbox } from "./map";

function parse(input: ParseInput): ParseResult {
  const raw = readVbox(input.data, input.fileName);
  const warnings: string[] = [];
  return { vms: [mapVbox(raw, input.fileName, warnings)], warnings };
}

export const vboxParser = defineParser({
  format: "vbox",
  label: "VirtualBox .vbox",
  extensions: [".vbox", ".vbox-prev"],
  sniff: (input) => sniffXmlRoot(input, "VirtualBox", /http:\/\/www\.virtualbox\.org\/|innotek\.de\/VirtualBox-settings/, 0.95, 0.7),
  parse,
});

export { readVbox, type VboxRaw } from "./read";

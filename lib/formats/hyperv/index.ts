import { MAX_CONFIG_BYTES, type ParseInput } from "@/lib/formats/types";
import { decodeText } from "@/lib/formats/util/text";
import { defineParser } from "@/lib/formats/util/define-parser";
import { mapHyperv } from "./map";
import { readHyperv } from "./read";

function sniff(input: ParseInput): number {
  const head = decodeText(input.data.subarray(0, 65536));
  if (!/^\s*[[{]/.test(head)) return 0;
  const hasCpu = /"ProcessorCount"\s*:/.test(head);
  if (hasCpu && /"MemoryStartup"\s*:/.test(head)) return 0.95;
  if (hasCpu && /"VMId"\s*:|"Generation"\s*:/.test(head)) return 0.8;
  return 0;
}

export const hypervParser = defineParser({
  format: "hyperv",
  label: "Hyper-V Get-VM JSON",
  extensions: [".json"],
  limit: { bytes: MAX_CONFIG_BYTES * 16, message: `Hyper-V JSON is at most ${MAX_CONFIG_BYTES * 16} bytes` },
  reads: "the Hyper-V JSON",
  sniff,
  parse: (input) => mapHyperv(readHyperv(input.data, input.fileName), input.fileName),
});

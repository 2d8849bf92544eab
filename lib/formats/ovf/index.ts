import { AppError } from "@/lib/errors/app-error";
import type { ParseInput } from "@/lib/formats/types";
import type { ParseResult } from "@/lib/vm/parsed";
import { MAX_CONFIG_BYTES } from "@/lib/formats/types";
import { looksLikeTar, readTar } from "@/lib/formats/util/tar";
import { defineParser, sniffXmlRoot } from "@/lib/formats/util/define-parser";
import { readOvf } from "./read";
import { mapOvfSystem } from "./map";

function descriptorOf(input: ParseInput): { name: string; data: Uint8Array } {
  if (!looksLikeTar(input.data)) return { name: input.fileName, data: input.data };
  const entries = readTar(input.fileName, input.data);
  // OVF 1.x/2.x require the descriptor to be the first member; some tools do not comply, so take the first .ovf.
  const ovf = entries.find((e) => e.name.toLowerCase().endsWith(".ovf"));
  if (!ovf) throw new AppError("parse_error", "the OVA holds no .ovf descriptor", { file: input.fileName });
  if (ovf.data.length > MAX_CONFIG_BYTES) {
    throw new AppError("too_large", `the descriptor ${ovf.name} is larger than ${MAX_CONFIG_BYTES} bytes`, { file: input.fileName });
  }
  return { name: `${input.fileName}:${ovf.name}`, data: ovf.data };
}

function sniff(input: ParseInput): number {
  if (looksLikeTar(input.data)) {
    return /\.ovf\0/i.test(new TextDecoder("latin1").decode(input.data.subarray(0, 100))) ? 0.95 : 0.3;
  }
  return sniffXmlRoot(input, "Envelope", /schemas\.dmtf\.org\/ovf\/envelope|VirtualSystem|VirtualHardwareSection/, 0.95, 0.5);
}

function parse(input: ParseInput): ParseResult {
  const descriptor = descriptorOf(input);
  const raw = readOvf(descriptor.data, descriptor.name);
  const warnings = [...raw.warnings];
  const vms = raw.systems.map((s) => mapOvfSystem(raw, s, descriptor.name, warnings)).filter((v) => v != null);
  if (vms.length === 0) {
    throw new AppError("parse_error", `no virtual system could be read (${warnings.slice(-1)[0] ?? "no VirtualSystem"})`, { file: descriptor.name });
  }
  return { vms, warnings };
}

export const ovfParser = defineParser({
  format: "ovf",
  label: "OVF descriptor / OVA",
  extensions: [".ovf", ".ova"],
  sniff,
  parse,
});

export { readOvf, type OvfRaw } from "./read";

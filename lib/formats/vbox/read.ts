import { AppError } from "@/lib/errors/app-error";
import { child, decodeXmlBytes, parseXml, type XmlElement } from "@/lib/formats/util/xml";

/** A .vbox file: the settings version (e.g. "1.19-linux") and the <Machine> element. */
export interface VboxRaw {
  version: string | null;
  machine: XmlElement;
}

export function readVbox(data: Uint8Array, fileName: string): VboxRaw {
  const root = parseXml(fileName, decodeXmlBytes(fileName, data));
  if (root.name !== "VirtualBox") {
    throw new AppError("parse_error", `expected a <VirtualBox> settings file, found <${root.name}>`, { file: fileName });
  }
  const machine = child(root, "Machine");
  if (!machine) throw new AppError("parse_error", "no <Machine> element", { file: fileName, field: "Machine" });
  return { version: root.attrs.version ?? null, machine };
}

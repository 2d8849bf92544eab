import { AppError } from "@/lib/errors/app-error";
import { decodeXmlBytes, parseXml, type XmlElement } from "@/lib/formats/util/xml";

/** A libvirt domain is already a tree; the raw form is the parsed document element. */
export interface LibvirtRaw {
  domain: XmlElement;
}

export function readLibvirt(data: Uint8Array, fileName: string): LibvirtRaw {
  const root = parseXml(fileName, decodeXmlBytes(fileName, data));
  if (root.name !== "domain") {
    throw new AppError("parse_error", `expected a libvirt <domain>, found <${root.name}>`, { file: fileName });
  }
  return { domain: root };
}

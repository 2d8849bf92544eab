import { XMLParser } from "fast-xml-parser";
import { VsphereError } from "./errors";

/**
 * A parsed XML element: a string for a text-only element, otherwise an object
 * whose keys are child element names (as written, with any namespace prefix),
 * attributes under "@_name" and mixed text under "#text".
 */
export type XmlNode = string | XmlObject;
export interface XmlObject {
  [key: string]: XmlNode | XmlNode[] | undefined;
}

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: "@_",
  // Prefixes stay: a MoRef value carries both `type` and `xsi:type`, which
  // stripping namespaces would merge into one attribute.
  removeNSPrefix: false,
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  ignoreDeclaration: true,
  ignorePiTags: true,
  processEntities: true,
  htmlEntities: false,
});

/** Parse a SOAP document. DOCTYPE is refused: it is never needed for SOAP and is the door to entity expansion attacks. */
export function parseXml(text: string, from: string): XmlObject {
  if (/<!DOCTYPE/i.test(text)) {
    throw new VsphereError("not-vsphere", `${from} sent XML with a DOCTYPE, which a vSphere server never does; refusing to parse it`);
  }
  try {
    return parser.parse(text) as XmlObject;
  } catch (e) {
    throw new VsphereError("not-vsphere", `${from} sent XML that cannot be parsed (${(e as Error).message.split("\n")[0]})`);
  }
}

/** Local name of an element or attribute key: "soapenv:Body" -> "Body". */
function localName(key: string): string {
  const i = key.indexOf(":");
  return i < 0 ? key : key.slice(i + 1);
}

export function isObject(n: unknown): n is XmlObject {
  return typeof n === "object" && n !== null && !Array.isArray(n);
}

/** The children named `name` (by local name), always as an array. */
export function children(node: XmlNode | XmlNode[] | undefined, name: string): XmlNode[] {
  if (node === undefined) return [];
  if (Array.isArray(node)) return node.flatMap((n) => children(n, name));
  if (!isObject(node)) return [];
  const out: XmlNode[] = [];
  for (const [k, v] of Object.entries(node)) {
    if (k.startsWith("@_") || k === "#text" || localName(k) !== name || v === undefined) continue;
    if (Array.isArray(v)) out.push(...v);
    else out.push(v);
  }
  return out;
}

export function child(node: XmlNode | undefined, name: string): XmlNode | undefined {
  return children(node, name)[0];
}

/** Follow a dotted path of child names: path(n, "deviceInfo.summary"). */
export function path(node: XmlNode | undefined, dotted: string): XmlNode | undefined {
  let cur: XmlNode | undefined = node;
  for (const part of dotted.split(".")) {
    cur = child(cur, part);
    if (cur === undefined) return undefined;
  }
  return cur;
}

export function text(node: XmlNode | undefined): string | null {
  if (node === undefined) return null;
  if (typeof node === "string") return node;
  const t = node["#text"];
  if (typeof t === "string") return t;
  // An element with attributes but no text (<x type="T"></x>) is an empty string, not "unknown".
  return Object.keys(node).every((k) => k.startsWith("@_")) ? "" : null;
}

export function textAt(node: XmlNode | undefined, dotted: string): string | null {
  return text(path(node, dotted));
}

export function intAt(node: XmlNode | undefined, dotted: string): number | null {
  const t = textAt(node, dotted);
  if (t === null || t === "" || !/^-?\d+$/.test(t)) return null;
  return Number(t);
}

export function boolAt(node: XmlNode | undefined, dotted: string): boolean | null {
  const t = textAt(node, dotted);
  if (t === "true" || t === "1") return true;
  if (t === "false" || t === "0") return false;
  return null;
}

export function attr(node: XmlNode | undefined, name: string): string | null {
  if (!isObject(node)) return null;
  for (const [k, v] of Object.entries(node)) {
    if (k.startsWith("@_") && k.slice(2) === name && typeof v === "string") return v;
  }
  return null;
}

/** The xsi:type of a polymorphic value (whatever prefix the server bound to the XSI namespace). */
export function xsiType(node: XmlNode | undefined): string | null {
  if (!isObject(node)) return null;
  for (const [k, v] of Object.entries(node)) {
    if (k.startsWith("@_") && k.includes(":") && localName(k.slice(2)) === "type" && typeof v === "string") {
      return localName(v);
    }
  }
  return null;
}

export function escapeXml(s: string): string {
  return s.replace(/[<>&'"]/g, (c) => ({ "<": "&lt;", ">": "&gt;", "&": "&amp;", "'": "&apos;", '"': "&quot;" })[c] as string);
}

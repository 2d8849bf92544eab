import { ownValue } from "@/lib/own-key";
import { XMLParser, XMLValidator } from "fast-xml-parser";
import { AppError } from "@/lib/errors/app-error";
import { lineAt, requireText } from "@/lib/formats/util/text";

/**
 * A namespace-free view of an XML element. Snapshot files use whatever prefixes
 * their exporter liked (ovf:, rasd:, vmw:, vbox:, none), so everything is keyed
 * by local name.
 */
export interface XmlElement {
  name: string;
  attrs: Record<string, string>;
  children: XmlElement[];
  /** Concatenated, trimmed text directly inside the element. */
  text: string;
  /** 1-based line where the element starts, for warnings that point at it; undefined when unknown. */
  line?: number;
}

const MAX_DEPTH = 64;

const parser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: "",
  removeNSPrefix: false,
  // Entities stay off: DTDs are refused up front and the five predefined ones are decoded below.
  processEntities: false,
  htmlEntities: false,
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  ignoreDeclaration: true,
  ignorePiTags: true,
  commentPropName: false,
  cdataPropName: false,
  maxNestedTags: MAX_DEPTH,
  captureMetaData: true,
});

const META = XMLParser.getMetaDataSymbol() as unknown as symbol;

const PREDEFINED: Record<string, string> = { lt: "<", gt: ">", amp: "&", quot: '"', apos: "'" };

export function decodeXmlEntities(value: string): string {
  if (!value.includes("&")) return value;
  return value.replace(/&(#x[0-9a-fA-F]{1,6}|#\d{1,7}|[a-zA-Z]+);/g, (whole, ref: string) => {
    if (ref[0] === "#") {
      const code = ref[1] === "x" || ref[1] === "X" ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return ownValue(PREDEFINED, ref) ?? whole;
  });
}

function localName(qname: string): string {
  const i = qname.indexOf(":");
  return i >= 0 ? qname.slice(i + 1) : qname;
}

type OrderedNode = Record<string, unknown>;

/** Line of each character offset, computed once per document so that every element gets its line cheaply. */
function lineIndex(text: string): (offset: number | undefined) => number | undefined {
  const starts: number[] = [0];
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) starts.push(i + 1);
  return (offset) => {
    if (offset == null || offset < 0) return undefined;
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1;
  };
}

type LineOf = (offset: number | undefined) => number | undefined;

function convert(qname: string, node: OrderedNode, depth: number, lineOf: LineOf): XmlElement {
  const meta = (node as Record<symbol, { startIndex?: number } | undefined>)[META];
  const el: XmlElement = { name: localName(qname), attrs: {}, children: [], text: "", line: lineOf(meta?.startIndex) };
  const rawAttrs = node[":@"] as Record<string, string> | undefined;
  if (rawAttrs) {
    for (const [k, v] of Object.entries(rawAttrs)) {
      if (k === "xmlns" || k.startsWith("xmlns:")) continue;
      el.attrs[localName(k)] = decodeXmlEntities(String(v));
    }
  }
  const texts: string[] = [];
  for (const child of (node[qname] as OrderedNode[]) ?? []) {
    if ("#text" in child) {
      texts.push(decodeXmlEntities(String(child["#text"])));
      continue;
    }
    const childName = Object.keys(child).find((k) => k !== ":@");
    if (childName === undefined || depth >= MAX_DEPTH) continue;
    el.children.push(convert(childName, child, depth + 1, lineOf));
  }
  el.text = texts.join("").trim();
  return el;
}

const DECLARED_ENCODING = /^\s*<\?xml[^>]*?\sencoding\s*=\s*["']([A-Za-z0-9._:-]{1,40})["']/;

/**
 * The text of an XML file in the character set its declaration names
 * (`<?xml version="1.0" encoding="ISO-8859-1"?>`, as older VirtualBox and
 * libvirt files say). A byte-order mark wins; an unknown or absent
 * declaration means UTF-8, XML's default.
 */
export function decodeXmlBytes(fileName: string, data: Uint8Array): string {
  const utf8 = requireText(fileName, data);
  const bom = data.length >= 2 && ((data[0] === 0xff && data[1] === 0xfe) || (data[0] === 0xfe && data[1] === 0xff));
  if (bom) return utf8;
  const declared = DECLARED_ENCODING.exec(new TextDecoder("latin1").decode(data.subarray(0, 256)))?.[1];
  if (!declared || /^utf-?8$/i.test(declared)) return utf8;
  try {
    const text = new TextDecoder(declared).decode(data);
    return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  } catch {
    return utf8;
  }
}

/**
 * Parses an XML snapshot safely: any DOCTYPE is refused before parsing (no
 * entity expansion, no external entities), malformed XML is reported with its
 * line, and the result is the document element.
 */
export function parseXml(fileName: string, text: string): XmlElement {
  const doctype = /<!DOCTYPE/i.exec(text);
  if (doctype) {
    throw new AppError("parse_error", "DOCTYPE is not allowed", { file: fileName, line: lineAt(text, doctype.index) });
  }
  const valid = XMLValidator.validate(text);
  if (valid !== true) {
    throw new AppError("parse_error", `malformed XML: ${valid.err.msg}`, { file: fileName, line: valid.err.line });
  }
  let nodes: OrderedNode[];
  try {
    nodes = parser.parse(text) as OrderedNode[];
  } catch (e) {
    throw new AppError("parse_error", `malformed XML: ${e instanceof Error ? e.message : String(e)}`, { file: fileName });
  }
  for (const node of nodes) {
    const name = Object.keys(node).find((k) => k !== ":@" && k !== "#text");
    if (name !== undefined) return convert(name, node, 0, lineIndex(text));
  }
  throw new AppError("parse_error", "no XML element found", { file: fileName });
}

export function child(el: XmlElement | undefined, name: string): XmlElement | undefined {
  return el?.children.find((c) => c.name === name);
}

export function childrenNamed(el: XmlElement | undefined, name: string): XmlElement[] {
  return el ? el.children.filter((c) => c.name === name) : [];
}

export function childText(el: XmlElement | undefined, name: string): string | null {
  const c = child(el, name);
  return c && c.text !== "" ? c.text : null;
}

/** Every element below `el` (depth first, document order) with that local name. */
export function descendants(el: XmlElement | undefined, name: string): XmlElement[] {
  const found: XmlElement[] = [];
  const walk = (e: XmlElement) => {
    for (const c of e.children) {
      if (c.name === name) found.push(c);
      walk(c);
    }
  };
  if (el) walk(el);
  return found;
}

export function attr(el: XmlElement | undefined, name: string): string | null {
  const v = el?.attrs[name];
  return v === undefined || v === "" ? null : v;
}

/** "line 12" for a warning about an element, or "" when the line is unknown. */
export function where(el: XmlElement | undefined): string {
  return el?.line != null ? `line ${el.line}: ` : "";
}

/** Cheap check used by sniffers: the first element's local name (any namespace prefix or none), without parsing. */
export function rootElementName(text: string): string | null {
  const head = text.slice(0, 4096).replace(/<\?[\s\S]*?\?>/g, "").replace(/<!--[\s\S]*?-->/g, "");
  const m = /<\s*([A-Za-z_][\w.-]*:)?([A-Za-z_][\w.-]*)/.exec(head);
  return m ? m[2] : null;
}

/**
 * A forward-only tag scanner for the SpreadsheetML parts of a workbook. It
 * never builds a tree: each call finds the next tag with indexOf, so a part
 * costs one pass whatever it holds, and an unclosed element cannot make it
 * backtrack. Names are compared by their LOCAL part, so `<x:c>` (the OpenXML
 * SDK, which RVTools uses, prefixes every element) and `<c>` (Excel, exceljs)
 * read the same. Entities other than the five predefined ones and character
 * references are never expanded.
 */
export interface XmlTag {
  /** Name without its namespace prefix: "c" for both `<c>` and `<x:c>`. */
  local: string;
  /** Name as written, e.g. "x:c". */
  qname: string;
  kind: "open" | "close" | "empty";
  /** Index of "<". */
  start: number;
  /** Index just after ">". */
  end: number;
  /** Raw attribute text between the name and ">" (or "/>"). */
  attrs: string;
}

function isNameEnd(ch: number): boolean {
  return ch === 32 || ch === 9 || ch === 10 || ch === 13 || ch === 47 || ch === 62;
}

/** The next element tag at or after `from`, skipping comments, CDATA, processing instructions and declarations. */
export function nextTag(xml: string, from: number): XmlTag | null {
  let i = xml.indexOf("<", from);
  while (i >= 0) {
    const c = xml.charCodeAt(i + 1);
    if (c === 33 /* ! */) {
      const close = xml.startsWith("<!--", i) ? "-->" : xml.startsWith("<![CDATA[", i) ? "]]>" : ">";
      const e = xml.indexOf(close, i + 2);
      if (e < 0) return null;
      i = xml.indexOf("<", e + close.length);
      continue;
    }
    if (c === 63 /* ? */) {
      const e = xml.indexOf("?>", i + 2);
      if (e < 0) return null;
      i = xml.indexOf("<", e + 2);
      continue;
    }
    const closing = c === 47;
    const nameStart = closing ? i + 2 : i + 1;
    let j = nameStart;
    while (j < xml.length && !isNameEnd(xml.charCodeAt(j))) j++;
    // ">" may legally appear inside a quoted attribute value.
    let k = j;
    let quote = 0;
    for (; k < xml.length; k++) {
      const ch = xml.charCodeAt(k);
      if (quote !== 0) {
        if (ch === quote) quote = 0;
      } else if (ch === 34 || ch === 39) quote = ch;
      else if (ch === 62) break;
    }
    if (k >= xml.length) return null;
    const qname = xml.slice(nameStart, j);
    const colon = qname.indexOf(":");
    const selfClosing = xml.charCodeAt(k - 1) === 47;
    return {
      local: colon >= 0 ? qname.slice(colon + 1) : qname,
      qname,
      kind: closing ? "close" : selfClosing ? "empty" : "open",
      start: i,
      end: k + 1,
      attrs: xml.slice(j, selfClosing ? k - 1 : k),
    };
  }
  return null;
}

/** Prefix of a qualified name including the colon ("x:" for "x:c", "" for "c"). */
export function prefixOf(qname: string): string {
  const colon = qname.indexOf(":");
  return colon >= 0 ? qname.slice(0, colon + 1) : "";
}

/**
 * Raw character data from `from` up to the next tag, with CDATA sections
 * unwrapped. Returns the text (still entity-encoded outside CDATA) and where
 * the next tag starts.
 */
export function rawTextAt(xml: string, from: number): { text: string; next: number } {
  let text = "";
  let p = from;
  for (;;) {
    const lt = xml.indexOf("<", p);
    if (lt < 0) return { text: text + xml.slice(p), next: xml.length };
    text += xml.slice(p, lt);
    if (!xml.startsWith("<![CDATA[", lt)) return { text, next: lt };
    const e = xml.indexOf("]]>", lt + 9);
    if (e < 0) return { text: text + xml.slice(lt + 9), next: xml.length };
    // CDATA content is literal: escape "&" so decodeXmlText leaves it as written.
    text += xml.slice(lt + 9, e).replace(/&/g, "&amp;").replace(/</g, "&lt;");
    p = e + 3;
  }
}

/** Value of attribute `name` (exact, or with any prefix when `anyPrefix`), single or double quoted. */
const ATTR_PATTERNS = new Map<string, RegExp>();

export function attrValue(attrs: string, name: string, anyPrefix = false): string | null {
  const key = anyPrefix ? `*:${name}` : name;
  let re = ATTR_PATTERNS.get(key);
  if (!re) {
    re = new RegExp(`(?:^|\\s)${anyPrefix ? "(?:[\\w.-]+:)?" : ""}${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)')`);
    ATTR_PATTERNS.set(key, re);
  }
  const m = re.exec(attrs);
  return m ? decodeXmlText(m[1] ?? m[2]) : null;
}

const ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };

/** The five predefined entities and character references; nothing else is expanded. */
export function decodeXmlText(s: string): string {
  if (!s.includes("&")) return s;
  return s.replace(/&(#x[0-9a-f]+|#\d+|amp|lt|gt|quot|apos);/gi, (_, ent: string) => {
    if (ent[0] !== "#") return ENTITIES[ent.toLowerCase()];
    const code = ent[1] === "x" || ent[1] === "X" ? parseInt(ent.slice(2), 16) : parseInt(ent.slice(1), 10);
    return code > 0 && code <= 0x10ffff && (code < 0xd800 || code > 0xdfff) ? String.fromCodePoint(code) : "";
  });
}

export function encodeXmlText(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

/**
 * Control characters other than tab, line feed and carriage return, and lone
 * surrogates. PostgreSQL refuses NUL in text, and none of these carry meaning
 * in a VM's configuration, so they are dropped wherever cell text is read.
 */
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

export function dropControlChars(s: string): string {
  return CONTROL.test(s) ? ((CONTROL.lastIndex = 0), s.replace(CONTROL, "")) : s;
}

/**
 * OOXML writes characters XML cannot hold as `_xHHHH_` (ECMA-376 ST_Xstring):
 * `_x0000_` is NUL, `_x000D_` a carriage return, and `_x005F_` escapes a
 * literal underscore so that `_x005F_x0000_` reads as the text "_x0000_".
 */
export function decodeOoxmlEscapes(s: string): string {
  if (!s.includes("_x")) return s;
  return s.replace(/_x([0-9a-fA-F]{4})_/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

/** Cell text as stored in a part -> the text a person would see, safe to store. */
export function cellText(raw: string): string {
  return dropControlChars(decodeOoxmlEscapes(decodeXmlText(raw)));
}

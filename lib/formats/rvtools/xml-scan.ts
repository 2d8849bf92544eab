/**
 * A forward-only tag scanner for the SpreadsheetML parts of a workbook. It
 * never builds a tree: each call finds the next tag with indexOf, so a part
 * costs one pass whatever it holds, and an unclosed element cannot make it
 * backtrack. Names are compared by their LOCAL part, so `<x:c>` (the OpenXML
 * SDK, which RVTools uses, prefixes every element) and `<c>` (Excel, exceljs)
 * read the same. Entities other than the five predefined ones and character
 * references are never expanded.
 */
export class XmlTag {
  constructor(
    private readonly xml: string,
    /** "open", "close" or "empty" (self-closing). */
    readonly kind: "open" | "close" | "empty",
    /** Index of "<". */
    readonly start: number,
    /** Index just after ">". */
    readonly end: number,
    private readonly nameStart: number,
    private readonly localStart: number,
    private readonly nameEnd: number,
    private readonly attrEnd: number,
  ) {}

  /** Whether the name, without its namespace prefix, is `name`: "c" matches both `<c>` and `<x:c>`. */
  is(name: string): boolean {
    return this.nameEnd - this.localStart === name.length && this.xml.startsWith(name, this.localStart);
  }

  /** Name without its namespace prefix. */
  get local(): string {
    return this.xml.slice(this.localStart, this.nameEnd);
  }

  /** Name as written, e.g. "x:c". */
  get qname(): string {
    return this.xml.slice(this.nameStart, this.nameEnd);
  }

  /** Raw attribute text between the name and ">" (or "/>"). */
  get attrs(): string {
    return this.xml.slice(this.nameEnd, this.attrEnd);
  }
}

/** The next element tag at or after `from`, skipping comments, CDATA, processing instructions and declarations. */
export function nextTag(xml: string, from: number): XmlTag | null {
  let i = xml.indexOf("<", from);
  const n = xml.length;
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
    let localStart = nameStart;
    for (; j < n; j++) {
      const ch = xml.charCodeAt(j);
      if (ch <= 32 || ch === 47 || ch === 62) break;
      if (ch === 58) localStart = j + 1;
    }
    // ">" may legally appear inside a quoted attribute value.
    let k = j;
    for (; k < n; k++) {
      const ch = xml.charCodeAt(k);
      if (ch === 62) break;
      if (ch === 34 || ch === 39) {
        const q = xml.indexOf(ch === 34 ? '"' : "'", k + 1);
        if (q < 0) return null;
        k = q;
      }
    }
    if (k >= n) return null;
    const selfClosing = xml.charCodeAt(k - 1) === 47;
    return new XmlTag(xml, closing ? "close" : selfClosing ? "empty" : "open", i, k + 1, nameStart, localStart, j, selfClosing ? k - 1 : k);
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

/**
 * `name="value"` with no space around "=", as every writer seen emits it:
 * an indexOf instead of a regular expression, for the two attributes of
 * each of a million cells. Falls back to attrValue for anything else.
 */
export function quickAttr(attrs: string, name: string): string | null {
  const key = name + "=";
  for (let i = attrs.indexOf(key); i >= 0; i = attrs.indexOf(key, i + 1)) {
    const prev = i === 0 ? 32 : attrs.charCodeAt(i - 1);
    if (prev !== 32 && prev !== 9 && prev !== 10 && prev !== 13) continue;
    const q = attrs.charCodeAt(i + key.length);
    if (q !== 34 && q !== 39) break;
    const e = attrs.indexOf(q === 34 ? '"' : "'", i + key.length + 1);
    if (e < 0) return null;
    const v = attrs.slice(i + key.length + 1, e);
    return v.includes("&") ? decodeXmlText(v) : v;
  }
  return attrs.includes(name) ? attrValue(attrs, name) : null;
}

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

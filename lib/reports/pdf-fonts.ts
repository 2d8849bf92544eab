import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";

/**
 * Fonts for the PDF reports. Latin text keeps the standard Helvetica (no file
 * to embed); anything Helvetica cannot draw is set in Noto Sans JP (kana,
 * kanji, hangul-free CJK, Greek, Cyrillic, arrows and maths) or, for emoji, in
 * the monochrome Noto Emoji, both embedded as subsets by pdfkit. Text is cut
 * into runs by the font that has each character (fontkit's
 * hasGlyphForCodePoint); a character none has becomes "?".
 */

type Doc = PDFKit.PDFDocument;

export type FontFace = "latin" | "cjk" | "emoji";
export interface TextRun { face: FontFace; text: string }

interface FontkitFont { hasGlyphForCodePoint(codePoint: number): boolean }

// Resolved from the project root at run time, so no bundler rewrites the paths.
const projectRequire = createRequire(path.join(process.cwd(), "package.json"));

function fontFile(pkg: string, relative: string): string {
  return path.join(path.dirname(projectRequire.resolve(pkg)), relative);
}

interface LoadedFonts {
  regular: Buffer;
  bold: Buffer;
  emoji: Buffer;
  cjkFont: FontkitFont;
  emojiFont: FontkitFont;
}

const CACHE_KEY = Symbol.for("vmcompare.pdfFonts");

/** Read and parsed once per process: about 10 MB of font files. */
function fonts(): LoadedFonts {
  const g = globalThis as { [CACHE_KEY]?: LoadedFonts };
  if (!g[CACHE_KEY]) {
    const fontkit = projectRequire("fontkit") as { create(data: Buffer): FontkitFont };
    const regular = fs.readFileSync(fontFile("@embedpdf/fonts-jp", "../fonts/NotoSansJP-Regular.otf"));
    const bold = fs.readFileSync(fontFile("@embedpdf/fonts-jp", "../fonts/NotoSansJP-Bold.otf"));
    const emoji = fs.readFileSync(fontFile("@expo-google-fonts/noto-emoji", "400Regular/NotoEmoji_400Regular.ttf"));
    g[CACHE_KEY] = { regular, bold, emoji, cjkFont: fontkit.create(regular), emojiFont: fontkit.create(emoji) };
  }
  return g[CACHE_KEY];
}

/** Windows-1252 text, which the standard fonts draw. */
const WIN_ANSI = /[\u0000-\u00ff\u2013\u2014\u2018\u2019\u201c\u201d\u2022\u2026\u20ac]/;
/** Joiners and variation selectors: they belong to the run before them and are dropped where no font has them. */
const JOINERS = /[\u200d\ufe0e\ufe0f]/;

/** Cuts text into runs, each in one font that has every character of it. */
export function textRuns(text: string): TextRun[] {
  const runs: TextRun[] = [];
  let loaded: LoadedFonts | null = null;
  const push = (face: FontFace, ch: string) => {
    const last = runs[runs.length - 1];
    if (last && last.face === face) last.text += ch;
    else runs.push({ face, text: ch });
  };
  for (const ch of text) {
    if (WIN_ANSI.test(ch)) { push("latin", ch); continue; }
    loaded ??= fonts();
    const cp = ch.codePointAt(0)!;
    const prev = runs[runs.length - 1]?.face;
    if (JOINERS.test(ch)) {
      if (prev === "emoji" && loaded.emojiFont.hasGlyphForCodePoint(cp)) push("emoji", ch);
      continue;
    }
    if (loaded.cjkFont.hasGlyphForCodePoint(cp)) push("cjk", ch);
    else if (loaded.emojiFont.hasGlyphForCodePoint(cp)) push("emoji", ch);
    else push("latin", "?");
  }
  return runs;
}

const registered = new WeakSet<Doc>();
const boldDocs = new WeakMap<Doc, boolean>();

function fontName(face: FontFace, bold: boolean): string {
  if (face === "latin") return bold ? "Helvetica-Bold" : "Helvetica";
  if (face === "cjk") return bold ? "NotoSansJP-Bold" : "NotoSansJP";
  return "NotoEmoji";
}

function useFace(doc: Doc, face: FontFace): void {
  if (face !== "latin" && !registered.has(doc)) {
    // Registering only stores the bytes; pdfkit parses and embeds a font when it is first used.
    const f = fonts();
    doc.registerFont("NotoSansJP", f.regular);
    doc.registerFont("NotoSansJP-Bold", f.bold);
    doc.registerFont("NotoEmoji", f.emoji);
    registered.add(doc);
  }
  doc.font(fontName(face, boldDocs.get(doc) ?? false));
}

/** Sets the report's text weight (Helvetica or Helvetica-Bold for Latin text). */
export function setWeight(doc: Doc, bold = false): Doc {
  boldDocs.set(doc, bold);
  return doc.font(fontName("latin", bold));
}

/** Writes text at (x, y) with pdfkit's options, switching fonts between runs. */
export function writeText(doc: Doc, text: string, x: number, y: number, options: PDFKit.Mixins.TextOptions = {}): void {
  const runs = textRuns(text);
  if (runs.length <= 1) {
    useFace(doc, runs[0]?.face ?? "latin");
    doc.text(runs[0]?.text ?? "", x, y, options);
  } else {
    runs.forEach((run, i) => {
      useFace(doc, run.face);
      const opts = { ...options, continued: i < runs.length - 1 };
      if (i === 0) doc.text(run.text, x, y, opts);
      else doc.text(run.text, opts);
    });
  }
  useFace(doc, "latin");
}

/** The width of text on one line at the current size, run by run. */
export function textWidth(doc: Doc, text: string): number {
  let w = 0;
  for (const run of textRuns(text)) {
    useFace(doc, run.face);
    w += doc.widthOfString(run.text);
  }
  useFace(doc, "latin");
  return w;
}

/** The height of wrapped text; measured in the CJK font when any run needs it (its lines are taller). */
export function textHeight(doc: Doc, text: string, options: PDFKit.Mixins.TextOptions = {}): number {
  const runs = textRuns(text);
  const face = runs.some((r) => r.face !== "latin") ? "cjk" : "latin";
  useFace(doc, face);
  const h = doc.heightOfString(runs.map((r) => r.text).join(""), options);
  useFace(doc, "latin");
  return h;
}

import { PDFParse } from "pdf-parse";

/** A PDF read back by an independent reader (pdf-parse): its text and page count. For tests. */
export async function pdfText(buf: Uint8Array): Promise<{ text: string; pages: number }> {
  const parser = new PDFParse({ data: new Uint8Array(buf) });
  try {
    const r = await parser.getText();
    return { text: r.text, pages: r.total };
  } finally {
    await parser.destroy();
  }
}

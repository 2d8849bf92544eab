import { writeZip } from "@/lib/formats/rvtools/zip";

/**
 * A hostile but well-formed xlsx: a "vInfo" sheet whose every row holds one
 * empty cell in the last column Excel allows (XFD, the 16,384th). It is tiny
 * compressed (about 280 KB for 60,000 rows) and holds no value at all, yet a
 * reader that fills each row up to its last column builds a billion cells.
 */
export function sparseColumnWorkbook(rows = 60_000): Buffer {
  const enc = (s: string) => Buffer.from(s, "utf8");
  const sheetRows: string[] = [];
  for (let r = 1; r <= rows; r++) sheetRows.push(`<row r="${r}"><c r="XFD${r}"/></row>`);
  const ns = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"';
  const rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
  return writeZip([
    {
      name: "[Content_Types].xml",
      content: enc(
        '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
          '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
          '<Default Extension="xml" ContentType="application/xml"/>' +
          '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>' +
          '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>' +
          "</Types>",
      ),
    },
    {
      name: "_rels/.rels",
      content: enc(`<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${rel}/officeDocument" Target="xl/workbook.xml"/></Relationships>`),
    },
    {
      name: "xl/workbook.xml",
      content: enc(`<?xml version="1.0" encoding="UTF-8"?><workbook ${ns} xmlns:r="${rel}"><sheets><sheet name="vInfo" sheetId="1" r:id="rId1"/></sheets></workbook>`),
    },
    {
      name: "xl/_rels/workbook.xml.rels",
      content: enc(`<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${rel}/worksheet" Target="worksheets/sheet1.xml"/></Relationships>`),
    },
    {
      name: "xl/worksheets/sheet1.xml",
      content: enc(`<?xml version="1.0" encoding="UTF-8"?><worksheet ${ns}><dimension ref="XFD1:XFD${rows}"/><sheetData>${sheetRows.join("")}</sheetData></worksheet>`),
    },
  ]);
}

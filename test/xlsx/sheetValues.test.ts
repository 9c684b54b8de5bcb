/**
 * The worksheet reader on its own: every kind of cell OOXML has, and the same values
 * however the bytes arrive (split anywhere, a UTF-8 character included).
 */
import { SheetSplitter, SheetValues } from "../../src/hosts/xlsx/package/sheetXml";
import { CellValue } from "../../src/workbook/grid";

const SST = ["Item", "KIT-DESK", "Zürich"];

const XML =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
  '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><dimension ref="A1:H6"/>' +
  "<sheetData>" +
  '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="s"><v>2</v></c><c r="D1" t="s"><v>7</v></c></row>' +
  '<row r="2" spans="1:8"><c r="A2"><v>42</v></c><c r="B2"><v>-0.75</v></c><c r="C2"><v>1.5E-3</v></c><c r="D2" s="3"><v>46447</v></c>' +
  '<c r="E2"><v>123456789012345678</v></c><c r="F2"><v>-7</v></c><c r="H2" t="n"><v>007</v></c></row>' +
  '<row r="3"><c r="A3" t="inlineStr"><is><t>plain</t></is></c><c r="B3" t="inlineStr"><is><t>Fish &amp; Chips</t></is></c>' +
  '<c r="C3" t="inlineStr"><is><t>Zürich ✓</t></is></c><c r="D3" t="inlineStr"><is><t>a_x000D_b</t></is></c>' +
  '<c r="E3" t="inlineStr"><is><r><t>rich </t></r><r><rPr><b/></rPr><t>text</t></r></is></c>' +
  '<c r="F3" t="inlineStr"><is><t xml:space="preserve"> spaced </t></is></c><c r="G3" t="inlineStr"><is><t>plain</t></is></c></row>' +
  '<row r="5"><c r="A5" t="b"><v>1</v></c><c r="B5" t="b"><v>0</v></c><c r="C5" t="e"><v>#N/A</v></c>' +
  '<c r="D5" t="str"><f>A1&amp;"x"</f><v>Itemx</v></c><c r="E5"><f>1+1</f></c><c r="F5" s="2"/><c r="G5" t="str"><v>&lt;tag&gt;</v></c></row>' +
  "<row><c><v>1</v></c><c><v>2</v></c><c r=\"E6\" t='s'><v>0</v></c></row>" +
  "</sheetData><pageMargins/></worksheet>";

const EXPECTED: CellValue[][] = [
  ["Item", "KIT-DESK", "Zürich", { error: "a string missing from the shared strings" }],
  [42, -0.75, 0.0015, 46447, 123456789012345680, -7, null, 7],
  ["plain", "Fish & Chips", "Zürich ✓", "a\rb", "rich text", " spaced ", "plain"],
  [],
  [
    true,
    false,
    { error: "#N/A" },
    "Itemx",
    { error: "a formula Excel has not calculated" },
    null,
    "<tag>",
  ],
  [1, 2, null, null, "Item"],
];

function read(pieces: Uint8Array[]): CellValue[][] {
  const values = new SheetValues(SST, (v) => v);
  for (const p of pieces) values.pushBytes(p);
  return values.end().map((r) => r.map((c) => (c === undefined ? null : c)));
}

const bytes = new TextEncoder().encode(XML);

test("every kind of cell, read whole", () => {
  expect(read([bytes])).toEqual(EXPECTED);
});

test("the same values wherever the bytes are cut, in two pieces or in many", () => {
  for (let cut = 1; cut < bytes.length; cut++) {
    const got = read([bytes.subarray(0, cut), bytes.subarray(cut)]);
    expect({ cut, got }).toEqual({ cut, got: EXPECTED });
  }
  for (const size of [1, 2, 3, 7, 64]) {
    const pieces: Uint8Array[] = [];
    for (let i = 0; i < bytes.length; i += size) pieces.push(bytes.subarray(i, i + size));
    expect({ size, got: read(pieces) }).toEqual({ size, got: EXPECTED });
  }
});

test("repeated and changing texts: a column's last text, the text table, and its growth", () => {
  // Column A: 3,000 texts of the same length, each twice (the row above, then the table);
  // B: the same text, then one of the same bytes' length that is not ASCII; C: long texts.
  const texts = Array.from({ length: 3000 }, (_, i) => `BSO-${String(i).padStart(6, "0")}`);
  const expected: CellValue[][] = [];
  let xml = "<worksheet><sheetData>";
  const inline = (ref: string, t: string) => `<c r="${ref}" t="inlineStr"><is><t>${t}</t></is></c>`;
  for (let r = 1; r <= 6000; r++) {
    const a = texts[(r - 1) % 2 === 0 ? (r - 1) / 2 : (r * 7) % 3000];
    const b = r % 3 === 0 ? "Zürich" : "Zurich"; // 7 bytes, 6 characters; 6 bytes
    const c = `${"x".repeat(40)}${r % 5}`;
    xml += `<row r="${r}">${inline(`A${r}`, a)}${inline(`B${r}`, b)}${inline(`C${r}`, c)}</row>`;
    expected.push([a, b, c]);
  }
  xml += "</sheetData></worksheet>";
  const data = new TextEncoder().encode(xml);
  for (const size of [data.length, 4096, 333]) {
    const pieces: Uint8Array[] = [];
    for (let i = 0; i < data.length; i += size) pieces.push(data.subarray(i, i + size));
    expect(read(pieces)).toEqual(expected);
  }
});

test("text pushed as a string (a sheet the package wrote) reads the same", () => {
  const values = new SheetValues(SST, (v) => v);
  values.push(XML);
  expect(values.end().map((r) => r.map((c) => (c === undefined ? null : c)))).toEqual(EXPECTED);
});

test("damaged XML is a MalformedXml error, not a wrong value", () => {
  const cut = new TextEncoder().encode(XML.slice(0, XML.indexOf("</sheetData>") - 20));
  expect(() => read([cut])).toThrow("the sheet's cell data is cut off");
  const outOfOrder = XML.replace('<row r="5">', '<row r="2">');
  expect(() => read([new TextEncoder().encode(outOfOrder)])).toThrow("out of order");
});

test("the splitter hands on every byte once, wanted rows as text, wherever the bytes are cut", () => {
  const split = (pieces: Uint8Array[]) => {
    const out: string[] = [];
    const rows: number[] = [];
    // As the writer asks: the rows at or after the next one it writes.
    const writes = [2, 6];
    let next = 0;
    const splitter = new SheetSplitter(
      {
        head: (t) => out.push(`[head]${t}`),
        copy: (b) => out.push(new TextDecoder().decode(b)),
        row: (xml, row) => {
          while (next < writes.length && writes[next] <= row) next++;
          rows.push(row);
          out.push(`[row ${row}]${xml}`);
        },
        tail: (t) => out.push(`[tail]${t}`),
      },
      (row) => next < writes.length && writes[next] <= row
    );
    for (const p of pieces) splitter.pushBytes(p);
    splitter.end();
    return { text: out.join(""), rows };
  };
  const whole = split([bytes]);
  expect(whole.rows).toEqual([2, 6]);
  // Every byte of the part, in order, but the sheetData tags (the writer writes its own).
  expect(whole.text.replace(/\[(head|tail|row \d+)\]/g, "")).toBe(
    XML.replace("<sheetData>", "").replace("</sheetData>", "")
  );
  expect(whole.text).toContain('[row 2]<row r="2" spans="1:8">');
  expect(whole.text).toContain("[row 6]<row><c><v>1</v></c>");
  for (let cut = 1; cut < bytes.length; cut++)
    expect({ cut, ...split([bytes.subarray(0, cut), bytes.subarray(cut)]) }).toEqual({
      cut,
      ...whole,
    });
});

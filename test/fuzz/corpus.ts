/**
 * A corpus of damaged and awkward workbooks for the readers: broken packages, odd cells,
 * huge values, empty expanses. `damagedCorpus(seed, count)` makes a reproducible slice;
 * npm test runs a bounded one, a longer hunt raises the count (FUZZ_CASES).
 */
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { workbook, blanket } from "../builders";
import { CellValue, WorkbookGrids } from "../../src/workbook/grid";

export interface Case {
  name: string;
  bytes: Buffer;
}

/** A small deterministic random generator (mulberry32). */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

async function xlsx(grids: WorkbookGrids, edit?: (wb: ExcelJS.Workbook) => void): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  for (const s of grids.sheets) {
    const ws = wb.addWorksheet(s.name);
    s.rows.forEach((r, i) =>
      r.forEach((v, c) => {
        if (v === null) return;
        ws.getRow(i + 1).getCell(c + 1).value =
          typeof v === "object" ? ({ error: v.error } as ExcelJS.CellErrorValue) : v;
      })
    );
  }
  edit?.(wb);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** Well-formed packages with awkward contents. */
export async function awkwardCases(): Promise<Case[]> {
  const base = workbook();
  const blanketSheet = (wb: ExcelJS.Workbook) => wb.getWorksheet("Blanket Orders")!;
  const cases: [string, () => Promise<Buffer>][] = [
    [
      "duplicate headers",
      () => xlsx(base, (wb) => (blanketSheet(wb).getCell("P1").value = "Quantity")),
    ],
    [
      "missing headers",
      () =>
        xlsx({
          sheets: [
            base.sheets[0],
            base.sheets[1],
            { name: "Blanket Orders", rows: [["Whatever"], ["BSO-1", 3]] },
          ],
        }),
    ],
    ["merged cells", () => xlsx(base, (wb) => blanketSheet(wb).mergeCells("A2:C2"))],
    [
      "error cells",
      () =>
        xlsx(
          workbook({
            blanket: [
              blanket({ qty: { error: "#N/A" }, extra: { Description: { error: "#REF!" } } }),
            ],
          })
        ),
    ],
    [
      "formula with a cached result",
      () =>
        xlsx(
          base,
          (wb) =>
            (blanketSheet(wb).getCell("G2").value = {
              formula: "5*2",
              result: 10,
            } as ExcelJS.CellFormulaValue)
        ),
    ],
    [
      "formula without a cached result",
      () =>
        xlsx(
          base,
          (wb) =>
            (blanketSheet(wb).getCell("G2").value = { formula: "5*2" } as ExcelJS.CellFormulaValue)
        ),
    ],
    ["1e308 quantity", () => xlsx(workbook({ blanket: [blanket({ qty: 1e308 })] }))],
    [
      "50,000-character text",
      () =>
        xlsx(
          workbook({
            blanket: [
              blanket({
                extra: {
                  Description: "x".repeat(50000),
                  "External Document No.": "=".repeat(40000),
                },
              }),
            ],
          })
        ),
    ],
    [
      "dates as text",
      () =>
        xlsx(
          workbook({
            blanket: [
              blanket({ extra: { "Shipment Date": "1 March 2027", "Order Date": "2027-13-45" } }),
            ],
          })
        ),
    ],
    [
      "100,000 empty rows then data",
      () => xlsx(base, (wb) => (blanketSheet(wb).getCell("A100002").value = "BSO-LATE")),
    ],
    [
      "booleans and rich text",
      () =>
        xlsx(base, (wb) => {
          blanketSheet(wb).getCell("G2").value = true;
          blanketSheet(wb).getCell("F2").value = {
            richText: [{ text: "KI" }, { text: "T" }],
          } as ExcelJS.CellRichTextValue;
        }),
    ],
    [
      "hyperlink cells",
      () =>
        xlsx(
          base,
          (wb) =>
            (blanketSheet(wb).getCell("F2").value = {
              text: "KIT",
              hyperlink: "https://example.com",
            } as ExcelJS.CellHyperlinkValue)
        ),
    ],
    [
      "no sheets the product knows",
      () => xlsx({ sheets: [{ name: "Sheet1", rows: [["hello"]] }] }),
    ],
  ];
  return Promise.all(cases.map(async ([name, make]) => ({ name, bytes: await make() })));
}

/** Broken packages: truncated, flipped bytes, not zips, zips without or with a broken workbook. */
export async function damagedCorpus(seed: number, count: number): Promise<Case[]> {
  const rnd = random(seed);
  const good = await xlsx(workbook());
  const out: Case[] = [
    { name: "empty file", bytes: Buffer.alloc(0) },
    { name: "text file", bytes: Buffer.from("Document No.;Quantity\nBSO-1;4\n") },
    {
      name: "zip without a workbook",
      bytes: await new JSZip().file("hello.txt", "hi").generateAsync({ type: "nodebuffer" }),
    },
  ];
  const zip = await JSZip.loadAsync(good);
  zip.file("xl/workbook.xml", "<workbook><sheets><sheet name=");
  out.push({ name: "broken workbook.xml", bytes: await zip.generateAsync({ type: "nodebuffer" }) });
  const zip2 = await JSZip.loadAsync(good);
  const sheetPart = Object.keys(zip2.files).find((n) => n.startsWith("xl/worksheets/sheet"))!;
  zip2.file(sheetPart, "<worksheet><sheetData><row r='1'><c r='A1' t='s'><v>999999</v></c></row>");
  out.push({
    name: "broken sheet XML, shared string out of range",
    bytes: await zip2.generateAsync({ type: "nodebuffer" }),
  });
  for (let i = 0; out.length < count; i++) {
    const bytes = Buffer.from(good);
    if (i % 2 === 0) {
      out.push({
        name: `truncated at ${Math.floor(rnd() * bytes.length)}`,
        bytes: bytes.subarray(0, Math.floor(rnd() * bytes.length)),
      });
    } else {
      const flips = 1 + Math.floor(rnd() * 20);
      for (let f = 0; f < flips; f++)
        bytes[Math.floor(rnd() * bytes.length)] = Math.floor(rnd() * 256);
      out.push({ name: `${flips} bytes flipped (seed ${seed}, case ${i})`, bytes });
    }
  }
  return out;
}

export type { CellValue };

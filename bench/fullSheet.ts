/**
 * The planner's workbook (test/corpus/planner-xlsxwriter.xlsx: Dashboard, chart, image,
 * notes, conditional formats, names, hidden sheet...) with its Blanket Orders sheet
 * filled to Excel's last row: the sample's lines first, then generated blanket lines of
 * stock items, ten per blanket order. Written in pieces, never whole in memory.
 */
import * as fs from "fs";
import * as path from "path";
import { unzipSync, Zip, ZipDeflate } from "fflate";
import { EXCEL_ROWS } from "../src/workbook/documents";

const PLANNER = path.join(__dirname, "..", "..", "test", "corpus", "planner-xlsxwriter.xlsx");
const ITEMS = ["FRAME-01", "TOP-160", "MOTOR-2", "CABLE-TRAY"];

const str = (ref: string, text: string): string =>
  `<c r="${ref}" t="inlineStr"><is><t>${text}</t></is></c>`;
const num = (ref: string, n: number): string => `<c r="${ref}"><v>${n}</v></c>`;

function generatedRow(r: number): string {
  const i = r - 11;
  const order = `BSO-${200000 + Math.floor(i / 10)}`;
  const qty = 10 + (i % 7);
  return (
    `<row r="${r}">` +
    str(`A${r}`, order) +
    str(`B${r}`, "C10000") +
    str(`C${r}`, "Adatum Corporation") +
    num(`D${r}`, 46296) +
    num(`G${r}`, ((i % 10) + 1) * 10000) +
    str(`H${r}`, "Item") +
    str(`I${r}`, ITEMS[i % ITEMS.length]) +
    num(`L${r}`, qty) +
    num(`P${r}`, 5) +
    num(`Q${r}`, 46433 + (i % 300)) +
    num(`S${r}`, 0) +
    num(`T${r}`, qty) +
    "</row>"
  );
}

/** Writes the full-sheet workbook to `file`; returns the number of blanket lines. */
export function writeFullSheetWorkbook(file: string, lastRow = EXCEL_ROWS): number {
  const parts = unzipSync(fs.readFileSync(PLANNER));
  const decoder = new TextDecoder();
  const encoder = new TextEncoder();
  const sheetPath = "xl/worksheets/sheet7.xml";
  const tablePath = "xl/tables/table6.xml";
  const sheet = decoder.decode(parts[sheetPath]);
  if (!sheet.includes('<c r="A2" s="4" t="s">'))
    throw new Error(`${sheetPath} is not Blanket Orders`);
  const table = decoder.decode(parts[tablePath]);
  if (!table.includes('name="BlanketOrders"')) throw new Error(`${tablePath} is not BlanketOrders`);
  const rowsEnd = sheet.indexOf("</sheetData>");
  const head = sheet
    .slice(0, rowsEnd)
    .replace(/<dimension ref="[^"]*"\/>/, `<dimension ref="A1:W${lastRow}"/>`);
  const tail = sheet.slice(rowsEnd);
  parts[tablePath] = encoder.encode(table.replace(/ref="A1:T10"/g, `ref="A1:T${lastRow}"`));

  const out = fs.openSync(file, "w");
  const zip = new Zip((err, chunk) => {
    if (err) throw err;
    fs.writeSync(out, chunk);
  });
  for (const [name, bytes] of Object.entries(parts)) {
    const part = new ZipDeflate(name, { level: 1 });
    zip.add(part);
    if (name !== sheetPath) {
      part.push(bytes, true);
      continue;
    }
    part.push(encoder.encode(head));
    let chunk: string[] = [];
    for (let r = 11; r <= lastRow; r++) {
      chunk.push(generatedRow(r));
      if (chunk.length === 20_000) {
        part.push(encoder.encode(chunk.join("")));
        chunk = [];
      }
    }
    part.push(encoder.encode(chunk.join("") + tail), true);
  }
  zip.end();
  fs.closeSync(out);
  return lastRow - 1;
}

/**
 * The CLI against its floor: `bao assemble` of 5,000 blanket lines x 20 components
 * (100,000 assembly rows), beside exceljs's ordinary API alone reading and writing the
 * resulting workbook, each in a fresh process, medians of several runs.
 */
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { gridsToXlsx } from "../src/hosts/xlsx/xlsxFile";
import { EXCEL_ROWS } from "../src/workbook/documents";
import { BOM_LINES, blanketWorkbook } from "./workloads";
import type { Result } from "./run";
import ExcelJS from "exceljs";

const root = path.join(__dirname, "..", "..");

/** Runs `script` in a fresh node process; it prints its own peak memory when done. */
function timeProcess(script: string, runs: number): { ms: number; peakRssMb: number } {
  const ms: number[] = [];
  let peak = 0;
  const wrapped = `(async()=>{${script}})().then(()=>process.stdout.write("\\nPEAK "+process.resourceUsage().maxRSS))`;
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    const out = execFileSync(process.execPath, ["-e", wrapped], {
      encoding: "utf8",
      maxBuffer: 1 << 24,
    });
    ms.push(performance.now() - t);
    const m = /PEAK (\d+)/.exec(out);
    if (!m) throw new Error(`no result from: ${out.slice(0, 300)}`);
    peak = Math.max(peak, Number(m[1]) / 1024);
  }
  ms.sort((a, b) => a - b);
  return { ms: ms[Math.floor(ms.length / 2)], peakRssMb: Math.round(peak) };
}

/** A workbook whose Blanket Orders sheet is full: 1,048,575 lines under the header. */
async function fullSheetWorkbook(file: string): Promise<void> {
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useSharedStrings: false });
  const add = (name: string, rows: (string | number | null)[][]) => {
    const ws = wb.addWorksheet(name);
    for (const r of rows) ws.addRow(r).commit();
    return ws;
  };
  add("Items", [
    ["No.", "Description", "Base Unit of Measure", "Assembly Policy", "Unit Price"],
    ["KIT", "Kit", "PCS", "Assemble-to-Order", 250],
    ["PART", "Part", "PCS", "Assemble-to-Stock", 3],
  ]).commit();
  add("Assembly BOMs", [
    ["Parent Item No.", "Line No.", "Type", "No.", "Quantity per"],
    ["KIT", 10000, "Item", "PART", 2],
  ]).commit();
  const b = add("Blanket Orders", [
    [
      "Document No.",
      "Sell-to Customer No.",
      "Line No.",
      "Type",
      "No.",
      "Quantity",
      "Qty. to Assemble to Order",
      "Unit Price",
      "Qty. to Ship",
    ],
  ]);
  for (let i = 0; i < EXCEL_ROWS - 1; i++) {
    b.addRow([
      `BSO-${String(Math.floor(i / 100)).padStart(5, "0")}`,
      "C1",
      ((i % 100) + 1) * 10000,
      "Item",
      "KIT",
      5,
      0,
      250,
      i < 3 ? 1 : null,
    ]).commit();
  }
  b.commit();
  await wb.commit();
}

export async function cliResults(quick: boolean): Promise<Result[]> {
  const lines = quick ? 1000 : 5000;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "bao-bench-"));
  try {
    const input = path.join(dir, "input.xlsx");
    fs.writeFileSync(input, gridsToXlsx(blanketWorkbook(lines)));
    const output = path.join(dir, "output.xlsx");
    const runs = quick ? 1 : 3;
    const cliMain = path.join(root, "lib", "src", "cli", "bao.js");
    const io = "{out(){},err(t){process.stderr.write(t+'\\n')}}";
    const cli = timeProcess(
      `const c=await require(${JSON.stringify(cliMain)}).main(["assemble",${JSON.stringify(input)},"-o",${JSON.stringify(output)}],${io});if(c)throw new Error("exit "+c);`,
      runs
    );
    const floorScript = `const E=require(${JSON.stringify(require.resolve("exceljs"))});const w=new E.Workbook();await w.xlsx.readFile(${JSON.stringify(output)});await w.xlsx.writeFile(${JSON.stringify(path.join(dir, "floor.xlsx"))});`;
    const floor = timeProcess(floorScript, runs);
    const rows = lines * BOM_LINES;
    const full: Result[] = [];
    if (!quick) {
      const big = path.join(dir, "full-sheet.xlsx");
      await fullSheetWorkbook(big);
      const io2 = "{out(){},err(){}}";
      const v = timeProcess(
        `const c=await require(${JSON.stringify(cliMain)}).main(["validate",${JSON.stringify(big)}],${io2});if(c)throw new Error("exit "+c);`,
        1
      );
      full.push({
        name: `bao validate, a full sheet (${EXCEL_ROWS - 1} blanket lines)`,
        rows: EXCEL_ROWS - 1,
        ms: v.ms,
        peakRssMb: v.peakRssMb,
      });
      const m = timeProcess(
        `const c=await require(${JSON.stringify(cliMain)}).main(["make-order",${JSON.stringify(big)},"--order","BSO-00000","--date","2027-01-15","-o",${JSON.stringify(path.join(dir, "full-out.xlsx"))}],${io2});if(c)throw new Error("exit "+c);`,
        1
      );
      full.push({
        name: `bao make-order on a full sheet (writes ${EXCEL_ROWS - 1} rows back)`,
        rows: EXCEL_ROWS - 1,
        ms: m.ms,
        peakRssMb: m.peakRssMb,
      });
    }
    return [
      {
        name: `bao assemble, ${lines} blanket lines (${rows} assembly rows)`,
        rows,
        ms: cli.ms,
        floorMs: floor.ms,
        peakRssMb: cli.peakRssMb,
        note: `exceljs read+write alone: ${floor.peakRssMb} MB peak`,
      },
      ...full,
    ];
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** Helpers for tests on real .xlsx files in temporary folders. */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import ExcelJS from "exceljs";
import { WorkbookGrids } from "../../src/workbook/grid";
import { main } from "../../src/cli/bao";
import { loadWorkbook } from "../../src/hosts/xlsx/xlsxHost";

export function tempDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), "bao-test-"));
}

/** Writes grids as plain ranges, dates as Date cells where a column says so. */
export async function writeXlsx(
  file: string,
  grids: WorkbookGrids,
  dateColumns: string[] = ["Shipment Date", "Order Date", "Due Date"]
): Promise<void> {
  const wb = new ExcelJS.Workbook();
  for (const s of grids.sheets) {
    const ws = wb.addWorksheet(s.name);
    const headers = (s.rows[0] ?? []).map(String);
    s.rows.forEach((r, i) => {
      const row = ws.getRow(i + 1);
      r.forEach((v, c) => {
        if (v === null) return;
        if (typeof v === "object")
          row.getCell(c + 1).value = { error: v.error } as ExcelJS.CellErrorValue;
        else if (i > 0 && typeof v === "number" && dateColumns.includes(headers[c]))
          row.getCell(c + 1).value = new Date((v - 25569) * 86400000);
        else row.getCell(c + 1).value = v;
      });
    });
  }
  await wb.xlsx.writeFile(file);
}

export interface Run {
  code: number;
  out: string;
  err: string;
}

export async function bao(...argv: string[]): Promise<Run> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(argv, {
    out: (t) => out.push(t),
    err: (t) => err.push(t),
    today: () => 46402,
  });
  return { code, out: out.join("\n"), err: err.join("\n") };
}

export async function readGrids(file: string): Promise<WorkbookGrids> {
  return (await loadWorkbook(file)).grids;
}

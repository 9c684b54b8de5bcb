/** .xlsx files in the browser, through exceljs (loaded only when a file is opened or saved). */
import ExcelJS from "exceljs";
import { gridsAsTables } from "../../workbook/documents";
import { applyPlanToWorkbook, newWorkbook, workbookToGrids } from "./xlsxWorkbook";
import { CellValue, WorkbookGrids } from "../../workbook/grid";
import { INPUT_SHEETS, OUTPUT_SHEETS } from "../../workbook/schema";
import { WritePlan } from "../../workbook/writePlan";

export type XlsxWorkbook = ExcelJS.Workbook;

export async function readXlsx(
  data: ArrayBuffer
): Promise<{ workbook: ExcelJS.Workbook; grids: WorkbookGrids }> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(data);
  return { workbook, grids: workbookToGrids(workbook) };
}

export function applyToXlsx(workbook: ExcelJS.Workbook, plan: WritePlan): void {
  applyPlanToWorkbook(workbook, plan);
}

export function setXlsxCell(
  workbook: ExcelJS.Workbook,
  sheet: string,
  row: number,
  col: number,
  value: CellValue
): void {
  const ws =
    workbook.worksheets.find((w) => w.name.toLowerCase() === sheet.toLowerCase()) ??
    workbook.addWorksheet(sheet);
  ws.getRow(row).getCell(col + 1).value =
    value !== null && typeof value === "object" ? null : value;
}

/** The workbook to download: the loaded file with every change applied, or a new one from the grids. */
export async function xlsxBlob(grids: WorkbookGrids, loaded?: ExcelJS.Workbook): Promise<Blob> {
  let workbook = loaded;
  if (!workbook) {
    workbook = newWorkbook();
    const known = new Set([...INPUT_SHEETS, ...OUTPUT_SHEETS].map((s) => s.name.toLowerCase()));
    for (const s of grids.sheets) {
      if (known.has(s.name.toLowerCase())) continue;
      const ws = workbook.addWorksheet(s.name);
      s.rows.forEach((r, i) => r.forEach((v, c) => setXlsxCell(workbook!, ws.name, i + 1, c, v)));
    }
    applyPlanToWorkbook(
      workbook,
      gridsAsTables({ sheets: grids.sheets.filter((s) => known.has(s.name.toLowerCase())) })
    );
  }
  const buffer = await workbook.xlsx.writeBuffer();
  return new Blob([buffer], {
    type: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  });
}

/** A new workbook holding what a plan writes (the customer's copy). */
export async function planToXlsx(plan: WritePlan): Promise<ArrayBuffer> {
  const workbook = newWorkbook();
  applyPlanToWorkbook(workbook, plan);
  return (await workbook.xlsx.writeBuffer()) as ArrayBuffer;
}

/**
 * exceljs workbooks as grids and write plans applied to them: no file system, so the
 * CLI (through xlsxHost) and the browser playground share it.
 */
import ExcelJS from "exceljs";
import { CellValue, columnLetters, SheetGrid, WorkbookGrids } from "../../workbook/grid";
import {
  CellsWrite,
  LIST_ROWS,
  NUMBER_FORMATS,
  SheetWrite,
  TableWrite,
  WritePlan,
} from "../../workbook/writePlan";

const MS_PER_DAY = 86_400_000;
const UNIX_EPOCH_SERIAL = 25569;

/** Excel's serial number of a date exceljs read (it reads date cells as UTC dates). */
export function dateToSerial(d: Date): number {
  return d.getTime() / MS_PER_DAY + UNIX_EPOCH_SERIAL;
}

/** One exceljs cell value as a grid value: formulas give their cached result. */
export function toCellValue(v: ExcelJS.CellValue): CellValue {
  if (v === null || v === undefined) return null;
  if (typeof v === "string" || typeof v === "number" || typeof v === "boolean") return v;
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? { error: "#VALUE!" } : dateToSerial(v);
  if (typeof v === "object") {
    if ("error" in v) return { error: String(v.error) };
    if ("richText" in v) return v.richText.map((r) => r.text).join("");
    if ("formula" in v || "sharedFormula" in v) {
      const result = (v as ExcelJS.CellFormulaValue).result;
      if (result === undefined || result === null)
        return { error: "a formula Excel has not calculated" };
      return toCellValue(result as ExcelJS.CellValue);
    }
    if ("text" in v) {
      const t = (v as ExcelJS.CellHyperlinkValue).text as unknown;
      return typeof t === "string" ? t : toCellValue(t as ExcelJS.CellValue);
    }
  }
  return { error: "an unsupported cell" };
}

export function workbookToGrids(workbook: ExcelJS.Workbook): WorkbookGrids {
  const sheets: SheetGrid[] = [];
  workbook.eachSheet((ws) => {
    const rows: CellValue[][] = [];
    ws.eachRow({ includeEmpty: false }, (row, rowNumber) => {
      const cells: CellValue[] = [];
      row.eachCell({ includeEmpty: false }, (cell, colNumber) => {
        // Merged cells: only the master holds the value.
        if (cell.isMerged && cell.master !== cell) return;
        while (cells.length < colNumber - 1) cells.push(null);
        cells[colNumber - 1] = toCellValue(cell.value);
      });
      while (rows.length < rowNumber - 1) rows.push([]);
      rows[rowNumber - 1] = cells;
    });
    sheets.push({ name: ws.name, rows });
  });
  return { sheets };
}

function worksheet(workbook: ExcelJS.Workbook, name: string): ExcelJS.Worksheet {
  const lower = name.toLowerCase();
  return (
    workbook.worksheets.find((w) => w.name.toLowerCase() === lower) ?? workbook.addWorksheet(name)
  );
}

function writeValue(cell: ExcelJS.Cell, v: CellValue): void {
  // Strings are stored as strings (never formulas), so text such as "=1+1" stays text.
  if (v !== null && typeof v === "object")
    cell.value = { error: v.error } as ExcelJS.CellErrorValue;
  else cell.value = v;
}

/** A table name unique in the workbook (Excel requires it). */
function uniqueTableName(
  workbook: ExcelJS.Workbook,
  ws: ExcelJS.Worksheet,
  wanted: string
): string {
  const taken = new Set<string>();
  for (const other of workbook.worksheets) {
    if (other === ws) continue;
    for (const t of Object.keys((other as unknown as { tables: Record<string, unknown> }).tables))
      taken.add(t.toLowerCase());
  }
  let name = wanted;
  for (let i = 2; taken.has(name.toLowerCase()); i++) name = `${wanted}${i}`;
  return name;
}

function applyTable(workbook: ExcelJS.Workbook, w: TableWrite): void {
  const ws = worksheet(workbook, w.sheet);
  // The product owns this sheet's table: drop the old table definitions before rewriting.
  for (const name of Object.keys((ws as unknown as { tables: Record<string, unknown> }).tables))
    ws.removeTable(name);
  const width = Math.max(w.headers.length, w.previousColumns);
  for (let i = w.rows.length + 1; i < w.previousRows; i++) {
    const row = ws.getRow(w.startRow + i);
    for (let c = 1; c <= width; c++) row.getCell(c).value = null;
  }
  w.formats.forEach((f, c) => {
    ws.getColumn(c + 1).numFmt = NUMBER_FORMATS[f];
  });
  // Excel needs at least one body row in a table.
  const body = w.rows.length ? w.rows : [w.headers.map(() => null)];
  ws.addTable({
    name: uniqueTableName(workbook, ws, w.tableName),
    ref: `A${w.startRow}`,
    headerRow: true,
    style: { theme: "TableStyleLight9", showRowStripes: true },
    columns: w.headers.map((h) => ({ name: h, filterButton: true })),
    rows: body.map((r) => r.map((v) => (v !== null && typeof v === "object" ? null : v))),
  });
  // Cells take their number format from their column (set above); only error values and
  // leftovers of a wider old table need a second pass.
  body.forEach((r, i) => {
    const row = ws.getRow(w.startRow + 1 + i);
    r.forEach((v, c) => {
      if (v !== null && typeof v === "object") writeValue(row.getCell(c + 1), v);
    });
    for (let c = r.length + 1; c <= width; c++) row.getCell(c).value = null;
  });
  const header = ws.getRow(w.startRow);
  for (let c = w.headers.length + 1; c <= width; c++) header.getCell(c).value = null;
  w.headers.forEach((_, c) => {
    ws.getColumn(c + 1).width = Math.max(10, Math.min(40, w.headers[c].length + 4));
  });
  if (w.protect) {
    // Locked is Excel's default; unlock the cells the customer may fill in, then protect.
    for (const col of w.protect.editableColumns) {
      for (let i = 0; i < Math.max(1, w.rows.length); i++)
        ws.getRow(w.startRow + 1 + i).getCell(col + 1).protection = { locked: false };
    }
    void ws.protect("", {
      selectLockedCells: true,
      selectUnlockedCells: true,
      formatColumns: true,
      sort: false,
      autoFilter: true,
    });
  }
  for (const list of w.lists ?? []) {
    const letter = columnLetters(list.col);
    (
      ws as unknown as {
        dataValidations: { add(address: string, v: ExcelJS.DataValidation): void };
      }
    ).dataValidations.add(`${letter}${w.startRow + 1}:${letter}${w.startRow + LIST_ROWS}`, {
      type: "list",
      allowBlank: true,
      formulae: [`"${list.options.join(",")}"`],
      showErrorMessage: true,
      errorTitle: w.headers[list.col],
      error: `Choose ${list.options.join(" or ")}.`,
    });
  }
}

function applyCells(workbook: ExcelJS.Workbook, w: CellsWrite): void {
  const ws = worksheet(workbook, w.sheet);
  for (const col of w.columns) {
    if (col.header !== undefined) ws.getRow(col.headerRow).getCell(col.col + 1).value = col.header;
    col.values.forEach((v, i) => {
      if (v === undefined) return;
      const cell = ws.getRow(col.firstRow + i).getCell(col.col + 1);
      writeValue(cell, v);
      cell.numFmt = NUMBER_FORMATS[col.format];
    });
  }
}

export function applyPlanToWorkbook(workbook: ExcelJS.Workbook, plan: WritePlan): void {
  for (const w of plan.writes as SheetWrite[]) {
    if (w.kind === "table") applyTable(workbook, w);
    else applyCells(workbook, w);
  }
}

/** A new empty workbook (for `bao template` and the playground's download). */
export function newWorkbook(): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  wb.creator = "Blanket Assembly Orders";
  return wb;
}

/**
 * exceljs workbooks as grids and write plans applied to them: no file system, so the
 * CLI (through xlsxHost) and the browser playground share it.
 */
import ExcelJS from "exceljs";
import { CellValue, columnLetters, SheetGrid, WorkbookGrids } from "../../workbook/grid";
import {
  formatFor,
  LIST_ROWS,
  NUMBER_FORMATS,
  SheetWrite,
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

/** Moves the first `width` cells of rows from `row` down by `by` (up when negative), values and formats. */
function shiftRows(ws: ExcelJS.Worksheet, row: number, by: number, width: number): void {
  const last = ws.rowCount;
  const move = (src: number, dst: number): void => {
    for (let c = 1; c <= width; c++) {
      const to = ws.getRow(dst).getCell(c);
      if (src > last) {
        to.value = null;
        continue;
      }
      const from = ws.getRow(src).getCell(c);
      to.value = from.value;
      to.numFmt = from.numFmt;
    }
  };
  if (by < 0) {
    for (let r = row; r <= last; r++) move(r, r + by);
    for (let r = last + by + 1; r <= last; r++) move(last + 1, r);
  } else {
    for (let r = last; r >= row; r--) move(r, r + by);
    for (let r = row; r < row + by; r++) move(last + 1, r);
  }
}

function applySheet(workbook: ExcelJS.Workbook, w: SheetWrite): void {
  const ws = worksheet(workbook, w.sheet);
  for (const d of w.deleteRows ?? []) shiftRows(ws, d.row + d.count, -d.count, d.width);
  for (const i of w.insertRows ?? []) shiftRows(ws, i.row, i.count, i.width);
  for (const r of w.ranges) {
    r.values.forEach((line, i) => {
      const row = ws.getRow(r.row + i);
      line.forEach((v, c) => {
        const cell = row.getCell(r.col + c + 1);
        writeValue(cell, v);
        const format = formatFor(v, r.formats[c]);
        if (cell.numFmt !== format && !(format === "General" && !cell.numFmt)) cell.numFmt = format;
      });
    });
  }
  for (const c of w.clear ?? [])
    for (let r = c.row; r < c.row + c.rows; r++)
      for (let k = c.col; k < c.col + c.cols; k++) ws.getRow(r).getCell(k + 1).value = null;
  if (w.table) {
    const t = w.table;
    // The product owns this sheet's table: its definition is made again over the new extent.
    for (const name of Object.keys((ws as unknown as { tables: Record<string, unknown> }).tables))
      ws.removeTable(name);
    const headers: string[] = [];
    for (let c = 1; c <= t.columns; c++)
      headers.push(String(ws.getRow(t.headerRow).getCell(c).value ?? `Column${c}`));
    const rows: ExcelJS.CellValue[][] = [];
    const errors: { cell: ExcelJS.Cell; value: ExcelJS.CellValue }[] = [];
    for (let r = t.headerRow + 1; r <= t.lastRow; r++) {
      const line: ExcelJS.CellValue[] = [];
      for (let c = 1; c <= t.columns; c++) {
        const cell = ws.getRow(r).getCell(c);
        const v = cell.value;
        const isError = v !== null && typeof v === "object" && "error" in v;
        if (isError) errors.push({ cell, value: v });
        line.push(isError ? null : v);
      }
      rows.push(line);
    }
    ws.addTable({
      name: uniqueTableName(workbook, ws, t.name),
      ref: `A${t.headerRow}`,
      headerRow: true,
      style: { theme: "TableStyleLight9", showRowStripes: true },
      columns: headers.map((h) => ({ name: h, filterButton: true })),
      rows,
    });
    // exceljs writes a table's rows into its cells: put back the error values it cannot carry.
    for (const e of errors) e.cell.value = e.value;
    if (w.create)
      headers.forEach((h, c) => {
        ws.getColumn(c + 1).width = Math.max(10, Math.min(40, h.length + 4));
      });
  }
  w.columnFormats?.forEach((f, c) => {
    ws.getColumn(c + 1).numFmt = NUMBER_FORMATS[f];
    // The header keeps its own (text) format.
    ws.getRow(w.table?.headerRow ?? 1).getCell(c + 1).numFmt = NUMBER_FORMATS.text;
  });
  if (w.protect) {
    // Locked is Excel's default; unlock the cells the customer may fill in, then protect.
    const p = w.protect;
    for (const col of p.editableColumns)
      for (let r = p.headerRow + 1; r <= Math.max(p.headerRow + 1, p.lastRow); r++)
        ws.getRow(r).getCell(col + 1).protection = { locked: false };
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
    const header = w.table?.headerRow ?? 1;
    (
      ws as unknown as {
        dataValidations: { add(address: string, v: ExcelJS.DataValidation): void };
      }
    ).dataValidations.add(`${letter}${header + 1}:${letter}${header + LIST_ROWS}`, {
      type: "list",
      allowBlank: true,
      formulae: [`"${list.options.join(",")}"`],
      showErrorMessage: true,
      errorTitle: "Not on the list",
      error: `Choose ${list.options.join(" or ")}.`,
    });
  }
}

export function applyPlanToWorkbook(workbook: ExcelJS.Workbook, plan: WritePlan): void {
  for (const w of plan.writes) applySheet(workbook, w);
}

/** A new empty workbook (for `bao template` and the playground's download). */
export function newWorkbook(): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  wb.creator = "Blanket Assembly Orders";
  return wb;
}

/**
 * Applies a write plan to grids in memory: the host of tests, the sample script and the
 * browser playground. The Office.js and .xlsx hosts apply the same plan to workbooks.
 */
import { CellList, CellValue, findSheet, SheetGrid, WorkbookGrids } from "./grid";
import {
  assertHistoryWritten,
  LIST_ROWS,
  NUMBER_FORMATS,
  SheetWrite,
  WritePlan,
} from "./writePlan";

function setCell(sheet: SheetGrid, row: number, col: number, value: CellValue): void {
  while (sheet.rows.length < row) sheet.rows.push([]);
  const cells = sheet.rows[row - 1];
  while (cells.length < col) cells.push(null);
  cells[col] = value;
}

/** Moves the first `width` cells of rows from `row` down by `by` rows (up when negative). */
function shiftRows(sheet: SheetGrid, row: number, by: number, width: number): void {
  const rows = sheet.rows;
  const last = rows.length;
  const part = (r: number): CellValue[] => {
    const cells = rows[r - 1] ?? [];
    return Array.from({ length: width }, (_, c) => cells[c] ?? null);
  };
  const put = (r: number, cells: CellValue[]): void =>
    cells.forEach(
      (v, c) => (v !== null || (rows[r - 1]?.length ?? 0) > c) && setCell(sheet, r, c, v)
    );
  if (by < 0) {
    for (let r = row; r <= last; r++) put(r + by, part(r));
    for (let r = last + by + 1; r <= last; r++) put(r, new Array(width).fill(null));
  } else {
    for (let r = last; r >= row; r--) put(r + by, part(r));
    for (let r = row; r < row + by; r++) put(r, new Array(width).fill(null));
  }
}

/** Applies one sheet write to grids, in place. */
export function applySheetWrite(grids: WorkbookGrids, w: SheetWrite): void {
  let sheet = findSheet(grids, w.sheet);
  if (!sheet) {
    sheet = { name: w.sheet, rows: [] };
    grids.sheets.push(sheet);
  }
  for (const d of w.deleteRows ?? []) shiftRows(sheet, d.row + d.count, -d.count, d.width);
  for (const i of w.insertRows ?? []) shiftRows(sheet, i.row, i.count, i.width);
  for (const r of w.ranges)
    r.values.forEach((line, i) => line.forEach((v, c) => setCell(sheet, r.row + i, r.col + c, v)));
  for (const c of w.clear ?? [])
    for (let r = c.row; r < c.row + c.rows; r++)
      for (let k = c.col; k < c.col + c.cols; k++)
        if ((sheet.rows[r - 1]?.length ?? 0) > k) setCell(sheet, r, k, null);
  if (w.lists && w.table) {
    const header = w.table.headerRow;
    const cols = new Set(w.lists.map((l) => l.col));
    const lists: CellList[] = w.lists.map((l) => ({
      col: l.col,
      firstRow: header + 1,
      lastRow: header + LIST_ROWS,
      options: l.options,
    }));
    sheet.lists = [...(sheet.lists ?? []).filter((l) => !cols.has(l.col)), ...lists];
  }
  if (w.columnFormats) sheet.columnFormats = w.columnFormats.map((f) => NUMBER_FORMATS[f]);
  if (w.protect)
    sheet.protection = {
      headerRow: w.protect.headerRow,
      editableColumns: [...w.protect.editableColumns],
    };
}

/** Returns new grids with the plan applied; the input grids are not changed. */
export function applyPlan(input: WorkbookGrids, plan: WritePlan): WorkbookGrids {
  assertHistoryWritten(plan);
  const grids: WorkbookGrids = {
    sheets: input.sheets.map((s) => ({ ...s, rows: s.rows.map((r) => [...r]) })),
  };
  for (const w of plan.writes) applySheetWrite(grids, w);
  return grids;
}

/**
 * Why a person could not type `value` into a cell, as Excel would refuse it: the sheet is
 * protected and the cell locked, or a drop-down list does not offer the value.
 */
export function editRefused(
  sheet: SheetGrid,
  row: number,
  col: number,
  value: CellValue
): string | undefined {
  const p = sheet.protection;
  if (p && (row <= p.headerRow || !p.editableColumns.includes(col)))
    return "The cell is protected: only the cells meant to be filled in can be changed.";
  const list = sheet.lists?.find((l) => l.col === col && row >= l.firstRow && row <= l.lastRow);
  if (list && value !== null && value !== "") {
    const text = String(value).toLowerCase();
    if (!list.options.some((o) => o.toLowerCase() === text))
      return `Choose ${list.options.join(" or ")}.`;
  }
  return undefined;
}

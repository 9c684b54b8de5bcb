/**
 * Applies a write plan to grids in memory: the host of tests, the sample script and
 * the browser playground. Office.js and exceljs hosts apply the same plan to real workbooks.
 */
import { CellValue, findSheet, SheetGrid, WorkbookGrids } from "./grid";
import { LIST_ROWS, WritePlan } from "./writePlan";

function sheetFor(grids: WorkbookGrids, name: string): SheetGrid {
  let sheet = findSheet(grids, name);
  if (!sheet) {
    sheet = { name, rows: [] };
    grids.sheets.push(sheet);
  }
  return sheet;
}

function setCell(sheet: SheetGrid, row: number, col: number, value: CellValue): void {
  while (sheet.rows.length < row) sheet.rows.push([]);
  const cells = sheet.rows[row - 1];
  while (cells.length < col) cells.push(null);
  cells[col] = value;
}

/** Returns new grids with the plan applied; the input grids are not changed. */
export function applyPlan(input: WorkbookGrids, plan: WritePlan): WorkbookGrids {
  const grids: WorkbookGrids = {
    sheets: input.sheets.map((s) => ({ ...s, rows: s.rows.map((r) => [...r]) })),
  };
  for (const w of plan.writes) {
    const sheet = sheetFor(grids, w.sheet);
    if (w.kind === "table") {
      const width = Math.max(w.headers.length, w.previousColumns);
      const height = Math.max(w.rows.length + 1, w.previousRows);
      for (let i = 0; i < height; i++) {
        const values = i === 0 ? w.headers : w.rows[i - 1];
        for (let c = 0; c < width; c++)
          setCell(sheet, w.startRow + i, c, values && c < values.length ? values[c] : null);
      }
      if (w.lists) {
        const cols = new Set(w.lists.map((l) => l.col));
        sheet.lists = [
          ...(sheet.lists ?? []).filter((l) => !cols.has(l.col)),
          ...w.lists.map((l) => ({
            col: l.col,
            firstRow: w.startRow + 1,
            lastRow: w.startRow + LIST_ROWS,
            options: l.options,
          })),
        ];
      }
      if (w.protect)
        sheet.protection = {
          headerRow: w.startRow,
          editableColumns: [...w.protect.editableColumns],
        };
    } else {
      for (const col of w.columns) {
        if (col.header !== undefined) setCell(sheet, col.headerRow, col.col, col.header);
        col.values.forEach((v, i) => {
          if (v !== undefined) setCell(sheet, col.firstRow + i, col.col, v);
        });
      }
    }
  }
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

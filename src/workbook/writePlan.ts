/**
 * A write plan: what the engine asks a host to write, as plain data. Hosts (exceljs,
 * Office.js, the in-memory playground) execute it; the engine never touches a workbook.
 */
import { CellValue } from "./grid";
import { ColumnFormat } from "./schema";

/** Replace a product sheet's table (header at `startRow`) with these rows. */
export interface TableWrite {
  kind: "table";
  sheet: string;
  tableName: string;
  /** 1-based sheet row of the header. */
  startRow: number;
  headers: string[];
  formats: ColumnFormat[];
  rows: CellValue[][];
  /** Sheet rows from startRow down that held the old table; the host clears any the new one does not cover. */
  previousRows: number;
  /** Columns the old table's header spanned; the host clears those the new one does not cover. */
  previousColumns: number;
  /** Drop-down lists for option columns, for the first LIST_ROWS rows below the header (template). */
  lists?: { col: number; options: readonly string[] }[];
  /** Protect the sheet (no password), leaving only these columns' body cells editable. */
  protect?: { editableColumns: number[] };
}

/** One column of cells to set on a sheet the product does not own. */
export interface ColumnWrite {
  /** 0-based column. */
  col: number;
  format: ColumnFormat;
  /** A header to write at `headerRow` (a column the sheet did not have yet). */
  header?: string;
  headerRow: number;
  /** 1-based row of values[0]; `undefined` entries leave their cell as it is. */
  firstRow: number;
  values: (CellValue | undefined)[];
}

export interface CellsWrite {
  kind: "cells";
  sheet: string;
  /** The sheet does not exist yet and must be added. */
  create: boolean;
  columns: ColumnWrite[];
}

export type SheetWrite = TableWrite | CellsWrite;

export interface WritePlan {
  /** In the order a host should apply them: documents first, the blanket order's call-off reset last. */
  writes: SheetWrite[];
}

/** Drop-down lists reach this many rows below a new table's header. */
export const LIST_ROWS = 1000;

/** Excel number formats for each column format. */
export const NUMBER_FORMATS: Record<ColumnFormat, string> = {
  text: "@",
  quantity: "General",
  amount: "#,##0.00",
  percent: "General",
  integer: "0",
  date: "yyyy-mm-dd",
  general: "General",
};

/** Characters that make Excel read typed text as a formula. */
const FORMULA_START = /^[=+\-@\t\r]/;

export function looksLikeFormula(text: string): boolean {
  return FORMULA_START.test(text);
}

/**
 * Text for a host that writes through Excel's "typed entry" path (Office.js values):
 * a leading apostrophe makes Excel keep the rest as text, and is not part of the value.
 */
export function escapeFormulaText(text: string): string {
  return looksLikeFormula(text) || text.startsWith("'") ? `'${text}` : text;
}

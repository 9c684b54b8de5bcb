/**
 * A write plan: what the engine asks a host to write, as plain data, already reduced to
 * what differs from the workbook it read. Hosts (Office.js, .xlsx files, memory) apply
 * each sheet write in order; the engine never touches a workbook.
 */
import type { HistoryEntry } from "../domain/history";
import { CellValue } from "./grid";
import { ColumnFormat } from "./schema";

/** A rectangle of values, each column with its number format. */
export interface RangeWrite {
  /** 1-based sheet row and 0-based column of values[0][0]. */
  row: number;
  col: number;
  values: CellValue[][];
  /** One per column of `values`. */
  formats: ColumnFormat[];
}

/** Rows deleted or inserted inside a table, shifting the table-wide cells below them. */
export interface RowShift {
  /** 1-based first row. */
  row: number;
  count: number;
  /** Columns (from A) that shift; what lies right of the table stays. */
  width: number;
}

/** The product's Excel table on a sheet once the write is applied. */
export interface TableShape {
  name: string;
  /** 1-based header row. */
  headerRow: number;
  /** 1-based last row (the header row itself for a table without rows, Excel then adds one). */
  lastRow: number;
  columns: number;
}

export interface SheetWrite {
  sheet: string;
  /** The sheet does not exist yet: add it. */
  create?: boolean;
  /** Applied first, in the order given (bottom rows first, so rows above do not move). */
  deleteRows?: RowShift[];
  /** Applied next, in the order given (top rows first, at their final positions). */
  insertRows?: RowShift[];
  /** Values to write, at their final positions. A host may split these over requests. */
  ranges: RangeWrite[];
  /** Cells emptied (values and formats): what a shorter table leaves behind. */
  clear?: { row: number; col: number; rows: number; cols: number }[];
  /** The product's table after the write; absent where the sheet has none to keep. */
  table?: TableShape;
  /**
   * A new table's column formats, for the cells a person types below the header later
   * (LIST_ROWS rows): codes typed as 1001 stay text, dates are dates.
   */
  columnFormats?: ColumnFormat[];
  /** Drop-down lists for option columns, for LIST_ROWS rows below the header. */
  lists?: { col: number; options: readonly string[] }[];
  /** Protect the sheet (no password), leaving only these columns' body cells editable. */
  protect?: { editableColumns: number[]; headerRow: number; lastRow: number };
}

export interface WritePlan {
  /**
   * In the order a host applies them. A write interrupted part-way leaves a prefix of
   * the plan applied (Excel does not roll back): plans are ordered so that any prefix is
   * either invisible to the next command or reported and finished by it.
   */
  writes: SheetWrite[];
  /**
   * What the command did, for the History sheet. A host's update turns these into the
   * sheet's new rows with when and where it ran (history.ts), written after everything else.
   */
  history?: HistoryEntry[];
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
  dateTime: "yyyy-mm-dd hh:mm",
  general: "General",
};

/** Characters that make Excel read typed text as a formula. */
const FORMULA_START = /^[=+\-@\t\r]/;

export function looksLikeFormula(text: string): boolean {
  return FORMULA_START.test(text);
}

/**
 * The number format a cell gets when a value is written into it. Text is always written
 * into a Text cell (`@`): Excel keeps what is written there as it is, never reading it as
 * a formula, a number or a date, and a leading apostrophe stays part of the text.
 */
export function formatFor(value: CellValue, column: ColumnFormat): string {
  return typeof value === "string" ? NUMBER_FORMATS.text : NUMBER_FORMATS[column];
}

/**
 * Appliers write sheets; the history is turned into sheet writes by the host's update,
 * which knows when and where the command ran (history.ts). A plan that still carries it
 * reached an applier past that step: refuse rather than drop the History rows.
 */
export function assertHistoryWritten(plan: WritePlan): void {
  if (plan.history?.length)
    throw new Error(
      "internal: the write plan's history has not been turned into History rows (withHistory)"
    );
}

/** True when a plan writes nothing. */
export function isEmptyPlan(plan: WritePlan): boolean {
  return plan.writes.every(
    (w) =>
      !w.create &&
      !w.deleteRows?.length &&
      !w.insertRows?.length &&
      !w.ranges.length &&
      !w.clear?.length &&
      !w.table &&
      !w.columnFormats?.length &&
      !w.lists?.length &&
      !w.protect
  );
}

/** Cells a plan writes (values and cleared cells), for the figures of benchmarks and tests. */
export function cellsWritten(plan: WritePlan): number {
  let n = 0;
  for (const w of plan.writes) {
    for (const r of w.ranges) n += r.values.length * (r.values[0]?.length ?? 0);
    for (const c of w.clear ?? []) n += c.rows * c.cols;
  }
  return n;
}

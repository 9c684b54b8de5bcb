/**
 * Grids of cell values: what every host hands the engine and what the engine hands
 * back. Row 0 of a grid is row 1 of the sheet and column 0 is column A.
 */

/** An error cell such as `#N/A`, or a formula whose value Excel never computed. */
export interface CellError {
  error: string;
}

/** Dates arrive as Excel serial numbers; hosts convert anything else before this point. */
export type CellValue = string | number | boolean | null | CellError;

export interface SheetGrid {
  name: string;
  rows: CellValue[][];
  /** Drop-down lists: each cell of the column from firstRow to lastRow takes one of the options. */
  lists?: CellList[];
  /** The sheet is protected: only these columns, below the header row, may be edited. */
  protection?: { headerRow: number; editableColumns: number[] };
  /** Number formats of a table's columns (as the product made the sheet), for display. */
  columnFormats?: string[];
}

export interface CellList {
  /** 0-based column. */
  col: number;
  /** 1-based rows, inclusive. */
  firstRow: number;
  lastRow: number;
  options: readonly string[];
}

export interface WorkbookGrids {
  sheets: SheetGrid[];
}

export function isCellError(v: CellValue | undefined): v is CellError {
  return typeof v === "object" && v !== null;
}

export function isEmptyCell(v: CellValue | undefined): boolean {
  return v === null || v === undefined || (typeof v === "string" && v.trim() === "");
}

/** Column letters of a 0-based column index: 0 -> A, 26 -> AA. */
export function columnLetters(index: number): string {
  let n = index + 1;
  let s = "";
  while (n > 0) {
    const m = (n - 1) % 26;
    s = String.fromCharCode(65 + m) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

/** Bare A1 reference of a 0-based column and a 1-based row. */
export function cellRef(col: number, row: number): string {
  return columnLetters(col) + String(row);
}

/** Parses `M7` into a 0-based column and a 1-based row. */
export function parseCellRef(ref: string): { col: number; row: number } | undefined {
  const m = /^([A-Z]{1,3})([1-9][0-9]*)$/.exec(ref.toUpperCase());
  if (!m) return undefined;
  let col = 0;
  for (const ch of m[1]) col = col * 26 + (ch.charCodeAt(0) - 64);
  return { col: col - 1, row: Number(m[2]) };
}

/** How a person writes a location: `'Blanket Orders'!M7`. */
export function qualifiedRef(sheet: string, cell: string): string {
  return `'${sheet.replace(/'/g, "''")}'!${cell}`;
}

export function findSheet(grids: WorkbookGrids, name: string): SheetGrid | undefined {
  const key = name.toLowerCase();
  return grids.sheets.find((s) => s.name.toLowerCase() === key);
}

/** Header matching ignores case, spaces, dots and other punctuation. */
export function normalizeHeader(text: string): string {
  return text.toLowerCase().replace(/[^a-z0-9%]/g, "");
}

/** Text a user would see in a cell, for messages. */
export function displayCell(v: CellValue | undefined): string {
  if (v === null || v === undefined) return "(blank)";
  if (isCellError(v)) return v.error;
  if (typeof v === "boolean") return v ? "TRUE" : "FALSE";
  return String(v);
}

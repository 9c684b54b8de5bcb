/**
 * Reads one sheet's table from a grid: header row detection, tolerant column matching
 * and typed cell parsing. Every parse error becomes a VALUE_INVALID issue at its row and
 * column; nothing is silently coerced.
 */
import { issue, Issue, MESSAGES, Subject } from "../domain/issues";
import { isoToSerial } from "../domain/dates";
import { Source } from "../domain/model";
import { MAX_INPUT, roundQty, roundTo } from "../domain/quantity";
import {
  CellValue,
  cellRef,
  displayCell,
  isCellError,
  isEmptyCell,
  normalizeHeader,
  SheetGrid,
} from "./grid";
import { ColumnSpec, SheetSpec } from "./schema";

const HEADER_SEARCH_ROWS = 20;

/** A data row of a table. It is also the source of the records read from it. */
export interface TableRow {
  table: Table;
  /** 1-based sheet row. */
  row: number;
  cells: CellValue[];
}

export interface Table {
  spec: SheetSpec;
  /** The sheet's name as the workbook spells it. */
  sheet: string;
  /** 1-based row of the header; 0 when the sheet is empty or absent. */
  headerRow: number;
  /** 0-based column of each known column found. */
  cols: Map<string, number>;
  /** Columns up to the header row's last non-empty cell (known and unknown). */
  width: number;
  /** The header cells as written. */
  headers: CellValue[];
  /** Non-empty data rows below the header. */
  rows: TableRow[];
  /** The sheet holds a table (it exists and is not empty). */
  present: boolean;
  /** The sheet exists in the workbook, empty or not. */
  exists: boolean;
  /** Names the workbook when it is not the one worked on (a customer's copy). */
  workbook?: string;
}

/** A row as the source of a record (opaque to the domain). */
export const sourceOf = (row: TableRow): Source => row as unknown as Source;
/** The row a record came from. */
export const rowOf = (source: Source): TableRow => source as unknown as TableRow;

const headerIndex = new WeakMap<SheetSpec, Map<string, ColumnSpec>>();

function headerLookup(spec: SheetSpec): Map<string, ColumnSpec> {
  let m = headerIndex.get(spec);
  if (!m) {
    m = new Map();
    for (const c of spec.columns) {
      for (const h of [c.header, ...(c.aliases ?? [])]) {
        const k = normalizeHeader(h);
        // The own caption of a column wins over another column's alias.
        if (!m.has(k) || h === c.header) m.set(k, c);
      }
    }
    headerIndex.set(spec, m);
  }
  return m;
}

function isEmptyRow(cells: CellValue[] | undefined): boolean {
  if (!cells) return true;
  for (const c of cells) if (!isEmptyCell(c)) return false;
  return true;
}

/**
 * Finds the table on a sheet. Issues: COLUMN_MISSING for required columns, and a
 * VALUE_INVALID for a column given twice.
 */
export function readTable(grid: SheetGrid, spec: SheetSpec, issues: Issue[]): Table {
  const rows = grid.rows;
  let headerRow = 0;
  for (let r = 0; r < Math.min(rows.length, HEADER_SEARCH_ROWS); r++) {
    if (!isEmptyRow(rows[r])) {
      headerRow = r + 1;
      break;
    }
  }
  const headers = headerRow ? rows[headerRow - 1] : [];
  const cols = new Map<string, number>();
  const lookup = headerLookup(spec);
  const affects: Subject[] = spec.record ? [`table:${spec.record}`] : [];
  headers.forEach((h, i) => {
    if (typeof h !== "string" && typeof h !== "number") return;
    const c = lookup.get(normalizeHeader(String(h)));
    if (!c) return;
    const first = cols.get(c.key);
    if (first !== undefined) {
      const message = MESSAGES.columnTwice(
        grid.name,
        c.header,
        cellRef(first, headerRow),
        cellRef(i, headerRow)
      );
      issues.push(
        issue("VALUE_INVALID", { sheet: grid.name, cell: cellRef(i, headerRow) }, message, affects)
      );
      return;
    }
    cols.set(c.key, i);
  });
  for (const c of spec.columns) {
    if (c.required && !cols.has(c.key)) {
      const message =
        headerRow || !rows.length
          ? MESSAGES.columnMissing(grid.name, c.header)
          : MESSAGES.noHeaderRow(grid.name, c.header);
      const at = { sheet: grid.name, cell: cellRef(0, headerRow || 1) };
      issues.push(issue("COLUMN_MISSING", at, message, affects));
    }
  }
  let width = headers.length;
  while (width > 0 && isEmptyCell(headers[width - 1])) width--;
  const table: Table = {
    spec,
    sheet: grid.name,
    headerRow,
    cols,
    width,
    headers,
    rows: [],
    present: true,
    exists: true,
  };
  for (let r = headerRow; r < rows.length && headerRow > 0; r++) {
    const cells = rows[r];
    if (!isEmptyRow(cells)) table.rows.push({ table, row: r + 1, cells });
  }
  return table;
}

/** A table for a sheet the workbook lacks, or holds nothing on (`sheet` then names it): no columns, no rows. */
export function emptyTable(spec: SheetSpec, sheet?: string): Table {
  return {
    spec,
    sheet: sheet ?? spec.name,
    headerRow: 0,
    cols: new Map(),
    width: 0,
    headers: [],
    rows: [],
    present: false,
    exists: sheet !== undefined,
  };
}

const optionLists = new WeakMap<SheetSpec, Map<string, readonly string[]>>();

/** The options of an option column, looked up once per sheet spec. */
function optionsOf(spec: SheetSpec, key: string): readonly string[] {
  let m = optionLists.get(spec);
  if (!m) {
    m = new Map(spec.columns.map((c) => [c.key, c.options ?? []]));
    optionLists.set(spec, m);
  }
  return m.get(key) ?? [];
}

/** A character trim() may remove (and a few it keeps: then trim decides). */
const spaceLike = (c: number): boolean => c <= 32 || c === 160 || c === 0x1680 || c >= 0x2000;

/** Text with white space at either end (a code is nearly always without: no trim needed). */
const isSpaced = (v: string): boolean =>
  spaceLike(v.charCodeAt(0)) || spaceLike(v.charCodeAt(v.length - 1));

const indexes = new WeakMap<Table, Record<string, number | undefined>>();

/** Column positions as a plain object: a hot path reads them for every cell. */
function columnIndex(t: Table): Record<string, number | undefined> {
  let at = indexes.get(t);
  if (!at) {
    at = Object.fromEntries(t.cols);
    indexes.set(t, at);
  }
  return at;
}

/**
 * Typed access to one row's cells. `what` names the row for messages ("Blanket order
 * BSO-1001 line 10000"); `affects` says what a parse error blocks. `issues` receives
 * what cannot be read; a quiet reader (no list) reads leniently and reports nothing.
 */
export class RowReader {
  private readonly at: Record<string, number | undefined>;
  /**
   * The fields read so far in this row and their columns. Every row of a table is read
   * field by field in the same order, so the n-th read of a row is the n-th of the row
   * before: found by comparing one key, not by looking the column up by name.
   */
  private readonly readKeys: string[] = [];
  private readonly readCols: (number | undefined)[] = [];
  private reads = 0;
  private whatText?: string;
  private describe?: () => string;

  constructor(
    public row: TableRow,
    private readonly issues: Issue[] | undefined,
    /** Names the row in messages; a function, so hot loops build the text only for an issue. */
    what: string | (() => string),
    public affects: Subject[]
  ) {
    this.at = columnIndex(row.table);
    this.next(row, what, affects);
  }

  /** Points the reader at another row of the same table: a hot loop needs only one reader. */
  next(row: TableRow, what: string | (() => string), affects: Subject[]): void {
    this.row = row;
    this.reads = 0;
    this.affects = affects;
    this.whatText = typeof what === "string" ? what : undefined;
    this.describe = typeof what === "string" ? undefined : what;
  }

  get what(): string {
    if (this.whatText === undefined) this.whatText = this.describe!();
    return this.whatText;
  }

  set what(text: string) {
    this.whatText = text;
  }

  get source(): Source {
    return sourceOf(this.row);
  }

  private col(key: string): number | undefined {
    const n = this.reads++;
    if (this.readKeys[n] === key) return this.readCols[n];
    const c = this.at[key];
    this.readKeys[n] = key;
    this.readCols[n] = c;
    return c;
  }

  has(key: string): boolean {
    return this.col(key) !== undefined;
  }

  raw(key: string): CellValue | undefined {
    const c = this.col(key);
    return c === undefined ? undefined : this.row.cells[c];
  }

  isBlank(key: string): boolean {
    return isEmptyCell(this.raw(key));
  }

  private header(key: string): string {
    return this.row.table.spec.columns.find((c) => c.key === key)?.header ?? key;
  }

  /** Reports a problem with the cell of `field` in this row. */
  report(
    code: Parameters<typeof issue>[0],
    field: string,
    message: string,
    affects = this.affects
  ): void {
    this.issues?.push(issue(code, { source: this.source, field }, message, affects));
  }

  private invalid(key: string, message: string): undefined {
    this.report("VALUE_INVALID", key, message);
    return undefined;
  }

  private missing(key: string, required: boolean): undefined {
    if (required) this.invalid(key, MESSAGES.required(this.what, this.header(key)));
    return undefined;
  }

  /** A code: text, or a number typed into a code cell; trimmed. */
  code(key: string, required = false): string | undefined {
    const v = this.raw(key);
    if (isEmptyCell(v)) return this.missing(key, required);
    if (typeof v === "string") return isSpaced(v) ? v.trim() : v;
    if (typeof v === "number") return String(v);
    return this.invalid(key, MESSAGES.notCode(this.what, this.header(key), displayCell(v)));
  }

  /** Free text; numbers and booleans are read as they display. */
  text(key: string): string | undefined {
    const v = this.raw(key);
    if (isEmptyCell(v)) return undefined;
    if (isCellError(v))
      return this.invalid(key, MESSAGES.notCode(this.what, this.header(key), v.error));
    return typeof v === "string" ? v : displayCell(v);
  }

  /** A number, rounded to `decimals`; text holding a plain decimal is accepted. */
  number(key: string, required = false, decimals = 5): number | undefined {
    const v = this.raw(key);
    if (isEmptyCell(v)) return this.missing(key, required);
    let n: number | undefined;
    if (typeof v === "number") n = v;
    else if (typeof v === "string" && /^\s*[+-]?(\d+(\.\d*)?|\.\d+)\s*$/.test(v)) n = Number(v);
    if (n === undefined || !Number.isFinite(n)) {
      return this.invalid(key, MESSAGES.notNumber(this.what, this.header(key), displayCell(v)));
    }
    if (Math.abs(n) > MAX_INPUT)
      return this.invalid(key, MESSAGES.tooLarge(this.what, this.header(key), String(n)));
    return decimals === 5 ? roundQty(n) : roundTo(n, decimals);
  }

  /** A whole number such as a Line No. */
  integer(key: string, required = false): number | undefined {
    const n = this.number(key, required);
    if (n !== undefined && !Number.isInteger(n)) {
      return this.invalid(
        key,
        MESSAGES.notNumber(this.what, this.header(key), `${n} (a whole number is needed)`)
      );
    }
    return n;
  }

  /** A date as an Excel serial number. */
  date(key: string, required = false): number | undefined {
    const v = this.raw(key);
    if (isEmptyCell(v)) return this.missing(key, required);
    if (typeof v === "number" && v >= 1 && v < 2958466) return Math.floor(v);
    if (typeof v === "string") {
      const serial = isoToSerial(v.trim());
      if (serial !== undefined) return serial;
    }
    return this.invalid(key, MESSAGES.notDate(this.what, this.header(key), displayCell(v)));
  }

  /** One of the column's options, matched ignoring case and punctuation; "" for blank. */
  option(key: string): string | undefined {
    const v = this.raw(key);
    if (isEmptyCell(v)) return "";
    const options = optionsOf(this.row.table.spec, key);
    if (typeof v === "string") {
      // As offered, the usual case; else compared as headers are (case, spaces, punctuation).
      if (options.includes(v)) return v;
      const k = normalizeHeader(v);
      const found = options.find((o) => normalizeHeader(o) === k);
      if (found !== undefined) return found;
    }
    return this.invalid(
      key,
      MESSAGES.notOption(this.what, this.header(key), displayCell(v), options)
    );
  }
}

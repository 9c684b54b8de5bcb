/**
 * Rendering, generic part: a product sheet as a table of rows in the schema's column
 * order (columns users added travel with their rows), and cells the product keeps on
 * input sheets. Both are compared with what the sheet holds, so a write carries only
 * what changed: rows deleted and inserted inside the table, changed cells, rows appended
 * after it, cells a shorter table leaves behind. What each process writes is in
 * documents.ts.
 */
import { CellValue, isCellError, isEmptyCell } from "./grid";
import { ColumnFormat, SheetSpec } from "./schema";
import { Table } from "./table";
import { RangeWrite, RowShift, SheetWrite } from "./writePlan";

/**
 * A row to render: cells in the spec's column order. Arrays, not records: a refresh
 * renders a million of them.
 */
export interface RenderedRow {
  cells: CellValue[];
  /** The sheet row it replaces, whose added columns it keeps; none for a new row. */
  sourceRow?: number;
}

export type RowToRender = RenderedRow | { keepRow: number };

const positionCache = new WeakMap<SheetSpec, Record<string, number>>();

/** Each column key's position in the spec. */
export function positions(spec: SheetSpec): Record<string, number> {
  let at = positionCache.get(spec);
  if (!at) {
    at = Object.fromEntries(spec.columns.map((c, i) => [c.key, i]));
    positionCache.set(spec, at);
  }
  return at;
}

/** A row from a record of values by column key (for the few rows a make order adds). */
export function recordRow(
  spec: SheetSpec,
  values: Record<string, unknown>,
  sourceRow?: number
): RenderedRow {
  const cells: CellValue[] = spec.columns.map((c) => {
    const v = values[c.key];
    if (v === "") return null;
    return typeof v === "string" || typeof v === "number" || typeof v === "boolean" ? v : null;
  });
  return { cells, sourceRow };
}

/** Whether two cell values are the same for Excel (blank is blank however it is written). */
export function sameCell(a: CellValue | undefined, b: CellValue | undefined): boolean {
  if (a === b) return true;
  if (isEmptyBlank(a) && isEmptyBlank(b)) return true;
  const x = a ?? null;
  const y = b ?? null;
  return isCellError(x) && isCellError(y) && x.error === y.error;
}

const isEmptyBlank = (v: CellValue | undefined): boolean =>
  v === null || v === undefined || v === "";

/** Columns of a table that the spec does not know, by 0-based index, with their header text. */
function extraColumns(t: Table): { index: number; header: string }[] {
  const known = new Set(t.cols.values());
  const out: { index: number; header: string }[] = [];
  t.headers.forEach((h, i) => {
    if (!known.has(i) && !isEmptyCell(h)) out.push({ index: i, header: String(h) });
  });
  return out;
}

/**
 * Turns rows to write (a sheet row each, from `firstRow` down) into rectangles: runs of
 * changed cells per row, merged down while consecutive rows change the same columns.
 */
export class RangeCollector {
  readonly ranges: RangeWrite[] = [];
  /** Open rectangles by their columns, so runs of interleaved spans still merge down. */
  private open = new Map<string, RangeWrite>();

  constructor(private readonly formats: readonly ColumnFormat[]) {}

  /** The cells of `row` from `col` on, all written. */
  add(row: number, col: number, values: CellValue[]): void {
    const k = `${col}/${values.length}`;
    const o = this.open.get(k);
    if (o && row === o.row + o.values.length) {
      o.values.push(values);
      return;
    }
    const range: RangeWrite = {
      row,
      col,
      values: [values],
      formats: this.formats.slice(col, col + values.length),
    };
    this.open.set(k, range);
    this.ranges.push(range);
  }

  /** The cells of `next` that differ from `current`, as runs; a new row (no current) whole. */
  diff(row: number, next: CellValue[], current: CellValue[] | undefined, width: number): void {
    if (!current) {
      // A new row whole; the engine's rows are usually already complete (no copy then).
      let complete = next.length === width;
      for (let c = 0; complete && c < width; c++) complete = next[c] !== undefined;
      if (complete) return this.add(row, 0, next);
      const values: CellValue[] = new Array(width);
      for (let c = 0; c < width; c++) values[c] = next[c] ?? null;
      this.add(row, 0, values);
      return;
    }
    let c = 0;
    while (c < width) {
      if (sameCell(next[c], current?.[c])) {
        c++;
        continue;
      }
      let end = c + 1;
      while (end < width && !sameCell(next[end], current?.[end])) end++;
      this.add(
        row,
        c,
        next.slice(c, end).map((v) => v ?? null)
      );
      c = end;
    }
  }
}

/**
 * A product sheet's table rewritten as `rows`: each row either kept (`keepRow`), rendered
 * from a record (`sourceRow` names the row it replaces), or new. Only differences are
 * written; the header row and the columns' order are the schema's, then the added columns.
 */
export function renderTable(
  t: Table,
  spec: SheetSpec,
  tableName: string,
  rows: RowToRender[],
  /**
   * Columns whose values in new rows are written by a second write, after everything
   * else: a link that must not exist before what it links to is whole.
   */
  deferred: readonly string[] = []
): { write: SheetWrite; deferred?: SheetWrite } {
  const extras = extraColumns(t);
  const headers: CellValue[] = [
    ...spec.columns.map((c) => c.header),
    ...extras.map((e) => e.header),
  ];
  const width = headers.length;
  const formats: ColumnFormat[] = [
    ...spec.columns.map((c): ColumnFormat => c.format ?? "general"),
    ...extras.map((): ColumnFormat => "general"),
  ];
  const headerRow = t.headerRow || 1;
  const oldCells = new Map(t.rows.map((r) => [r.row, r.cells]));
  // The sheet's own columns, in our order: what each old row holds where we write.
  const layout = [...spec.columns.map((c) => t.cols.get(c.key)), ...extras.map((e) => e.index)];
  const inLayout = (cells: CellValue[] | undefined): CellValue[] | undefined =>
    cells && layout.map((i) => (i === undefined ? null : (cells[i] ?? null)));
  // Columns the spec gained after the sheet was written are added at its right edge in place.
  const sameLayout =
    layout.every((i, n) => i === n || (i === undefined && n >= t.width)) && t.width <= width;

  // Full rows of the new table and where each came from.
  const next: { cells: CellValue[]; origin?: number }[] = rows.map((r) => {
    if ("keepRow" in r)
      return { cells: inLayout(oldCells.get(r.keepRow)) ?? [], origin: r.keepRow };
    if (!extras.length) return { cells: r.cells, origin: r.sourceRow };
    const src = r.sourceRow !== undefined ? oldCells.get(r.sourceRow) : undefined;
    return {
      cells: [...r.cells, ...extras.map((e) => src?.[e.index] ?? null)],
      origin: r.sourceRow,
    };
  });

  const oldLast = t.rows.length ? t.rows[t.rows.length - 1].row : headerRow;
  const write: SheetWrite = { sheet: t.sheet, ranges: [] };
  if (!t.exists) write.create = true;
  const collector = new RangeCollector(formats);
  if (!t.present || headers.some((h, c) => !sameCell(h, t.headers[c])))
    collector.add(headerRow, 0, headers);

  // Rows move only by whole-row deletes and inserts, where the old rows keep their order.
  const origins = next.map((n) => n.origin).filter((o): o is number => o !== undefined);
  const ordered = sameLayout && origins.every((o, i) => i === 0 || o > origins[i - 1]);
  const deletes: RowShift[] = [];
  const inserts: RowShift[] = [];
  /** What sits at each final position before values are written. */
  const current: (CellValue[] | undefined)[] = [];
  if (ordered && origins.length) {
    const kept = new Set(origins);
    const lastKept = origins[origins.length - 1];
    // Deletions among the kept rows shift what follows; later rows need no delete.
    for (let r = lastKept - 1; r > headerRow; r--) {
      if (kept.has(r)) continue;
      let first = r;
      while (first - 1 > headerRow && !kept.has(first - 1)) first--;
      deletes.push({ row: first, count: r - first + 1, width });
      r = first;
    }
    const survivors: number[] = [];
    for (let r = headerRow + 1; r <= oldLast; r++)
      if (r > lastKept || kept.has(r)) survivors.push(r);
    // New rows before the last kept one are inserted where they belong.
    let s = 0;
    next.forEach((n, i) => {
      const position = headerRow + 1 + i;
      if (n.origin !== undefined) {
        current[i] = oldCells.get(survivors[s++]);
        return;
      }
      const beforeLastKept = s < survivors.length && survivors[s] <= lastKept;
      if (beforeLastKept) {
        const last = inserts[inserts.length - 1];
        if (last && last.row + last.count === position) last.count++;
        else inserts.push({ row: position, count: 1, width });
        current[i] = undefined;
      } else current[i] = oldCells.get(survivors[s++]);
    });
    const oldEnd =
      oldLast - deletes.reduce((n, d) => n + d.count, 0) + inserts.reduce((n, d) => n + d.count, 0);
    const newEnd = headerRow + next.length;
    if (oldEnd > newEnd)
      write.clear = [
        { row: newEnd + 1, col: 0, rows: oldEnd - newEnd, cols: Math.max(width, t.width) },
      ];
  } else {
    // New rows only (or rows that moved): every row is written where it ends up.
    for (let i = 0; i < next.length; i++)
      current[i] = sameLayout ? oldCells.get(headerRow + 1 + i) : undefined;
    const newEnd = headerRow + next.length;
    const clearFrom = sameLayout ? newEnd + 1 : headerRow + 1;
    if (oldLast >= clearFrom && t.present)
      write.clear = [
        { row: clearFrom, col: 0, rows: oldLast - clearFrom + 1, cols: Math.max(width, t.width) },
      ];
  }
  // Deferred columns are adjacent (a link and its line number): one span per row.
  const later = deferred.map((k) => positions(spec)[k]);
  const [lo, hi] = [Math.min(...later), Math.max(...later)];
  const links = new RangeCollector(formats);
  next.forEach((n, i) => {
    const row = headerRow + 1 + i;
    if (n.origin !== undefined || !later.length)
      return collector.diff(row, n.cells, current[i], width);
    // A new row's cells are this render's own (built for it): blanked in place.
    const now = n.cells;
    links.add(row, lo, now.slice(lo, hi + 1));
    for (let c = lo; c <= hi; c++) now[c] = null;
    collector.diff(row, now, current[i], width);
  });
  if (t.width > width && t.present) {
    const leftover = {
      row: headerRow,
      col: width,
      rows: Math.max(1, next.length + 1),
      cols: t.width - width,
    };
    write.clear = [...(write.clear ?? []), leftover];
  }
  if (deletes.length) write.deleteRows = deletes;
  if (inserts.length) write.insertRows = inserts;
  write.ranges = collector.ranges;
  const lastRow = headerRow + Math.max(1, next.length);
  if (
    !t.present ||
    oldLast !== headerRow + next.length ||
    width !== t.width ||
    !sameLayout ||
    write.ranges.some((r) => r.row === headerRow)
  )
    write.table = { name: tableName, headerRow, lastRow, columns: width };
  return links.ranges.length
    ? { write, deferred: { sheet: t.sheet, ranges: links.ranges } }
    : { write };
}

/** The cells of a table's row by its sheet row: found by halves, rows being in sheet order. */
function cellsAt(t: Table, row: number): CellValue[] | undefined {
  let lo = 0;
  let hi = t.rows.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const r = t.rows[mid].row;
    if (r === row) return t.rows[mid].cells;
    if (r < row) lo = mid + 1;
    else hi = mid - 1;
  }
  return undefined;
}

/**
 * Values for columns of an input sheet, by sheet row, written where they differ; a
 * column the sheet lacks is added after its last column with its header.
 */
export function columnUpdates(
  t: Table,
  updates: { key: string; header: string; format: ColumnFormat; values: Map<number, CellValue> }[],
  create: boolean
): SheetWrite {
  let nextFree = t.width;
  for (const c of t.cols.values()) nextFree = Math.max(nextFree, c + 1);
  const headerRow = t.headerRow || 1;
  const ranges: RangeWrite[] = [];
  for (const u of updates) {
    let col = t.cols.get(u.key);
    if (col === undefined) {
      col = nextFree++;
      ranges.push({ row: headerRow, col, values: [[u.header]], formats: ["text"] });
    }
    const rows = [...u.values.keys()].sort((a, b) => a - b);
    let run: RangeWrite | undefined;
    for (const row of rows) {
      const v = u.values.get(row) ?? null;
      if (sameCell(v, cellsAt(t, row)?.[col])) {
        run = undefined;
        continue;
      }
      if (run && run.row + run.values.length === row) run.values.push([v]);
      else {
        run = { row, col, values: [[v]], formats: [u.format] };
        ranges.push(run);
      }
    }
  }
  const write: SheetWrite = { sheet: t.sheet, ranges };
  if (create) write.create = true;
  return write;
}

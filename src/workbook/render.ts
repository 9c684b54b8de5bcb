/**
 * Rendering, generic part: a product sheet as a table of rows in the schema's column
 * order (carrying columns users added), and cells the product maintains on input sheets.
 * What each process writes is in documents.ts.
 */
import { CellValue, isEmptyCell } from "./grid";
import { ColumnFormat, SheetSpec } from "./schema";
import { Table } from "./table";
import { CellsWrite, ColumnWrite, TableWrite } from "./writePlan";

/**
 * A row to render: cells in the spec's column order, carrying the source row's unknown
 * columns along. Arrays, not records: a refresh renders a million of them.
 */
export interface RenderedRow {
  cells: CellValue[];
  /** The sheet row it replaces, whose unknown columns it keeps. */
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
  values: Record<string, CellValue | undefined>,
  sourceRow?: number
): RenderedRow {
  const cells: CellValue[] = spec.columns.map((c) => values[c.key] ?? null);
  return { cells, sourceRow };
}

/** Columns of a table that the spec does not know, by 0-based index, with their header text. */
function extraColumns(t: Table): { index: number; header: string }[] {
  const known = new Set(t.cols.values());
  const out: { index: number; header: string }[] = [];
  t.headers.forEach((h, i) => {
    if (!known.has(i) && !isEmptyCell(h)) out.push({ index: i, header: String(h) });
  });
  return out;
}

/** Raw cells of the sheet rows, by 1-based row. */
function rowCells(t: Table): Map<number, CellValue[]> {
  return new Map(t.rows.map((r) => [r.row, r.cells]));
}

/**
 * A product sheet as a table: every known column in the spec's order, then the
 * columns users added, whose values travel with their rows.
 * `rows` are either rendered records or raw sheet rows kept as they are.
 */
export function renderTable(t: Table, spec: SheetSpec, rows: RowToRender[]): TableWrite {
  const extras = extraColumns(t);
  const cells = rowCells(t);
  const out: CellValue[][] = [];
  for (const r of rows) {
    const line: CellValue[] = [];
    if ("keepRow" in r) {
      const src = cells.get(r.keepRow) ?? [];
      for (const c of spec.columns) {
        const i = t.cols.get(c.key);
        line.push(i === undefined ? null : (src[i] ?? null));
      }
      for (const e of extras) line.push(src[e.index] ?? null);
    } else if (!extras.length) {
      out.push(r.cells);
      continue;
    } else {
      line.push(...r.cells);
      const src = r.sourceRow !== undefined ? cells.get(r.sourceRow) : undefined;
      for (const e of extras) line.push(src?.[e.index] ?? null);
    }
    out.push(line);
  }
  const lastRow = t.rows.length ? t.rows[t.rows.length - 1].row : t.headerRow;
  return {
    kind: "table",
    sheet: t.sheet,
    tableName: spec.tableName,
    startRow: t.headerRow || 1,
    headers: [...spec.columns.map((c) => c.header), ...extras.map((e) => e.header)],
    formats: [
      ...spec.columns.map((c): ColumnFormat => c.format ?? "general"),
      ...extras.map((): ColumnFormat => "general"),
    ],
    rows: out,
    previousRows: t.headerRow ? lastRow - t.headerRow + 1 : 0,
    previousColumns: t.width,
  };
}

/**
 * Values for columns of an input sheet, by sheet row; a column the sheet lacks is
 * added after its last column with its header.
 */
export function columnUpdates(
  t: Table,
  updates: { key: string; header: string; format: ColumnFormat; values: Map<number, CellValue> }[],
  create: boolean
): CellsWrite {
  let nextFree = t.width;
  for (const c of t.cols.values()) nextFree = Math.max(nextFree, c + 1);
  const headerRow = t.headerRow || 1;
  const columns: ColumnWrite[] = [];
  for (const u of updates) {
    let col = t.cols.get(u.key);
    let header: string | undefined;
    if (col === undefined) {
      col = nextFree++;
      header = u.header;
    }
    let firstRow = Infinity;
    let lastRow = -Infinity;
    for (const row of u.values.keys()) {
      if (row < firstRow) firstRow = row;
      if (row > lastRow) lastRow = row;
    }
    if (!u.values.size) [firstRow, lastRow] = [headerRow + 1, headerRow];
    const values: (CellValue | undefined)[] = new Array(Math.max(0, lastRow - firstRow + 1)).fill(
      undefined
    );
    for (const [row, v] of u.values) values[row - firstRow] = v;
    columns.push({ col, format: u.format, header, headerRow, firstRow, values });
  }
  return { kind: "cells", sheet: t.sheet, create, columns };
}

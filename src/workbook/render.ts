/** Renders the product's sheets and the cells it maintains on input sheets as a write plan. */
import { AssemblyLine, BlanketAssemblyOrder } from "../domain/model";
import type { AssemblyOrderOut } from "../domain/makeOrder";
import { CellValue, isEmptyCell } from "./grid";
import { ColumnFormat, SheetSpec } from "./schema";
import { Table } from "./table";
import { CellsWrite, ColumnWrite, TableWrite } from "./writePlan";

/** A row to render: from the engine's records, carrying the source row's unknown columns along. */
export interface RenderedRow {
  values: Record<string, CellValue | undefined>;
  /** The sheet row it replaces, whose unknown columns it keeps. */
  sourceRow?: number;
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
export function renderTable(
  t: Table,
  spec: SheetSpec,
  rows: (RenderedRow | { keepRow: number })[]
): TableWrite {
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
    } else {
      for (const c of spec.columns) line.push(r.values[c.key] ?? null);
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

const blankZero = (n: number | undefined): CellValue =>
  n === undefined || Number.isNaN(n) ? null : n;

function assemblyLineValues(l: AssemblyLine): Record<string, CellValue | undefined> {
  const isComment = l.type === "Comment";
  return {
    lineNo: l.lineNo,
    type: isComment ? null : l.type,
    no: isComment ? null : l.no,
    description: l.description ?? null,
    variant: l.variant ?? null,
    qtyPer: isComment ? null : l.qtyPer,
    quantity: isComment ? null : l.quantity,
    uom: l.uom ?? null,
    usage: l.type === "Resource" ? l.usage : null,
    position: l.position ?? null,
  };
}

export function blanketAssemblyRows(bao: BlanketAssemblyOrder): RenderedRow[] {
  return bao.lines.map((l) => ({
    sourceRow: l.row,
    values: {
      aoNo: bao.aoNo,
      blanketDocNo: bao.blanketDocNo,
      blanketLineNo: bao.blanketLineNo ?? null,
      itemNo: bao.itemNo,
      asmQty: blankZero(bao.asmQty),
      asmUom: bao.asmUom,
      dueDate: bao.dueDate ?? null,
      ...assemblyLineValues(l),
    },
  }));
}

export function assemblyOrderRows(ao: AssemblyOrderOut): RenderedRow[] {
  return ao.lines.map((l) => ({
    values: {
      aoNo: ao.aoNo,
      salesOrderNo: ao.salesOrderNo,
      salesLineNo: ao.salesLineNo,
      itemNo: ao.itemNo,
      asmQty: ao.asmQty,
      asmUom: ao.asmUom,
      dueDate: ao.dueDate ?? null,
      ...assemblyLineValues(l),
      baoNo: ao.baoNo,
    },
  }));
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

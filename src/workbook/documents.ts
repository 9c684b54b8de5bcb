/**
 * What each process writes, as write plans: blanket assembly orders, the documents of a
 * Make Order, the cells the product keeps on Blanket Orders and Setup, the component
 * forecast, the template, and Excel's row limit.
 */
import { AssembleOutcome } from "../domain/blanketAssembly";
import { BlanketIndex, quantityOrdered } from "../domain/blanketIndex";
import { ForecastRow } from "../domain/componentForecast";
import { issue, Issue, MESSAGES } from "../domain/issues";
import { AssemblyOrder, MadeOrder, quantityOrderedAfter } from "../domain/makeOrder";
import {
  AssemblyLine,
  BlanketAssemblyOrder,
  BlanketOrder,
  BlanketOrderLine,
  key,
} from "../domain/model";
import { NumberSeries, SERIES_DEFAULTS, SeriesName } from "../domain/numberSeries";
import { addQty, subQty } from "../domain/quantity";
import { CellValue, findSheet, isEmptyCell, WorkbookGrids } from "./grid";
import { WorkbookRead } from "./reading";
import { columnUpdates, positions, recordRow, renderTable, RowToRender } from "./render";
import {
  ASSEMBLY_ORDERS,
  BLANKET_ASSEMBLY_ORDERS,
  BLANKET_ORDERS,
  column,
  COMPONENT_FORECAST,
  ColumnFormat,
  INPUT_SHEETS,
  OUTPUT_SHEETS,
  SALES_ORDERS,
  SETUP,
  SheetSpec,
} from "./schema";
import { emptyTable, readTable, rowOf, Table } from "./table";
import { SheetWrite, TableWrite, WritePlan } from "./writePlan";

// ------------------------------------------------------------------ assembly lines

const blankNaN = (n: number | undefined): CellValue =>
  n === undefined || Number.isNaN(n) ? null : n;

/** Writes an assembly line's columns into a row (shared by both assembly sheets). */
function fillAssemblyLine(cells: CellValue[], at: Record<string, number>, l: AssemblyLine): void {
  const isComment = l.type === "Comment";
  cells[at.lineNo] = l.lineNo;
  cells[at.type] = isComment ? null : l.type;
  cells[at.no] = isComment ? null : l.no;
  cells[at.description] = l.description ?? null;
  cells[at.variantCode] = l.variantCode ?? null;
  cells[at.quantityPer] = isComment ? null : l.quantityPer;
  cells[at.quantity] = isComment ? null : l.quantity;
  cells[at.unitOfMeasureCode] = l.unitOfMeasureCode ?? null;
  cells[at.resourceUsageType] = l.type === "Resource" ? l.resourceUsageType : null;
  cells[at.position] = l.position ?? null;
}

/** Appends a blanket assembly order's rows to `out`. */
function blanketAssemblyRows(order: BlanketAssemblyOrder, out: RowToRender[]): void {
  const at = positions(BLANKET_ASSEMBLY_ORDERS);
  const width = BLANKET_ASSEMBLY_ORDERS.columns.length;
  const quantity = blankNaN(order.assemblyQuantity);
  for (const l of order.lines) {
    const cells: CellValue[] = new Array(width).fill(null);
    cells[at.assemblyOrderNo] = order.assemblyOrderNo;
    cells[at.blanketOrderNo] = order.blanketOrderNo;
    cells[at.blanketOrderLineNo] = order.blanketOrderLineNo ?? null;
    cells[at.assemblyItemNo] = order.assemblyItemNo;
    cells[at.assemblyQuantity] = quantity;
    cells[at.assemblyUnitOfMeasure] = order.assemblyUnitOfMeasure;
    cells[at.dueDate] = order.dueDate ?? null;
    fillAssemblyLine(cells, at, l);
    out.push({ cells, sourceRow: l.source ? rowOf(l.source).row : undefined });
  }
}

/** Appends an assembly order's rows to `out`. */
function assemblyOrderRows(order: AssemblyOrder, out: RowToRender[]): void {
  const at = positions(ASSEMBLY_ORDERS);
  const width = ASSEMBLY_ORDERS.columns.length;
  for (const l of order.lines) {
    const cells: CellValue[] = new Array(width).fill(null);
    cells[at.assemblyOrderNo] = order.assemblyOrderNo;
    cells[at.salesOrderNo] = order.salesOrderNo;
    cells[at.salesOrderLineNo] = order.salesOrderLineNo;
    cells[at.assemblyItemNo] = order.assemblyItemNo;
    cells[at.assemblyQuantity] = order.assemblyQuantity;
    cells[at.assemblyUnitOfMeasure] = order.assemblyUnitOfMeasure;
    cells[at.dueDate] = order.dueDate ?? null;
    fillAssemblyLine(cells, at, l);
    cells[at.blanketAssemblyOrderNo] = order.blanketAssemblyOrderNo;
    out.push({ cells });
  }
}

export type BlanketAssemblyFate = "render" | "keep" | "remove";

/**
 * The Blanket Assembly Orders sheet: each order rendered from its record, kept as its
 * rows, or removed; rows that belong to no readable order are kept as they are; new
 * orders are appended.
 */
export function blanketAssemblySheet(
  read: WorkbookRead,
  fate: (order: BlanketAssemblyOrder) => BlanketAssemblyFate,
  appended: BlanketAssemblyOrder[]
): TableWrite {
  const t = read.tables.blanketAssemblyOrders;
  const owner = new Map<number, BlanketAssemblyOrder>();
  for (const order of read.records.blanketAssemblyOrders)
    for (const s of order.sources) owner.set(rowOf(s).row, order);
  const rows: RowToRender[] = [];
  const done = new Set<BlanketAssemblyOrder>();
  for (const r of t.rows) {
    const order = owner.get(r.row);
    const f = order ? fate(order) : "keep";
    if (f === "keep") rows.push({ keepRow: r.row });
    else if (f === "render" && !done.has(order!)) {
      done.add(order!);
      blanketAssemblyRows(order!, rows);
    }
  }
  for (const order of appended) blanketAssemblyRows(order, rows);
  return renderTable(t, BLANKET_ASSEMBLY_ORDERS, rows);
}

// ------------------------------------------------------------------ number series

/** Records the last number each series took in Setup's `Last No. Used`, creating the sheet or row. */
function setupWrite(read: WorkbookRead, used: NumberSeries[]): SheetWrite | undefined {
  const taken = used.filter((s) => s.last);
  if (!taken.length) return undefined;
  const exists = read.tables.setup.present;
  const t: Table = exists ? read.tables.setup : { ...emptyTable(SETUP), headerRow: 1 };
  const settings = new Map<number, CellValue>();
  const values = new Map<number, CellValue>();
  const last = new Map<number, CellValue>();
  let nextRow = t.rows.length ? t.rows[t.rows.length - 1].row + 1 : t.headerRow + 1;
  const names = exists
    ? taken.map((s) => s.setting)
    : (Object.keys(SERIES_DEFAULTS) as SeriesName[]);
  for (const name of names) {
    const existing = read.records.setup.find((s) => key(s.setting) === key(name));
    const row = existing ? rowOf(existing.source).row : nextRow++;
    if (!existing) {
      settings.set(row, name);
      values.set(row, SERIES_DEFAULTS[name]);
    }
    const s = taken.find((x) => x.setting === name);
    if (s?.last) last.set(row, s.last);
  }
  const text = (k: string) => ({
    key: k,
    header: column(SETUP, k).header,
    format: "text" as const,
  });
  return columnUpdates(
    t,
    [
      { ...text("setting"), values: settings },
      { ...text("value"), values },
      { ...text("lastNoUsed"), values: last },
    ],
    !exists
  );
}

// ------------------------------------------------------------------ Excel's limit

/** Excel's last row. */
export const EXCEL_ROWS = 1_048_576;

/** SHEET_FULL for each table write that would run past Excel's last row: the command writes nothing. */
export function sheetFull(plan: WritePlan): Issue[] {
  const issues: Issue[] = [];
  for (const w of plan.writes) {
    if (w.kind !== "table") continue;
    const last = w.startRow + Math.max(1, w.rows.length);
    if (last > EXCEL_ROWS)
      issues.push(
        issue("SHEET_FULL", { sheet: w.sheet, cell: "A1" }, MESSAGES.sheetFull(w.sheet, last), [])
      );
  }
  return issues;
}

// ------------------------------------------------------------------ assemble

export function assemblePlan(
  read: WorkbookRead,
  outcome: AssembleOutcome,
  series: NumberSeries
): WritePlan {
  const kept = new Set(outcome.orders);
  const writes: SheetWrite[] = [
    blanketAssemblySheet(
      read,
      (order) => (kept.has(order) ? "render" : "remove"),
      outcome.orders.filter((o) => !o.sources.length)
    ),
  ];
  const setup = setupWrite(read, [series]);
  if (setup) writes.push(setup);
  return { writes };
}

// ------------------------------------------------------------------ make order

/**
 * The Make Order's writes, in the order a host applies them. Excel does not roll back a
 * write that fails part-way, so: numbers are reserved first, so none is used twice; the
 * blanket order's Quantity Ordered exists before the documents, so a half-written order
 * shows (DOCUMENT_INCOMPLETE); the call-off is reset last, so it is never lost.
 */
export function makeOrderPlan(
  read: WorkbookRead,
  index: BlanketIndex,
  order: BlanketOrder,
  made: MadeOrder,
  used: NumberSeries[],
  follow: (o: BlanketAssemblyOrder) => BlanketAssemblyFate
): WritePlan {
  const writes: SheetWrite[] = [];
  const setup = setupWrite(read, used);
  if (setup) writes.push(setup);
  if (!read.tables.blanketOrders.cols.has("quantityOrdered"))
    writes.push(quantityOrderedColumn(read, index));
  const salesRows: RowToRender[] = read.tables.salesOrders.rows.map((r) => ({ keepRow: r.row }));
  for (const s of made.salesLines) {
    const comment = s.type === "Comment";
    salesRows.push(
      recordRow(SALES_ORDERS, {
        ...s,
        type: comment ? null : s.type,
        no: s.no || null,
        quantity: comment ? null : s.quantity,
        qtyToAssembleToOrder: comment ? null : s.qtyToAssembleToOrder,
        lineDiscountPercent: comment ? null : s.lineDiscountPercent,
        unitPrice: comment ? null : s.unitPrice,
        source: undefined,
      })
    );
  }
  writes.push(renderTable(read.tables.salesOrders, SALES_ORDERS, salesRows));
  const assemblyRows: RowToRender[] = read.tables.assemblyOrders.rows.map((r) => ({
    keepRow: r.row,
  }));
  for (const ao of made.assemblyOrders) assemblyOrderRows(ao, assemblyRows);
  writes.push(renderTable(read.tables.assemblyOrders, ASSEMBLY_ORDERS, assemblyRows));
  writes.push(blanketAssemblySheet(read, follow, made.created));
  writes.push(blanketOrderUpdates(read, index, order, made));
  return { writes };
}

const quantityColumn = (k: string) => ({
  key: k,
  header: column(BLANKET_ORDERS, k).header,
  format: "quantity" as const,
});

const rowOfLine = (l: BlanketOrderLine): number => rowOf(l.source).row;

/** The Quantity Ordered column as it stands before this order, for a sheet that lacks it. */
function quantityOrderedColumn(read: WorkbookRead, index: BlanketIndex): SheetWrite {
  const ordered = new Map<number, CellValue>();
  for (const o of read.records.blanketOrders.values())
    for (const l of o.lines)
      if (l.type === "Item" && l.valid) ordered.set(rowOfLine(l), quantityOrdered(index, l));
  return columnUpdates(
    read.tables.blanketOrders,
    [{ ...quantityColumn("quantityOrdered"), values: ordered }],
    false
  );
}

/** Quantity Ordered and Remaining Quantity from the sales lines, and the call-off reset. */
function blanketOrderUpdates(
  read: WorkbookRead,
  index: BlanketIndex,
  order: BlanketOrder,
  made: MadeOrder
): SheetWrite {
  const t = read.tables.blanketOrders;
  const ordered = new Map<number, CellValue>();
  const remaining = new Map<number, CellValue>();
  const toShip = new Map<number, CellValue>();
  for (const l of order.lines) toShip.set(rowOfLine(l), null);
  for (const [l, q] of quantityOrderedAfter(index, order, made)) {
    ordered.set(rowOfLine(l), q);
    remaining.set(rowOfLine(l), subQty(l.quantity, q));
  }
  const updates = [
    { ...quantityColumn("quantityOrdered"), values: ordered },
    { ...quantityColumn("remainingQuantity"), values: remaining },
  ];
  if (t.cols.has("qtyToShip")) updates.unshift({ ...quantityColumn("qtyToShip"), values: toShip });
  return columnUpdates(t, updates, false);
}

/** Cells of one column of blanket order lines (Qty. to Ship, Qty. to Assemble to Order). */
export function blanketLineCells(
  read: WorkbookRead,
  field: "qtyToShip" | "qtyToAssembleToOrder",
  values: ReadonlyMap<BlanketOrderLine, CellValue>
): WritePlan {
  const byRow = new Map([...values].map(([l, v]) => [rowOfLine(l), v]));
  return {
    writes: [
      columnUpdates(
        read.tables.blanketOrders,
        [{ ...quantityColumn(field), values: byRow }],
        false
      ),
    ],
  };
}

// ------------------------------------------------------------------ forecast

export function forecastPlan(grids: WorkbookGrids, rows: ForecastRow[]): WritePlan {
  const grid = findSheet(grids, COMPONENT_FORECAST.name);
  const t = grid ? readTable(grid, COMPONENT_FORECAST, []) : emptyTable(COMPONENT_FORECAST);
  const rendered: RowToRender[] = rows.map((r) =>
    recordRow(COMPONENT_FORECAST, {
      ...r,
      periodStart: r.periodStart ?? null,
      totalNeed: addQty(r.blanketNeed, r.assemblyNeed),
    })
  );
  return { writes: [renderTable(t, COMPONENT_FORECAST, rendered)] };
}

// ------------------------------------------------------------------ new sheets

/** A new sheet as a table: header row 1, the spec's formats and drop-down lists for options. */
export function newTable(
  spec: SheetSpec,
  rows: CellValue[][] = [],
  extra: Partial<TableWrite> = {}
): TableWrite {
  return {
    kind: "table",
    sheet: spec.name,
    tableName: spec.tableName,
    startRow: 1,
    headers: spec.columns.map((c) => c.header),
    formats: spec.columns.map((c): ColumnFormat => c.format ?? "general"),
    rows,
    previousRows: 0,
    previousColumns: 0,
    ...extra,
  };
}

/** Drop-down lists for a spec's option columns. */
export function optionLists(spec: SheetSpec): TableWrite["lists"] {
  return spec.columns.flatMap((c, col) =>
    c.options ? [{ col, options: c.options.filter((o) => o !== "") }] : []
  );
}

/** An empty workbook: every input sheet with its header row, formats and drop-down lists. */
export function templatePlan(): WritePlan {
  return { writes: INPUT_SHEETS.map((spec) => newTable(spec, [], { lists: optionLists(spec) })) };
}

/** Writes grids as the product writes sheets: each a table with its columns' formats. */
export function gridsAsTables(grids: WorkbookGrids): WritePlan {
  const specs = [...INPUT_SHEETS, ...OUTPUT_SHEETS];
  return {
    writes: grids.sheets.map((s): TableWrite => {
      const spec = specs.find((x) => x.name.toLowerCase() === s.name.toLowerCase());
      const [head = [], ...rows] = s.rows;
      const formatOf = (h: CellValue): ColumnFormat =>
        spec?.columns.find((c) => c.header === h)?.format ?? "general";
      return {
        kind: "table",
        sheet: s.name,
        tableName: spec?.tableName ?? s.name.replace(/[^A-Za-z0-9]/g, ""),
        startRow: 1,
        headers: head.map(String),
        formats: head.map(formatOf),
        rows: rows
          .filter((r) => r.some((c) => !isEmptyCell(c)))
          .map((r) => head.map((_, i) => r[i] ?? null)),
        previousRows: 0,
        previousColumns: 0,
      };
    }),
  };
}

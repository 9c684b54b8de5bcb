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
import { columnUpdates, positions, recordRow, renderTable, RowToRender, sameCell } from "./render";
import {
  ASSEMBLY_ORDERS,
  BLANKET_ASSEMBLY_ORDERS,
  BLANKET_ORDERS,
  column,
  COMPONENT_FORECAST,
  ColumnFormat,
  INPUT_SHEETS,
  LIST_SHEETS,
  OUTPUT_SHEETS,
  SALES_ORDERS,
  SETUP,
  SheetSpec,
} from "./schema";
import { emptyTable, readTable, rowOf, Table } from "./table";
import { SheetWrite, WritePlan } from "./writePlan";

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
    cells[at.locationCode] = order.locationCode ?? null;
    cells[at.assemblyVariantCode] = order.variantCode ?? null;
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
    cells[at.locationCode] = order.locationCode ?? null;
    cells[at.assemblyVariantCode] = order.variantCode ?? null;
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
): SheetWrite[] {
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
  // A new order's link to its blanket line is written last: an order cut short by an
  // interrupted write links nowhere, so the next command removes and remakes it rather
  // than keeping a part of it as if customized.
  const { write, deferred } = renderTable(
    t,
    BLANKET_ASSEMBLY_ORDERS,
    BLANKET_ASSEMBLY_ORDERS.tableName,
    rows,
    ["blanketOrderNo", "blanketOrderLineNo"]
  );
  return deferred ? [write, deferred] : [write];
}

// ------------------------------------------------------------------ number series

/** The Setup row that remembers the last Make Order attempt and the sales order it made. */
export const MAKE_ORDER_ATTEMPT = "Last Make Order";

/**
 * Records the last number each series took in Setup's `Last No. Used`, creating the sheet
 * or row; and the Make Order attempt, where one is given.
 */
function setupWrite(
  read: WorkbookRead,
  used: NumberSeries[],
  attempt?: { id: string; salesOrderNo: string }
): SheetWrite | undefined {
  const taken = used.filter((s) => s.last);
  if (!taken.length && !attempt) return undefined;
  const exists = read.tables.setup.present;
  const t: Table = exists ? read.tables.setup : { ...read.tables.setup, headerRow: 1 };
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
  if (attempt) {
    const existing = read.records.setup.find((s) => key(s.setting) === key(MAKE_ORDER_ATTEMPT));
    const row = existing ? rowOf(existing.source).row : nextRow++;
    settings.set(row, MAKE_ORDER_ATTEMPT);
    values.set(row, attempt.id);
    last.set(row, attempt.salesOrderNo);
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
    !t.exists
  );
}

// ------------------------------------------------------------------ Excel's limit

/** Excel's last row. */
export const EXCEL_ROWS = 1_048_576;

/** SHEET_FULL for each table write that would run past Excel's last row: the command writes nothing. */
export function sheetFull(plan: WritePlan): Issue[] {
  const last = new Map<string, { sheet: string; row: number }>();
  for (const w of plan.writes) {
    let row = w.table?.lastRow ?? 0;
    for (const r of w.ranges) row = Math.max(row, r.row + r.values.length - 1);
    const k = w.sheet.toLowerCase();
    if (row > (last.get(k)?.row ?? 0)) last.set(k, { sheet: w.sheet, row });
  }
  return [...last.values()]
    .filter((x) => x.row > EXCEL_ROWS)
    .map((x) =>
      issue("SHEET_FULL", { sheet: x.sheet, cell: "A1" }, MESSAGES.sheetFull(x.sheet, x.row), [])
    );
}

// ------------------------------------------------------------------ assemble

/** Numbers are reserved before the documents that use them, so none is used twice. */
export function assemblePlan(
  read: WorkbookRead,
  outcome: AssembleOutcome,
  series: NumberSeries
): WritePlan {
  const kept = new Set(outcome.orders);
  const writes: SheetWrite[] = [];
  const setup = setupWrite(read, [series]);
  if (setup) writes.push(setup);
  writes.push(
    ...blanketAssemblySheet(
      read,
      (order) => (kept.has(order) ? "render" : "remove"),
      outcome.orders.filter((o) => !o.sources.length)
    )
  );
  return { writes };
}

// ------------------------------------------------------------------ make order

/**
 * The Make Order's writes, in the order a host applies them. Excel does not roll back a
 * write that fails part-way, so every prefix must be safe: numbers (and the attempt) are
 * reserved first, so none is used twice; the blanket order's Quantity Ordered exists
 * before the documents, so a half-written order shows (DOCUMENT_INCOMPLETE: its sales
 * lines hold more than Quantity Ordered says); the blanket assembly orders come before
 * the assembly orders made from them; Quantity Ordered, written last, is what makes the
 * order complete, after Qty. to Ship was reset and Remaining Quantity set.
 */
export function makeOrderPlan(
  read: WorkbookRead,
  index: BlanketIndex,
  order: BlanketOrder,
  made: MadeOrder,
  used: NumberSeries[],
  follow: (o: BlanketAssemblyOrder) => BlanketAssemblyFate,
  attemptId?: string
): WritePlan {
  const writes: SheetWrite[] = [];
  const attempt = attemptId ? { id: attemptId, salesOrderNo: made.salesOrderNo } : undefined;
  const setup = setupWrite(read, used, attempt);
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
        unitCost: comment ? null : s.unitCost,
        source: undefined,
      })
    );
  }
  const assemblyRows: RowToRender[] = read.tables.assemblyOrders.rows.map((r) => ({
    keepRow: r.row,
  }));
  for (const ao of made.assemblyOrders) assemblyOrderRows(ao, assemblyRows);
  writes.push(...blanketAssemblySheet(read, follow, made.created));
  writes.push(
    renderTable(read.tables.salesOrders, SALES_ORDERS, SALES_ORDERS.tableName, salesRows).write
  );
  writes.push(
    renderTable(
      read.tables.assemblyOrders,
      ASSEMBLY_ORDERS,
      ASSEMBLY_ORDERS.tableName,
      assemblyRows
    ).write
  );
  writes.push(...blanketOrderUpdates(read, index, order, made));
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

/**
 * Quantity Ordered and Remaining Quantity from the sales lines, and the call-off reset:
 * two writes, Quantity Ordered (the order's completion) in the second.
 */
function blanketOrderUpdates(
  read: WorkbookRead,
  index: BlanketIndex,
  order: BlanketOrder,
  made: MadeOrder
): SheetWrite[] {
  const t = read.tables.blanketOrders;
  const ordered = new Map<number, CellValue>();
  const remaining = new Map<number, CellValue>();
  const toShip = new Map<number, CellValue>();
  for (const l of order.lines) toShip.set(rowOfLine(l), null);
  // Only cells that change: a full sheet holds a million lines, nearly all as they were.
  const orderedAt = t.cols.get("quantityOrdered");
  const remainingAt = t.cols.get("remainingQuantity");
  const changes = (c: number | undefined, l: BlanketOrderLine, v: CellValue): boolean =>
    c === undefined || !sameCell(v, rowOf(l.source).cells[c]);
  quantityOrderedAfter(index, order, made, (l, q) => {
    if (changes(orderedAt, l, q)) ordered.set(rowOfLine(l), q);
    const left = subQty(l.quantity, q);
    if (changes(remainingAt, l, left)) remaining.set(rowOfLine(l), left);
  });
  const updates = [
    { ...quantityColumn("quantityOrdered"), values: ordered },
    { ...quantityColumn("remainingQuantity"), values: remaining },
  ];
  if (t.cols.has("qtyToShip")) updates.unshift({ ...quantityColumn("qtyToShip"), values: toShip });
  const all = columnUpdates(t, updates, false);
  // The column Quantity Ordered is (or will be) in: the first missing column takes the next free one.
  const orderedCol =
    t.cols.get("quantityOrdered") ?? Math.max(t.width, ...[...t.cols.values()].map((c) => c + 1));
  const isOrdered = (r: { col: number; row: number }) =>
    r.col === orderedCol && r.row > (t.headerRow || 1);
  return [
    { ...all, ranges: all.ranges.filter((r) => !isOrdered(r)) },
    { sheet: all.sheet, ranges: all.ranges.filter(isOrdered) },
  ];
}

/** Cells of one column of blanket order lines (Qty. to Ship, Qty. to Assemble to Order, Unit Price, Unit Cost). */
export function blanketLineCells(
  read: WorkbookRead,
  field: "qtyToShip" | "qtyToAssembleToOrder" | "unitPrice" | "unitCost",
  values: ReadonlyMap<BlanketOrderLine, CellValue>
): WritePlan {
  const byRow = new Map([...values].map(([l, v]) => [rowOfLine(l), v]));
  const spec = column(BLANKET_ORDERS, field);
  const update = {
    key: field,
    header: spec.header,
    format: spec.format ?? "general",
    values: byRow,
  };
  return { writes: [columnUpdates(read.tables.blanketOrders, [update], false)] };
}

// ------------------------------------------------------------------ forecast

export function forecastPlan(grids: WorkbookGrids, rows: ForecastRow[]): WritePlan {
  const grid = findSheet(grids, COMPONENT_FORECAST.name);
  const t = grid ? readTable(grid, COMPONENT_FORECAST, []) : emptyTable(COMPONENT_FORECAST);
  if (grid && !t.present) t.exists = true;
  const rendered: RowToRender[] = rows.map((r) =>
    recordRow(COMPONENT_FORECAST, {
      ...r,
      periodStart: r.periodStart ?? null,
      totalNeed: addQty(r.blanketNeed, r.assemblyNeed),
    })
  );
  return {
    writes: [renderTable(t, COMPONENT_FORECAST, COMPONENT_FORECAST.tableName, rendered).write],
  };
}

// ------------------------------------------------------------------ new sheets

/** A new sheet as a table: header row 1, its columns' formats, lists and protection as asked. */
export function newSheet(
  sheet: string,
  tableName: string,
  headers: string[],
  formats: ColumnFormat[],
  rows: CellValue[][],
  extra: { lists?: SheetWrite["lists"]; editableColumns?: number[] } = {}
): SheetWrite {
  const body = rows.map((r) => headers.map((_, c) => r[c] ?? null));
  const lastRow = 1 + Math.max(1, rows.length);
  const write: SheetWrite = {
    sheet,
    create: true,
    ranges: [
      { row: 1, col: 0, values: [headers], formats: headers.map(() => "text") },
      ...(body.length ? [{ row: 2, col: 0, values: body, formats }] : []),
    ],
    table: { name: tableName, headerRow: 1, lastRow, columns: headers.length },
    columnFormats: formats,
  };
  if (extra.lists?.length) write.lists = extra.lists;
  if (extra.editableColumns)
    write.protect = { editableColumns: extra.editableColumns, headerRow: 1, lastRow };
  return write;
}

/** A new sheet holding a spec's table. */
export function newTable(
  spec: SheetSpec,
  rows: CellValue[][] = [],
  extra: { lists?: SheetWrite["lists"]; editableColumns?: number[] } = {}
): SheetWrite {
  return newSheet(
    spec.name,
    spec.tableName,
    spec.columns.map((c) => c.header),
    spec.columns.map((c): ColumnFormat => c.format ?? "general"),
    rows,
    extra
  );
}

/** Drop-down lists for a spec's option columns. */
export function optionLists(spec: SheetSpec): SheetWrite["lists"] {
  return spec.columns.flatMap((c, col) =>
    c.options ? [{ col, options: c.options.filter((o) => o !== "") }] : []
  );
}

/** An empty workbook: every input sheet with its header row, formats and drop-down lists. */
export function templatePlan(): WritePlan {
  return {
    writes: INPUT_SHEETS.map((spec) => newTable(spec, [], { lists: optionLists(spec) })),
  };
}

/** Writes grids as new sheets the way the product writes sheets: each a table with its columns' formats. */
export function gridsAsTables(grids: WorkbookGrids): WritePlan {
  const specs = [...INPUT_SHEETS, ...LIST_SHEETS, ...OUTPUT_SHEETS];
  return {
    writes: grids.sheets.map((s): SheetWrite => {
      const spec = specs.find((x) => x.name.toLowerCase() === s.name.toLowerCase());
      const [head = [], ...rows] = s.rows;
      const formatOf = (h: CellValue): ColumnFormat =>
        spec?.columns.find((c) => c.header === h)?.format ?? "general";
      return newSheet(
        s.name,
        spec?.tableName ?? s.name.replace(/[^A-Za-z0-9]/g, ""),
        head.map(String),
        head.map(formatOf),
        rows.filter((r) => r.some((c) => !isEmptyCell(c)))
      );
    }),
  };
}

/**
 * A whole workbook as new sheets: the product's sheets as tables (gridsAsTables), any
 * other sheet (prose such as About) as plain values.
 */
export function gridsAsWorkbook(grids: WorkbookGrids): WritePlan {
  const specs = [...INPUT_SHEETS, ...LIST_SHEETS, ...OUTPUT_SHEETS];
  const known = (name: string): boolean =>
    specs.some((x) => x.name.toLowerCase() === name.toLowerCase());
  const tables = gridsAsTables({ sheets: grids.sheets.filter((s) => known(s.name)) }).writes;
  return {
    writes: grids.sheets.map((s): SheetWrite =>
      known(s.name)
        ? tables.shift()!
        : {
            sheet: s.name,
            create: true,
            ranges: s.rows.flatMap((r, i) =>
              r.length
                ? [
                    {
                      row: i + 1,
                      col: 0,
                      values: [r],
                      formats: r.map((): ColumnFormat => "general"),
                    },
                  ]
                : []
            ),
          }
    ),
  };
}

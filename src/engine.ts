/**
 * The engine's commands, one way through: grids -> parse -> validate -> domain ->
 * render -> write plan. Pure: hosts supply grids and apply the plan.
 */
import { lineKey, quantityOrdered } from "./domain/analysis";
import { assembleOrders, refreshOrder } from "./domain/assembly";
import { Issue, IssueLog, key, MESSAGES, publicIssue, ScopedIssue } from "./domain/issues";
import {
  calledOffLines,
  makeOrderDocuments,
  MakeOrderOutcome,
  UnfinishedOrder,
} from "./domain/makeOrder";
import { BlanketAssemblyOrder, BlanketOrder, SalesLine } from "./domain/model";
import { NumberSeries, openSeries, SERIES_DEFAULTS, SeriesName } from "./domain/numberSeries";
import { addQty, subQty } from "./domain/quantity";
import { validateWorkbook } from "./domain/validate";
import { CellValue, cellRef, findSheet, parseCellRef, WorkbookGrids } from "./workbook/grid";
import { ParsedWorkbook, parseWorkbook } from "./workbook/parse";
import {
  assemblyOrderRows,
  blanketAssemblyRows,
  columnUpdates,
  recordRow,
  RowToRender,
  renderTable,
} from "./workbook/render";
import {
  ASSEMBLY_ORDERS,
  COMPONENT_FORECAST,
  BLANKET_ASSEMBLY_ORDERS,
  BLANKET_ORDERS as BLANKET_ORDERS_SPEC,
  column,
  INPUT_SHEETS,
  SALES_ORDERS,
  SETUP,
} from "./workbook/schema";
import { emptyTable, readTable, serialToIso } from "./workbook/table";
import { componentForecast, ForecastRow, PeriodKind } from "./domain/forecast";
import { SheetWrite, WritePlan } from "./workbook/writePlan";

export interface CommandResult {
  ok: boolean;
  errors: number;
  warnings: number;
  issues: Issue[];
  /** Present when the command has something to write. */
  plan?: WritePlan;
}

export interface AssembleResult extends CommandResult {
  created: number;
  kept: number;
  rebuilt: number;
  removed: number;
}

export interface MakeOrderResult extends CommandResult {
  salesOrder?: string;
  assemblyOrders?: string[];
}

export interface MakeOrderOptions {
  /** The blanket order's Document No. */
  orderNo: string;
  /** Order date as an Excel serial number. */
  orderDate: number;
  /** Qty. to Ship per Line No.; when given, the sheet's Qty. to Ship column is ignored for this order. */
  ship?: ReadonlyMap<number, number>;
}

/** Issues sorted by sheet (workbook order), then row, then column, so a report reads top to bottom. */
function sortedIssues(wb: ParsedWorkbook, issues: ScopedIssue[]): Issue[] {
  const sheetOrder = new Map(wb.grids.sheets.map((s, i) => [s.name.toLowerCase(), i]));
  const pos = (cell: string): [number, number] => {
    const at = parseCellRef(cell);
    return at ? [at.row, at.col] : [0, 0];
  };
  return issues
    .map((issue, i) => ({
      issue,
      i,
      s: sheetOrder.get(issue.sheet.toLowerCase()) ?? -1,
      p: pos(issue.cell),
    }))
    .sort((a, b) => a.s - b.s || a.p[0] - b.p[0] || a.p[1] - b.p[1] || a.i - b.i)
    .map((x) => publicIssue(x.issue));
}

function result(wb: ParsedWorkbook, ok: boolean, plan?: WritePlan): CommandResult {
  const issues = sortedIssues(wb, wb.log.list);
  const errors = issues.filter((i) => i.severity === "error").length;
  return { ok, errors, warnings: issues.length - errors, issues, plan };
}

const isError = (i: ScopedIssue): boolean => i.severity === "error";

// ---------------------------------------------------------------- validate

export function validate(grids: WorkbookGrids): CommandResult {
  const wb = parseWorkbook(grids);
  validateWorkbook(wb);
  return result(wb, wb.log.errorCount === 0);
}

// ---------------------------------------------------------------- number series

function assemblyNumbers(wb: ParsedWorkbook): string[] {
  return [...wb.baos.map((b) => b.aoNo), ...wb.assemblyLines.map((l) => l.aoNo)];
}

function series(wb: ParsedWorkbook, name: SeriesName): NumberSeries | undefined {
  const used =
    name === "Sales Order Nos." ? wb.salesLines.map((s) => s.docNo) : assemblyNumbers(wb);
  return openSeries(wb, name, used);
}

/** Records the last number each series took in Setup's `Last No. Used`, creating the sheet or row. */
function setupWrite(wb: ParsedWorkbook, used: NumberSeries[]): SheetWrite | undefined {
  const taken = used.filter((s) => s.last);
  if (!taken.length) return undefined;
  const t = wb.has.setup ? wb.tables.setup : { ...emptyTable(SETUP), headerRow: 1 };
  const settings = new Map<number, CellValue>();
  const values = new Map<number, CellValue>();
  const last = new Map<number, CellValue>();
  let nextRow = t.rows.length ? t.rows[t.rows.length - 1].row + 1 : t.headerRow + 1;
  const names = wb.has.setup
    ? taken.map((s) => s.setting)
    : (Object.keys(SERIES_DEFAULTS) as SeriesName[]);
  for (const name of names) {
    const existing = wb.setup.find((s) => key(s.setting) === key(name));
    const row = existing?.row ?? nextRow++;
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
  const write = columnUpdates(
    t,
    [
      { ...text("setting"), values: settings },
      { ...text("value"), values },
      { ...text("lastNoUsed"), values: last },
    ],
    !wb.has.setup
  );
  if (!wb.has.setup)
    for (const c of write.columns)
      c.header = column(SETUP, ["setting", "value", "lastNoUsed"][c.col]).header;
  return write;
}

/** Excel's last row. */
export const EXCEL_ROWS = 1_048_576;

/** Table writes that would run past Excel's last row: SHEET_FULL, and the command writes nothing. */
function overfull(wb: ParsedWorkbook, plan: WritePlan): boolean {
  let full = false;
  for (const w of plan.writes) {
    if (w.kind !== "table") continue;
    const last = w.startRow + Math.max(1, w.rows.length);
    if (last > EXCEL_ROWS) {
      wb.log.add("SHEET_FULL", w.sheet, "A1", MESSAGES.sheetFull(w.sheet, last), [
        `sheet:${w.sheet}`,
      ]);
      full = true;
    }
  }
  return full;
}

// ---------------------------------------------------------------- blocking

/** Scopes whose errors do not stop `assemble`: call-offs and the documents made from them. */
const notNeededByAssemble = (scope: string): boolean =>
  scope.startsWith("calloff:") ||
  scope.startsWith("sales:") ||
  scope === "sheet:Sales Orders" ||
  scope === "sheet:Assembly Orders";

function blockedBy(issues: ScopedIssue[], needs: (scope: string) => boolean): boolean {
  return issues.some((i) => isError(i) && i.scope.some(needs));
}

// ---------------------------------------------------------------- assemble

export type BlanketAssemblyFate = "render" | "keep" | "remove";

/**
 * The Blanket Assembly Orders sheet: each order rendered from the model, kept as its raw
 * rows, or removed; rows that belong to no readable order are kept as they are.
 */
export function blanketAssemblySheet(
  wb: ParsedWorkbook,
  fate: (bao: BlanketAssemblyOrder) => BlanketAssemblyFate,
  appended: BlanketAssemblyOrder[]
): SheetWrite {
  const t = wb.tables.bao;
  const rowOwner = new Map<number, BlanketAssemblyOrder>();
  for (const bao of wb.baos) for (const r of bao.rows) rowOwner.set(r, bao);
  const rows: RowToRender[] = [];
  const done = new Set<BlanketAssemblyOrder>();
  for (const r of t.rows) {
    const bao = rowOwner.get(r.row);
    const f = bao ? fate(bao) : "keep";
    if (f === "keep") rows.push({ keepRow: r.row });
    else if (f === "render" && !done.has(bao!)) {
      done.add(bao!);
      blanketAssemblyRows(bao!, rows);
    }
  }
  for (const bao of appended) blanketAssemblyRows(bao, rows);
  return renderTable(t, BLANKET_ASSEMBLY_ORDERS, rows);
}

export function assemble(grids: WorkbookGrids): AssembleResult {
  const wb = parseWorkbook(grids);
  const a = validateWorkbook(wb);
  const counts = { created: 0, kept: 0, rebuilt: 0, removed: 0 };
  const blanketAssembly = series(wb, "Blanket Assembly Order Nos.");
  if (blockedBy(wb.log.list, (s) => !notNeededByAssemble(s)) || !blanketAssembly) {
    return { ...result(wb, false), ...counts };
  }
  // Stale and orphan warnings describe what assemble now fixes; its own warnings replace them.
  const remaining = wb.log.list.filter(
    (i) => i.code !== "ASSEMBLY_STALE" && i.code !== "ORPHAN_ASSEMBLY"
  );
  wb.log.list.splice(0, wb.log.list.length, ...remaining);
  const outcome = assembleOrders(a, blanketAssembly, wb.log);
  const kept = new Set(outcome.orders);
  const writes: SheetWrite[] = [
    blanketAssemblySheet(
      wb,
      (bao) => (kept.has(bao) ? "render" : "remove"),
      outcome.orders.filter((b) => !b.rows.length)
    ),
  ];
  const setup = setupWrite(wb, [blanketAssembly]);
  if (setup) writes.push(setup);
  const { created, kept: keptCount, rebuilt, removed } = outcome;
  if (overfull(wb, { writes })) return { ...result(wb, false), ...counts };
  return { ...result(wb, true, { writes }), created, kept: keptCount, rebuilt, removed };
}

// ---------------------------------------------------------------- make order

/** Everything a Make Order of `order` reads: its own lines and what its called-off lines use. */
function makeOrderNeeds(
  wb: ParsedWorkbook,
  order: BlanketOrder,
  baos: Map<string, BlanketAssemblyOrder>
): (scope: string) => boolean {
  const doc = key(order.docNo);
  const needed = new Set<string>([`blanket:${doc}`, `calloff:${doc}`, `sales:${doc}`, "setup"]);
  for (const line of calledOffLines(order)) {
    const item = key(line.no);
    needed.add(`item:${item}`);
    if (line.qtyToAto <= 0) continue;
    needed.add(`bom:${item}`);
    const bao = baos.get(lineKey(line.docNo, line.lineNo));
    const components = bao ? bao.lines : (wb.boms.get(item) ?? []);
    if (bao) needed.add(`bao:${key(bao.aoNo)}`);
    for (const c of components) {
      if (c.type === "Item") needed.add(`item:${key(c.no)}`);
      if (c.type === "Resource") needed.add(`resource:${key(c.no)}`);
    }
  }
  return (scope) => scope.startsWith("sheet:") || needed.has(scope);
}

/** Applies `--ship` quantities: the sheet's Qty. to Ship column is ignored for this order. */
function applyShipOverride(
  wb: ParsedWorkbook,
  order: BlanketOrder,
  ship: ReadonlyMap<number, number>
): void {
  const t = wb.tables.blanket;
  const col = t.cols.get("qtyToShip");
  const rows = new Set(order.lines.map((l) => l.row));
  if (col !== undefined) {
    const ignored = (cell: string): boolean => {
      const at = parseCellRef(cell);
      return at !== undefined && at.col === col && rows.has(at.row);
    };
    const kept = wb.log.list.filter((i) => i.sheet !== t.sheet || !ignored(i.cell));
    wb.log.list.splice(0, wb.log.list.length, ...kept);
  }
  const byLine = new Map(order.lines.map((l) => [l.lineNo, l]));
  for (const l of order.lines) l.qtyToShip = 0;
  for (const [lineNo, qty] of ship) {
    const line = byLine.get(lineNo);
    const docCell = cellRef(t.cols.get("docNo") ?? 0, order.lines[0]?.row ?? t.headerRow);
    if (!line || line.type !== "Item") {
      wb.log.add(
        "LINE_NOT_FOUND",
        t.sheet,
        docCell,
        MESSAGES.lineNotFound(order.docNo, String(lineNo)),
        [`calloff:${key(order.docNo)}`]
      );
    } else if (qty < 0) {
      wb.log.add(
        "QTY_INVALID",
        t.sheet,
        cellRef(col ?? t.cols.get("lineNo") ?? 0, line.row),
        MESSAGES.qtyNegative(
          `Blanket order ${order.docNo} line ${lineNo}`,
          "Qty. to Ship",
          String(qty)
        ),
        [`calloff:${key(order.docNo)}`]
      );
    } else line.qtyToShip = qty;
  }
}

export function makeOrder(grids: WorkbookGrids, options: MakeOrderOptions): MakeOrderResult {
  const wb = parseWorkbook(grids);
  const order = wb.blanketOrders.get(key(options.orderNo));
  if (!order) {
    validateWorkbook(wb);
    const t = wb.tables.blanket;
    wb.log.add(
      "ORDER_NOT_FOUND",
      t.sheet,
      cellRef(t.cols.get("docNo") ?? 0, t.headerRow || 1),
      MESSAGES.orderNotFound(options.orderNo),
      [`blanket:${key(options.orderNo)}`]
    );
    return result(wb, false);
  }
  if (options.ship) applyShipOverride(wb, order, options.ship);
  const a = validateWorkbook(wb);
  const finish = unfinishedOrder(wb, order);
  if (order.validUntil !== undefined && options.orderDate > order.validUntil) {
    const t = wb.tables.blanket;
    const message = MESSAGES.expired(
      order.docNo,
      serialToIso(order.validUntil),
      serialToIso(options.orderDate)
    );
    wb.log.add("BLANKET_EXPIRED", t.sheet, order.validUntilCell ?? "A1", message, [
      `calloff:${key(order.docNo)}`,
    ]);
  }
  if (!calledOffLines(order).length && !finish) {
    const t = wb.tables.blanket;
    const cell = cellRef(
      t.cols.get("qtyToShip") ?? t.cols.get("docNo") ?? 0,
      order.lines[0]?.row ?? t.headerRow
    );
    wb.log.add("NOTHING_TO_CREATE", t.sheet, cell, MESSAGES.nothingToCreate(order.docNo), [
      `calloff:${key(order.docNo)}`,
    ]);
  }
  const salesSeries = series(wb, "Sales Order Nos.");
  const assemblySeries = series(wb, "Assembly Order Nos.");
  const blanketAssemblySeries = series(wb, "Blanket Assembly Order Nos.");
  if (
    blockedBy(wb.log.list, makeOrderNeeds(wb, order, a.baoByLine)) ||
    !salesSeries ||
    !assemblySeries ||
    !blanketAssemblySeries
  ) {
    return result(wb, false);
  }
  const docs = makeOrderDocuments(
    a,
    order,
    options.orderDate,
    { sales: salesSeries, assembly: assemblySeries, blanketAssembly: blanketAssemblySeries },
    wb.log,
    finish
  );
  if (finish) {
    const t = wb.tables.sales;
    const first = [...finish.present.values()][0];
    wb.log.add(
      "DOCUMENT_FINISHED",
      t.sheet,
      cellRef(t.cols.get("docNo") ?? 0, first?.row ?? 1),
      MESSAGES.finished(finish.salesOrderNo, order.docNo),
      [`sales:${key(order.docNo)}`]
    );
  }
  const plan = makeOrderPlan(wb, a, order, docs, [
    salesSeries,
    assemblySeries,
    blanketAssemblySeries,
  ]);
  if (overfull(wb, plan)) return result(wb, false);
  // A finished order reports all its assembly orders, those it had and those it got.
  const assemblyOrders = finish
    ? [
        ...new Set([
          ...[...finish.present.values()].map((s) => s.aoNo ?? ""),
          ...docs.assemblyOrders.map((o) => o.aoNo),
        ]),
      ].filter(Boolean)
    : docs.assemblyOrders.map((o) => o.aoNo);
  return { ...result(wb, true, plan), salesOrder: docs.salesOrderNo, assemblyOrders };
}

/**
 * The sales order an interrupted Make Order of this blanket order left behind, if
 * validation found one: the newest sales order made from it. Its DOCUMENT_INCOMPLETE
 * issues (and call-off checks of lines it already holds) give way to finishing it.
 */
function unfinishedOrder(wb: ParsedWorkbook, order: BlanketOrder): UnfinishedOrder | undefined {
  const scope = `calloff:${key(order.docNo)}`;
  const incomplete = wb.log.list.filter(
    (i) => i.code === "DOCUMENT_INCOMPLETE" && i.scope.includes(scope)
  );
  if (!incomplete.length) return undefined;
  const fromOrder = wb.salesLines.filter(
    (s) => s.blanketDocNo && key(s.blanketDocNo) === key(order.docNo)
  );
  if (!fromOrder.length) return undefined;
  const newest = fromOrder.reduce((m, s) => (s.row > m.row ? s : m));
  const present = new Map<number, SalesLine>();
  for (const s of fromOrder)
    if (key(s.docNo) === key(newest.docNo) && s.blanketLineNo !== undefined)
      present.set(s.blanketLineNo, s);
  const presentRows = new Set(order.lines.filter((l) => present.has(l.lineNo)).map((l) => l.row));
  const qtyToShipCol = wb.tables.blanket.cols.get("qtyToShip");
  const kept = wb.log.list.filter((i) => {
    if (incomplete.includes(i)) return false;
    const at = parseCellRef(i.cell);
    return !(
      i.code === "OVER_CALL_OFF" &&
      at &&
      at.col === qtyToShipCol &&
      presentRows.has(at.row)
    );
  });
  wb.log.list.splice(0, wb.log.list.length, ...kept);
  return {
    salesOrderNo: newest.docNo,
    present,
    assemblyOrders: new Set(wb.assemblyLines.map((l) => key(l.aoNo))),
  };
}

function makeOrderPlan(
  wb: ParsedWorkbook,
  a: ReturnType<typeof validateWorkbook>,
  order: BlanketOrder,
  docs: MakeOrderOutcome,
  used: NumberSeries[]
): WritePlan {
  const touched = new Set(docs.touched);
  // Every write of the sheet recomputes derived columns: other readable orders follow their lines too.
  const fate = (bao: BlanketAssemblyOrder): BlanketAssemblyFate => {
    if (touched.has(bao)) return "render";
    const line =
      bao.blanketLineNo !== undefined
        ? a.blanketLines.get(lineKey(bao.blanketDocNo, bao.blanketLineNo))
        : undefined;
    if (
      !bao.valid ||
      !line ||
      !line.valid ||
      line.qtyToAto <= 0 ||
      key(line.no) !== key(bao.itemNo) ||
      a.baoByLine.get(lineKey(line.docNo, line.lineNo)) !== bao
    )
      return "keep";
    const probe = new IssueLog();
    refreshOrder(wb, bao, line, probe);
    return "render";
  };
  const writes: SheetWrite[] = [];
  const salesRows: RowToRender[] = wb.tables.sales.rows.map((r) => ({ keepRow: r.row }));
  for (const s of docs.salesLines) {
    const comment = s.type === "Comment";
    salesRows.push(
      recordRow(SALES_ORDERS, {
        ...s,
        type: comment ? null : s.type,
        no: s.no || null,
        quantity: comment ? null : s.quantity,
        qtyToAto: comment ? null : s.qtyToAto,
        discount: comment ? null : s.discount,
        unitPrice: comment ? null : s.unitPrice,
      })
    );
  }
  writes.push(renderTable(wb.tables.sales, SALES_ORDERS, salesRows));
  const aoRows: RowToRender[] = wb.tables.assembly.rows.map((r) => ({ keepRow: r.row }));
  for (const ao of docs.assemblyOrders) assemblyOrderRows(ao, aoRows);
  writes.push(renderTable(wb.tables.assembly, ASSEMBLY_ORDERS, aoRows));
  writes.push(blanketAssemblySheet(wb, fate, docs.created));
  writes.push(blanketOrderUpdates(wb, a, order, docs));
  // Order matters when a write is interrupted (Excel does not roll back): numbers are
  // reserved first, so none is used twice; the blanket order's Quantity Ordered exists
  // before the documents, so a half-written order shows (DOCUMENT_INCOMPLETE); the
  // call-off is reset last, so it is never lost.
  const setup = setupWrite(wb, used);
  if (!wb.tables.blanket.cols.has("quantityOrdered")) writes.unshift(quantityOrderedColumn(wb, a));
  if (setup) writes.unshift(setup);
  return { writes };
}

/** The Quantity Ordered column as it stands before this order, for a sheet that lacks it. */
function quantityOrderedColumn(
  wb: ParsedWorkbook,
  a: ReturnType<typeof validateWorkbook>
): SheetWrite {
  const ordered = new Map<number, CellValue>();
  for (const o of wb.blanketOrders.values())
    for (const l of o.lines)
      if (l.type === "Item" && l.valid) ordered.set(l.row, quantityOrdered(a, l));
  const c = column(BLANKET_ORDERS_SPEC, "quantityOrdered");
  return columnUpdates(
    wb.tables.blanket,
    [{ key: c.key, header: c.header, format: "quantity", values: ordered }],
    false
  );
}

/** Quantity Ordered and Remaining Quantity from the sales lines, and the call-off reset. */
function blanketOrderUpdates(
  wb: ParsedWorkbook,
  a: ReturnType<typeof validateWorkbook>,
  order: BlanketOrder,
  docs: MakeOrderOutcome
): SheetWrite {
  const t = wb.tables.blanket;
  const shipped = new Map(docs.salesLines.map((s) => [s.blanketLineNo, s.quantity]));
  const ordered = new Map<number, CellValue>();
  const remaining = new Map<number, CellValue>();
  const toShip = new Map<number, CellValue>();
  for (const o of wb.blanketOrders.values()) {
    for (const l of o.lines) {
      if (o === order) toShip.set(l.row, null);
      if (l.type !== "Item" || !l.valid) continue;
      let q = quantityOrdered(a, l);
      if (o === order) q = addQty(q, shipped.get(l.lineNo) ?? 0);
      ordered.set(l.row, q);
      remaining.set(l.row, subQty(l.quantity, q));
    }
  }
  const spec = (k: string) => ({
    key: k,
    header: column(BLANKET_ORDERS_SPEC, k).header,
    format: "quantity" as const,
  });
  const updates = [
    { ...spec("quantityOrdered"), values: ordered },
    { ...spec("remaining"), values: remaining },
  ];
  if (t.cols.has("qtyToShip")) updates.unshift({ ...spec("qtyToShip"), values: toShip });
  return columnUpdates(t, updates, false);
}

// ---------------------------------------------------------------- forecast

export interface ForecastResult extends CommandResult {
  rows: ForecastRow[];
}

/**
 * The Component Forecast sheet: per component and period, what the remaining blanket
 * quantities need and what assembly orders already need. Call-off errors do not block it.
 */
export function forecast(grids: WorkbookGrids, by: PeriodKind = "month"): ForecastResult {
  const wb = parseWorkbook(grids);
  const a = validateWorkbook(wb);
  if (blockedBy(wb.log.list, (s) => !s.startsWith("calloff:")))
    return { ...result(wb, false), rows: [] };
  const rows = componentForecast(a, by);
  const grid = findSheet(grids, COMPONENT_FORECAST.name);
  const t = grid
    ? readTable(grid, COMPONENT_FORECAST, new IssueLog())
    : emptyTable(COMPONENT_FORECAST);
  const rendered: RowToRender[] = rows.map((r) =>
    recordRow(COMPONENT_FORECAST, {
      ...r,
      periodStart: r.periodStart ?? null,
      totalNeed: addQty(r.blanketNeed, r.assemblyNeed),
    })
  );
  const plan: WritePlan = { writes: [renderTable(t, COMPONENT_FORECAST, rendered)] };
  if (overfull(wb, plan)) return { ...result(wb, false), rows };
  return { ...result(wb, true, plan), rows };
}

// ---------------------------------------------------------------- template

/** An empty workbook: every input sheet with its header row, formats and drop-down lists. */
export function template(): WritePlan {
  return {
    writes: INPUT_SHEETS.map((spec) => ({
      kind: "table" as const,
      sheet: spec.name,
      tableName: spec.tableName,
      startRow: 1,
      headers: spec.columns.map((c) => c.header),
      formats: spec.columns.map((c) => c.format ?? "general"),
      rows: [],
      previousRows: 0,
      previousColumns: 0,
      lists: spec.columns.flatMap((c, col) =>
        c.options ? [{ col, options: c.options.filter((o) => o !== "") }] : []
      ),
    })),
  };
}

/** Blanket orders with a call-off entered (a line with Qty. to Ship > 0), in sheet order. */
export function ordersWithCallOff(grids: WorkbookGrids): string[] {
  const wb = parseWorkbook(grids);
  return [...wb.blanketOrders.values()]
    .filter((o) => calledOffLines(o).length > 0)
    .map((o) => o.docNo);
}

/**
 * The engine's one public entry, used by the CLI, the task pane and the playground.
 * Each command reads the workbook once, runs one BC process of src/domain on its
 * records, locates the issues and renders what it writes as a write plan:
 *
 *   grids -> reading -> domain process -> issues located + write plan
 *
 * Pure: hosts supply grids and apply the plan.
 */
import { assembleOrders, lineToFollow, refreshOrder } from "./domain/blanketAssembly";
import {
  BlanketIndex,
  blanketAssemblyOrderOf,
  blanketLineOf,
  quantityOrdered,
} from "./domain/blanketIndex";
import { blocksAssemble, blocksForecast, blocksMakeOrder, blocksRollUp } from "./domain/blocking";
import { componentShortages, enteredCallOffShortages } from "./domain/availability";
import {
  noLineToRollUp,
  notAssembledToOrder,
  RolledUpComponent,
  rollUp as rollUpLine,
  RollUp,
  RollUpKind,
} from "./domain/rollUp";
import { componentForecast, ForecastRow, PeriodKind } from "./domain/componentForecast";
import {
  importCallOff as takeCallOff,
  QtyToShipChange,
  shareWithCustomer,
} from "./domain/customerCopy";
import { Issue } from "./domain/issues";
import {
  aboutSheetQtyToShip,
  applyQtyToShip,
  blanketOrderNotFound,
  calledOffLines,
  checkCallOff,
  findUnfinishedOrder,
  makeOrder as makeSalesOrder,
  settledByFinishing,
} from "./domain/makeOrder";
import { AssemblyLine, BlanketAssemblyOrder, BlanketOrderLine, key, Records } from "./domain/model";
import { NumberSeries, openSeries, SeriesName } from "./domain/numberSeries";
import { addQty, formatQty, subQty } from "./domain/quantity";
import {
  assembleHistory,
  blanketCellsHistory,
  editHistory,
  makeOrderHistory,
} from "./domain/history";
import { missingAssemblyOrders, validate as validateRecords } from "./domain/validation";
import {
  agreementHistory,
  AssemblyLineEdit,
  editAssemblyLines,
  needsAssemble,
} from "./domain/assembleToOrderLines";
import { lineQuantity as lineQuantityOf } from "./domain/blanketAssembly";
import {
  assemblePlan,
  BlanketAssemblyFate,
  blanketAssemblySheet,
  blanketLineCells,
  forecastPlan,
  MAKE_ORDER_ATTEMPT,
  makeOrderPlan,
  sheetFull,
  templatePlan,
} from "./workbook/documents";
import { customerCopyPlan, readCustomerCopy } from "./workbook/customerCopySheets";
import { cellRef, findSheet, parseCellRef, WorkbookGrids } from "./workbook/grid";
import { LocatedIssue, locate, report } from "./workbook/locator";
import { blanketLineAtRow, readWorkbook, WorkbookRead } from "./workbook/reading";
import { BLANKET_ASSEMBLY_ORDERS } from "./workbook/schema";
import { rowOf } from "./workbook/table";
import { WritePlan } from "./workbook/writePlan";

export type { LocatedIssue } from "./workbook/locator";
export type { ForecastRow, PeriodKind } from "./domain/componentForecast";
export type { QtyToShipChange } from "./domain/customerCopy";

export interface CommandResult {
  ok: boolean;
  errors: number;
  warnings: number;
  issues: LocatedIssue[];
  /** Present when the command has something to write. */
  plan?: WritePlan;
}

export interface AssembleResult extends CommandResult {
  created: number;
  kept: number;
  rebuilt: number;
  removed: number;
  /** Orders rebuilt from another item's BOM that had customizations: what was dropped. */
  customizationsDropped: CustomizationsDropped[];
  /** The orders created, rebuilt and removed: number and blanket line. */
  changed: {
    kind: "created" | "rebuilt" | "removed";
    assemblyOrderNo: string;
    blanketOrderNo: string;
    blanketOrderLineNo?: number;
  }[];
}

export interface CustomizationsDropped {
  assemblyOrderNo: string;
  blanketOrderNo: string;
  blanketOrderLineNo: number;
  was: string;
  now: string;
  dropped: string[];
}

export interface MakeOrderResult extends CommandResult {
  salesOrder?: string;
  assemblyOrders?: string[];
}

export interface MakeOrderOptions {
  blanketOrderNo: string;
  /** Order date as an Excel serial number. */
  orderDate: number;
  /** Qty. to Ship per Line No.; when given, the sheet's Qty. to Ship column is ignored for this order. */
  qtyToShip?: ReadonlyMap<number, number>;
  /**
   * Names one call-off, the same on every retry of it: a retry of an attempt whose order is
   * complete resolves with that order's numbers and writes nothing; one whose order was
   * cut short finishes it. Recorded in Setup.
   */
  attemptId?: string;
}

export interface ForecastResult extends CommandResult {
  rows: ForecastRow[];
}

function result(read: WorkbookRead, issues: readonly Issue[], plan?: WritePlan): CommandResult {
  const located = report(issues, read.tables, read.grids);
  const errors = located.filter((i) => i.severity === "error").length;
  return {
    ok: plan !== undefined,
    errors,
    warnings: located.length - errors,
    issues: located,
    plan,
  };
}

/** Reads and validates: every command starts here, once. */
function readAndValidate(grids: WorkbookGrids): {
  read: WorkbookRead;
  index: BlanketIndex;
  issues: Issue[];
} {
  const read = readWorkbook(grids);
  const validation = validateRecords(read.records);
  return { read, index: validation.index, issues: [...read.issues, ...validation.issues] };
}

// ------------------------------------------------------------------ validate

export function validate(grids: WorkbookGrids): CommandResult {
  const { read, index, issues } = readAndValidate(grids);
  issues.push(...missingAssemblyOrders(index));
  issues.push(...enteredCallOffShortages(index));
  const r = result(read, issues);
  return { ...r, ok: r.errors === 0 };
}

// ------------------------------------------------------------------ number series

function assemblyNumbers(records: Records): string[] {
  return [
    ...records.blanketAssemblyOrders.map((o) => o.assemblyOrderNo),
    ...records.assemblyOrderLines.map((l) => l.assemblyOrderNo),
  ];
}

/** The series continued from the sheets that use it; an Issue when Setup's value has no number. */
function series(records: Records, name: SeriesName): NumberSeries | Issue {
  const used =
    name === "Sales Order Nos."
      ? records.salesLines.map((s) => s.documentNo)
      : assemblyNumbers(records);
  return openSeries(records, name, used);
}

// ------------------------------------------------------------------ assemble

/** Stale and orphan warnings describe what assemble fixes; its own warnings replace them. */
const fixedByAssemble = (i: Issue): boolean =>
  i.code === "ASSEMBLY_STALE" || i.code === "ORPHAN_ASSEMBLY";

export function assemble(grids: WorkbookGrids): AssembleResult {
  const { read, index, issues } = readAndValidate(grids);
  const none = {
    created: 0,
    kept: 0,
    rebuilt: 0,
    removed: 0,
    customizationsDropped: [],
    changed: [],
  };
  const numbers = series(read.records, "Blanket Assembly Order Nos.");
  if (!(numbers instanceof NumberSeries)) issues.push(numbers);
  if (blocksAssemble(issues) || !(numbers instanceof NumberSeries))
    return { ...result(read, issues), ...none };
  const outcome = assembleOrders(index, numbers);
  const after = [...issues.filter((i) => !fixedByAssemble(i)), ...outcome.issues];
  const plan = assemblePlan(read, outcome, numbers);
  plan.history = assembleHistory("Assemble", outcome);
  const full = sheetFull(plan);
  if (full.length) return { ...result(read, [...after, ...full]), ...none };
  const { created, kept, rebuilt, removed } = outcome;
  const customizationsDropped = outcome.changes.flatMap((c): CustomizationsDropped[] =>
    c.kind === "rebuilt" && c.dropped.length
      ? [
          {
            assemblyOrderNo: c.order.assemblyOrderNo,
            blanketOrderNo: c.order.blanketOrderNo,
            blanketOrderLineNo: c.order.blanketOrderLineNo ?? 0,
            was: c.was,
            now: c.order.assemblyItemNo,
            dropped: c.dropped,
          },
        ]
      : []
  );
  const changed = outcome.changes.flatMap((c): AssembleResult["changed"] =>
    c.kind === "followed"
      ? []
      : [
          {
            kind: c.kind,
            assemblyOrderNo: c.order.assemblyOrderNo,
            blanketOrderNo: c.order.blanketOrderNo,
            blanketOrderLineNo: c.order.blanketOrderLineNo,
          },
        ]
  );
  return {
    ...result(read, after, plan),
    created,
    kept,
    rebuilt,
    removed,
    customizationsDropped,
    changed,
  };
}

// ------------------------------------------------------------------ make order

export function makeOrder(grids: WorkbookGrids, options: MakeOrderOptions): MakeOrderResult {
  const read = readWorkbook(grids);
  const order = read.records.blanketOrders.get(key(options.blanketOrderNo));
  if (!order) {
    const { issues } = validateRecords(read.records);
    return result(read, [...read.issues, ...issues, blanketOrderNotFound(options.blanketOrderNo)]);
  }
  let issues = read.issues;
  if (options.qtyToShip) {
    // The call-off given replaces the sheet's Qty. to Ship of this order, issues included.
    issues = [
      ...issues.filter((i) => !aboutSheetQtyToShip(order)(i)),
      ...applyQtyToShip(order, options.qtyToShip),
    ];
  }
  const validation = validateRecords(read.records);
  const index = validation.index;
  issues = [...issues, ...validation.issues];
  const unfinished = findUnfinishedOrder(index, order, issues);
  const done = options.attemptId ? madeByAttempt(read.records, options.attemptId) : undefined;
  if (done && done.salesOrder !== unfinished?.salesOrderNo) {
    // This call-off was made already and completely: its numbers, nothing written.
    const r = result(read, [], { writes: [] });
    return { ...r, ...done };
  }
  if (unfinished) issues = issues.filter((i) => !settledByFinishing(order, unfinished)(i));
  issues.push(...checkCallOff(order, options.orderDate, unfinished));
  const numbers = (
    ["Sales Order Nos.", "Assembly Order Nos.", "Blanket Assembly Order Nos."] as const
  ).map((name) => series(read.records, name));
  for (const n of numbers) if (!(n instanceof NumberSeries)) issues.push(n);
  const [sales, assembly, blanketAssembly] = numbers;
  if (
    blocksMakeOrder(issues, index, order) ||
    !(sales instanceof NumberSeries) ||
    !(assembly instanceof NumberSeries) ||
    !(blanketAssembly instanceof NumberSeries)
  )
    return result(read, issues);
  const made = makeSalesOrder(
    index,
    order,
    options.orderDate,
    { sales, assembly, blanketAssembly },
    unfinished
  );
  issues.push(...made.issues);
  issues.push(
    ...componentShortages(
      index,
      made.assemblyOrders.flatMap((ao) => ao.lines.map((l) => ({ ...l, dueDate: ao.dueDate }))),
      `This call-off (sales order ${made.salesOrderNo})`
    )
  );
  const refreshed = new Set(made.refreshed);
  // Every write of the sheet recomputes derived columns: other readable orders follow their lines too.
  const follow = (o: BlanketAssemblyOrder): BlanketAssemblyFate => {
    if (refreshed.has(o)) return "render";
    const line = lineToFollow(index, o);
    if (!line) return "keep";
    refreshOrder(read.records, o, line, []);
    return "render";
  };
  const used = [sales, assembly, blanketAssembly];
  const plan = makeOrderPlan(read, index, order, made, used, follow, options.attemptId);
  const shipped = new Map(made.salesLines.map((s) => [s.lineNo, s.quantity]));
  plan.history = makeOrderHistory("Make Order", order, made, unfinished !== undefined, (l) =>
    addQty(quantityOrdered(index, l), shipped.get(l.lineNo) ?? 0)
  );
  const full = sheetFull(plan);
  if (full.length) return result(read, [...issues, ...full]);
  return {
    ...result(read, issues, plan),
    salesOrder: made.salesOrderNo,
    assemblyOrders: made.assemblyOrderNos,
  };
}

/** The sales order an attempt made, when Setup records it and its lines are on the sheet. */
function madeByAttempt(
  records: Records,
  attemptId: string
): { salesOrder: string; assemblyOrders: string[] } | undefined {
  const row = records.setup.find(
    (s) => key(s.setting) === key(MAKE_ORDER_ATTEMPT) && s.value === attemptId
  );
  const salesOrder = row?.lastNoUsed;
  if (!salesOrder) return undefined;
  const lines = records.salesLines.filter((s) => key(s.documentNo) === key(salesOrder));
  if (!lines.length) return undefined;
  const assemblyOrders = [
    ...new Set(lines.map((l) => l.assemblyOrderNo).filter((n): n is string => !!n)),
  ];
  return { salesOrder: lines[0].documentNo, assemblyOrders };
}

/** Blanket orders with a call-off entered (a line with Qty. to Ship > 0), in sheet order. */
export function ordersWithCallOff(grids: WorkbookGrids): string[] {
  return [...readWorkbook(grids).records.blanketOrders.values()]
    .filter((o) => calledOffLines(o).length > 0)
    .map((o) => o.documentNo);
}

// ------------------------------------------------------------------ roll up

export type { RollUpKind, RolledUpComponent } from "./domain/rollUp";

export interface RollUpOptions {
  blanketOrderNo: string;
  /** One line; every assemble-to-order line of the order when absent. */
  lineNo?: number;
  /** What is written to the blanket line: Unit Price (the default) or Unit Cost. */
  kind?: RollUpKind;
}

/** One blanket line's roll-up, for the CLI's table and JSON and the pane. */
export interface RolledUpLine {
  lineNo: number;
  no: string;
  description: string;
  quantity: number;
  unitOfMeasureCode: string;
  assemblyOrderNo?: string;
  /** The blanket line's Unit Price and Line Discount % now, and its Unit Cost. */
  unitPrice?: number;
  lineDiscountPercent: number;
  unitCost?: number;
  /** Rolled up, per unit of the line (0.00001); absent when a component lacks the amount. */
  price?: number;
  cost?: number;
  netPrice?: number;
  margin?: number;
  marginPercent?: number;
  components: RolledUpComponent[];
}

export interface RollUpResult extends CommandResult {
  kind: RollUpKind;
  lines: RolledUpLine[];
}

function rolledUpLine(r: RollUp): RolledUpLine {
  const l = r.line;
  return {
    lineNo: l.lineNo,
    no: l.no,
    description: l.description,
    quantity: l.quantity,
    unitOfMeasureCode: l.unitOfMeasureCode,
    assemblyOrderNo: r.assemblyOrderNo,
    unitPrice: l.unitPrice,
    lineDiscountPercent: l.lineDiscountPercent,
    unitCost: l.unitCost,
    price: r.price,
    cost: r.cost,
    netPrice: r.netPrice,
    margin: r.margin,
    marginPercent: r.marginPercent,
    components: r.components,
  };
}

/**
 * BC's Roll Up Price / Roll Up Cost of assemble-to-order blanket lines: the rolled-up
 * amount per unit, written to the line's Unit Price (or Unit Cost), which later call-offs copy.
 */
export function rollUp(grids: WorkbookGrids, options: RollUpOptions): RollUpResult {
  const kind = options.kind ?? "price";
  const { read, index, issues } = readAndValidate(grids);
  const order = read.records.blanketOrders.get(key(options.blanketOrderNo));
  if (!order)
    return {
      ...result(read, [...issues, blanketOrderNotFound(options.blanketOrderNo)]),
      kind,
      lines: [],
    };
  const items = order.lines.filter((l) => l.type === "Item");
  let lines = items.filter((l) => l.qtyToAssembleToOrder > 0);
  const refused: Issue[] = [];
  if (options.lineNo !== undefined) {
    const line = order.lines.find((l) => l.lineNo === options.lineNo);
    if (!line || line.type !== "Item") {
      refused.push(noLineToRollUp(order, options.lineNo));
      lines = [];
    } else if (line.qtyToAssembleToOrder <= 0) {
      refused.push(notAssembledToOrder(line));
      lines = [];
    } else lines = [line];
  } else if (!lines.length && items.length) refused.push(notAssembledToOrder(items[0]));
  const all = [...issues, ...refused];
  if (refused.length || blocksRollUp(all, index, order, lines))
    return { ...result(read, all), kind, lines: [] };
  const rolled = lines.map((l) => rollUpLine(index, l));
  const missing = rolled.flatMap((r) => (kind === "price" ? r.missingPrice : r.missingCost));
  const out = rolled.map(rolledUpLine);
  if (missing.length) return { ...result(read, [...all, ...missing]), kind, lines: out };
  const values = new Map(rolled.map((r) => [r.line, (kind === "price" ? r.price : r.cost)!]));
  const plan = blanketLineCells(read, kind === "price" ? "unitPrice" : "unitCost", values);
  plan.history = blanketCellsHistory(
    kind === "price" ? "Roll Up Price" : "Roll Up Cost",
    kind === "price" ? "Unit Price" : "Unit Cost",
    values
  );
  return { ...result(read, all, plan), kind, lines: out };
}

// ------------------------------------------------------------------ forecast

/**
 * The Component Forecast sheet: per component and period, what the remaining blanket
 * quantities need and what assembly orders already need. Call-off errors do not block it.
 */
export function forecast(grids: WorkbookGrids, by: PeriodKind = "month"): ForecastResult {
  const { read, index, issues } = readAndValidate(grids);
  if (blocksForecast(issues)) return { ...result(read, issues), rows: [] };
  const rows = componentForecast(index, by);
  const plan = forecastPlan(grids, rows);
  plan.history = [
    {
      command: "Forecast",
      documentType: "Component Forecast",
      documentNo: "",
      change: `written: ${rows.length} ${rows.length === 1 ? "row" : "rows"} by ${by}`,
    },
  ];
  const full = sheetFull(plan);
  if (full.length) return { ...result(read, [...issues, ...full]), rows };
  return { ...result(read, issues, plan), rows };
}

// ------------------------------------------------------------------ template

/** An empty workbook: every input sheet with its header row, formats and drop-down lists. */
export function template(): WritePlan {
  return templatePlan();
}

// ------------------------------------------------------------------ customer copy

export interface ShareResult {
  ok: boolean;
  issues: LocatedIssue[];
  /** The plan that writes the copy into a new, empty workbook. */
  plan?: WritePlan;
  blanketOrders: string[];
}

export function share(grids: WorkbookGrids, customerNo: string, today: number): ShareResult {
  const { read, index } = readAndValidate(grids);
  const copy = shareWithCustomer(index, customerNo, today);
  if (!("customerNo" in copy))
    return { ok: false, issues: [locate(copy, read.tables)], blanketOrders: [] };
  return {
    ok: true,
    issues: [],
    plan: customerCopyPlan(copy),
    blanketOrders: copy.orders.map((o) => o.documentNo),
  };
}

export interface ImportResult extends CommandResult {
  /** Lines whose Qty. to Ship the copy sets, as "BSO-1001 10000=4". */
  callOff: string[];
  /** Per item line with a Qty. to Ship in the workbook or the copy: the old and new value. */
  changes: QtyToShipChange[];
}

/**
 * Takes the customer's Qty. to Ship entries from their copy into the workbook, after
 * checking the copy is that customer's and its agreement still matches the workbook.
 */
export function importCallOff(
  master: WorkbookGrids,
  copyGrids: WorkbookGrids,
  copyName = "customer copy"
): ImportResult {
  const { read, index } = readAndValidate(master);
  const copy = readCustomerCopy(copyGrids, copyName);
  const taken =
    copy.customerNo !== undefined && !copy.issues.length
      ? takeCallOff(index, {
          customerNo: copy.customerNo,
          blanketLines: copy.blanketLines,
          agreed: copy.agreed,
          sharedOn: copy.sharedOn,
          sharedOnAt: copy.sharedOnAt,
        })
      : undefined;
  const issues = [...copy.issues, ...(taken?.issues ?? [])];
  const located = issues.map((i) => locate(i, {}, copyName));
  const errors = located.filter((i) => i.severity === "error").length;
  if (!taken || errors)
    return {
      ok: false,
      errors,
      warnings: located.length - errors,
      issues: located,
      callOff: [],
      changes: [],
    };
  const plan = blanketLineCells(read, "qtyToShip", taken.qtyToShip);
  plan.history = blanketCellsHistory("Import Call-Off", "Qty. to Ship", taken.qtyToShip, copyName);
  return {
    ok: true,
    errors,
    warnings: located.length - errors,
    issues: located,
    plan,
    callOff: taken.callOff,
    changes: taken.changes,
  };
}

// ------------------------------------------------------------------ what the task pane shows

export interface BlanketLineStatus {
  lineNo: number;
  type: "Item" | "Comment";
  no: string;
  description: string;
  quantity: number;
  unitOfMeasureCode: string;
  quantityOrdered: number;
  remainingQuantity: number;
  qtyToShip: number;
  assembleToOrder: boolean;
  shipmentDate?: number;
  unitPrice?: number;
  lineDiscountPercent: number;
  /** Share of the Quantity called off so far, 0..1. */
  calledOff: number;
}

export interface BlanketOrderStatus {
  documentNo: string;
  sellToCustomerNo: string;
  sellToCustomerName?: string;
  externalDocumentNo?: string;
  /** The earliest shipment date of a line with quantity still to call off. */
  nextShipment?: number;
  lines: BlanketLineStatus[];
}

/** Every blanket order with what is ordered and left of each line. */
export function blanketOrders(grids: WorkbookGrids): BlanketOrderStatus[] {
  const read = readWorkbook(grids);
  const index = validateRecords(read.records).index;
  return [...read.records.blanketOrders.values()].map((o) => {
    const lines = o.lines.map((l): BlanketLineStatus => {
      const item = l.type === "Item";
      const ordered = item ? quantityOrdered(index, l) : 0;
      return {
        lineNo: l.lineNo,
        type: l.type,
        no: l.no,
        description: l.description,
        quantity: l.quantity,
        unitOfMeasureCode: l.unitOfMeasureCode,
        quantityOrdered: ordered,
        remainingQuantity: item ? subQty(l.quantity, ordered) : 0,
        qtyToShip: l.qtyToShip,
        assembleToOrder: l.qtyToAssembleToOrder > 0,
        shipmentDate: l.shipmentDate,
        unitPrice: l.unitPrice,
        lineDiscountPercent: l.lineDiscountPercent,
        calledOff: item && l.quantity > 0 ? Math.min(1, ordered / l.quantity) : 0,
      };
    });
    let next: number | undefined;
    for (const l of lines)
      if (l.type === "Item" && l.remainingQuantity > 0 && l.shipmentDate !== undefined)
        if (next === undefined || l.shipmentDate < next) next = l.shipmentDate;
    return {
      documentNo: o.documentNo,
      sellToCustomerNo: o.sellToCustomerNo,
      sellToCustomerName: o.sellToCustomerName,
      externalDocumentNo: o.externalDocumentNo,
      nextShipment: next,
      lines,
    };
  });
}

/** Sets (or clears, with null) a line's Qty. to Ship on the Blanket Orders sheet. */
export function setQtyToShip(
  grids: WorkbookGrids,
  documentNo: string,
  lineNo: number,
  qty: number | null
): WritePlan | undefined {
  const read = readWorkbook(grids);
  const line = read.records.blanketOrders
    .get(key(documentNo))
    ?.lines.find((l) => l.lineNo === lineNo);
  if (!line) return undefined;
  const values = new Map([[line, qty]]);
  const plan = blanketLineCells(read, "qtyToShip", values);
  plan.history = blanketCellsHistory("Set Qty. to Ship", "Qty. to Ship", values);
  return plan;
}

/** The fix for ATO_PARTIAL at a cell: Qty. to Assemble to Order = the full Quantity. */
export function fixAtoPartial(
  grids: WorkbookGrids,
  at: Pick<LocatedIssue, "code" | "sheet" | "cell">
): { plan: WritePlan; quantity: number } | undefined {
  if (at.code !== "ATO_PARTIAL") return undefined;
  const read = readWorkbook(grids);
  const cell = parseCellRef(at.cell);
  if (!cell || read.tables.blanketOrders.sheet.toLowerCase() !== at.sheet.toLowerCase())
    return undefined;
  const line = blanketLineAtRow(read, cell.row);
  if (!line || line.type !== "Item" || line.quantity <= 0) return undefined;
  const values = new Map([[line, line.quantity]]);
  const plan = blanketLineCells(read, "qtyToAssembleToOrder", values);
  plan.history = blanketCellsHistory("Fix", "Qty. to Assemble to Order", values);
  return { plan, quantity: line.quantity };
}

export interface AssemblyOrderView {
  assemblyOrderNo?: string;
  blanketOrderNo: string;
  blanketOrderLineNo: number;
  assemblyItemNo: string;
  description: string;
  assemblyQuantity: number;
  assemblyUnitOfMeasure: string;
  dueDate?: number;
  /** From the blanket line: where the kit is assembled, and which variant. */
  locationCode?: string;
  variantCode?: string;
  lines: (AssemblyLine & {
    /** How the line differs from the item's BOM. */
    customized?: string[];
    /** What earlier call-offs used where it differs from the line now. */
    earlier?: string[];
  })[];
  /** BOM lines the order no longer has, and lines earlier call-offs used that it no longer has. */
  removed: string[];
  /** Call-offs made from the blanket line so far. */
  callOffs: number;
  /** The order's rows on the Blanket Assembly Orders sheet, for Show Document. */
  sheet: string;
  address?: string;
  /** The order is out of date with its line, or missing: assemble brings it up to date. */
  needsAssemble: boolean;
  /** Roll Up Price and Cost of the agreed specification beside the line's price; absent for an unusable line. */
  rollUp?: RolledUpLine & {
    /** Components without a Unit Price / Unit Cost, as "item PART-A". */
    missingPrice: string[];
    missingCost: string[];
  };
  issues: LocatedIssue[];
}

/**
 * The blanket assembly order behind a selection: a Blanket Orders row whose line
 * assembles to order, or a row of the Blanket Assembly Orders sheet.
 */
export function assemblyOrderAt(
  grids: WorkbookGrids,
  sheet: string,
  row: number
): AssemblyOrderView | undefined {
  const { read, index, issues } = readAndValidate(grids);
  const records = read.records;
  const orders = read.tables.blanketAssemblyOrders;
  let order: BlanketAssemblyOrder | undefined;
  let line: BlanketOrderLine | undefined;
  if (sheet.toLowerCase() === read.tables.blanketOrders.sheet.toLowerCase()) {
    line = blanketLineAtRow(read, row);
    if (!line || line.type !== "Item" || line.qtyToAssembleToOrder <= 0) return undefined;
    order = blanketAssemblyOrderOf(index, line);
  } else if (orders.present && sheet.toLowerCase() === orders.sheet.toLowerCase()) {
    order = records.blanketAssemblyOrders.find((o) => o.sources.some((s) => rowOf(s).row === row));
    if (!order) return undefined;
    line = blanketLineOf(index, order);
  } else return undefined;
  const own = new Set(order?.sources ?? []);
  const agreed = order ? agreementHistory(index, order, line) : undefined;
  const rows = (order?.sources ?? []).map((s) => rowOf(s).row);
  const quantity = line?.qtyToAssembleToOrder ?? order!.assemblyQuantity;
  const view: AssemblyOrderView = {
    assemblyOrderNo: order?.assemblyOrderNo,
    blanketOrderNo: line?.documentNo ?? order!.blanketOrderNo,
    blanketOrderLineNo: line?.lineNo ?? order!.blanketOrderLineNo ?? 0,
    assemblyItemNo: line?.no ?? order!.assemblyItemNo,
    description: records.items.get(key(line?.no ?? order?.assemblyItemNo ?? ""))?.description ?? "",
    assemblyQuantity: quantity,
    assemblyUnitOfMeasure: line?.unitOfMeasureCode ?? order!.assemblyUnitOfMeasure,
    dueDate: line?.shipmentDate ?? order?.dueDate,
    locationCode: line ? line.locationCode : order?.locationCode,
    variantCode: line ? line.variantCode : order?.variantCode,
    lines: (order?.lines ?? []).map((l) => ({
      ...l,
      quantity: lineQuantityOf(l, quantity),
      customized: agreed?.customized.get(l.lineNo),
      earlier: agreed?.earlier.get(l.lineNo),
    })),
    removed: agreed?.removed ?? [],
    callOffs: agreed?.callOffs ?? 0,
    sheet: orders.sheet,
    address: rows.length
      ? `A${rows.reduce((m, r) => Math.min(m, r))}:${cellRef(
          BLANKET_ASSEMBLY_ORDERS.columns.length - 1,
          rows.reduce((m, r) => Math.max(m, r))
        )}`
      : undefined,
    needsAssemble: needsAssemble(order, line),
    issues: report(
      issues.filter((i) => "source" in i.at && own.has(i.at.source)),
      read.tables,
      grids
    ),
  };
  // After the view's lines are taken: rolling up brings the order up to date in memory.
  if (line?.valid && records.boms.get(key(line.no))?.length) {
    const rolled = rollUpLine(index, line);
    const without = (field: "unitPrice" | "unitCost") =>
      rolled.components
        .filter((c) => c[field] === undefined)
        .map((c) => `${c.type.toLowerCase()} ${c.no}`);
    view.rollUp = {
      ...rolledUpLine(rolled),
      missingPrice: without("unitPrice"),
      missingCost: without("unitCost"),
    };
  }
  return view;
}

export interface EditResult {
  plan?: WritePlan;
  /** Why the edit was not made, for the pane to show beside the field. */
  error?: string;
}

/**
 * Applies an edit to one blanket assembly order and writes the order's rows, Quantity
 * recomputed. Other orders stay as they are.
 */
export function editAssemblyOrder(
  grids: WorkbookGrids,
  assemblyOrderNo: string,
  edit: AssemblyLineEdit
): EditResult {
  const { read, index } = readAndValidate(grids);
  const order = read.records.blanketAssemblyOrders.find(
    (o) => key(o.assemblyOrderNo) === key(assemblyOrderNo)
  );
  if (!order) return { error: `Blanket assembly order ${assemblyOrderNo} is not on the sheet.` };
  const edited =
    edit.kind === "add" ? undefined : order.lines.find((l) => l.lineNo === edit.lineNo);
  const before =
    !edited || edit.kind === "add"
      ? undefined
      : edit.kind === "remove"
        ? `${edited.type} ${edited.no}`.trim()
        : shownValue(edited[edit.field]);
  const refused = editAssemblyLines(index, order, edit);
  if (refused) return refused;
  return {
    plan: {
      writes: blanketAssemblySheet(read, (o) => (o === order ? "render" : "keep"), []),
      history: [editHistory("Edit Assembly Lines", order, edit, before)],
    },
  };
}

const shownValue = (v: unknown): string | undefined =>
  v === undefined || v === "" ? undefined : typeof v === "number" ? formatQty(v) : String(v);

/** Rows of a document on a product sheet (a sales order, an assembly order), for a link that selects them. */
export function documentAddress(
  grids: WorkbookGrids,
  sheetName: string,
  header: string,
  documentNo: string
): string | undefined {
  const sheet = findSheet(grids, sheetName);
  if (!sheet || !sheet.rows.length) return undefined;
  const c = sheet.rows[0].findIndex((h) => typeof h === "string" && h === header);
  if (c < 0) return undefined;
  let first = -1;
  let last = -1;
  sheet.rows.forEach((r, i) => {
    if (i > 0 && typeof r[c] === "string" && key(r[c] as string) === key(documentNo)) {
      if (first < 0) first = i + 1;
      last = i + 1;
    }
  });
  if (first < 0) return undefined;
  return `A${first}:${cellRef(Math.max(0, sheet.rows[0].length - 1), last)}`;
}

export type { AssemblyLineEdit, EditableField } from "./domain/assembleToOrderLines";
export type { AssemblyLine, LineType, ResourceUsageType } from "./domain/model";

/**
 * Make Order (docs/rules.md), after BC's codeunit 87 "Blanket Sales Order to Order":
 * check the call-off, create the sales header and its lines, an assembly order per
 * assemble-to-order line carrying the blanket assembly order's customizations, and reset
 * the blanket order's call-off. Each step is a function named after BC's procedure.
 */
import { BlanketIndex, blanketAssemblyOrderOf, quantityOrdered } from "./blanketIndex";
import { lineQuantity, newOrder, refreshOrder, scalesWithQuantity } from "./blanketAssembly";
import { serialToIso } from "./dates";
import { issue, Issue, MESSAGES } from "./issues";
import {
  AssemblyOrderLine,
  BlanketAssemblyOrder,
  BlanketOrder,
  BlanketOrderLine,
  key,
  lineKey,
  SalesLine,
  Source,
} from "./model";
import { NumberSeries } from "./numberSeries";
import { addQty, compareQty, divQty, lineAmount, mulQty, subQty } from "./quantity";
import { callOffHistory, restOfNeed } from "./callOffHistory";
import { unitFactor } from "./units";
import { newestSalesLine } from "./validation";

/** An assembly order linked to a sales order line (BC's Assembly Header, Document Type Order). */
export interface AssemblyOrder {
  assemblyOrderNo: string;
  salesOrderNo: string;
  salesOrderLineNo: number;
  assemblyItemNo: string;
  assemblyQuantity: number;
  assemblyUnitOfMeasure: string;
  dueDate?: number;
  /** From the sales line, as BC's Assemble-to-Order Link sets them. */
  locationCode?: string;
  variantCode?: string;
  blanketAssemblyOrderNo: string;
  lines: AssemblyOrderLine[];
}

export interface MakeOrderSeries {
  sales: NumberSeries;
  assembly: NumberSeries;
  blanketAssembly: NumberSeries;
}

export interface MadeOrder {
  salesOrderNo: string;
  /** The sales lines written now (all of them, or those an interrupted order lacked). */
  salesLines: SalesLine[];
  assemblyOrders: AssemblyOrder[];
  /** Blanket assembly orders brought up to date for the called-off lines. */
  refreshed: BlanketAssemblyOrder[];
  /** Blanket assembly orders generated for called-off lines that had none. */
  created: BlanketAssemblyOrder[];
  /** Every assembly order of the sales order, those an interrupted order had included. */
  assemblyOrderNos: string[];
  /** ASSEMBLY_REBUILT from a refresh, DOCUMENT_FINISHED for a finished order. */
  issues: Issue[];
}

/** A sales order an interrupted Make Order left behind: its number and the lines it has. */
export interface UnfinishedOrder {
  salesOrderNo: string;
  /** Its sales lines by blanket order line number. */
  present: Map<number, SalesLine>;
  /** Assembly orders on the Assembly Orders sheet (upper-cased numbers). */
  assemblyOrders: Set<string>;
}

/** Lines of the order that are called off now. */
export function calledOffLines(order: BlanketOrder): BlanketOrderLine[] {
  return order.lines.filter((l) => l.type === "Item" && l.qtyToShip > 0);
}

// ------------------------------------------------------------------ the call-off

/** The blanket order named for a Make Order is not on the sheet. */
export function blanketOrderNotFound(documentNo: string): Issue {
  return issue(
    "ORDER_NOT_FOUND",
    { table: "blanketOrders", field: "documentNo" },
    MESSAGES.orderNotFound(documentNo),
    [`blanket:${key(documentNo)}`]
  );
}

/**
 * Qty. to Ship given with the command: exactly these lines are called off, the sheet's
 * column is ignored for this order. Returns LINE_NOT_FOUND and QTY_INVALID issues.
 */
export function applyQtyToShip(
  order: BlanketOrder,
  qtyToShip: ReadonlyMap<number, number>
): Issue[] {
  const issues: Issue[] = [];
  const byLine = new Map(order.lines.map((l) => [l.lineNo, l]));
  const affects = [`callOff:${key(order.documentNo)}` as const];
  for (const l of order.lines) l.qtyToShip = 0;
  for (const [lineNo, qty] of qtyToShip) {
    const line = byLine.get(lineNo);
    if (!line || line.type !== "Item") {
      const at = order.lines.length
        ? { source: order.lines[0].source, field: "documentNo" }
        : { table: "blanketOrders" as const, field: "documentNo" };
      issues.push(
        issue(
          "LINE_NOT_FOUND",
          at,
          MESSAGES.lineNotFound(order.documentNo, String(lineNo)),
          affects
        )
      );
    } else if (qty < 0) {
      const what = `Blanket order ${order.documentNo} line ${lineNo}`;
      issues.push(
        issue(
          "QTY_INVALID",
          { source: line.source, field: "qtyToShip" },
          MESSAGES.qtyNegative(what, "Qty. to Ship", String(qty)),
          affects
        )
      );
    } else line.qtyToShip = qty;
  }
  return issues;
}

/** An issue about the sheet's Qty. to Ship of the order's lines, which a given call-off replaces. */
export function aboutSheetQtyToShip(order: BlanketOrder): (i: Issue) => boolean {
  const sources = new Set<Source>(order.lines.map((l) => l.source));
  return (i) => "source" in i.at && i.at.field === "qtyToShip" && sources.has(i.at.source);
}

/**
 * BC's checks before making the order that validation does not make: the agreement's
 * validity on the order date, and that something is called off.
 */
export function checkCallOff(
  order: BlanketOrder,
  orderDate: number,
  unfinished: UnfinishedOrder | undefined
): Issue[] {
  const issues: Issue[] = [];
  const affects = [`callOff:${key(order.documentNo)}` as const];
  if (order.validUntil !== undefined && orderDate > order.validUntil) {
    const message = MESSAGES.expired(
      order.documentNo,
      serialToIso(order.validUntil),
      serialToIso(orderDate)
    );
    const at = order.validUntilSource
      ? { source: order.validUntilSource, field: "validUntil" }
      : { table: "blanketOrders" as const, field: "validUntil" };
    issues.push(issue("BLANKET_EXPIRED", at, message, affects));
  }
  if (!calledOffLines(order).length && !unfinished) {
    const at = order.lines.length
      ? { source: order.lines[0].source, field: "qtyToShip" }
      : { table: "blanketOrders" as const, field: "qtyToShip" };
    issues.push(
      issue("NOTHING_TO_CREATE", at, MESSAGES.nothingToCreate(order.documentNo), affects)
    );
  }
  return issues;
}

/**
 * The sales order an interrupted Make Order of this blanket order left behind, when
 * validation found one (DOCUMENT_INCOMPLETE): the newest sales order made from it.
 */
export function findUnfinishedOrder(
  index: BlanketIndex,
  order: BlanketOrder,
  issues: readonly Issue[]
): UnfinishedOrder | undefined {
  const callOff = `callOff:${key(order.documentNo)}`;
  if (!issues.some((i) => i.code === "DOCUMENT_INCOMPLETE" && i.affects.includes(callOff as never)))
    return undefined;
  const fromOrder = index.records.salesLines.filter(
    (s) => s.blanketOrderNo && key(s.blanketOrderNo) === key(order.documentNo)
  );
  const newest = newestSalesLine(fromOrder);
  if (!newest) return undefined;
  const present = new Map<number, SalesLine>();
  for (const s of fromOrder)
    if (key(s.documentNo) === key(newest.documentNo) && s.blanketOrderLineNo !== undefined)
      present.set(s.blanketOrderLineNo, s);
  return {
    salesOrderNo: newest.documentNo,
    present,
    assemblyOrders: new Set(index.records.assemblyOrderLines.map((l) => key(l.assemblyOrderNo))),
  };
}

/**
 * Issues that finishing an unfinished order settles: its DOCUMENT_INCOMPLETE, and an
 * over call-off on a line it already holds (the reset of Qty. to Ship never landed).
 */
export function settledByFinishing(
  order: BlanketOrder,
  unfinished: UnfinishedOrder
): (i: Issue) => boolean {
  const callOff = `callOff:${key(order.documentNo)}`;
  const held = new Set<Source>(
    order.lines.filter((l) => unfinished.present.has(l.lineNo)).map((l) => l.source)
  );
  return (i) =>
    (i.code === "DOCUMENT_INCOMPLETE" && i.affects.includes(callOff as never)) ||
    (i.code === "OVER_CALL_OFF" && "source" in i.at && held.has(i.at.source));
}

// ------------------------------------------------------------------ making the order

/**
 * Makes the sales order and its assembly orders. The checks have passed: every line
 * called off is valid, as are its item, units, BOM and blanket assembly order.
 * Finishing an interrupted order completes that sales order instead of making another.
 */
export function makeOrder(
  index: BlanketIndex,
  order: BlanketOrder,
  orderDate: number,
  series: MakeOrderSeries,
  unfinished?: UnfinishedOrder
): MadeOrder {
  const salesOrderNo = unfinished ? unfinished.salesOrderNo : series.sales.next();
  const made: MadeOrder = {
    salesOrderNo,
    salesLines: [],
    assemblyOrders: [],
    refreshed: [],
    created: [],
    assemblyOrderNos: [],
    issues: [],
  };
  for (const line of order.lines) {
    const calledOff = line.type === "Item" && line.qtyToShip > 0;
    if (line.type === "Item" && !calledOff) continue;
    const present = unfinished?.present.get(line.lineNo);
    if (present) {
      // Already on the sheet: its assembly order may be missing, or some of its lines.
      if (present.assemblyOrderNo && line.qtyToAssembleToOrder > 0) {
        const agreed = agreedAssembly(index, line, series, made);
        const whole = makeAssemblyOrderLinkedToSalesLine(index, line, agreed, present, true);
        const number = key(present.assemblyOrderNo);
        const have = new Set(
          index.records.assemblyOrderLines
            .filter((l) => key(l.assemblyOrderNo) === number)
            .map((l) => l.lineNo)
        );
        const missing = whole.lines.filter((l) => !have.has(l.lineNo));
        if (missing.length) made.assemblyOrders.push({ ...whole, lines: missing });
      }
      continue;
    }
    const sales = createSalesLine(order, line, salesOrderNo, orderDate);
    made.salesLines.push(sales);
    if (!calledOff || line.qtyToAssembleToOrder <= 0) continue;
    const agreed = agreedAssembly(index, line, series, made);
    sales.assemblyOrderNo = series.assembly.next();
    made.assemblyOrders.push(makeAssemblyOrderLinkedToSalesLine(index, line, agreed, sales, false));
  }
  // A finished order reports all its assembly orders, those it had and those it got.
  const previous = unfinished
    ? [...unfinished.present.values()].map((s) => s.assemblyOrderNo ?? "")
    : [];
  made.assemblyOrderNos = [
    ...new Set([...previous, ...made.assemblyOrders.map((o) => o.assemblyOrderNo)]),
  ].filter(Boolean);
  if (unfinished) {
    const first = [...unfinished.present.values()][0];
    made.issues.push(
      issue(
        "DOCUMENT_FINISHED",
        first?.source
          ? { source: first.source, field: "documentNo" }
          : { table: "salesOrders", field: "documentNo" },
        MESSAGES.finished(unfinished.salesOrderNo, order.documentNo),
        [`sales:${key(order.documentNo)}`]
      )
    );
  }
  return made;
}

/** CreateSalesLine: a called-off line (or a comment line) of the new sales order. */
function createSalesLine(
  order: BlanketOrder,
  line: BlanketOrderLine,
  salesOrderNo: string,
  orderDate: number
): SalesLine {
  const calledOff = line.type === "Item";
  return {
    documentNo: salesOrderNo,
    sellToCustomerNo: order.sellToCustomerNo,
    sellToCustomerName: order.sellToCustomerName,
    orderDate,
    externalDocumentNo: order.externalDocumentNo,
    lineNo: line.lineNo,
    type: line.type,
    no: line.no,
    description: line.description,
    variantCode: line.variantCode,
    locationCode: line.locationCode,
    quantity: calledOff ? line.qtyToShip : 0,
    unitOfMeasureCode: line.unitOfMeasureCode,
    qtyToAssembleToOrder: calledOff && line.qtyToAssembleToOrder > 0 ? line.qtyToShip : 0,
    unitPrice: line.unitPrice,
    lineDiscountPercent: line.lineDiscountPercent,
    unitCost: line.unitCost,
    lineAmount: calledOff
      ? lineAmount(line.qtyToShip, line.unitPrice ?? 0, line.lineDiscountPercent)
      : undefined,
    shipmentDate: line.shipmentDate,
    blanketOrderNo: line.documentNo,
    blanketOrderLineNo: line.lineNo,
  };
}

/** The line's blanket assembly order, refreshed as assemble would, or generated when missing. */
function agreedAssembly(
  index: BlanketIndex,
  line: BlanketOrderLine,
  series: MakeOrderSeries,
  made: MadeOrder
): BlanketAssemblyOrder {
  let order = blanketAssemblyOrderOf(index, line);
  if (order) {
    if (!made.refreshed.includes(order)) {
      refreshOrder(index.records, order, line, made.issues);
      made.refreshed.push(order);
    }
  } else {
    order = newOrder(index.records, line, series.blanketAssembly.next());
    index.blanketAssemblyOrderOf.set(lineKey(line.documentNo, line.lineNo), order);
    made.created.push(order);
  }
  return order;
}

/**
 * BC's "MakeAsmOrderLinkedToSalesLine": an assembly order for the sales line, its
 * lines those of the blanket assembly order, customizations kept, scaled to the quantity.
 */
function makeAssemblyOrderLinkedToSalesLine(
  index: BlanketIndex,
  line: BlanketOrderLine,
  agreed: BlanketAssemblyOrder,
  sales: Pick<SalesLine, "documentNo" | "lineNo" | "quantity" | "assemblyOrderNo">,
  /** The sales line is already on the sheet, so Quantity Ordered already counts it. */
  counted: boolean
): AssemblyOrder {
  const assemblyOrderNo = sales.assemblyOrderNo!;
  const factor = unitFactor(index.records, line.no, line.unitOfMeasureCode) ?? 1;
  const orderedBase = index.orderedBase.get(line) ?? 0;
  // Conservation: the call-off that completes the line takes the rest of each line's
  // Quantity; earlier ones never take more than is left, which rounding up could otherwise
  // do (0.00012 per unit over call-offs of 0.29167, 0.04167, ...), so the sum is exact.
  const beforeThis = counted ? subQty(orderedBase, mulQty(sales.quantity, factor)) : orderedBase;
  const afterThis = addQty(beforeThis, mulQty(sales.quantity, factor));
  const completes = compareQty(afterThis, mulQty(line.quantity, factor)) === 0;
  // Still to come, this call-off included, in the line's unit.
  const stillToCome = divQty(subQty(mulQty(line.quantity, factor), beforeThis), factor);
  const history = callOffHistory(index, line);
  // Finishing an interrupted order: its own assembly order is not an earlier call-off.
  history.uses.forEach((list, k) =>
    history.uses.set(
      k,
      list.filter((u) => key(u.assemblyOrderNo) !== key(assemblyOrderNo))
    )
  );
  const lines: AssemblyOrderLine[] = agreed.lines.map((l) => {
    let quantity = lineQuantity(l, sales.quantity);
    if (scalesWithQuantity(l)) {
      // The call-off that completes the line takes the rest of the agreement's need; an
      // earlier one never takes more than is left (rounding up could otherwise).
      const rest = restOfNeed(history, l, completes ? sales.quantity : stillToCome);
      quantity = completes ? rest : Math.min(quantity, rest);
    }
    return {
      ...l,
      quantity,
      source: undefined,
      assemblyOrderNo,
      salesOrderNo: sales.documentNo,
      salesOrderLineNo: sales.lineNo,
      blanketAssemblyOrderNo: agreed.assemblyOrderNo,
    };
  });
  return {
    assemblyOrderNo,
    salesOrderNo: sales.documentNo,
    salesOrderLineNo: sales.lineNo,
    assemblyItemNo: line.no,
    assemblyQuantity: sales.quantity,
    assemblyUnitOfMeasure: line.unitOfMeasureCode,
    dueDate: line.shipmentDate,
    locationCode: line.locationCode,
    variantCode: line.variantCode,
    blanketAssemblyOrderNo: agreed.assemblyOrderNo,
    lines,
  };
}

/**
 * The assembly order a call-off of `qty` on the line would get now, without making it: what
 * validate checks availability against for the Qty. to Ship already entered.
 */
export function prospectiveAssemblyOrder(
  index: BlanketIndex,
  line: BlanketOrderLine,
  agreed: BlanketAssemblyOrder,
  qty: number
): AssemblyOrder {
  const sales = { documentNo: "", lineNo: line.lineNo, quantity: qty, assemblyOrderNo: "" };
  return makeAssemblyOrderLinkedToSalesLine(index, line, agreed, sales, false);
}

/**
 * ResetQuantityFields and the blanket order's Quantity Ordered: per blanket line (of every
 * order), its Quantity Ordered after this order, from the sales lines. One at a time: a
 * full sheet has a million lines, and the caller keeps only those that change.
 */
export function quantityOrderedAfter(
  index: BlanketIndex,
  order: BlanketOrder,
  made: MadeOrder,
  each: (l: BlanketOrderLine, quantityOrdered: number) => void
): void {
  const shipped = new Map(made.salesLines.map((s) => [s.blanketOrderLineNo, s.quantity]));
  for (const o of index.records.blanketOrders.values()) {
    for (const l of o.lines) {
      if (l.type !== "Item" || !l.valid) continue;
      let q = quantityOrdered(index, l);
      if (o === order) q = addQty(q, shipped.get(l.lineNo) ?? 0);
      each(l, q);
    }
  }
}

/**
 * The links every process follows, computed once per command: each blanket order line,
 * the sales order lines made from it (its call-offs, so its Quantity Ordered), and its
 * blanket assembly order.
 */
import {
  AssemblyOrderLine,
  BlanketAssemblyOrder,
  BlanketOrderLine,
  key,
  lineKey,
  Records,
  SalesLine,
} from "./model";
import { addQty, divQty, mulQty } from "./quantity";
import { unitFactor } from "./units";

export interface BlanketIndex {
  records: Records;
  lines: Map<string, BlanketOrderLine>;
  /** Quantity ordered per blanket line, in base units. */
  orderedBase: Map<string, number>;
  salesLinesOf: Map<string, SalesLine[]>;
  blanketAssemblyOrderOf: Map<string, BlanketAssemblyOrder>;
  /** Assembly order lines per assembly order key; made on first use (assemblyLinesOf). */
  assemblyLines?: Map<string, AssemblyOrderLine[]>;
}

export function indexBlanketLines(records: Records): BlanketIndex {
  const lines = new Map<string, BlanketOrderLine>();
  for (const order of records.blanketOrders.values())
    for (const l of order.lines) lines.set(lineKey(l.documentNo, l.lineNo), l);
  const orderedBase = new Map<string, number>();
  const salesLinesOf = new Map<string, SalesLine[]>();
  for (const s of records.salesLines) {
    if (!s.blanketOrderNo || s.blanketOrderLineNo === undefined || s.type !== "Item") continue;
    const k = lineKey(s.blanketOrderNo, s.blanketOrderLineNo);
    const line = lines.get(k);
    const list = salesLinesOf.get(k);
    if (list) list.push(s);
    else salesLinesOf.set(k, [s]);
    const factor =
      unitFactor(records, s.no || line?.no || "", s.unitOfMeasureCode || line?.unitOfMeasureCode) ??
      1;
    orderedBase.set(k, addQty(orderedBase.get(k) ?? 0, mulQty(s.quantity, factor)));
  }
  const blanketAssemblyOrderOf = new Map<string, BlanketAssemblyOrder>();
  for (const order of records.blanketAssemblyOrders) {
    if (!order.blanketOrderNo || order.blanketOrderLineNo === undefined) continue;
    const k = lineKey(order.blanketOrderNo, order.blanketOrderLineNo);
    if (!blanketAssemblyOrderOf.has(k)) blanketAssemblyOrderOf.set(k, order);
  }
  return { records, lines, orderedBase, salesLinesOf, blanketAssemblyOrderOf };
}

/** Quantity Ordered of a blanket line, in the line's own unit. */
export function quantityOrdered(index: BlanketIndex, line: BlanketOrderLine): number {
  const base = index.orderedBase.get(lineKey(line.documentNo, line.lineNo)) ?? 0;
  const factor = unitFactor(index.records, line.no, line.unitOfMeasureCode) ?? 1;
  return factor === 1 ? base : divQty(base, factor);
}

/** The blanket assembly order of a line, if it has one. */
export function blanketAssemblyOrderOf(
  index: BlanketIndex,
  line: BlanketOrderLine
): BlanketAssemblyOrder | undefined {
  return index.blanketAssemblyOrderOf.get(lineKey(line.documentNo, line.lineNo));
}

/** The blanket line an order belongs to, if it names one that exists. */
export function blanketLineOf(
  index: BlanketIndex,
  order: Pick<BlanketAssemblyOrder, "blanketOrderNo" | "blanketOrderLineNo">
): BlanketOrderLine | undefined {
  return order.blanketOrderNo && order.blanketOrderLineNo !== undefined
    ? index.lines.get(lineKey(order.blanketOrderNo, order.blanketOrderLineNo))
    : undefined;
}

/** The lines of an assembly order (linked to a sales line), in sheet order. */
export function assemblyLinesOf(index: BlanketIndex, assemblyOrderNo: string): AssemblyOrderLine[] {
  if (!index.assemblyLines) {
    const byOrder = new Map<string, AssemblyOrderLine[]>();
    for (const l of index.records.assemblyOrderLines) {
      const k = key(l.assemblyOrderNo);
      const list = byOrder.get(k);
      if (list) list.push(l);
      else byOrder.set(k, [l]);
    }
    index.assemblyLines = byOrder;
  }
  return index.assemblyLines.get(key(assemblyOrderNo)) ?? [];
}

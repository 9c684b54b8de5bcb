/**
 * The links every process follows, computed once per command: each blanket order line,
 * the sales order lines made from it (its call-offs, so its Quantity Ordered), and its
 * blanket assembly order.
 */
import {
  AssemblyOrderLine,
  BlanketAssemblyOrder,
  BlanketOrder,
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
  /** Quantity ordered per blanket line, in base units (lines with sales lines only). */
  orderedBase: Map<BlanketOrderLine, number>;
  /** The sales lines made from each blanket line (lines with sales lines only). */
  salesLinesOf: Map<BlanketOrderLine, SalesLine[]>;
  /** Lines of big blanket orders by Line No., made on first use (blanketLineAt). */
  linesByNo?: Map<BlanketOrder, Map<number, BlanketOrderLine>>;
  blanketAssemblyOrderOf: Map<string, BlanketAssemblyOrder>;
  /** Assembly order lines per assembly order key; made on first use (assemblyLinesOf). */
  assemblyLines?: Map<string, AssemblyOrderLine[]>;
}

/**
 * Keyed by the line records themselves: a million blanket lines need no million composite
 * keys, and most have no sales lines at all.
 */
export function indexBlanketLines(records: Records): BlanketIndex {
  const orderedBase = new Map<BlanketOrderLine, number>();
  const salesLinesOf = new Map<BlanketOrderLine, SalesLine[]>();
  const index: BlanketIndex = {
    records,
    orderedBase,
    salesLinesOf,
    blanketAssemblyOrderOf: new Map(),
  };
  for (const s of records.salesLines) {
    if (!s.blanketOrderNo || s.blanketOrderLineNo === undefined || s.type !== "Item") continue;
    const line = blanketLineAt(index, s.blanketOrderNo, s.blanketOrderLineNo);
    // A sales line of a blanket line that is gone is BLANKET_LINE_NOT_FOUND (validation).
    if (!line) continue;
    const list = salesLinesOf.get(line);
    if (list) list.push(s);
    else salesLinesOf.set(line, [s]);
    const factor =
      unitFactor(records, s.no || line.no, s.unitOfMeasureCode || line.unitOfMeasureCode) ?? 1;
    orderedBase.set(line, addQty(orderedBase.get(line) ?? 0, mulQty(s.quantity, factor)));
  }
  const blanketAssemblyOrderOf = index.blanketAssemblyOrderOf;
  for (const order of records.blanketAssemblyOrders) {
    if (!order.blanketOrderNo || order.blanketOrderLineNo === undefined) continue;
    const k = lineKey(order.blanketOrderNo, order.blanketOrderLineNo);
    if (!blanketAssemblyOrderOf.has(k)) blanketAssemblyOrderOf.set(k, order);
  }
  return index;
}

/** The blanket line with this document and Line No., if there is one. */
export function blanketLineAt(
  index: BlanketIndex,
  documentNo: string,
  lineNo: number
): BlanketOrderLine | undefined {
  const order = index.records.blanketOrders.get(key(documentNo));
  if (!order) return undefined;
  if (order.lines.length <= 16) return order.lines.find((l) => l.lineNo === lineNo);
  index.linesByNo ??= new Map();
  let byNo = index.linesByNo.get(order);
  if (!byNo) index.linesByNo.set(order, (byNo = new Map(order.lines.map((l) => [l.lineNo, l]))));
  return byNo.get(lineNo);
}

/** Quantity Ordered of a blanket line, in the line's own unit. */
export function quantityOrdered(index: BlanketIndex, line: BlanketOrderLine): number {
  const base = index.orderedBase.get(line);
  // Most lines of a big agreement were never called off.
  if (base === undefined) return 0;
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
    ? blanketLineAt(index, order.blanketOrderNo, order.blanketOrderLineNo)
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

/**
 * Cross-sheet facts every command needs, computed once per read: units, quantities
 * already ordered per blanket line, and which blanket assembly order belongs to which
 * blanket line.
 */
import type { ParsedWorkbook } from "../workbook/parse";
import { key } from "./issues";
import { BlanketAssemblyOrder, BlanketLine, SalesLine } from "./model";
import { addQty, divQty, mulQty } from "./quantity";

export const lineKey = (docNo: string, lineNo: number): string => `${key(docNo)}\u0000${lineNo}`;

export interface Analysis {
  wb: ParsedWorkbook;
  blanketLines: Map<string, BlanketLine>;
  /** Quantity ordered per blanket line, in base units. */
  orderedBase: Map<string, number>;
  salesByLine: Map<string, SalesLine[]>;
  baoByLine: Map<string, BlanketAssemblyOrder>;
}

/** Qty. per Unit of Measure of an item's unit; 1 for the base unit; undefined if unknown. */
export function unitFactor(
  wb: ParsedWorkbook,
  itemNo: string,
  uom: string | undefined
): number | undefined {
  const item = wb.items.get(key(itemNo));
  if (!uom || (item && key(item.baseUom) === key(uom))) return 1;
  return wb.units.get(key(itemNo))?.get(key(uom))?.qtyPer;
}

export function analyse(wb: ParsedWorkbook): Analysis {
  const blanketLines = new Map<string, BlanketLine>();
  for (const order of wb.blanketOrders.values())
    for (const l of order.lines) blanketLines.set(lineKey(l.docNo, l.lineNo), l);
  const orderedBase = new Map<string, number>();
  const salesByLine = new Map<string, SalesLine[]>();
  for (const s of wb.salesLines) {
    if (!s.blanketDocNo || s.blanketLineNo === undefined || s.type !== "Item") continue;
    const k = lineKey(s.blanketDocNo, s.blanketLineNo);
    const line = blanketLines.get(k);
    const list = salesByLine.get(k);
    if (list) list.push(s);
    else salesByLine.set(k, [s]);
    const factor = unitFactor(wb, s.no || line?.no || "", s.uom || line?.uom) ?? 1;
    orderedBase.set(k, addQty(orderedBase.get(k) ?? 0, mulQty(s.quantity, factor)));
  }
  const baoByLine = new Map<string, BlanketAssemblyOrder>();
  for (const bao of wb.baos) {
    if (!bao.blanketDocNo || bao.blanketLineNo === undefined) continue;
    const k = lineKey(bao.blanketDocNo, bao.blanketLineNo);
    if (!baoByLine.has(k)) baoByLine.set(k, bao);
  }
  return { wb, blanketLines, orderedBase, salesByLine, baoByLine };
}

/** Quantity Ordered of a blanket line, in the line's own unit. */
export function quantityOrdered(a: Analysis, line: BlanketLine): number {
  const base = a.orderedBase.get(lineKey(line.docNo, line.lineNo)) ?? 0;
  const factor = unitFactor(a.wb, line.no, line.uom) ?? 1;
  return factor === 1 ? base : divQty(base, factor);
}

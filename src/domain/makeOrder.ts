/**
 * Make Order (rules.md section 3), after BC's codeunit 87 "Blanket Sales Order to
 * Order": check the call-off, create the sales header and lines, an assembly order per
 * assemble-to-order line carrying the blanket assembly order's customizations, and
 * reset the blanket order's call-off.
 */
import { Analysis, lineKey, unitFactor } from "./analysis";
import { lineQuantity, newOrder, refreshOrder } from "./assembly";
import { IssueLog, key } from "./issues";
import {
  AssemblyOrderLine,
  BlanketAssemblyOrder,
  BlanketLine,
  BlanketOrder,
  SalesLine,
} from "./model";
import { NumberSeries } from "./numberSeries";
import { addQty, compareQty, lineAmount, mulQty, subQty } from "./quantity";

export interface SalesLineOut {
  docNo: string;
  customerNo: string;
  customerName?: string;
  orderDate: number;
  externalDocNo?: string;
  lineNo: number;
  type: "Item" | "Comment";
  no: string;
  description: string;
  variant?: string;
  location?: string;
  quantity: number;
  uom: string;
  qtyToAto: number;
  unitPrice?: number;
  discount: number;
  lineAmount?: number;
  shipmentDate?: number;
  blanketDocNo: string;
  blanketLineNo: number;
  aoNo?: string;
}

export interface AssemblyOrderOut {
  aoNo: string;
  salesOrderNo: string;
  salesLineNo: number;
  itemNo: string;
  asmQty: number;
  asmUom: string;
  dueDate?: number;
  baoNo: string;
  lines: AssemblyOrderLine[];
}

export interface MakeOrderOutcome {
  salesOrderNo: string;
  salesLines: SalesLineOut[];
  assemblyOrders: AssemblyOrderOut[];
  /** Blanket assembly orders created or brought up to date for the called-off lines. */
  touched: BlanketAssemblyOrder[];
  created: BlanketAssemblyOrder[];
}

/** Lines of the order that are called off now. */
export function calledOffLines(order: BlanketOrder): BlanketLine[] {
  return order.lines.filter((l) => l.type === "Item" && l.qtyToShip > 0);
}

/** What earlier assembly orders of a blanket line already took, per assembly line. */
export function takenEarlier(a: Analysis, line: BlanketLine): Map<string, number> {
  const aoNos = new Set<string>();
  for (const s of a.salesByLine.get(lineKey(line.docNo, line.lineNo)) ?? [])
    if (s.aoNo) aoNos.add(key(s.aoNo));
  const taken = new Map<string, number>();
  for (const l of a.wb.assemblyLines) {
    if (!aoNos.has(key(l.aoNo)) || l.type === "Comment") continue;
    const k = componentKey(l);
    taken.set(k, addQty(taken.get(k) ?? 0, l.quantity));
  }
  return taken;
}

export const componentKey = (l: Pick<AssemblyOrderLine, "lineNo" | "type" | "no">): string =>
  `${l.lineNo}\u0000${l.type}\u0000${key(l.no)}`;

/**
 * Builds the sales order and its assembly orders. Checks have passed: every line called
 * off is valid, as are its item, units, BOM and blanket assembly order.
 */
/** A sales order an interrupted Make Order left behind: its number and the lines it has. */
export interface UnfinishedOrder {
  salesOrderNo: string;
  present: Map<number, SalesLine>;
  /** Assembly orders on the Assembly Orders sheet (upper-cased numbers). */
  assemblyOrders: Set<string>;
}

export function makeOrderDocuments(
  a: Analysis,
  order: BlanketOrder,
  orderDate: number,
  series: { sales: NumberSeries; assembly: NumberSeries; blanketAssembly: NumberSeries },
  log: IssueLog,
  finish?: UnfinishedOrder
): MakeOrderOutcome {
  // Finishing an interrupted order completes that sales order instead of making another.
  const salesOrderNo = finish ? finish.salesOrderNo : series.sales.next();
  const out: MakeOrderOutcome = {
    salesOrderNo,
    salesLines: [],
    assemblyOrders: [],
    touched: [],
    created: [],
  };
  for (const line of order.lines) {
    const calledOff = line.type === "Item" && line.qtyToShip > 0;
    if (line.type === "Item" && !calledOff) continue;
    const present = finish?.present.get(line.lineNo);
    if (present) {
      // Already on the sheet: only its assembly order may be missing.
      if (present.aoNo && !finish!.assemblyOrders.has(key(present.aoNo)) && line.qtyToAto > 0) {
        const bao = bringUpToDate(a, line, series, log, out);
        const asSales = {
          docNo: present.docNo,
          lineNo: present.lineNo,
          quantity: present.quantity,
        };
        out.assemblyOrders.push(assemblyOrderFor(a, line, bao, asSales, present.aoNo, true));
      }
      continue;
    }
    const sales: SalesLineOut = {
      docNo: salesOrderNo,
      customerNo: order.customerNo,
      customerName: order.customerName,
      orderDate,
      externalDocNo: order.externalDocNo,
      lineNo: line.lineNo,
      type: line.type,
      no: line.no,
      description: line.description,
      variant: line.variant,
      location: line.location,
      quantity: calledOff ? line.qtyToShip : 0,
      uom: line.uom,
      qtyToAto: line.qtyToAto > 0 ? line.qtyToShip : 0,
      unitPrice: line.unitPrice,
      discount: line.discount,
      lineAmount: calledOff
        ? lineAmount(line.qtyToShip, line.unitPrice ?? 0, line.discount)
        : undefined,
      shipmentDate: line.shipmentDate,
      blanketDocNo: line.docNo,
      blanketLineNo: line.lineNo,
    };
    out.salesLines.push(sales);
    if (!calledOff || line.qtyToAto <= 0) continue;
    const bao = bringUpToDate(a, line, series, log, out);
    const aoNo = series.assembly.next();
    sales.aoNo = aoNo;
    out.assemblyOrders.push(assemblyOrderFor(a, line, bao, sales, aoNo, false));
  }
  return out;
}

/** The line's blanket assembly order, refreshed as assemble would, or generated when missing. */
function bringUpToDate(
  a: Analysis,
  line: BlanketLine,
  series: { blanketAssembly: NumberSeries },
  log: IssueLog,
  out: MakeOrderOutcome
): BlanketAssemblyOrder {
  let bao = a.baoByLine.get(lineKey(line.docNo, line.lineNo));
  if (bao) {
    if (!out.touched.includes(bao)) {
      refreshOrder(a.wb, bao, line, log);
      out.touched.push(bao);
    }
  } else {
    bao = newOrder(a.wb, line, series.blanketAssembly.next());
    a.baoByLine.set(lineKey(line.docNo, line.lineNo), bao);
    out.created.push(bao);
  }
  return bao;
}

function assemblyOrderFor(
  a: Analysis,
  line: BlanketLine,
  bao: BlanketAssemblyOrder,
  sales: Pick<SalesLineOut, "docNo" | "lineNo" | "quantity">,
  aoNo: string,
  /** The sales line is already on the sheet, so Quantity Ordered already counts it. */
  counted: boolean
): AssemblyOrderOut {
  const factor = unitFactor(a.wb, line.no, line.uom) ?? 1;
  const orderedBase = a.orderedBase.get(lineKey(line.docNo, line.lineNo)) ?? 0;
  // Conservation: the call-off that completes the line takes the rest of each line's
  // Quantity; earlier ones never take more than is left, which rounding up could otherwise
  // do (0.00012 per unit over call-offs of 0.29167, 0.04167, ...), so the sum is exact.
  const afterThis = counted ? orderedBase : addQty(orderedBase, mulQty(sales.quantity, factor));
  const completes = compareQty(afterThis, mulQty(line.quantity, factor)) === 0;
  const taken = takenEarlier(a, line);
  const lines: AssemblyOrderLine[] = bao.lines.map((l) => {
    let quantity = lineQuantity(l, sales.quantity);
    const conserved = l.type === "Item" || (l.type === "Resource" && l.usage === "Direct");
    if (conserved) {
      const rest = Math.max(0, subQty(l.quantity, taken.get(componentKey(l)) ?? 0));
      quantity = completes ? rest : Math.min(quantity, rest);
    }
    return {
      ...l,
      quantity,
      row: undefined,
      aoNo,
      salesOrderNo: sales.docNo,
      salesLineNo: sales.lineNo,
      baoNo: bao.aoNo,
    };
  });
  return {
    aoNo,
    salesOrderNo: sales.docNo,
    salesLineNo: sales.lineNo,
    itemNo: line.no,
    asmQty: sales.quantity,
    asmUom: line.uom,
    dueDate: line.shipmentDate,
    baoNo: bao.aoNo,
    lines,
  };
}

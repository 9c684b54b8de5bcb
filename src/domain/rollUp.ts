/**
 * Roll Up Price and Roll Up Cost (docs/rules.md), after BC's table 904 "Assemble-to-Order
 * Link": what one unit of an assembled item sells and costs, from the components its
 * blanket assembly order agrees (customizations included).
 *
 * - price = Σ (component's Unit Price in the line's unit x line Quantity) / Assembly
 *   Quantity, rounded once to 0.00001 (BC's unit-amount precision);
 * - cost = Σ round(component's Unit Cost in the line's unit x line Quantity, 0.01)
 *   / Assembly Quantity, rounded to 0.00001 (BC sums the lines' Cost Amount).
 *
 * A Fixed resource's Quantity does not grow with the assembly, so its share of a unit
 * falls as the agreed quantity rises, as in BC.
 */
import { blanketAssemblyOrderOf, BlanketIndex } from "./blanketIndex";
import { lineQuantity, newOrder, refreshOrder } from "./blanketAssembly";
import { issue, Issue, MESSAGES } from "./issues";
import {
  AssemblyLine,
  BlanketAssemblyOrder,
  BlanketOrder,
  BlanketOrderLine,
  key,
  Source,
} from "./model";
import { addQty, divQty, mulAmount, mulQty, roundTo, subQty, sumOfProductsOver } from "./quantity";
import { unitFactor } from "./units";

export type RollUpKind = "price" | "cost";

/** One component line's part of the roll-up. */
export interface RolledUpComponent {
  lineNo: number;
  type: "Item" | "Resource";
  no: string;
  quantity: number;
  unitOfMeasureCode?: string;
  /** In the line's unit (0.00001); undefined when the component has none. */
  unitPrice?: number;
  unitCost?: number;
  /** Unit Cost x Quantity, rounded to 0.01. */
  costAmount?: number;
}

export interface RollUp {
  line: BlanketOrderLine;
  /** The blanket assembly order rolled up: the line's own, brought up to date in memory. */
  assemblyOrderNo?: string;
  assemblyQuantity: number;
  components: RolledUpComponent[];
  /** Per unit of the blanket line; undefined when a component has no price (see issues). */
  price?: number;
  cost?: number;
  /** The blanket line's Unit Price less its Line Discount %, per unit. */
  netPrice?: number;
  /** Net price less rolled-up cost, per unit, and as a share of the net price (0.01 %). */
  margin?: number;
  marginPercent?: number;
  /** ROLL_UP_INCOMPLETE per component without a price, then without a cost. */
  missingPrice: Issue[];
  missingCost: Issue[];
}

/** A component's price or cost per base unit, and where it would be entered. */
function masterAmount(
  index: BlanketIndex,
  l: AssemblyLine,
  field: "unitPrice" | "unitCost"
): { amount?: number; source?: Source; sheet: string } {
  const records = index.records;
  if (l.type === "Item") {
    const item = records.items.get(key(l.no));
    return { amount: item?.[field], source: item?.source, sheet: "Items" };
  }
  const resource = records.resources.get(key(l.no));
  return { amount: resource?.[field], source: resource?.source, sheet: "Resources" };
}

/**
 * The agreed specification of an assemble-to-order line: its blanket assembly order as
 * assemble would leave it (refreshed, or a new explosion of the BOM when it has none yet).
 */
export function agreedSpecification(
  index: BlanketIndex,
  line: BlanketOrderLine
): BlanketAssemblyOrder {
  const order = blanketAssemblyOrderOf(index, line);
  if (!order) return newOrder(index.records, line, "");
  refreshOrder(index.records, order, line, []);
  return order;
}

/** Rolls up the price and cost of one unit of an assemble-to-order blanket line. */
export function rollUp(index: BlanketIndex, line: BlanketOrderLine): RollUp {
  const order = agreedSpecification(index, line);
  const assemblyQuantity = order.assemblyQuantity;
  const components: RolledUpComponent[] = [];
  const missingPrice: Issue[] = [];
  const missingCost: Issue[] = [];
  const affects = [`blanket:${key(line.documentNo)}` as const];
  const missing = (
    l: AssemblyLine,
    what: "Unit Price" | "Unit Cost",
    at: ReturnType<typeof masterAmount>
  ) => {
    const message = MESSAGES.rollUpIncomplete(
      line.documentNo,
      String(line.lineNo),
      what,
      `${l.type === "Item" ? "item" : "resource"} ${l.no}`,
      at.sheet
    );
    const field = what === "Unit Price" ? "unitPrice" : "unitCost";
    const place = at.source
      ? { source: at.source, field }
      : { table: l.type === "Item" ? ("items" as const) : ("resources" as const), field };
    return issue("ROLL_UP_INCOMPLETE", place, message, affects);
  };
  for (const l of order.lines) {
    if (l.type === "Comment") continue;
    // A resource has its base unit only; an item's unit converts its base-unit amounts.
    const factor =
      l.type === "Item" ? (unitFactor(index.records, l.no, l.unitOfMeasureCode) ?? 1) : 1;
    const quantity = lineQuantity(l, assemblyQuantity);
    const price = masterAmount(index, l, "unitPrice");
    const cost = masterAmount(index, l, "unitCost");
    const unitPrice = price.amount === undefined ? undefined : mulQty(price.amount, factor);
    const unitCost = cost.amount === undefined ? undefined : mulQty(cost.amount, factor);
    if (unitPrice === undefined) missingPrice.push(missing(l, "Unit Price", price));
    if (unitCost === undefined) missingCost.push(missing(l, "Unit Cost", cost));
    components.push({
      lineNo: l.lineNo,
      type: l.type,
      no: l.no,
      quantity,
      unitOfMeasureCode: l.unitOfMeasureCode,
      unitPrice,
      unitCost,
      costAmount: unitCost === undefined ? undefined : mulAmount(unitCost, quantity),
    });
  }
  const out: RollUp = {
    line,
    assemblyOrderNo: order.assemblyOrderNo || undefined,
    assemblyQuantity,
    components,
    missingPrice,
    missingCost,
  };
  if (!(assemblyQuantity > 0)) return out;
  if (!missingPrice.length)
    out.price = sumOfProductsOver(
      components.map((c) => [c.unitPrice!, c.quantity] as const),
      assemblyQuantity
    );
  if (!missingCost.length) {
    const total = components.reduce((sum, c) => addQty(sum, c.costAmount!), 0);
    out.cost = divQty(total, assemblyQuantity);
  }
  if (line.unitPrice !== undefined) {
    out.netPrice = divQty(mulQty(line.unitPrice, subQty(100, line.lineDiscountPercent)), 100);
    if (out.cost !== undefined) {
      out.margin = subQty(out.netPrice, out.cost);
      if (out.netPrice > 0) out.marginPercent = roundTo((out.margin / out.netPrice) * 100, 2);
    }
  }
  return out;
}

/** NOT_ASSEMBLED_TO_ORDER: a roll-up asked of a line that has no components. */
export function notAssembledToOrder(line: BlanketOrderLine): Issue {
  return issue(
    "NOT_ASSEMBLED_TO_ORDER",
    { source: line.source, field: "qtyToAssembleToOrder" },
    MESSAGES.notAssembledToOrder(line.documentNo, String(line.lineNo)),
    [`blanket:${key(line.documentNo)}`]
  );
}

/** LINE_NOT_FOUND: a roll-up names a line the blanket order has no item line for. */
export function noLineToRollUp(order: BlanketOrder, lineNo: number): Issue {
  const at = order.lines.length
    ? { source: order.lines[0].source, field: "lineNo" }
    : { table: "blanketOrders" as const, field: "lineNo" };
  const message = MESSAGES.noLineToRollUp(order.documentNo, String(lineNo));
  return issue("LINE_NOT_FOUND", at, message, [`blanket:${key(order.documentNo)}`]);
}

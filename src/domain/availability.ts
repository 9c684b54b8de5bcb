/**
 * Availability at the call-off (docs/rules.md), after BC's stockout warning on an
 * assemble-to-order sales line: per item component whose Inventory is given, what is on
 * hand less what the assembly orders on the sheet need, against what the call-off needs.
 * A shortage is a warning: the order can still be made, as in BC.
 */
import { BlanketIndex } from "./blanketIndex";
import { serialToIso } from "./dates";
import { issue, Issue, MESSAGES } from "./issues";
import { calledOffLines, prospectiveAssemblyOrder } from "./makeOrder";
import { AssemblyLine, key } from "./model";
import { addQty, compareQty, formatQty, mulQty, subQty } from "./quantity";
import { agreedSpecification } from "./rollUp";
import { unitFactor } from "./units";

/** A component line a call-off needs, with when its assembly order is due. */
export type NeedLine = Pick<AssemblyLine, "type" | "no" | "quantity" | "unitOfMeasureCode"> & {
  dueDate?: number;
};

/** Base-unit quantities per item key, with the earliest due date that needs it. */
function needsByItem(
  index: BlanketIndex,
  lines: Iterable<NeedLine>
): Map<string, { base: number; by?: number }> {
  const out = new Map<string, { base: number; by?: number }>();
  for (const l of lines) {
    if (l.type !== "Item" || !(l.quantity > 0)) continue;
    const factor = unitFactor(index.records, l.no, l.unitOfMeasureCode) ?? 1;
    const k = key(l.no);
    const was = out.get(k) ?? { base: 0 };
    const by =
      l.dueDate === undefined
        ? was.by
        : was.by === undefined
          ? l.dueDate
          : Math.min(was.by, l.dueDate);
    out.set(k, { base: addQty(was.base, mulQty(l.quantity, factor)), by });
  }
  return out;
}

/**
 * COMPONENT_SHORT for each item the call-off needs more of than is available: Inventory
 * less what the Assembly Orders sheet's orders need (all of them: nothing here is consumed).
 */
export function componentShortages(
  index: BlanketIndex,
  callOff: Iterable<NeedLine>,
  what: string
): Issue[] {
  const tracked = (l: NeedLine): boolean =>
    l.type === "Item" && index.records.items.get(key(l.no))?.inventory !== undefined;
  // Only items with an Inventory are checked: the rest costs nothing, a big sheet included.
  const needs = needsByItem(index, [...callOff].filter(tracked));
  if (!needs.size) return [];
  const existing = needsByItem(
    index,
    index.records.assemblyOrderLines.filter((l) => needs.has(key(l.no)))
  );
  const issues: Issue[] = [];
  for (const [k, need] of needs) {
    const item = index.records.items.get(k)!;
    const inventory = item.inventory!;
    const reserved = existing.get(k)?.base ?? 0;
    const available = subQty(inventory, reserved);
    if (compareQty(need.base, available) <= 0) continue;
    const message = MESSAGES.componentShort(
      what,
      formatQty(need.base),
      item.baseUnitOfMeasure,
      item.no,
      need.by === undefined ? "" : ` by ${serialToIso(need.by)}`,
      formatQty(Math.max(0, available)),
      formatQty(inventory),
      formatQty(reserved)
    );
    issues.push(
      issue("COMPONENT_SHORT", { source: item.source, field: "inventory" }, message, [`item:${k}`])
    );
  }
  return issues;
}

/**
 * Availability for the Qty. to Ship already entered on every blanket order, together (they
 * are all to be made): the assembly orders those call-offs would get now.
 */
export function enteredCallOffShortages(index: BlanketIndex): Issue[] {
  const lines: NeedLine[] = [];
  const orders: string[] = [];
  for (const order of index.records.blanketOrders.values()) {
    const called = calledOffLines(order).filter(
      // A line assembled to order without a BOM is BOM_MISSING, so not valid.
      (l) => l.valid && l.qtyToAssembleToOrder > 0
    );
    if (!called.length) continue;
    orders.push(order.documentNo);
    for (const l of called) {
      const ao = prospectiveAssemblyOrder(index, l, agreedSpecification(index, l), l.qtyToShip);
      for (const c of ao.lines) lines.push({ ...c, dueDate: ao.dueDate });
    }
  }
  if (!orders.length) return [];
  const what =
    orders.length === 1
      ? `The call-off entered on blanket order ${orders[0]}`
      : `The call-offs entered on blanket orders ${orders.join(", ")}`;
  return componentShortages(index, lines, what);
}

/**
 * Assemble: blanket assembly orders (docs/rules.md, "Assemble"). A new order explodes the
 * item's BOM one level; an existing one keeps the planner's customizations and follows
 * its blanket line (quantity, due date, unit); an item change rebuilds it from the new
 * BOM, naming what was dropped; an order whose line is gone is removed.
 */
import { BlanketIndex, blanketLineOf } from "./blanketIndex";
import { issue, Issue, MESSAGES } from "./issues";
import {
  AssemblyLine,
  BlanketAssemblyOrder,
  BlanketOrderLine,
  describeLine,
  key,
  lineKey,
  Records,
} from "./model";
import { NumberSeries } from "./numberSeries";
import { divQty, formatQty, mulQty } from "./quantity";
import { unitFactor } from "./units";
import { staleness } from "./validation";

/** `Quantity` of an assembly line: per header unit for items and Direct resources, once for Fixed. */
export function lineQuantity(
  l: Pick<AssemblyLine, "type" | "resourceUsageType" | "quantityPer">,
  assemblyQuantity: number
): number {
  if (l.type === "Comment") return 0;
  if (l.type === "Resource" && l.resourceUsageType === "Fixed") return l.quantityPer;
  return mulQty(l.quantityPer, assemblyQuantity);
}

/** Items and Direct resources scale with the assembly quantity (and its unit); Fixed ones do not. */
export const scalesWithQuantity = (l: Pick<AssemblyLine, "type" | "resourceUsageType">): boolean =>
  l.type === "Item" || (l.type === "Resource" && l.resourceUsageType === "Direct");

/** One assembly line per BOM line, one level, as BC explodes an assembly BOM. */
export function explodeBom(
  records: Records,
  itemNo: string,
  headerFactor: number,
  assemblyQuantity: number
): AssemblyLine[] {
  const bom = records.boms.get(key(itemNo)) ?? [];
  return bom.map((b, i) => {
    const item = b.type === "Item" ? records.items.get(key(b.no)) : undefined;
    const resource = b.type === "Resource" ? records.resources.get(key(b.no)) : undefined;
    const line: AssemblyLine = {
      lineNo: (i + 1) * 10000,
      type: b.type,
      no: b.no,
      description: b.description ?? (item?.description || resource?.name || undefined),
      variantCode: b.variantCode,
      quantityPer:
        b.type === "Comment"
          ? 0
          : scalesWithQuantity(b)
            ? mulQty(b.quantityPer, headerFactor)
            : b.quantityPer,
      quantity: 0,
      unitOfMeasureCode:
        b.type === "Comment"
          ? undefined
          : (b.unitOfMeasureCode ??
            item?.baseUnitOfMeasure ??
            resource?.baseUnitOfMeasure ??
            (b.type === "Resource" ? "HOUR" : "PCS")),
      resourceUsageType: b.type === "Resource" ? b.resourceUsageType : "Direct",
      position: b.position,
    };
    line.quantity = lineQuantity(line, assemblyQuantity);
    return line;
  });
}

/** Sets the header from the blanket line, and every line's Quantity from its Quantity per. */
export function followBlanketLine(order: BlanketAssemblyOrder, line: BlanketOrderLine): void {
  order.blanketOrderNo = line.documentNo;
  order.blanketOrderLineNo = line.lineNo;
  order.assemblyItemNo = line.no;
  order.assemblyQuantity = line.qtyToAssembleToOrder;
  order.assemblyUnitOfMeasure = line.unitOfMeasureCode;
  order.dueDate = line.shipmentDate;
  order.locationCode = line.locationCode;
  order.variantCode = line.variantCode;
  for (const l of order.lines) l.quantity = lineQuantity(l, order.assemblyQuantity);
}

const CUSTOMIZABLE: [keyof AssemblyLine, string][] = [
  ["type", "Type"],
  ["no", "No."],
  ["description", "Description"],
  ["variantCode", "Variant Code"],
  ["quantityPer", "Quantity per"],
  ["unitOfMeasureCode", "Unit of Measure Code"],
  ["resourceUsageType", "Resource Usage Type"],
  ["position", "Position"],
];

const shown = (v: unknown): string =>
  v === undefined || v === "" ? "(blank)" : typeof v === "number" ? formatQty(v) : String(v);

/** A customization of one line against the BOM: added, removed, or a field's values. */
export type LineCustomization =
  | { lineNo: number; kind: "added" | "removed"; line: AssemblyLine }
  | { lineNo: number; kind: "changed"; caption: string; value: unknown; bom: unknown };

/** The customizations of an order's lines, compared with a fresh explosion of its BOM. */
export function lineCustomizations(
  current: AssemblyLine[],
  fresh: AssemblyLine[]
): LineCustomization[] {
  const out: LineCustomization[] = [];
  const freshByNo = new Map(fresh.map((l) => [l.lineNo, l]));
  for (const l of current) {
    const f = freshByNo.get(l.lineNo);
    if (!f) {
      out.push({ lineNo: l.lineNo, kind: "added", line: l });
      continue;
    }
    for (const [field, caption] of CUSTOMIZABLE) {
      const a = l[field];
      const b = f[field];
      const same =
        typeof a === "string" && typeof b === "string"
          ? key(a) === key(b)
          : (a ?? "") === (b ?? "");
      if (!same) out.push({ lineNo: l.lineNo, kind: "changed", caption, value: a, bom: b });
    }
  }
  const currentNos = new Set(current.map((l) => l.lineNo));
  for (const f of fresh)
    if (!currentNos.has(f.lineNo)) out.push({ lineNo: f.lineNo, kind: "removed", line: f });
  return out;
}

/** A customization in words, without its line number: "Quantity per 3 (BOM: 2)". */
export function describeCustomization(c: LineCustomization): string {
  return c.kind === "changed"
    ? `${c.caption} ${shown(c.value)} (BOM: ${shown(c.bom)})`
    : `(${describeLine(c.line)}) ${c.kind}`;
}

/** The customizations of an order's lines in words, each with its line number. */
export function customizations(current: AssemblyLine[], fresh: AssemblyLine[]): string[] {
  return lineCustomizations(current, fresh).map(
    (c) => `line ${c.lineNo} ${describeCustomization(c)}`
  );
}

/** Fills what a planner may leave blank on an added line: the component's unit and description. */
function completeLines(records: Records, order: BlanketAssemblyOrder): void {
  for (const l of order.lines) {
    if (l.type === "Comment") continue;
    const item = l.type === "Item" ? records.items.get(key(l.no)) : undefined;
    const resource = l.type === "Resource" ? records.resources.get(key(l.no)) : undefined;
    const master = item ?? resource;
    if (!l.unitOfMeasureCode)
      l.unitOfMeasureCode = master?.baseUnitOfMeasure ?? (l.type === "Resource" ? "HOUR" : "PCS");
    if (l.description === undefined && master)
      l.description = (item ? item.description : resource!.name) || undefined;
  }
}

export type RefreshOutcome = "kept" | "rebuilt";

/** What assemble did to one order, for the History sheet. */
export type AssemblyChange =
  | { kind: "created"; order: BlanketAssemblyOrder }
  | { kind: "removed"; order: BlanketAssemblyOrder; why: string }
  | { kind: "rebuilt"; order: BlanketAssemblyOrder; was: string; dropped: string[] }
  | { kind: "followed"; order: BlanketAssemblyOrder; diffs: string[] };

/**
 * Brings an existing order up to date with its blanket line, keeping customizations:
 * quantity and due date follow; a unit change rescales Quantity per; an item change
 * rebuilds from the new BOM with an ASSEMBLY_REBUILT warning naming what was dropped.
 */
export function refreshOrder(
  records: Records,
  order: BlanketAssemblyOrder,
  line: BlanketOrderLine,
  issues: Issue[],
  changes: AssemblyChange[] = []
): RefreshOutcome {
  const diffs = staleness(order, line);
  const newFactor = unitFactor(records, line.no, line.unitOfMeasureCode) ?? 1;
  if (key(order.assemblyItemNo) !== key(line.no)) {
    const oldFactor = unitFactor(records, order.assemblyItemNo, order.assemblyUnitOfMeasure) ?? 1;
    const dropped = records.items.has(key(order.assemblyItemNo))
      ? customizations(order.lines, explodeBom(records, order.assemblyItemNo, oldFactor, 0))
      : [];
    const oldItem = order.assemblyItemNo;
    order.lines = explodeBom(records, line.no, newFactor, line.qtyToAssembleToOrder);
    followBlanketLine(order, line);
    const message = MESSAGES.rebuilt(
      order.assemblyOrderNo,
      line.documentNo,
      String(line.lineNo),
      oldItem || "(blank)",
      line.no,
      dropped
    );
    issues.push(
      issue("ASSEMBLY_REBUILT", at(order, "assemblyItemNo"), message, [
        `blanketAssembly:${key(order.assemblyOrderNo)}`,
      ])
    );
    changes.push({ kind: "rebuilt", order, was: oldItem || "(blank)", dropped });
    return "rebuilt";
  }
  if (key(order.assemblyUnitOfMeasure) !== key(line.unitOfMeasureCode)) {
    const oldFactor = unitFactor(records, line.no, order.assemblyUnitOfMeasure);
    if (oldFactor !== undefined && oldFactor !== newFactor) {
      for (const l of order.lines)
        if (scalesWithQuantity(l))
          l.quantityPer = divQty(mulQty(l.quantityPer, newFactor), oldFactor);
    }
  }
  completeLines(records, order);
  followBlanketLine(order, line);
  if (diffs.length) changes.push({ kind: "followed", order, diffs });
  return "kept";
}

/** An order's first row, or its table for an order not yet on the sheet. */
function at(order: BlanketAssemblyOrder, field: string) {
  return order.sources.length
    ? { source: order.sources[0], field }
    : { table: "blanketAssemblyOrders" as const, field };
}

export interface AssembleOutcome {
  /** The orders to write, existing ones first, in sheet order, then new ones. */
  orders: BlanketAssemblyOrder[];
  created: number;
  kept: number;
  rebuilt: number;
  removed: number;
  /** ASSEMBLY_REBUILT and ASSEMBLY_REMOVED warnings. */
  issues: Issue[];
  /** What was done to each order that changed, in the order done. */
  changes: AssemblyChange[];
}

/** Creates, refreshes and removes blanket assembly orders so each ATO blanket line has exactly one. */
export function assembleOrders(index: BlanketIndex, series: NumberSeries): AssembleOutcome {
  const records = index.records;
  const out: AssembleOutcome = {
    orders: [],
    created: 0,
    kept: 0,
    rebuilt: 0,
    removed: 0,
    issues: [],
    changes: [],
  };
  const claimed = new Set<string>();
  for (const order of records.blanketAssemblyOrders) {
    const line = blanketLineOf(index, order);
    const k = line ? lineKey(line.documentNo, line.lineNo) : "";
    if (!line || line.qtyToAssembleToOrder <= 0 || claimed.has(k)) {
      const why = !line ? "no longer exists" : "no longer assembles to order";
      const message = MESSAGES.removed(
        order.assemblyOrderNo,
        order.blanketOrderNo || "(blank)",
        String(order.blanketOrderLineNo ?? "(blank)"),
        why
      );
      out.issues.push(
        issue("ASSEMBLY_REMOVED", at(order, "assemblyOrderNo"), message, [
          `blanketAssembly:${key(order.assemblyOrderNo)}`,
        ])
      );
      out.removed++;
      out.changes.push({ kind: "removed", order, why });
      continue;
    }
    claimed.add(k);
    out[refreshOrder(records, order, line, out.issues, out.changes)]++;
    out.orders.push(order);
  }
  for (const order of records.blanketOrders.values()) {
    for (const line of order.lines) {
      if (
        line.type !== "Item" ||
        line.qtyToAssembleToOrder <= 0 ||
        claimed.has(lineKey(line.documentNo, line.lineNo))
      )
        continue;
      const created = newOrder(records, line, series.next());
      out.orders.push(created);
      out.changes.push({ kind: "created", order: created });
      out.created++;
    }
  }
  return out;
}

/** A blanket assembly order for a line that has none: its item's BOM, exploded. */
export function newOrder(
  records: Records,
  line: BlanketOrderLine,
  assemblyOrderNo: string
): BlanketAssemblyOrder {
  const factor = unitFactor(records, line.no, line.unitOfMeasureCode) ?? 1;
  const order: BlanketAssemblyOrder = {
    assemblyOrderNo,
    blanketOrderNo: line.documentNo,
    blanketOrderLineNo: line.lineNo,
    assemblyItemNo: line.no,
    assemblyQuantity: line.qtyToAssembleToOrder,
    assemblyUnitOfMeasure: line.unitOfMeasureCode,
    dueDate: line.shipmentDate,
    lines: explodeBom(records, line.no, factor, line.qtyToAssembleToOrder),
    sources: [],
    valid: true,
  };
  followBlanketLine(order, line);
  return order;
}

/**
 * The blanket line an order can follow without assemble (same item, both readable): every
 * write of the sheet brings such an order's derived columns up to date.
 */
export function lineToFollow(
  index: BlanketIndex,
  order: BlanketAssemblyOrder
): BlanketOrderLine | undefined {
  const line = blanketLineOf(index, order);
  if (
    !order.valid ||
    !line ||
    !line.valid ||
    line.qtyToAssembleToOrder <= 0 ||
    key(line.no) !== key(order.assemblyItemNo) ||
    index.blanketAssemblyOrderOf.get(lineKey(line.documentNo, line.lineNo)) !== order
  )
    return undefined;
  return line;
}

/**
 * Assemble-to-Order Lines, as BC's page of that name: the blanket assembly order behind
 * a blanket order line, and the planner's edits of its lines (the customizations).
 * Like BC, an edit is checked when it is made: an unknown item is refused, not written.
 */
import { BlanketIndex, blanketLineOf } from "./blanketIndex";
import {
  describeCustomization,
  explodeBom,
  lineCustomizations,
  lineQuantity,
  refreshOrder,
} from "./blanketAssembly";
import { callOffHistory } from "./callOffHistory";
import {
  AssemblyLine,
  BlanketAssemblyOrder,
  BlanketOrderLine,
  key,
  LineType,
  ResourceUsageType,
} from "./model";
import { formatQty, roundQty } from "./quantity";
import { unitFactor } from "./units";

/** The fields a planner edits, as on BC's Assemble-to-Order Lines page. */
export type EditableField =
  | "type"
  | "no"
  | "description"
  | "variantCode"
  | "quantityPer"
  | "unitOfMeasureCode"
  | "resourceUsageType"
  | "position";

export type AssemblyLineEdit =
  | { kind: "update"; lineNo: number; field: "quantityPer"; value: number }
  | { kind: "update"; lineNo: number; field: "type"; value: LineType }
  | { kind: "update"; lineNo: number; field: "resourceUsageType"; value: ResourceUsageType }
  | {
      kind: "update";
      lineNo: number;
      field: "no" | "description" | "variantCode" | "unitOfMeasureCode" | "position";
      value: string;
    }
  | { kind: "add"; type: LineType; no: string; quantityPer: number }
  | { kind: "remove"; lineNo: number };

/** Why an edit cannot be made, in words for the field it concerns. */
export interface EditRefused {
  error: string;
}

/** Checks that a component exists and its unit is one of its units. */
function checkComponent(index: BlanketIndex, l: AssemblyLine): string | undefined {
  const records = index.records;
  if (l.type === "Item") {
    const item = records.items.get(key(l.no));
    if (!item)
      return `Item ${l.no} is not on the Items sheet. Add it there first, or enter another item.`;
    if (l.unitOfMeasureCode && unitFactor(records, l.no, l.unitOfMeasureCode) === undefined)
      return `Unit of measure ${l.unitOfMeasureCode} is not a unit of item ${item.no}. Use ${item.baseUnitOfMeasure} or add the unit on the Item Units sheet.`;
    if (
      l.variantCode &&
      records.variantsListed &&
      !records.itemVariants.get(key(l.no))?.has(key(l.variantCode))
    )
      return `Variant ${l.variantCode} is not a variant of item ${item.no} on the Item Variants sheet. Add it there first, or enter another variant.`;
  } else if (l.type === "Resource" && records.resourcesListed && !records.resources.has(key(l.no)))
    return `Resource ${l.no} is not on the Resources sheet. Add it there first, or enter another resource.`;
  return undefined;
}

/**
 * Applies an edit to the order (its record), checked first; then the order's derived
 * columns follow its blanket line, as in every write of the sheet.
 */
export function editAssemblyLines(
  index: BlanketIndex,
  order: BlanketAssemblyOrder,
  edit: AssemblyLineEdit
): EditRefused | undefined {
  const records = index.records;
  const lines = order.lines.map((l) => ({ ...l }));
  if (edit.kind === "add") {
    if (edit.type !== "Comment" && !(edit.quantityPer > 0))
      return { error: "Quantity per must be greater than 0." };
    if (edit.type !== "Comment" && !edit.no.trim())
      return { error: `Enter the No. of the ${edit.type === "Item" ? "item" : "resource"}.` };
    const last = lines.reduce((m, l) => Math.max(m, l.lineNo), 0);
    const added: AssemblyLine = {
      lineNo: Math.floor(last / 10000) * 10000 + 10000,
      type: edit.type,
      no: edit.type === "Comment" ? "" : edit.no.trim(),
      quantityPer: edit.type === "Comment" ? 0 : roundQty(edit.quantityPer),
      quantity: 0,
      resourceUsageType: "Direct",
    };
    const error = checkComponent(index, added);
    if (error) return { error };
    lines.push(added);
  } else {
    const at = lines.findIndex((l) => l.lineNo === edit.lineNo);
    if (at < 0)
      return {
        error: `Line ${edit.lineNo} is not on blanket assembly order ${order.assemblyOrderNo}.`,
      };
    if (edit.kind === "remove") {
      if (lines.length === 1)
        return {
          error: `Blanket assembly order ${order.assemblyOrderNo} would have no lines left; set Qty. to Assemble to Order to 0 instead.`,
        };
      lines.splice(at, 1);
    } else {
      const l = lines[at];
      switch (edit.field) {
        case "quantityPer":
          if (l.type === "Comment") return { error: "A comment line has no Quantity per." };
          if (!(edit.value > 0))
            return { error: `Quantity per must be greater than 0, not ${formatQty(edit.value)}.` };
          l.quantityPer = roundQty(edit.value);
          break;
        case "type":
          if (l.type === "Comment" && edit.value !== "Comment")
            return {
              error:
                "A comment line cannot become an item or resource line; remove it and add a new line.",
            };
          l.type = edit.value;
          if (edit.value === "Comment") {
            l.no = "";
            l.quantityPer = 0;
            l.unitOfMeasureCode = undefined;
          }
          if (edit.value !== "Resource") l.resourceUsageType = "Direct";
          break;
        case "resourceUsageType":
          if (l.type !== "Resource")
            return { error: "Resource Usage Type applies to resource lines only." };
          l.resourceUsageType = edit.value;
          break;
        case "no":
          if (l.type === "Comment")
            return { error: "A comment line has no No.; change its Type first." };
          if (!edit.value.trim()) return { error: "No. is required on an item or resource line." };
          l.no = edit.value.trim();
          // A new component starts from its own unit and description.
          l.unitOfMeasureCode = undefined;
          l.description = undefined;
          break;
        default:
          l[edit.field] = edit.value.trim() === "" ? undefined : edit.value;
      }
      const error = l.type === "Comment" ? undefined : checkComponent(index, l);
      if (error) return { error };
    }
  }
  order.lines = lines;
  const line = blanketLineOf(index, order);
  if (
    line &&
    line.valid &&
    line.qtyToAssembleToOrder > 0 &&
    key(line.no) === key(order.assemblyItemNo)
  )
    refreshOrder(records, order, line, []);
  else
    for (const l of order.lines)
      l.quantity = lineQuantity(
        l,
        Number.isNaN(order.assemblyQuantity) ? 0 : order.assemblyQuantity
      );
  return undefined;
}

/** The blanket line's order is missing, or differs from its line: assemble brings it up to date. */
export function needsAssemble(
  order: BlanketAssemblyOrder | undefined,
  line: BlanketOrderLine | undefined
): boolean {
  if (!order) return true;
  if (!line) return false;
  return (
    key(order.assemblyItemNo) !== key(line.no) ||
    order.assemblyQuantity !== line.qtyToAssembleToOrder ||
    key(order.assemblyUnitOfMeasure) !== key(line.unitOfMeasureCode) ||
    (order.dueDate ?? null) !== (line.shipmentDate ?? null)
  );
}

/** What Assemble-to-Order Lines shows of the agreement's history, per line and for the order. */
export interface AgreementHistory {
  /** Per Line No.: how the line differs from the item's BOM ("Quantity per 3 (BOM: 2)"). */
  customized: Map<number, string[]>;
  /** Per Line No.: what earlier call-offs used where it differs from the line now. */
  earlier: Map<number, string[]>;
  /** BOM lines the order no longer has, and lines earlier call-offs had that it no longer has. */
  removed: string[];
  /** How many call-offs were made from the blanket line. */
  callOffs: number;
}

/** The order's customizations against its item's BOM, and what earlier call-offs used. */
export function agreementHistory(
  index: BlanketIndex,
  order: BlanketAssemblyOrder,
  line: BlanketOrderLine | undefined
): AgreementHistory {
  const records = index.records;
  const factor = unitFactor(records, order.assemblyItemNo, order.assemblyUnitOfMeasure) ?? 1;
  const fresh = records.items.has(key(order.assemblyItemNo))
    ? explodeBom(records, order.assemblyItemNo, factor, 0)
    : [];
  const customized = new Map<number, string[]>();
  const removed: string[] = [];
  for (const c of lineCustomizations(order.lines, fresh)) {
    if (c.kind === "removed") removed.push(`BOM line ${c.lineNo} ${describeCustomization(c)}`);
    else {
      const what = c.kind === "added" ? "added (not in the BOM)" : describeCustomization(c);
      customized.set(c.lineNo, [...(customized.get(c.lineNo) ?? []), what]);
    }
  }
  const earlier = new Map<number, string[]>();
  const history = line ? callOffHistory(index, line) : { callOffs: [] };
  const current = new Map(order.lines.map((l) => [l.lineNo, l]));
  for (const callOff of history.callOffs) {
    const so = callOff.salesOrderNo ?? callOff.assemblyOrderNo;
    for (const used of callOff.lines.values()) {
      if (used.type === "Comment") continue;
      const now = current.get(used.lineNo);
      if (!now) {
        removed.push(`line ${used.lineNo} (${used.type} ${used.no}) used by ${so}`);
        continue;
      }
      const diffs: string[] = [];
      if (key(used.no) !== key(now.no)) diffs.push(`No. ${used.no}`);
      if (Number.isFinite(used.quantityPer) && used.quantityPer !== now.quantityPer)
        diffs.push(`Quantity per ${formatQty(used.quantityPer)}`);
      if (
        used.unitOfMeasureCode &&
        now.unitOfMeasureCode &&
        key(used.unitOfMeasureCode) !== key(now.unitOfMeasureCode)
      )
        diffs.push(`unit ${used.unitOfMeasureCode}`);
      if (diffs.length)
        earlier.set(used.lineNo, [
          ...(earlier.get(used.lineNo) ?? []),
          `${so} (${formatQty(callOff.assemblyQuantity)}) used ${diffs.join(", ")}`,
        ]);
    }
  }
  return { customized, earlier, removed, callOffs: history.callOffs.length };
}

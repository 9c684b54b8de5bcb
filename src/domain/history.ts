/**
 * The History sheet's rows: what each writing command did, one row per document created,
 * changed or removed, in a few words. The product only appends them; it never reads them
 * to decide anything. Hosts add when and where the command ran.
 */
import { AssembleOutcome } from "./blanketAssembly";
import { AssemblyLineEdit } from "./assembleToOrderLines";
import { MadeOrder } from "./makeOrder";
import { BlanketAssemblyOrder, BlanketOrder, BlanketOrderLine } from "./model";
import { formatQty } from "./quantity";

export type HistoryDocumentType =
  | "Blanket Order"
  | "Blanket Assembly Order"
  | "Sales Order"
  | "Assembly Order"
  | "Component Forecast";

export interface HistoryEntry {
  command: string;
  documentType: HistoryDocumentType;
  documentNo: string;
  change: string;
}

/** Where a command ran. */
export type HistoryPlace = "Excel" | "bao" | "playground";

const quantityOf = (q: number, unit: string | undefined): string =>
  `${formatQty(q)}${unit ? ` ${unit}` : ""}`;

const ofLine = (o: Pick<BlanketAssemblyOrder, "blanketOrderNo" | "blanketOrderLineNo">) =>
  `${o.blanketOrderNo} line ${o.blanketOrderLineNo ?? "(blank)"}`;

/** A new blanket assembly order, in words. */
export function createdOrder(command: string, o: BlanketAssemblyOrder): HistoryEntry {
  return {
    command,
    documentType: "Blanket Assembly Order",
    documentNo: o.assemblyOrderNo,
    change: `created for ${ofLine(o)}: ${quantityOf(o.assemblyQuantity, o.assemblyUnitOfMeasure)} of ${o.assemblyItemNo}, ${o.lines.length} lines from its BOM`,
  };
}

/** What assemble did to each blanket assembly order. */
export function assembleHistory(command: string, outcome: AssembleOutcome): HistoryEntry[] {
  const out: HistoryEntry[] = [];
  for (const change of outcome.changes) {
    const o = change.order;
    const entry = (text: string): HistoryEntry => ({
      command,
      documentType: "Blanket Assembly Order",
      documentNo: o.assemblyOrderNo,
      change: text,
    });
    if (change.kind === "created") out.push(createdOrder(command, o));
    else if (change.kind === "removed") out.push(entry(`removed: ${ofLine(o)} ${change.why}`));
    else if (change.kind === "rebuilt")
      out.push(
        entry(
          `rebuilt from the BOM of ${o.assemblyItemNo} (was ${change.was})${
            change.dropped.length ? `; dropped ${change.dropped.join("; ")}` : ""
          }`
        )
      );
    else out.push(entry(`follows ${ofLine(o)}: ${change.diffs.join(", ")}`));
  }
  return out;
}

/** Make Order: the sales order, its assembly orders, the blanket assembly orders made, the blanket order. */
export function makeOrderHistory(
  command: string,
  order: BlanketOrder,
  made: Pick<MadeOrder, "salesOrderNo" | "salesLines" | "assemblyOrders" | "created">,
  finishing: boolean,
  orderedAfter: (l: BlanketOrderLine) => number
): HistoryEntry[] {
  const items = made.salesLines.filter((s) => s.type === "Item");
  const calledOff = items
    .map(
      (s) =>
        `${quantityOf(s.quantity, s.unitOfMeasureCode)} of ${order.documentNo} line ${s.lineNo} (${s.no})`
    )
    .join(", ");
  const out: HistoryEntry[] = [];
  if (items.length || !finishing)
    out.push({
      command,
      documentType: "Sales Order",
      documentNo: made.salesOrderNo,
      change: `${finishing ? "finished (an interrupted Make Order had left it incomplete): " : ""}called off ${calledOff || "nothing"}`,
    });
  for (const o of made.created) out.push(createdOrder(command, o));
  for (const ao of made.assemblyOrders)
    out.push({
      command,
      documentType: "Assembly Order",
      documentNo: ao.assemblyOrderNo,
      change: `created for ${made.salesOrderNo} line ${ao.salesOrderLineNo}: ${quantityOf(ao.assemblyQuantity, ao.assemblyUnitOfMeasure)} of ${ao.assemblyItemNo}, ${ao.lines.length} lines`,
    });
  const lines = order.lines.filter((l) => items.some((s) => s.lineNo === l.lineNo));
  if (lines.length)
    out.push({
      command,
      documentType: "Blanket Order",
      documentNo: order.documentNo,
      change: lines
        .map(
          (l) =>
            `line ${l.lineNo}: Quantity Ordered ${formatQty(orderedAfter(l))} of ${quantityOf(l.quantity, l.unitOfMeasureCode)}`
        )
        .join(", "),
    });
  return out;
}

/** A blanket line's cell set by the pane or by import: one row per blanket order. */
/** The blanket line cells a command may set, as the line holds them before. */
const CELL_VALUE = {
  "Qty. to Ship": (l: BlanketOrderLine) => l.qtyToShip || null,
  "Qty. to Assemble to Order": (l: BlanketOrderLine) => l.qtyToAssembleToOrder,
  "Unit Price": (l: BlanketOrderLine) => l.unitPrice ?? null,
  "Unit Cost": (l: BlanketOrderLine) => l.unitCost ?? null,
} as const;

export function blanketCellsHistory(
  command: string,
  field: keyof typeof CELL_VALUE,
  values: ReadonlyMap<BlanketOrderLine, number | null>,
  from?: string
): HistoryEntry[] {
  const byOrder = new Map<string, string[]>();
  for (const [l, v] of values) {
    const was = CELL_VALUE[field](l);
    if (was === v) continue;
    const list = byOrder.get(l.documentNo) ?? [];
    const shown = (q: number | null) => (q === null ? "blank" : formatQty(q));
    list.push(`line ${l.lineNo} ${shown(was)} -> ${shown(v)}`);
    byOrder.set(l.documentNo, list);
  }
  return [...byOrder].map(([documentNo, changes]) => ({
    command,
    documentType: "Blanket Order",
    documentNo,
    change: `${field}${from ? ` from ${from}` : ""}: ${changes.join(", ")}`,
  }));
}

/** An edit made in Assemble-to-Order Lines. */
export function editHistory(
  command: string,
  order: BlanketAssemblyOrder,
  edit: AssemblyLineEdit,
  before: string | undefined
): HistoryEntry {
  const caption: Record<string, string> = {
    type: "Type",
    no: "No.",
    description: "Description",
    variantCode: "Variant Code",
    quantityPer: "Quantity per",
    unitOfMeasureCode: "Unit of Measure Code",
    resourceUsageType: "Resource Usage Type",
    position: "Position",
  };
  const change =
    edit.kind === "add"
      ? `line added: ${edit.type} ${edit.no}, Quantity per ${formatQty(edit.quantityPer)}`
      : edit.kind === "remove"
        ? `line ${edit.lineNo} removed${before ? ` (${before})` : ""}`
        : `line ${edit.lineNo} ${caption[edit.field]} ${before ?? "blank"} -> ${
            typeof edit.value === "number" ? formatQty(edit.value) : edit.value || "blank"
          }`;
  return {
    command,
    documentType: "Blanket Assembly Order",
    documentNo: order.assemblyOrderNo,
    change,
  };
}

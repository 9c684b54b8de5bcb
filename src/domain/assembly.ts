/**
 * Blanket assembly orders (rules.md section 2): BOM explosion, refresh that keeps the
 * planner's customizations, rebuild on item change, removal of orphans.
 */
import type { ParsedWorkbook } from "../workbook/parse";
import { Analysis, lineKey, unitFactor } from "./analysis";
import { IssueLog, key, MESSAGES } from "./issues";
import { AssemblyLine, BlanketAssemblyOrder, BlanketLine } from "./model";
import { divQty, formatQty, mulQty } from "./quantity";
import { NumberSeries } from "./numberSeries";
import { cellRef } from "../workbook/grid";

/** `Quantity` of an assembly line: per header unit for items and Direct resources, once for Fixed. */
export function lineQuantity(
  l: Pick<AssemblyLine, "type" | "usage" | "qtyPer">,
  asmQty: number
): number {
  if (l.type === "Comment") return 0;
  if (l.type === "Resource" && l.usage === "Fixed") return l.qtyPer;
  return mulQty(l.qtyPer, asmQty);
}

const scalesWithUnit = (l: AssemblyLine): boolean =>
  l.type === "Item" || (l.type === "Resource" && l.usage === "Direct");

/** One assembly line per BOM line, one level, as BC explodes an assembly BOM. */
export function explodeBom(
  wb: ParsedWorkbook,
  itemNo: string,
  headerFactor: number,
  asmQty: number
): AssemblyLine[] {
  const bom = wb.boms.get(key(itemNo)) ?? [];
  return bom.map((b, i) => {
    const item = b.type === "Item" ? wb.items.get(key(b.no)) : undefined;
    const resource = b.type === "Resource" ? wb.resources.get(key(b.no)) : undefined;
    const line: AssemblyLine = {
      lineNo: (i + 1) * 10000,
      type: b.type,
      no: b.no,
      description: b.description ?? (item?.description || resource?.name || undefined),
      variant: b.variant,
      qtyPer:
        b.type === "Comment"
          ? 0
          : b.type === "Resource" && b.usage === "Fixed"
            ? b.qtyPer
            : mulQty(b.qtyPer, headerFactor),
      quantity: 0,
      uom:
        b.type === "Comment"
          ? undefined
          : (b.uom ??
            item?.baseUom ??
            resource?.baseUom ??
            (b.type === "Resource" ? "HOUR" : "PCS")),
      usage: b.type === "Resource" ? b.usage : "Direct",
      position: b.position,
    };
    line.quantity = lineQuantity(line, asmQty);
    return line;
  });
}

/** Sets header and derived quantities of an order from its blanket line. */
export function applyHeader(bao: BlanketAssemblyOrder, line: BlanketLine): void {
  bao.blanketDocNo = line.docNo;
  bao.blanketLineNo = line.lineNo;
  bao.itemNo = line.no;
  bao.asmQty = line.qtyToAto;
  bao.asmUom = line.uom;
  bao.dueDate = line.shipmentDate;
  for (const l of bao.lines) l.quantity = lineQuantity(l, bao.asmQty);
}

/** The customizations an order has compared with a fresh explosion of its BOM. */
export function customizations(current: AssemblyLine[], fresh: AssemblyLine[]): string[] {
  const out: string[] = [];
  const freshByNo = new Map(fresh.map((l) => [l.lineNo, l]));
  const fields: [keyof AssemblyLine, string][] = [
    ["type", "Type"],
    ["no", "No."],
    ["description", "Description"],
    ["variant", "Variant Code"],
    ["qtyPer", "Quantity per"],
    ["uom", "Unit of Measure Code"],
    ["usage", "Resource Usage Type"],
    ["position", "Position"],
  ];
  const show = (v: unknown): string =>
    v === undefined || v === "" ? "(blank)" : typeof v === "number" ? formatQty(v) : String(v);
  for (const l of current) {
    const f = freshByNo.get(l.lineNo);
    if (!f) {
      out.push(
        `line ${l.lineNo} (${l.type === "Comment" ? "comment" : `${l.type} ${l.no}`}) added`
      );
      continue;
    }
    for (const [field, caption] of fields) {
      const a = l[field];
      const b = f[field];
      const same =
        typeof a === "string" && typeof b === "string"
          ? key(a) === key(b)
          : (a ?? "") === (b ?? "");
      if (!same) out.push(`line ${l.lineNo} ${caption} ${show(a)} (BOM: ${show(b)})`);
    }
  }
  const currentNos = new Set(current.map((l) => l.lineNo));
  for (const f of fresh)
    if (!currentNos.has(f.lineNo))
      out.push(
        `line ${f.lineNo} (${f.type === "Comment" ? "comment" : `${f.type} ${f.no}`}) removed`
      );
  return out;
}

/** Fills what a planner may leave blank on an added line: the component's unit and description. */
function completeLines(wb: ParsedWorkbook, bao: BlanketAssemblyOrder): void {
  for (const l of bao.lines) {
    if (l.type === "Comment") continue;
    const master = l.type === "Item" ? wb.items.get(key(l.no)) : wb.resources.get(key(l.no));
    if (!l.uom) l.uom = master?.baseUom ?? (l.type === "Resource" ? "HOUR" : "PCS");
    if (l.description === undefined && master)
      l.description = ("description" in master ? master.description : master.name) || undefined;
  }
}

export type RefreshOutcome = "kept" | "rebuilt";

/**
 * Brings an existing order up to date with its blanket line, keeping customizations:
 * quantity and due date follow; a unit change rescales Quantity per; an item change
 * rebuilds from the new BOM with a warning naming what was dropped.
 */
export function refreshOrder(
  wb: ParsedWorkbook,
  bao: BlanketAssemblyOrder,
  line: BlanketLine,
  log: IssueLog
): RefreshOutcome {
  const newFactor = unitFactor(wb, line.no, line.uom) ?? 1;
  if (key(bao.itemNo) !== key(line.no)) {
    const oldFactor = unitFactor(wb, bao.itemNo, bao.asmUom) ?? 1;
    const dropped = wb.items.has(key(bao.itemNo))
      ? customizations(bao.lines, explodeBom(wb, bao.itemNo, oldFactor, 0))
      : [];
    const oldItem = bao.itemNo;
    bao.lines = explodeBom(wb, line.no, newFactor, line.qtyToAto);
    applyHeader(bao, line);
    const t = wb.tables.bao;
    log.add(
      "ASSEMBLY_REBUILT",
      t.sheet,
      cellRef(t.cols.get("itemNo") ?? 0, bao.rows[0] ?? 1),
      MESSAGES.rebuilt(
        bao.aoNo,
        line.docNo,
        String(line.lineNo),
        oldItem || "(blank)",
        line.no,
        dropped
      ),
      [`bao:${key(bao.aoNo)}`]
    );
    return "rebuilt";
  }
  if (key(bao.asmUom) !== key(line.uom)) {
    const oldFactor = unitFactor(wb, line.no, bao.asmUom);
    if (oldFactor !== undefined && oldFactor !== newFactor) {
      for (const l of bao.lines)
        if (scalesWithUnit(l)) l.qtyPer = divQty(mulQty(l.qtyPer, newFactor), oldFactor);
    }
  }
  completeLines(wb, bao);
  applyHeader(bao, line);
  return "kept";
}

export interface AssembleOutcome {
  orders: BlanketAssemblyOrder[];
  created: number;
  kept: number;
  rebuilt: number;
  removed: number;
}

/** Creates, refreshes and removes blanket assembly orders so each ATO blanket line has exactly one. */
export function assembleOrders(a: Analysis, series: NumberSeries, log: IssueLog): AssembleOutcome {
  const wb = a.wb;
  const out: AssembleOutcome = { orders: [], created: 0, kept: 0, rebuilt: 0, removed: 0 };
  const claimed = new Set<string>();
  for (const bao of wb.baos) {
    const k =
      bao.blanketDocNo && bao.blanketLineNo !== undefined
        ? lineKey(bao.blanketDocNo, bao.blanketLineNo)
        : "";
    const line = k ? a.blanketLines.get(k) : undefined;
    if (!line || line.qtyToAto <= 0 || claimed.has(k)) {
      const t = wb.tables.bao;
      const why = !line ? "no longer exists" : "no longer assembles to order";
      log.add(
        "ASSEMBLY_REMOVED",
        t.sheet,
        cellRef(t.cols.get("aoNo") ?? 0, bao.rows[0] ?? 1),
        MESSAGES.removed(
          bao.aoNo,
          bao.blanketDocNo || "(blank)",
          String(bao.blanketLineNo ?? "(blank)"),
          why
        ),
        [`bao:${key(bao.aoNo)}`]
      );
      out.removed++;
      continue;
    }
    claimed.add(k);
    const outcome = refreshOrder(wb, bao, line, log);
    out[outcome]++;
    out.orders.push(bao);
  }
  for (const order of wb.blanketOrders.values()) {
    for (const line of order.lines) {
      if (
        line.type !== "Item" ||
        line.qtyToAto <= 0 ||
        claimed.has(lineKey(line.docNo, line.lineNo))
      )
        continue;
      out.orders.push(newOrder(wb, line, series.next()));
      out.created++;
    }
  }
  return out;
}

export function newOrder(
  wb: ParsedWorkbook,
  line: BlanketLine,
  aoNo: string
): BlanketAssemblyOrder {
  const factor = unitFactor(wb, line.no, line.uom) ?? 1;
  const bao: BlanketAssemblyOrder = {
    aoNo,
    blanketDocNo: line.docNo,
    blanketLineNo: line.lineNo,
    itemNo: line.no,
    asmQty: line.qtyToAto,
    asmUom: line.uom,
    dueDate: line.shipmentDate,
    lines: explodeBom(wb, line.no, factor, line.qtyToAto),
    rows: [],
    valid: true,
  };
  applyHeader(bao, line);
  return bao;
}

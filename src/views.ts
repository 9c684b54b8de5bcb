/**
 * What the task pane shows and the small edits it makes, computed from grids by the
 * engine: blanket order overviews, the blanket assembly order behind a selected line,
 * Qty. to Ship entry, the ATO_PARTIAL fix and edits of assembly lines. Pure, like the engine.
 */
import { analyse, lineKey, quantityOrdered } from "./domain/analysis";
import { lineQuantity, refreshOrder } from "./domain/assembly";
import { Issue, IssueLog, key } from "./domain/issues";
import {
  AssemblyLine,
  BlanketAssemblyOrder,
  BlanketLine,
  LineType,
  UsageType,
} from "./domain/model";
import { formatQty, roundQty, subQty } from "./domain/quantity";
import { blanketAssemblySheet, validate } from "./engine";
import { CellValue, cellRef, findSheet, parseCellRef, WorkbookGrids } from "./workbook/grid";
import { ParsedWorkbook, parseWorkbook } from "./workbook/parse";
import { columnUpdates } from "./workbook/render";
import { BLANKET_ASSEMBLY_ORDERS, BLANKET_ORDERS, column } from "./workbook/schema";
import { TableWrite, WritePlan } from "./workbook/writePlan";

export interface BlanketLineView {
  lineNo: number;
  type: "Item" | "Comment";
  no: string;
  description: string;
  quantity: number;
  uom: string;
  quantityOrdered: number;
  remaining: number;
  qtyToShip: number;
  assembleToOrder: boolean;
  shipmentDate?: number;
  /** Share of the Quantity called off so far, 0..1. */
  calledOff: number;
  /** Sheet and cell of the line's Qty. to Ship. */
  sheet: string;
  row: number;
}

export interface BlanketOrderView {
  docNo: string;
  /** The earliest shipment date of a line with quantity still to call off. */
  nextShipment?: number;
  customerNo: string;
  customerName?: string;
  externalDocNo?: string;
  lines: BlanketLineView[];
  /** Sum of the item lines' Remaining Quantity (each in its own unit). */
  remaining: number;
}

export function blanketOrders(grids: WorkbookGrids): BlanketOrderView[] {
  const wb = parseWorkbook(grids);
  const a = analyse(wb);
  return [...wb.blanketOrders.values()].map((o) => {
    const lines = o.lines.map((l): BlanketLineView => {
      const ordered = l.type === "Item" ? quantityOrdered(a, l) : 0;
      return {
        lineNo: l.lineNo,
        type: l.type,
        no: l.no,
        description: l.description,
        quantity: l.quantity,
        uom: l.uom,
        quantityOrdered: ordered,
        remaining: l.type === "Item" ? subQty(l.quantity, ordered) : 0,
        qtyToShip: l.qtyToShip,
        assembleToOrder: l.qtyToAto > 0,
        shipmentDate: l.shipmentDate,
        calledOff: l.type === "Item" && l.quantity > 0 ? Math.min(1, ordered / l.quantity) : 0,
        sheet: wb.tables.blanket.sheet,
        row: l.row,
      };
    });
    let remaining = 0;
    for (const l of lines) if (l.type === "Item") remaining = roundQty(remaining + l.remaining);
    return {
      docNo: o.docNo,
      customerNo: o.customerNo,
      customerName: o.customerName,
      externalDocNo: o.externalDocNo,
      lines,
      remaining,
      nextShipment: nextShipmentOf(lines),
    };
  });
}

/** The earliest shipment date among lines with quantity still to call off. */
function nextShipmentOf(lines: BlanketLineView[]): number | undefined {
  let next: number | undefined;
  for (const l of lines) {
    if (l.type !== "Item" || l.remaining <= 0 || l.shipmentDate === undefined) continue;
    if (next === undefined || l.shipmentDate < next) next = l.shipmentDate;
  }
  return next;
}

/** Sets (or clears, with null) a line's Qty. to Ship on the Blanket Orders sheet. */
export function setQtyToShip(
  grids: WorkbookGrids,
  docNo: string,
  lineNo: number,
  qty: number | null
): WritePlan | undefined {
  const wb = parseWorkbook(grids);
  const line = wb.blanketOrders.get(key(docNo))?.lines.find((l) => l.lineNo === lineNo);
  if (!line) return undefined;
  const t = wb.tables.blanket;
  const spec = column(BLANKET_ORDERS, "qtyToShip");
  return {
    writes: [
      columnUpdates(
        t,
        [
          {
            key: "qtyToShip",
            header: spec.header,
            format: "quantity",
            values: new Map([[line.row, qty]]),
          },
        ],
        false
      ),
    ],
  };
}

/** The fix for ATO_PARTIAL at a cell: Qty. to Assemble to Order = the full Quantity. */
export function fixAtoPartial(
  grids: WorkbookGrids,
  issue: Pick<Issue, "code" | "sheet" | "cell">
): { plan: WritePlan; quantity: number } | undefined {
  if (issue.code !== "ATO_PARTIAL") return undefined;
  const wb = parseWorkbook(grids);
  const at = parseCellRef(issue.cell);
  const t = wb.tables.blanket;
  if (!at || t.sheet.toLowerCase() !== issue.sheet.toLowerCase()) return undefined;
  const line = findLineAtRow(wb, at.row);
  if (!line || line.type !== "Item" || line.quantity <= 0) return undefined;
  const spec = column(BLANKET_ORDERS, "qtyToAto");
  const plan = {
    writes: [
      columnUpdates(
        t,
        [
          {
            key: "qtyToAto",
            header: spec.header,
            format: "quantity",
            values: new Map([[line.row, line.quantity]]),
          },
        ],
        false
      ),
    ],
  };
  return { plan, quantity: line.quantity };
}

function findLineAtRow(wb: ParsedWorkbook, row: number): BlanketLine | undefined {
  for (const o of wb.blanketOrders.values()) for (const l of o.lines) if (l.row === row) return l;
  return undefined;
}

export interface AssemblyOrderView {
  aoNo?: string;
  blanketDocNo: string;
  blanketLineNo: number;
  itemNo: string;
  description: string;
  asmQty: number;
  asmUom: string;
  dueDate?: number;
  lines: AssemblyLine[];
  /** The order's rows on the Blanket Assembly Orders sheet, for Show Document. */
  sheet: string;
  address?: string;
  /** The order is out of date with its line, or missing: Assemble brings it up to date. */
  needsAssemble: boolean;
  issues: Issue[];
}

/**
 * The blanket assembly order behind a selection: a Blanket Orders row whose line
 * assembles to order, or a row of the Blanket Assembly Orders sheet.
 */
export function assemblyOrderAt(
  grids: WorkbookGrids,
  sheet: string,
  row: number
): AssemblyOrderView | undefined {
  const wb = parseWorkbook(grids);
  const a = analyse(wb);
  let bao: BlanketAssemblyOrder | undefined;
  let line: BlanketLine | undefined;
  if (sheet.toLowerCase() === wb.tables.blanket.sheet.toLowerCase()) {
    line = findLineAtRow(wb, row);
    if (!line || line.type !== "Item" || line.qtyToAto <= 0) return undefined;
    bao = a.baoByLine.get(lineKey(line.docNo, line.lineNo));
  } else if (wb.has.bao && sheet.toLowerCase() === wb.tables.bao.sheet.toLowerCase()) {
    bao = wb.baos.find((b) => b.rows.includes(row));
    if (!bao) return undefined;
    line =
      bao.blanketLineNo !== undefined
        ? a.blanketLines.get(lineKey(bao.blanketDocNo, bao.blanketLineNo))
        : undefined;
  } else return undefined;
  const item = wb.items.get(key(line?.no ?? bao?.itemNo ?? ""));
  const v = validate(grids);
  const issues = bao
    ? v.issues.filter(
        (i) =>
          i.sheet.toLowerCase() === wb.tables.bao.sheet.toLowerCase() &&
          bao!.rows.includes(parseCellRef(i.cell)?.row ?? -1)
      )
    : [];
  const stale =
    !bao ||
    (line !== undefined &&
      (key(bao.itemNo) !== key(line.no) ||
        bao.asmQty !== line.qtyToAto ||
        key(bao.asmUom) !== key(line.uom) ||
        (bao.dueDate ?? null) !== (line.shipmentDate ?? null)));
  return {
    aoNo: bao?.aoNo,
    blanketDocNo: line?.docNo ?? bao!.blanketDocNo,
    blanketLineNo: line?.lineNo ?? bao!.blanketLineNo ?? 0,
    itemNo: line?.no ?? bao!.itemNo,
    description: item?.description ?? "",
    asmQty: line?.qtyToAto ?? bao!.asmQty,
    asmUom: line?.uom ?? bao!.asmUom,
    dueDate: line?.shipmentDate ?? bao?.dueDate,
    lines: (bao?.lines ?? []).map((l) => ({
      ...l,
      quantity: lineQuantity(l, line?.qtyToAto ?? bao!.asmQty),
    })),
    sheet: wb.tables.bao.sheet,
    address:
      bao && bao.rows.length
        ? `A${Math.min(...bao.rows)}:${cellRef(BLANKET_ASSEMBLY_ORDERS.columns.length - 1, Math.max(...bao.rows))}`
        : undefined,
    needsAssemble: stale,
    issues,
  };
}

/** The editable fields of an assembly line, as on BC's Assemble-to-Order Lines page. */
export type EditableField =
  "type" | "no" | "description" | "variant" | "qtyPer" | "uom" | "usage" | "position";

export type AssemblyEdit =
  | { kind: "update"; lineNo: number; field: EditableField; value: string }
  | { kind: "add"; type: LineType; no: string; qtyPer: number }
  | { kind: "remove"; lineNo: number };

export interface EditResult {
  plan?: WritePlan;
  /** Why the edit was not made, for the pane to show beside the field. */
  error?: string;
}

/**
 * Applies an edit to one blanket assembly order: the changed cell, an added row or a
 * removed row, then the order's Quantity column recomputed. Other orders stay as they are.
 */
export function editAssemblyOrder(
  grids: WorkbookGrids,
  aoNo: string,
  edit: AssemblyEdit
): EditResult {
  const wb = parseWorkbook(grids);
  const bao = wb.baos.find((b) => key(b.aoNo) === key(aoNo));
  const t = wb.tables.bao;
  const sheetGrid = findSheet(grids, t.sheet);
  if (!bao || !sheetGrid) return { error: `Blanket assembly order ${aoNo} is not on the sheet.` };
  const rows = sheetGrid.rows.map((r) => [...r]);
  const col = (k: string): number => t.cols.get(k) ?? -1;
  const set = (row: number, k: string, v: CellValue): void => {
    const c = col(k);
    if (c < 0) return;
    while (rows[row - 1].length <= c) rows[row - 1].push(null);
    rows[row - 1][c] = v;
  };
  if (edit.kind === "update" || edit.kind === "remove") {
    const line = bao.lines.find((l) => l.lineNo === edit.lineNo);
    if (!line || line.row === undefined)
      return { error: `Line ${edit.lineNo} is not on blanket assembly order ${aoNo}.` };
    if (edit.kind === "remove") rows.splice(line.row - 1, 1);
    else {
      const checked = checkField(edit.field, edit.value);
      if ("error" in checked) return { error: checked.error };
      set(line.row, edit.field, checked.value);
    }
  } else {
    if (!(edit.qtyPer > 0)) return { error: "Quantity per must be greater than 0." };
    const row: CellValue[] = new Array(t.width).fill(null);
    rows.splice(Math.max(...bao.rows), 0, row);
    const r = Math.max(...bao.rows) + 1;
    set(r, "aoNo", bao.aoNo);
    set(r, "type", edit.type === "Comment" ? null : edit.type);
    set(r, "no", edit.no || null);
    set(r, "qtyPer", edit.type === "Comment" ? null : edit.qtyPer);
    if (edit.type === "Resource") set(r, "usage", "Direct");
  }
  const edited: WorkbookGrids = {
    sheets: grids.sheets.map((s) => (s === sheetGrid ? { name: s.name, rows } : s)),
  };
  const after = parseWorkbook(edited);
  const a = analyse(after);
  const target = after.baos.find((b) => key(b.aoNo) === key(aoNo));
  if (!target)
    return {
      error: `Blanket assembly order ${aoNo} would have no lines left; set Qty. to Assemble to Order to 0 instead.`,
    };
  const line =
    target.blanketLineNo !== undefined
      ? a.blanketLines.get(lineKey(target.blanketDocNo, target.blanketLineNo))
      : undefined;
  // Derived columns follow the blanket line, as in every write of the sheet.
  if (line?.valid && line.qtyToAto > 0 && key(line.no) === key(target.itemNo))
    refreshOrder(after, target, line, new IssueLog());
  else
    for (const l of target.lines)
      l.quantity = lineQuantity(l, Number.isNaN(target.asmQty) ? 0 : target.asmQty);
  const write = blanketAssemblySheet(
    after,
    (b) => (b === target ? "render" : "keep"),
    []
  ) as TableWrite;
  // Rows removed from the copy still hold values on the real sheet: clear them too.
  write.previousRows = Math.max(
    write.previousRows,
    t.rows.length ? t.rows[t.rows.length - 1].row - t.headerRow + 1 : 0
  );
  return { plan: { writes: [write] } };
}

const OPTION_FIELDS: Partial<Record<EditableField, readonly string[]>> = {
  type: ["Item", "Resource", ""],
  usage: ["Direct", "Fixed"],
};

/** Parses a typed value for a field: a number for Quantity per, an option, or text. */
function checkField(field: EditableField, value: string): { value: CellValue } | { error: string } {
  const text = value.trim();
  if (field === "qtyPer") {
    if (!/^[+-]?(\d+(\.\d*)?|\.\d+)$/.test(text))
      return { error: `'${value}' is not a number. Enter a Quantity per such as 2 or 0.5.` };
    const n = roundQty(Number(text));
    if (!(n > 0)) return { error: `Quantity per must be greater than 0, not ${formatQty(n)}.` };
    return { value: n };
  }
  const options = OPTION_FIELDS[field];
  if (options) {
    const found = options.find((o) => o.toLowerCase() === text.toLowerCase());
    if (found === undefined)
      return { error: `'${value}' is not one of ${options.filter(Boolean).join(", ")}.` };
    return { value: found || null };
  }
  return { value: text === "" ? null : value };
}

/** Rows of a document on a product sheet (a sales order, an assembly order), for a link that selects them. */
export function documentAddress(
  grids: WorkbookGrids,
  sheetName: string,
  header: string,
  docNo: string
): string | undefined {
  const sheet = findSheet(grids, sheetName);
  if (!sheet || !sheet.rows.length) return undefined;
  const c = sheet.rows[0].findIndex((h) => typeof h === "string" && h === header);
  if (c < 0) return undefined;
  let first = -1;
  let last = -1;
  sheet.rows.forEach((r, i) => {
    if (i > 0 && typeof r[c] === "string" && key(r[c] as string) === key(docNo)) {
      if (first < 0) first = i + 1;
      last = i + 1;
    }
  });
  if (first < 0) return undefined;
  return `A${first}:${cellRef(Math.max(0, sheet.rows[0].length - 1), last)}`;
}

export type { UsageType };

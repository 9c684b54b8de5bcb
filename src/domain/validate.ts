/** Cross-sheet validation (rules.md section 1), after parsing's one-sheet checks. */
import type { ParsedWorkbook } from "../workbook/parse";
import { cellRef } from "../workbook/grid";
import { serialToIso } from "../workbook/table";
import { Analysis, analyse, lineKey, quantityOrdered, unitFactor } from "./analysis";
import { key, MESSAGES } from "./issues";
import { AssemblyLine, BlanketAssemblyOrder, BlanketLine } from "./model";
import { compareQty, formatQty, MAX_COMPUTED, subQty } from "./quantity";

/** Checks a component (BOM line or assembly line) against the master data. */
function checkComponent(
  wb: ParsedWorkbook,
  sheet: string,
  c: Pick<AssemblyLine, "type" | "no" | "uom">,
  refOf: (col: string) => string,
  what: string,
  scope: string[]
): void {
  if (c.type === "Item") {
    if (!wb.items.has(key(c.no))) {
      wb.log.add("UNKNOWN_ITEM", sheet, refOf("no"), MESSAGES.unknownItem(what, c.no), scope);
    } else if (c.uom && unitFactor(wb, c.no, c.uom) === undefined) {
      const item = wb.items.get(key(c.no))!;
      wb.log.add(
        "UNKNOWN_UOM",
        sheet,
        refOf("uom"),
        MESSAGES.unknownUom(what, c.uom, item.no, item.baseUom),
        scope
      );
    }
  } else if (c.type === "Resource" && wb.has.resources && !wb.resources.has(key(c.no))) {
    wb.log.add("UNKNOWN_RESOURCE", sheet, refOf("no"), MESSAGES.unknownResource(what, c.no), scope);
  }
}

function refIn(
  wb: ParsedWorkbook,
  table: keyof ParsedWorkbook["tables"],
  row: number
): (col: string) => string {
  const t = wb.tables[table];
  return (col) => cellRef(t.cols.get(col) ?? 0, row);
}

function checkBoms(wb: ParsedWorkbook): void {
  const sheet = wb.tables.boms.sheet;
  const itemsReadable = wb.tables.items.cols.has("no");
  for (const [parentKey, lines] of wb.boms) {
    const scope = [`bom:${parentKey}`];
    for (const l of lines) {
      const ref = refIn(wb, "boms", l.row);
      const what = `Assembly BOM of ${l.parentNo} line ${l.lineNo ?? `(row ${l.row})`}`;
      if (itemsReadable) checkComponent(wb, sheet, l, ref, what, scope);
    }
  }
  // Parents: each row names its parent, report once per parent.
  if (itemsReadable) {
    for (const [parentKey, lines] of wb.boms) {
      if (!wb.items.has(parentKey) && lines.length) {
        const l = lines[0];
        wb.log.add(
          "UNKNOWN_ITEM",
          sheet,
          refIn(wb, "boms", l.row)("parentNo"),
          MESSAGES.unknownItem(`Assembly BOM of ${l.parentNo}`, l.parentNo),
          [`bom:${parentKey}`]
        );
      }
    }
  }
  checkCycles(wb);
}

/** Depth-first search over "has an assembly BOM with this item component", reporting each cycle once. */
function checkCycles(wb: ParsedWorkbook): void {
  const state = new Map<string, 1 | 2>(); // 1 = on the current path, 2 = done
  const reported = new Set<string>();
  for (const start of wb.boms.keys()) {
    if (state.has(start)) continue;
    const path: string[] = [];
    const stack: { node: string; next: number }[] = [{ node: start, next: 0 }];
    state.set(start, 1);
    path.push(start);
    while (stack.length) {
      const top = stack[stack.length - 1];
      const lines = wb.boms.get(top.node) ?? [];
      if (top.next >= lines.length) {
        state.set(top.node, 2);
        stack.pop();
        path.pop();
        continue;
      }
      const line = lines[top.next++];
      if (line.type !== "Item") continue;
      const child = key(line.no);
      if (!wb.boms.has(child)) continue;
      const s = state.get(child);
      if (s === 1) {
        const cycle = path.slice(path.indexOf(child));
        const rotation = cycle.indexOf([...cycle].sort()[0]);
        const canonical = [...cycle.slice(rotation), ...cycle.slice(0, rotation)].join("\u0000");
        if (!reported.has(canonical)) {
          reported.add(canonical);
          const names = [...cycle, child].map(
            (k) => wb.items.get(k)?.no ?? wb.boms.get(k)?.[0]?.parentNo ?? k
          );
          wb.log.add(
            "BOM_CYCLE",
            wb.tables.boms.sheet,
            refIn(wb, "boms", line.row)("no"),
            MESSAGES.bomCycle(names),
            cycle.map((k) => `bom:${k}`)
          );
        }
      } else if (s === undefined) {
        state.set(child, 1);
        path.push(child);
        stack.push({ node: child, next: 0 });
      }
    }
  }
}

function checkBlanketLines(a: Analysis): void {
  const wb = a.wb;
  const t = wb.tables.blanket;
  const itemsReadable = wb.tables.items.cols.has("no");
  for (const order of wb.blanketOrders.values()) {
    const scope = [`blanket:${key(order.docNo)}`];
    const callOffScope = [`calloff:${key(order.docNo)}`];
    for (const l of order.lines) {
      if (l.type !== "Item") continue;
      const ref = refIn(wb, "blanket", l.row);
      const what = `Blanket order ${l.docNo} line ${l.lineNo}`;
      const item = wb.items.get(key(l.no));
      if (!item) {
        if (itemsReadable)
          wb.log.add("UNKNOWN_ITEM", t.sheet, ref("no"), MESSAGES.unknownItem(what, l.no), scope);
        l.valid = false;
        continue;
      }
      const factor = unitFactor(wb, l.no, l.uom);
      if (factor === undefined) {
        wb.log.add(
          "UNKNOWN_UOM",
          t.sheet,
          ref("uom"),
          MESSAGES.unknownUom(what, l.uom, item.no, item.baseUom),
          scope
        );
        l.valid = false;
        continue;
      }
      if (l.qtyToAto > 0 && !wb.boms.get(key(l.no))?.length) {
        wb.log.add(
          "BOM_MISSING",
          t.sheet,
          ref("qtyToAto"),
          MESSAGES.bomMissing(l.docNo, String(l.lineNo), item.no),
          scope
        );
        l.valid = false;
      }
      if (l.valid) checkComputedSize(a, l, ref, scope);
      // Call-off checks need only a readable Quantity, so they join other errors of the line.
      if (l.quantity <= 0) continue;
      const ordered = quantityOrdered(a, l);
      if (compareQty(ordered, l.quantity) > 0) {
        wb.log.add(
          "OVER_ORDERED",
          t.sheet,
          ref("quantity"),
          MESSAGES.overOrdered(
            l.docNo,
            String(l.lineNo),
            formatQty(ordered),
            formatQty(l.quantity)
          ),
          callOffScope
        );
      } else if (l.qtyToShip > 0 && compareQty(l.qtyToShip, subQty(l.quantity, ordered)) > 0) {
        wb.log.add(
          "OVER_CALL_OFF",
          t.sheet,
          ref("qtyToShip"),
          overCallOffMessage(l, ordered),
          callOffScope
        );
      }
    }
  }
}

export function overCallOffMessage(l: BlanketLine, ordered: number): string {
  const possible = subQty(l.quantity, ordered);
  return MESSAGES.overCallOff(
    l.no,
    l.docNo,
    String(l.lineNo),
    formatQty(possible),
    formatQty(l.quantity),
    formatQty(ordered)
  );
}

/**
 * A computed quantity or amount beyond what Excel holds is QTY_INVALID at the input cell
 * that drove it: Quantity for base and component quantities, Unit Price for the amount.
 */
function checkComputedSize(
  a: Analysis,
  l: BlanketLine,
  refOf: (col: string) => string,
  scope: string[]
): void {
  const wb = a.wb;
  const what = `Blanket order ${l.docNo} line ${l.lineNo}`;
  const factor = unitFactor(wb, l.no, l.uom) ?? 1;
  const tooLarge = (col: string, result: string): void => {
    wb.log.add(
      "QTY_INVALID",
      wb.tables.blanket.sheet,
      refOf(col),
      MESSAGES.qtyTooLarge(what, result),
      scope
    );
    l.valid = false;
  };
  if (Math.abs(l.quantity * factor) > MAX_COMPUTED)
    return tooLarge("quantity", "quantity in base units");
  if (Math.abs(l.quantity * (l.unitPrice ?? 0)) > MAX_COMPUTED)
    return tooLarge("unitPrice", "line amount");
  if (l.qtyToAto <= 0) return;
  const bao = a.baoByLine.get(lineKey(l.docNo, l.lineNo));
  const perUnit = bao
    ? bao.lines.map((x) => x.qtyPer)
    : (wb.boms.get(key(l.no)) ?? []).map((b) => b.qtyPer * factor);
  let biggest = 0;
  for (const q of perUnit) biggest = Math.max(biggest, Math.abs(q));
  if (biggest * Math.abs(l.qtyToAto) > MAX_COMPUTED) tooLarge("quantity", "component quantity");
}

function checkSalesLinks(a: Analysis): void {
  const wb = a.wb;
  for (const s of wb.salesLines) {
    if (!s.blanketDocNo || s.blanketLineNo === undefined) continue;
    if (!a.blanketLines.has(lineKey(s.blanketDocNo, s.blanketLineNo))) {
      const ref = refIn(wb, "sales", s.row);
      wb.log.add(
        "BLANKET_LINE_NOT_FOUND",
        wb.tables.sales.sheet,
        ref("blanketLineNo"),
        MESSAGES.blanketLineNotFound(
          s.docNo,
          String(s.lineNo),
          s.blanketDocNo,
          String(s.blanketLineNo)
        ),
        [`sales:${key(s.blanketDocNo)}`]
      );
    }
  }
}

/** What differs between a blanket assembly order's header and its blanket line, if anything. */
export function staleness(bao: BlanketAssemblyOrder, l: BlanketLine): string[] {
  const diffs: string[] = [];
  if (key(bao.itemNo) !== key(l.no))
    diffs.push(`item ${bao.itemNo || "(blank)"} instead of ${l.no}`);
  if (Number.isNaN(bao.asmQty) || compareQty(bao.asmQty, l.qtyToAto) !== 0) {
    diffs.push(
      `quantity ${Number.isNaN(bao.asmQty) ? "(unreadable)" : formatQty(bao.asmQty)} instead of ${formatQty(l.qtyToAto)}`
    );
  }
  if (key(bao.asmUom) !== key(l.uom))
    diffs.push(`unit ${bao.asmUom || "(blank)"} instead of ${l.uom}`);
  if ((bao.dueDate ?? null) !== (l.shipmentDate ?? null))
    diffs.push("due date differs from the shipment date");
  return diffs;
}

function checkBlanketAssemblyOrders(a: Analysis): void {
  const wb = a.wb;
  const sheet = wb.tables.bao.sheet;
  const itemsReadable = wb.tables.items.cols.has("no");
  for (const bao of wb.baos) {
    const scope = [`bao:${key(bao.aoNo)}`];
    if (itemsReadable) {
      for (const l of bao.lines) {
        if (l.row === undefined) continue;
        checkComponent(
          wb,
          sheet,
          l,
          refIn(wb, "bao", l.row),
          `Blanket assembly order ${bao.aoNo} line ${l.lineNo}`,
          scope
        );
      }
    }
    const ref = refIn(wb, "bao", bao.rows[0]);
    if (!bao.blanketDocNo || bao.blanketLineNo === undefined) {
      wb.log.add(
        "ORPHAN_ASSEMBLY",
        sheet,
        ref("blanketDocNo"),
        MESSAGES.orphanAssembly(
          bao.aoNo,
          bao.blanketDocNo || "(blank)",
          String(bao.blanketLineNo ?? "(blank)"),
          "is not given"
        ),
        scope
      );
      continue;
    }
    const k = lineKey(bao.blanketDocNo, bao.blanketLineNo);
    const owner = a.baoByLine.get(k);
    if (owner !== bao && owner) {
      wb.log.add(
        "DUPLICATE_KEY",
        sheet,
        ref("blanketLineNo"),
        MESSAGES.twoAssemblyOrders(
          bao.blanketDocNo,
          String(bao.blanketLineNo),
          owner.aoNo,
          bao.aoNo
        ),
        [...scope, `bao:${key(owner.aoNo)}`]
      );
      continue;
    }
    const line = a.blanketLines.get(k);
    const orphanWhy = !line
      ? "no longer exists"
      : line.valid && line.qtyToAto === 0
        ? "no longer assembles to order"
        : undefined;
    if (orphanWhy) {
      const message = MESSAGES.orphanAssembly(
        bao.aoNo,
        bao.blanketDocNo,
        String(bao.blanketLineNo),
        orphanWhy
      );
      wb.log.add("ORPHAN_ASSEMBLY", sheet, ref("blanketLineNo"), message, scope);
    } else if (line && line.valid) {
      const diffs = staleness(bao, line);
      if (diffs.length)
        wb.log.add(
          "ASSEMBLY_STALE",
          sheet,
          ref("itemNo"),
          MESSAGES.stale(bao.aoNo, line.docNo, String(line.lineNo), diffs.join(", ")),
          scope
        );
    }
  }
}

/**
 * Half-written documents from an interrupted Make Order: a sales line linking an assembly
 * order that is not there, or a blanket line whose sales orders hold more than the
 * Quantity Ordered the product last wrote (the blanket order was never updated).
 */
function checkUnfinished(a: Analysis): void {
  const wb = a.wb;
  const assemblyOrders = new Set(wb.assemblyLines.map((l) => key(l.aoNo)));
  for (const s of wb.salesLines) {
    if (!s.aoNo || assemblyOrders.has(key(s.aoNo))) continue;
    const ref = refIn(wb, "sales", s.row);
    const scope = s.blanketDocNo ? [`calloff:${key(s.blanketDocNo)}`] : ["sales:?"];
    wb.log.add(
      "DOCUMENT_INCOMPLETE",
      wb.tables.sales.sheet,
      ref("aoNo"),
      MESSAGES.missingAssemblyOrder(s.docNo, String(s.lineNo), s.aoNo),
      scope
    );
  }
  for (const order of wb.blanketOrders.values()) {
    for (const l of order.lines) {
      if (l.type !== "Item" || !l.valid || l.storedOrdered === undefined) continue;
      const derived = quantityOrdered(a, l);
      if (compareQty(derived, l.storedOrdered) <= 0) continue;
      const sales = a.salesByLine.get(lineKey(l.docNo, l.lineNo)) ?? [];
      const newest = sales.reduce((m, s) => (s.row > m.row ? s : m), sales[0]);
      const ref = refIn(wb, "blanket", l.row);
      const message = MESSAGES.unfinishedOrder(
        l.docNo,
        String(l.lineNo),
        formatQty(l.storedOrdered),
        formatQty(derived),
        newest?.docNo ?? "?"
      );
      wb.log.add("DOCUMENT_INCOMPLETE", wb.tables.blanket.sheet, ref("quantityOrdered"), message, [
        `calloff:${key(l.docNo)}`,
      ]);
    }
  }
}

/** Shipments planned after the agreement ends (a warning: the planner decides). */
function checkValidity(wb: ParsedWorkbook): void {
  for (const order of wb.blanketOrders.values()) {
    if (order.validUntil === undefined) continue;
    for (const l of order.lines) {
      if (l.type !== "Item" || l.shipmentDate === undefined || l.shipmentDate <= order.validUntil)
        continue;
      const message = MESSAGES.shipmentAfterValidity(
        l.docNo,
        String(l.lineNo),
        serialToIso(l.shipmentDate),
        serialToIso(order.validUntil)
      );
      wb.log.add(
        "SHIPMENT_AFTER_VALIDITY",
        wb.tables.blanket.sheet,
        refIn(wb, "blanket", l.row)("shipmentDate"),
        message,
        [`blanket:${key(l.docNo)}`]
      );
    }
  }
}

/** Runs every cross-sheet check; parse issues are already in wb.log. */
export function validateWorkbook(wb: ParsedWorkbook): Analysis {
  checkBoms(wb);
  const a = analyse(wb);
  checkBlanketLines(a);
  checkSalesLinks(a);
  checkUnfinished(a);
  checkValidity(wb);
  checkBlanketAssemblyOrders(a);
  return a;
}

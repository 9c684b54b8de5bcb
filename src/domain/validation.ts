/**
 * Validate (docs/rules.md): the checks across records, after reading's one-sheet
 * checks. Every check yields an issue; nothing stops at the first. A blanket line whose
 * item or unit is unknown is marked not valid, so later steps leave it alone.
 */
import {
  BlanketIndex,
  blanketLineAt,
  blanketLineOf,
  indexBlanketLines,
  quantityOrdered,
} from "./blanketIndex";
import { callOffHistory } from "./callOffHistory";
import { serialToIso } from "./dates";
import { issue, Issue, MESSAGES, Subject } from "./issues";
import {
  AssemblyLine,
  BlanketAssemblyOrder,
  BlanketOrderLine,
  describeLine,
  key,
  lineKey,
  Records,
  Source,
} from "./model";
import { compareQty, formatQty, MAX_COMPUTED, subQty, sumQty } from "./quantity";
import { unitFactor } from "./units";

export interface Validation {
  issues: Issue[];
  index: BlanketIndex;
}

/** Runs every check across records. */
export function validate(records: Records): Validation {
  const issues: Issue[] = [];
  checkBoms(records, issues);
  const index = indexBlanketLines(records);
  checkBlanketLines(index, issues);
  checkSalesLinks(index, issues);
  checkUnfinishedDocuments(index, issues);
  checkValidity(records, issues);
  checkBlanketAssemblyOrders(index, issues);
  return { issues, index };
}

/**
 * A Variant Code of an item against the Item Variants sheet, and a Location Code against
 * the Locations sheet, each only where that sheet exists (as BC's table relations).
 */
function checkCodes(
  records: Records,
  itemNo: string,
  codes: { variantCode?: string; locationCode?: string },
  source: Source,
  /** Names the record; a function where building the name for every line would cost. */
  what: string | (() => string),
  affects: Subject[],
  issues: Issue[]
): boolean {
  let ok = true;
  const { variantCode, locationCode } = codes;
  const name = (): string => (typeof what === "string" ? what : what());
  if (
    variantCode &&
    records.variantsListed &&
    !records.itemVariants.get(key(itemNo))?.has(key(variantCode))
  ) {
    const message = MESSAGES.unknownVariant(name(), variantCode, itemNo);
    issues.push(issue("UNKNOWN_VARIANT", { source, field: "variantCode" }, message, affects));
    ok = false;
  }
  if (locationCode && records.locationsListed && !records.locations.has(key(locationCode))) {
    const message = MESSAGES.unknownLocation(name(), locationCode);
    issues.push(issue("UNKNOWN_LOCATION", { source, field: "locationCode" }, message, affects));
    ok = false;
  }
  return ok;
}

/** Checks a component (BOM line or assembly line) against the master data. */
function checkComponent(
  records: Records,
  c: Pick<AssemblyLine, "type" | "no" | "unitOfMeasureCode" | "variantCode">,
  source: Source,
  what: string,
  affects: Subject[],
  issues: Issue[]
): void {
  if (c.type === "Item") {
    const item = records.items.get(key(c.no));
    if (item) checkCodes(records, c.no, c, source, what, affects, issues);
    if (!item) {
      issues.push(
        issue("UNKNOWN_ITEM", { source, field: "no" }, MESSAGES.unknownItem(what, c.no), affects)
      );
    } else if (
      c.unitOfMeasureCode &&
      unitFactor(records, c.no, c.unitOfMeasureCode) === undefined
    ) {
      issues.push(
        issue(
          "UNKNOWN_UOM",
          { source, field: "unitOfMeasureCode" },
          MESSAGES.unknownUom(what, c.unitOfMeasureCode, item.no, item.baseUnitOfMeasure),
          affects
        )
      );
    }
  } else if (
    c.type === "Resource" &&
    records.resourcesListed &&
    !records.resources.has(key(c.no))
  ) {
    issues.push(
      issue(
        "UNKNOWN_RESOURCE",
        { source, field: "no" },
        MESSAGES.unknownResource(what, c.no),
        affects
      )
    );
  }
}

function checkBoms(records: Records, issues: Issue[]): void {
  if (records.itemsReadable) {
    for (const [parentKey, lines] of records.boms) {
      const affects: Subject[] = [`bom:${parentKey}`];
      for (const l of lines) {
        const what = `Assembly BOM of ${l.parentItemNo} line ${l.lineNo ?? "(no line number)"}`;
        checkComponent(records, l, l.source, what, affects, issues);
      }
      // Each row names its parent: report an unknown parent once.
      if (!records.items.has(parentKey) && lines.length) {
        const l = lines[0];
        issues.push(
          issue(
            "UNKNOWN_ITEM",
            { source: l.source, field: "parentItemNo" },
            MESSAGES.unknownItem(`Assembly BOM of ${l.parentItemNo}`, l.parentItemNo),
            affects
          )
        );
      }
    }
  }
  checkCycles(records, issues);
}

/** Depth-first search over "has an assembly BOM with this item component", reporting each cycle once. */
function checkCycles(records: Records, issues: Issue[]): void {
  const state = new Map<string, 1 | 2>(); // 1 = on the current path, 2 = done
  const reported = new Set<string>();
  for (const start of records.boms.keys()) {
    if (state.has(start)) continue;
    const path: string[] = [start];
    const stack: { node: string; next: number }[] = [{ node: start, next: 0 }];
    state.set(start, 1);
    while (stack.length) {
      const top = stack[stack.length - 1];
      const lines = records.boms.get(top.node) ?? [];
      if (top.next >= lines.length) {
        state.set(top.node, 2);
        stack.pop();
        path.pop();
        continue;
      }
      const line = lines[top.next++];
      if (line.type !== "Item") continue;
      const child = key(line.no);
      if (!records.boms.has(child)) continue;
      const s = state.get(child);
      if (s === 1) {
        const cycle = path.slice(path.indexOf(child));
        const rotation = cycle.indexOf([...cycle].sort()[0]);
        const canonical = [...cycle.slice(rotation), ...cycle.slice(0, rotation)].join("\u0000");
        if (!reported.has(canonical)) {
          reported.add(canonical);
          const names = [...cycle, child].map(
            (k) => records.items.get(k)?.no ?? records.boms.get(k)?.[0]?.parentItemNo ?? k
          );
          issues.push(
            issue(
              "BOM_CYCLE",
              { source: line.source, field: "no" },
              MESSAGES.bomCycle(names),
              cycle.map((k): Subject => `bom:${k}`)
            )
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

function checkBlanketLines(index: BlanketIndex, issues: Issue[]): void {
  const records = index.records;
  for (const order of records.blanketOrders.values()) {
    const affects: Subject[] = [`blanket:${key(order.documentNo)}`];
    const callOff: Subject[] = [`callOff:${key(order.documentNo)}`];
    for (const l of order.lines) {
      if (l.type !== "Item") continue;
      const at = (field: string) => ({ source: l.source, field });
      // Built only for an issue: a million lines have few.
      const what = (): string => `Blanket order ${l.documentNo} line ${l.lineNo}`;
      checkCalledOffLine(index, l, affects, issues);
      const item = records.items.get(key(l.no));
      if (!item) {
        if (records.itemsReadable)
          issues.push(issue("UNKNOWN_ITEM", at("no"), MESSAGES.unknownItem(what(), l.no), affects));
        l.valid = false;
        continue;
      }
      const factor = unitFactor(records, l.no, l.unitOfMeasureCode);
      if (factor === undefined) {
        issues.push(
          issue(
            "UNKNOWN_UOM",
            at("unitOfMeasureCode"),
            MESSAGES.unknownUom(what(), l.unitOfMeasureCode, item.no, item.baseUnitOfMeasure),
            affects
          )
        );
        l.valid = false;
        continue;
      }
      if (!checkCodes(records, l.no, l, l.source, what, affects, issues)) {
        l.valid = false;
        continue;
      }
      if (l.qtyToAssembleToOrder > 0 && !records.boms.get(key(l.no))?.length) {
        issues.push(
          issue(
            "BOM_MISSING",
            at("qtyToAssembleToOrder"),
            MESSAGES.bomMissing(l.documentNo, String(l.lineNo), item.no),
            affects
          )
        );
        l.valid = false;
      }
      if (l.valid) checkComputedSize(index, l, factor, what, affects, issues);
      // Call-off checks need only a readable Quantity, so they join other errors of the line.
      if (l.quantity <= 0) continue;
      const ordered = quantityOrdered(index, l);
      if (compareQty(ordered, l.quantity) > 0) {
        issues.push(
          issue(
            "OVER_ORDERED",
            at("quantity"),
            MESSAGES.overOrdered(
              l.documentNo,
              String(l.lineNo),
              formatQty(ordered),
              formatQty(l.quantity)
            ),
            callOff
          )
        );
      } else if (l.qtyToShip > 0 && compareQty(l.qtyToShip, subQty(l.quantity, ordered)) > 0) {
        issues.push(
          issue("OVER_CALL_OFF", at("qtyToShip"), overCallOffMessage(l, ordered), callOff)
        );
      }
    }
  }
}

/**
 * CALLED_OFF_LINE_CHANGED: what was called off is history. A blanket line whose sales
 * lines sell another item or unit than it now names would leave those orders linked to a
 * line they do not match (and rebuild its agreed specification from another BOM): the
 * line is not used until the old value is back.
 */
function checkCalledOffLine(
  index: BlanketIndex,
  l: BlanketOrderLine,
  affects: Subject[],
  issues: Issue[]
): void {
  const called = index.salesLinesOf.get(l);
  if (!called) return;
  const sales = called.filter((s) => s.quantity > 0);
  if (!sales.length) return;
  const otherItem = sales.find((s) => s.no && key(s.no) !== key(l.no));
  const otherUnit = sales.find(
    (s) => s.unitOfMeasureCode && key(s.unitOfMeasureCode) !== key(l.unitOfMeasureCode)
  );
  const changed = otherItem ?? otherUnit;
  if (!changed) return;
  // What was called off, in the unit it was called off in.
  const sameUnit = sales.filter((s) => key(s.unitOfMeasureCode) === key(changed.unitOfMeasureCode));
  const ordered = `${formatQty(sumQty(sameUnit.map((s) => s.quantity)))}${
    otherItem ? ` ${changed.unitOfMeasureCode}` : ""
  }`;
  const line = String(l.lineNo);
  const [field, message] = otherItem
    ? ["no", MESSAGES.calledOffItemChanged(l.documentNo, line, ordered, otherItem.no, l.no)]
    : [
        "unitOfMeasureCode",
        MESSAGES.calledOffUnitChanged(
          l.documentNo,
          line,
          ordered,
          changed.unitOfMeasureCode,
          l.unitOfMeasureCode || "(blank)"
        ),
      ];
  issues.push(issue("CALLED_OFF_LINE_CHANGED", { source: l.source, field }, message, affects));
  l.valid = false;
}

/** BC's "Quantity - Quantity Ordered = possible" message for a call-off beyond the agreement. */
export function overCallOffMessage(l: BlanketOrderLine, ordered: number): string {
  const possible = subQty(l.quantity, ordered);
  return MESSAGES.overCallOff(
    l.no,
    l.documentNo,
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
  index: BlanketIndex,
  l: BlanketOrderLine,
  /** Qty. per Unit of Measure of the line's unit. */
  factor: number,
  /** Names the line, for an issue. */
  what: () => string,
  affects: Subject[],
  issues: Issue[]
): void {
  const records = index.records;
  const tooLarge = (field: string, result: string): void => {
    const message = MESSAGES.qtyTooLarge(what(), result);
    issues.push(issue("QTY_INVALID", { source: l.source, field }, message, affects));
    l.valid = false;
  };
  if (Math.abs(l.quantity * factor) > MAX_COMPUTED)
    return tooLarge("quantity", "quantity in base units");
  if (Math.abs(l.quantity * (l.unitPrice ?? 0)) > MAX_COMPUTED)
    return tooLarge("unitPrice", "line amount");
  if (l.qtyToAssembleToOrder <= 0) return;
  const order = index.blanketAssemblyOrderOf.get(lineKey(l.documentNo, l.lineNo));
  const perUnit = order
    ? order.lines.map((x) => x.quantityPer)
    : (records.boms.get(key(l.no)) ?? []).map((b) => b.quantityPer * factor);
  let biggest = 0;
  for (const q of perUnit) biggest = Math.max(biggest, Math.abs(q));
  if (biggest * Math.abs(l.qtyToAssembleToOrder) > MAX_COMPUTED)
    tooLarge("quantity", "component quantity");
}

function checkSalesLinks(index: BlanketIndex, issues: Issue[]): void {
  for (const s of index.records.salesLines) {
    if (!s.blanketOrderNo || s.blanketOrderLineNo === undefined) continue;
    if (!blanketLineAt(index, s.blanketOrderNo, s.blanketOrderLineNo)) {
      issues.push(
        issue(
          "BLANKET_LINE_NOT_FOUND",
          { source: s.source, field: "blanketOrderLineNo" },
          MESSAGES.blanketLineNotFound(
            s.documentNo,
            String(s.lineNo),
            s.blanketOrderNo,
            String(s.blanketOrderLineNo)
          ),
          [`sales:${key(s.blanketOrderNo)}`]
        )
      );
    }
  }
}

/**
 * ASSEMBLY_MISSING: a valid line that assembles to order with no blanket assembly order yet
 * (a warning: assemble, or the line's first Make Order, creates it). Reported by the
 * validate command, whose "ready" it qualifies; the commands that create it do not.
 */
export function missingAssemblyOrders(index: BlanketIndex): Issue[] {
  const issues: Issue[] = [];
  for (const order of index.records.blanketOrders.values())
    for (const l of order.lines) {
      if (l.type !== "Item" || !l.valid || l.qtyToAssembleToOrder <= 0) continue;
      if (index.blanketAssemblyOrderOf.has(lineKey(l.documentNo, l.lineNo))) continue;
      issues.push(
        issue(
          "ASSEMBLY_MISSING",
          { source: l.source, field: "qtyToAssembleToOrder" },
          MESSAGES.assemblyMissing(l.documentNo, String(l.lineNo), l.no),
          [`blanketAssembly:?`]
        )
      );
    }
  return issues;
}

/** What differs between a blanket assembly order's header and its blanket line, if anything. */
export function staleness(order: BlanketAssemblyOrder, l: BlanketOrderLine): string[] {
  const diffs: string[] = [];
  if (key(order.assemblyItemNo) !== key(l.no))
    diffs.push(`item ${order.assemblyItemNo || "(blank)"} instead of ${l.no}`);
  if (
    Number.isNaN(order.assemblyQuantity) ||
    compareQty(order.assemblyQuantity, l.qtyToAssembleToOrder) !== 0
  ) {
    const shown = Number.isNaN(order.assemblyQuantity)
      ? "(unreadable)"
      : formatQty(order.assemblyQuantity);
    diffs.push(`quantity ${shown} instead of ${formatQty(l.qtyToAssembleToOrder)}`);
  }
  if (key(order.assemblyUnitOfMeasure) !== key(l.unitOfMeasureCode))
    diffs.push(
      `unit ${order.assemblyUnitOfMeasure || "(blank)"} instead of ${l.unitOfMeasureCode}`
    );
  if ((order.dueDate ?? null) !== (l.shipmentDate ?? null))
    diffs.push("due date differs from the shipment date");
  if (key(order.locationCode ?? "") !== key(l.locationCode ?? ""))
    diffs.push(
      `location ${order.locationCode || "(blank)"} instead of ${l.locationCode || "(blank)"}`
    );
  if (key(order.variantCode ?? "") !== key(l.variantCode ?? ""))
    diffs.push(
      `variant ${order.variantCode || "(blank)"} instead of ${l.variantCode || "(blank)"}`
    );
  return diffs;
}

function checkBlanketAssemblyOrders(index: BlanketIndex, issues: Issue[]): void {
  const records = index.records;
  for (const order of records.blanketAssemblyOrders) {
    const affects: Subject[] = [`blanketAssembly:${key(order.assemblyOrderNo)}`];
    if (records.itemsReadable) {
      for (const l of order.lines) {
        if (l.source === undefined) continue;
        const what = `Blanket assembly order ${order.assemblyOrderNo} line ${l.lineNo}`;
        checkComponent(records, l, l.source, what, affects, issues);
      }
    }
    const at = (field: string) => ({ source: order.sources[0], field });
    if (!order.blanketOrderNo || order.blanketOrderLineNo === undefined) {
      const message = MESSAGES.orphanAssembly(
        order.assemblyOrderNo,
        order.blanketOrderNo || "(blank)",
        String(order.blanketOrderLineNo ?? "(blank)"),
        "is not given"
      );
      issues.push(issue("ORPHAN_ASSEMBLY", at("blanketOrderNo"), message, affects));
      continue;
    }
    const owner = index.blanketAssemblyOrderOf.get(
      lineKey(order.blanketOrderNo, order.blanketOrderLineNo)
    );
    if (owner && owner !== order) {
      const message = MESSAGES.twoAssemblyOrders(
        order.blanketOrderNo,
        String(order.blanketOrderLineNo),
        owner.assemblyOrderNo,
        order.assemblyOrderNo
      );
      issues.push(
        issue("DUPLICATE_KEY", at("blanketOrderLineNo"), message, [
          ...affects,
          `blanketAssembly:${key(owner.assemblyOrderNo)}`,
        ])
      );
      continue;
    }
    const line = blanketLineOf(index, order);
    const orphanWhy = !line
      ? "no longer exists"
      : line.valid && line.qtyToAssembleToOrder === 0
        ? "no longer assembles to order"
        : undefined;
    if (orphanWhy) {
      const message = MESSAGES.orphanAssembly(
        order.assemblyOrderNo,
        order.blanketOrderNo,
        String(order.blanketOrderLineNo),
        orphanWhy
      );
      issues.push(issue("ORPHAN_ASSEMBLY", at("blanketOrderLineNo"), message, affects));
    } else if (line && line.valid) {
      const diffs = staleness(order, line);
      if (diffs.length) {
        const message = MESSAGES.stale(
          order.assemblyOrderNo,
          line.documentNo,
          String(line.lineNo),
          diffs.join(", ")
        );
        issues.push(issue("ASSEMBLY_STALE", at("assemblyItemNo"), message, affects));
      }
      checkSpecAfterCallOffs(index, order, line, issues);
    }
  }
}

/**
 * SPEC_CHANGED_AFTER_CALL_OFF: a blanket assembly order line that differs from what the last
 * call-off of its blanket line used (added, removed, or another No., Quantity per or unit).
 * Compared with the last call-off only: once a call-off uses the new value, it is agreed.
 */
function checkSpecAfterCallOffs(
  index: BlanketIndex,
  order: BlanketAssemblyOrder,
  line: BlanketOrderLine,
  issues: Issue[]
): void {
  const last = callOffHistory(index, line).callOffs.at(-1);
  if (!last || !last.lines.size) return;
  const affects: Subject[] = [`blanketAssembly:${key(order.assemblyOrderNo)}`];
  const so = last.salesOrderNo ?? "?";
  const push = (source: Source | undefined, field: string, message: string) =>
    issues.push(
      issue(
        "SPEC_CHANGED_AFTER_CALL_OFF",
        { source: source ?? order.sources[0], field },
        message,
        affects
      )
    );
  const ao = order.assemblyOrderNo;
  const current = new Set<number>();
  for (const l of order.lines) {
    current.add(l.lineNo);
    if (l.type === "Comment") continue;
    const used = last.lines.get(l.lineNo);
    const lineNo = String(l.lineNo);
    if (!used || used.type === "Comment") {
      push(l.source, "no", MESSAGES.specLineAdded(ao, lineNo, describeLine(l), so));
      continue;
    }
    if (key(used.no) !== key(l.no) || used.type !== l.type)
      push(l.source, "no", MESSAGES.specChanged(ao, lineNo, "No.", used.no, l.no, so));
    else if (Number.isFinite(used.quantityPer) && compareQty(used.quantityPer, l.quantityPer) !== 0)
      push(
        l.source,
        "quantityPer",
        MESSAGES.specChanged(
          ao,
          lineNo,
          "Quantity per",
          formatQty(used.quantityPer),
          formatQty(l.quantityPer),
          so
        )
      );
    if (
      used.unitOfMeasureCode &&
      l.unitOfMeasureCode &&
      key(used.unitOfMeasureCode) !== key(l.unitOfMeasureCode)
    )
      push(
        l.source,
        "unitOfMeasureCode",
        MESSAGES.specChanged(
          ao,
          lineNo,
          "Unit of Measure Code",
          used.unitOfMeasureCode,
          l.unitOfMeasureCode,
          so
        )
      );
  }
  for (const used of last.lines.values()) {
    if (used.type === "Comment" || current.has(used.lineNo)) continue;
    push(
      undefined,
      "assemblyOrderNo",
      MESSAGES.specLineRemoved(ao, String(used.lineNo), describeLine(used), so)
    );
  }
}

/**
 * Half-written documents from an interrupted Make Order: a sales line linking an assembly
 * order that is not there, or a blanket line whose sales orders hold more than the
 * Quantity Ordered the product last wrote (the blanket order was never updated).
 */
function checkUnfinishedDocuments(index: BlanketIndex, issues: Issue[]): void {
  const records = index.records;
  const assemblyOrders = new Set(records.assemblyOrderLines.map((l) => key(l.assemblyOrderNo)));
  for (const s of records.salesLines) {
    if (!s.assemblyOrderNo || assemblyOrders.has(key(s.assemblyOrderNo))) continue;
    issues.push(
      issue(
        "DOCUMENT_INCOMPLETE",
        { source: s.source, field: "assemblyOrderNo" },
        MESSAGES.missingAssemblyOrder(s.documentNo, String(s.lineNo), s.assemblyOrderNo),
        s.blanketOrderNo ? [`callOff:${key(s.blanketOrderNo)}`] : ["sales:?"]
      )
    );
  }
  // A sales order from a blanket order with only comment lines: its item lines never landed.
  const salesOrders = new Map<string, (typeof records.salesLines)[number][]>();
  for (const s of records.salesLines) {
    if (!s.blanketOrderNo) continue;
    const k = key(s.documentNo);
    salesOrders.set(k, [...(salesOrders.get(k) ?? []), s]);
  }
  for (const lines of salesOrders.values()) {
    if (lines.some((s) => s.type === "Item")) continue;
    const first = lines[0];
    issues.push(
      issue(
        "DOCUMENT_INCOMPLETE",
        { source: first.source, field: "documentNo" },
        MESSAGES.commentsOnly(first.documentNo, first.blanketOrderNo!),
        [`callOff:${key(first.blanketOrderNo!)}`]
      )
    );
  }
  for (const order of records.blanketOrders.values()) {
    for (const l of order.lines) {
      if (l.type !== "Item" || !l.valid || l.storedQuantityOrdered === undefined) continue;
      const derived = quantityOrdered(index, l);
      if (compareQty(derived, l.storedQuantityOrdered) <= 0) continue;
      const sales = index.salesLinesOf.get(l) ?? [];
      const newest = newestSalesLine(sales);
      const message = MESSAGES.unfinishedOrder(
        l.documentNo,
        String(l.lineNo),
        formatQty(l.storedQuantityOrdered),
        formatQty(derived),
        newest?.documentNo ?? "?"
      );
      issues.push(
        issue("DOCUMENT_INCOMPLETE", { source: l.source, field: "quantityOrdered" }, message, [
          `callOff:${key(l.documentNo)}`,
        ])
      );
    }
  }
}

/** The sales line written last: sales lines are appended, so the last in reading order. */
export function newestSalesLine<T>(lines: readonly T[]): T | undefined {
  return lines[lines.length - 1];
}

/** Shipments planned after the agreement ends (a warning: the planner decides). */
function checkValidity(records: Records, issues: Issue[]): void {
  for (const order of records.blanketOrders.values()) {
    if (order.validUntil === undefined) continue;
    for (const l of order.lines) {
      if (l.type !== "Item" || l.shipmentDate === undefined || l.shipmentDate <= order.validUntil)
        continue;
      const message = MESSAGES.shipmentAfterValidity(
        l.documentNo,
        String(l.lineNo),
        serialToIso(l.shipmentDate),
        serialToIso(order.validUntil)
      );
      issues.push(
        issue("SHIPMENT_AFTER_VALIDITY", { source: l.source, field: "shipmentDate" }, message, [
          `blanket:${key(l.documentNo)}`,
        ])
      );
    }
  }
}

/**
 * Parses the workbook's grids into domain records, with the checks that need one sheet
 * at a time (kinds of values, keys, required cells, signs). Cross-sheet checks live in
 * domain/validate.ts.
 */
import { IssueLog, key, MESSAGES } from "../domain/issues";
import {
  AssemblyOrderLine,
  BlanketAssemblyOrder,
  BlanketOrder,
  BomLine,
  Item,
  LineType,
  Resource,
  SalesLine,
  SetupSetting,
  UsageType,
} from "../domain/model";
import { formatQty } from "../domain/quantity";
import { cellRef, findSheet, isEmptyCell, WorkbookGrids } from "./grid";
import {
  ASSEMBLY_BOMS,
  ASSEMBLY_ORDERS,
  BLANKET_ASSEMBLY_ORDERS,
  BLANKET_ORDERS,
  ITEM_UNITS,
  ITEMS,
  RESOURCES,
  SALES_ORDERS,
  SETUP,
  SheetSpec,
} from "./schema";
import { emptyTable, readTable, RowReader, Table } from "./table";

export interface ItemUnit {
  code: string;
  qtyPer: number;
  row: number;
}

export interface Tables {
  items: Table;
  itemUnits: Table;
  resources: Table;
  boms: Table;
  blanket: Table;
  bao: Table;
  sales: Table;
  assembly: Table;
  setup: Table;
}

export interface ParsedWorkbook {
  grids: WorkbookGrids;
  tables: Tables;
  /** Which optional sheets exist. */
  has: {
    itemUnits: boolean;
    resources: boolean;
    setup: boolean;
    bao: boolean;
    sales: boolean;
    assembly: boolean;
  };
  items: Map<string, Item>;
  /** Units per item key, per unit key; the base unit is implicit. */
  units: Map<string, Map<string, ItemUnit>>;
  resources: Map<string, Resource>;
  /** BOM lines per parent key, in line order. */
  boms: Map<string, BomLine[]>;
  blanketOrders: Map<string, BlanketOrder>;
  baos: BlanketAssemblyOrder[];
  salesLines: SalesLine[];
  assemblyLines: AssemblyOrderLine[];
  setup: SetupSetting[];
  log: IssueLog;
}

const silent = (): IssueLog => new IssueLog();

function table(
  grids: WorkbookGrids,
  spec: SheetSpec,
  log: IssueLog,
  required: boolean
): { table: Table; present: boolean } {
  const grid = findSheet(grids, spec.name);
  if (!grid) {
    if (required)
      log.add("SHEET_MISSING", spec.name, "A1", MESSAGES.sheetMissing(spec.name), [
        `sheet:${spec.name}`,
      ]);
    return { table: emptyTable(spec), present: false };
  }
  // An optional sheet with nothing on it (a new sheet, or one a write had only just
  // created when it was interrupted) is as good as absent.
  if (!required && !grid.rows.some((r) => r.some((c) => !isEmptyCell(c)))) {
    return { table: { ...emptyTable(spec), sheet: grid.name }, present: false };
  }
  return { table: readTable(grid, spec, log), present: true };
}

function lineType(option: string | undefined, no: string | undefined): LineType | undefined {
  if (option === undefined) return undefined;
  if (option === "Item" || option === "Resource") return option;
  return no ? "Item" : "Comment";
}

export function parseWorkbook(grids: WorkbookGrids): ParsedWorkbook {
  const log = new IssueLog();
  const t = {
    items: table(grids, ITEMS, log, true),
    itemUnits: table(grids, ITEM_UNITS, log, false),
    resources: table(grids, RESOURCES, log, false),
    boms: table(grids, ASSEMBLY_BOMS, log, true),
    blanket: table(grids, BLANKET_ORDERS, log, true),
    bao: table(grids, BLANKET_ASSEMBLY_ORDERS, log, false),
    sales: table(grids, SALES_ORDERS, log, false),
    assembly: table(grids, ASSEMBLY_ORDERS, log, false),
    setup: table(grids, SETUP, log, false),
  };
  const tables: Tables = {
    items: t.items.table,
    itemUnits: t.itemUnits.table,
    resources: t.resources.table,
    boms: t.boms.table,
    blanket: t.blanket.table,
    bao: t.bao.table,
    sales: t.sales.table,
    assembly: t.assembly.table,
    setup: t.setup.table,
  };
  const wb: ParsedWorkbook = {
    grids,
    tables,
    has: {
      itemUnits: t.itemUnits.present,
      resources: t.resources.present,
      setup: t.setup.present,
      bao: t.bao.present,
      sales: t.sales.present,
      assembly: t.assembly.present,
    },
    items: new Map(),
    units: new Map(),
    resources: new Map(),
    boms: new Map(),
    blanketOrders: new Map(),
    baos: [],
    salesLines: [],
    assemblyLines: [],
    setup: [],
    log,
  };
  parseItems(wb);
  parseItemUnits(wb);
  parseResources(wb);
  parseBoms(wb);
  parseBlanketOrders(wb);
  parseBlanketAssemblyOrders(wb);
  parseSalesOrders(wb);
  parseAssemblyOrders(wb);
  parseSetup(wb);
  return wb;
}

function duplicate(
  wb: ParsedWorkbook,
  t: Table,
  r: RowReader,
  keyCol: string,
  what: string,
  firstRow: number
): void {
  wb.log.add(
    "DUPLICATE_KEY",
    t.sheet,
    r.ref(keyCol),
    MESSAGES.duplicate(what, cellRef(t.cols.get(keyCol) ?? 0, firstRow)),
    r.scope
  );
}

/** A negative Unit Price is QTY_INVALID at its cell; true when it was. */
function negativePrice(wb: ParsedWorkbook, r: RowReader, price: number | undefined): boolean {
  if (price === undefined || price >= 0) return false;
  wb.log.add(
    "QTY_INVALID",
    r.sheet,
    r.ref("unitPrice"),
    MESSAGES.qtyNegative(r.what, "Unit Price", formatQty(price)),
    r.scope
  );
  return true;
}

function parseItems(wb: ParsedWorkbook): void {
  const t = wb.tables.items;
  for (const row of t.rows) {
    const r = new RowReader(t, wb.log, row, `Items row ${row.row}`, ["sheet:Items"]);
    const no = r.code("no", true);
    if (no !== undefined) {
      r.what = `Item ${no}`;
      r.scope = [`item:${key(no)}`];
    }
    const description = r.text("description") ?? "";
    const baseUom = r.code("baseUom") ?? "PCS";
    const policy = r.option("policy");
    const unitPrice = r.number("unitPrice");
    negativePrice(wb, r, unitPrice);
    if (no === undefined) continue;
    const existing = wb.items.get(key(no));
    if (existing) {
      duplicate(wb, t, r, "no", `Item ${no}`, existing.row);
      continue;
    }
    wb.items.set(key(no), {
      no,
      description,
      baseUom,
      assembleToOrder: policy === "Assemble-to-Order",
      unitPrice,
      row: row.row,
    });
  }
}

function parseItemUnits(wb: ParsedWorkbook): void {
  const t = wb.tables.itemUnits;
  for (const row of t.rows) {
    const r = new RowReader(t, wb.log, row, `Item Units row ${row.row}`, ["sheet:Item Units"]);
    const itemNo = r.code("itemNo", true);
    if (itemNo !== undefined) r.scope = [`item:${key(itemNo)}`];
    const code = r.code("code", true);
    if (itemNo !== undefined && code !== undefined) r.what = `Item ${itemNo} unit ${code}`;
    const qtyPer = r.number("qtyPerUom", true);
    if (qtyPer !== undefined && qtyPer <= 0) {
      wb.log.add(
        "QTY_INVALID",
        t.sheet,
        r.ref("qtyPerUom"),
        MESSAGES.qtyNotPositive(r.what, "Qty. per Unit of Measure", formatQty(qtyPer)),
        r.scope
      );
    }
    if (itemNo === undefined || code === undefined || qtyPer === undefined) continue;
    const item = wb.items.get(key(itemNo));
    if (!item && wb.tables.items.cols.has("no")) {
      wb.log.add(
        "UNKNOWN_ITEM",
        t.sheet,
        r.ref("itemNo"),
        MESSAGES.unknownItem(r.what, itemNo),
        r.scope
      );
    }
    if (item && key(item.baseUom) === key(code) && qtyPer !== 1) {
      wb.log.add(
        "QTY_INVALID",
        t.sheet,
        r.ref("qtyPerUom"),
        MESSAGES.baseUnitNotOne(item.no, code, formatQty(qtyPer)),
        r.scope
      );
    }
    let units = wb.units.get(key(itemNo));
    if (!units) wb.units.set(key(itemNo), (units = new Map()));
    const existing = units.get(key(code));
    if (existing) {
      duplicate(wb, t, r, "code", `Unit ${code} of item ${itemNo}`, existing.row);
      continue;
    }
    if (qtyPer > 0) units.set(key(code), { code, qtyPer, row: row.row });
  }
}

function parseResources(wb: ParsedWorkbook): void {
  const t = wb.tables.resources;
  for (const row of t.rows) {
    const r = new RowReader(t, wb.log, row, `Resources row ${row.row}`, ["sheet:Resources"]);
    const no = r.code("no", true);
    if (no !== undefined) {
      r.what = `Resource ${no}`;
      r.scope = [`resource:${key(no)}`];
    }
    const name = r.text("name") ?? "";
    const baseUom = r.code("baseUom") ?? "HOUR";
    if (no === undefined) continue;
    const existing = wb.resources.get(key(no));
    if (existing) {
      duplicate(wb, t, r, "no", `Resource ${no}`, existing.row);
      continue;
    }
    wb.resources.set(key(no), { no, name, baseUom, row: row.row });
  }
}

/** Reads the line part shared by BOM lines and assembly lines; undefined if unusable. */
function readComponent(
  wb: ParsedWorkbook,
  t: Table,
  r: RowReader
):
  | {
      type: LineType;
      no: string;
      qtyPer: number;
      usage: UsageType;
      uom?: string;
      variant?: string;
      description?: string;
      position?: string;
    }
  | undefined {
  const typeOpt = r.option("type");
  const no = r.code("no");
  const type = lineType(typeOpt, no);
  const description = r.text("description");
  const variant = r.code("variant");
  const uom = r.code("uom");
  const usageOpt = r.option("usage");
  const position = r.text("position");
  if (type === undefined) return undefined;
  if (type === "Comment")
    return { type, no: "", qtyPer: 0, usage: "Direct", description, position };
  if (no === undefined) {
    r.code("no", true);
    return undefined;
  }
  const qtyPer = r.number("qtyPer", true);
  let ok = qtyPer !== undefined && usageOpt !== undefined;
  if (qtyPer !== undefined && qtyPer <= 0) {
    wb.log.add(
      "QTY_INVALID",
      t.sheet,
      r.ref("qtyPer"),
      MESSAGES.qtyNotPositive(r.what, "Quantity per", formatQty(qtyPer)),
      r.scope
    );
    ok = false;
  }
  if (type === "Item" && usageOpt === "Fixed") {
    wb.log.add("FIXED_ON_ITEM", t.sheet, r.ref("usage"), MESSAGES.fixedOnItem(r.what, no), r.scope);
    ok = false;
  }
  if (!ok || qtyPer === undefined) return undefined;
  const usage: UsageType = usageOpt === "Fixed" ? "Fixed" : "Direct";
  return { type, no, qtyPer, usage, uom, variant, description, position };
}

function parseBoms(wb: ParsedWorkbook): void {
  const t = wb.tables.boms;
  const seen = new Map<string, number>();
  for (const row of t.rows) {
    const r = new RowReader(t, wb.log, row, `Assembly BOMs row ${row.row}`, [
      "sheet:Assembly BOMs",
    ]);
    const parentNo = r.code("parentNo", true);
    const lineNo = r.integer("lineNo");
    if (parentNo !== undefined) {
      r.scope = [`bom:${key(parentNo)}`];
      r.what =
        lineNo !== undefined
          ? `Assembly BOM of ${parentNo} line ${lineNo}`
          : `Assembly BOM of ${parentNo} (row ${row.row})`;
      if (lineNo !== undefined) {
        const k = `${key(parentNo)}\u0000${lineNo}`;
        const first = seen.get(k);
        if (first !== undefined)
          duplicate(wb, t, r, "lineNo", `Line ${lineNo} of the assembly BOM of ${parentNo}`, first);
        else seen.set(k, row.row);
      }
    }
    const comp = readComponent(wb, t, r);
    if (parentNo === undefined) continue;
    let lines = wb.boms.get(key(parentNo));
    if (!lines) wb.boms.set(key(parentNo), (lines = []));
    // An unreadable line still marks the parent as having a BOM (its error blocks it).
    if (comp) lines.push({ parentNo, lineNo, ...comp, row: row.row });
  }
  // Lines without a Line No. keep their place after the line above them.
  for (const lines of wb.boms.values()) {
    let last = 0;
    const keyed = lines.map((l, i) => {
      if (l.lineNo !== undefined) last = l.lineNo;
      return { l, k: l.lineNo ?? last, i };
    });
    keyed.sort((a, b) => a.k - b.k || a.i - b.i);
    lines.splice(0, lines.length, ...keyed.map((x) => x.l));
  }
}

function parseBlanketOrders(wb: ParsedWorkbook): void {
  const t = wb.tables.blanket;
  const seen = new Map<string, number>();
  type HeaderField = "customerNo" | "customerName" | "orderDate" | "externalDocNo" | "validUntil";
  const headerCells = new Map<string, Map<HeaderField, { value: string | number; cell: string }>>();
  const sheetScope = ["sheet:Blanket Orders"];
  const docScopes = new Map<string, string[]>();
  for (const row of t.rows) {
    let docNo: string | undefined;
    let lineNo: number | undefined;
    const describe = (): string =>
      docNo === undefined
        ? `Blanket Orders row ${row.row}`
        : lineNo !== undefined
          ? `Blanket order ${docNo} line ${lineNo}`
          : `Blanket order ${docNo} (row ${row.row})`;
    const r = new RowReader(t, wb.log, row, describe, sheetScope);
    docNo = r.code("docNo", true);
    const docKey = docNo === undefined ? undefined : key(docNo);
    lineNo = r.integer("lineNo", true);
    if (docKey !== undefined) {
      let scope = docScopes.get(docKey);
      if (!scope) docScopes.set(docKey, (scope = [`blanket:${docKey}`]));
      r.scope = scope;
    }
    const blanketScope = r.scope;
    const customerNo = r.code("customerNo");
    const customerName = r.text("customerName");
    const orderDate = r.date("orderDate");
    const externalDocNo = r.text("externalDocNo");
    const validUntil = r.date("validUntil");
    const typeOpt = r.option("type");
    const no = r.code("no");
    const type = lineType(typeOpt, no);
    const item = no !== undefined ? wb.items.get(key(no)) : undefined;
    const description = r.text("description") ?? item?.description ?? "";
    const variant = r.code("variant");
    const location = r.code("location");
    const uom = r.code("uom") ?? item?.baseUom ?? "";
    const isItem = type === "Item";
    if (isItem && no === undefined) r.code("no", true);
    const quantity = r.number("quantity", isItem);
    const qtyToAtoCell = r.number("qtyToAto");
    const unitPrice = r.number("unitPrice") ?? item?.unitPrice;
    const discount = r.number("discount") ?? 0;
    const shipmentDate = r.date("shipmentDate");
    // Call-off data blocks Make Order of this blanket order, not assemble.
    const callOffScope = (): string[] =>
      docKey !== undefined ? [`calloff:${docKey}`] : blanketScope;
    let qtyToShip: number | undefined;
    if (!r.isBlank("qtyToShip")) {
      r.scope = callOffScope();
      qtyToShip = r.number("qtyToShip");
      r.scope = blanketScope;
    }
    let valid =
      docNo !== undefined &&
      lineNo !== undefined &&
      type !== undefined &&
      (!isItem || (no !== undefined && quantity !== undefined));
    if (quantity !== undefined && quantity <= 0 && isItem) {
      wb.log.add(
        "QTY_INVALID",
        t.sheet,
        r.ref("quantity"),
        MESSAGES.qtyNotPositive(r.what, "Quantity", formatQty(quantity)),
        r.scope
      );
      valid = false;
    }
    if (qtyToShip !== undefined && qtyToShip < 0) {
      wb.log.add(
        "QTY_INVALID",
        t.sheet,
        r.ref("qtyToShip"),
        MESSAGES.qtyNegative(r.what, "Qty. to Ship", formatQty(qtyToShip)),
        callOffScope()
      );
    }
    if (negativePrice(wb, r, unitPrice)) {
      valid = false;
    }
    if (discount < 0 || discount > 100) {
      wb.log.add(
        "DISCOUNT_INVALID",
        t.sheet,
        r.ref("discount"),
        MESSAGES.discountInvalid(r.what, formatQty(discount)),
        r.scope
      );
      valid = false;
    }
    let qtyToAto = 0;
    if (isItem && quantity !== undefined) {
      qtyToAto = qtyToAtoCell ?? (item?.assembleToOrder ? quantity : 0);
      if (qtyToAto !== 0 && qtyToAto !== quantity && docNo !== undefined && lineNo !== undefined) {
        wb.log.add(
          "ATO_PARTIAL",
          t.sheet,
          r.ref("qtyToAto"),
          MESSAGES.atoPartial(docNo, String(lineNo), formatQty(qtyToAto), formatQty(quantity)),
          r.scope
        );
        valid = false;
      }
    } else if (type === "Comment" && qtyToAtoCell && docNo !== undefined && lineNo !== undefined) {
      wb.log.add(
        "ATO_PARTIAL",
        t.sheet,
        r.ref("qtyToAto"),
        MESSAGES.atoOnComment(docNo, String(lineNo)),
        r.scope
      );
    }
    if (docNo === undefined) continue;
    let order = wb.blanketOrders.get(docKey!);
    if (!order) {
      order = { docNo, customerNo: "", lines: [] };
      wb.blanketOrders.set(docKey!, order);
      headerCells.set(docKey!, new Map());
    }
    // Header fields: a blank cell takes the value of the document's other lines.
    const cells = headerCells.get(docKey!)!;
    const merge = (
      field: HeaderField,
      value: string | number | undefined,
      caption: string
    ): void => {
      if (value === undefined) return;
      const prev = cells.get(field);
      if (!prev) {
        cells.set(field, { value, cell: r.ref(field) });
        return;
      }
      const same =
        field === "customerNo"
          ? key(String(prev.value)) === key(String(value))
          : prev.value === value;
      if (!same) {
        const message = MESSAGES.headerMismatch(
          docNo,
          caption,
          String(value),
          String(prev.value),
          prev.cell
        );
        wb.log.add("HEADER_MISMATCH", t.sheet, r.ref(field), message, r.scope);
      }
    };
    merge("customerNo", customerNo, "Sell-to Customer No.");
    merge("customerName", customerName, "Sell-to Customer Name");
    merge("orderDate", orderDate, "Order Date");
    merge("externalDocNo", externalDocNo, "External Document No.");
    merge("validUntil", validUntil, "Valid Until");
    if (lineNo !== undefined) {
      const k = `${docKey}\u0000${lineNo}`;
      const first = seen.get(k);
      if (first !== undefined) {
        duplicate(wb, t, r, "lineNo", `Line ${lineNo} of blanket order ${docNo}`, first);
        continue;
      }
      seen.set(k, row.row);
    }
    if (lineNo === undefined || type === undefined) continue;
    order.lines.push({
      docNo,
      lineNo,
      type: isItem ? "Item" : "Comment",
      no: no ?? "",
      description,
      variant,
      location,
      quantity: quantity ?? 0,
      uom,
      qtyToAto,
      unitPrice,
      discount,
      shipmentDate,
      qtyToShip: qtyToShip !== undefined && qtyToShip > 0 ? qtyToShip : 0,
      storedOrdered: !r.has("quantityOrdered")
        ? undefined
        : r.isBlank("quantityOrdered")
          ? 0
          : new RowReader(t, silent(), row, "", []).number("quantityOrdered"),
      row: row.row,
      valid,
    });
  }
  for (const [k, order] of wb.blanketOrders) {
    const cells = headerCells.get(k)!;
    order.customerNo = String(cells.get("customerNo")?.value ?? "");
    order.customerName = cells.get("customerName")?.value as string | undefined;
    order.orderDate = cells.get("orderDate")?.value as number | undefined;
    order.externalDocNo = cells.get("externalDocNo")?.value as string | undefined;
    order.validUntil = cells.get("validUntil")?.value as number | undefined;
    order.validUntilCell = cells.get("validUntil")?.cell;
    if (!cells.get("customerNo") && order.lines.length) {
      const first = order.lines[0];
      const c = t.cols.get("customerNo");
      if (c !== undefined) {
        wb.log.add(
          "VALUE_INVALID",
          t.sheet,
          cellRef(c, first.row),
          MESSAGES.required(`Blanket order ${order.docNo}`, "Sell-to Customer No."),
          [`blanket:${k}`]
        );
      }
    }
  }
}

function parseBlanketAssemblyOrders(wb: ParsedWorkbook): void {
  const t = wb.tables.bao;
  const byNo = new Map<string, BlanketAssemblyOrder>();
  const lineSeen = new Map<string, number>();
  for (const row of t.rows) {
    const r = new RowReader(t, wb.log, row, `Blanket Assembly Orders row ${row.row}`, [
      "sheet:Blanket Assembly Orders",
    ]);
    const aoNo = r.code("aoNo", true);
    if (aoNo === undefined) continue;
    r.scope = [`bao:${key(aoNo)}`];
    const lineNo = r.integer("lineNo");
    r.what =
      lineNo !== undefined
        ? `Blanket assembly order ${aoNo} line ${lineNo}`
        : `Blanket assembly order ${aoNo} (row ${row.row})`;
    let bao = byNo.get(key(aoNo));
    if (!bao) {
      bao = {
        aoNo,
        blanketDocNo: "",
        itemNo: "",
        asmQty: NaN,
        asmUom: "",
        lines: [],
        rows: [],
        valid: true,
      };
      byNo.set(key(aoNo), bao);
      wb.baos.push(bao);
    }
    bao.rows.push(row.row);
    // Header columns are derived from the blanket line: read the link strictly, the rest
    // only to see whether the order is up to date.
    const docNo = r.code("blanketDocNo");
    const blanketLineNo = r.integer("blanketLineNo");
    if (docNo !== undefined && !bao.blanketDocNo) bao.blanketDocNo = docNo;
    if (blanketLineNo !== undefined && bao.blanketLineNo === undefined)
      bao.blanketLineNo = blanketLineNo;
    if (bao.rows.length === 1) {
      const lenient = new RowReader(t, silent(), row, r.what, r.scope);
      bao.itemNo = lenient.code("itemNo") ?? "";
      bao.asmQty = lenient.number("asmQty") ?? NaN;
      bao.asmUom = lenient.code("asmUom") ?? "";
      bao.dueDate = lenient.date("dueDate");
    }
    if (lineNo !== undefined) {
      const k = `${key(aoNo)}\u0000${lineNo}`;
      if (lineSeen.has(k)) {
        wb.log.add(
          "DUPLICATE_KEY",
          t.sheet,
          r.ref("lineNo"),
          MESSAGES.aoLineDuplicate(aoNo, String(lineNo)),
          r.scope
        );
        bao.valid = false;
      } else lineSeen.set(k, row.row);
    }
    const before = wb.log.list.length;
    const comp = readComponent(wb, t, r);
    if (!comp || wb.log.list.length > before) {
      bao.valid = false;
      if (!comp) continue;
    }
    bao.lines.push({ lineNo: lineNo ?? NaN, ...comp, quantity: 0, row: row.row });
  }
  for (const bao of wb.baos) {
    // Added rows without a Line No. get the next free number, in sheet order.
    let max = 0;
    for (const l of bao.lines) if (!Number.isNaN(l.lineNo)) max = Math.max(max, l.lineNo);
    for (const l of bao.lines)
      if (Number.isNaN(l.lineNo)) l.lineNo = max = Math.floor(max / 10000) * 10000 + 10000;
    bao.lines.sort((a, b) => a.lineNo - b.lineNo);
  }
}

function parseSalesOrders(wb: ParsedWorkbook): void {
  const t = wb.tables.sales;
  const seen = new Map<string, number>();
  for (const row of t.rows) {
    const r = new RowReader(t, wb.log, row, `Sales Orders row ${row.row}`, ["sales:?"]);
    const blanketDocNo = r.code("blanketDocNo");
    if (blanketDocNo !== undefined) r.scope = [`sales:${key(blanketDocNo)}`];
    const docNo = r.code("docNo", true);
    const lineNo = r.integer("lineNo", true);
    if (docNo !== undefined && lineNo !== undefined) r.what = `Sales order ${docNo} line ${lineNo}`;
    const no = r.code("no");
    const type = lineType(r.option("type"), no);
    const blanketLineNo = r.integer("blanketLineNo");
    const quantity = r.number("quantity", type === "Item");
    const uom = r.code("uom") ?? "";
    const aoNo = r.code("aoNo");
    if (docNo === undefined || lineNo === undefined) continue;
    const k = `${key(docNo)}\u0000${lineNo}`;
    const first = seen.get(k);
    if (first !== undefined) {
      duplicate(wb, t, r, "lineNo", `Line ${lineNo} of sales order ${docNo}`, first);
      continue;
    }
    seen.set(k, row.row);
    if (type === undefined || (type === "Item" && quantity === undefined)) continue;
    wb.salesLines.push({
      docNo,
      lineNo,
      type: type === "Comment" ? "Comment" : "Item",
      no: no ?? "",
      quantity: quantity ?? 0,
      uom,
      blanketDocNo,
      blanketLineNo,
      aoNo,
      row: row.row,
    });
  }
}

function parseAssemblyOrders(wb: ParsedWorkbook): void {
  const t = wb.tables.assembly;
  const salesScope = new Map<string, string>();
  for (const s of wb.salesLines)
    if (s.aoNo && s.blanketDocNo) salesScope.set(key(s.aoNo), `sales:${key(s.blanketDocNo)}`);
  for (const row of t.rows) {
    const r = new RowReader(t, wb.log, row, `Assembly Orders row ${row.row}`, ["sales:?"]);
    const aoNo = r.code("aoNo", true);
    if (aoNo === undefined) continue;
    r.scope = [salesScope.get(key(aoNo)) ?? "sales:?"];
    const lineNo = r.integer("lineNo");
    r.what = `Assembly order ${aoNo} line ${lineNo ?? `(row ${row.row})`}`;
    const no = r.code("no");
    const type = lineType(r.option("type"), no);
    const quantity = r.number("quantity");
    wb.assemblyLines.push({
      aoNo,
      salesOrderNo: r.code("salesOrderNo"),
      salesLineNo: r.integer("salesLineNo"),
      baoNo: r.code("baoNo"),
      lineNo: lineNo ?? NaN,
      type: type ?? "Comment",
      no: no ?? "",
      qtyPer: 0,
      quantity: quantity ?? 0,
      uom: r.code("uom"),
      dueDate: r.date("dueDate"),
      usage: r.option("usage") === "Fixed" ? "Fixed" : "Direct",
      row: row.row,
    });
  }
}

function parseSetup(wb: ParsedWorkbook): void {
  const t = wb.tables.setup;
  for (const row of t.rows) {
    const r = new RowReader(t, wb.log, row, `Setup row ${row.row}`, ["setup"]);
    const setting = r.text("setting");
    if (setting === undefined) continue;
    wb.setup.push({
      setting: setting.trim(),
      value: r.text("value")?.trim(),
      lastNoUsed: r.text("lastNoUsed")?.trim(),
      row: row.row,
    });
  }
}

/**
 * Reads the workbook's grids into domain records, once per command, with the checks that
 * need one sheet at a time (kinds of values, keys, required cells, signs). Checks across
 * records live in domain/validation.ts.
 */
import { issue, Issue, MESSAGES, Subject } from "../domain/issues";
import {
  AssemblyOrderLine,
  BlanketAssemblyOrder,
  BlanketOrder,
  BlanketOrderLine,
  Item,
  key,
  LineType,
  RecordTable,
  Records,
  ResourceUsageType,
  SalesLine,
  Source,
} from "../domain/model";
import { formatQty, MAX_INPUT, roundQty } from "../domain/quantity";
import { CellValue, cellRef, findSheet, isEmptyCell, WorkbookGrids } from "./grid";
import {
  ASSEMBLY_BOMS,
  ASSEMBLY_ORDERS,
  BLANKET_ASSEMBLY_ORDERS,
  BLANKET_ORDERS,
  ITEM_UNITS,
  ITEM_VARIANTS,
  ITEMS,
  LOCATIONS,
  RESOURCES,
  SALES_ORDERS,
  SETUP,
  SheetSpec,
} from "./schema";
import { emptyTable, readTable, rowOf, RowReader, sourceOf, Table, TableRow } from "./table";

/** The workbook as read: its records, the issues found reading it, and its tables. */
export interface WorkbookRead {
  grids: WorkbookGrids;
  records: Records;
  issues: Issue[];
  tables: Record<RecordTable, Table>;
}

const SPECS: Record<RecordTable, { spec: SheetSpec; required: boolean }> = {
  items: { spec: ITEMS, required: true },
  itemUnits: { spec: ITEM_UNITS, required: false },
  resources: { spec: RESOURCES, required: false },
  assemblyBoms: { spec: ASSEMBLY_BOMS, required: true },
  blanketOrders: { spec: BLANKET_ORDERS, required: true },
  blanketAssemblyOrders: { spec: BLANKET_ASSEMBLY_ORDERS, required: false },
  salesOrders: { spec: SALES_ORDERS, required: false },
  assemblyOrders: { spec: ASSEMBLY_ORDERS, required: false },
  setup: { spec: SETUP, required: false },
  locations: { spec: LOCATIONS, required: false },
  itemVariants: { spec: ITEM_VARIANTS, required: false },
};

function findTable(
  grids: WorkbookGrids,
  spec: SheetSpec,
  required: boolean,
  issues: Issue[]
): Table {
  const grid = findSheet(grids, spec.name);
  if (!grid) {
    if (required)
      issues.push(
        issue("SHEET_MISSING", { sheet: spec.name, cell: "A1" }, MESSAGES.sheetMissing(spec.name), [
          `table:${spec.record!}`,
        ])
      );
    return emptyTable(spec);
  }
  // An optional sheet with nothing on it (a new sheet, or one a write had only just
  // created when it was interrupted) is as good as absent.
  if (!required && !grid.rows.some((r) => r.some((c) => !isEmptyCell(c))))
    return emptyTable(spec, grid.name);
  return readTable(grid, spec, issues);
}

function lineType(option: string | undefined, no: string | undefined): LineType | undefined {
  if (option === undefined) return undefined;
  if (option === "Item" || option === "Resource") return option;
  return no ? "Item" : "Comment";
}

export function readWorkbook(grids: WorkbookGrids): WorkbookRead {
  const issues: Issue[] = [];
  const tables = {} as Record<RecordTable, Table>;
  for (const [name, { spec, required }] of Object.entries(SPECS))
    tables[name as RecordTable] = findTable(grids, spec, required, issues);
  const records: Records = {
    items: new Map(),
    itemUnits: new Map(),
    resources: new Map(),
    boms: new Map(),
    blanketOrders: new Map(),
    blanketAssemblyOrders: [],
    salesLines: [],
    assemblyOrderLines: [],
    setup: [],
    itemsReadable: tables.items.cols.has("no"),
    resourcesListed: tables.resources.present,
    locations: new Map(),
    locationsListed: tables.locations.present,
    itemVariants: new Map(),
    variantsListed: tables.itemVariants.present,
  };
  const read: WorkbookRead = { grids, records, issues, tables };
  readItems(read);
  readItemUnits(read);
  readResources(read);
  readLocations(read);
  readItemVariants(read);
  readBoms(read);
  readBlanketOrders(read);
  readBlanketAssemblyOrders(read);
  readSalesLines(read);
  readAssemblyOrderLines(read);
  readSetup(read);
  return read;
}

function duplicate(r: RowReader, field: string, what: string, first: TableRow): void {
  const col = r.row.table.cols.get(field) ?? 0;
  r.report("DUPLICATE_KEY", field, MESSAGES.duplicate(what, cellRef(col, first.row)));
}

/** A negative amount (Unit Price, Unit Cost) is QTY_INVALID at its cell; true when it was. */
function negativeAmount(
  r: RowReader,
  field: string,
  caption: string,
  amount: number | undefined
): boolean {
  if (amount === undefined || amount >= 0) return false;
  r.report("QTY_INVALID", field, MESSAGES.qtyNegative(r.what, caption, formatQty(amount)));
  return true;
}

const negativePrice = (r: RowReader, price: number | undefined): boolean =>
  negativeAmount(r, "unitPrice", "Unit Price", price);

function readItems(read: WorkbookRead): void {
  const t = read.tables.items;
  const first = new Map<string, TableRow>();
  for (const row of t.rows) {
    const r = new RowReader(row, read.issues, `Items row ${row.row}`, ["table:items"]);
    const no = r.code("no", true);
    if (no !== undefined) {
      r.what = `Item ${no}`;
      r.affects = [`item:${key(no)}`];
    }
    const description = r.text("description") ?? "";
    const baseUnitOfMeasure = r.code("baseUnitOfMeasure") ?? "PCS";
    const policy = r.option("assemblyPolicy");
    const unitPrice = r.number("unitPrice");
    negativePrice(r, unitPrice);
    const unitCost = r.number("unitCost");
    negativeAmount(r, "unitCost", "Unit Cost", unitCost);
    const inventory = r.number("inventory");
    if (no === undefined) continue;
    const earlier = first.get(key(no));
    if (earlier) {
      duplicate(r, "no", `Item ${no}`, earlier);
      continue;
    }
    first.set(key(no), row);
    read.records.items.set(key(no), {
      no,
      description,
      baseUnitOfMeasure,
      assembleToOrder: policy === "Assemble-to-Order",
      unitPrice,
      unitCost,
      inventory,
      source: sourceOf(row),
    });
  }
}

function readItemUnits(read: WorkbookRead): void {
  const t = read.tables.itemUnits;
  const first = new Map<string, TableRow>();
  for (const row of t.rows) {
    const r = new RowReader(row, read.issues, `Item Units row ${row.row}`, ["table:itemUnits"]);
    const itemNo = r.code("itemNo", true);
    if (itemNo !== undefined) r.affects = [`item:${key(itemNo)}`];
    const code = r.code("code", true);
    if (itemNo !== undefined && code !== undefined) r.what = `Item ${itemNo} unit ${code}`;
    const qtyPerUnitOfMeasure = r.number("qtyPerUnitOfMeasure", true);
    if (qtyPerUnitOfMeasure !== undefined && qtyPerUnitOfMeasure <= 0) {
      const message = MESSAGES.qtyNotPositive(
        r.what,
        "Qty. per Unit of Measure",
        formatQty(qtyPerUnitOfMeasure)
      );
      r.report("QTY_INVALID", "qtyPerUnitOfMeasure", message);
    }
    if (itemNo === undefined || code === undefined || qtyPerUnitOfMeasure === undefined) continue;
    const item = read.records.items.get(key(itemNo));
    if (!item && read.records.itemsReadable)
      r.report("UNKNOWN_ITEM", "itemNo", MESSAGES.unknownItem(r.what, itemNo));
    if (item && key(item.baseUnitOfMeasure) === key(code) && qtyPerUnitOfMeasure !== 1) {
      const message = MESSAGES.baseUnitNotOne(item.no, code, formatQty(qtyPerUnitOfMeasure));
      r.report("QTY_INVALID", "qtyPerUnitOfMeasure", message);
    }
    let units = read.records.itemUnits.get(key(itemNo));
    if (!units) read.records.itemUnits.set(key(itemNo), (units = new Map()));
    const k = `${key(itemNo)}\u0000${key(code)}`;
    const earlier = first.get(k);
    if (earlier) {
      duplicate(r, "code", `Unit ${code} of item ${itemNo}`, earlier);
      continue;
    }
    first.set(k, row);
    if (qtyPerUnitOfMeasure > 0)
      units.set(key(code), { itemNo, code, qtyPerUnitOfMeasure, source: sourceOf(row) });
  }
}

function readResources(read: WorkbookRead): void {
  const t = read.tables.resources;
  const first = new Map<string, TableRow>();
  for (const row of t.rows) {
    const r = new RowReader(row, read.issues, `Resources row ${row.row}`, ["table:resources"]);
    const no = r.code("no", true);
    if (no !== undefined) {
      r.what = `Resource ${no}`;
      r.affects = [`resource:${key(no)}`];
    }
    const name = r.text("name") ?? "";
    const baseUnitOfMeasure = r.code("baseUnitOfMeasure") ?? "HOUR";
    const unitPrice = r.number("unitPrice");
    negativePrice(r, unitPrice);
    const unitCost = r.number("unitCost");
    negativeAmount(r, "unitCost", "Unit Cost", unitCost);
    if (no === undefined) continue;
    const earlier = first.get(key(no));
    if (earlier) {
      duplicate(r, "no", `Resource ${no}`, earlier);
      continue;
    }
    first.set(key(no), row);
    read.records.resources.set(key(no), {
      no,
      name,
      baseUnitOfMeasure,
      unitPrice,
      unitCost,
      source: sourceOf(row),
    });
  }
}

function readLocations(read: WorkbookRead): void {
  const t = read.tables.locations;
  const first = new Map<string, TableRow>();
  for (const row of t.rows) {
    const r = new RowReader(row, read.issues, `Locations row ${row.row}`, ["table:locations"]);
    const code = r.code("code", true);
    const name = r.text("name");
    if (code === undefined) continue;
    const earlier = first.get(key(code));
    if (earlier) {
      duplicate(r, "code", `Location ${code}`, earlier);
      continue;
    }
    first.set(key(code), row);
    read.records.locations.set(key(code), { code, name, source: sourceOf(row) });
  }
}

function readItemVariants(read: WorkbookRead): void {
  const t = read.tables.itemVariants;
  const first = new Map<string, TableRow>();
  for (const row of t.rows) {
    const r = new RowReader(row, read.issues, `Item Variants row ${row.row}`, [
      "table:itemVariants",
    ]);
    const itemNo = r.code("itemNo", true);
    const code = r.code("code", true);
    const description = r.text("description");
    if (itemNo === undefined || code === undefined) continue;
    r.what = `Item ${itemNo} variant ${code}`;
    if (!read.records.items.has(key(itemNo)) && read.records.itemsReadable)
      r.report("UNKNOWN_ITEM", "itemNo", MESSAGES.unknownItem(r.what, itemNo));
    const k = `${key(itemNo)}\u0000${key(code)}`;
    const earlier = first.get(k);
    if (earlier) {
      duplicate(r, "code", `Variant ${code} of item ${itemNo}`, earlier);
      continue;
    }
    first.set(k, row);
    let variants = read.records.itemVariants.get(key(itemNo));
    if (!variants) read.records.itemVariants.set(key(itemNo), (variants = new Map()));
    variants.set(key(code), { itemNo, code, description, source: sourceOf(row) });
  }
}

interface Component {
  type: LineType;
  no: string;
  quantityPer: number;
  resourceUsageType: ResourceUsageType;
  unitOfMeasureCode?: string;
  variantCode?: string;
  description?: string;
  position?: string;
}

/**
 * Reads the line part shared by BOM lines and assembly lines. `usable` is false when a
 * value of the line could not be read (its issue is reported); `component` is undefined
 * when there is nothing to keep.
 */
function readComponent(r: RowReader): { component?: Component; usable: boolean } {
  let usable = true;
  const note = <T>(value: T | undefined, blank: boolean): T | undefined => {
    if (value === undefined && !blank) usable = false;
    return value;
  };
  const typeOpt = note(r.option("type"), false);
  const no = note(r.code("no"), r.isBlank("no"));
  const type = lineType(typeOpt, no);
  const description = note(r.text("description"), r.isBlank("description"));
  const variantCode = note(r.code("variantCode"), r.isBlank("variantCode"));
  const unitOfMeasureCode = note(r.code("unitOfMeasureCode"), r.isBlank("unitOfMeasureCode"));
  const usageOpt = note(r.option("resourceUsageType"), false);
  const position = note(r.text("position"), r.isBlank("position"));
  if (type === undefined) return { usable: false };
  if (type === "Comment") {
    const component: Component = {
      type,
      no: "",
      quantityPer: 0,
      resourceUsageType: "Direct",
      description,
      position,
    };
    return { component, usable };
  }
  if (no === undefined) {
    r.code("no", true);
    return { usable: false };
  }
  const quantityPer = r.number("quantityPer", true);
  let ok = quantityPer !== undefined && usageOpt !== undefined;
  if (quantityPer !== undefined && quantityPer <= 0) {
    const message = MESSAGES.qtyNotPositive(r.what, "Quantity per", formatQty(quantityPer));
    r.report("QTY_INVALID", "quantityPer", message);
    ok = false;
  }
  if (type === "Item" && usageOpt === "Fixed") {
    r.report("FIXED_ON_ITEM", "resourceUsageType", MESSAGES.fixedOnItem(r.what, no));
    ok = false;
  }
  if (!ok || quantityPer === undefined) return { usable: false };
  const resourceUsageType: ResourceUsageType = usageOpt === "Fixed" ? "Fixed" : "Direct";
  const component: Component = {
    type,
    no,
    quantityPer,
    resourceUsageType,
    unitOfMeasureCode,
    variantCode,
    description,
    position,
  };
  return { component, usable };
}

function readBoms(read: WorkbookRead): void {
  const t = read.tables.assemblyBoms;
  const first = new Map<string, TableRow>();
  const boms = read.records.boms;
  for (const row of t.rows) {
    const r = new RowReader(row, read.issues, `Assembly BOMs row ${row.row}`, [
      "table:assemblyBoms",
    ]);
    const parentItemNo = r.code("parentItemNo", true);
    const lineNo = r.integer("lineNo");
    if (parentItemNo !== undefined) {
      r.affects = [`bom:${key(parentItemNo)}`];
      r.what =
        lineNo !== undefined
          ? `Assembly BOM of ${parentItemNo} line ${lineNo}`
          : `Assembly BOM of ${parentItemNo} (row ${row.row})`;
      if (lineNo !== undefined) {
        const k = `${key(parentItemNo)}\u0000${lineNo}`;
        const earlier = first.get(k);
        if (earlier)
          duplicate(r, "lineNo", `Line ${lineNo} of the assembly BOM of ${parentItemNo}`, earlier);
        else first.set(k, row);
      }
    }
    const { component } = readComponent(r);
    if (parentItemNo === undefined) continue;
    let lines = boms.get(key(parentItemNo));
    if (!lines) boms.set(key(parentItemNo), (lines = []));
    // An unreadable line still marks the parent as having a BOM (its error blocks it).
    if (component) lines.push({ parentItemNo, lineNo, ...component, source: sourceOf(row) });
  }
  // Lines without a Line No. keep their place after the line above them.
  for (const lines of boms.values()) {
    let last = 0;
    const keyed = lines.map((l, i) => {
      if (l.lineNo !== undefined) last = l.lineNo;
      return { l, k: l.lineNo ?? last, i };
    });
    keyed.sort((a, b) => a.k - b.k || a.i - b.i);
    lines.splice(0, lines.length, ...keyed.map((x) => x.l));
  }
}

type HeaderField =
  "sellToCustomerNo" | "sellToCustomerName" | "orderDate" | "externalDocumentNo" | "validUntil";

const HEADER_CAPTIONS: Record<HeaderField, string> = {
  sellToCustomerNo: "Sell-to Customer No.",
  sellToCustomerName: "Sell-to Customer Name",
  orderDate: "Order Date",
  externalDocumentNo: "External Document No.",
  validUntil: "Valid Until",
};

const HEADER_FIELDS = Object.keys(HEADER_CAPTIONS) as HeaderField[];

/** What reading a blanket order keeps across its lines. */
interface BlanketOrderReading {
  order: BlanketOrder;
  affects: Subject[];
  /** Call-off data blocks Make Order of this blanket order, not assemble. */
  callOffAffects: Subject[];
  /** Each header field's first value and its row, in HEADER_FIELDS order. */
  headerValues: (string | number | undefined)[];
  headerRows: (TableRow | undefined)[];
  /** The highest Line No. so far: a higher one cannot repeat an earlier line. */
  maxLineNo: number;
  /** Rows by Line No., made only when lines come out of order. */
  lineRows?: Map<number, TableRow>;
  /** Rows with a Line No. that made no line (an unreadable Type). */
  lineless: { lineNo: number; row: TableRow }[];
}

function readBlanketOrders(read: WorkbookRead): void {
  const t = read.tables.blanketOrders;
  const readings = new Map<string, BlanketOrderReading>();
  // Lines of an order are usually together: the last order read is the next one's guess.
  let current: BlanketOrderReading | undefined;
  let currentKey: string | undefined;
  let lastItemNo: string | undefined;
  let lastItem: Item | undefined;
  // One reader for every row; what names the row is built only for an issue.
  let row: TableRow = t.rows[0];
  let documentNo: string | undefined;
  let lineNo: number | undefined;
  const describe = (): string =>
    documentNo === undefined
      ? `Blanket Orders row ${row.row}`
      : lineNo !== undefined
        ? `Blanket order ${documentNo} line ${lineNo}`
        : `Blanket order ${documentNo} (row ${row.row})`;
  const tableAffects: Subject[] = ["table:blanketOrders"];
  if (!row) return;
  const r = new RowReader(row, read.issues, describe, tableAffects);
  for (row of t.rows) {
    r.next(row, describe, tableAffects);
    documentNo = r.code("documentNo", true);
    const docKey =
      documentNo === undefined
        ? undefined
        : documentNo === current?.order.documentNo
          ? currentKey
          : key(documentNo);
    lineNo = r.integer("lineNo", true);
    let reading: BlanketOrderReading | undefined;
    if (docKey !== undefined && documentNo !== undefined) {
      if (docKey === currentKey) reading = current!;
      else {
        reading = readings.get(docKey);
        if (!reading) {
          reading = {
            order: { documentNo, sellToCustomerNo: "", lines: [] },
            affects: [`blanket:${docKey}`],
            callOffAffects: [`callOff:${docKey}`],
            headerValues: [],
            headerRows: [],
            maxLineNo: -Infinity,
            lineless: [],
          };
          readings.set(docKey, reading);
          read.records.blanketOrders.set(docKey, reading.order);
        }
        current = reading;
        currentKey = docKey;
      }
      r.affects = reading.affects;
    }
    const blanketAffects = r.affects;
    const callOffAffects = reading ? reading.callOffAffects : blanketAffects;
    const sellToCustomerNo = r.code("sellToCustomerNo");
    const sellToCustomerName = r.text("sellToCustomerName");
    const orderDate = r.date("orderDate");
    const externalDocumentNo = r.text("externalDocumentNo");
    const validUntil = r.date("validUntil");
    const typeOpt = r.option("type");
    const no = r.code("no");
    const type = lineType(typeOpt, no);
    if (no !== lastItemNo) {
      lastItemNo = no;
      lastItem = no !== undefined ? read.records.items.get(key(no)) : undefined;
    }
    const item = lastItem;
    const description = r.text("description") ?? item?.description ?? "";
    const variantCode = r.code("variantCode");
    const locationCode = r.code("locationCode");
    const unitOfMeasureCode = r.code("unitOfMeasureCode") ?? item?.baseUnitOfMeasure ?? "";
    const isItem = type === "Item";
    if (isItem && no === undefined) r.code("no", true);
    const quantity = r.number("quantity", isItem);
    const qtyToAtoCell = r.number("qtyToAssembleToOrder");
    const unitPrice = r.number("unitPrice") ?? item?.unitPrice;
    const lineDiscountPercent = r.number("lineDiscountPercent") ?? 0;
    const unitCost = r.number("unitCost");
    const shipmentDate = r.date("shipmentDate");
    let qtyToShip: number | undefined;
    if (!r.isBlank("qtyToShip")) {
      r.affects = callOffAffects;
      qtyToShip = r.number("qtyToShip");
      r.affects = blanketAffects;
    }
    let valid =
      documentNo !== undefined &&
      lineNo !== undefined &&
      type !== undefined &&
      (!isItem || (no !== undefined && quantity !== undefined));
    if (quantity !== undefined && quantity <= 0 && isItem) {
      r.report(
        "QTY_INVALID",
        "quantity",
        MESSAGES.qtyNotPositive(r.what, "Quantity", formatQty(quantity))
      );
      valid = false;
    }
    if (qtyToShip !== undefined && qtyToShip < 0) {
      const message = MESSAGES.qtyNegative(r.what, "Qty. to Ship", formatQty(qtyToShip));
      r.report("QTY_INVALID", "qtyToShip", message, callOffAffects);
    }
    if (negativePrice(r, unitPrice)) valid = false;
    if (negativeAmount(r, "unitCost", "Unit Cost", unitCost)) valid = false;
    if (lineDiscountPercent < 0 || lineDiscountPercent > 100) {
      const message = MESSAGES.discountInvalid(r.what, formatQty(lineDiscountPercent));
      r.report("DISCOUNT_INVALID", "lineDiscountPercent", message);
      valid = false;
    }
    let qtyToAssembleToOrder = 0;
    if (isItem && quantity !== undefined) {
      qtyToAssembleToOrder = qtyToAtoCell ?? (item?.assembleToOrder ? quantity : 0);
      if (
        qtyToAssembleToOrder !== 0 &&
        qtyToAssembleToOrder !== quantity &&
        documentNo !== undefined &&
        lineNo !== undefined
      ) {
        const message = MESSAGES.atoPartial(
          documentNo,
          String(lineNo),
          formatQty(qtyToAssembleToOrder),
          formatQty(quantity)
        );
        r.report("ATO_PARTIAL", "qtyToAssembleToOrder", message);
        valid = false;
      }
    } else if (
      type === "Comment" &&
      qtyToAtoCell &&
      documentNo !== undefined &&
      lineNo !== undefined
    ) {
      r.report(
        "ATO_PARTIAL",
        "qtyToAssembleToOrder",
        MESSAGES.atoOnComment(documentNo, String(lineNo))
      );
    }
    if (documentNo === undefined || reading === undefined) continue;
    // Header fields: a blank cell takes the value of the document's other lines.
    headerField(reading, 0, sellToCustomerNo, r, t);
    headerField(reading, 1, sellToCustomerName, r, t);
    headerField(reading, 2, orderDate, r, t);
    headerField(reading, 3, externalDocumentNo, r, t);
    headerField(reading, 4, validUntil, r, t);
    if (lineNo !== undefined) {
      const earlier = earlierLine(reading, lineNo);
      if (earlier) {
        duplicate(r, "lineNo", `Line ${lineNo} of blanket order ${documentNo}`, earlier);
        continue;
      }
      if (lineNo > reading.maxLineNo) reading.maxLineNo = lineNo;
      reading.lineRows?.set(lineNo, row);
      if (type === undefined) reading.lineless.push({ lineNo, row });
    }
    if (lineNo === undefined || type === undefined) continue;
    reading.order.lines.push({
      documentNo,
      lineNo,
      type: isItem ? "Item" : "Comment",
      no: no ?? "",
      description,
      variantCode,
      locationCode,
      quantity: quantity ?? 0,
      unitOfMeasureCode,
      qtyToAssembleToOrder,
      unitPrice,
      lineDiscountPercent,
      unitCost,
      shipmentDate,
      qtyToShip: qtyToShip !== undefined && qtyToShip > 0 ? qtyToShip : 0,
      storedQuantityOrdered: !r.has("quantityOrdered")
        ? undefined
        : r.isBlank("quantityOrdered")
          ? 0
          : storedNumber(r.raw("quantityOrdered")),
      valid,
      source: sourceOf(row),
    });
  }
  for (const [k, { order, headerValues: values, headerRows }] of readings) {
    order.sellToCustomerNo = String(values[0] ?? "");
    order.sellToCustomerName = values[1] as string | undefined;
    order.orderDate = values[2] as number | undefined;
    order.externalDocumentNo = values[3] as string | undefined;
    order.validUntil = values[4] as number | undefined;
    const validUntilRow = headerRows[4];
    order.validUntilSource = validUntilRow ? sourceOf(validUntilRow) : undefined;
    if (!headerRows[0] && order.lines.length && t.cols.has("sellToCustomerNo")) {
      read.issues.push(
        issue(
          "VALUE_INVALID",
          { source: order.lines[0].source, field: "sellToCustomerNo" },
          MESSAGES.required(`Blanket order ${order.documentNo}`, "Sell-to Customer No."),
          [`blanket:${k}`]
        )
      );
    }
  }
}

/** A header field of a blanket line: the order's first value, or HEADER_MISMATCH. */
function headerField(
  reading: BlanketOrderReading,
  i: number,
  value: string | number | undefined,
  r: RowReader,
  t: Table
): void {
  if (value === undefined) return;
  const prevRow = reading.headerRows[i];
  if (!prevRow) {
    reading.headerValues[i] = value;
    reading.headerRows[i] = r.row;
    return;
  }
  const prev = reading.headerValues[i]!;
  const field = HEADER_FIELDS[i];
  const same =
    field === "sellToCustomerNo" ? key(String(prev)) === key(String(value)) : prev === value;
  if (same) return;
  const prevCell = cellRef(t.cols.get(field) ?? 0, prevRow.row);
  const message = MESSAGES.headerMismatch(
    reading.order.documentNo,
    HEADER_CAPTIONS[field],
    String(value),
    String(prev),
    prevCell
  );
  r.report("HEADER_MISMATCH", field, message);
}

/** The row of an earlier line of the order with this Line No., if any. */
function earlierLine(reading: BlanketOrderReading, lineNo: number): TableRow | undefined {
  if (lineNo > reading.maxLineNo) return undefined;
  if (!reading.lineRows) {
    // Out of order: from now on the order's rows are kept by Line No.
    const rows = new Map<number, TableRow>();
    for (const l of reading.order.lines) rows.set(l.lineNo, rowOf(l.source));
    for (const l of reading.lineless) rows.set(l.lineNo, l.row);
    reading.lineRows = rows;
  }
  return reading.lineRows.get(lineNo);
}

function readBlanketAssemblyOrders(read: WorkbookRead): void {
  const t = read.tables.blanketAssemblyOrders;
  const byNo = new Map<string, BlanketAssemblyOrder>();
  const lineSeen = new Set<string>();
  for (const row of t.rows) {
    const r = new RowReader(row, read.issues, `Blanket Assembly Orders row ${row.row}`, [
      "table:blanketAssemblyOrders",
    ]);
    const assemblyOrderNo = r.code("assemblyOrderNo", true);
    if (assemblyOrderNo === undefined) continue;
    r.affects = [`blanketAssembly:${key(assemblyOrderNo)}`];
    const lineNo = r.integer("lineNo");
    r.what =
      lineNo !== undefined
        ? `Blanket assembly order ${assemblyOrderNo} line ${lineNo}`
        : `Blanket assembly order ${assemblyOrderNo} (row ${row.row})`;
    let order = byNo.get(key(assemblyOrderNo));
    if (!order) {
      order = {
        assemblyOrderNo,
        blanketOrderNo: "",
        assemblyItemNo: "",
        assemblyQuantity: NaN,
        assemblyUnitOfMeasure: "",
        lines: [],
        sources: [],
        valid: true,
      };
      byNo.set(key(assemblyOrderNo), order);
      read.records.blanketAssemblyOrders.push(order);
    }
    order.sources.push(sourceOf(row));
    // Header columns are derived from the blanket line: read the link strictly, the rest
    // only to see whether the order is up to date.
    const blanketOrderNo = r.code("blanketOrderNo");
    const blanketOrderLineNo = r.integer("blanketOrderLineNo");
    if (blanketOrderNo !== undefined && !order.blanketOrderNo)
      order.blanketOrderNo = blanketOrderNo;
    if (blanketOrderLineNo !== undefined && order.blanketOrderLineNo === undefined)
      order.blanketOrderLineNo = blanketOrderLineNo;
    if (order.sources.length === 1) {
      const lenient = new RowReader(row, undefined, r.what, r.affects);
      order.assemblyItemNo = lenient.code("assemblyItemNo") ?? "";
      order.assemblyQuantity = lenient.number("assemblyQuantity") ?? NaN;
      order.assemblyUnitOfMeasure = lenient.code("assemblyUnitOfMeasure") ?? "";
      order.dueDate = lenient.date("dueDate");
      order.locationCode = lenient.code("locationCode");
      order.variantCode = lenient.code("assemblyVariantCode");
    }
    if (lineNo !== undefined) {
      const k = `${key(assemblyOrderNo)}\u0000${lineNo}`;
      if (lineSeen.has(k)) {
        r.report(
          "DUPLICATE_KEY",
          "lineNo",
          MESSAGES.aoLineDuplicate(assemblyOrderNo, String(lineNo))
        );
        order.valid = false;
      } else lineSeen.add(k);
    }
    const { component, usable } = readComponent(r);
    if (!usable) order.valid = false;
    if (component)
      order.lines.push({ lineNo: lineNo ?? NaN, ...component, quantity: 0, source: sourceOf(row) });
  }
  for (const order of read.records.blanketAssemblyOrders) {
    // Added rows without a Line No. get the next free number, in sheet order.
    let max = 0;
    for (const l of order.lines) if (!Number.isNaN(l.lineNo)) max = Math.max(max, l.lineNo);
    for (const l of order.lines)
      if (Number.isNaN(l.lineNo)) l.lineNo = max = Math.floor(max / 10000) * 10000 + 10000;
    order.lines.sort((a, b) => a.lineNo - b.lineNo);
  }
}

function readSalesLines(read: WorkbookRead): void {
  const t = read.tables.salesOrders;
  const first = new Map<string, TableRow>();
  for (const row of t.rows) {
    const r = new RowReader(row, read.issues, `Sales Orders row ${row.row}`, ["sales:?"]);
    const blanketOrderNo = r.code("blanketOrderNo");
    if (blanketOrderNo !== undefined) r.affects = [`sales:${key(blanketOrderNo)}`];
    const documentNo = r.code("documentNo", true);
    const lineNo = r.integer("lineNo", true);
    if (documentNo !== undefined && lineNo !== undefined)
      r.what = `Sales order ${documentNo} line ${lineNo}`;
    const no = r.code("no");
    const type = lineType(r.option("type"), no);
    const blanketOrderLineNo = r.integer("blanketOrderLineNo");
    const quantity = r.number("quantity", type === "Item");
    const unitOfMeasureCode = r.code("unitOfMeasureCode") ?? "";
    const assemblyOrderNo = r.code("assemblyOrderNo");
    if (documentNo === undefined || lineNo === undefined) continue;
    const k = `${key(documentNo)}\u0000${lineNo}`;
    const earlier = first.get(k);
    if (earlier) {
      duplicate(r, "lineNo", `Line ${lineNo} of sales order ${documentNo}`, earlier);
      continue;
    }
    first.set(k, row);
    if (type === undefined || (type === "Item" && quantity === undefined)) continue;
    // What the product wrote and never decides on: read leniently.
    const lenient = new RowReader(row, undefined, r.what, r.affects);
    const line: SalesLine & { source: Source } = {
      documentNo,
      sellToCustomerNo: lenient.code("sellToCustomerNo"),
      sellToCustomerName: lenient.text("sellToCustomerName"),
      orderDate: lenient.date("orderDate"),
      externalDocumentNo: lenient.text("externalDocumentNo"),
      lineNo,
      type: type === "Comment" ? "Comment" : "Item",
      no: no ?? "",
      description: lenient.text("description"),
      quantity: quantity ?? 0,
      unitOfMeasureCode,
      shipmentDate: lenient.date("shipmentDate"),
      blanketOrderNo,
      blanketOrderLineNo,
      assemblyOrderNo,
      source: sourceOf(row),
    };
    read.records.salesLines.push(line);
  }
}

/** A number the product wrote (Quantity Ordered): read leniently, undefined when it is not one. */
function storedNumber(v: CellValue | undefined): number | undefined {
  let n: number | undefined;
  if (typeof v === "number") n = v;
  else if (typeof v === "string" && /^\s*[+-]?(\d+(\.\d*)?|\.\d+)\s*$/.test(v)) n = Number(v);
  return n !== undefined && Number.isFinite(n) && Math.abs(n) <= MAX_INPUT
    ? roundQty(n)
    : undefined;
}

/** A number cell that only informs (NaN when blank or not a number), never an issue. */
function lenientNumber(r: RowReader, field: string): number {
  const v = r.raw(field);
  return typeof v === "number" && Number.isFinite(v) ? v : NaN;
}

function readAssemblyOrderLines(read: WorkbookRead): void {
  const t = read.tables.assemblyOrders;
  const affectsOf = new Map<string, Subject>();
  for (const s of read.records.salesLines)
    if (s.assemblyOrderNo && s.blanketOrderNo)
      affectsOf.set(key(s.assemblyOrderNo), `sales:${key(s.blanketOrderNo)}`);
  for (const row of t.rows) {
    const r = new RowReader(row, read.issues, `Assembly Orders row ${row.row}`, ["sales:?"]);
    const assemblyOrderNo = r.code("assemblyOrderNo", true);
    if (assemblyOrderNo === undefined) continue;
    r.affects = [affectsOf.get(key(assemblyOrderNo)) ?? "sales:?"];
    const lineNo = r.integer("lineNo");
    r.what = `Assembly order ${assemblyOrderNo} line ${lineNo ?? `(row ${row.row})`}`;
    const no = r.code("no");
    const type = lineType(r.option("type"), no);
    const quantity = r.number("quantity");
    const line: AssemblyOrderLine = {
      assemblyOrderNo,
      salesOrderNo: r.code("salesOrderNo"),
      salesOrderLineNo: r.integer("salesOrderLineNo"),
      blanketAssemblyOrderNo: r.code("blanketAssemblyOrderNo"),
      lineNo: lineNo ?? NaN,
      type: type ?? "Comment",
      no: no ?? "",
      // What a call-off used, for conservation: read leniently (the product wrote them).
      quantityPer: lenientNumber(r, "quantityPer"),
      assemblyQuantity: lenientNumber(r, "assemblyQuantity"),
      quantity: quantity ?? 0,
      unitOfMeasureCode: r.code("unitOfMeasureCode"),
      dueDate: r.date("dueDate"),
      resourceUsageType: r.option("resourceUsageType") === "Fixed" ? "Fixed" : "Direct",
      source: sourceOf(row),
    };
    read.records.assemblyOrderLines.push(line);
  }
}

function readSetup(read: WorkbookRead): void {
  for (const row of read.tables.setup.rows) {
    const r = new RowReader(row, read.issues, `Setup row ${row.row}`, ["setup"]);
    const setting = r.text("setting");
    if (setting === undefined) continue;
    read.records.setup.push({
      setting: setting.trim(),
      value: r.text("value")?.trim(),
      lastNoUsed: r.text("lastNoUsed")?.trim(),
      source: sourceOf(row),
    });
  }
}

/** The blanket order line read from a sheet row, if any. */
export function blanketLineAtRow(read: WorkbookRead, row: number): BlanketOrderLine | undefined {
  for (const o of read.records.blanketOrders.values())
    for (const l of o.lines) if (rowOf(l.source).row === row) return l;
  return undefined;
}

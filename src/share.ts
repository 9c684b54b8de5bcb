/**
 * The customer's copy of the workbook and the call-off that comes back in it.
 * `share` keeps only one customer's blanket orders, their sales orders and the agreed
 * assembly specification (item components and quantities, nothing internal), protected
 * but for Qty. to Ship. `importCallOff` checks the returned copy against the workbook and
 * takes its Qty. to Ship entries back. Pure, like the engine.
 */
import { quantityOrdered } from "./domain/analysis";
import { Issue, IssueLog, key, publicIssue } from "./domain/issues";
import { BlanketLine } from "./domain/model";
import { subQty } from "./domain/quantity";
import { validateWorkbook } from "./domain/validate";
import { CellValue, cellRef, findSheet, WorkbookGrids } from "./workbook/grid";
import { parseWorkbook } from "./workbook/parse";
import { columnUpdates } from "./workbook/render";
import { BLANKET_ORDERS, column, ColumnFormat } from "./workbook/schema";
import { TableWrite, WritePlan } from "./workbook/writePlan";

export const COPY_INFO_SHEET = "Shared Copy";

interface Col {
  header: string;
  format: ColumnFormat;
}

const col = (header: string, format: ColumnFormat): Col => ({ header, format });

const COPY_BLANKET: Col[] = [
  col("Document No.", "text"),
  col("Sell-to Customer No.", "text"),
  col("Sell-to Customer Name", "text"),
  col("External Document No.", "text"),
  col("Valid Until", "date"),
  col("Line No.", "integer"),
  col("No.", "text"),
  col("Description", "text"),
  col("Quantity", "quantity"),
  col("Unit of Measure Code", "text"),
  col("Unit Price", "amount"),
  col("Shipment Date", "date"),
  col("Quantity Ordered", "quantity"),
  col("Remaining Quantity", "quantity"),
  col("Qty. to Ship", "quantity"),
];
const COPY_SALES: Col[] = [
  col("Document No.", "text"),
  col("Order Date", "date"),
  col("External Document No.", "text"),
  col("Line No.", "integer"),
  col("No.", "text"),
  col("Description", "text"),
  col("Quantity", "quantity"),
  col("Unit of Measure Code", "text"),
  col("Shipment Date", "date"),
  col("Blanket Order No.", "text"),
  col("Blanket Order Line No.", "integer"),
];
const COPY_SPEC: Col[] = [
  col("Blanket Order No.", "text"),
  col("Blanket Order Line No.", "integer"),
  col("Assembly Item No.", "text"),
  col("Line No.", "integer"),
  col("No.", "text"),
  col("Description", "text"),
  col("Quantity per", "quantity"),
  col("Unit of Measure Code", "text"),
];

function table(
  sheet: string,
  cols: Col[],
  rows: CellValue[][],
  editable: string[] = []
): TableWrite {
  return {
    kind: "table",
    sheet,
    tableName: sheet.replace(/[^A-Za-z0-9]/g, ""),
    startRow: 1,
    headers: cols.map((c) => c.header),
    formats: cols.map((c) => c.format),
    rows,
    previousRows: 0,
    previousColumns: 0,
    protect: { editableColumns: editable.map((h) => cols.findIndex((c) => c.header === h)) },
  };
}

export interface ShareResult {
  ok: boolean;
  issues: Issue[];
  /** The plan that writes the copy into a new, empty workbook. */
  plan?: WritePlan;
  blanketOrders: string[];
}

export function share(grids: WorkbookGrids, customerNo: string, today: number): ShareResult {
  const wb = parseWorkbook(grids);
  const a = validateWorkbook(wb);
  const orders = [...wb.blanketOrders.values()].filter(
    (o) => key(o.customerNo) === key(customerNo)
  );
  if (!orders.length) {
    const log = new IssueLog();
    const t = wb.tables.blanket;
    log.add(
      "ORDER_NOT_FOUND",
      t.sheet,
      cellRef(t.cols.get("customerNo") ?? 0, t.headerRow || 1),
      `There is no blanket order for customer ${customerNo} on the Blanket Orders sheet. Check the customer number.`,
      []
    );
    return { ok: false, issues: log.list.map(publicIssue), blanketOrders: [] };
  }
  const docs = new Set(orders.map((o) => key(o.docNo)));
  const blanketRows: CellValue[][] = [];
  for (const o of orders) {
    for (const l of o.lines) {
      const ordered = l.type === "Item" ? quantityOrdered(a, l) : null;
      blanketRows.push([
        o.docNo,
        o.customerNo,
        o.customerName ?? null,
        o.externalDocNo ?? null,
        o.validUntil ?? null,
        l.lineNo,
        l.no || null,
        l.description || null,
        l.type === "Item" ? l.quantity : null,
        l.type === "Item" ? l.uom : null,
        l.type === "Item" ? (l.unitPrice ?? null) : null,
        l.shipmentDate ?? null,
        ordered,
        ordered === null ? null : subQty(l.quantity, ordered),
        l.qtyToShip || null,
      ]);
    }
  }
  const sales = wb.salesLines.filter((s) => s.blanketDocNo && docs.has(key(s.blanketDocNo)));
  const salesGrid = findSheet(grids, wb.tables.sales.sheet);
  const salesRows: CellValue[][] = sales.map((s) => {
    const raw = salesGrid?.rows[s.row - 1] ?? [];
    const at = (k: string): CellValue => raw[wb.tables.sales.cols.get(k) ?? -1] ?? null;
    return [
      s.docNo,
      at("orderDate"),
      at("externalDocNo"),
      s.lineNo,
      s.no || null,
      at("description"),
      s.type === "Item" ? s.quantity : null,
      s.uom || null,
      at("shipmentDate"),
      s.blanketDocNo ?? null,
      s.blanketLineNo ?? null,
    ];
  });
  // The agreed build: item components and comments; labour and setup stay internal.
  const specRows: CellValue[][] = [];
  for (const bao of wb.baos) {
    if (!docs.has(key(bao.blanketDocNo))) continue;
    for (const l of bao.lines) {
      if (l.type === "Resource") continue;
      const comment = l.type === "Comment";
      specRows.push([
        bao.blanketDocNo,
        bao.blanketLineNo ?? null,
        bao.itemNo,
        l.lineNo,
        comment ? null : l.no,
        l.description ?? null,
        comment ? null : l.qtyPer,
        comment ? null : (l.uom ?? null),
      ]);
    }
  }
  const info: CellValue[][] = [
    ["Customer No.", orders[0].customerNo],
    ["Customer Name", orders[0].customerName ?? null],
    ["Shared On", today],
    [
      "How to call off",
      "Enter the quantities you call off in Qty. to Ship on the Blanket Orders sheet, save, and send the workbook back.",
    ],
  ];
  const plan: WritePlan = {
    writes: [
      table("Blanket Orders", COPY_BLANKET, blanketRows, ["Qty. to Ship"]),
      table("Sales Orders", COPY_SALES, salesRows),
      table("Assembly Specification", COPY_SPEC, specRows),
      {
        ...table(COPY_INFO_SHEET, [col("Field", "text"), col("Value", "general")], info),
        headers: ["Field", "Value"],
      },
    ],
  };
  return { ok: true, issues: [], plan, blanketOrders: orders.map((o) => o.docNo) };
}

export interface ImportResult {
  ok: boolean;
  errors: number;
  warnings: number;
  issues: Issue[];
  plan?: WritePlan;
  /** Lines whose Qty. to Ship the copy sets, as "BSO-1001 10000=4". */
  callOff: string[];
}

/**
 * Takes the customer's Qty. to Ship entries from their copy into the workbook, after
 * checking the copy is that customer's and its agreement still matches the workbook.
 */
export function importCallOff(master: WorkbookGrids, copy: WorkbookGrids): ImportResult {
  const wb = parseWorkbook(master);
  const log = new IssueLog();
  const fail = (sheet: string, cell: string, message: string): void =>
    log.add("COPY_MISMATCH", sheet, cell, message, []);
  const infoSheet = findSheet(copy, COPY_INFO_SHEET);
  const customer = infoSheet?.rows.find((r) => r[0] === "Customer No.")?.[1];
  const blanket = findSheet(copy, "Blanket Orders");
  if (!infoSheet || typeof customer !== "string" || !blanket) {
    fail(
      infoSheet ? COPY_INFO_SHEET : "Blanket Orders",
      "A1",
      "This workbook is not a customer copy made by bao share (its Shared Copy or Blanket Orders sheet is missing)."
    );
    return done(log, undefined, []);
  }
  const headers = (blanket.rows[0] ?? []).map((h) => String(h ?? ""));
  const at = (name: string): number => headers.indexOf(name);
  const needed = [
    "Document No.",
    "Sell-to Customer No.",
    "Line No.",
    "No.",
    "Quantity",
    "Unit of Measure Code",
    "Shipment Date",
    "Qty. to Ship",
  ];
  for (const h of needed)
    if (at(h) < 0)
      fail(
        "Blanket Orders",
        "A1",
        `The customer copy has no '${h}' column; it was changed after it was shared.`
      );
  if (log.list.length) return done(log, undefined, []);
  const lines = new Map<string, { row: number; line: BlanketLine }>();
  for (const o of wb.blanketOrders.values())
    for (const l of o.lines) lines.set(`${key(o.docNo)}\u0000${l.lineNo}`, { row: l.row, line: l });
  const toShip = new Map<number, CellValue>();
  const callOff: string[] = [];
  const seen = new Set<string>();
  blanket.rows.slice(1).forEach((cells, i) => {
    const row = i + 2;
    if (!cells.some((c) => c !== null && c !== "")) return;
    const ref = (h: string): string => cellRef(at(h), row);
    const doc = String(cells[at("Document No.")] ?? "");
    const lineNo = Number(cells[at("Line No.")]);
    const order = wb.blanketOrders.get(key(doc));
    if (String(cells[at("Sell-to Customer No.")] ?? "").toUpperCase() !== customer.toUpperCase()) {
      return fail(
        "Blanket Orders",
        ref("Sell-to Customer No."),
        `Blanket order ${doc} in the copy is for customer ${String(cells[at("Sell-to Customer No.")])}, not ${customer}, whose copy this is.`
      );
    }
    if (!order || key(order.customerNo) !== key(customer)) {
      return fail(
        "Blanket Orders",
        ref("Document No."),
        `Blanket order ${doc} is not one of customer ${customer}'s blanket orders in this workbook.`
      );
    }
    const found = lines.get(`${key(doc)}\u0000${lineNo}`);
    if (!found)
      return fail(
        "Blanket Orders",
        ref("Line No."),
        `Blanket order ${doc} has no line ${String(cells[at("Line No.")])} in this workbook.`
      );
    seen.add(`${key(doc)}\u0000${lineNo}`);
    const l = found.line;
    const agreed: [string, CellValue, CellValue][] = [
      ["No.", cells[at("No.")] ?? null, l.no || null],
      ["Quantity", cells[at("Quantity")] ?? null, l.type === "Item" ? l.quantity : null],
      [
        "Unit of Measure Code",
        cells[at("Unit of Measure Code")] ?? null,
        l.type === "Item" ? l.uom : null,
      ],
      ["Shipment Date", cells[at("Shipment Date")] ?? null, l.shipmentDate ?? null],
    ];
    for (const [h, got, want] of agreed) {
      const same =
        typeof got === "string" && typeof want === "string" ? key(got) === key(want) : got === want;
      if (!same)
        fail(
          "Blanket Orders",
          ref(h),
          `Blanket order ${doc} line ${lineNo}: ${h} is ${String(got ?? "(blank)")} in the copy but ${String(want ?? "(blank)")} in the agreement. Only Qty. to Ship may be changed in a customer copy.`
        );
    }
    const q = cells[at("Qty. to Ship")] ?? null;
    if (q !== null && q !== "" && (typeof q !== "number" || !(q >= 0))) {
      return fail(
        "Blanket Orders",
        ref("Qty. to Ship"),
        `Blanket order ${doc} line ${lineNo}: Qty. to Ship is '${String(q)}', which is not a quantity.`
      );
    }
    const value = typeof q === "number" && q > 0 ? q : null;
    toShip.set(found.row, value);
    if (value !== null) callOff.push(`${doc} ${lineNo}=${value}`);
  });
  for (const [k, { line }] of lines) {
    if (key(wb.blanketOrders.get(key(line.docNo))!.customerNo) === key(customer) && !seen.has(k)) {
      fail(
        "Blanket Orders",
        "A1",
        `Blanket order ${line.docNo} line ${line.lineNo} is missing from the copy; it was changed after it was shared.`
      );
    }
  }
  if (log.list.some((i) => i.severity === "error")) return done(log, undefined, []);
  const spec = column(BLANKET_ORDERS, "qtyToShip");
  const plan: WritePlan = {
    writes: [
      columnUpdates(
        wb.tables.blanket,
        [{ key: "qtyToShip", header: spec.header, format: "quantity", values: toShip }],
        false
      ),
    ],
  };
  return done(log, plan, callOff);
}

function done(log: IssueLog, plan: WritePlan | undefined, callOff: string[]): ImportResult {
  const issues = log.list.map(publicIssue);
  const errors = issues.filter((i) => i.severity === "error").length;
  return {
    ok: errors === 0 && plan !== undefined,
    errors,
    warnings: issues.length - errors,
    issues,
    plan,
    callOff,
  };
}

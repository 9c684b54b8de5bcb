/**
 * The sample workbook: a make-to-order assembler's planning workbook. Three customers,
 * three blanket orders across 2027, assemble-to-order desks, chairs and lamps (lamps
 * sold in boxes of 6), labour (Direct) and machine setup (Fixed) resources; one blanket
 * assembly order customized, one earlier call-off made, and the next call-off entered.
 * Built with the engine itself, so it always validates. Used by samples/make-sample.ts
 * (the .xlsx file) and by the task pane's "Load sample data".
 */
import { assemble, makeOrder, validate } from "../engine";
import { applyPlan } from "../workbook/applyPlan";
import { CellValue, findSheet, WorkbookGrids } from "../workbook/grid";
import { HistoryStamp, withHistory } from "../workbook/history";
import {
  ASSEMBLY_BOMS,
  BLANKET_ORDERS,
  ITEM_UNITS,
  ITEMS,
  LOCATIONS,
  RESOURCES,
  SETUP,
  SheetSpec,
} from "../workbook/schema";
import { isoToSerial } from "../domain/dates";
import { newSheet } from "../workbook/documents";
import { SheetWrite, WritePlan } from "../workbook/writePlan";

const d = (iso: string): number => isoToSerial(iso)!;

type Row = Record<string, CellValue>;

const items: Row[] = [
  {
    "No.": "KIT-DESK",
    Description: "Sit-stand desk kit, assembled",
    "Base Unit of Measure": "PCS",
    "Assembly Policy": "Assemble-to-Order",
    "Unit Price": 489,
  },
  {
    "No.": "KIT-CHAIR",
    Description: "Ergonomic office chair, assembled",
    "Base Unit of Measure": "PCS",
    "Assembly Policy": "Assemble-to-Order",
    "Unit Price": 238.5,
  },
  {
    "No.": "KIT-LAMP",
    Description: "LED task lamp",
    "Base Unit of Measure": "PCS",
    "Assembly Policy": "Assemble-to-Order",
    "Unit Price": 32.9,
  },
  {
    "No.": "FRAME-01",
    Description: "Desk frame, steel, black",
    "Base Unit of Measure": "PCS",
    "Unit Price": 140,
    "Unit Cost": 86.4,
    Inventory: 400,
  },
  {
    "No.": "TOP-160",
    Description: "Desktop 160 x 80 cm, oak",
    "Base Unit of Measure": "PCS",
    "Unit Price": 95,
    "Unit Cost": 58.1,
    Inventory: 260,
  },
  {
    "No.": "TOP-180",
    Description: "Desktop 180 x 90 cm, oak",
    "Base Unit of Measure": "PCS",
    "Unit Price": 118,
    "Unit Cost": 72.25,
    Inventory: 40,
  },
  {
    "No.": "MOTOR-2",
    Description: "Dual lift motor with controller",
    "Base Unit of Measure": "PCS",
    "Unit Price": 120,
    "Unit Cost": 79.9,
    Inventory: 300,
  },
  {
    "No.": "CABLE-TRAY",
    Description: "Cable tray, under-desk",
    "Base Unit of Measure": "PCS",
    "Unit Price": 12,
    "Unit Cost": 6.35,
    Inventory: 500,
  },
  {
    "No.": "SCREW-SET",
    Description: "Screw set M6 (bag)",
    "Base Unit of Measure": "PCS",
    "Unit Price": 3.2,
    "Unit Cost": 1.42,
    Inventory: 2400,
  },
  {
    "No.": "MONITOR-ARM",
    Description: "Monitor arm, single",
    "Base Unit of Measure": "PCS",
    "Unit Price": 39,
    "Unit Cost": 22.8,
    Inventory: 60,
  },
  {
    "No.": "SEAT-01",
    Description: "Seat and back, mesh",
    "Base Unit of Measure": "PCS",
    "Unit Price": 88,
    "Unit Cost": 51.75,
    Inventory: 420,
  },
  {
    "No.": "BASE-05",
    Description: "Five-star base, aluminium",
    "Base Unit of Measure": "PCS",
    "Unit Price": 34,
    "Unit Cost": 19.6,
    Inventory: 420,
  },
  {
    "No.": "CASTOR",
    Description: "Castor, soft floor",
    "Base Unit of Measure": "PCS",
    "Unit Price": 1.9,
    "Unit Cost": 0.88,
    Inventory: 3000,
  },
  {
    "No.": "ARM-PAIR",
    Description: "Armrests 3D (pair)",
    "Base Unit of Measure": "PCS",
    "Unit Price": 21,
    "Unit Cost": 11.9,
    Inventory: 420,
  },
  {
    "No.": "LAMP-HEAD",
    Description: "LED head 8 W",
    "Base Unit of Measure": "PCS",
    "Unit Price": 9.5,
    "Unit Cost": 5.05,
    Inventory: 600,
  },
  {
    "No.": "LAMP-ARM",
    Description: "Lamp arm with clamp",
    "Base Unit of Measure": "PCS",
    "Unit Price": 6.8,
    "Unit Cost": 3.6,
    Inventory: 600,
  },
  {
    "No.": "USB-PSU",
    Description: "USB-C power supply 15 W",
    "Base Unit of Measure": "PCS",
    "Unit Price": 4.1,
    "Unit Cost": 2.15,
    Inventory: 600,
  },
];

const itemUnits: Row[] = [
  { "Item No.": "KIT-LAMP", Code: "BOX", "Qty. per Unit of Measure": 6 },
  { "Item No.": "SCREW-SET", Code: "CARTON", "Qty. per Unit of Measure": 50 },
];

const resources: Row[] = [
  {
    "No.": "ASSEMBLY",
    Name: "Assembly labour",
    "Base Unit of Measure": "HOUR",
    "Unit Price": 65,
    "Unit Cost": 42,
  },
  {
    "No.": "SETUP",
    Name: "Line setup",
    "Base Unit of Measure": "HOUR",
    "Unit Price": 90,
    "Unit Cost": 55,
  },
];

const locations: Row[] = [
  { Code: "MAIN", Name: "Main warehouse, Borlange" },
  { Code: "SOUTH", Name: "Assembly hall south, Malmo" },
];

const bomLine = (
  parent: string,
  line: number,
  type: string,
  no: string,
  quantityPer: number | null,
  extra: Row = {}
): Row => ({
  "Parent Item No.": parent,
  "Line No.": line,
  Type: type,
  "No.": no,
  "Quantity per": quantityPer,
  ...extra,
});

const boms: Row[] = [
  bomLine("KIT-DESK", 10000, "Item", "FRAME-01", 1, { Position: "A" }),
  bomLine("KIT-DESK", 20000, "Item", "TOP-160", 1, { Position: "B" }),
  bomLine("KIT-DESK", 30000, "Item", "MOTOR-2", 1, { Position: "C" }),
  bomLine("KIT-DESK", 40000, "Item", "CABLE-TRAY", 1),
  bomLine("KIT-DESK", 50000, "Item", "SCREW-SET", 2),
  bomLine("KIT-DESK", 60000, "", "", null, { Description: "Torque frame screws to 8 Nm" }),
  bomLine("KIT-DESK", 70000, "Resource", "ASSEMBLY", 0.75, { "Resource Usage Type": "Direct" }),
  bomLine("KIT-DESK", 80000, "Resource", "SETUP", 0.5, { "Resource Usage Type": "Fixed" }),
  bomLine("KIT-CHAIR", 10000, "Item", "SEAT-01", 1),
  bomLine("KIT-CHAIR", 20000, "Item", "BASE-05", 1),
  bomLine("KIT-CHAIR", 30000, "Item", "CASTOR", 5),
  bomLine("KIT-CHAIR", 40000, "Item", "ARM-PAIR", 1),
  bomLine("KIT-CHAIR", 50000, "Resource", "ASSEMBLY", 0.4, { "Resource Usage Type": "Direct" }),
  bomLine("KIT-LAMP", 10000, "Item", "LAMP-HEAD", 1),
  bomLine("KIT-LAMP", 20000, "Item", "LAMP-ARM", 1),
  bomLine("KIT-LAMP", 30000, "Item", "USB-PSU", 1),
  bomLine("KIT-LAMP", 40000, "Resource", "ASSEMBLY", 0.1, { "Resource Usage Type": "Direct" }),
  bomLine("KIT-LAMP", 50000, "Resource", "SETUP", 0.25, { "Resource Usage Type": "Fixed" }),
];

const blanketLine = (
  doc: string,
  line: number,
  no: string,
  qty: number,
  ship: string,
  extra: Row = {}
): Row => ({
  "Document No.": doc,
  "Line No.": line,
  Type: "Item",
  "No.": no,
  Quantity: qty,
  "Shipment Date": d(ship),
  ...extra,
});

const adatum = {
  "Sell-to Customer No.": "C10000",
  "Sell-to Customer Name": "Adatum Corporation",
  "Order Date": d("2026-10-01"),
  "External Document No.": "ADT-FRAME-2027",
};
const trey = {
  "Sell-to Customer No.": "C20000",
  "Sell-to Customer Name": "Trey Research",
  "Order Date": d("2026-10-20"),
  "External Document No.": "PO 55-1920",
};
const school = {
  "Sell-to Customer No.": "C30000",
  "Sell-to Customer Name": "School of Fine Art",
  "Order Date": d("2026-11-05"),
  "External Document No.": "SFA/FURN/27",
};

const blanket: Row[] = [
  blanketLine("BSO-1001", 10000, "KIT-DESK", 120, "2027-02-15", {
    ...adatum,
    "Line Discount %": 5,
    "Location Code": "MAIN",
  }),
  blanketLine("BSO-1001", 20000, "KIT-CHAIR", 200, "2027-03-15", {
    "Line Discount %": 5,
    "Location Code": "MAIN",
  }),
  {
    "Document No.": "BSO-1001",
    "Line No.": 30000,
    Description: "Deliver to dock 4, weekdays 7-15 h",
  },
  blanketLine("BSO-1002", 10000, "KIT-LAMP", 40, "2027-04-30", {
    ...trey,
    "Unit of Measure Code": "BOX",
    "Unit Price": 189,
  }),
  blanketLine("BSO-1002", 20000, "KIT-DESK", 30, "2027-09-30"),
  blanketLine("BSO-1002", 30000, "SCREW-SET", 4, "2027-06-30", {
    "Unit of Measure Code": "CARTON",
    "Unit Price": 150,
  }),
  blanketLine("BSO-1003", 10000, "KIT-CHAIR", 60, "2027-08-31", {
    ...school,
    "Location Code": "SOUTH",
  }),
  blanketLine("BSO-1003", 20000, "KIT-LAMP", 10, "2027-11-30", {
    "Unit of Measure Code": "BOX",
    "Unit Price": 189,
  }),
];

const setup: Row[] = [
  { Setting: "Sales Order Nos.", Value: "SO-27001" },
  { Setting: "Assembly Order Nos.", Value: "AO-27001" },
  { Setting: "Blanket Assembly Order Nos.", Value: "BA-27001" },
];

const about: CellValue[][] = [
  ["Fabrikam Office Furniture: blanket agreements 2027"],
  [
    "Planner: J. Lindqvist. Each customer gets their own copy (bao share, or Share with customer in the pane's Plan tab) and sends their call-off back in it (bao import-call-off, or Import call-off).",
  ],
  [],
  ["Sheets"],
  [
    "Items, Item Units, Resources, Assembly BOMs, Locations",
    "master data, as in Business Central; Unit Price and Unit Cost feed the roll-ups, Inventory the availability check",
  ],
  ["Blanket Orders", "the agreements; enter the customer's next call-off in Qty. to Ship"],
  [
    "Blanket Assembly Orders",
    "how each assemble-to-order line is built; edit Quantity per, No., Description",
  ],
  ["Sales Orders, Assembly Orders", "made from call-offs by Make Order"],
  ["Document History", "what every command did, one row per document, with when and where"],
];

function tableWrite(spec: SheetSpec, rows: Row[]): SheetWrite {
  // Every column, as a planner's "Edit in Excel" export has them, except unused variants.
  const used = spec.columns.filter(
    (c) => c.key !== "variantCode" || rows.some((r) => r[c.header] !== undefined)
  );
  return newSheet(
    spec.name,
    spec.tableName,
    used.map((c) => c.header),
    used.map((c) => c.format ?? "general"),
    rows.map((r) => used.map((c) => r[c.header] ?? null))
  );
}

function editCell(
  grids: WorkbookGrids,
  sheet: string,
  match: (row: Record<string, CellValue>) => boolean,
  header: string,
  value: CellValue
): void {
  const s = findSheet(grids, sheet)!;
  const headers = s.rows[0].map(String);
  const col = headers.indexOf(header);
  const row = s.rows
    .slice(1)
    .find((r) => match(Object.fromEntries(headers.map((h, i) => [h, r[i] ?? null]))));
  if (!row || col < 0) throw new Error(`sample: no ${header} to edit on ${sheet}`);
  row[col] = value;
}

/** The sample workbook's sheets as grids. */
/** The History sheet's stamp of a step the sample's planner took with bao (a day and an hour). */
const at = (day: string, hour: number): HistoryStamp => ({
  when: d(day) + hour / 24,
  where: "bao",
});

export function sampleGrids(): WorkbookGrids {
  const input: WritePlan = {
    writes: [
      tableWrite(ITEMS, items),
      tableWrite(ITEM_UNITS, itemUnits),
      tableWrite(RESOURCES, resources),
      tableWrite(ASSEMBLY_BOMS, boms),
      tableWrite(BLANKET_ORDERS, blanket),
      tableWrite(SETUP, setup),
      tableWrite(LOCATIONS, locations),
    ],
  };
  let grids = applyPlan({ sheets: [{ name: "About", rows: about }] }, input);

  // The planner assembled the agreements, then customized Adatum's desks.
  const a = assemble(grids);
  if (!a.ok || !a.plan) throw new Error("sample: assemble failed: " + JSON.stringify(a.issues));
  grids = applyPlan(grids, withHistory(a.plan, grids, at("2026-10-05", 9.25)));
  const isDeskBao = (r: Record<string, CellValue>): boolean =>
    r["Blanket Order No."] === "BSO-1001" && r["Blanket Order Line No."] === 10000;
  editCell(
    grids,
    "Blanket Assembly Orders",
    (r) => isDeskBao(r) && r["No."] === "TOP-160",
    "No.",
    "TOP-180"
  );
  editCell(
    grids,
    "Blanket Assembly Orders",
    (r) => isDeskBao(r) && r["No."] === "TOP-180",
    "Description",
    "Desktop 180 x 90 cm, oak (customer spec)"
  );
  editCell(
    grids,
    "Blanket Assembly Orders",
    (r) => isDeskBao(r) && r["No."] === "CABLE-TRAY",
    "Quantity per",
    2
  );
  const agreed = findSheet(grids, "Blanket Assembly Orders")!;
  const headers = agreed.rows[0].map(String);
  const added: Record<string, CellValue> = {
    "Assembly Order No.": "BA-27001",
    "Line No.": 45000,
    Type: "Item",
    "No.": "MONITOR-ARM",
    Description: "Monitor arm, single (customer spec)",
    "Quantity per": 1,
  };
  agreed.rows.push(headers.map((h) => added[h] ?? null));
  // Refresh once, as the planner would, so the sheet's derived columns are current.
  const refreshed = assemble(grids);
  if (!refreshed.ok || !refreshed.plan) throw new Error("sample: refresh failed");
  grids = applyPlan(grids, withHistory(refreshed.plan, grids, at("2026-10-05", 9.5)));

  // A line agreed later, not assembled yet: the demo's assemble creates its order.
  const blanketSheet = findSheet(grids, "Blanket Orders")!;
  const bHeaders = blanketSheet.rows[0].map(String);
  const late = blanketLine("BSO-1003", 30000, "KIT-DESK", 12, "2027-10-15");
  blanketSheet.rows.push(bHeaders.map((h) => late[h] ?? null));

  // Adatum's first call-off in November.
  const first = makeOrder(grids, {
    blanketOrderNo: "BSO-1001",
    orderDate: d("2026-11-02"),
    qtyToShip: new Map([
      [10000, 20],
      [20000, 40],
    ]),
  });
  if (!first.ok || !first.plan)
    throw new Error("sample: first call-off failed: " + JSON.stringify(first.issues));
  grids = applyPlan(grids, withHistory(first.plan, grids, at("2026-11-02", 14)));
  // The next call-off, entered by the planner after the customer's e-mail.
  editCell(
    grids,
    "Blanket Orders",
    (r) => r["Document No."] === "BSO-1001" && r["Line No."] === 10000,
    "Qty. to Ship",
    30
  );
  editCell(
    grids,
    "Blanket Orders",
    (r) => r["Document No."] === "BSO-1001" && r["Line No."] === 20000,
    "Qty. to Ship",
    50
  );

  const check = validate(grids);
  if (!check.ok)
    throw new Error("sample: does not validate cleanly: " + JSON.stringify(check.issues));

  return grids;
}

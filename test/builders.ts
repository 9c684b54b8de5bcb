import { CommandResult, validate } from "../src/engine";
/**
 * Fixture builders: a test says only what matters in its case, e.g.
 * `workbook({ blanket: [blanket({ qty: 10, ato: 6 })] })`.
 */
import { CellValue, findSheet, SheetGrid, WorkbookGrids } from "../src/workbook/grid";
import { applyPlan } from "../src/workbook/applyPlan";
import { WritePlan } from "../src/workbook/writePlan";
import { isoToSerial } from "../src/domain/dates";

export type Row = Record<string, CellValue | undefined>;

/** A sheet whose headers are the union of the rows' keys, in first-seen order. */
export function sheet(name: string, rows: Row[], headers?: string[]): SheetGrid {
  const cols = headers ? [...headers] : [];
  for (const r of rows) for (const k of Object.keys(r)) if (!cols.includes(k)) cols.push(k);
  return {
    name,
    rows: [
      cols,
      ...rows.map((r) => cols.map((c) => (r[c] === undefined ? null : (r[c] as CellValue)))),
    ],
  };
}

export const date = (iso: string): number => isoToSerial(iso)!;

export const item = (no: string, extra: Row = {}): Row => ({
  "No.": no,
  Description: `${no} description`,
  "Base Unit of Measure": "PCS",
  ...extra,
});
export const atoItem = (no: string, extra: Row = {}): Row =>
  item(no, { "Assembly Policy": "Assemble-to-Order", ...extra });

export const bom = (
  parent: string,
  lineNo: number,
  no: string,
  qtyPer: CellValue,
  extra: Row = {}
): Row => ({
  "Parent Item No.": parent,
  "Line No.": lineNo,
  Type: "Item",
  "No.": no,
  "Quantity per": qtyPer,
  ...extra,
});

export interface BlanketOpts {
  doc?: string;
  line?: number;
  item?: string;
  qty?: CellValue;
  ato?: CellValue;
  ship?: CellValue;
  uom?: string;
  price?: CellValue;
  discount?: CellValue;
  date?: string;
  customer?: string;
  extra?: Row;
}

export function blanket(o: BlanketOpts = {}): Row {
  return {
    "Document No.": o.doc ?? "BSO-1001",
    "Sell-to Customer No.": o.customer ?? "C10000",
    "Sell-to Customer Name": "Adatum Corporation",
    "Line No.": o.line ?? 10000,
    Type: "Item",
    "No.": o.item ?? "KIT",
    Quantity: o.qty ?? 10,
    "Unit of Measure Code": o.uom ?? null,
    "Qty. to Assemble to Order": o.ato ?? null,
    "Unit Price": o.price ?? 100,
    "Line Discount %": o.discount ?? null,
    "Shipment Date": o.date ? date(o.date) : date("2027-03-01"),
    "Qty. to Ship": o.ship ?? null,
    ...o.extra,
  };
}

export interface WorkbookOpts {
  items?: Row[];
  units?: Row[];
  resources?: Row[];
  boms?: Row[];
  blanket?: Row[];
  extra?: SheetGrid[];
}

/** A kit KIT of 2 x PART-A and 1 x PART-B, sold by default on one ATO blanket line of 10. */
export function workbook(o: WorkbookOpts = {}): WorkbookGrids {
  const sheets: SheetGrid[] = [
    sheet("Items", o.items ?? [atoItem("KIT"), item("PART-A"), item("PART-B")]),
    sheet(
      "Assembly BOMs",
      o.boms ?? [bom("KIT", 10000, "PART-A", 2), bom("KIT", 20000, "PART-B", 1)]
    ),
    sheet("Blanket Orders", o.blanket ?? [blanket()]),
  ];
  if (o.units) sheets.push(sheet("Item Units", o.units));
  if (o.resources) sheets.push(sheet("Resources", o.resources));
  sheets.push(...(o.extra ?? []));
  return { sheets };
}

/** The default kit plus CHAIR, another assemble-to-order item (4 x PART-B): for item changes. */
export function kitAndChair(o: WorkbookOpts = {}): WorkbookGrids {
  return workbook({
    items: [atoItem("KIT"), atoItem("CHAIR"), item("PART-A"), item("PART-B")],
    boms: [
      bom("KIT", 10000, "PART-A", 2),
      bom("KIT", 20000, "PART-B", 1),
      bom("CHAIR", 10000, "PART-B", 4),
    ],
    ...o,
  });
}

export function apply(grids: WorkbookGrids, plan: WritePlan | undefined): WorkbookGrids {
  if (!plan) throw new Error("the command wrote nothing");
  // The History sheet is the hosts' part (test/hosts, test/cli); the engine's tests leave it out.
  return applyPlan(grids, { writes: plan.writes });
}

/** A sheet's rows as records keyed by header. */
export function records(grids: WorkbookGrids, name: string): Row[] {
  const s = findSheet(grids, name);
  if (!s) return [];
  const [headers, ...rows] = s.rows;
  return rows
    .filter((r) => r.some((c) => c !== null && c !== ""))
    .map((r) => Object.fromEntries(headers.map((h, i) => [String(h), r[i] ?? null])));
}

/** Replaces one cell, addressed by sheet, row index among records, and header. */
export function edit(
  grids: WorkbookGrids,
  name: string,
  recordIndex: number,
  header: string,
  value: CellValue
): WorkbookGrids {
  const s = findSheet(grids, name)!;
  const col = s.rows[0].indexOf(header);
  if (col < 0) throw new Error(`no column ${header}`);
  const copy: WorkbookGrids = {
    sheets: grids.sheets.map((x) =>
      x === s ? { name: x.name, rows: x.rows.map((r) => [...r]) } : x
    ),
  };
  const target = findSheet(copy, name)!;
  let seen = -1;
  for (let r = 1; r < target.rows.length; r++) {
    if (target.rows[r].some((c) => c !== null && c !== "")) seen++;
    if (seen === recordIndex) {
      while (target.rows[r].length <= col) target.rows[r].push(null);
      target.rows[r][col] = value;
      return copy;
    }
  }
  throw new Error(`no record ${recordIndex} on ${name}`);
}

/**
 * The validate command on a workbook whose blanket lines need not be assembled yet: its
 * ASSEMBLY_MISSING warnings are left out (they have their own tests), the rest is as is.
 */
export function validateUnassembled(grids: WorkbookGrids): CommandResult {
  const r = validate(grids);
  const issues = r.issues.filter((i) => i.code !== "ASSEMBLY_MISSING");
  return { ...r, issues, warnings: issues.length - r.errors };
}

export const codes = (issues: { code: string }[]): string[] => issues.map((i) => i.code);

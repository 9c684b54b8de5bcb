import {
  assemble,
  assemblyOrderAt,
  blanketOrders,
  documentAddress,
  editAssemblyOrder,
  fixAtoPartial,
  makeOrder,
  setQtyToShip,
} from "../../src/engine";
import { WorkbookGrids } from "../../src/workbook/grid";
import { themeFor } from "../../src/taskpane/theme";
import { webDarkTheme, webLightTheme } from "@fluentui/react-components";
import { apply, blanket, date, item, records, workbook } from "../builders";

const assembled = (g: WorkbookGrids): WorkbookGrids => apply(g, assemble(g).plan);

test("blanket order overview: quantities ordered and remaining per line", () => {
  let g = workbook({
    blanket: [
      blanket({ qty: 10, ship: 4 }),
      blanket({ line: 20000, item: "PART-A", qty: 5 }),
      { "Document No.": "BSO-1001", "Line No.": 30000, Description: "note" },
    ],
  });
  g = apply(g, makeOrder(g, { blanketOrderNo: "BSO-1001", orderDate: date("2027-01-01") }).plan);
  const [o] = blanketOrders(g);
  expect(o).toMatchObject({
    documentNo: "BSO-1001",
    sellToCustomerNo: "C10000",
    sellToCustomerName: "Adatum Corporation",
  });
  expect(
    o.lines.map((l) => [
      l.lineNo,
      l.type,
      l.quantityOrdered,
      l.remainingQuantity,
      l.assembleToOrder,
    ])
  ).toEqual([
    [10000, "Item", 4, 6, true],
    [20000, "Item", 0, 5, false],
    [30000, "Comment", 0, 0, false],
  ]);
});

test("Qty. to Ship is written to the line's cell, or cleared", () => {
  const g = workbook({ blanket: [blanket(), blanket({ line: 20000 })] });
  expect(
    records(apply(g, setQtyToShip(g, "bso-1001", 20000, 3)), "Blanket Orders").map(
      (r) => r["Qty. to Ship"]
    )
  ).toEqual([null, 3]);
  const set = apply(g, setQtyToShip(g, "BSO-1001", 10000, 2));
  expect(
    records(apply(set, setQtyToShip(set, "BSO-1001", 10000, null)), "Blanket Orders")[0][
      "Qty. to Ship"
    ]
  ).toBeNull();
  expect(setQtyToShip(g, "BSO-1001", 99999, 1)).toBeUndefined();
});

test("the ATO_PARTIAL fix sets the full quantity; other codes have no fix", () => {
  const g = workbook({ blanket: [blanket({ qty: 8, ato: 3 })] });
  const fix = fixAtoPartial(g, { code: "ATO_PARTIAL", sheet: "Blanket Orders", cell: "I2" })!;
  expect(fix.quantity).toBe(8);
  expect(records(apply(g, fix.plan), "Blanket Orders")[0]["Qty. to Assemble to Order"]).toBe(8);
  expect(
    fixAtoPartial(g, { code: "DISCOUNT_INVALID", sheet: "Blanket Orders", cell: "I2" })
  ).toBeUndefined();
  expect(fixAtoPartial(g, { code: "ATO_PARTIAL", sheet: "Items", cell: "I2" })).toBeUndefined();
});

test("the blanket assembly order at a selection: from its blanket line or its own rows; none for other lines", () => {
  const g = assembled(
    workbook({
      items: [
        item("KIT", { "Assembly Policy": "Assemble-to-Order" }),
        item("PART-A"),
        item("PART-B"),
      ],
      blanket: [blanket(), blanket({ line: 20000, item: "PART-A" })],
    })
  );
  const fromLine = assemblyOrderAt(g, "Blanket Orders", 2)!;
  expect(fromLine).toMatchObject({
    assemblyOrderNo: "BA-0001",
    assemblyItemNo: "KIT",
    assemblyQuantity: 10,
    assemblyUnitOfMeasure: "PCS",
    address: "A2:S3",
    needsAssemble: false,
  });
  expect(fromLine.lines.map((l) => [l.no, l.quantity])).toEqual([
    ["PART-A", 20],
    ["PART-B", 10],
  ]);
  expect(assemblyOrderAt(g, "Blanket Assembly Orders", 3)?.assemblyOrderNo).toBe("BA-0001");
  expect(assemblyOrderAt(g, "Blanket Orders", 3)).toBeUndefined();
  expect(assemblyOrderAt(g, "Items", 2)).toBeUndefined();
  const notYet = workbook();
  expect(assemblyOrderAt(notYet, "Blanket Orders", 2)).toMatchObject({
    assemblyOrderNo: undefined,
    needsAssemble: true,
  });
});

test("edits: update, add and remove lines; Quantity recomputed; bad values refused; other orders untouched", () => {
  const g = assembled(workbook({ blanket: [blanket(), blanket({ line: 20000, qty: 3 })] }));
  const updated = apply(
    g,
    editAssemblyOrder(g, "BA-0001", {
      kind: "update",
      lineNo: 20000,
      field: "quantityPer",
      value: 1.5,
    }).plan
  );
  expect(
    records(updated, "Blanket Assembly Orders").map((r) => [
      r["Assembly Order No."],
      r["No."],
      r.Quantity,
    ])
  ).toEqual([
    ["BA-0001", "PART-A", 20],
    ["BA-0001", "PART-B", 15],
    ["BA-0002", "PART-A", 6],
    ["BA-0002", "PART-B", 3],
  ]);
  expect(
    editAssemblyOrder(g, "BA-0001", {
      kind: "update",
      lineNo: 20000,
      field: "quantityPer",
      value: -1,
    }).error
  ).toMatch(/greater than 0/);
  expect(
    editAssemblyOrder(g, "BA-0001", {
      kind: "update",
      lineNo: 20000,
      field: "resourceUsageType",
      value: "Fixed",
    }).error
  ).toMatch(/resource lines only/);
  // As in BC, an unknown item is refused when it is entered, and nothing is written.
  const unknown = editAssemblyOrder(g, "BA-0001", {
    kind: "add",
    type: "Item",
    no: "MONITOR-ARMX",
    quantityPer: 1,
  });
  expect(unknown).toEqual({
    error:
      "Item MONITOR-ARMX is not on the Items sheet. Add it there first, or enter another item.",
  });
  expect(
    editAssemblyOrder(g, "BA-0001", { kind: "update", lineNo: 10000, field: "no", value: "NOPE" })
      .error
  ).toMatch(/Item NOPE is not on the Items sheet/);
  expect(editAssemblyOrder(g, "BA-0009", { kind: "remove", lineNo: 10000 }).error).toMatch(
    /not on the sheet/
  );
  const added = apply(
    g,
    editAssemblyOrder(g, "BA-0001", {
      kind: "add",
      type: "Resource",
      no: "LABOR",
      quantityPer: 0.25,
    }).plan
  );
  expect(
    records(added, "Blanket Assembly Orders")
      .filter((r) => r["Assembly Order No."] === "BA-0001")
      .map((r) => [r["Line No."], r.Type, r["No."], r.Quantity, r["Resource Usage Type"]])
  ).toEqual([
    [10000, "Item", "PART-A", 20, null],
    [20000, "Item", "PART-B", 10, null],
    [30000, "Resource", "LABOR", 2.5, "Direct"],
  ]);
  const removed = apply(g, editAssemblyOrder(g, "BA-0001", { kind: "remove", lineNo: 10000 }).plan);
  expect(
    records(removed, "Blanket Assembly Orders").map(
      (r) => `${r["Assembly Order No."]}/${r["Line No."]}`
    )
  ).toEqual(["BA-0001/20000", "BA-0002/10000", "BA-0002/20000"]);
  const once = apply(g, editAssemblyOrder(g, "BA-0001", { kind: "remove", lineNo: 10000 }).plan);
  expect(editAssemblyOrder(once, "BA-0001", { kind: "remove", lineNo: 20000 }).error).toMatch(
    /no lines left/
  );
});

test("document address: all rows of a document, for links that select them", () => {
  let g = workbook({ blanket: [blanket({ ship: 1 }), blanket({ line: 20000, ship: 1 })] });
  g = apply(g, makeOrder(g, { blanketOrderNo: "BSO-1001", orderDate: date("2027-01-01") }).plan);
  expect(documentAddress(g, "Sales Orders", "Document No.", "SO-0001")).toBe("A2:V3");
  expect(documentAddress(g, "Assembly Orders", "Assembly Order No.", "AO-0002")).toBe("A4:T5");
  expect(documentAddress(g, "Sales Orders", "Document No.", "SO-0404")).toBeUndefined();
});

test("the pane's theme follows Office: dark backgrounds get the dark theme", () => {
  expect(themeFor("#1f1f1f")).toBe(webDarkTheme);
  expect(themeFor("#ffffff")).toBe(webLightTheme);
  expect(themeFor(undefined)).toBe(webLightTheme);
});

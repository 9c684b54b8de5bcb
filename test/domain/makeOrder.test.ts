import { assemble, makeOrder, MakeOrderOptions } from "../../src/engine";
import { WorkbookGrids } from "../../src/workbook/grid";
import {
  apply,
  atoItem,
  blanket,
  bom,
  codes,
  date,
  edit,
  item,
  kitAndChair,
  records,
  sheet,
  workbook,
  validateUnassembled,
} from "../builders";

const DAY = date("2027-01-15");

function made(grids: WorkbookGrids, opts: Partial<MakeOrderOptions> = {}): WorkbookGrids {
  const r = makeOrder(grids, { blanketOrderNo: "BSO-1001", orderDate: DAY, ...opts });
  if (!r.ok) throw new Error(JSON.stringify(r.issues));
  return apply(grids, r.plan);
}

const ship = (entries: [number, number][]) => new Map(entries);
const blanketRows = (g: WorkbookGrids) => records(g, "Blanket Orders");
const aoLines = (g: WorkbookGrids, ao: string) =>
  records(g, "Assembly Orders").filter((r) => r["Assembly Order No."] === ao);

describe("Make Order: the sales order", () => {
  test("one sales line per called-off line plus comment lines, header from the blanket order, BC line amount", () => {
    const g = workbook({
      blanket: [
        blanket({
          qty: 10,
          ship: 3,
          price: 19.99,
          discount: 7.5,
          extra: { "External Document No.": "PO-77", "Location Code": "MAIN" },
        }),
        blanket({ line: 20000, item: "PART-A", qty: 5 }),
        { "Document No.": "BSO-1001", "Line No.": 30000, Description: "Deliver to dock 4" },
        blanket({ line: 40000, item: "PART-B", qty: 8, ship: 8, price: 2 }),
      ],
    });
    const r = makeOrder(g, { blanketOrderNo: "BSO-1001", orderDate: DAY });
    expect(r.ok).toBe(true);
    expect(r.salesOrder).toBe("SO-0001");
    expect(r.assemblyOrders).toEqual(["AO-0001"]);
    const sales = records(apply(g, r.plan), "Sales Orders");
    expect(
      sales.map((s) => [
        s["Document No."],
        s["Line No."],
        s["No."],
        s.Quantity,
        s["Qty. to Assemble to Order"],
        s["Line Amount"],
        s["Assembly Order No."],
      ])
    ).toEqual([
      ["SO-0001", 10000, "KIT", 3, 3, 55.47, "AO-0001"],
      ["SO-0001", 30000, null, null, null, null, null],
      ["SO-0001", 40000, "PART-B", 8, 0, 16, null],
    ]);
    expect(sales[0]).toMatchObject({
      "Sell-to Customer No.": "C10000",
      "Sell-to Customer Name": "Adatum Corporation",
      "External Document No.": "PO-77",
      "Order Date": DAY,
      "Location Code": "MAIN",
      "Line Discount %": 7.5,
      "Unit Price": 19.99,
      "Shipment Date": date("2027-03-01"),
      "Blanket Order No.": "BSO-1001",
      "Blanket Order Line No.": 10000,
    });
    expect(sales[1].Description).toBe("Deliver to dock 4");
  });

  test("the blanket order: Qty. to Ship back to blank, Quantity Ordered and Remaining Quantity updated", () => {
    const g = made(
      workbook({ blanket: [blanket({ qty: 10, ship: 4 }), blanket({ line: 20000, qty: 6 })] })
    );
    expect(
      blanketRows(g).map((b) => [b["Qty. to Ship"], b["Quantity Ordered"], b["Remaining Quantity"]])
    ).toEqual([
      [null, 4, 6],
      [null, 0, 6],
    ]);
  });

  test("the linked assembly order carries the blanket assembly order's customizations", () => {
    let g = workbook();
    g = apply(g, assemble(g).plan);
    g = edit(g, "Blanket Assembly Orders", 0, "Quantity per", 3);
    g = edit(g, "Blanket Assembly Orders", 1, "Description", "Blue variant");
    g = edit(g, "Blanket Orders", 0, "Qty. to Ship", 4);
    g = made(g);
    expect(
      aoLines(g, "AO-0001").map((l) => [
        l["Sales Order No."],
        l["Sales Order Line No."],
        l["Assembly Quantity"],
        l["No."],
        l.Description,
        l["Quantity per"],
        l.Quantity,
        l["Blanket Assembly Order No."],
      ])
    ).toEqual([
      ["SO-0001", 10000, 4, "PART-A", "PART-A description", 3, 12, "BA-0001"],
      ["SO-0001", 10000, 4, "PART-B", "Blue variant", 1, 4, "BA-0001"],
    ]);
  });

  test("a missing blanket assembly order is generated and written; a stale one is refreshed first", () => {
    let g = made(workbook({ blanket: [blanket({ qty: 10, ship: 2 })] }));
    expect(
      records(g, "Blanket Assembly Orders").map((r) => [
        r["Assembly Order No."],
        r["Assembly Quantity"],
      ])
    ).toEqual([
      ["BA-0001", 10],
      ["BA-0001", 10],
    ]);
    g = edit(g, "Blanket Orders", 0, "Quantity", 20);
    g = edit(g, "Blanket Orders", 0, "Qty. to Ship", 3);
    g = made(g);
    expect(
      records(g, "Blanket Assembly Orders").map((r) => [r["Assembly Quantity"], r.Quantity])
    ).toEqual([
      [20, 40],
      [20, 20],
    ]);
    expect(validateUnassembled(g).issues).toEqual([]);
  });

  test("Fixed resources once per assembly order; Direct ones scale", () => {
    const g = made(
      workbook({
        resources: [{ "No.": "LABOR" }, { "No.": "SETUP" }],
        boms: [
          bom("KIT", 10000, "PART-A", 2),
          bom("KIT", 20000, "LABOR", 0.5, { Type: "Resource" }),
          bom("KIT", 30000, "SETUP", 2, { Type: "Resource", "Resource Usage Type": "Fixed" }),
        ],
        blanket: [blanket({ qty: 10, ship: 3 })],
      })
    );
    expect(aoLines(g, "AO-0001").map((l) => [l["No."], l.Quantity])).toEqual([
      ["PART-A", 6],
      ["LABOR", 1.5],
      ["SETUP", 2],
    ]);
  });

  test("units of measure: boxes called off assemble box quantities", () => {
    const g = made(
      workbook({
        units: [{ "Item No.": "KIT", Code: "BOX", "Qty. per Unit of Measure": 6 }],
        blanket: [blanket({ qty: 5, uom: "BOX", ship: 2 })],
      })
    );
    expect(
      aoLines(g, "AO-0001").map((l) => [
        l["Assembly Unit of Measure"],
        l["Assembly Quantity"],
        l["Quantity per"],
        l.Quantity,
      ])
    ).toEqual([
      ["BOX", 2, 12, 24],
      ["BOX", 2, 6, 12],
    ]);
    expect(blanketRows(g)[0]).toMatchObject({ "Quantity Ordered": 2, "Remaining Quantity": 3 });
  });

  test("--ship quantities replace the sheet's column for this order only", () => {
    const g = workbook({
      blanket: [blanket({ qty: 10, ship: 9 }), blanket({ line: 20000, qty: 10, ship: 5 })],
    });
    const r = makeOrder(g, {
      blanketOrderNo: "BSO-1001",
      orderDate: DAY,
      qtyToShip: ship([[20000, 2]]),
    });
    const sales = records(apply(g, r.plan), "Sales Orders");
    expect(sales.map((s) => [s["Line No."], s.Quantity])).toEqual([[20000, 2]]);
    // Even an invalid Qty. to Ship on the sheet is ignored when quantities are given.
    const bad = workbook({ blanket: [blanket({ ship: "lots" })] });
    expect(makeOrder(bad, { blanketOrderNo: "BSO-1001", orderDate: DAY }).ok).toBe(false);
    expect(
      makeOrder(bad, { blanketOrderNo: "BSO-1001", orderDate: DAY, qtyToShip: ship([[10000, 1]]) })
        .ok
    ).toBe(true);
  });
});

describe("Make Order: checks", () => {
  test("ORDER_NOT_FOUND", () => {
    const r = makeOrder(workbook(), { blanketOrderNo: "BSO-9999", orderDate: DAY });
    expect(codes(r.issues)).toEqual(["ORDER_NOT_FOUND"]);
    expect(r.ok).toBe(false);
    expect(r.plan).toBeUndefined();
    expect(
      makeOrder(workbook({ blanket: [blanket({ ship: 1 })] }), {
        blanketOrderNo: "bso-1001",
        orderDate: DAY,
      }).ok
    ).toBe(true);
  });

  test("NOTHING_TO_CREATE: There is nothing to create.", () => {
    const r = makeOrder(workbook({ blanket: [blanket({ ship: 0 })] }), {
      blanketOrderNo: "BSO-1001",
      orderDate: DAY,
    });
    expect(codes(r.issues)).toEqual(["NOTHING_TO_CREATE"]);
    expect(r.issues[0].message).toMatch(/^There is nothing to create\./);
    expect(
      codes(
        makeOrder(workbook(), {
          blanketOrderNo: "BSO-1001",
          orderDate: DAY,
          qtyToShip: ship([[10000, 0]]),
        }).issues
      )
    ).toEqual(["NOTHING_TO_CREATE"]);
  });

  test("LINE_NOT_FOUND for a given line the order lacks", () => {
    const r = makeOrder(workbook(), {
      blanketOrderNo: "BSO-1001",
      orderDate: DAY,
      qtyToShip: ship([
        [10000, 1],
        [90000, 1],
      ]),
    });
    expect(codes(r.issues)).toEqual(["LINE_NOT_FOUND"]);
    expect(r.ok).toBe(false);
  });

  test("OVER_CALL_OFF with BC's numbers, after an earlier call-off; nothing written", () => {
    let g = made(workbook({ blanket: [blanket({ qty: 10, ship: 4 })] }));
    const r = makeOrder(g, {
      blanketOrderNo: "BSO-1001",
      orderDate: DAY,
      qtyToShip: ship([[10000, 7]]),
    });
    expect(r.ok).toBe(false);
    expect(r.plan).toBeUndefined();
    expect(r.issues.map((i) => i.message)).toEqual([
      "Qty. to Ship of item KIT on blanket order BSO-1001 line 10000 cannot be more than 6. Quantity - Quantity Ordered = possible: 10 - 4 = 6.",
    ]);
    g = made(g, { qtyToShip: ship([[10000, 6]]) });
    expect(blanketRows(g)[0]).toMatchObject({ "Quantity Ordered": 10, "Remaining Quantity": 0 });
  });

  test("all checks are reported together", () => {
    const r = makeOrder(workbook({ blanket: [blanket({ qty: 10, ato: 5, ship: 20 })] }), {
      blanketOrderNo: "BSO-1001",
      orderDate: DAY,
    });
    expect(codes(r.issues).sort()).toEqual(["ATO_PARTIAL", "OVER_CALL_OFF"]);
  });

  test("errors elsewhere do not block: another blanket order, another item", () => {
    const g = workbook({
      items: [
        atoItem("KIT"),
        item("PART-A"),
        item("PART-B"),
        item("BROKEN", { "Unit Price": "n/a" }),
      ],
      blanket: [
        blanket({ ship: 2 }),
        blanket({ doc: "BSO-2", qty: 10, ato: 3 }),
        blanket({ doc: "BSO-3", item: "BROKEN" }),
      ],
    });
    const r = makeOrder(g, { blanketOrderNo: "BSO-1001", orderDate: DAY });
    expect(r.ok).toBe(true);
    expect(codes(r.issues)).toEqual(["VALUE_INVALID", "ATO_PARTIAL"]);
    // ...but errors in what the called-off line uses do.
    const usesBroken = workbook({
      items: [atoItem("KIT"), item("PART-A", { "Unit Price": "n/a" }), item("PART-B")],
      blanket: [blanket({ ship: 2 })],
    });
    expect(makeOrder(usesBroken, { blanketOrderNo: "BSO-1001", orderDate: DAY }).ok).toBe(false);
    // ...and so does any error on the order's own lines, called off or not.
    const otherLine = workbook({
      blanket: [blanket({ ship: 2 }), blanket({ line: 20000, discount: 300 })],
    });
    expect(makeOrder(otherLine, { blanketOrderNo: "BSO-1001", orderDate: DAY }).ok).toBe(false);
  });
});

describe("Make Order: numbering, repeated call-offs and conservation", () => {
  test("numbers continue from the sheets and from Last No. Used, and are recorded", () => {
    let g = workbook({
      blanket: [blanket({ qty: 100 })],
      extra: [
        sheet("Setup", [
          { Setting: "Sales Order Nos.", Value: "S-00100", "Last No. Used": "S-00120" },
          { Setting: "Assembly Order Nos.", Value: "A1" },
        ]),
      ],
    });
    g = made(g, { qtyToShip: ship([[10000, 1]]) });
    g = made(g, { qtyToShip: ship([[10000, 1]]) });
    expect([...new Set(records(g, "Sales Orders").map((s) => s["Document No."]))]).toEqual([
      "S-00121",
      "S-00122",
    ]);
    expect([...new Set(records(g, "Assembly Orders").map((s) => s["Assembly Order No."]))]).toEqual(
      ["A1", "A2"]
    );
    const setup = records(g, "Setup");
    expect(setup.map((s) => [s.Setting, s["Last No. Used"]])).toEqual([
      ["Sales Order Nos.", "S-00122"],
      ["Assembly Order Nos.", "A2"],
      ["Blanket Assembly Order Nos.", "BA-0001"],
    ]);
    // Deleting the last sales order's rows by hand gives its quantity back, but never its number.
    const so = g.sheets.find((s) => s.name === "Sales Orders")!;
    so.rows = so.rows.filter((r) => r[0] !== "S-00122");
    g = made(g, { qtyToShip: ship([[10000, 99]]) });
    expect(records(g, "Sales Orders").map((s) => s["Document No."])).toEqual([
      "S-00121",
      "S-00123",
    ]);
    expect(blanketRows(g)[0]).toMatchObject({ "Quantity Ordered": 100, "Remaining Quantity": 0 });
  });

  test("conservation: the call-offs of a fully called-off line add up exactly to its blanket assembly order", () => {
    let g = workbook({
      boms: [bom("KIT", 10000, "PART-A", 0.33333), bom("KIT", 20000, "PART-B", 1)],
      blanket: [blanket({ qty: 10 })],
    });
    g = apply(g, assemble(g).plan);
    for (const qty of [3, 3, 4]) g = made(g, { qtyToShip: ship([[10000, qty]]) });
    const parts = records(g, "Assembly Orders")
      .filter((l) => l["No."] === "PART-A")
      .map((l) => l.Quantity);
    expect(parts).toEqual([0.99999, 0.99999, 1.33332]);
    const bao = records(g, "Blanket Assembly Orders").find((l) => l["No."] === "PART-A")!;
    expect(bao.Quantity).toBe(3.3333);
    expect(Math.round((parts as number[]).reduce((a, b) => a + b, 0) * 1e5)).toBe(333330);
  });

  test("a customization after call-offs applies to what is left (rules.md: 10 kits, 2 then 3 per kit)", () => {
    let g = workbook({ blanket: [blanket({ qty: 10 })] });
    g = apply(g, assemble(g).plan);
    g = edit(g, "Blanket Assembly Orders", 0, "Quantity per", 2); // PART-A: 2 per kit
    g = made(g, { qtyToShip: ship([[10000, 4]]) }); // takes 8
    g = edit(g, "Blanket Assembly Orders", 0, "Quantity per", 3);
    g = made(g, { qtyToShip: ship([[10000, 6]]) }); // the last 6: 2 x 4 + 3 x 6 - 8 = 18, not 30 - 8
    expect(aoLines(g, "AO-0002").map((l) => [l["No."], l.Quantity])).toEqual([
      ["PART-A", 18],
      ["PART-B", 6],
    ]);
  });

  test("the issue's desks: motor 1 then 2 per desk after 20 of 50, the last 30 take 60", () => {
    let g = workbook({ blanket: [blanket({ qty: 50 })] });
    g = apply(g, assemble(g).plan);
    g = edit(g, "Blanket Assembly Orders", 0, "Quantity per", 1); // the motor: 1 per desk
    g = made(g, { qtyToShip: ship([[10000, 20]]) }); // takes 20
    g = edit(g, "Blanket Assembly Orders", 0, "Quantity per", 2);
    g = made(g, { qtyToShip: ship([[10000, 10]]) }); // not the last: 2 x 10 = 20
    g = made(g, { qtyToShip: ship([[10000, 20]]) }); // the last: 20 + 2 x 30 - (20 + 20) = 40
    const partA = records(g, "Assembly Orders")
      .filter((l) => l["No."] === "PART-A")
      .map((l) => l.Quantity);
    expect(partA).toEqual([20, 20, 40]);
    expect((partA as number[]).slice(1).reduce((a, b) => a + b, 0)).toBe(60);
  });

  test("conservation never goes below 0 when a customization lowered the need", () => {
    let g = workbook({ blanket: [blanket({ qty: 10 })] });
    g = apply(g, assemble(g).plan);
    g = edit(g, "Blanket Assembly Orders", 0, "Quantity per", 5); // PART-A: 5 per kit
    g = made(g, { qtyToShip: ship([[10000, 9]]) }); // takes 45
    g = edit(g, "Blanket Assembly Orders", 0, "Quantity per", 1);
    g = made(g, { qtyToShip: ship([[10000, 1]]) }); // 45 + 1 x 1 - 45 = 1
    expect(aoLines(g, "AO-0002").map((l) => [l["No."], l.Quantity])).toEqual([
      ["PART-A", 1],
      ["PART-B", 1],
    ]);
  });

  test("Quantity Ordered is always the sum of linked sales lines", () => {
    let g = made(workbook({ blanket: [blanket({ qty: 10, ship: 4 })] }));
    g = made(g, { qtyToShip: ship([[10000, 1]]) });
    expect(blanketRows(g)[0]).toMatchObject({ "Quantity Ordered": 5, "Remaining Quantity": 5 });
    const so = g.sheets.find((s) => s.name === "Sales Orders")!;
    so.rows = so.rows.filter((r) => r[0] !== "SO-0001");
    g = made(g, { qtyToShip: ship([[10000, 9]]) });
    expect(blanketRows(g)[0]).toMatchObject({ "Quantity Ordered": 10, "Remaining Quantity": 0 });
  });

  test("the workbook keeps every row and unknown column through make order", () => {
    let g = workbook({
      blanket: [blanket({ qty: 10, ship: 4, extra: { "Planner note": "rush" } })],
    });
    g.sheets.push({ name: "Notes", rows: [["anything"], [1, 2, 3]] });
    g = made(g);
    expect(blanketRows(g)[0]["Planner note"]).toBe("rush");
    expect(g.sheets.find((s) => s.name === "Notes")!.rows).toEqual([["anything"], [1, 2, 3]]);
  });
});

describe("Make Order: conservation under rounding", () => {
  test("earlier call-offs never take more than the line has, so tiny quantities still add up exactly", () => {
    // Found by the property test: 0.00012 per unit, rounded up call after call.
    let g = workbook({
      boms: [bom("KIT", 10000, "PART-A", 0.00012)],
      blanket: [blanket({ qty: 1 })],
    });
    g = apply(g, assemble(g).plan);
    for (const q of [0.29167, 0.04167, 0.45834, 0.125, 0.00001, 0.08331])
      g = made(g, { qtyToShip: ship([[10000, q]]) });
    const parts = records(g, "Assembly Orders").map((l) => l.Quantity as number);
    expect(parts).toEqual([0.00004, 0.00001, 0.00006, 0.00001, 0, 0]);
    expect(parts.reduce((s, q) => s + Math.round(q * 1e5), 0)).toBe(12);
  });
});

describe("validity of the agreement (Valid Until)", () => {
  const valid = (until: string, ship = "2027-03-01") =>
    workbook({
      blanket: [
        blanket({ ship: 2, date: ship, extra: { "Valid Until": date(until) } }),
        blanket({ line: 20000, date: ship }),
      ],
    });

  test("BLANKET_EXPIRED: a call-off dated after Valid Until is refused; on the last day it is made", () => {
    const late = makeOrder(valid("2027-01-14"), {
      blanketOrderNo: "BSO-1001",
      orderDate: date("2027-01-15"),
    });
    expect(late.ok).toBe(false);
    expect(late.issues.filter((i) => i.severity === "error")).toEqual([
      expect.objectContaining({
        code: "BLANKET_EXPIRED",
        cell: "N2", // the Valid Until cell
        message:
          "Blanket order BSO-1001 is valid until 2027-01-14, so no call-off dated 2027-01-15 can be made from it. Extend Valid Until, or agree a new blanket order.",
      }),
    ]);
    expect(
      makeOrder(valid("2027-01-15"), { blanketOrderNo: "BSO-1001", orderDate: date("2027-01-15") })
        .ok
    ).toBe(true);
  });

  test("SHIPMENT_AFTER_VALIDITY warns about each line shipping after the agreement ends", () => {
    const issues = validateUnassembled(valid("2027-02-28")).issues;
    expect(codes(issues)).toEqual(["SHIPMENT_AFTER_VALIDITY", "SHIPMENT_AFTER_VALIDITY"]);
    expect(issues[0]).toMatchObject({ severity: "warning", cell: "L2" });
    expect(validateUnassembled(valid("2027-03-01")).issues).toEqual([]);
  });

  test("Valid Until is a header field: lines of one order must agree", () => {
    const g = workbook({
      blanket: [
        blanket({ extra: { "Valid Until": date("2027-12-31") } }),
        blanket({ line: 20000, extra: { "Valid Until": date("2027-06-30") } }),
      ],
    });
    expect(codes(validateUnassembled(g).issues)).toContain("HEADER_MISMATCH");
  });
});

describe("Changes after call-offs (rules.md section 4)", () => {
  /** KIT and CHAIR both assemble to order; 20 of 50 KIT called off after customizing. */
  function calledOff(): WorkbookGrids {
    let g = kitAndChair({
      units: [{ "Item No.": "KIT", Code: "BOX", "Qty. per Unit of Measure": 5 }],
      blanket: [blanket({ qty: 50 })],
    });
    g = apply(g, assemble(g).plan);
    g = edit(g, "Blanket Assembly Orders", 1, "Quantity per", 3); // PART-B customized
    return made(g, { qtyToShip: ship([[10000, 20]]) });
  }

  test("CALLED_OFF_LINE_CHANGED: another item on a called-off line is an error at its No. cell, and blocks assemble and make order", () => {
    const g = edit(calledOff(), "Blanket Orders", 0, "No.", "CHAIR");
    const v = validateUnassembled(g);
    const changed = v.issues.filter((i) => i.code === "CALLED_OFF_LINE_CHANGED");
    expect(changed).toHaveLength(1);
    expect(changed[0]).toMatchObject({ severity: "error", sheet: "Blanket Orders", cell: "F2" });
    expect(changed[0].message).toContain("20 PCS of item KIT were already called off");
    expect(changed[0].message).toContain("put KIT back, set this line's Quantity to 20 PCS");
    // No stale warning: the order is not to be rebuilt from CHAIR's BOM.
    expect(codes(v.issues)).not.toContain("ASSEMBLY_STALE");
    const a = assemble(g);
    expect(a.ok).toBe(false);
    expect(a.plan).toBeUndefined();
    expect(codes(a.issues)).toContain("CALLED_OFF_LINE_CHANGED");
    const m = makeOrder(g, {
      blanketOrderNo: "BSO-1001",
      orderDate: DAY,
      qtyToShip: ship([[10000, 5]]),
    });
    expect(m.ok).toBe(false);
    expect(codes(m.issues)).toContain("CALLED_OFF_LINE_CHANGED");
    // Putting the old item back clears it; the customization was never dropped.
    const back = edit(g, "Blanket Orders", 0, "No.", "KIT");
    expect(codes(validateUnassembled(back).issues)).not.toContain("CALLED_OFF_LINE_CHANGED");
    const again = assemble(back);
    expect(again.ok).toBe(true);
    expect(
      records(apply(back, again.plan), "Blanket Assembly Orders").map((l) => l["Quantity per"])
    ).toEqual([2, 3]);
  });

  test("CALLED_OFF_LINE_CHANGED: another unit is an error at the unit cell; a line without call-offs may change freely", () => {
    const g = edit(calledOff(), "Blanket Orders", 0, "Unit of Measure Code", "BOX");
    const changed = validateUnassembled(g).issues.filter(
      (i) => i.code === "CALLED_OFF_LINE_CHANGED"
    );
    expect(changed.map((i) => i.cell)).toEqual(["H2"]);
    expect(changed[0].message).toContain("is in BOX, but 20 PCS were already called off");
    let fresh = workbook({
      items: [atoItem("KIT"), atoItem("CHAIR"), item("PART-A"), item("PART-B")],
      boms: [bom("KIT", 10000, "PART-A", 2), bom("CHAIR", 10000, "PART-B", 4)],
      blanket: [blanket({ qty: 50 })],
    });
    fresh = apply(fresh, assemble(fresh).plan);
    fresh = edit(fresh, "Blanket Orders", 0, "No.", "CHAIR");
    expect(codes(validateUnassembled(fresh).issues)).toEqual(["ASSEMBLY_STALE"]);
  });

  test("SPEC_CHANGED_AFTER_CALL_OFF: a changed Quantity per, an added and a removed line warn at their cells until the next call-off uses them", () => {
    let g = calledOff();
    expect(codes(validateUnassembled(g).issues)).toEqual([]);
    g = edit(g, "Blanket Assembly Orders", 0, "Quantity per", 2.5);
    let spec = validateUnassembled(g).issues.filter(
      (i) => i.code === "SPEC_CHANGED_AFTER_CALL_OFF"
    );
    expect(spec.map((i) => [i.severity, i.sheet, i.cell])).toEqual([
      ["warning", "Blanket Assembly Orders", "M2"],
    ]);
    expect(spec[0].message).toContain(
      "Quantity per is 2.5, but the last call-off (sales order SO-0001) used 2"
    );
    expect(spec[0].message).toContain("applies to the quantity still to be called off");
    // Warnings do not block: the next call-off uses 2.5 and the warning is gone.
    const next = made(g, { qtyToShip: ship([[10000, 10]]) });
    expect(codes(validateUnassembled(next).issues)).toEqual([]);
    expect(aoLines(next, "AO-0002").map((l) => [l["No."], l.Quantity])).toEqual([
      ["PART-A", 25],
      ["PART-B", 30],
    ]);
    // Line 20000 becomes another component; a line is added.
    g = edit(next, "Blanket Assembly Orders", 1, "No.", "PART-A");
    const sheetRows = findRows(g, "Blanket Assembly Orders");
    g = {
      sheets: g.sheets.map((s) =>
        s.name === "Blanket Assembly Orders"
          ? {
              ...s,
              rows: [
                ...s.rows,
                withCells(s.rows[0], sheetRows[0], {
                  "Line No.": 30000,
                  "No.": "PART-B",
                  "Quantity per": 1,
                }),
              ],
            }
          : s
      ),
    };
    spec = validateUnassembled(g).issues.filter((i) => i.code === "SPEC_CHANGED_AFTER_CALL_OFF");
    expect(spec.map((i) => i.cell)).toEqual(["J3", "J4"]);
    expect(spec[0].message).toContain(
      "No. is PART-A, but the last call-off (sales order SO-0002) used PART-B"
    );
    expect(spec[1].message).toContain("line 30000 (Item PART-B) was added after the last call-off");
    // Removing a line: warned at the order's first cell.
    const removed = {
      sheets: next.sheets.map((s) =>
        s.name === "Blanket Assembly Orders" ? { ...s, rows: s.rows.slice(0, 2) } : s
      ),
    };
    spec = validateUnassembled(removed).issues.filter(
      (i) => i.code === "SPEC_CHANGED_AFTER_CALL_OFF"
    );
    expect(spec.map((i) => i.cell)).toEqual(["A2"]);
    expect(spec[0].message).toContain(
      "line 20000 (Item PART-B) was removed after the last call-off"
    );
  });
});

function findRows(g: WorkbookGrids, name: string) {
  return g.sheets.find((s) => s.name === name)!.rows.slice(1);
}

function withCells(header: unknown[], row: unknown[], values: Record<string, unknown>) {
  return header.map((h, i) =>
    String(h) in values ? values[String(h)] : row[i]
  ) as WorkbookGrids["sheets"][number]["rows"][number];
}

/**
 * Roll Up Price / Cost, availability at the call-off, and location and variant through
 * assemble and make order (docs/rules.md). Expected figures are computed by hand in the
 * comments, never by the code under test.
 */
import {
  assemble,
  assemblyOrderAt,
  editAssemblyOrder,
  makeOrder,
  rollUp,
  validate,
} from "../../src/engine";
import {
  apply,
  atoItem,
  blanket,
  bom,
  codes,
  date,
  edit,
  item,
  records,
  sheet,
  workbook,
} from "../builders";
import { WorkbookGrids } from "../../src/workbook/grid";

const assembled = (g: WorkbookGrids): WorkbookGrids => apply(g, assemble(g).plan);

/**
 * The docs' example: KIT sold by the BOX of 2. Per piece of KIT: 2 PCS of TOP, 1 PACK (of 3)
 * of SCREW, 0.5 HOUR of ASSEMBLY (Direct), 1 HOUR of SETUP (Fixed). 10 boxes agreed.
 */
function kitByTheBox(o: { qty?: number; discount?: number; extra?: Record<string, unknown> } = {}) {
  return workbook({
    items: [
      atoItem("KIT", { "Unit Price": 1 }),
      item("TOP", { "Unit Price": 10.5, "Unit Cost": 7.33335 }),
      item("SCREW", { "Unit Price": 0.1, "Unit Cost": 0.033335 }),
    ],
    units: [
      { "Item No.": "KIT", Code: "BOX", "Qty. per Unit of Measure": 2 },
      { "Item No.": "SCREW", Code: "PACK", "Qty. per Unit of Measure": 3 },
    ],
    resources: [
      { "No.": "ASSEMBLY", Name: "Assembly", "Unit Price": 40, "Unit Cost": 25 },
      { "No.": "SETUP", Name: "Setup", "Unit Price": 60, "Unit Cost": 35 },
    ],
    boms: [
      bom("KIT", 10000, "TOP", 2),
      bom("KIT", 20000, "SCREW", 1, { "Unit of Measure Code": "PACK" }),
      bom("KIT", 30000, "ASSEMBLY", 0.5, { Type: "Resource" }),
      bom("KIT", 40000, "SETUP", 1, { Type: "Resource", "Resource Usage Type": "Fixed" }),
    ],
    blanket: [
      blanket({
        qty: o.qty ?? 10,
        uom: "BOX",
        price: 95,
        discount: o.discount ?? null,
        extra: o.extra as never,
      }),
    ],
  });
}

describe("Roll Up Price and Roll Up Cost", () => {
  test("hand-computed: units, a Fixed resource, per unit of the blanket line", () => {
    const g = assembled(kitByTheBox());
    const r = rollUp(g, { blanketOrderNo: "BSO-1001" });
    expect(r.ok).toBe(true);
    // Per box: 4 TOP, 2 PACK, 1 HOUR ASSEMBLY; x10 boxes: 40, 20, 10; SETUP 1 (Fixed).
    // Price: (10.5 x 40 + 0.3 x 20 + 40 x 10 + 60 x 1) / 10 = 886 / 10 = 88.6.
    // Cost: round(7.33335 x 40) = 293.33; PACK cost 0.033335 x 3 = 0.100005 -> 0.10001,
    // x 20 = 2.0002 -> 2.00; 25 x 10 = 250; 35 x 1 = 35. (293.33 + 2 + 250 + 35) / 10 = 58.033.
    expect(r.lines).toHaveLength(1);
    expect(r.lines[0]).toMatchObject({ lineNo: 10000, price: 88.6, cost: 58.033 });
    expect(r.lines[0].components.map((c) => [c.no, c.quantity, c.unitPrice, c.costAmount])).toEqual(
      [
        ["TOP", 40, 10.5, 293.33],
        ["SCREW", 20, 0.3, 2],
        ["ASSEMBLY", 10, 40, 250],
        ["SETUP", 1, 60, 35],
      ]
    );
    // Written to the line's Unit Price; a later call-off copies it.
    let after = apply(g, r.plan);
    expect(records(after, "Blanket Orders")[0]["Unit Price"]).toBe(88.6);
    after = edit(after, "Blanket Orders", 0, "Qty. to Ship", 2);
    after = apply(
      after,
      makeOrder(after, { blanketOrderNo: "BSO-1001", orderDate: date("2027-01-05") }).plan
    );
    expect(records(after, "Sales Orders")[0]).toMatchObject({
      "Unit Price": 88.6,
      "Line Amount": 177.2,
    });
  });

  test("the Fixed resource's share of a unit falls as the agreed quantity rises", () => {
    // 40 boxes: (10.5 x 160 + 0.3 x 80 + 40 x 40 + 60) / 40 = 3364 / 40 = 84.1.
    const r = rollUp(assembled(kitByTheBox({ qty: 40 })), { blanketOrderNo: "BSO-1001" });
    expect(r.lines[0].price).toBe(84.1);
  });

  test("rounding: one rounding of the price to 0.00001 at the end", () => {
    // 3 PCS of KIT, each 1 x PART at 0.333333 and a Fixed resource at 1:
    // (0.33333 x 3 + 1) / 3 = 1.99999 / 3 = 0.666663333 -> 0.66666.
    const g = workbook({
      items: [atoItem("KIT"), item("PART", { "Unit Price": 0.333333 })],
      resources: [{ "No.": "R", "Unit Price": 1 }],
      boms: [
        bom("KIT", 10000, "PART", 1),
        bom("KIT", 20000, "R", 1, { Type: "Resource", "Resource Usage Type": "Fixed" }),
      ],
      blanket: [blanket({ qty: 3 })],
    });
    expect(rollUp(g, { blanketOrderNo: "BSO-1001" }).lines[0].price).toBe(0.66666);
  });

  test("customizations count: an edited Quantity per and an added line", () => {
    let g = assembled(kitByTheBox());
    // TOP 4 -> 6 per box, and one more HOUR of ASSEMBLY per box added as a line.
    g = edit(g, "Blanket Assembly Orders", 0, "Quantity per", 6);
    const s = g.sheets.find((x) => x.name === "Blanket Assembly Orders")!;
    const h = s.rows[0];
    s.rows.push(
      h.map(
        (c) =>
          (
            ({
              "Assembly Order No.": "BA-0001",
              Type: "Resource",
              "No.": "ASSEMBLY",
              "Quantity per": 1,
            }) as Record<string, unknown>
          )[String(c)] ?? null
      ) as never
    );
    // (10.5 x 60 + 0.3 x 20 + 40 x 10 + 60 + 40 x 10) / 10 = 1496 / 10 = 149.6.
    expect(rollUp(g, { blanketOrderNo: "BSO-1001" }).lines[0].price).toBe(149.6);
  });

  test("Roll Up Cost writes Unit Cost, adding the column; margin from the net price", () => {
    const g = assembled(kitByTheBox({ discount: 10 }));
    const r = rollUp(g, { blanketOrderNo: "BSO-1001", lineNo: 10000, kind: "cost" });
    // Net price 95 x 0.9 = 85.5; margin 85.5 - 58.033 = 27.467; 27.467 / 85.5 = 32.13 %.
    expect(r.lines[0]).toMatchObject({
      cost: 58.033,
      netPrice: 85.5,
      margin: 27.467,
      marginPercent: 32.13,
    });
    const after = apply(g, r.plan);
    expect(records(after, "Blanket Orders")[0]).toMatchObject({
      "Unit Price": 95,
      "Unit Cost": 58.033,
    });
  });

  test("a component without a price: ROLL_UP_INCOMPLETE at its Items row, nothing written", () => {
    const g = assembled(
      workbook({
        items: [atoItem("KIT"), item("PART-A", { "Unit Price": 2 }), item("PART-B")],
      })
    );
    const r = rollUp(g, { blanketOrderNo: "BSO-1001" });
    expect(r.ok).toBe(false);
    expect(r.plan).toBeUndefined();
    const missing = r.issues.filter((i) => i.code === "ROLL_UP_INCOMPLETE");
    expect(missing.map((i) => [i.sheet, i.cell])).toEqual([["Items", "E4"]]);
    expect(missing[0].message).toContain("item PART-B has no Unit Price");
  });

  test("a line that does not assemble to order, and a line that does not exist", () => {
    const g = workbook({ blanket: [blanket(), blanket({ line: 20000, item: "PART-A", ato: 0 })] });
    expect(codes(rollUp(g, { blanketOrderNo: "BSO-1001", lineNo: 20000 }).issues)).toContain(
      "NOT_ASSEMBLED_TO_ORDER"
    );
    expect(codes(rollUp(g, { blanketOrderNo: "BSO-1001", lineNo: 90000 }).issues)).toContain(
      "LINE_NOT_FOUND"
    );
    expect(codes(rollUp(g, { blanketOrderNo: "BSO-9" }).issues)).toContain("ORDER_NOT_FOUND");
  });

  test("ATO Lines shows the rolled-up price and cost beside the line's price", () => {
    const g = assembled(kitByTheBox());
    const view = assemblyOrderAt(g, "Blanket Orders", 2)!;
    expect(view.rollUp).toMatchObject({ unitPrice: 95, price: 88.6, cost: 58.033, margin: 36.967 });
    expect(view.rollUp!.missingPrice).toEqual([]);
  });
});

describe("availability at the call-off", () => {
  /** KIT = 2 PART-A + 1 PART-B; PART-A has 30 on hand. */
  const stocked = (blankets = [blanket({ qty: 50 })], inventory: number | null = 30) =>
    workbook({
      items: [atoItem("KIT"), item("PART-A", { Inventory: inventory }), item("PART-B")],
      blanket: blankets,
    });

  test("Make Order warns when the call-off needs more than inventory less existing assembly orders", () => {
    let g = assembled(stocked());
    // First call-off: 10 kits need 20 PART-A of 30: no warning.
    g = edit(g, "Blanket Orders", 0, "Qty. to Ship", 10);
    let r = makeOrder(g, { blanketOrderNo: "BSO-1001", orderDate: date("2027-01-05") });
    expect(codes(r.issues)).not.toContain("COMPONENT_SHORT");
    g = apply(g, r.plan);
    // Second: 8 kits need 16; 30 less the 20 of AO-0001 leaves 10: short by 6. Not blocked.
    g = edit(g, "Blanket Orders", 0, "Qty. to Ship", 8);
    r = makeOrder(g, { blanketOrderNo: "BSO-1001", orderDate: date("2027-01-06") });
    expect(r.ok).toBe(true);
    const short = r.issues.filter((i) => i.code === "COMPONENT_SHORT");
    expect(short.map((i) => [i.severity, i.sheet, i.cell])).toEqual([["warning", "Items", "E3"]]);
    expect(short[0].message).toBe(
      "This call-off (sales order SO-0002) needs 16 PCS of item PART-A by 2027-03-01, but only 10 PCS are available (Inventory 30 less 20 for the assembly orders on the sheet). The order can still be made; get the rest in time."
    );
    g = apply(g, r.plan);
    expect(records(g, "Sales Orders").map((s) => s["Document No."])).toEqual([
      "SO-0001",
      "SO-0002",
    ]);
  });

  test("assembly orders of other blanket orders count against inventory too", () => {
    // BSO-1002 called off 12 kits first (24 PART-A of 30); BSO-1001's 4 kits need 8 > 6 left.
    let g = assembled(
      stocked([blanket({ qty: 50 }), blanket({ doc: "BSO-1002", qty: 20, ship: 12 })])
    );
    g = apply(g, makeOrder(g, { blanketOrderNo: "BSO-1002", orderDate: date("2027-01-05") }).plan);
    g = edit(g, "Blanket Orders", 0, "Qty. to Ship", 4);
    const r = makeOrder(g, { blanketOrderNo: "BSO-1001", orderDate: date("2027-01-06") });
    expect(r.issues.filter((i) => i.code === "COMPONENT_SHORT").map((i) => i.message)).toEqual([
      expect.stringContaining(
        "needs 8 PCS of item PART-A by 2027-03-01, but only 6 PCS are available (Inventory 30 less 24"
      ),
    ]);
    // 3 kits (6 PART-A) fit exactly: no warning.
    g = edit(g, "Blanket Orders", 0, "Qty. to Ship", 3);
    expect(
      codes(makeOrder(g, { blanketOrderNo: "BSO-1001", orderDate: date("2027-01-06") }).issues)
    ).not.toContain("COMPONENT_SHORT");
  });

  test("validate reports it for the Qty. to Ship entered, all orders together, in base units", () => {
    // BSO-1001 calls off 6 kits (12 PART-A), BSO-1002 2 BOX of 3 kits (12 PART-A): 24 > 20.
    let g = stocked(
      [blanket({ qty: 50, ship: 6 }), blanket({ doc: "BSO-1002", qty: 10, uom: "BOX", ship: 2 })],
      20
    );
    g = {
      sheets: [
        ...g.sheets,
        sheet("Item Units", [{ "Item No.": "KIT", Code: "BOX", "Qty. per Unit of Measure": 3 }]),
      ],
    };
    g = assembled(g);
    const short = validate(g).issues.filter((i) => i.code === "COMPONENT_SHORT");
    expect(short).toHaveLength(1);
    expect(short[0].message).toContain(
      "The call-offs entered on blanket orders BSO-1001, BSO-1002 needs 24 PCS of item PART-A"
    );
    // Without an Inventory value the item is not checked.
    expect(
      codes(validate(assembled(stocked([blanket({ qty: 50, ship: 40 })], null))).issues)
    ).not.toContain("COMPONENT_SHORT");
  });
});

describe("location and variant", () => {
  const located = (extra: Record<string, unknown> = {}) =>
    workbook({
      blanket: [
        blanket({ extra: { "Location Code": "EAST", "Variant Code": "OAK", ...extra } as never }),
      ],
      extra: [
        sheet("Locations", [{ Code: "EAST" }, { Code: "WEST" }]),
        sheet("Item Variants", [
          { "Item No.": "KIT", Code: "OAK" },
          { "Item No.": "KIT", Code: "ASH" },
        ]),
      ],
    });

  test("flow to the blanket assembly order, the sales line and the assembly order's header", () => {
    let g = assembled(located());
    expect(
      records(g, "Blanket Assembly Orders").map((r) => [
        r["Location Code"],
        r["Assembly Variant Code"],
      ])
    ).toEqual([
      ["EAST", "OAK"],
      ["EAST", "OAK"],
    ]);
    g = edit(g, "Blanket Orders", 0, "Qty. to Ship", 4);
    g = apply(g, makeOrder(g, { blanketOrderNo: "BSO-1001", orderDate: date("2027-01-05") }).plan);
    expect(records(g, "Sales Orders")[0]).toMatchObject({
      "Location Code": "EAST",
      "Variant Code": "OAK",
    });
    expect(
      records(g, "Assembly Orders").map((r) => [r["Location Code"], r["Assembly Variant Code"]])
    ).toEqual([
      ["EAST", "OAK"],
      ["EAST", "OAK"],
    ]);
  });

  test("a change on the blanket line follows into its blanket assembly order on refresh, customizations kept", () => {
    let g = assembled(located());
    g = edit(g, "Blanket Assembly Orders", 1, "Quantity per", 3);
    g = edit(g, "Blanket Orders", 0, "Location Code", "WEST");
    g = edit(g, "Blanket Orders", 0, "Variant Code", "ASH");
    const stale = validate(g).issues.filter((i) => i.code === "ASSEMBLY_STALE");
    expect(stale[0].message).toContain(
      "(location EAST instead of WEST, variant OAK instead of ASH)"
    );
    g = assembled(g);
    expect(
      records(g, "Blanket Assembly Orders").map((r) => [
        r["Location Code"],
        r["Assembly Variant Code"],
        r["Quantity per"],
      ])
    ).toEqual([
      ["WEST", "ASH", 2],
      ["WEST", "ASH", 3],
    ]);
  });

  test("unknown codes are located errors where the lists exist, and the line is not used", () => {
    const g = located({ "Location Code": "NORTH", "Variant Code": "PINE" });
    const r = validate(g);
    expect(
      r.issues.filter((i) => i.code.startsWith("UNKNOWN_")).map((i) => [i.code, i.sheet, i.cell])
    ).toEqual([
      ["UNKNOWN_LOCATION", "Blanket Orders", "N2"],
      ["UNKNOWN_VARIANT", "Blanket Orders", "O2"],
    ]);
    expect(assemble(g).plan).toBeUndefined();
    // Without the lists, any code goes.
    const free = workbook({
      blanket: [blanket({ extra: { "Location Code": "NORTH", "Variant Code": "PINE" } as never })],
    });
    expect(validate(free).errors).toBe(0);
  });

  test("ATO Lines refuses a component variant the Item Variants sheet does not list", () => {
    const g = assembled(located());
    const variants = g.sheets.find((x) => x.name === "Item Variants")!;
    variants.rows.push(["PART-A", "RED"]);
    const edit = (value: string) =>
      editAssemblyOrder(g, "BA-0001", {
        kind: "update",
        lineNo: 10000,
        field: "variantCode",
        value,
      });
    expect(edit("BLUE")).toEqual({
      error:
        "Variant BLUE is not a variant of item PART-A on the Item Variants sheet. Add it there first, or enter another variant.",
    });
    expect(edit("RED").plan).toBeDefined();
  });

  test("a BOM line's variant is checked against the item's variants", () => {
    const g = workbook({
      boms: [
        bom("KIT", 10000, "PART-A", 2, { "Variant Code": "RED" }),
        bom("KIT", 20000, "PART-B", 1),
      ],
      extra: [sheet("Item Variants", [{ "Item No.": "PART-A", Code: "BLUE" }])],
    });
    const unknown = validate(g).issues.filter((i) => i.code === "UNKNOWN_VARIANT");
    expect(unknown.map((i) => [i.sheet, i.message])).toEqual([
      [
        "Assembly BOMs",
        "Assembly BOM of KIT line 10000: variant RED is not a variant of item PART-A on the Item Variants sheet. Add it there or correct the code.",
      ],
    ]);
  });
});

import { assemble } from "../../src/engine";
import { WorkbookGrids } from "../../src/workbook/grid";
import {
  apply,
  atoItem,
  blanket,
  bom,
  codes,
  edit,
  item,
  records,
  workbook,
  validateUnassembled,
} from "../builders";

const BAO = "Blanket Assembly Orders";

function assembled(grids: WorkbookGrids): WorkbookGrids {
  const r = assemble(grids);
  expect(r.ok).toBe(true);
  return apply(grids, r.plan);
}

const linesOf = (grids: WorkbookGrids, ao = "BA-0001") =>
  records(grids, BAO).filter((r) => r["Assembly Order No."] === ao);
const pick = (rows: Record<string, unknown>[], ...cols: string[]) =>
  rows.map((r) => cols.map((c) => r[c]));

const labourAndSetup = {
  items: [atoItem("KIT"), item("PART-A"), item("PART-B")],
  resources: [
    { "No.": "LABOR", "Base Unit of Measure": "HOUR" },
    { "No.": "SETUP", "Base Unit of Measure": "HOUR" },
  ],
  boms: [
    bom("KIT", 10000, "PART-A", 2),
    bom("KIT", 20000, "", null, { Type: null, Description: "Check the finish" }),
    bom("KIT", 30000, "LABOR", 0.25, { Type: "Resource", "Resource Usage Type": "Direct" }),
    bom("KIT", 40000, "SETUP", 1.5, { Type: "Resource", "Resource Usage Type": "Fixed" }),
  ],
};

describe("assemble: new blanket assembly orders", () => {
  test("explodes the BOM one level: header from the line, Quantity per and Quantity per line", () => {
    const grids = assembled(workbook(labourAndSetup));
    const lines = linesOf(grids);
    expect(
      pick(
        lines,
        "Assembly Item No.",
        "Assembly Quantity",
        "Assembly Unit of Measure",
        "Blanket Order No.",
        "Blanket Order Line No."
      )[0]
    ).toEqual(["KIT", 10, "PCS", "BSO-1001", 10000]);
    expect(
      pick(
        lines,
        "Line No.",
        "Type",
        "No.",
        "Description",
        "Quantity per",
        "Quantity",
        "Unit of Measure Code",
        "Resource Usage Type"
      )
    ).toEqual([
      [10000, "Item", "PART-A", "PART-A description", 2, 20, "PCS", null],
      [20000, null, null, "Check the finish", null, null, null, null],
      [30000, "Resource", "LABOR", null, 0.25, 2.5, "HOUR", "Direct"],
      [40000, "Resource", "SETUP", null, 1.5, 1.5, "HOUR", "Fixed"],
    ]);
  });

  test("a box of 12 needs 12 times the components of one piece; Fixed resources do not scale", () => {
    const grids = assembled(
      workbook({
        ...labourAndSetup,
        units: [{ "Item No.": "KIT", Code: "BOX", "Qty. per Unit of Measure": 12 }],
        blanket: [blanket({ qty: 3, uom: "BOX" })],
      })
    );
    expect(pick(linesOf(grids), "No.", "Quantity per", "Quantity")).toEqual([
      ["PART-A", 24, 72],
      [null, null, null],
      ["LABOR", 3, 9],
      ["SETUP", 1.5, 1.5],
    ]);
  });

  test("only lines that assemble to order get one; numbers come from the series", () => {
    const grids = assembled(
      workbook({
        blanket: [
          blanket(),
          blanket({ line: 20000, ato: 0 }),
          blanket({ line: 30000, item: "PART-A" }),
          blanket({ doc: "BSO-1002", customer: "C2" }),
        ],
      })
    );
    const orders = [
      ...new Set(
        records(grids, BAO).map(
          (r) =>
            `${r["Assembly Order No."]} ${r["Blanket Order No."]} ${r["Blanket Order Line No."]}`
        )
      ),
    ];
    expect(orders).toEqual(["BA-0001 BSO-1001 10000", "BA-0002 BSO-1002 10000"]);
    expect(
      records(grids, "Setup").find((r) => r.Setting === "Blanket Assembly Order Nos.")?.[
        "Last No. Used"
      ]
    ).toBe("BA-0002");
  });

  test("idempotent: assembling twice changes nothing the second time", () => {
    const once = assembled(workbook(labourAndSetup));
    const twice = assembled(once);
    expect(twice).toEqual(once);
    const r = assemble(once);
    expect([r.created, r.kept, r.rebuilt, r.removed]).toEqual([0, 1, 0, 0]);
  });
});

describe("assemble: refreshing keeps customizations", () => {
  const customized = (): WorkbookGrids => {
    let g = assembled(workbook());
    g = edit(g, BAO, 0, "Quantity per", 3); // PART-A 2 -> 3
    g = edit(g, BAO, 1, "No.", "PART-A"); // PART-B replaced by PART-A
    g = edit(g, BAO, 1, "Description", "Second A, customer spec");
    return g;
  };

  test("edits to Quantity per, No. and Description survive several refreshes", () => {
    let g = customized();
    for (let i = 0; i < 3; i++) g = assembled(g);
    expect(pick(linesOf(g), "No.", "Description", "Quantity per", "Quantity")).toEqual([
      ["PART-A", "PART-A description", 3, 30],
      ["PART-A", "Second A, customer spec", 1, 10],
    ]);
  });

  test("a Quantity edit alone is not a customization: it is recomputed", () => {
    let g = assembled(workbook());
    g = edit(g, BAO, 0, "Quantity", 999);
    expect(codes(validateUnassembled(g).issues)).toEqual([]);
    g = assembled(g);
    expect(pick(linesOf(g), "Quantity")).toEqual([[20], [10]]);
  });

  test("quantity and due date changes: the header follows and Quantity is recomputed from Quantity per", () => {
    let g = customized();
    g = edit(g, "Blanket Orders", 0, "Quantity", 4);
    g = edit(g, "Blanket Orders", 0, "Shipment Date", 47000);
    expect(codes(validateUnassembled(g).issues)).toEqual(["ASSEMBLY_STALE"]);
    const r = assemble(g);
    expect([r.created, r.kept, r.rebuilt, r.removed]).toEqual([0, 1, 0, 0]);
    g = apply(g, r.plan);
    expect(pick(linesOf(g), "Assembly Quantity", "Due Date", "Quantity per", "Quantity")).toEqual([
      [4, 47000, 3, 12],
      [4, 47000, 1, 4],
    ]);
    expect(validateUnassembled(g).issues).toEqual([]);
  });

  test("unit change: each Quantity per (not Fixed resources) is multiplied by new / old Qty. per Unit of Measure", () => {
    const base = workbook({
      ...labourAndSetup,
      units: [
        { "Item No.": "KIT", Code: "BOX", "Qty. per Unit of Measure": 6 },
        { "Item No.": "KIT", Code: "PACK", "Qty. per Unit of Measure": 4 },
      ],
      blanket: [blanket({ qty: 2, uom: "BOX" })],
    });
    let g = assembled(base);
    g = edit(g, BAO, 0, "Quantity per", 18); // customized: 3 per piece instead of 2
    g = edit(g, "Blanket Orders", 0, "Unit of Measure Code", "PACK");
    g = assembled(g);
    expect(pick(linesOf(g), "No.", "Quantity per", "Quantity", "Assembly Unit of Measure")).toEqual(
      [
        ["PART-A", 12, 24, "PACK"],
        [null, null, null, "PACK"],
        ["LABOR", 1, 2, "PACK"],
        ["SETUP", 1.5, 1.5, "PACK"],
      ]
    );
    g = edit(g, "Blanket Orders", 0, "Unit of Measure Code", "PCS");
    g = assembled(g);
    expect(pick(linesOf(g), "Quantity per")).toEqual([[3], [null], [0.25], [1.5]]);
  });

  test("item change: rebuilt from the new BOM keeping its number, naming the dropped customizations", () => {
    let g = customized();
    g.sheets[0].rows.push(["KIT2", "Other kit", "PCS", "Assemble-to-Order"]);
    g.sheets[1].rows.push(["KIT2", 10000, "Item", "PART-B", 5]);
    g = edit(g, "Blanket Orders", 0, "No.", "KIT2");
    const r = assemble(g);
    expect([r.created, r.kept, r.rebuilt, r.removed]).toEqual([0, 0, 1, 0]);
    expect(codes(r.issues)).toEqual(["ASSEMBLY_REBUILT"]);
    expect(r.issues[0].message).toContain("line 10000 Quantity per 3 (BOM: 2)");
    expect(r.issues[0].message).toContain("line 20000 No. PART-A (BOM: PART-B)");
    g = apply(g, r.plan);
    expect(pick(linesOf(g), "Assembly Item No.", "No.", "Quantity per", "Quantity")).toEqual([
      ["KIT2", "PART-B", 5, 50],
    ]);
  });

  test("line deleted or set to 0: the order is removed with a warning; validate reports it as orphan first", () => {
    let g = assembled(
      workbook({ blanket: [blanket(), blanket({ line: 20000 }), blanket({ line: 30000 })] })
    );
    g = edit(g, "Blanket Orders", 1, "Qty. to Assemble to Order", 0);
    g = edit(g, "Blanket Orders", 2, "Line No.", 40000);
    const v = validateUnassembled(g);
    expect(codes(v.issues)).toEqual(["ORPHAN_ASSEMBLY", "ORPHAN_ASSEMBLY"]);
    expect(v.ok).toBe(true);
    const r = assemble(g);
    expect(codes(r.issues)).toEqual(["ASSEMBLY_REMOVED", "ASSEMBLY_REMOVED"]);
    expect([r.created, r.kept, r.rebuilt, r.removed]).toEqual([1, 1, 0, 2]);
    g = apply(g, r.plan);
    expect([
      ...new Set(
        records(g, BAO).map((x) => `${x["Assembly Order No."]}/${x["Blanket Order Line No."]}`)
      ),
    ]).toEqual(["BA-0001/10000", "BA-0004/40000"]);
  });

  test("added lines join their order; a blank Line No. gets the next number; blank unit takes the base unit", () => {
    let g = assembled(workbook());
    const s = g.sheets.find((x) => x.name === BAO)!;
    const headers = s.rows[0];
    const row = headers.map(
      (h) =>
        (
          ({
            "Assembly Order No.": "BA-0001",
            Type: "Item",
            "No.": "PART-B",
            "Quantity per": 0.5,
          }) as Record<string, unknown>
        )[String(h)] ?? null
    );
    s.rows.push(row as never);
    g = assembled(g);
    expect(
      pick(linesOf(g), "Line No.", "No.", "Quantity per", "Quantity", "Unit of Measure Code")
    ).toEqual([
      [10000, "PART-A", 2, 20, "PCS"],
      [20000, "PART-B", 1, 10, "PCS"],
      [30000, "PART-B", 0.5, 5, "PCS"],
    ]);
  });

  test("user columns on the sheet travel with their rows", () => {
    let g = assembled(workbook());
    const s = g.sheets.find((x) => x.name === BAO)!;
    const free = s.rows[0].length; // the first column right of the product's
    s.rows[0][free] = "Planner note";
    s.rows[2][free] = "check stock";
    g = edit(g, "Blanket Orders", 0, "Quantity", 5);
    g = assembled(g);
    expect(pick(linesOf(g), "No.", "Quantity", "Planner note")).toEqual([
      ["PART-A", 10, null],
      ["PART-B", 5, "check stock"],
    ]);
  });

  test("nothing is written while a sheet assemble reads has an error; call-off errors do not block it", () => {
    const blocked = assemble(workbook({ blanket: [blanket({ qty: 10, ato: 4 })] }));
    expect(blocked.ok).toBe(false);
    expect(blocked.plan).toBeUndefined();
    const badBao = assembled(workbook());
    const r = assemble(edit(badBao, BAO, 0, "Quantity per", "lots"));
    expect(r.ok).toBe(false);
    const callOff = assemble(workbook({ blanket: [blanket({ qty: 10, ship: 11 })] }));
    expect(callOff.ok).toBe(true);
    expect(codes(callOff.issues)).toEqual(["OVER_CALL_OFF"]);
  });

  test("a BOM component unknown to the BAO sheet is reported there", () => {
    const g = edit(assembled(workbook()), BAO, 0, "No.", "NOPE");
    expect(validateUnassembled(g).issues).toEqual([
      expect.objectContaining({ code: "UNKNOWN_ITEM", sheet: BAO }),
    ]);
    const fixed = edit(assembled(workbook()), BAO, 0, "Resource Usage Type", "Fixed");
    expect(codes(validateUnassembled(fixed).issues)).toEqual(["FIXED_ON_ITEM"]);
  });
});

test("SHEET_FULL: assemble refuses to write past Excel's last row", () => {
  // 52,429 lines x 20 components = 1,048,580 rows, one header too many.
  const parts = Array.from({ length: 20 }, (_, i) => `P${i}`);
  const lines = Array.from({ length: 52429 }, (_, i) =>
    blanket({ doc: `B${Math.floor(i / 100)}`, line: ((i % 100) + 1) * 10000, qty: 1 })
  );
  const g = workbook({
    items: [atoItem("KIT"), ...parts.map((p) => item(p))],
    boms: parts.map((p, i) => bom("KIT", (i + 1) * 10000, p, 1)),
    blanket: lines,
  });
  const r = assemble(g);
  expect(r.ok).toBe(false);
  expect(r.plan).toBeUndefined();
  expect(codes(r.issues)).toEqual(["SHEET_FULL"]);
  expect(r.issues[0].message).toMatch(/would need 1,048,581 rows, more than the 1,048,576/);
});

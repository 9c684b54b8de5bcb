import { assemble, validate } from "../../src/engine";
import { WorkbookGrids } from "../../src/workbook/grid";
import {
  apply,
  atoItem,
  blanket,
  bom,
  codes,
  item,
  sheet,
  workbook,
  validateUnassembled,
} from "../builders";

const issuesOf = (grids: WorkbookGrids) => validateUnassembled(grids).issues;
const only = (grids: WorkbookGrids, code: string) => issuesOf(grids).filter((i) => i.code === code);

describe("validation codes: each raised, and a near miss that is not", () => {
  test("a clean workbook has no issues", () => {
    const r = validateUnassembled(workbook());
    expect(r.issues).toEqual([]);
    expect(r.ok).toBe(true);
  });

  test("ASSEMBLY_MISSING warns of a line assembled to order that has no blanket assembly order yet; assemble settles it", () => {
    const g = workbook({ blanket: [blanket(), blanket({ line: 20000, item: "PART-A" })] });
    const r = validate(g);
    expect(r.issues).toEqual([
      {
        severity: "warning",
        code: "ASSEMBLY_MISSING",
        sheet: "Blanket Orders",
        cell: "I2",
        message:
          "Blanket order BSO-1001 line 10000 assembles KIT to order but has no blanket assembly order yet. Run assemble to create it from KIT's BOM (Make Order would create it too, without your customizations).",
      },
    ]);
    expect(r.ok).toBe(true); // a warning
    expect(validate(apply(g, assemble(g).plan)).issues).toEqual([]);
  });

  test("SHEET_MISSING for each required sheet; optional sheets may be absent", () => {
    const wb = workbook();
    for (const name of ["Items", "Assembly BOMs", "Blanket Orders"]) {
      const without: WorkbookGrids = { sheets: wb.sheets.filter((s) => s.name !== name) };
      const missing = only(without, "SHEET_MISSING");
      expect(missing).toEqual([
        expect.objectContaining({ sheet: name, cell: "A1", severity: "error" }),
      ]);
    }
    expect(only(wb, "SHEET_MISSING")).toEqual([]);
  });

  test("sheet names match case-insensitively", () => {
    const wb = workbook();
    wb.sheets.forEach((s) => (s.name = s.name.toLowerCase()));
    expect(issuesOf(wb)).toEqual([]);
  });

  test("COLUMN_MISSING names the column; headers match ignoring case, spaces and punctuation", () => {
    const missing = workbook({
      blanket: [
        {
          "Document No.": "B1",
          "Sell-to Customer No.": "C1",
          "Line No.": 10000,
          "No.": "KIT",
        },
      ],
    });
    expect(only(missing, "COLUMN_MISSING")).toEqual([
      expect.objectContaining({ sheet: "Blanket Orders", cell: "A1" }),
    ]);
    expect(only(missing, "COLUMN_MISSING")[0].message).toContain("'Quantity'");
    const tolerant = workbook({
      blanket: [
        {
          DOCUMENT_NO: "B1",
          "sell to customer no": "C1",
          "LINE NO": 10000,
          "no.": "KIT",
          quantity: 4,
          "Qty. to Asm. to Order": 4,
        },
      ],
    });
    expect(issuesOf(tolerant)).toEqual([]);
  });

  test("codes are read without the white space around them, Unicode spaces included", () => {
    const spaced = workbook({
      blanket: [
        blanket({ doc: " BSO-1001", item: "KIT\u00a0", customer: "\tC10000" }),
        blanket({ doc: "BSO-1001\u3000", line: 20000, item: "\u1680KIT", customer: "C10000 " }),
      ],
    });
    expect(issuesOf(spaced)).toEqual([]);
    const unknown = workbook({ blanket: [blanket({ item: "KIT\u00adX" })] });
    expect(only(unknown, "UNKNOWN_ITEM")).toHaveLength(1);
  });

  test("VALUE_INVALID: words, booleans and error cells in number columns are never a silent 0", () => {
    const wb = workbook({
      blanket: [
        blanket({ qty: "ten" }),
        blanket({ line: 20000, qty: { error: "#N/A" } }),
        blanket({ line: 30000, qty: true }),
      ],
    });
    const invalid = only(wb, "VALUE_INVALID");
    expect(invalid.map((i) => i.cell)).toEqual(["G2", "G3", "G4"]);
    expect(invalid[0].message).toContain("'ten'");
    expect(invalid[1].message).toContain("#N/A");
    // Text holding a plain decimal, with spaces, is a number.
    expect(issuesOf(workbook({ blanket: [blanket({ qty: " 12.5 ", ato: "12.5" })] }))).toEqual([]);
  });

  test("VALUE_INVALID for a blank required cell, an unknown option, a bad date; ISO text dates are fine", () => {
    const wb = workbook({
      blanket: [
        blanket({ extra: { "Document No.": null } }),
        blanket({ line: 20000, extra: { Type: "G/L Account" } }),
        blanket({ line: 30000, extra: { "Shipment Date": "31/02/2027" } }),
      ],
    });
    const invalid = only(wb, "VALUE_INVALID");
    expect(invalid.map((i) => i.message)).toEqual([
      expect.stringContaining("Document No. is required"),
      expect.stringContaining("must be Item or blank"),
      expect.stringContaining("not a date"),
    ]);
    expect(
      issuesOf(
        workbook({
          blanket: [
            blanket({ extra: { "Shipment Date": "2027-02-28", "Order Date": "2026-12-01" } }),
          ],
        })
      )
    ).toEqual([]);
  });

  test("VALUE_INVALID for input beyond 999,999,999,999", () => {
    expect(only(workbook({ blanket: [blanket({ qty: 1e12 })] }), "VALUE_INVALID")).toHaveLength(1);
    expect(
      only(workbook({ blanket: [blanket({ qty: 999999999999, ato: 0 })] }), "VALUE_INVALID")
    ).toHaveLength(0);
  });

  test("DUPLICATE_KEY for items, resources, blanket lines, item units and BOM lines", () => {
    const dup = workbook({
      items: [atoItem("KIT"), item("PART-A"), item("part-a"), item("PART-B")],
      resources: [{ "No.": "R1" }, { "No.": "R1" }],
      units: [
        { "Item No.": "KIT", Code: "BOX", "Qty. per Unit of Measure": 6 },
        { "Item No.": "KIT", Code: "box", "Qty. per Unit of Measure": 6 },
      ],
      boms: [bom("KIT", 10000, "PART-A", 2), bom("KIT", 10000, "PART-B", 1)],
      blanket: [blanket(), blanket()],
    });
    const sheets = only(dup, "DUPLICATE_KEY").map((i) => i.sheet);
    expect(sheets.sort()).toEqual([
      "Assembly BOMs",
      "Blanket Orders",
      "Item Units",
      "Items",
      "Resources",
    ]);
    const near = workbook({
      blanket: [blanket(), blanket({ doc: "BSO-1002" }), blanket({ line: 20000 })],
    });
    expect(only(near, "DUPLICATE_KEY")).toEqual([]);
  });

  test("DUPLICATE_KEY on blanket lines out of order, orders interleaved, each at its own row", () => {
    const wb = workbook({
      items: [item("KIT")],
      blanket: [
        blanket({ line: 20000 }), // row 2
        blanket({ line: 10000 }), // row 3: lower, not a repeat
        blanket({ doc: "BSO-1002", line: 10000 }), // row 4
        blanket({ line: 30000, extra: { Type: "Widget" } }), // row 5: makes no line
        blanket({ line: 20000 }), // row 6: repeats row 2
        blanket({ doc: "BSO-1002", line: 10000 }), // row 7: repeats row 4
        blanket({ line: 30000 }), // row 8: repeats row 5
        blanket({ line: 40000 }), // row 9
      ],
    });
    const dup = only(wb, "DUPLICATE_KEY");
    expect(dup.map((i) => i.cell)).toEqual(["D6", "D7", "D8"]);
    expect(dup[0].message).toContain("D2");
    expect(dup[1].message).toContain("D4");
    expect(dup[2].message).toContain("D5");
    // Each message names its own line: one reader serves every row.
    const bad = only(
      workbook({
        items: [item("KIT")],
        blanket: [
          blanket({ line: 10000, qty: "ten" }),
          blanket({ line: 20000 }),
          blanket({ doc: "BSO-1002", line: 30000, qty: "many" }),
        ],
      }),
      "VALUE_INVALID"
    );
    expect(bad.map((i) => [i.cell, i.message.slice(0, 30)])).toEqual([
      ["G2", "Blanket order BSO-1001 line 10"],
      ["G4", "Blanket order BSO-1002 line 30"],
    ]);
  });

  test("HEADER_MISMATCH when lines disagree; blank header cells take the document's value", () => {
    const mismatch = workbook({
      blanket: [blanket(), blanket({ line: 20000, customer: "C20000" })],
    });
    const issues = only(mismatch, "HEADER_MISMATCH");
    expect(issues).toEqual([expect.objectContaining({ cell: "B3" })]);
    expect(issues[0].message).toContain("BSO-1001");
    const blankOnSecond = workbook({
      blanket: [
        blanket(),
        blanket({
          line: 20000,
          extra: { "Sell-to Customer No.": null, "Sell-to Customer Name": null },
        }),
      ],
    });
    expect(issuesOf(blankOnSecond)).toEqual([]);
  });

  test("UNKNOWN_ITEM on blanket lines, BOM parents, BOM components and item units", () => {
    const wb = workbook({
      boms: [
        bom("KIT", 10000, "PART-A", 2),
        bom("KIT", 20000, "PART-Z", 1),
        bom("GHOST", 10000, "PART-A", 1),
      ],
      units: [{ "Item No.": "NOPE", Code: "BOX", "Qty. per Unit of Measure": 2 }],
      blanket: [blanket(), blanket({ line: 20000, item: "MISSING" })],
    });
    const unknown = only(wb, "UNKNOWN_ITEM");
    expect(unknown.map((i) => `${i.sheet}!${i.cell}`).sort()).toEqual([
      "Assembly BOMs!A4",
      "Assembly BOMs!D3",
      "Blanket Orders!F3",
      "Item Units!A2",
    ]);
    expect(only(workbook(), "UNKNOWN_ITEM")).toEqual([]);
  });

  test("UNKNOWN_RESOURCE only where a Resources sheet exists", () => {
    const boms = [
      bom("KIT", 10000, "PART-A", 2),
      bom("KIT", 20000, "LABOR", 1, { Type: "Resource" }),
    ];
    expect(only(workbook({ boms, resources: [{ "No.": "SETUP" }] }), "UNKNOWN_RESOURCE")).toEqual([
      expect.objectContaining({ cell: "D3" }),
    ]);
    expect(only(workbook({ boms, resources: [{ "No.": "labor" }] }), "UNKNOWN_RESOURCE")).toEqual(
      []
    );
    expect(only(workbook({ boms }), "UNKNOWN_RESOURCE")).toEqual([]);
  });

  test("UNKNOWN_UOM on blanket lines and BOM item components; the base unit and Item Units are known", () => {
    const units = [{ "Item No.": "KIT", Code: "BOX", "Qty. per Unit of Measure": 6 }];
    const wb = workbook({
      units,
      boms: [bom("KIT", 10000, "PART-A", 2, { "Unit of Measure Code": "KG" })],
      blanket: [blanket({ uom: "CRATE" })],
    });
    expect(
      only(wb, "UNKNOWN_UOM")
        .map((i) => i.sheet)
        .sort()
    ).toEqual(["Assembly BOMs", "Blanket Orders"]);
    expect(
      only(
        workbook({
          units,
          blanket: [blanket({ uom: "box" }), blanket({ line: 20000, uom: "PCS" })],
        }),
        "UNKNOWN_UOM"
      )
    ).toEqual([]);
  });

  test("QTY_INVALID for Quantity <= 0, negative Qty. to Ship, Quantity per <= 0, Qty. per Unit of Measure <= 0", () => {
    const wb = workbook({
      units: [{ "Item No.": "KIT", Code: "BOX", "Qty. per Unit of Measure": 0 }],
      boms: [bom("KIT", 10000, "PART-A", 0), bom("KIT", 20000, "PART-B", -1)],
      blanket: [
        blanket({ qty: 0 }),
        blanket({ line: 20000, qty: -2 }),
        blanket({ line: 30000, ship: -1 }),
      ],
    });
    expect(only(wb, "QTY_INVALID").map((i) => `${i.sheet}!${i.cell}`)).toEqual([
      "Assembly BOMs!E2",
      "Assembly BOMs!E3",
      "Blanket Orders!G2",
      "Blanket Orders!G3",
      "Blanket Orders!M4",
      "Item Units!C2",
    ]);
    expect(
      only(workbook({ blanket: [blanket({ qty: 0.00001, ato: 0, ship: 0 })] }), "QTY_INVALID")
    ).toEqual([]);
  });

  test("DISCOUNT_INVALID outside 0..100", () => {
    expect(
      only(
        workbook({
          blanket: [blanket({ discount: 100.5 }), blanket({ line: 20000, discount: -1 })],
        }),
        "DISCOUNT_INVALID"
      )
    ).toHaveLength(2);
    expect(
      only(
        workbook({ blanket: [blanket({ discount: 100 }), blanket({ line: 20000, discount: 0 })] }),
        "DISCOUNT_INVALID"
      )
    ).toEqual([]);
  });

  test("FIXED_ON_ITEM on an item component; Fixed on a resource is fine", () => {
    const fixedItem = workbook({
      boms: [bom("KIT", 10000, "PART-A", 2, { "Resource Usage Type": "Fixed" })],
    });
    expect(only(fixedItem, "FIXED_ON_ITEM")).toEqual([
      expect.objectContaining({ sheet: "Assembly BOMs" }),
    ]);
    const fixedResource = workbook({
      boms: [
        bom("KIT", 10000, "PART-A", 2),
        bom("KIT", 20000, "SETUP", 1, { Type: "Resource", "Resource Usage Type": "Fixed" }),
      ],
    });
    expect(issuesOf(fixedResource)).toEqual([]);
  });

  test("BOM_CYCLE through any depth names the whole path, once", () => {
    const wb = workbook({
      items: [atoItem("KIT"), item("SUB-1"), item("SUB-2"), item("PART-A")],
      boms: [
        bom("KIT", 10000, "SUB-1", 1),
        bom("SUB-1", 10000, "SUB-2", 1),
        bom("SUB-2", 10000, "KIT", 1),
        bom("SUB-2", 20000, "PART-A", 1),
      ],
    });
    const cycles = only(wb, "BOM_CYCLE");
    expect(cycles).toHaveLength(1);
    expect(cycles[0].message).toMatch(
      /KIT -> SUB-1 -> SUB-2 -> KIT|SUB-1 -> SUB-2 -> KIT -> SUB-1|SUB-2 -> KIT -> SUB-1 -> SUB-2/
    );
    const self = workbook({ boms: [bom("KIT", 10000, "KIT", 1)] });
    expect(only(self, "BOM_CYCLE")[0].message).toContain("KIT -> KIT");
    const diamond = workbook({
      items: [atoItem("KIT"), item("SUB-1"), item("SUB-2"), item("PART-A")],
      boms: [
        bom("KIT", 10000, "SUB-1", 1),
        bom("KIT", 20000, "SUB-2", 1),
        bom("SUB-1", 10000, "PART-A", 1),
        bom("SUB-2", 10000, "SUB-1", 1),
      ],
    });
    expect(only(diamond, "BOM_CYCLE")).toEqual([]);
  });

  test("ATO_PARTIAL: the BC message names both accepted values", () => {
    const partial = only(workbook({ blanket: [blanket({ qty: 10, ato: 6 })] }), "ATO_PARTIAL");
    expect(partial).toEqual([
      {
        severity: "error",
        code: "ATO_PARTIAL",
        sheet: "Blanket Orders",
        cell: "I2",
        message:
          "Blanket order BSO-1001 line 10000: Qty. to Assemble to Order is 6, but must be 0 or 10 (the full Quantity). Blanket order agreements cannot be assembled for a partial quantity.",
      },
    ]);
    expect(
      only(
        workbook({
          blanket: [
            blanket({ qty: 10, ato: 10 }),
            blanket({ line: 20000, ato: 0 }),
            blanket({ line: 30000 }),
          ],
        }),
        "ATO_PARTIAL"
      )
    ).toEqual([]);
    expect(
      only(workbook({ blanket: [blanket({ qty: 10, ato: 10.00001 })] }), "ATO_PARTIAL")
    ).toHaveLength(1);
  });

  test("BOM_MISSING when a line assembles an item without a BOM; assemble-to-stock lines need none", () => {
    const wb = workbook({
      items: [atoItem("KIT"), atoItem("NOBOM"), item("PART-A"), item("PART-B")],
      blanket: [blanket({ item: "NOBOM" })],
    });
    expect(only(wb, "BOM_MISSING")).toEqual([expect.objectContaining({ cell: "I2" })]);
    const stock = workbook({ blanket: [blanket({ item: "PART-A" })] });
    expect(issuesOf(stock)).toEqual([]);
    // An explicit ATO quantity on an assemble-to-stock item with a BOM is allowed, as in BC.
    const explicit = workbook({
      items: [item("KIT"), item("PART-A"), item("PART-B")],
      blanket: [blanket({ qty: 5, ato: 5 })],
    });
    expect(issuesOf(explicit)).toEqual([]);
  });

  const salesSheet = (
    rows: { doc: string; line: number; qty: number; bLine: number; bDoc?: string; uom?: string }[]
  ) =>
    sheet(
      "Sales Orders",
      rows.map((r) => ({
        "Document No.": r.doc,
        "Line No.": r.line,
        Type: "Item",
        "No.": "KIT",
        Quantity: r.qty,
        "Unit of Measure Code": r.uom ?? "PCS",
        "Blanket Order No.": r.bDoc ?? "BSO-1001",
        "Blanket Order Line No.": r.bLine,
      }))
    );

  test("OVER_CALL_OFF gives BC's numbers", () => {
    const wb = workbook({
      blanket: [blanket({ qty: 10, ship: 7 })],
      extra: [salesSheet([{ doc: "SO-1", line: 10000, qty: 4, bLine: 10000 }])],
    });
    expect(only(wb, "OVER_CALL_OFF")).toEqual([
      expect.objectContaining({
        cell: "M2",
        message:
          "Qty. to Ship of item KIT on blanket order BSO-1001 line 10000 cannot be more than 6. Quantity - Quantity Ordered = possible: 10 - 4 = 6.",
      }),
    ]);
    const exact = workbook({
      blanket: [blanket({ qty: 10, ship: 6 })],
      extra: [salesSheet([{ doc: "SO-1", line: 10000, qty: 4, bLine: 10000 }])],
    });
    expect(issuesOf(exact)).toEqual([]);
  });

  test("OVER_ORDERED when sales lines exceed a reduced blanket; compared in base units", () => {
    // Sales lines in another unit than their blanket line are CALLED_OFF_LINE_CHANGED (as BC
    // requires the blanket line's unit on its sales lines); the quantities still compare in base units.
    const units = [{ "Item No.": "KIT", Code: "BOX", "Qty. per Unit of Measure": 6 }];
    const over = workbook({
      blanket: [blanket({ qty: 3 })],
      extra: [salesSheet([{ doc: "SO-1", line: 10000, qty: 4, bLine: 10000 }])],
    });
    expect(only(over, "OVER_ORDERED")).toHaveLength(1);
    // 2 boxes = 12 pieces ordered against a line of 12 pieces: exactly full.
    const full = workbook({
      units,
      blanket: [blanket({ qty: 12 })],
      extra: [salesSheet([{ doc: "SO-1", line: 10000, qty: 2, bLine: 10000, uom: "BOX" }])],
    });
    expect(issuesOf(full).map((i) => i.code)).toEqual(["CALLED_OFF_LINE_CHANGED"]);
    const overInBoxes = workbook({
      units,
      blanket: [blanket({ qty: 11 })],
      extra: [salesSheet([{ doc: "SO-1", line: 10000, qty: 2, bLine: 10000, uom: "BOX" }])],
    });
    expect(only(overInBoxes, "OVER_ORDERED")).toHaveLength(1);
  });

  test("BLANKET_LINE_NOT_FOUND for a sales line naming a missing blanket line", () => {
    const wb = workbook({
      extra: [salesSheet([{ doc: "SO-1", line: 10000, qty: 1, bLine: 90000 }])],
    });
    expect(only(wb, "BLANKET_LINE_NOT_FOUND")).toEqual([
      expect.objectContaining({ sheet: "Sales Orders", cell: "H2" }),
    ]);
    expect(
      only(
        workbook({ extra: [salesSheet([{ doc: "SO-1", line: 10000, qty: 1, bLine: 10000 }])] }),
        "BLANKET_LINE_NOT_FOUND"
      )
    ).toEqual([]);
  });

  test("issues come all in one pass, in sheet and row order, each with sheet, cell and message", () => {
    const wb = workbook({
      blanket: [
        blanket({ qty: 10, ato: 6 }),
        blanket({ line: 20000, discount: 200 }),
        blanket({ line: 30000, item: "NOPE" }),
      ],
    });
    const r = validateUnassembled(wb);
    expect(codes(r.issues)).toEqual(["ATO_PARTIAL", "DISCOUNT_INVALID", "UNKNOWN_ITEM"]);
    expect(r.errors).toBe(3);
    expect(r.ok).toBe(false);
    for (const i of r.issues) expect(i.message.length).toBeGreaterThan(20);
  });
});

describe("computed quantities beyond what Excel holds", () => {
  test("QTY_INVALID at the input cell that drove them; a near miss passes", () => {
    const units = [{ "Item No.": "KIT", Code: "PALLET", "Qty. per Unit of Measure": 999999999999 }];
    const base = validateUnassembled(
      workbook({ units, blanket: [blanket({ qty: 100000, uom: "PALLET", ato: 0 })] })
    ).issues;
    expect(base).toEqual([expect.objectContaining({ code: "QTY_INVALID", cell: "G2" })]);
    const amount = validateUnassembled(
      workbook({ blanket: [blanket({ qty: 999999999, price: 99999999, ato: 0 })] })
    ).issues;
    expect(amount).toEqual([expect.objectContaining({ code: "QTY_INVALID", cell: "J2" })]);
    const components = validateUnassembled(
      workbook({
        boms: [bom("KIT", 10000, "PART-A", 999999999)],
        blanket: [blanket({ qty: 9999999 })],
      })
    ).issues;
    expect(components).toEqual([expect.objectContaining({ code: "QTY_INVALID", cell: "G2" })]);
    const near = validateUnassembled(
      workbook({
        boms: [bom("KIT", 10000, "PART-A", 999999999)],
        blanket: [blanket({ qty: 999999 })],
      })
    ).issues;
    expect(near).toEqual([]);
  });
});

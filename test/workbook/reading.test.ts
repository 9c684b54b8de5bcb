import { Issue } from "../../src/domain/issues";
import { isoToSerial, serialToIso } from "../../src/domain/dates";
import { cellRef, columnLetters, normalizeHeader, parseCellRef } from "../../src/workbook/grid";
import { locate } from "../../src/workbook/locator";
import { readWorkbook } from "../../src/workbook/reading";
import { BLANKET_ORDERS } from "../../src/workbook/schema";
import { readTable } from "../../src/workbook/table";
import { formatFor, looksLikeFormula } from "../../src/workbook/writePlan";
import { blanket, sheet, workbook, validateUnassembled } from "../builders";

describe("reading sheets", () => {
  test("A1 references", () => {
    expect([0, 25, 26, 701, 702].map(columnLetters)).toEqual(["A", "Z", "AA", "ZZ", "AAA"]);
    expect(cellRef(12, 7)).toBe("M7");
    expect(parseCellRef("AA10")).toEqual({ col: 26, row: 10 });
    expect(parseCellRef("A0")).toBeUndefined();
  });

  test("header row: the first non-empty row within the first 20; empty rows are skipped", () => {
    const grid = sheet("Blanket Orders", [blanket()]);
    const shifted = {
      name: "Blanket Orders",
      rows: [[], [null, "  "], ...grid.rows.slice(0, 1), [], ...grid.rows.slice(1)],
    };
    const issues: Issue[] = [];
    const t = readTable(shifted, BLANKET_ORDERS, issues);
    expect(t.headerRow).toBe(3);
    expect(t.rows.map((r) => r.row)).toEqual([5]);
    expect(issues).toEqual([]);
    const wb = workbook();
    wb.sheets[2] = shifted;
    expect(validateUnassembled(wb).issues).toEqual([]);
  });

  test("a header below row 20 is not found: the required columns are missing", () => {
    const wb = workbook();
    const b = wb.sheets[2];
    b.rows = [...Array.from({ length: 19 }, () => []), ...b.rows];
    expect(validateUnassembled(wb).issues.filter((i) => i.code === "COLUMN_MISSING")).toHaveLength(
      0
    );
    b.rows = [[], ...b.rows];
    // Row 21: not found, so every required column is reported, saying why.
    const missing = validateUnassembled(wb).issues.filter((i) => i.code === "COLUMN_MISSING");
    expect(missing).toHaveLength(4);
    expect(missing[0].message).toContain("first 20 rows");
  });

  test("header matching ignores case, spaces and punctuation; BC short captions are aliases", () => {
    expect(normalizeHeader("Qty. to Assemble to Order")).toBe(
      normalizeHeader("QTY_TO_ASSEMBLE_TO_ORDER")
    );
    const grid = sheet("Blanket Orders", [
      {
        "document no": "B1",
        "Sell-to Customer No.": "C1",
        "line no.": 10000,
        "Item No.": "KIT",
        quantity: 5,
        "Qty. to Asm. to Order": 5,
        "Line Disc. %": 10,
      },
    ]);
    const t = readTable(grid, BLANKET_ORDERS, []);
    expect([...t.cols.keys()].sort()).toEqual(
      [
        "sellToCustomerNo",
        "lineDiscountPercent",
        "documentNo",
        "lineNo",
        "no",
        "quantity",
        "qtyToAssembleToOrder",
      ].sort()
    );
  });

  test("a column given twice is reported at its second header cell", () => {
    const grid = {
      name: "Blanket Orders",
      rows: [
        ["Document No.", "Sell-to Customer No.", "Line No.", "No.", "Quantity", "quantity"],
        ["B1", "C1", 10000, "KIT", 5, 6],
      ],
    };
    const issues: Issue[] = [];
    readTable(grid, BLANKET_ORDERS, issues);
    expect(issues.map((i) => [i.code, locate(i, {}).cell])).toEqual([["VALUE_INVALID", "F1"]]);
  });

  test("codes: numbers read as text, spaces trimmed, compared case-insensitively", () => {
    const wb = workbook({
      items: [
        { "No.": 1001, "Assembly Policy": "assemble to order" },
        { "No.": " part-a " },
        { "No.": "PART-B" },
      ],
      boms: [{ "Parent Item No.": "1001", "Quantity per": 1, "No.": "PART-A" }],
      blanket: [blanket({ item: " 1001" })],
    });
    const parsed = readWorkbook(wb).records;
    expect([...parsed.items.values()].map((i) => i.no)).toEqual(["1001", "part-a", "PART-B"]);
    expect(validateUnassembled(wb).issues).toEqual([]);
  });

  test("dates: serial numbers or ISO text; anything else is VALUE_INVALID", () => {
    expect(isoToSerial("2027-03-01")).toBe(46447);
    expect(serialToIso(46447)).toBe("2027-03-01");
    expect(isoToSerial("2027-02-29")).toBeUndefined();
    expect(isoToSerial("1.3.2027")).toBeUndefined();
    const parsed = readWorkbook(
      workbook({ blanket: [blanket({ extra: { "Shipment Date": "2027-03-01" } })] })
    ).records;
    expect(parsed.blanketOrders.get("BSO-1001")!.lines[0].shipmentDate).toBe(46447);
  });

  test("quantities are rounded to 0.00001 on reading; defaults fill blank cells", () => {
    const parsed = readWorkbook(
      workbook({ blanket: [blanket({ qty: 1.000005, ato: null, price: null })] })
    ).records;
    const line = parsed.blanketOrders.get("BSO-1001")!.lines[0];
    expect(line.quantity).toBe(1.00001);
    expect(line.qtyToAssembleToOrder).toBe(1.00001); // ATO item: blank means the full quantity
    expect(line.unitOfMeasureCode).toBe("PCS");
    expect(line.description).toBe("KIT description");
  });

  test("text is written into Text cells, whatever the column, so Excel keeps it as it is", () => {
    for (const t of ["=1+1", "+44", "-3 pcs", "@home", "\tx", "\rx"])
      expect(looksLikeFormula(t)).toBe(true);
    for (const t of ["KIT", "1=1", " =x", ""]) expect(looksLikeFormula(t)).toBe(false);
    expect(formatFor("=1+1", "quantity")).toBe("@");
    expect(formatFor("'quoted", "general")).toBe("@");
    expect(formatFor(12, "quantity")).toBe("General");
    expect(formatFor(46447, "date")).toBe("yyyy-mm-dd");
  });
});

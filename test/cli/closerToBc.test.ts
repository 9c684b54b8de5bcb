/** `bao roll-up`, availability and location/variant on real .xlsx files (docs/cli.md, docs/rules.md). */
import * as fs from "fs";
import * as path from "path";
import { atoItem, blanket, bom, item, records, sheet, workbook } from "../builders";
import { bao, readGrids, tempDir, writeXlsx } from "./xlsx";

let dir: string;
beforeEach(() => {
  dir = tempDir();
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

const corpus = path.join(__dirname, "..", "corpus");

/** KIT = 2 PART-A (price 3, cost 2) + 1 HOUR of ASSEMBLY (price 40, cost 25); 10 agreed at 50. */
async function priced(
  name = "wb.xlsx",
  extra: Parameters<typeof workbook>[0] = {}
): Promise<string> {
  const file = path.join(dir, name);
  await writeXlsx(
    file,
    workbook({
      items: [
        atoItem("KIT"),
        item("PART-A", { "Unit Price": 3, "Unit Cost": 2, Inventory: 25 }),
        item("PART-B", { "Unit Price": 1 }),
      ],
      resources: [{ "No.": "ASSEMBLY", "Unit Price": 40, "Unit Cost": 25 }],
      boms: [
        bom("KIT", 10000, "PART-A", 2),
        bom("KIT", 20000, "ASSEMBLY", 1, { Type: "Resource" }),
      ],
      blanket: [
        blanket({ price: 50, extra: { "Location Code": "EAST", "Variant Code": "OAK" } as never }),
      ],
      ...extra,
    })
  );
  return file;
}

describe("bao roll-up", () => {
  test("writes the rolled-up price in place, with a table of the figures", async () => {
    const file = await priced();
    const r = await bao("roll-up", file, "--order", "BSO-1001");
    expect(r.code).toBe(0);
    // (3 x 20 + 40 x 10) / 10 = 46 per kit; cost (2 x 20 + 25 x 10) / 10 = 29; margin 50 - 29 = 21.
    expect(r.out.split("\n").slice(1, 3)).toEqual([
      "Line   Item  Unit  Unit Price  Rolled-up price  Rolled-up cost  Margin  Margin %",
      "10000  KIT   PCS           50               46              29      21        42",
    ]);
    expect(r.out).toContain(
      "Rolled up the price of 1 line of blanket order BSO-1001 into Unit Price."
    );
    expect(records(await readGrids(file), "Blanket Orders")[0]["Unit Price"]).toBe(46);
  });

  test("--cost -o OUT writes Unit Cost to OUT, FILE untouched; --json gives the lines", async () => {
    const file = await priced();
    const before = fs.readFileSync(file);
    const out = path.join(dir, "out.xlsx");
    const r = await bao(
      "roll-up",
      file,
      "--order",
      "BSO-1001",
      "--line",
      "10000",
      "--cost",
      "-o",
      out,
      "--json"
    );
    expect(r.code).toBe(0);
    const json = JSON.parse(r.out);
    expect(json).toMatchObject({
      ok: true,
      kind: "cost",
      lines: [{ lineNo: 10000, price: 46, cost: 29 }],
    });
    expect(fs.readFileSync(file).equals(before)).toBe(true);
    expect(records(await readGrids(out), "Blanket Orders")[0]).toMatchObject({
      "Unit Price": 50,
      "Unit Cost": 29,
    });
  });

  test("refused: a component without a price (exit 1, the file byte-for-byte as it was); usage errors (exit 2)", async () => {
    const file = await priced("noprice.xlsx", {
      items: [atoItem("KIT"), item("PART-A", { "Unit Cost": 2 }), item("PART-B")],
    });
    const before = fs.readFileSync(file);
    const r = await bao("roll-up", file, "--order", "BSO-1001");
    expect(r.code).toBe(1);
    expect(r.out).toContain(
      "error ROLL_UP_INCOMPLETE 'Items'!A3: Blanket order BSO-1001 line 10000: item PART-A has no Unit Price"
    );
    expect(r.out).toContain("Nothing written");
    expect(fs.readFileSync(file).equals(before)).toBe(true);
    expect((await bao("roll-up", file, "--order", "BSO-1001", "--price", "--cost")).code).toBe(2);
    const bad = await bao("roll-up", file, "--order", "BSO-1001", "--line", "ten");
    expect(bad.code).toBe(2);
    expect(bad.err).toContain("--line ten: expected a line number");
    expect((await bao("roll-up", file)).err).toContain("roll-up needs --order DOC");
  });

  test("on files saved by LibreOffice and openpyxl: refused without prices, nothing written", async () => {
    for (const name of ["planner-libreoffice.xlsx", "planner-openpyxl.xlsx"]) {
      const file = path.join(dir, name);
      fs.copyFileSync(path.join(corpus, name), file);
      const before = fs.readFileSync(file);
      const r = await bao("roll-up", file, "--order", "BSO-1001", "--json");
      const json = JSON.parse(r.out);
      expect({
        name,
        code: r.code,
        codes: [...new Set(json.issues.map((i: { code: string }) => i.code))],
      }).toEqual({
        name,
        code: 1,
        codes: ["ROLL_UP_INCOMPLETE"],
      });
      expect(fs.readFileSync(file).equals(before)).toBe(true);
    }
  });
});

describe("bao make-order: location, variant and availability", () => {
  test("location and variant reach the sales line and the assembly order; a shortage warns, exit 0", async () => {
    const file = await priced("loc.xlsx", {
      blanket: [
        blanket({
          price: 50,
          ship: 20,
          qty: 20,
          extra: { "Location Code": "EAST", "Variant Code": "OAK" } as never,
        }),
      ],
      extra: [
        sheet("Locations", [{ Code: "EAST" }]),
        sheet("Item Variants", [{ "Item No.": "KIT", Code: "OAK" }]),
      ],
    });
    let r = await bao("assemble", file);
    expect(r.code).toBe(0);
    r = await bao("make-order", file, "--order", "BSO-1001", "--date", "2027-01-05");
    expect(r.code).toBe(0);
    // 20 kits need 40 PART-A; 25 on hand, no assembly orders yet.
    expect(r.out).toContain(
      "warning COMPONENT_SHORT 'Items'!G3: This call-off (sales order SO-0001) needs 40 PCS of item PART-A by 2027-03-01, but only 25 PCS are available"
    );
    const g = await readGrids(file);
    expect(records(g, "Sales Orders")[0]).toMatchObject({
      "Location Code": "EAST",
      "Variant Code": "OAK",
    });
    expect(
      records(g, "Assembly Orders").map((l) => [l["Location Code"], l["Assembly Variant Code"]])
    ).toEqual([
      ["EAST", "OAK"],
      ["EAST", "OAK"],
    ]);
  });

  test("an unknown location is a located error and nothing is written", async () => {
    const file = await priced("unknown.xlsx", {
      blanket: [blanket({ ship: 2, extra: { "Location Code": "NORTH" } as never })],
      extra: [sheet("Locations", [{ Code: "EAST" }])],
    });
    const before = fs.readFileSync(file);
    const r = await bao("make-order", file, "--order", "BSO-1001", "--json");
    expect(r.code).toBe(1);
    expect(JSON.parse(r.out).issues).toEqual([
      expect.objectContaining({ code: "UNKNOWN_LOCATION", sheet: "Blanket Orders", cell: "N2" }),
    ]);
    expect(fs.readFileSync(file).equals(before)).toBe(true);
  });
});

import * as fs from "fs";
import * as path from "path";
import { execFileSync } from "child_process";
import ExcelJS from "exceljs";
import { unzip } from "../xlsx/parts";
import JSZip from "jszip";
import { blanket, records, workbook } from "../builders";
import { bao, readGrids, tempDir, writeXlsx } from "./xlsx";

const sample = path.join(__dirname, "..", "..", "samples", "blanket-orders.xlsx");
const bytes = (f: string) => fs.readFileSync(f).toString("base64");

let dir: string;
beforeEach(() => {
  dir = tempDir();
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

async function simple(
  name = "wb.xlsx",
  opts: Parameters<typeof workbook>[0] = {}
): Promise<string> {
  const file = path.join(dir, name);
  await writeXlsx(file, workbook(opts));
  return file;
}

describe("bao validate", () => {
  test("the sample validates with no errors (exit 0)", async () => {
    const r = await bao("validate", sample);
    expect(r.code).toBe(0);
    expect(r.out).toContain("0 errors");
    expect(r.err).toBe("");
  });

  test("errors: exit 1, --json shape, ok false", async () => {
    const file = await simple("bad.xlsx", { blanket: [blanket({ qty: 10, ato: 6 })] });
    const r = await bao("validate", file, "--json");
    expect(r.code).toBe(1);
    const json = JSON.parse(r.out);
    expect(json).toEqual({
      ok: false,
      errors: 1,
      warnings: 0,
      issues: [
        {
          severity: "error",
          code: "ATO_PARTIAL",
          sheet: "Blanket Orders",
          cell: "I2",
          message: expect.stringContaining("must be 0 or 10"),
        },
      ],
    });
    const text = await bao("validate", file);
    expect(text.out).toContain("error ATO_PARTIAL 'Blanket Orders'!I2:");
  });

  test("dates written as Excel dates are read as dates", async () => {
    const file = await simple();
    const r = await bao("assemble", file, "--json");
    expect(r.code).toBe(0);
    const grids = await readGrids(file);
    expect(records(grids, "Blanket Assembly Orders")[0]["Due Date"]).toBe(46447);
  });
});

describe("bao assemble", () => {
  test("-o writes OUT and leaves FILE byte-for-byte as it was; --json adds the counts", async () => {
    const file = await simple();
    const before = bytes(file);
    const out = path.join(dir, "out.xlsx");
    const r = await bao("assemble", file, "-o", out, "--json");
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out)).toMatchObject({
      ok: true,
      errors: 0,
      created: 1,
      kept: 0,
      rebuilt: 0,
      removed: 0,
    });
    expect(bytes(file)).toBe(before);
    const grids = await readGrids(out);
    expect(records(grids, "Blanket Assembly Orders").map((x) => x["No."])).toEqual([
      "PART-A",
      "PART-B",
    ]);
  });

  test("in place through a temporary file; no temporary file is left; a second run keeps the order", async () => {
    const file = await simple();
    expect((await bao("assemble", file)).code).toBe(0);
    expect(fs.readdirSync(dir)).toEqual(["wb.xlsx"]);
    const r = await bao("assemble", file, "--json");
    expect(JSON.parse(r.out)).toMatchObject({ created: 0, kept: 1 });
  });

  test("errors in the data it needs: exit 1, nothing written", async () => {
    const file = await simple("bad.xlsx", { blanket: [blanket({ qty: 10, ato: 6 })] });
    const before = bytes(file);
    const r = await bao("assemble", file);
    expect(r.code).toBe(1);
    expect(r.out).toContain("Nothing written");
    expect(bytes(file)).toBe(before);
  });

  test("writes Excel tables with formats: Text on codes, dates as dates; other sheets carried over", async () => {
    const file = path.join(dir, "wb.xlsx");
    const grids = workbook();
    grids.sheets.push({
      name: "Notes",
      rows: [
        ["Planner", "remark"],
        ["JL", "=not a formula"],
        [1.5, true],
      ],
    });
    await writeXlsx(file, grids);
    expect((await bao("assemble", file)).code).toBe(0);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    const ws = wb.getWorksheet("Blanket Assembly Orders")!;
    expect(Object.keys((ws as unknown as { tables: object }).tables)).toEqual([
      "BlanketAssemblyOrders",
    ]);
    expect(ws.getCell("A2").numFmt).toBe("@");
    expect(ws.getCell("G2").numFmt).toBe("yyyy-mm-dd");
    expect(ws.getCell("G2").value).toBeInstanceOf(Date);
    const notes = wb.getWorksheet("Notes")!;
    expect(notes.getCell("B2").value).toBe("=not a formula");
    expect(notes.getCell("A3").value).toBe(1.5);
  });

  test("a workbook with an image is updated in place; the image and its drawing are carried over as they were", async () => {
    const file = await simple();
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    const png = Buffer.from(
      "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==",
      "base64"
    );
    const id = wb.addImage({ buffer: png as unknown as ExcelJS.Buffer, extension: "png" });
    wb.getWorksheet("Items")!.addImage(id, "H2:I4");
    await wb.xlsx.writeFile(file);
    const before = unzip(fs.readFileSync(file));
    const r = await bao("assemble", file);
    expect(r.code).toBe(0);
    expect(r.err).toBe("");
    const after = unzip(fs.readFileSync(file));
    for (const name of [...before.keys()].filter((n) => /media|drawing/.test(n)))
      expect({ name, same: Buffer.compare(after.get(name)!, before.get(name)!) === 0 }).toEqual({
        name,
        same: true,
      });
    expect(records(await readGrids(file), "Blanket Assembly Orders").length).toBeGreaterThan(0);
  });
});

describe("bao make-order", () => {
  test("--ship and --date; --json adds salesOrder and assemblyOrders; the blanket order is updated", async () => {
    const file = await simple();
    const r = await bao(
      "make-order",
      file,
      "--order",
      "BSO-1001",
      "--ship",
      "10000=4",
      "--date",
      "2027-01-15",
      "--json"
    );
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out)).toMatchObject({
      ok: true,
      salesOrder: "SO-0001",
      assemblyOrders: ["AO-0001"],
    });
    const grids = await readGrids(file);
    expect(records(grids, "Sales Orders")[0]).toMatchObject({
      "Document No.": "SO-0001",
      Quantity: 4,
      "Order Date": 46402,
    });
    expect(records(grids, "Blanket Orders")[0]).toMatchObject({
      "Quantity Ordered": 4,
      "Remaining Quantity": 6,
    });
    expect(records(grids, "Assembly Orders").map((l) => l.Quantity)).toEqual([8, 4]);
  });

  test("over call-off: exit 1 with BC's numbers, file untouched", async () => {
    const file = await simple();
    const before = bytes(file);
    const r = await bao("make-order", file, "--order", "BSO-1001", "--ship", "10000=11");
    expect(r.code).toBe(1);
    expect(r.out).toContain(
      "cannot be more than 10. Quantity - Quantity Ordered = possible: 10 - 0 = 10."
    );
    expect(bytes(file)).toBe(before);
  });

  test("unknown order: exit 1 ORDER_NOT_FOUND; default date is today", async () => {
    const file = await simple();
    const r = await bao("make-order", file, "--order", "NOPE", "--json");
    expect(r.code).toBe(1);
    expect(JSON.parse(r.out).issues[0].code).toBe("ORDER_NOT_FOUND");
  });

  test("text that looks like a formula is written as text, never a formula", async () => {
    const file = path.join(dir, "wb.xlsx");
    await writeXlsx(
      file,
      workbook({
        blanket: [
          blanket({
            ship: 1,
            extra: {
              Description: '=HYPERLINK("http://x")',
              "External Document No.": "+44 20 7946 0000",
            },
          }),
        ],
      })
    );
    expect((await bao("make-order", file, "--order", "BSO-1001")).code).toBe(0);
    const grids = await readGrids(file);
    expect(records(grids, "Sales Orders")[0]).toMatchObject({
      Description: '=HYPERLINK("http://x")',
      "External Document No.": "+44 20 7946 0000",
    });
    const zip = await JSZip.loadAsync(fs.readFileSync(file));
    const sheets = Object.keys(zip.files).filter((n) => n.startsWith("xl/worksheets/sheet"));
    for (const s of sheets) expect(await zip.file(s)!.async("string")).not.toContain("<f>");
  });
});

describe("usage and file errors: exit 2, one line, no stack trace", () => {
  const expectOneLine = (r: { code: number; err: string }) => {
    expect(r.code).toBe(2);
    expect(r.err.split("\n")[0]).toMatch(/^bao: /);
    expect(r.err).not.toMatch(/\n\s+at /);
  };

  test.each([
    [["frobnicate", "x.xlsx"]],
    [["validate"]],
    [["validate", "a.xlsx", "b.xlsx"]],
    [["validate", "a.xlsx", "--wat"]],
    [["make-order", "a.xlsx"]],
    [["make-order", "a.xlsx", "--order", "B", "--ship", "ten=4"]],
    [["make-order", "a.xlsx", "--order", "B", "--ship", "10000=4", "--ship", "10000=5"]],
    [["make-order", "a.xlsx", "--order", "B", "--date", "15/01/2027"]],
    [["validate", "a.xlsx", "-o", "b.xlsx"]],
    [[]],
  ])("usage error %j", async (argv) => {
    expectOneLine(await bao(...argv));
  });

  test("missing file, a folder, not a zip, a zip without a workbook, a truncated workbook", async () => {
    const text = path.join(dir, "notes.xlsx");
    fs.writeFileSync(text, "Document No.;Quantity\nB1;4\n");
    const zip = new JSZip();
    zip.file("word/document.xml", "<w/>");
    const docx = path.join(dir, "letter.xlsx");
    fs.writeFileSync(docx, await zip.generateAsync({ type: "nodebuffer" }));
    const good = await simple();
    const truncated = path.join(dir, "truncated.xlsx");
    fs.writeFileSync(truncated, fs.readFileSync(good).subarray(0, 2000));
    const cases: [string, RegExp][] = [
      [path.join(dir, "missing.xlsx"), /no such file/],
      [dir, /is a folder/],
      [text, /not an \.xlsx workbook/],
      [docx, /not an \.xlsx workbook/],
      [truncated, /damaged|not an \.xlsx/],
    ];
    for (const [file, message] of cases) {
      const r = await bao("validate", file, "--json");
      expectOneLine(r);
      expect(r.err).toMatch(message);
      expect(r.err).toContain(path.basename(file));
      expect(JSON.parse(r.out)).toMatchObject({ ok: false });
    }
  });
});

describe("bao template and demo", () => {
  test("template writes every input sheet with drop-down lists; it validates; it never overwrites", async () => {
    const out = path.join(dir, "new.xlsx");
    expect((await bao("template", out)).code).toBe(0);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    expect(wb.worksheets.map((w) => w.name)).toEqual([
      "Items",
      "Item Units",
      "Resources",
      "Assembly BOMs",
      "Blanket Orders",
      "Setup",
    ]);
    const policy = wb.getWorksheet("Items")!.getCell("D2").dataValidation;
    expect(policy).toMatchObject({
      type: "list",
      formulae: ['"Assemble-to-Stock,Assemble-to-Order"'],
    });
    expect(wb.getWorksheet("Blanket Orders")!.getCell("A2").numFmt).toBe("@");
    expect((await bao("validate", out)).code).toBe(0);
    const again = await bao("template", out);
    expect(again.code).toBe(2);
    expect(again.err).toContain("already exists");
  });

  test("demo runs validate, assemble and make-order on a copy and says where the result is", async () => {
    const out = path.join(dir, "demo.xlsx");
    const before = bytes(sample);
    const r = await bao("demo", "-o", out);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/1\. validate: 0 errors/);
    expect(r.out).toMatch(/2\. assemble: blanket assembly orders 1 created/);
    expect(r.out).toMatch(/3\. make-order BSO-1001: Made sales order SO-27002/);
    expect(r.out).toContain(out);
    expect(bytes(sample)).toBe(before);
    const grids = await readGrids(out);
    expect(records(grids, "Blanket Orders").filter((b) => b["Qty. to Ship"] !== null)).toEqual([]);
    expect((await bao("validate", out)).code).toBe(0);
  });

  test("npx-style entry point: bin/bao.js runs the built CLI", () => {
    const root = path.join(__dirname, "..", "..");
    const out = execFileSync(
      process.execPath,
      [path.join(root, "bin", "bao.js"), "validate", sample],
      { encoding: "utf8" }
    );
    expect(out).toContain("0 errors");
  });
});

describe("the file changed under us", () => {
  test("a workbook saved by someone else while bao worked is not overwritten", async () => {
    const { loadWorkbook, checkUnchanged } = await import("../../src/hosts/xlsx/xlsxHost");
    const file = await simple();
    const loaded = await loadWorkbook(file);
    expect(() => checkUnchanged(loaded)).not.toThrow();
    await writeXlsx(file, workbook({ blanket: [blanket({ qty: 99 })] }));
    expect(() => checkUnchanged(loaded)).toThrow(
      /changed while bao was working.*nothing was written/
    );
  });
});

describe("bao forecast", () => {
  test("writes the Component Forecast sheet by month or week; --json adds the row count", async () => {
    const file = await simple("plan.xlsx", {
      blanket: [
        blanket({ qty: 10, date: "2027-03-01" }),
        blanket({ line: 20000, qty: 5, date: "2027-04-15" }),
      ],
    });
    const r = await bao("forecast", file, "--json");
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out)).toMatchObject({ ok: true, rows: 4, by: "month" });
    const rows = records(await readGrids(file), "Component Forecast");
    expect(rows.map((x) => [x.Period, x["No."], x["Needed for Blanket Orders"]])).toEqual([
      ["2027-03", "PART-A", 20],
      ["2027-03", "PART-B", 10],
      ["2027-04", "PART-A", 10],
      ["2027-04", "PART-B", 5],
    ]);
    const weekly = path.join(dir, "weekly.xlsx");
    expect((await bao("forecast", file, "--by", "week", "-o", weekly)).code).toBe(0);
    expect(records(await readGrids(weekly), "Component Forecast").map((x) => x.Period)).toEqual([
      "2027-W09",
      "2027-W09",
      "2027-W15",
      "2027-W15",
    ]);
    const bad = await bao("forecast", file, "--by", "year");
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/--by year: expected month or week/);
  });
});

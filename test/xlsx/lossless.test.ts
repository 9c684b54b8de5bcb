/**
 * Lossless updates on real producers' files (test/corpus): for each command and file,
 * every part the command does not write is byte-identical; the sheets it writes keep what
 * is not the product's; styles and the workbook part only grow; other readers open the
 * result. Files bao cannot update are refused with one line saying what they are.
 */
import * as fs from "fs";
import * as path from "path";
import ExcelJS from "exceljs";
import { assemble, forecast, makeOrder, share } from "../../src/engine";
import { loadWorkbook } from "../../src/hosts/xlsx/xlsxHost";
import { XlsxPackage } from "../../src/hosts/xlsx/package/workbookPackage";
import { sampleGrids } from "../../src/sample/sampleWorkbook";
import { gridsAsWorkbook } from "../../src/workbook/documents";
import { cellRef, findSheet, WorkbookGrids } from "../../src/workbook/grid";
import { INPUT_SHEETS } from "../../src/workbook/schema";
import { newXlsx } from "../../src/hosts/xlsx/xlsxFile";
import { WritePlan } from "../../src/workbook/writePlan";
import { bao, tempDir } from "../cli/xlsx";
import {
  all,
  cellsOf,
  Parts,
  related,
  relsPath,
  same,
  sheetFrame,
  sheetParts,
  text,
  unzip,
  xml,
  zip,
} from "./parts";

const CORPUS = path.join(__dirname, "..", "corpus");
const PLANNERS = [
  "planner-xlsxwriter.xlsx",
  "planner-libreoffice.xlsx",
  "planner-openpyxl.xlsx",
  "exceljs-sample.xlsx",
];
const EXCEL = fs.readdirSync(path.join(CORPUS, "excel")).filter((f) => /\.xls[xm]$/.test(f));

interface Command {
  name: string;
  argv: string[];
  plan: (grids: WorkbookGrids) => WritePlan | undefined;
}

const COMMANDS: Command[] = [
  { name: "assemble", argv: ["assemble"], plan: (g) => assemble(g).plan },
  {
    name: "make-order",
    argv: ["make-order", "--order", "BSO-1001", "--date", "2027-01-15"],
    plan: (g) => makeOrder(g, { blanketOrderNo: "BSO-1001", orderDate: 46402 }).plan,
  },
  { name: "forecast", argv: ["forecast"], plan: (g) => forecast(g, "month").plan },
];

let dir: string;
beforeAll(() => {
  dir = tempDir();
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** Cells a plan may change on each sheet: written, cleared, or in rows that shift. */
function writtenCells(plan: WritePlan): Map<string, (ref: string) => boolean> {
  const out = new Map<string, (ref: string) => boolean>();
  for (const w of plan.writes) {
    const cells = new Set<string>();
    for (const r of w.ranges)
      r.values.forEach((line, i) =>
        line.forEach((_, c) => cells.add(cellRef(r.col + c, r.row + i)))
      );
    for (const c of w.clear ?? [])
      for (let r = c.row; r < c.row + c.rows; r++)
        for (let k = c.col; k < c.col + c.cols; k++) cells.add(cellRef(k, r));
    const shifts = [...(w.deleteRows ?? []), ...(w.insertRows ?? [])];
    const from = Math.min(...shifts.map((s) => s.row));
    const width = Math.max(0, ...shifts.map((s) => s.width));
    const before = out.get(w.sheet);
    out.set(w.sheet, (ref) => {
      if (before?.(ref) || cells.has(ref)) return true;
      const m = /^([A-Z]+)(\d+)$/.exec(ref)!;
      const col = m[1].split("").reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0) - 1;
      return shifts.length > 0 && Number(m[2]) >= from && col < width;
    });
  }
  return out;
}

/** The xf entries of cellXfs, as written. */
function cellXfs(parts: Parts): string[] {
  const styles = text(parts, "xl/styles.xml");
  const inner = /<cellXfs[^>]*>([\s\S]*?)<\/cellXfs>/.exec(styles)?.[1] ?? "";
  return inner.match(/<xf\b[^>]*?(\/>|>[\s\S]*?<\/xf>)/g) ?? [];
}

/**
 * What a command may change in a package: the parts of the sheets it writes, their tables
 * and relationships, styles, the workbook part, its relationships and content types.
 */
function allowedChanges(before: Parts, writtenSheets: string[]): Set<string> {
  const sheets = sheetParts(before);
  const allowed = new Set([
    "[Content_Types].xml",
    "xl/workbook.xml",
    "xl/_rels/workbook.xml.rels",
    "xl/styles.xml",
  ]);
  for (const name of writtenSheets) {
    const part = [...sheets].find(([n]) => n.toLowerCase() === name.toLowerCase())?.[1];
    if (!part) continue;
    allowed.add(part);
    allowed.add(relsPath(part));
    for (const r of related(before, part)) if (r.type === "table") allowed.add(r.path);
  }
  return allowed;
}

function checkUpdate(label: string, before: Parts, after: Parts, plan: WritePlan): void {
  const written = writtenCells(plan);
  const allowed = allowedChanges(before, [...written.keys()]);
  // Every part the command does not write is byte-identical; only the calculation chain goes.
  for (const [name, bytes] of before) {
    if (allowed.has(name)) continue;
    if (/calcChain\.xml$/.test(name)) {
      expect({ label, name, kept: after.has(name) }).toEqual({ label, name, kept: false });
      continue;
    }
    expect({ label, name, identical: same(bytes, after.get(name)) }).toEqual({
      label,
      name,
      identical: true,
    });
  }
  // Every part of the result is well-formed XML.
  for (const name of after.keys())
    if (/\.(xml|rels|vml)$/.test(name) && !name.endsWith(".vml")) xml(after, name);
  // The written sheets keep everything but their cells; cells not written are as they were.
  const sheetsBefore = sheetParts(before);
  const sheetsAfter = sheetParts(after);
  for (const [sheet, may] of written) {
    const part = sheetsBefore.get(sheet);
    if (!part) continue;
    expect(sheetsAfter.get(sheet)).toBe(part);
    const old = text(before, part);
    const now = text(after, part);
    expect({ label, sheet, frame: sheetFrame(now) }).toEqual({
      label,
      sheet,
      frame: sheetFrame(old),
    });
    const cellsNow = cellsOf(now);
    for (const [ref, cell] of cellsOf(old))
      if (!may(ref))
        expect({ label, sheet, ref, cell: cellsNow.get(ref) }).toEqual({ label, sheet, ref, cell });
  }
  // Styles only grow: every existing style stays as it was, at its index.
  const xfsBefore = cellXfs(before);
  expect(cellXfs(after).slice(0, xfsBefore.length)).toEqual(xfsBefore);
  const styles = (p: Parts): string =>
    text(p, "xl/styles.xml")
      .replace(/<cellXfs[\s\S]*?<\/cellXfs>/, "")
      .replace(/<numFmts[\s\S]*?<\/numFmts>/, "");
  expect(styles(after)).toBe(styles(before));
  // The workbook part keeps its names, views and sheets; formulas recalculate on open.
  const workbookBefore = text(before, "xl/workbook.xml");
  const workbookAfter = text(after, "xl/workbook.xml");
  for (const tag of workbookBefore.match(/<(definedName|sheet|workbookView|workbookPr)\b[^>]*>/g) ??
    [])
    expect({ label, kept: workbookAfter.includes(tag) }).toEqual({ label, kept: true });
  if (plan.writes.length) expect(workbookAfter).toMatch(/<calcPr[^>]*fullCalcOnLoad="1"/);
}

async function readByExcelJs(file: string): Promise<string[]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  return wb.worksheets.map((w) => w.name);
}

describe.each(PLANNERS)("%s", (corpusFile) => {
  test.each(COMMANDS)("$name in place changes only what it writes", async (command) => {
    const file = path.join(dir, `${command.name}-${corpusFile}`);
    fs.copyFileSync(path.join(CORPUS, corpusFile), file);
    const plan = command.plan((await loadWorkbook(file)).grids)!;
    expect(plan.writes.length).toBeGreaterThan(0);
    const before = unzip(fs.readFileSync(file));
    const r = await bao(command.argv[0], file, ...command.argv.slice(1));
    expect({ code: r.code, err: r.err }).toEqual({ code: 0, err: "" });
    const after = unzip(fs.readFileSync(file));
    checkUpdate(`${corpusFile} ${command.name}`, before, after, plan);
    // exceljs, another reader, opens the result wherever it opens the original (it cannot
    // open openpyxl's files at all).
    const opens = await readByExcelJs(path.join(CORPUS, corpusFile)).then(
      () => true,
      () => false
    );
    if (opens)
      expect(await readByExcelJs(file)).toEqual(expect.arrayContaining(["Blanket Orders"]));
    expect((await bao("validate", file)).code).toBe(0);
  });
});

describe("the planner's workbook keeps its features through a whole cycle", () => {
  test("assemble, make-order, forecast, share and import-call-off: charts, notes, names, filters and properties stay", async () => {
    const file = path.join(dir, "cycle.xlsx");
    fs.copyFileSync(path.join(CORPUS, "planner-xlsxwriter.xlsx"), file);
    const original = unzip(fs.readFileSync(file));
    for (const c of COMMANDS) expect((await bao(c.argv[0], file, ...c.argv.slice(1))).code).toBe(0);
    const copy = path.join(dir, "copy.xlsx");
    expect((await bao("share", file, "--customer", "C10000", "-o", copy)).code).toBe(0);
    const edited = XlsxPackage.open(fs.readFileSync(copy));
    edited.setCell("Blanket Orders", 2, 14, 5);
    fs.writeFileSync(copy, await edited.toBytes());
    const imported = await bao("import-call-off", file, "--from", copy);
    expect(imported.code).toBe(0);
    const after = unzip(fs.readFileSync(file));
    // Dashboard, chart, image, notes (with their authors), custom properties, theme.
    const dashboard = sheetParts(original).get("Dashboard")!;
    for (const name of [
      dashboard,
      relsPath(dashboard),
      "xl/charts/chart1.xml",
      "xl/media/image1.png",
      "xl/drawings/drawing1.xml",
      "xl/comments1.xml",
      "xl/comments2.xml",
      "docProps/custom.xml",
      "docProps/core.xml",
      "xl/theme/theme1.xml",
      "xl/sharedStrings.xml",
    ])
      expect({ name, identical: same(original.get(name), after.get(name)) }).toEqual({
        name,
        identical: true,
      });
    expect(text(after, "xl/comments2.xml")).toContain("Jordan Planner");
    // The hidden sheet stays hidden; the defined names stay.
    const workbook = text(after, "xl/workbook.xml");
    expect(workbook).toMatch(/<sheet name="Lists"[^>]*state="hidden"/);
    expect(workbook).toContain('<definedName name="AgreedQuantity">');
    // The product's tables were resized, not duplicated; the totals row table is untouched.
    const tables = [...after.keys()].filter((n) => n.startsWith("xl/tables/"));
    const names = tables.map((t) => all(xml(after, t), "table")[0].getAttribute("name"));
    expect(new Set(names).size).toBe(names.length);
    expect(names).toEqual(expect.arrayContaining(["Budget", "BlanketOrders", "ComponentForecast"]));
  });
});

describe("formats of cells the command does not write never change", () => {
  test("make-order gives written cells their formats without touching a style other cells share", async () => {
    const file = path.join(dir, "formats.xlsx");
    fs.copyFileSync(path.join(CORPUS, "planner-xlsxwriter.xlsx"), file);
    const before = unzip(fs.readFileSync(file));
    expect(
      (await bao("make-order", file, "--order", "BSO-1001", "--date", "2027-01-15")).code
    ).toBe(0);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    const dashboard = wb.getWorksheet("Dashboard")!;
    expect(dashboard.getCell("B3").numFmt).toBe("#,##0");
    const sales = wb.getWorksheet("Sales Orders")!;
    const header = (sales.getRow(1).values as unknown[]).map(String);
    const last = sales.actualRowCount;
    expect(sales.getRow(last).getCell(header.indexOf("Document No.")).numFmt).toBe("@");
    expect(sales.getRow(last).getCell(header.indexOf("Shipment Date")).numFmt).toBe("yyyy-mm-dd");
    // Styles were added, none changed.
    const after = unzip(fs.readFileSync(file));
    expect(cellXfs(after).slice(0, cellXfs(before).length)).toEqual(cellXfs(before));
  });
});

describe("Excel-saved workbooks", () => {
  /** The product's sheets pasted into an Excel-saved workbook, as a planner would. */
  async function withProductSheets(file: string): Promise<Uint8Array> {
    const pkg = XlsxPackage.open(fs.readFileSync(file));
    const grids = await pkg.readGrids();
    const product = sampleGrids().sheets.filter((s) => s.name !== "About");
    pkg.apply(gridsAsWorkbook({ sheets: product }), grids);
    return pkg.toBytes();
  }

  test.each(EXCEL)("%s: its own parts survive assemble, make-order and forecast", async (name) => {
    const original = unzip(fs.readFileSync(path.join(CORPUS, "excel", name)));
    const file = path.join(dir, name);
    fs.writeFileSync(file, await withProductSheets(path.join(CORPUS, "excel", name)));
    for (const c of COMMANDS) {
      const r = await bao(c.argv[0], file, ...c.argv.slice(1));
      expect({ name, command: c.name, code: r.code, err: r.err }).toEqual({
        name,
        command: c.name,
        code: 0,
        err: "",
      });
    }
    const after = unzip(fs.readFileSync(file));
    const structural =
      /^(\[Content_Types\]\.xml|xl\/workbook\.xml|xl\/_rels\/workbook\.xml\.rels|xl\/styles\.xml|xl\/calcChain\.xml)$/;
    for (const [part, bytes] of original)
      if (!structural.test(part))
        expect({ part, identical: same(bytes, after.get(part)) }).toEqual({
          part,
          identical: true,
        });
    const types = text(after, "[Content_Types].xml");
    for (const entry of text(original, "[Content_Types].xml").match(
      /<(Default|Override)\b[^>]*>/g
    ) ?? [])
      if (!entry.includes("calcChain")) expect(types).toContain(entry);
    const workbook = text(after, "xl/workbook.xml");
    for (const tag of text(original, "xl/workbook.xml").match(/<(definedName|sheet)\b[^>]*>/g) ??
      [])
      expect(workbook).toContain(tag);
    for (const part of after.keys()) if (/\.(xml|rels)$/.test(part)) xml(after, part);
    expect((await bao("validate", file)).code).toBe(0);
  });

  test("a workbook with macros stays an .xlsm with its VBA project; -o to .xlsx is refused", async () => {
    const file = path.join(dir, "macros.xlsm");
    fs.writeFileSync(file, await withProductSheets(path.join(CORPUS, "excel", "macro01.xlsm")));
    const vba = unzip(fs.readFileSync(file)).get("xl/vbaProject.bin");
    expect((await bao("assemble", file)).code).toBe(0);
    expect(same(unzip(fs.readFileSync(file)).get("xl/vbaProject.bin"), vba)).toBe(true);
    expect(text(unzip(fs.readFileSync(file)), "[Content_Types].xml")).toContain("macroEnabled");
    const refused = await bao("assemble", file, "-o", path.join(dir, "macros.xlsx"));
    expect(refused.code).toBe(2);
    expect(refused.err).toMatch(/holds macros.*name the result \.xlsm/);
    expect(fs.existsSync(path.join(dir, "macros.xlsx"))).toBe(false);
  });
});

describe("files bao cannot update: exit 2 and one line saying what they are", () => {
  const strict = (): Uint8Array => {
    const parts = unzip(fs.readFileSync(path.join(CORPUS, "planner-xlsxwriter.xlsx")));
    const workbook = text(parts, "xl/workbook.xml").replace(
      "http://schemas.openxmlformats.org/spreadsheetml/2006/main",
      "http://purl.oclc.org/ooxml/spreadsheetml/main"
    );
    parts.set("xl/workbook.xml", new TextEncoder().encode(workbook));
    return zip(parts);
  };
  const cases: [string, () => Uint8Array, RegExp][] = [
    [
      "planner-encrypted.xlsx",
      () => fs.readFileSync(path.join(CORPUS, "refused", "planner-encrypted.xlsx")),
      /an encrypted \(password-protected\) workbook; .*save it as Excel Workbook \(\.xlsx\)/,
    ],
    [
      "planner.xls",
      () => fs.readFileSync(path.join(CORPUS, "refused", "planner.xls")),
      /an Excel 97-2003 workbook \(\.xls\); open it in Excel and save it as Excel Workbook/,
    ],
    [
      "planner.ods",
      () => fs.readFileSync(path.join(CORPUS, "refused", "planner.ods")),
      /an OpenDocument spreadsheet \(\.ods\); .*save it as Excel Workbook/,
    ],
    ["strict.xlsx", strict, /a Strict Open XML workbook; .*save it as Excel Workbook/],
  ];
  test.each(cases)("%s", async (name, bytes, message) => {
    const file = path.join(dir, name);
    fs.writeFileSync(file, bytes());
    const before = fs.readFileSync(file);
    for (const argv of [
      ["validate", file],
      ["assemble", file],
    ]) {
      const r = await bao(...argv);
      expect(r.code).toBe(2);
      expect(r.err.split("\n")).toHaveLength(1);
      expect(r.err).toContain(name);
      expect(r.err).toMatch(message);
    }
    expect(Buffer.compare(fs.readFileSync(file), before)).toBe(0);
  });
});

describe("new workbooks", () => {
  test("template and share write packages other readers open: exceljs, and a DOM parser for every part", async () => {
    const out = path.join(dir, "template.xlsx");
    expect((await bao("template", out)).code).toBe(0);
    const parts = unzip(fs.readFileSync(out));
    for (const name of parts.keys()) if (/\.(xml|rels)$/.test(name)) xml(parts, name);
    expect(await readByExcelJs(out)).toEqual([
      "Items",
      "Item Units",
      "Resources",
      "Assembly BOMs",
      "Blanket Orders",
      "Setup",
    ]);
    // Each sheet in a part of its own, holding its own table.
    const grids = (await loadWorkbook(out)).grids;
    for (const spec of INPUT_SHEETS)
      expect(findSheet(grids, spec.name)!.rows[0]).toEqual(spec.columns.map((c) => c.header));
    expect(new Set(sheetParts(parts).values()).size).toBe(6);
  });

  test("the customer's copy: four sheets, each its own part and table", async () => {
    const plan = share(sampleGrids(), "C10000", 46402).plan!;
    const parts = unzip(await newXlsx(plan));
    const sheets = sheetParts(parts);
    expect([...sheets.keys()]).toEqual(plan.writes.map((w) => w.sheet));
    expect(new Set(sheets.values()).size).toBe(sheets.size);
    const tables = [...sheets.values()].flatMap((p) =>
      related(parts, p).filter((r) => r.type === "table")
    );
    expect(new Set(tables.map((t) => t.path)).size).toBe(sheets.size);
  });
});

/**
 * The Office.js host through its library entry (createOfficeSession), against the
 * simulated Excel: what is read, what is written (only what changed), within Excel on the
 * web's limits, text kept exactly, and the workbook changing under a command.
 */
import { assemble, makeOrder, validate } from "../../src/engine";
import { createOfficeSession } from "../../src/hosts/excel/session";
import {
  PAYLOAD_CAP,
  SimSheet,
  SimulatedExcel,
  SimWorkbookState,
} from "../../src/hosts/excel/simulator";
import { sampleGrids } from "../../src/sample/sampleWorkbook";
import { applyPlan } from "../../src/workbook/applyPlan";
import { cellRef, WorkbookGrids } from "../../src/workbook/grid";
import { localSerial, withHistory } from "../../src/workbook/history";
import { WritePlan } from "../../src/workbook/writePlan";
import { apply, blanket, date, item, records, workbook } from "../builders";

const TODAY = "2027-01-15";

function excelWith(grids: WorkbookGrids): SimulatedExcel {
  return new SimulatedExcel(SimWorkbookState.from(grids));
}

const gridsOf = (excel: SimulatedExcel): WorkbookGrids =>
  SimSheet.gridsOf(excel.workbook) as unknown as WorkbookGrids;

/** Grids compared as values: trailing blanks do not count. */
function values(grids: WorkbookGrids): unknown {
  return grids.sheets
    .map((s) => ({
      name: s.name,
      rows: s.rows
        .map((r) => {
          const out = r.map((v) => (v === "" ? null : v));
          while (out.length && (out[out.length - 1] === null || out[out.length - 1] === undefined))
            out.pop();
          return out;
        })
        .filter((r, i, all) => r.length || all.slice(i).some((x) => x.length)),
    }))
    .sort((a, b) => a.name.localeCompare(b.name));
}

function lines(n: number, extra: (i: number) => Record<string, unknown> = () => ({})) {
  return workbook({
    blanket: Array.from({ length: n }, (_, i) =>
      blanket({
        doc: `BSO-${1000 + Math.floor(i / 10)}`,
        line: ((i % 10) + 1) * 10000,
        qty: 5 + (i % 7),
        extra: extra(i) as never,
      })
    ),
  });
}

describe("reading", () => {
  test("the engine's sheets in the workbook's order; error cells as errors, text that only looks like one as text; other sheets left", async () => {
    const grids = workbook({ blanket: [blanket({ qty: { error: "#N/A" } })] });
    grids.sheets.push({ name: "My Notes", rows: [["x"]] });
    const excel = excelWith(grids);
    excel.workbook.sheet("Items")!.set(1, 1, "#N/A"); // a description that reads "#N/A"
    const session = createOfficeSession(excel, { today: TODAY });
    const read = await session.read();
    expect(read.sheets.map((s) => s.name)).toEqual(["Items", "Assembly BOMs", "Blanket Orders"]);
    expect(read.sheets[2].rows[1][6]).toEqual({ error: "#N/A" });
    expect(read.sheets[0].rows[1][1]).toBe("#N/A");
    // One sync for the sheets, one to tell the error from the text.
    expect(excel.records).toHaveLength(2);
  });

  test("the first command on a small workbook reads it in one sync; a command with nothing to write is that one sync", async () => {
    const excel = excelWith(sampleGrids());
    const session = createOfficeSession(excel, { today: TODAY });
    expect((await session.validate()).ok).toBe(true);
    expect(excel.records).toHaveLength(1);
    await session.assemble();
    const before = excel.records.length;
    const again = await session.assemble();
    expect(again).toMatchObject({ ok: true, created: 0, kept: 7 });
    expect(excel.records.length - before).toBe(1);
  });

  test("long texts: sheets are read in blocks sized by bytes, every response under 5 MB", async () => {
    const note = "n".repeat(3000);
    const grids = lines(2000, () => ({ Notes: note }));
    const excel = excelWith(grids);
    const session = createOfficeSession(excel, { today: TODAY });
    const read = await session.read();
    expect(values(read)).toEqual(values(grids));
    const t = excel.traffic();
    expect(t.maxResponse).toBeLessThan(PAYLOAD_CAP);
    expect(t.syncs).toBeLessThanOrEqual(Math.ceil((t.requestBytes + t.responseBytes) / 4e6) + 2);
  });
});

const NOW = new Date(2027, 0, 15, 10, 30);
/** The plan as the session writes it: with its History rows, stamped in Excel at NOW. */
const inExcel = (grids: WorkbookGrids, plan: WritePlan): WritePlan =>
  withHistory(plan, grids, { when: localSerial(NOW), where: "Excel" });

describe("writing only what changed", () => {
  test("assemble writes what the engine planned, a table, Text and date formats; then nothing more", async () => {
    const grids = workbook();
    const excel = excelWith(grids);
    const session = createOfficeSession(excel, { today: TODAY, now: () => NOW });
    const r = await session.assemble();
    expect(r).toMatchObject({ ok: true, created: 1 });
    const expected = applyPlan(grids, inExcel(grids, assemble(grids).plan!));
    expect(values(gridsOf(excel))).toEqual(values(expected));
    const sheet = excel.workbook.sheet("Blanket Assembly Orders")!;
    expect(sheet.tables).toEqual([
      { name: "BlanketAssemblyOrders", address: "A1:S3", style: "TableStyleLight9" },
    ]);
    expect(sheet.format(1, 0)).toBe("@"); // Assembly Order No.
    expect(sheet.format(1, 6)).toBe("yyyy-mm-dd"); // Due Date
    expect(sheet.format(1, 12)).toBe("General"); // Quantity per
    const before = excel.records.length;
    await session.assemble();
    expect(excel.records.slice(before).every((s) => s.ops.every((o) => !o.startsWith("set")))).toBe(
      true
    );
  });

  test("a 10-line make order in a 1,000-line workbook appends its documents and sets a few cells", async () => {
    const grids = lines(1000);
    const excel = excelWith(grids);
    const session = createOfficeSession(excel, { today: TODAY });
    await session.assemble();
    const ship = Object.fromEntries(Array.from({ length: 10 }, (_, i) => [(i + 1) * 10000, 1]));
    const before = excel.records.length;
    const r = await session.makeOrder({ order: "BSO-1050", ship });
    expect(r).toMatchObject({ ok: true, salesOrder: "SO-0001" });
    const t = excel.traffic(before);
    expect(t.requestBytes).toBeLessThan(200_000);
    expect(t.syncs).toBeLessThanOrEqual(Math.ceil((t.requestBytes + t.responseBytes) / 4e6) + 2);
    const after = gridsOf(excel);
    expect(records(after, "Sales Orders")).toHaveLength(10);
    expect(records(after, "Assembly Orders")).toHaveLength(20);
    const bso = records(after, "Blanket Orders").filter((b) => b["Document No."] === "BSO-1050");
    expect(bso.map((b) => b["Quantity Ordered"])).toEqual(Array(10).fill(1));
  });

  test("every request stays under maxRequestBytes (one row over at most); below a row, one row per sync", async () => {
    const grids = lines(200);
    for (const max of [20_000, 1]) {
      const excel = excelWith(grids);
      const session = createOfficeSession(excel, {
        today: TODAY,
        maxRequestBytes: max,
        now: () => NOW,
      });
      const read = excel.records.length;
      await session.assemble();
      const writes = excel.records.slice(read + 1);
      for (const w of writes) expect(w.requestBytes).toBeLessThanOrEqual(max + 3_000);
      if (max === 1) {
        const rowWrites = writes.filter((w) => w.ops.includes("set values"));
        for (const w of rowWrites)
          expect(w.ops.filter((o) => o === "set values").length).toBeLessThanOrEqual(1);
      }
      expect(values(gridsOf(excel))).toEqual(
        values(applyPlan(grids, inExcel(grids, assemble(grids).plan!)))
      );
    }
  });
});

describe("text", () => {
  const texts = ["=SUM(A1:A9)", "+44 pcs", "-PO-1", "@mention", "\tTab", "\rCR", "'quoted", "007"];

  test("reads back exactly as typed on every product sheet, run after run, and never becomes a formula", async () => {
    const grids = workbook({
      items: [
        item("KIT", { "Assembly Policy": "Assemble-to-Order", Description: texts[0] }),
        item("PART-A", { Description: texts[1] }),
        item("PART-B", { Description: texts[2] }),
      ],
      blanket: [
        blanket({
          ship: 2,
          extra: {
            Description: texts[3],
            "External Document No.": texts[4],
            "Sell-to Customer Name": texts[5],
            "Location Code": texts[6],
            "Variant Code": texts[7],
          },
        }),
      ],
    });
    const excel = excelWith(grids);
    const session = createOfficeSession(excel, { today: TODAY });
    await session.assemble();
    expect((await session.makeOrder({ order: "BSO-1001" })).ok).toBe(true);
    await session.assemble();
    for (const s of excel.workbook.sheets)
      expect({ sheet: s.name, formulas: s.formulas() }).toEqual({ sheet: s.name, formulas: [] });
    const after = gridsOf(excel);
    const sales = records(after, "Sales Orders")[0];
    expect([
      sales.Description,
      sales["External Document No."],
      sales["Sell-to Customer Name"],
      sales["Location Code"],
      sales["Variant Code"],
    ]).toEqual(texts.slice(3));
    const lineTexts = records(after, "Blanket Assembly Orders").map((l) => l.Description);
    expect(lineTexts).toEqual([texts[1], texts[2]]);
    expect((await session.validate()).ok).toBe(true);
  });
});

describe("the workbook changed under a command", () => {
  test("a cell the command writes over, edited after the read: WORKBOOK_CHANGED, nothing written", async () => {
    const grids = workbook({ blanket: [blanket({ ship: 4 }), blanket({ line: 20000 })] });
    const excel = excelWith(grids);
    const session = createOfficeSession(excel, { today: TODAY });
    // The planner types a Qty. to Ship while the command decides.
    const qtyToShip = cellRef(grids.sheets[2].rows[0].indexOf("Qty. to Ship"), 2);
    excel.afterSync = (n) => {
      if (n === 1) excel.workbook.type("Blanket Orders", qtyToShip, 6);
    };
    const r = await session.makeOrder({ order: "BSO-1001" });
    expect(r).toMatchObject({
      ok: false,
      errors: 1,
      warnings: 0,
      issues: [
        { severity: "error", code: "WORKBOOK_CHANGED", sheet: "Blanket Orders", cell: qtyToShip },
      ],
    });
    expect(excel.workbook.sheet("Sales Orders")).toBeUndefined();
    excel.afterSync = undefined;
    // Run again: it decides from what is there now.
    expect(await session.makeOrder({ order: "BSO-1001" })).toMatchObject({ ok: true });
    expect(records(gridsOf(excel), "Sales Orders")[0].Quantity).toBe(6);
  });

  test("an Office error rejects with Office's code", async () => {
    const excel = excelWith(workbook());
    excel.failAt = { sync: 2, afterOps: 0, code: "AccessDenied" };
    const session = createOfficeSession(excel, { today: TODAY });
    await expect(session.assemble()).rejects.toMatchObject({ code: "AccessDenied" });
  });
});

describe("the library", () => {
  test("each method resolves to what the CLI prints with --json, from the same engine", async () => {
    let grids = workbook({ blanket: [blanket({ ship: 4 }), blanket({ line: 20000, qty: 0 })] });
    const excel = excelWith(grids);
    const session = createOfficeSession(excel, { today: TODAY });
    const v = validate(grids);
    expect(await session.validate()).toEqual({
      ok: v.ok,
      errors: v.errors,
      warnings: v.warnings,
      issues: v.issues,
    });
    grids = workbook({ blanket: [blanket({ ship: 4 }), blanket({ line: 20000 })] });
    const fresh = excelWith(grids);
    const s2 = createOfficeSession(fresh, { today: TODAY });
    const a = assemble(grids);
    expect(await s2.assemble()).toEqual({
      ok: true,
      errors: 0,
      warnings: 0,
      issues: [],
      created: a.created,
      kept: a.kept,
      rebuilt: a.rebuilt,
      removed: a.removed,
    });
    const assembled = apply(grids, a.plan);
    const m = makeOrder(assembled, { blanketOrderNo: "BSO-1001", orderDate: date(TODAY) });
    expect(await s2.makeOrder({ order: "BSO-1001" })).toEqual({
      ok: true,
      errors: 0,
      warnings: 0,
      issues: m.issues,
      salesOrder: "SO-0001",
      assemblyOrders: ["AO-0001"],
    });
    expect(await s2.forecast({ by: "week" })).toMatchObject({ ok: true, by: "week" });
  });

  test("template adds only the input sheets the workbook lacks", async () => {
    const excel = new SimulatedExcel(
      SimWorkbookState.from({ sheets: [{ name: "Items", rows: [["No."], ["KIT"]] }] })
    );
    const session = createOfficeSession(excel, {
      today: TODAY,
      isSetSupported: (name, version) => name === "ExcelApi" && Number(version) <= 1.8,
    });
    expect(await session.template()).toEqual({
      ok: true,
      errors: 0,
      warnings: 0,
      issues: [],
      created: ["Item Units", "Resources", "Assembly BOMs", "Blanket Orders", "Setup"],
    });
    expect(excel.workbook.sheet("Items")!.grid()).toEqual([["No."], ["KIT"]]);
    expect(excel.workbook.sheet("Assembly BOMs")!.lists.length).toBe(2);
  });

  test("a retried Make Order with the same attempt never makes a second order", async () => {
    const excel = excelWith(workbook({ blanket: [blanket({ qty: 10 })] }));
    const session = createOfficeSession(excel, { today: TODAY });
    const first = await session.makeOrder({
      order: "BSO-1001",
      ship: { 10000: 3 },
      attemptId: "a1",
    });
    expect(first).toMatchObject({ ok: true, salesOrder: "SO-0001", assemblyOrders: ["AO-0001"] });
    const before = excel.records.length;
    const retry = await session.makeOrder({
      order: "BSO-1001",
      ship: { 10000: 3 },
      attemptId: "a1",
    });
    expect(retry).toEqual(first);
    expect(excel.records.slice(before).every((s) => s.ops.every((o) => !o.startsWith("set")))).toBe(
      true
    );
    const another = await session.makeOrder({
      order: "BSO-1001",
      ship: { 10000: 3 },
      attemptId: "a2",
    });
    expect(another).toMatchObject({ ok: true, salesOrder: "SO-0002" });
  });
});

describe("closer to BC, in Excel", () => {
  test("location and variant reach the sales line and the assembly order's header; a shortage warns; roll-up writes the price", async () => {
    const grids = workbook({
      items: [
        item("KIT", { "Assembly Policy": "Assemble-to-Order" }),
        item("PART-A", { "Unit Price": 3, Inventory: 10 }),
        item("PART-B", { "Unit Price": 1 }),
      ],
      blanket: [blanket({ ship: 6, extra: { "Location Code": "EAST", "Variant Code": "OAK" } })],
    });
    const excel = excelWith(grids);
    const session = createOfficeSession(excel, { today: TODAY });
    await session.assemble();
    // (3 x 20 + 1 x 10) / 10 = 7.
    expect(await session.rollUp({ order: "BSO-1001" })).toMatchObject({
      ok: true,
      kind: "price",
      lines: [{ lineNo: 10000, price: 7 }],
    });
    const made = await session.makeOrder({ order: "BSO-1001" });
    // 6 kits need 12 PART-A; 10 on hand.
    expect(made).toMatchObject({ ok: true, warnings: 1, issues: [{ code: "COMPONENT_SHORT" }] });
    const after = gridsOf(excel);
    expect(records(after, "Sales Orders")[0]).toMatchObject({
      "Unit Price": 7,
      "Location Code": "EAST",
      "Variant Code": "OAK",
    });
    expect(
      records(after, "Assembly Orders").map((l) => [l["Location Code"], l["Assembly Variant Code"]])
    ).toEqual([
      ["EAST", "OAK"],
      ["EAST", "OAK"],
    ]);
    const sheet = excel.workbook.sheet("Assembly Orders")!;
    expect(sheet.tables[0].address).toBe("A1:T3");
    expect((await session.validate()).ok).toBe(true);
  });
});

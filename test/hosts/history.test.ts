/**
 * The Document History sheet in every host: each writing command appends one row per
 * document it created, changed or removed, with when and where it ran; rows already there
 * (sorted or pruned by the planner) stay as they are; text is never a formula.
 */
import * as fs from "fs";
import * as path from "path";
import ExcelJS from "exceljs";
import {
  assemble,
  editAssemblyOrder,
  fixAtoPartial,
  forecast,
  makeOrder,
  setQtyToShip,
  validate,
} from "../../src/engine";
import { createOfficeSession } from "../../src/hosts/excel/session";
import { SimSheet, SimulatedExcel, SimWorkbookState } from "../../src/hosts/excel/simulator";
import { MemoryWorkbookHost } from "../../src/hosts/memory/memoryHost";
import { WorkbookGrids } from "../../src/workbook/grid";
import { localSerial } from "../../src/workbook/history";
import { blanket, date, records, workbook } from "../builders";
import { bao, readGrids, tempDir, writeXlsx } from "../cli/xlsx";

const SHEET = "Document History";
const NOW = new Date(2027, 0, 15, 10, 30, 12);
const DAY = date("2027-01-15");

const history = (g: WorkbookGrids) =>
  records(g, SHEET).map((r) => [r.Command, r["Document Type"], r["Document No."], r.Change]);

describe("in memory (the playground)", () => {
  test("every writing command appends what it did, stamped with when and where", async () => {
    const host = new MemoryWorkbookHost(
      workbook({ blanket: [blanket({ qty: 10 }), blanket({ line: 20000, qty: 5, ato: 4 })] }),
      { now: () => NOW }
    );
    // Fix: Qty. to Assemble to Order to the full Quantity.
    const atoPartial = validate(host.grids).issues.find((i) => i.code === "ATO_PARTIAL")!;
    await host.update((g) => ({ plan: fixAtoPartial(g, atoPartial)!.plan }));
    await host.update((g) => assemble(g));
    await host.update((g) =>
      editAssemblyOrder(g, "BA-0001", {
        kind: "update",
        lineNo: 10000,
        field: "quantityPer",
        value: 3,
      })
    );
    await host.update((g) => ({ plan: setQtyToShip(g, "BSO-1001", 10000, 4) }));
    await host.update((g) => makeOrder(g, { blanketOrderNo: "BSO-1001", orderDate: DAY }));
    await host.update((g) => forecast(g, "month"));
    await host.update((g) => validate(g)); // writes nothing, records nothing
    expect(history(host.grids)).toEqual([
      ["Fix", "Blanket Order", "BSO-1001", "Qty. to Assemble to Order: line 20000 4 -> 5"],
      [
        "Assemble",
        "Blanket Assembly Order",
        "BA-0001",
        "created for BSO-1001 line 10000: 10 PCS of KIT, 2 lines from its BOM",
      ],
      [
        "Assemble",
        "Blanket Assembly Order",
        "BA-0002",
        "created for BSO-1001 line 20000: 5 PCS of KIT, 2 lines from its BOM",
      ],
      [
        "Edit Assembly Lines",
        "Blanket Assembly Order",
        "BA-0001",
        "line 10000 Quantity per 2 -> 3",
      ],
      ["Set Qty. to Ship", "Blanket Order", "BSO-1001", "Qty. to Ship: line 10000 blank -> 4"],
      ["Make Order", "Sales Order", "SO-0001", "called off 4 PCS of BSO-1001 line 10000 (KIT)"],
      [
        "Make Order",
        "Assembly Order",
        "AO-0001",
        "created for SO-0001 line 10000: 4 PCS of KIT, 2 lines",
      ],
      ["Make Order", "Blanket Order", "BSO-1001", "line 10000: Quantity Ordered 4 of 10 PCS"],
      ["Forecast", "Component Forecast", null, "written: 2 rows by month"],
    ]);
    const rows = records(host.grids, SHEET);
    expect(new Set(rows.map((r) => r.Where))).toEqual(new Set(["playground"]));
    expect(new Set(rows.map((r) => r.When))).toEqual(new Set([localSerial(NOW)]));
    expect(localSerial(NOW)).toBeCloseTo(
      date("2027-01-15") + (10 * 3600 + 30 * 60 + 12) / 86400,
      9
    );
  });

  test("rows the planner sorted or deleted stay as they are; new rows go below", async () => {
    const host = new MemoryWorkbookHost(workbook({ blanket: [blanket({ qty: 10 })] }), {
      now: () => NOW,
    });
    await host.update((g) => ({ plan: setQtyToShip(g, "BSO-1001", 10000, 1) }));
    await host.update((g) => ({ plan: setQtyToShip(g, "BSO-1001", 10000, 2) }));
    // The planner sorts newest first and adds a note of their own beside a row.
    const sheet = host.grids.sheets.find((s) => s.name === SHEET)!;
    const sorted = [sheet.rows[0], sheet.rows[2], sheet.rows[1]];
    host.setGrids({
      sheets: host.grids.sheets.map((s) => (s === sheet ? { ...s, rows: sorted } : s)),
    });
    await host.update((g) => ({ plan: setQtyToShip(g, "BSO-1001", 10000, null) }));
    expect(history(host.grids).map((r) => r[3])).toEqual([
      "Qty. to Ship: line 10000 1 -> 2",
      "Qty. to Ship: line 10000 blank -> 1",
      "Qty. to Ship: line 10000 2 -> blank",
    ]);
  });
});

describe("in Excel (the Office session)", () => {
  test("assemble and make order append their rows with Excel as the place, a date-time When and Text columns", async () => {
    const grids = workbook({
      blanket: [blanket({ doc: "=BSO", qty: 10, ship: 3 })],
    });
    const excel = new SimulatedExcel(SimWorkbookState.from(grids));
    const session = createOfficeSession(excel, { today: "2027-01-15", now: () => NOW });
    expect(await session.assemble()).toMatchObject({ ok: true });
    expect(await session.makeOrder({ order: "=BSO" })).toMatchObject({ ok: true });
    const after = SimSheet.gridsOf(excel.workbook) as unknown as WorkbookGrids;
    expect(history(after).map((r) => [r[0], r[1], r[2]])).toEqual([
      ["Assemble", "Blanket Assembly Order", "BA-0001"],
      ["Make Order", "Sales Order", "SO-0001"],
      ["Make Order", "Assembly Order", "AO-0001"],
      ["Make Order", "Blanket Order", "=BSO"],
    ]);
    expect(history(after)[1][3]).toBe("called off 3 PCS of =BSO line 10000 (KIT)");
    const rows = records(after, SHEET);
    expect(rows.every((r) => r.Where === "Excel" && r.When === localSerial(NOW))).toBe(true);
    const sheet = excel.workbook.sheet(SHEET)!;
    expect(sheet.format(1, 0)).toBe("yyyy-mm-dd hh:mm");
    for (const c of [1, 2, 3, 4, 5]) expect(sheet.format(4, c)).toBe("@");
    expect(sheet.tables.map((t) => t.name)).toEqual(["DocumentHistory"]);
  });
});

describe("in bao (.xlsx files)", () => {
  let dir: string;
  beforeEach(() => {
    dir = tempDir();
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  test("assemble, make-order and forecast append rows stamped bao and the time they ran; Excel reads the sheet", async () => {
    const file = path.join(dir, "plan.xlsx");
    await writeXlsx(file, workbook({ blanket: [blanket({ qty: 10, ship: 4 })] }));
    const before = localSerial(new Date(Date.now() - 1000));
    expect((await bao("assemble", file)).code).toBe(0);
    expect(
      (await bao("make-order", file, "--order", "BSO-1001", "--date", "2027-01-15")).code
    ).toBe(0);
    expect((await bao("forecast", file)).code).toBe(0);
    const after = localSerial(new Date(Date.now() + 1000));
    const g = await readGrids(file);
    expect(history(g).map((r) => [r[0], r[1], r[2]])).toEqual([
      ["Assemble", "Blanket Assembly Order", "BA-0001"],
      ["Make Order", "Sales Order", "SO-0001"],
      ["Make Order", "Assembly Order", "AO-0001"],
      ["Make Order", "Blanket Order", "BSO-1001"],
      ["Forecast", "Component Forecast", null],
    ]);
    for (const r of records(g, SHEET)) {
      expect(r.Where).toBe("bao");
      expect(r.When as number).toBeGreaterThanOrEqual(before);
      expect(r.When as number).toBeLessThanOrEqual(after);
    }
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    const ws = wb.getWorksheet(SHEET)!;
    expect(ws.getCell("A2").numFmt).toBe("yyyy-mm-dd hh:mm");
    expect(ws.getCell("A2").value).toBeInstanceOf(Date);
    expect(ws.getCell("E2").numFmt).toBe("@");
    // validate writes nothing, so adds nothing.
    expect((await bao("validate", file)).code).toBe(0);
    expect(records(await readGrids(file), SHEET)).toHaveLength(5);
  });
});

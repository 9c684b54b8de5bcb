import { assemble, makeOrder } from "../../src/engine";
import { ExcelHost } from "../../src/hosts/excel/excelHost";
import { applyPlan } from "../../src/workbook/applyPlan";
import { WorkbookGrids } from "../../src/workbook/grid";
import { blanket, date, records, workbook } from "../builders";
import { FakeContext, FakeWorkbookState, PAYLOAD_CAP } from "../../src/hosts/excel/simulator";

function bigWorkbook(lines: number): WorkbookGrids {
  return workbook({
    blanket: Array.from({ length: lines }, (_, i) =>
      blanket({ line: (i + 1) * 10000, qty: 5 + (i % 7), ship: i % 3 === 0 ? 1 : null })
    ),
  });
}

async function assembleInExcel(grids: WorkbookGrids, blockBytes?: number) {
  const ctx = new FakeContext(FakeWorkbookState.from(grids));
  const host = new ExcelHost(ctx, { blockBytes, canSuspendCalculation: true });
  const read = await host.read();
  const readSyncs = ctx.syncs.length;
  const result = assemble(read.grids);
  expect(result.ok).toBe(true);
  const applySyncs = await host.apply(result.plan!);
  return { ctx, host, read, result, readSyncs, applySyncs };
}

describe("Excel host against the typed fake", () => {
  test("reads the engine's sheets into the same grids, error cells included, other sheets skipped", async () => {
    const grids = workbook({ blanket: [blanket({ qty: { error: "#N/A" } })] });
    grids.sheets.push({ name: "My Notes", rows: [["x"]] });
    const ctx = new FakeContext(FakeWorkbookState.from(grids));
    const { grids: read } = await new ExcelHost(ctx).read();
    expect(read.sheets.map((s) => s.name)).toEqual(["Items", "Assembly BOMs", "Blanket Orders"]);
    expect(read.sheets[2].rows).toEqual(grids.sheets[2].rows.map((r) => r.map((v) => v)));
    expect(read.sheets[2].rows[1][6]).toEqual({ error: "#N/A" });
  });

  test("a table written is what the engine planned: values, Text and date formats, one Excel table", async () => {
    const grids = workbook();
    const { ctx, result } = await assembleInExcel(grids);
    const expected = applyPlan(grids, result.plan!);
    const sheet = ctx.state.sheet("Blanket Assembly Orders")!;
    expect(sheet.grid()).toEqual(
      expected.sheets
        .find((s) => s.name === "Blanket Assembly Orders")!
        .rows.map((r) => trimNulls(r))
    );
    expect(sheet.tables).toEqual([
      { name: "BlanketAssemblyOrders", address: "A1:Q3", style: "TableStyleLight9" },
    ]);
    expect(sheet.get(1, 0)!.format).toBe("@"); // Assembly Order No.
    expect(sheet.get(1, 6)!.format).toBe("yyyy-mm-dd"); // Due Date
    expect(sheet.get(1, 12)!.format).toBe("General"); // Quantity per
    expect(ctx.suspended).toBeGreaterThan(0);
  });

  test("assembling again replaces the table, never adds a second one", async () => {
    const grids = workbook();
    const first = await assembleInExcel(grids);
    const again = assemble((await first.host.read()).grids);
    await first.host.apply(again.plan!);
    expect(first.ctx.state.sheet("Blanket Assembly Orders")!.tables.map((t) => t.name)).toEqual([
      "BlanketAssemblyOrders",
    ]);
  });

  test("syncs per command stay constant as rows grow", async () => {
    const counts = [];
    for (const n of [10, 100, 1000]) {
      const { readSyncs, applySyncs, ctx } = await assembleInExcel(bigWorkbook(n));
      counts.push([readSyncs, applySyncs]);
      expect(Math.max(...ctx.syncs.map((s) => s.requestBytes))).toBeLessThan(PAYLOAD_CAP);
    }
    expect(counts).toEqual([
      [3, 1],
      [3, 1],
      [3, 1],
    ]);
  });

  test("large writes go in blocks under the block size: syncs follow bytes, not rows", async () => {
    const block = 200_000;
    const { ctx, applySyncs, readSyncs } = await assembleInExcel(bigWorkbook(1000), block);
    const writes = ctx.syncs.slice(readSyncs);
    const total = writes.reduce((s, w) => s + w.requestBytes, 0);
    expect(applySyncs).toBe(writes.length);
    expect(applySyncs).toBeLessThanOrEqual(Math.ceil(total / block) + 3);
    for (const w of writes) expect(w.requestBytes).toBeLessThanOrEqual(block + 1000);
  });

  test("large sheets are read in blocks and come back whole", async () => {
    const grids = bigWorkbook(500);
    const ctx = new FakeContext(FakeWorkbookState.from(grids));
    const { grids: read } = await new ExcelHost(ctx, { readBlockCells: 1000 }).read();
    expect(read.sheets[2].rows).toEqual(grids.sheets[2].rows);
    expect(ctx.syncs.length).toBeGreaterThan(3);
    for (const s of ctx.syncs) expect(s.responseBytes).toBeLessThan(PAYLOAD_CAP);
  });

  test("text that looks like a formula stays text on every product sheet", async () => {
    const grids = workbook({
      blanket: [
        blanket({
          ship: 2,
          extra: {
            Description: "=SUM(A1:A9)",
            "External Document No.": "-PO-1",
            "Sell-to Customer Name": "@mention",
          },
        }),
      ],
    });
    const ctx = new FakeContext(FakeWorkbookState.from(grids));
    const host = new ExcelHost(ctx);
    const { grids: read } = await host.read();
    const r = makeOrder(read, { blanketOrderNo: "BSO-1001", orderDate: date("2027-01-15") });
    expect(r.ok).toBe(true);
    await host.apply(r.plan!);
    for (const s of ctx.state.sheets)
      for (const cell of s.cells.values()) expect(String(cell.value)).not.toMatch(/^FORMULA:/);
    const sales = records(
      {
        sheets: [{ name: "Sales Orders", rows: ctx.state.sheet("Sales Orders")!.grid() as never }],
      },
      "Sales Orders"
    );
    expect(sales[0]).toMatchObject({
      Description: "=SUM(A1:A9)",
      "External Document No.": "-PO-1",
      "Sell-to Customer Name": "@mention",
    });
  });

  test("make order updates cells of the Blanket Orders sheet in place and adds missing columns", async () => {
    const grids = workbook({ blanket: [blanket({ ship: 4 }), blanket({ line: 20000 })] });
    const ctx = new FakeContext(FakeWorkbookState.from(grids));
    const host = new ExcelHost(ctx);
    const { grids: read } = await host.read();
    await host.apply(
      makeOrder(read, { blanketOrderNo: "BSO-1001", orderDate: date("2027-01-15") }).plan!
    );
    const blanketRows = records(
      { sheets: [{ name: "B", rows: ctx.state.sheet("Blanket Orders")!.grid() as never }] },
      "B"
    );
    expect(
      blanketRows.map((b) => [b["Qty. to Ship"], b["Quantity Ordered"], b["Remaining Quantity"]])
    ).toEqual([
      [null, 4, 6],
      [null, 0, 10],
    ]);
  });

  test("selects and reports the selection", async () => {
    const ctx = new FakeContext(FakeWorkbookState.from(workbook()));
    const host = new ExcelHost(ctx);
    await host.read();
    await host.select("blanket orders", "I2");
    expect(ctx.state.selection).toEqual({ sheet: "Blanket Orders", address: "I2:I2" });
    expect(await host.selection()).toEqual({ sheet: "Blanket Orders", address: "I2:I2" });
  });
});

function trimNulls(r: unknown[]): unknown[] {
  const out = [...r];
  while (out.length && (out[out.length - 1] === null || out[out.length - 1] === undefined))
    out.pop();
  return out;
}

describe("the workbook changed under us", () => {
  test("a change between reading and writing is detected before anything is written", async () => {
    const grids = workbook({ blanket: [blanket({ ship: 4 }), blanket({ line: 20000 })] });
    const ctx = new FakeContext(FakeWorkbookState.from(grids));
    const host = new ExcelHost(ctx);
    const { grids: read } = await host.read();
    const r = makeOrder(read, { blanketOrderNo: "BSO-1001", orderDate: date("2027-01-15") });
    // Someone inserts a row above the order's lines while the add-in works.
    const sheet = ctx.state.sheet("Blanket Orders")!;
    const moved = new Map<string, typeof sheet.cells extends Map<string, infer C> ? C : never>();
    for (const [k, cell] of sheet.cells) {
      const [row, col] = k.split(",").map(Number);
      moved.set(`${row >= 1 ? row + 1 : row},${col}`, cell);
    }
    sheet.cells = moved;
    const syncsBefore = ctx.syncs.length;
    await expect(host.verifyUnchanged()).rejects.toMatchObject({
      code: "WorkbookChanged",
      sheet: "Blanket Orders",
    });
    expect(
      ctx.syncs.slice(syncsBefore).every((s) => s.ops.every((op) => op.startsWith("load")))
    ).toBe(true);
    expect(ctx.state.sheet("Sales Orders")).toBeUndefined();
    expect(r.ok).toBe(true);
  });

  test("an unchanged workbook passes", async () => {
    const ctx = new FakeContext(FakeWorkbookState.from(workbook()));
    const host = new ExcelHost(ctx);
    await host.read();
    await expect(host.verifyUnchanged()).resolves.toBeUndefined();
  });
});

describe("one read sync once the sheets are known", () => {
  test("a second command reads in one sync; a sheet added or removed since falls back to finding them", async () => {
    const grids = bigWorkbook(200);
    const state = FakeWorkbookState.from(grids);
    const first = new ExcelHost(new FakeContext(state));
    const r1 = await first.read();
    const known = first.sheetNames();
    expect(known).toEqual(["Items", "Assembly BOMs", "Blanket Orders"]);

    const ctx = new FakeContext(state);
    const r2 = await new ExcelHost(ctx, {
      knownSheets: known,
      knownCells: first.approxCells(),
    }).read();
    expect(ctx.syncs).toHaveLength(1);
    expect(r2.grids).toEqual(r1.grids);

    state.sheets.push(
      FakeWorkbookState.from({
        sheets: [
          {
            name: "Setup",
            rows: [
              ["Setting", "Value"],
              ["Sales Order Nos.", "S-1"],
            ],
          },
        ],
      }).sheets[0]
    );
    const ctxAdded = new FakeContext(state);
    const added = await new ExcelHost(ctxAdded, { knownSheets: known, knownCells: 1000 }).read();
    expect(added.grids.sheets.map((s) => s.name)).toEqual([
      "Items",
      "Assembly BOMs",
      "Blanket Orders",
      "Setup",
    ]);
    expect(ctxAdded.syncs.length).toBe(4);

    state.sheets = state.sheets.filter((s) => s.name !== "Assembly BOMs");
    const ctxRemoved = new FakeContext(state);
    const removed = await new ExcelHost(ctxRemoved, {
      knownSheets: ["Items", "Assembly BOMs", "Blanket Orders", "Setup"],
    }).read();
    expect(removed.grids.sheets.map((s) => s.name)).toEqual(["Items", "Blanket Orders", "Setup"]);
  });
});

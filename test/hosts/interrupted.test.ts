/**
 * Excel on the web can drop a connection mid-write, and Excel does not roll a batch back.
 * A failure is injected at each sync of a Make Order (and of an assemble); the next run
 * must neither make a second order for the same call-off nor lose the first, and
 * validation must report what was left half-written.
 */
import { assemble, CommandResult, makeOrder, validate } from "../../src/engine";
import { ExcelHost } from "../../src/hosts/excel/excelHost";
import { WorkbookGrids } from "../../src/workbook/grid";
import { blanket, bom, date, records, workbook } from "../builders";
import { FakeContext, FakeWorkbookState, OfficeError } from "../../src/hosts/excel/simulator";

const BLOCK = 5000; // small blocks (each still holds a whole document): a plan spans many syncs
const DAY = date("2027-01-15");

function callOffWorkbook(): WorkbookGrids {
  const boms = Array.from({ length: 6 }, (_, i) =>
    bom("KIT", (i + 1) * 10000, i % 2 ? "PART-A" : "PART-B", 0.5 + i)
  );
  return workbook({
    boms,
    blanket: [
      blanket({ qty: 10, ship: 3 }),
      blanket({ line: 20000, qty: 7, ship: 7 }),
      blanket({ line: 30000, item: "PART-A", qty: 5, ship: 2 }),
    ],
  });
}

function gridsOf(state: FakeWorkbookState): WorkbookGrids {
  return { sheets: state.sheets.map((s) => ({ name: s.name, rows: s.grid() as never })) };
}

async function run(
  state: FakeWorkbookState,
  fn: (g: WorkbookGrids) => CommandResult,
  failAt?: { sync: number; afterOps: number }
) {
  const ctx = new FakeContext(state);
  const host = new ExcelHost(ctx, { blockBytes: BLOCK });
  const { grids } = await host.read();
  const r = fn(grids);
  if (failAt) ctx.failAt = { sync: ctx.syncs.length + failAt.sync, afterOps: failAt.afterOps };
  let failed = false;
  try {
    if (r.plan) await host.apply(r.plan);
  } catch (e) {
    if (!(e instanceof OfficeError)) throw e;
    failed = true;
  }
  return { r, failed, syncs: ctx.syncs.length };
}

/** What a finished call-off leaves: one sales order, its lines, assembly quantities, the blanket updated. */
function outcome(g: WorkbookGrids) {
  const sales = records(g, "Sales Orders");
  const orders = [...new Set(sales.map((s) => s["Document No."]))];
  const aoLines = records(g, "Assembly Orders").map((l) => [
    l["Sales Order Line No."],
    l["Line No."],
    l.Quantity,
  ]);
  return {
    salesOrders: orders.length,
    lines: sales.map((s) => [s["Line No."], s.Quantity]),
    aoLines,
    blanket: records(g, "Blanket Orders").map((b) => [
      b["Qty. to Ship"],
      b["Quantity Ordered"],
      b["Remaining Quantity"],
    ]),
  };
}

describe("interrupted Make Order", () => {
  let clean: ReturnType<typeof outcome>;
  let cleanSyncs: number;

  beforeAll(async () => {
    const state = FakeWorkbookState.from(callOffWorkbook());
    const { syncs } = await run(state, (g) =>
      makeOrder(g, { blanketOrderNo: "BSO-1001", orderDate: DAY })
    );
    cleanSyncs = syncs - 3;
    clean = outcome(gridsOf(state));
    expect(clean.salesOrders).toBe(1);
    expect(cleanSyncs).toBeGreaterThanOrEqual(3);
  });

  test("a failure at any sync, then Make Order again: one order, complete, nothing lost", async () => {
    let reportedHalfWritten = 0;
    for (let sync = 1; sync <= cleanSyncs; sync++) {
      for (const afterOps of [0, 1, 3]) {
        const state = FakeWorkbookState.from(callOffWorkbook());
        const first = await run(
          state,
          (g) => makeOrder(g, { blanketOrderNo: "BSO-1001", orderDate: DAY }),
          { sync, afterOps }
        );
        if (!first.failed) continue; // that sync had no more commands than afterOps
        const between = validate(gridsOf(state));
        if (between.issues.some((i) => i.code === "DOCUMENT_INCOMPLETE")) reportedHalfWritten++;
        const second = await run(state, (g) =>
          makeOrder(g, { blanketOrderNo: "BSO-1001", orderDate: DAY })
        );
        expect({ sync, afterOps, ok: second.r.ok }).toEqual({ sync, afterOps, ok: true });
        const after = outcome(gridsOf(state));
        expect({ sync, afterOps, ...after }).toEqual({ sync, afterOps, ...clean });
        expect(validate(gridsOf(state)).issues.filter((i) => i.severity === "error")).toEqual([]);
      }
    }
    // Failures after the first documents were written are reported before they are finished.
    expect(reportedHalfWritten).toBeGreaterThan(0);
  });

  test("validation names the half-written sales order and says how to finish it", async () => {
    const state = FakeWorkbookState.from(callOffWorkbook());
    // Past the numbers and the first sales rows, before the blanket order is updated.
    await run(state, (g) => makeOrder(g, { blanketOrderNo: "BSO-1001", orderDate: DAY }), {
      sync: cleanSyncs,
      afterOps: 0,
    });
    const issues = validate(gridsOf(state)).issues.filter((i) => i.code === "DOCUMENT_INCOMPLETE");
    expect(issues.length).toBeGreaterThan(0);
    expect(issues[0].message).toMatch(/Run Make Order on BSO-1001 again to finish it/);
    const second = await run(state, (g) =>
      makeOrder(g, { blanketOrderNo: "BSO-1001", orderDate: DAY })
    );
    expect(second.r.issues.map((i) => i.code)).toContain("DOCUMENT_FINISHED");
  });
});

describe("interrupted assemble", () => {
  test("a failure at any sync, then assemble again: the same orders, no duplicate, no loss", async () => {
    const base = callOffWorkbook();
    const cleanState = FakeWorkbookState.from(base);
    const { syncs } = await run(cleanState, (g) => assemble(g));
    const expected = records(gridsOf(cleanState), "Blanket Assembly Orders").map((r) => [
      r["Blanket Order Line No."],
      r["Line No."],
      r.Quantity,
    ]);
    for (let sync = 1; sync <= syncs - 3; sync++) {
      const state = FakeWorkbookState.from(base);
      await run(state, (g) => assemble(g), { sync, afterOps: 1 });
      const again = await run(state, (g) => assemble(g));
      expect(again.r.ok).toBe(true);
      const got = records(gridsOf(state), "Blanket Assembly Orders").map((r) => [
        r["Blanket Order Line No."],
        r["Line No."],
        r.Quantity,
      ]);
      expect({ sync, got }).toEqual({ sync, got: expected });
    }
  });
});

/** The task pane's Office host: one Excel.run per command, and no write to a workbook that changed meanwhile. */
import { assemble } from "../../src/engine";
import { OfficeWorkbookHost } from "../../src/hosts/excel/officeWorkbookHost";
import { officeErrorMessage } from "../../src/hosts/excel/officeErrors";
import { workbook } from "../builders";
import { FakeContext, FakeWorkbookState } from "../../src/hosts/excel/simulator";

let state: FakeWorkbookState;
let contexts: FakeContext[];

beforeEach(() => {
  state = FakeWorkbookState.from(workbook());
  contexts = [];
  const g = globalThis as unknown as Record<string, unknown>;
  g.Excel = {
    run: (fn: (ctx: FakeContext) => Promise<unknown>) => {
      const ctx = new FakeContext(state);
      contexts.push(ctx);
      return fn(ctx);
    },
  };
  g.Office = { context: { requirements: { isSetSupported: () => true } } };
});

test("update reads, decides, checks the workbook did not change, and writes", async () => {
  const host = new OfficeWorkbookHost();
  const r = await host.update((grids) => assemble(grids));
  expect(r.ok).toBe(true);
  expect(contexts).toHaveLength(1);
  expect(state.sheet("Blanket Assembly Orders")!.grid()).toHaveLength(3);
});

test("a cell typed between reading and writing: nothing is written, and the pane says to try again", async () => {
  const host = new OfficeWorkbookHost();
  const failure = await host
    .update((grids) => {
      // The planner types into the blanket order while the command works.
      state.sheet("Blanket Orders")!.set(1, 6, { value: 12, format: "General" });
      return assemble(grids);
    })
    .catch((e: unknown) => e);
  expect(failure).toMatchObject({ code: "WorkbookChanged" });
  expect(state.sheet("Blanket Assembly Orders")).toBeUndefined();
  expect(officeErrorMessage(failure)).toBe(
    "The workbook changed while the add-in was working (another user, or typing in a cell). Nothing was written. Try again."
  );
});

test("the next command, knowing the sheets, reads a small workbook in one sync", async () => {
  const host = new OfficeWorkbookHost();
  await host.read();
  await host.read();
  expect(contexts.map((c) => c.syncs.length)).toEqual([3, 1]);
});

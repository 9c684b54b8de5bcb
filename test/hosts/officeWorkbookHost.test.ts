/** The task pane's Office host: one Excel.run per command, through the same session as the library. */
import { assemble, makeOrder } from "../../src/engine";
import { officeErrorMessage } from "../../src/hosts/excel/officeErrors";
import { OfficeWorkbookHost } from "../../src/hosts/excel/officeWorkbookHost";
import { SimulatedExcel, SimWorkbookState } from "../../src/hosts/excel/simulator";
import { blanket, date, workbook } from "../builders";

let excel: SimulatedExcel;
let runs: number;

beforeEach(() => {
  excel = new SimulatedExcel(SimWorkbookState.from(workbook({ blanket: [blanket({ ship: 4 })] })));
  runs = 0;
  const run = excel.run.bind(excel);
  excel.run = (batch) => {
    runs++;
    return run(batch);
  };
  (globalThis as unknown as Record<string, unknown>).Office = {
    context: { requirements: { isSetSupported: () => true } },
  };
});

afterEach(() => {
  delete (globalThis as unknown as Record<string, unknown>).Office;
});

test("update reads, decides, checks what it writes over did not change, and writes, in one Excel.run", async () => {
  const host = new OfficeWorkbookHost(excel);
  const r = await host.update((grids) => assemble(grids));
  expect(r.ok).toBe(true);
  expect(runs).toBe(1);
  expect(excel.workbook.sheet("Blanket Assembly Orders")!.grid()).toHaveLength(3);
  expect(host.capabilities()).toEqual({ lists: true });
});

test("a cell typed between reading and writing: nothing is written, and the pane says to try again", async () => {
  const host = new OfficeWorkbookHost(excel);
  const failure = await host
    .update((grids) => {
      // The planner changes the Qty. to Ship, which Make Order resets, while it decides.
      excel.workbook.type("Blanket Orders", "M2", 5);
      return makeOrder(grids, { blanketOrderNo: "BSO-1001", orderDate: date("2027-01-15") });
    })
    .catch((e: unknown) => e);
  expect(failure).toMatchObject({ code: "WorkbookChanged", sheet: "Blanket Orders", cell: "M2" });
  expect(excel.workbook.sheet("Sales Orders")).toBeUndefined();
  expect(excel.workbook.sheet("Blanket Orders")!.grid()[1][12]).toBe(5);
  expect(officeErrorMessage(failure)).toBe(
    "The workbook changed while the add-in was working (another user, or typing in a cell). Nothing was written. Try again."
  );
});

test("the next command, knowing the sheets' sizes, reads in one sync", async () => {
  const host = new OfficeWorkbookHost(excel);
  await host.read();
  const before = excel.records.length;
  await host.read();
  expect(excel.records.length - before).toBe(1);
});

test("the planner's edits are reported as content changes; the add-in's own writes are not (ExcelApi 1.14)", async () => {
  const host = new OfficeWorkbookHost(excel);
  const seen: string[] = [];
  const stopA = host.onContentChanged(() => seen.push("a"));
  host.onContentChanged(() => seen.push("b"));
  await host.read(); // the registration's Excel.run has run by the time the next one does
  const handlers = excel.workbook.changeHandlers;
  expect(handlers).toHaveLength(1); // one Excel handler for every listener of the pane
  await handlers[0]({ triggerSource: "ThisLocalAddin" });
  expect(seen).toEqual([]);
  await handlers[0]({ triggerSource: "Unknown" });
  expect(seen).toEqual(["a", "b"]);
  stopA();
  await handlers[0]({ triggerSource: "Unknown" });
  expect(seen).toEqual(["a", "b", "b"]);
});

test("without ExcelApi 1.14 no content changes are reported (the add-in's own writes could not be told apart)", async () => {
  (globalThis as unknown as { Office: unknown }).Office = {
    context: { requirements: { isSetSupported: (_: string, v: string) => Number(v) < 1.14 } },
  };
  const host = new OfficeWorkbookHost(excel);
  host.onContentChanged(() => undefined);
  await host.read();
  expect(excel.workbook.changeHandlers).toHaveLength(0);
});

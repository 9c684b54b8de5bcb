/**
 * Excel on the web can drop a connection mid-write, and Excel does not roll a batch back.
 * A failure is injected at every sync of a command (at its start, middle and end); the
 * next run must neither make a second order for the same call-off nor lose the first,
 * and whatever was left half-written must be reported by validate until it is finished.
 */
import { sweep } from "../../bench/interruptions";
import { sampleGrids } from "../../src/sample/sampleWorkbook";
import { WorkbookGrids } from "../../src/workbook/grid";
import { blanket, bom, workbook } from "../builders";

function callOffWorkbook(): WorkbookGrids {
  const boms = Array.from({ length: 6 }, (_, i) =>
    bom("KIT", (i + 1) * 10000, i % 2 ? "PART-A" : "PART-B", 0.5 + i)
  );
  return workbook({
    boms,
    blanket: [
      blanket({ qty: 10, ship: 3 }),
      { "Document No.": "BSO-1001", "Line No.": 15000, Description: "Deliver to gate 4" },
      blanket({ line: 20000, qty: 7, ship: 7 }),
      blanket({ line: 30000, item: "PART-A", qty: 5, ship: 2 }),
    ],
  });
}

const clean = { duplicates: 0, hiddenIncomplete: 0, notFinished: 0 };

describe.each([1, 2_000, undefined])("maxRequestBytes %s", (maxRequestBytes) => {
  test("Make Order from the sheet's Qty. to Ship", async () => {
    const r = await sweep({
      name: "make order",
      grids: callOffWorkbook(),
      command: (s) => s.makeOrder({ order: "BSO-1001" }),
      maxRequestBytes,
    });
    expect(r.runs).toBeGreaterThan(2);
    expect({ ...clean, ...r }).toMatchObject({ ...clean, examples: [] });
  });

  test("Make Order with the quantities given and an attempt, as the pane retries it", async () => {
    const r = await sweep({
      name: "make order, ship given",
      grids: callOffWorkbook(),
      command: (s) =>
        s.makeOrder({ order: "BSO-1001", ship: { 10000: 2, 30000: 1 }, attemptId: "attempt-1" }),
      maxRequestBytes,
    });
    expect({ ...clean, ...r }).toMatchObject({ ...clean, examples: [] });
  });

  test("assemble, making new blanket assembly orders", async () => {
    const r = await sweep({
      name: "assemble",
      grids: callOffWorkbook(),
      command: (s) => s.assemble(),
      maxRequestBytes,
    });
    expect({ ...clean, ...r }).toMatchObject({ ...clean, examples: [] });
  });
});

test("the sample workbook: the demo's assemble and call-off, interrupted anywhere", async () => {
  for (const command of [
    (s: Parameters<Parameters<typeof sweep>[0]["command"]>[0]) => s.assemble(),
    (s: Parameters<Parameters<typeof sweep>[0]["command"]>[0]) =>
      s.makeOrder({ order: "BSO-1001" }),
  ]) {
    const r = await sweep({ name: "sample", grids: sampleGrids(), command, maxRequestBytes: 1 });
    expect({ ...clean, ...r }).toMatchObject({ ...clean, examples: [] });
  }
});

/**
 * One write plan, applied alike: every host applies every field of a plan (drop-down
 * lists, sheet protection), or refuses naming the field it cannot apply.
 */
import ExcelJS from "exceljs";
import { share, template } from "../../src/engine";
import { ExcelHost } from "../../src/hosts/excel/excelHost";
import { SimContext, SimWorkbookState } from "../../src/hosts/excel/simulator";
import { MemoryWorkbookHost } from "../../src/hosts/memory/memoryHost";
import { withinCapabilities } from "../../src/hosts/workbookHost";
import { newXlsx } from "../../src/hosts/xlsx/xlsxFile";
import { applyPlan } from "../../src/workbook/applyPlan";
import { columnLetters } from "../../src/workbook/grid";
import { LIST_ROWS } from "../../src/workbook/writePlan";
import { date, workbook } from "../builders";
import { all, sheetParts, unzip, xml } from "../xlsx/parts";

/** Lists as "Sheet!B2:B1001 Item,Resource", the same notation for every host. */
type ListText = string;

function memoryLists(): ListText[] {
  const grids = applyPlan({ sheets: [] }, template());
  return grids.sheets.flatMap((s) =>
    (s.lists ?? []).map(
      (l) =>
        `${s.name}!${columnLetters(l.col)}${l.firstRow}:${columnLetters(l.col)}${l.lastRow} ${l.options.join(",")}`
    )
  );
}

async function excelLists(): Promise<ListText[]> {
  const ctx = new SimContext(new SimWorkbookState());
  await new ExcelHost(ctx, { canUseLists: true }).apply(template());
  return ctx.workbookState.sheets.flatMap((s) =>
    s.lists.map((l) => `${s.name}!${l.address} ${l.source}`)
  );
}

/** The .xlsx the product writes, read back by exceljs (another reader than ours). */
async function written(plan: Parameters<typeof newXlsx>[0]): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(await newXlsx(plan)) as unknown as ArrayBuffer);
  return wb;
}

async function xlsxLists(): Promise<ListText[]> {
  const parts = unzip(await newXlsx(template()));
  return [...sheetParts(parts)].flatMap(([name, part]) =>
    all(xml(parts, part), "dataValidation").map(
      (v) =>
        `${name}!${v.getAttribute("sqref")} ${all(v, "formula1")[0].textContent!.replace(/"/g, "")}`
    )
  );
}

test("the template's drop-down lists are the same in memory, in Excel and in .xlsx", async () => {
  const expected = [
    `Items!D2:D${LIST_ROWS + 1} Assemble-to-Stock,Assemble-to-Order`,
    `Assembly BOMs!C2:C${LIST_ROWS + 1} Item,Resource`,
    `Assembly BOMs!I2:I${LIST_ROWS + 1} Direct,Fixed`,
    `Blanket Orders!H2:H${LIST_ROWS + 1} Item`,
  ];
  expect(memoryLists().sort()).toEqual(expected.sort());
  expect((await excelLists()).sort()).toEqual(expected.sort());
  expect((await xlsxLists()).sort()).toEqual(expected.sort());
});

test("Excel without data validation (before ExcelApi 1.8) refuses a plan with lists, naming them; the pane leaves them out", async () => {
  const ctx = new SimContext(new SimWorkbookState());
  const refused = await new ExcelHost(ctx, { canUseLists: false })
    .apply(template())
    .catch((e: unknown) => e);
  expect(refused).toMatchObject({ code: "UnsupportedPlanField", field: "lists" });
  expect(ctx.syncs).toHaveLength(0);
  const { plan, leftOut } = withinCapabilities(template(), { lists: false });
  expect(leftOut).toEqual(["lists"]);
  await new ExcelHost(ctx, { canUseLists: false }).apply(plan);
  expect(ctx.workbookState.sheets.map((s) => s.name)).toContain("Blanket Orders");
});

test("the customer's copy is protected but for Qty. to Ship in memory, in Excel and in .xlsx", async () => {
  const copy = share(workbook(), "C10000", date("2027-01-20")).plan!;
  // Memory (the playground): typing is refused where Excel would refuse it.
  const host = new MemoryWorkbookHost(applyPlan({ sheets: [] }, copy));
  expect(host.editCell("Blanket Orders", 2, 14, 3)).toBeUndefined();
  expect(host.editCell("Blanket Orders", 2, 8, 100)).toMatch(/protected/);
  expect(host.editCell("Shared Copy", 2, 1, "x")).toMatch(/protected/);
  // Excel.
  const ctx = new SimContext(new SimWorkbookState());
  await new ExcelHost(ctx, { canUseLists: true }).apply(copy);
  const blanketOrders = ctx.workbookState.sheet("Blanket Orders")!;
  expect(blanketOrders.protected).toBe(true);
  expect([...blanketOrders.unlocked]).toEqual(["1,14"]);
  expect(ctx.workbookState.sheets.every((s) => s.protected)).toBe(true);
  // .xlsx.
  const wb = await written(copy);
  const ws = wb.getWorksheet("Blanket Orders") as ExcelJS.Worksheet;
  expect(
    wb.worksheets.every(
      (w) => (w as unknown as { sheetProtection?: { sheet?: boolean } }).sheetProtection?.sheet
    )
  ).toBe(true);
  expect(ws.getRow(2).getCell(15).protection).toMatchObject({ locked: false });
  expect(ws.getRow(2).getCell(9).protection?.locked).not.toBe(false);
});

test("a value the list lacks is refused where the person types it, as Excel would", () => {
  const host = new MemoryWorkbookHost(applyPlan({ sheets: [] }, template()));
  expect(host.editCell("Assembly BOMs", 2, 8, "Sometimes")).toBe("Choose Direct or Fixed.");
  expect(host.editCell("Assembly BOMs", 2, 8, "fixed")).toBeUndefined();
});

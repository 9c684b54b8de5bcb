/**
 * Makes samples/blanket-orders.xlsx from the sample workbook (src/sample/sampleWorkbook.ts).
 * Run: npm run sample
 */
import * as path from "path";
import { sampleGrids } from "../src/sample/sampleWorkbook";
import { gridsAsTables } from "../src/workbook/documents";
import { applyPlanToWorkbook, newWorkbook, saveWorkbook } from "../src/hosts/xlsx/xlsxHost";

async function main(): Promise<void> {
  const grids = sampleGrids();
  const about = grids.sheets.find((s) => s.name === "About")!;
  const wb = newWorkbook();
  // The About sheet is prose, not a table.
  const ws = wb.addWorksheet("About");
  about.rows.forEach((r, i) => (ws.getRow(i + 1).values = r as never));
  ws.getColumn(1).width = 48;
  ws.getColumn(2).width = 70;
  ws.getRow(1).font = { bold: true, size: 14 };
  applyPlanToWorkbook(wb, {
    writes: gridsAsTables({ sheets: grids.sheets.filter((s) => s !== about) }).writes,
  });
  const root = __dirname.includes(`${path.sep}lib${path.sep}`)
    ? path.join(__dirname, "..", "..")
    : path.join(__dirname, "..");
  const out = path.join(root, "samples", "blanket-orders.xlsx");
  await saveWorkbook(wb, out);
  process.stdout.write(`Wrote ${out}\n`);
}

main().catch((err) => {
  process.stderr.write(`make-sample: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exitCode = 1;
});

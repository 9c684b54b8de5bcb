/** Workbooks for benchmarks: N blanket lines, each assembling a kit with a 20-line (or n-line) BOM. */
import { CellValue, WorkbookGrids } from "../src/workbook/grid";

export const BOM_LINES = 20;

export function blanketWorkbook(
  lines: number,
  linesPerOrder = 10,
  components = BOM_LINES
): WorkbookGrids {
  const items: CellValue[][] = [
    ["No.", "Description", "Base Unit of Measure", "Assembly Policy", "Unit Price"],
    ["KIT", "Configured kit", "PCS", "Assemble-to-Order", 250],
  ];
  const boms: CellValue[][] = [["Parent Item No.", "Line No.", "Type", "No.", "Quantity per"]];
  for (let i = 1; i <= components; i++) {
    items.push([`PART-${i}`, `Component ${i}`, "PCS", "Assemble-to-Stock", 1.5 * i]);
    boms.push(["KIT", i * 10000, "Item", `PART-${i}`, (i % 4) + 0.25]);
  }
  const blanket: CellValue[][] = [
    [
      "Document No.",
      "Sell-to Customer No.",
      "Sell-to Customer Name",
      "Line No.",
      "Type",
      "No.",
      "Quantity",
      "Unit Price",
      "Shipment Date",
      "Qty. to Ship",
      "Quantity Ordered",
      "Remaining Quantity",
    ],
  ];
  for (let i = 0; i < lines; i++) {
    const doc = `BSO-${String(Math.floor(i / linesPerOrder) + 1).padStart(6, "0")}`;
    blanket.push([
      doc,
      `C${(Math.floor(i / linesPerOrder) % 97) + 10000}`,
      "Customer",
      ((i % linesPerOrder) + 1) * 10000,
      "Item",
      "KIT",
      10 + (i % 50),
      250,
      46447 + (i % 300),
      null,
      // As a workbook made from the template has them, nothing called off yet.
      0,
      10 + (i % 50),
    ]);
  }
  return {
    sheets: [
      { name: "Items", rows: items },
      { name: "Assembly BOMs", rows: boms },
      { name: "Blanket Orders", rows: blanket },
    ],
  };
}

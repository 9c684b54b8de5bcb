/**
 * Makes samples/blanket-orders.xlsx from the sample workbook (src/sample/sampleWorkbook.ts),
 * with the product's own writer. Run: npm run sample
 */
import * as fs from "fs";
import * as path from "path";
import { sampleGrids } from "../src/sample/sampleWorkbook";
import { gridsToXlsx } from "../src/hosts/xlsx/xlsxFile";

const root = __dirname.includes(`${path.sep}lib${path.sep}`)
  ? path.join(__dirname, "..", "..")
  : path.join(__dirname, "..");
const out = path.join(root, "samples", "blanket-orders.xlsx");
gridsToXlsx(sampleGrids()).then((bytes) => {
  fs.writeFileSync(out, bytes);
  process.stdout.write(`Wrote ${out}\n`);
});

/**
 * LibreOffice opens what bao wrote and recalculates the planner's Dashboard to the right
 * values. Its formulas read the product's sheets, so after make-order their cached
 * results are stale until recalculated: Excel recalculates because bao sets
 * fullCalcOnLoad; LibreOffice trusts cached results of files Excel made unless told to
 * recalculate on load, which the throwaway profile here does.
 *
 * Needs `soffice` (Debian libreoffice-calc-nogui); skipped without it, unless
 * LIBREOFFICE_REQUIRED=1 (as in .ci/run).
 */
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { loadWorkbook } from "../../src/hosts/xlsx/xlsxHost";
import { findSheet } from "../../src/workbook/grid";
import { bao, tempDir } from "../cli/xlsx";

const SOFFICE = ["/usr/bin/soffice", "/usr/bin/libreoffice"].find((p) => fs.existsSync(p));
if (!SOFFICE && process.env.LIBREOFFICE_REQUIRED === "1")
  throw new Error("LIBREOFFICE_REQUIRED=1 but soffice is not installed");
const maybe = SOFFICE ? describe : describe.skip;

const CORPUS = path.join(__dirname, "..", "corpus");
const RECALC_ALWAYS = `<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
</oor:items>
`;

let dir: string;
beforeAll(() => {
  dir = tempDir();
  fs.mkdirSync(path.join(dir, "profile", "user"), { recursive: true });
  fs.writeFileSync(path.join(dir, "profile", "user", "registrymodifications.xcu"), RECALC_ALWAYS);
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** The Dashboard's figures as LibreOffice computes them (column B of rows 3 to 7). */
function dashboardByLibreOffice(file: string): number[] {
  const out = path.join(dir, "csv");
  fs.rmSync(out, { recursive: true, force: true });
  execFileSync(
    SOFFICE!,
    [
      "--headless",
      `-env:UserInstallation=file://${path.join(dir, "profile")}`,
      "--convert-to",
      // Every sheet to its own CSV file (the last token, -1).
      "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1",
      "--outdir",
      out,
      file,
    ],
    { env: { ...process.env, HOME: dir }, stdio: "pipe", timeout: 170_000 }
  );
  const csv = fs.readFileSync(
    path.join(out, `${path.basename(file, ".xlsx")}-Dashboard.csv`),
    "utf8"
  );
  return csv
    .split(/\r?\n/)
    .slice(2, 7)
    .map((line) => Number(line.split(",")[1]));
}

/** The same figures from the product sheets bao wrote. */
async function expected(file: string): Promise<number[]> {
  const grids = (await loadWorkbook(file)).grids;
  const blanket = findSheet(grids, "Blanket Orders")!.rows;
  const col = (h: string): number => blanket[0].indexOf(h);
  const sum = (h: string): number =>
    blanket
      .slice(1)
      .reduce((n, r) => n + (typeof r[col(h)] === "number" ? (r[col(h)] as number) : 0), 0);
  const sales = findSheet(grids, "Sales Orders")!
    .rows.slice(1)
    .filter((r) => r[0] !== null && r[0] !== undefined);
  return [
    sum("Quantity"),
    sum("Quantity Ordered"),
    sum("Remaining Quantity"),
    sum("Qty. to Ship"),
    sales.length,
  ];
}

maybe("LibreOffice recalculates the Dashboard of a workbook bao updated", () => {
  test.each(["planner-xlsxwriter.xlsx", "planner-libreoffice.xlsx", "planner-openpyxl.xlsx"])(
    "%s after assemble and make-order",
    async (name) => {
      const file = path.join(dir, name);
      fs.copyFileSync(path.join(CORPUS, name), file);
      const before = await expected(file);
      expect((await bao("assemble", file)).code).toBe(0);
      expect(
        (await bao("make-order", file, "--order", "BSO-1001", "--date", "2027-01-15")).code
      ).toBe(0);
      const after = await expected(file);
      // The call-off moved quantities: stale cached results would show.
      expect(after).not.toEqual(before);
      expect(dashboardByLibreOffice(file)).toEqual(after);
    },
    180_000
  );
});

/**
 * The `.xlsx` host for the CLI, on exceljs: reads a workbook into grids, applies the
 * engine's write plan, and saves through a temporary file and a rename so a crash
 * never leaves half a file.
 */
import * as fs from "fs";
import * as path from "path";
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { WorkbookGrids } from "../../workbook/grid";
import { workbookToGrids } from "./xlsxWorkbook";

export { applyPlanToWorkbook, newWorkbook } from "./xlsxWorkbook";

// exceljs writes a carriage return as it is, and every XML reader (Excel's too) turns it
// into a line feed, so "\r=1" would not come back as written. A character reference
// survives; exceljs calls this function through its utils module, so wrapping it here
// covers every text it writes.

const exceljsUtils = require("exceljs/lib/utils/utils") as { xmlEncode(text: string): string };
const xmlEncode = exceljsUtils.xmlEncode;
exceljsUtils.xmlEncode = (text: string): string => xmlEncode(text).replace(/\r/g, "&#13;");

/** A problem with a file (not with its data): the CLI's exit status 2. */
export class FileError extends Error {}

export interface LoadedWorkbook {
  file: string;
  workbook: ExcelJS.Workbook;
  grids: WorkbookGrids;
  /** Parts exceljs cannot carry over (charts, pivot tables, macros, images). */
  unsupported: string[];
  /** The file's bytes when read, to notice a change before writing. */
  data: Buffer;
}

/** Refuses to write when the input file changed since it was read (someone saved it meanwhile). */
export function checkUnchanged(loaded: LoadedWorkbook): void {
  let now: Buffer;
  try {
    now = fs.readFileSync(loaded.file);
  } catch {
    throw new FileError(`${loaded.file}: disappeared while bao was working; nothing was written`);
  }
  if (!now.equals(loaded.data)) {
    throw new FileError(
      `${loaded.file}: changed while bao was working (saved by someone else?); nothing was written, run the command again`
    );
  }
}

/** The parts of a package that exceljs would drop on save, by what a user calls them. */
export async function unsupportedParts(zip: JSZip): Promise<string[]> {
  const names = Object.keys(zip.files);
  const parts: [string, (n: string) => boolean][] = [
    ["charts", (n) => n.startsWith("xl/charts/")],
    ["pivot tables", (n) => n.startsWith("xl/pivotTables/") || n.startsWith("xl/pivotCache/")],
    ["macros", (n) => n.endsWith("vbaProject.bin")],
    ["images", (n) => n.startsWith("xl/media/")],
    [
      "shapes or drawings",
      (n) =>
        n.startsWith("xl/drawings/") &&
        n.endsWith(".xml") &&
        !names.some((m) => m.startsWith("xl/media/")),
    ],
  ];
  return parts.filter(([, test]) => names.some(test)).map(([label]) => label);
}

function describe(err: unknown): string {
  const text = err instanceof Error ? err.message : String(err);
  return text.split("\n")[0].slice(0, 200);
}

/** Reads an `.xlsx` file; every failure is a one-line FileError naming the file and the cause. */
export async function loadWorkbook(file: string): Promise<LoadedWorkbook> {
  let data: Buffer;
  try {
    data = fs.readFileSync(file);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === "ENOENT") throw new FileError(`${file}: no such file`);
    if (code === "EISDIR") throw new FileError(`${file}: is a folder, not an .xlsx workbook`);
    if (code === "EACCES" || code === "EPERM" || code === "EBUSY")
      throw new FileError(`${file}: cannot be read (locked or no permission)`);
    throw new FileError(`${file}: cannot be read (${describe(err)})`);
  }
  if (data.length < 4 || data.readUInt32LE(0) !== 0x04034b50) {
    throw new FileError(
      `${file}: not an .xlsx workbook (the file is not a zip package; save it as Excel Workbook .xlsx)`
    );
  }
  let zip: JSZip;
  try {
    zip = await JSZip.loadAsync(data);
  } catch (err) {
    throw new FileError(`${file}: damaged .xlsx workbook (${describe(err)})`);
  }
  if (!zip.file("xl/workbook.xml")) {
    throw new FileError(
      `${file}: not an .xlsx workbook (the package has no workbook part; is it a .docx or another zip?)`
    );
  }
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(data as unknown as ArrayBuffer);
  } catch (err) {
    throw new FileError(`${file}: damaged .xlsx workbook (${describe(err)})`);
  }
  return {
    file,
    workbook,
    grids: workbookToGrids(workbook),
    unsupported: await unsupportedParts(zip),
    data,
  };
}

/**
 * Saves through a temporary file beside the target and a rename: the target is either
 * the old file or the complete new one, never half of it.
 */
export async function saveWorkbook(workbook: ExcelJS.Workbook, target: string): Promise<void> {
  const dir = path.dirname(path.resolve(target));
  const tmp = path.join(dir, `.bao-tmp-${process.pid}-${path.basename(target)}`);
  try {
    const buffer = await workbook.xlsx.writeBuffer();
    fs.writeFileSync(tmp, Buffer.from(buffer as ArrayBuffer));
    fs.renameSync(tmp, target);
  } catch (err) {
    try {
      fs.rmSync(tmp, { force: true });
    } catch {
      // Nothing more to clean.
    }
    const code = (err as NodeJS.ErrnoException).code;
    if (code === "EACCES" || code === "EPERM" || code === "EBUSY")
      throw new FileError(`${target}: cannot be written (locked, open in Excel, or no permission)`);
    if (code === "ENOENT") throw new FileError(`${target}: cannot be written (no such folder)`);
    throw new FileError(`${target}: cannot be written (${describe(err)})`);
  }
}

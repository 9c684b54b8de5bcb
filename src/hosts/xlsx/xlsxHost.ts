/**
 * The `.xlsx` host of the CLI: reads a workbook's product sheets into grids, records the
 * engine's write plans in its package, and saves through a temporary file and a rename,
 * so a crash never leaves half a file. Only the parts a command changes are written anew.
 */
import * as fs from "fs";
import * as path from "path";
import { WorkbookGrids } from "../../workbook/grid";
import {
  AGREED_VALUES,
  ASSEMBLY_SPECIFICATION,
  COPY_BLANKET_ORDERS,
  COPY_SALES_ORDERS,
  INPUT_SHEETS,
  LIST_SHEETS,
  OUTPUT_SHEETS,
  SHARED_COPY,
} from "../../workbook/schema";
import { WritePlan } from "../../workbook/writePlan";
import { PackageError, XlsxPackage } from "./package/workbookPackage";
import { newXlsx } from "./xlsxFile";
import { localSerial, withHistory } from "../../workbook/history";
import { NODE_CODEC } from "./nodeCodec";

/** A problem with a file (not with its data): the CLI's exit status 2. */
export class FileError extends Error {}

/** The sheets the engine reads; others (a Dashboard, a data dump) are never parsed. */
const PRODUCT_SHEETS = new Set(
  [
    ...INPUT_SHEETS,
    ...LIST_SHEETS,
    ...OUTPUT_SHEETS,
    COPY_BLANKET_ORDERS,
    COPY_SALES_ORDERS,
    ASSEMBLY_SPECIFICATION,
    AGREED_VALUES,
    SHARED_COPY,
  ].map((s) => s.name.toLowerCase())
);

export interface LoadedWorkbook {
  file: string;
  package: XlsxPackage;
  /** The product's sheets as they are after the plans applied so far. */
  grids: WorkbookGrids;
  /** The file's bytes when read, to notice a change before writing. */
  data: Buffer;
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
  try {
    const pkg = XlsxPackage.open(data, NODE_CODEC);
    const grids = await pkg.readGrids((name) => PRODUCT_SHEETS.has(name.toLowerCase()));
    return { file, package: pkg, grids, data };
  } catch (err) {
    if (err instanceof PackageError) throw new FileError(`${file}: ${err.message}`);
    throw new FileError(`${file}: damaged .xlsx workbook (${describe(err)})`);
  }
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

/** Records a plan in the loaded workbook; its grids become the grids after the plan. */
export function applyToLoaded(loaded: LoadedWorkbook, plan: WritePlan): void {
  try {
    const stamped = withHistory(plan, loaded.grids, {
      when: localSerial(new Date()),
      where: "bao",
    });
    loaded.grids = loaded.package.apply(stamped, loaded.grids);
  } catch (err) {
    if (err instanceof PackageError) throw new FileError(`${loaded.file}: ${err.message}`);
    throw err;
  }
}

/** Where a result may go: a workbook with macros only to an .xlsm (Excel refuses it otherwise). */
export function checkTarget(loaded: LoadedWorkbook, target: string): void {
  const ext = path.extname(target).toLowerCase();
  if (loaded.package.macroEnabled && ext !== ".xlsm")
    throw new FileError(
      `${target}: ${loaded.file} holds macros, which Excel opens only from an .xlsm file; name the result .xlsm`
    );
  if (!loaded.package.macroEnabled && ext === ".xlsm")
    throw new FileError(`${target}: ${loaded.file} has no macros; name the result .xlsx`);
}

/**
 * Writes through a temporary file beside the target and a rename: the target is the old
 * file or the whole new one. `write` hands the bytes over as they are made.
 */
async function writeThroughTemp(
  target: string,
  write: (sink: (chunk: Uint8Array) => void) => Promise<void>
): Promise<void> {
  const dir = path.dirname(path.resolve(target));
  const tmp = path.join(dir, `.bao-tmp-${process.pid}-${path.basename(target)}`);
  let fd: number | undefined;
  try {
    fd = fs.openSync(tmp, "w");
    const out = fd;
    await write((chunk) => fs.writeSync(out, chunk));
    fs.closeSync(fd);
    fd = undefined;
    fs.renameSync(tmp, target);
  } catch (err) {
    if (fd !== undefined) fs.closeSync(fd);
    try {
      fs.rmSync(tmp, { force: true });
    } catch {
      // Nothing more to clean.
    }
    if (err instanceof PackageError) throw new FileError(`${target}: ${err.message}`);
    const code = (err as NodeJS.ErrnoException).code;
    if (code === "EACCES" || code === "EPERM" || code === "EBUSY")
      throw new FileError(`${target}: cannot be written (locked, open in Excel, or no permission)`);
    if (code === "ENOENT") throw new FileError(`${target}: cannot be written (no such folder)`);
    throw new FileError(`${target}: cannot be written (${describe(err)})`);
  }
}

/**
 * Saves a loaded workbook to `target`, refusing if its file changed since it was read. The
 * workbook is done with: its grids are let go first, so a full sheet's million rows are
 * not held through the write (the package keeps what the plans changed).
 */
export async function saveLoaded(loaded: LoadedWorkbook, target: string): Promise<void> {
  checkTarget(loaded, target);
  checkUnchanged(loaded);
  loaded.grids = { sheets: [] };
  await writeThroughTemp(target, (sink) => loaded.package.write(sink));
}

/** Saves a new workbook holding what a plan writes (a template, a customer's copy). */
export async function saveNew(plan: WritePlan, target: string): Promise<void> {
  const bytes = await newXlsx(plan, NODE_CODEC);
  await writeThroughTemp(target, async (sink) => sink(bytes));
}

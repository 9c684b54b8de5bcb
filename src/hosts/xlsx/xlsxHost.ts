/**
 * The `.xlsx` host for the CLI, on exceljs: reads a workbook into grids, applies the
 * engine's write plan, and saves through a temporary file and a rename so a crash
 * never leaves half a file.
 */
import * as fs from "fs";
import * as path from "path";
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { Readable } from "stream";
import { CellValue, WorkbookGrids } from "../../workbook/grid";
import { INPUT_SHEETS, OUTPUT_SHEETS } from "../../workbook/schema";
import { applyPlan } from "../../workbook/applyPlan";
import { NUMBER_FORMATS, WritePlan } from "../../workbook/writePlan";
import { applyPlanToWorkbook, toCellValue, workbookToGrids } from "./xlsxWorkbook";

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
  /** The whole workbook as exceljs objects; absent for a large file, which was streamed. */
  workbook?: ExcelJS.Workbook;
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
  const unsupported = await unsupportedParts(zip);
  if (data.length > largeFileBytes()) {
    // exceljs's object model takes about 20 KB per row: a full sheet would not fit in
    // memory. Large files are read by streaming, values only, and written the same way.
    let grids: WorkbookGrids;
    try {
      grids = await streamToGrids(await workbookPartsFirst(zip));
    } catch (err) {
      throw new FileError(`${file}: damaged .xlsx workbook (${describe(err)})`);
    }
    return {
      file,
      grids,
      unsupported: [
        ...unsupported,
        "cell formatting and tables of its sheets (large workbooks are rewritten by streaming)",
      ],
      data,
    };
  }
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(data as unknown as ArrayBuffer);
  } catch (err) {
    throw new FileError(`${file}: damaged .xlsx workbook (${describe(err)})`);
  }
  return { file, workbook, grids: workbookToGrids(workbook), unsupported, data };
}

/** Files above this size are streamed (BAO_STREAM_BYTES overrides it, for tests). */
export function largeFileBytes(): number {
  return Number(process.env.BAO_STREAM_BYTES ?? 20_000_000);
}

/**
 * The package with its workbook, relationships, styles and shared strings first. exceljs's
 * streaming reader needs them before the sheets (else it loses sheet names, or fails),
 * and writers, its own streaming writer among them, often put them last.
 */
async function workbookPartsFirst(zip: JSZip): Promise<Buffer> {
  const first = [
    "[Content_Types].xml",
    "_rels/.rels",
    "xl/workbook.xml",
    "xl/_rels/workbook.xml.rels",
    "xl/styles.xml",
    "xl/sharedStrings.xml",
  ];
  const ordered = new JSZip();
  for (const name of first) {
    const part = zip.file(name);
    if (part) ordered.file(name, await part.async("nodebuffer"));
  }
  // Without shared strings the reader parks every sheet in a temporary file and, read more
  // than once per process, loses all sheets but the first: give it an empty table.
  if (!zip.file("xl/sharedStrings.xml")) {
    ordered.file(
      "xl/sharedStrings.xml",
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="0" uniqueCount="0"/>'
    );
  }
  for (const name of Object.keys(zip.files)) {
    if (!zip.files[name].dir && !first.includes(name))
      ordered.file(name, await zip.file(name)!.async("nodebuffer"));
  }
  return ordered.generateAsync({ type: "nodebuffer", compression: "STORE" });
}

/** Reads every sheet's values with exceljs's streaming reader. */
async function streamToGrids(data: Buffer): Promise<WorkbookGrids> {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from(data), {
    sharedStrings: "cache",
    styles: "cache",
    hyperlinks: "ignore",
    worksheets: "emit",
    entries: "ignore",
  });
  const grids: WorkbookGrids = { sheets: [] };
  for await (const ws of reader as unknown as AsyncIterable<
    AsyncIterable<ExcelJS.Row> & { name: string }
  >) {
    const rows: CellValue[][] = [];
    for await (const row of ws) {
      const values = row.values as ExcelJS.CellValue[];
      const cells: CellValue[] = [];
      for (let c = 1; c < values.length; c++) cells.push(toCellValue(values[c] ?? null));
      rows[row.number - 1] = cells;
    }
    for (let i = 0; i < rows.length; i++) rows[i] ??= [];
    grids.sheets.push({ name: ws.name, rows });
  }
  return grids;
}

/**
 * Writes grids as a new workbook with exceljs's streaming writer (for large workbooks):
 * every sheet's values, the product's column formats, through a temporary file.
 */
export async function saveGridsStreaming(grids: WorkbookGrids, target: string): Promise<void> {
  const specs = [...INPUT_SHEETS, ...OUTPUT_SHEETS];
  await writeThroughTemp(target, async (tmp) => {
    const wb = new ExcelJS.stream.xlsx.WorkbookWriter({
      filename: tmp,
      useSharedStrings: false,
      useStyles: true,
    });
    for (const s of grids.sheets) {
      const ws = wb.addWorksheet(s.name);
      const spec = specs.find((x) => x.name.toLowerCase() === s.name.toLowerCase());
      const headers = (s.rows.find((r) => r.some((c) => c !== null)) ?? []).map((h) =>
        String(h ?? "")
      );
      if (spec) {
        ws.columns = headers.map((h) => {
          const c = spec.columns.find((x) => x.header === h);
          return {
            key: h,
            width: Math.max(10, Math.min(40, h.length + 4)),
            style: c?.format ? { numFmt: NUMBER_FORMATS[c.format] } : {},
          };
        });
      }
      for (let i = 0; i < s.rows.length; i++) {
        const row = ws.getRow(i + 1);
        s.rows[i].forEach((v, c) => {
          if (v === null) return;
          row.getCell(c + 1).value =
            typeof v === "object" ? ({ error: v.error } as ExcelJS.CellErrorValue) : v;
        });
        row.commit();
      }
      ws.commit();
    }
    await wb.commit();
  });
}

/** Writes through a temporary file beside the target and a rename: the target is the old file or the whole new one. */
async function writeThroughTemp(
  target: string,
  write: (tmp: string) => Promise<void>
): Promise<void> {
  const dir = path.dirname(path.resolve(target));
  const tmp = path.join(dir, `.bao-tmp-${process.pid}-${path.basename(target)}`);
  try {
    await write(tmp);
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

/** Saves a workbook through a temporary file and a rename, so a crash never leaves half a file. */
export async function saveWorkbook(workbook: ExcelJS.Workbook, target: string): Promise<void> {
  await writeThroughTemp(target, (tmp) => workbook.xlsx.writeFile(tmp));
}

/**
 * Applies a plan to a loaded workbook: its exceljs objects where it has them, and its
 * grids where they are what gets written, or when `thenRead` (another command follows).
 */
export function applyToLoaded(loaded: LoadedWorkbook, plan: WritePlan, thenRead = false): void {
  if (loaded.workbook) applyPlanToWorkbook(loaded.workbook, plan);
  if (!loaded.workbook || thenRead) loaded.grids = applyPlan(loaded.grids, plan);
}

/** Saves a loaded workbook to `target`, refusing if its file changed since it was read. */
export async function saveLoaded(loaded: LoadedWorkbook, target: string): Promise<void> {
  checkUnchanged(loaded);
  if (loaded.workbook) await saveWorkbook(loaded.workbook, target);
  else await saveGridsStreaming(loaded.grids, target);
}

/**
 * .xlsx files without a file system (the browser, and the CLI's new workbooks): read into
 * grids, new workbooks from plans, and a loaded file with the changes made since, written
 * by the same package writer as the CLI so a download keeps every part of the file.
 */
import { gridsAsWorkbook } from "../../workbook/documents";
import { applySheetWrite } from "../../workbook/applyPlan";
import { CellValue, WorkbookGrids } from "../../workbook/grid";
import { WritePlan } from "../../workbook/writePlan";
import { PackageError, XlsxPackage } from "./package/workbookPackage";
import { Codec } from "./package/zip";

export { PackageError };

export const XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
export const XLSM_TYPE = "application/vnd.ms-excel.sheet.macroEnabled.12";

type Step = { plan: WritePlan } | { sheet: string; row: number; col: number; value: CellValue };

/**
 * A loaded .xlsx and what was done to it since. Writing replays the steps onto the file
 * as loaded, so it can be written again after more changes.
 */
export class XlsxDocument {
  private readonly steps: Step[] = [];

  private constructor(
    private readonly original: Uint8Array,
    /** The file holds macros: it is written back as an .xlsm. */
    readonly macroEnabled: boolean
  ) {}

  /** Reads a file; one that is not a workbook is a PackageError saying what it is. */
  static async read(
    data: ArrayBuffer | Uint8Array
  ): Promise<{ document: XlsxDocument; grids: WorkbookGrids }> {
    const bytes = data instanceof Uint8Array ? data : new Uint8Array(data);
    const pkg = XlsxPackage.open(bytes);
    return { document: new XlsxDocument(bytes, pkg.macroEnabled), grids: await pkg.readGrids() };
  }

  get type(): string {
    return this.macroEnabled ? XLSM_TYPE : XLSX_TYPE;
  }

  record(plan: WritePlan): void {
    this.steps.push({ plan });
  }

  /** A value a person typed into a cell. */
  edit(sheet: string, row: number, col: number, value: CellValue): void {
    this.steps.push({ sheet, row, col, value });
  }

  async bytes(): Promise<Uint8Array> {
    const pkg = XlsxPackage.open(this.original);
    let grids = await pkg.readGrids();
    for (const step of this.steps) {
      if ("plan" in step) grids = pkg.apply(step.plan, grids);
      else {
        pkg.setCell(step.sheet, step.row, step.col, step.value);
        const cell = { row: step.row, col: step.col, values: [[step.value]], formats: [] };
        grids = { sheets: grids.sheets.map((s) => ({ ...s, rows: [...s.rows] })) };
        applySheetWrite(grids, { sheet: step.sheet, ranges: [cell] });
      }
    }
    return pkg.toBytes();
  }
}

/** Reads an .xlsx into grids (every sheet). */
export async function readXlsx(data: ArrayBuffer | Uint8Array): Promise<WorkbookGrids> {
  return (await XlsxDocument.read(data)).grids;
}

/** A new workbook holding what a plan writes (a template, a customer's copy). */
export function newXlsx(plan: WritePlan, codec?: Codec): Promise<Uint8Array> {
  const pkg = XlsxPackage.create(codec);
  pkg.apply(plan, { sheets: [] });
  return pkg.toBytes();
}

/** A new workbook of grids: the product's sheets as tables, the others as values. */
export function gridsToXlsx(grids: WorkbookGrids, codec?: Codec): Promise<Uint8Array> {
  return newXlsx(gridsAsWorkbook(grids), codec);
}

/** The bytes as an ArrayBuffer of their own (what Office.js and Blob take). */
export function asArrayBuffer(bytes: Uint8Array): ArrayBuffer {
  return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
}

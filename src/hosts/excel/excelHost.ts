/**
 * The Office.js host: the one module that drives Excel. It reads the sheets the engine
 * needs and applies the engine's write plans in a few batched syncs, in blocks that keep
 * every request under Excel on the web's 5 MB cap.
 */
import { CellValue, columnLetters, WorkbookGrids } from "../../workbook/grid";
import { INPUT_SHEETS, OUTPUT_SHEETS } from "../../workbook/schema";
import {
  CellsWrite,
  escapeFormulaText,
  LIST_ROWS,
  NUMBER_FORMATS,
  TableWrite,
  WritePlan,
} from "../../workbook/writePlan";
import { UnsupportedPlanError } from "../workbookHost";
import { XlContext, XlRange, XlWorksheet } from "./officeApi";

/** Excel on the web refuses requests and responses over 5 MB; stay well below. */
export const DEFAULT_BLOCK_BYTES = 4_000_000;
/** Cells per read block when a sheet is too large to read at once (Excel caps reads at 5,000,000 cells). */
export const DEFAULT_READ_BLOCK_CELLS = 100_000;

export interface ExcelHostOptions {
  blockBytes?: number;
  readBlockCells?: number;
  /** Whether ExcelApi 1.6 (suspendApiCalculationUntilNextSync) is available. */
  canSuspendCalculation?: boolean;
  /** Whether ExcelApi 1.8 (data validation, for drop-down lists) is available. */
  canUseLists?: boolean;
  /**
   * The engine's sheets as the last command found them. With them a read takes one sync;
   * if the workbook's sheets changed since, it falls back to finding them first.
   */
  knownSheets?: readonly string[];
  /** About how many cells those sheets hold: above one read block, the one-sync read is not tried. */
  knownCells?: number;
}

/** What a read learned about the workbook, so writes need no extra round trips. */
export interface SheetInfo {
  name: string;
  tables: string[];
}

export interface ReadResult {
  grids: WorkbookGrids;
  sheets: Map<string, SheetInfo>;
}

const ENGINE_SHEETS = [...INPUT_SHEETS, ...OUTPUT_SHEETS].map((s) => s.name.toLowerCase());

/**
 * Bytes a value adds to a request, as JSON (what Office sends): close to the real size,
 * so blocks fill up to the limit and the syncs follow the bytes.
 */
function jsonBytes(v: unknown): number {
  if (v === null || v === undefined) return 5;
  if (typeof v === "number") return String(v).length + 1;
  if (typeof v === "boolean") return 6;
  const text = String(v);
  let escapes = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 32 || c === 34 || c === 92) escapes += 5;
    else if (c > 127) escapes += 2;
  }
  return text.length + escapes + 3;
}

/** Office.js gives error cells as text such as "#N/A" with valueType "Error". */
function toCell(v: unknown, type: string | undefined): CellValue {
  if (type === "Error") return { error: String(v) };
  if (v === "" || v === null || v === undefined) return null;
  if (typeof v === "number" || typeof v === "boolean" || typeof v === "string") return v;
  return String(v);
}

/** A grid value as Office.js writes it: text that Excel would parse is escaped. */
function toExcelValue(v: CellValue | undefined): unknown {
  if (v === null || v === undefined) return "";
  if (typeof v === "string") return escapeFormulaText(v);
  if (typeof v === "object") return v.error;
  return v;
}

export function rangeAddress(
  firstRow: number,
  firstCol: number,
  rows: number,
  cols: number
): string {
  return `${columnLetters(firstCol)}${firstRow}:${columnLetters(firstCol + cols - 1)}${firstRow + rows - 1}`;
}

/**
 * Queues writes and syncs whenever the next one would take the request over the block
 * size, so the number of syncs follows the bytes written, not the rows.
 */
class Batcher {
  private pending = 0;
  syncs = 0;

  constructor(
    private readonly ctx: XlContext,
    private readonly limit: number,
    private readonly suspend: boolean
  ) {}

  async reserve(bytes: number): Promise<void> {
    if (this.pending > 0 && this.pending + bytes > this.limit) await this.flush();
    if (this.pending === 0 && this.suspend)
      this.ctx.application.suspendApiCalculationUntilNextSync();
    this.pending += bytes;
  }

  async flush(): Promise<void> {
    if (this.pending === 0) return;
    await this.ctx.sync();
    this.syncs++;
    this.pending = 0;
  }
}

/** The workbook changed between reading it and writing to it (another user, or the planner typing). */
export class WorkbookChangedError extends Error {
  readonly code = "WorkbookChanged";
  constructor(readonly sheet: string) {
    super(`The sheet ${sheet} changed while the add-in was working.`);
  }
}

export class ExcelHost {
  private readonly blockBytes: number;
  private readonly readBlockCells: number;
  private sheets = new Map<string, SheetInfo>();
  private lastRead?: WorkbookGrids;
  private cellsWritten = 0;

  constructor(
    private readonly ctx: XlContext,
    private readonly options: ExcelHostOptions = {}
  ) {
    this.blockBytes = options.blockBytes ?? DEFAULT_BLOCK_BYTES;
    this.readBlockCells = options.readBlockCells ?? DEFAULT_READ_BLOCK_CELLS;
  }

  /** Reads every sheet the engine knows: names first, then all their cells at once (or in blocks when large). */
  async read(): Promise<ReadResult> {
    const known = this.options.knownSheets;
    // Beyond one read block, one sync would pass Excel's response cap: read in blocks.
    if (known?.length && (this.options.knownCells ?? Infinity) <= this.readBlockCells) {
      const fast = await this.readKnown(known).catch(() => undefined);
      if (fast) return fast;
    }
    return this.readAll();
  }

  /**
   * One sync: every known sheet's values, tables and the workbook's sheet names, to make
   * sure no engine sheet came or went. Undefined when they did, or a sheet is too large
   * to read at once (the caller then reads as if for the first time).
   */
  private async readKnown(known: readonly string[]): Promise<ReadResult | undefined> {
    const ctx = this.ctx;
    const all = ctx.workbook.worksheets.load("items/name");
    const reads = known.map((name) => {
      const ws = ctx.workbook.worksheets.getItem(name);
      ws.tables.load("items/name");
      const range = ws
        .getUsedRangeOrNullObject(true)
        .load("values,valueTypes,rowIndex,columnIndex,rowCount,columnCount");
      return { name, ws, range };
    });
    await ctx.sync();
    const now = all.items.map((w) => w.name).filter((n) => ENGINE_SHEETS.includes(n.toLowerCase()));
    if (now.length !== known.length || now.some((n, i) => n !== known[i])) return undefined;
    const grids: WorkbookGrids = { sheets: [] };
    for (const r of reads) {
      const rows: CellValue[][] = [];
      if (!r.range.isNullObject) {
        r.range.values.forEach((line, i) => {
          rows[r.range.rowIndex + i] = padded(line, r.range.valueTypes[i], r.range.columnIndex);
        });
      }
      for (let i = 0; i < rows.length; i++) rows[i] ??= [];
      grids.sheets.push({ name: r.name, rows });
    }
    this.sheets = new Map(
      reads.map((r) => [
        r.name.toLowerCase(),
        { name: r.name, tables: r.ws.tables.items.map((t) => t.name) },
      ])
    );
    this.lastRead = grids;
    return { grids, sheets: this.sheets };
  }

  /** Finds the engine's sheets, then reads them: whole sheets at once, row blocks beyond the read cap. */
  private async readAll(): Promise<ReadResult> {
    const ctx = this.ctx;
    const all = ctx.workbook.worksheets.load("items/name");
    await ctx.sync();
    const wanted = all.items.filter((ws) => ENGINE_SHEETS.includes(ws.name.toLowerCase()));
    const used = wanted.map((ws) => {
      ws.tables.load("items/name");
      return ws.getUsedRangeOrNullObject(true).load("rowIndex,columnIndex,rowCount,columnCount");
    });
    await ctx.sync();
    this.sheets = new Map(
      wanted.map((ws) => [
        ws.name.toLowerCase(),
        { name: ws.name, tables: ws.tables.items.map((t) => t.name) },
      ])
    );
    // Values in as few syncs as the read cap allows: whole sheets while they fit, row blocks beyond.
    const grids: WorkbookGrids = { sheets: [] };
    const reads: { sheet: number; firstRow: number; range: XlRange }[] = [];
    let cellsInBatch = 0;
    const flush = async (): Promise<void> => {
      if (!reads.length) return;
      await ctx.sync();
      for (const r of reads) {
        const rows = grids.sheets[r.sheet].rows;
        r.range.values.forEach((line, i) => {
          rows[r.firstRow + i] = padded(line, r.range.valueTypes[i], r.range.columnIndex);
        });
      }
      reads.length = 0;
      cellsInBatch = 0;
    };
    for (let s = 0; s < wanted.length; s++) {
      const ws = wanted[s];
      const u = used[s];
      grids.sheets.push({ name: ws.name, rows: [] });
      if (u.isNullObject) continue;
      const rowsPerBlock = Math.max(
        1,
        Math.floor(this.readBlockCells / Math.max(1, u.columnCount))
      );
      for (let first = 0; first < u.rowCount; first += rowsPerBlock) {
        const count = Math.min(rowsPerBlock, u.rowCount - first);
        if (cellsInBatch > 0 && cellsInBatch + count * u.columnCount > this.readBlockCells)
          await flush();
        const range = ws.getRange(
          rangeAddress(u.rowIndex + first + 1, u.columnIndex, count, u.columnCount)
        );
        range.load("values,valueTypes,columnIndex");
        reads.push({ sheet: s, firstRow: u.rowIndex + first, range });
        cellsInBatch += count * u.columnCount;
      }
    }
    await flush();
    for (const g of grids.sheets) for (let i = 0; i < g.rows.length; i++) g.rows[i] ??= [];
    this.lastRead = grids;
    return { grids, sheets: this.sheets };
  }

  /**
   * Reads the sheets again and refuses (WorkbookChangedError) if any differs from the
   * last read, so a plan is never applied to rows that moved or changed under it.
   */
  async verifyUnchanged(): Promise<void> {
    const before = this.lastRead;
    if (!before) return;
    const { grids } = await this.read();
    for (const sheet of before.sheets) {
      const now = grids.sheets.find((s) => s.name === sheet.name);
      if (!now || !sameRows(sheet.rows, now.rows)) throw new WorkbookChangedError(sheet.name);
    }
    if (grids.sheets.length !== before.sheets.length)
      throw new WorkbookChangedError(grids.sheets[grids.sheets.length - 1]?.name ?? "");
  }

  private sheet(name: string): { ws: XlWorksheet; info: SheetInfo } {
    const info = this.sheets.get(name.toLowerCase());
    if (info) return { ws: this.ctx.workbook.worksheets.getItem(info.name), info };
    const created = { name, tables: [] };
    this.sheets.set(name.toLowerCase(), created);
    return { ws: this.ctx.workbook.worksheets.add(name), info: created };
  }

  /** The engine's sheets as last read or written, in workbook order. */
  sheetNames(): string[] {
    return [...this.sheets.values()].map((s) => s.name);
  }

  /** About how many cells the engine's sheets hold after the last read and writes. */
  approxCells(): number {
    let cells = this.cellsWritten;
    for (const s of this.lastRead?.sheets ?? []) for (const r of s.rows) cells += r.length;
    return cells;
  }

  /** Applies a write plan; returns the number of syncs it took. */
  async apply(plan: WritePlan): Promise<number> {
    if (!this.options.canUseLists && plan.writes.some((w) => w.kind === "table" && w.lists?.length))
      throw new UnsupportedPlanError("lists");
    const batch = new Batcher(
      this.ctx,
      this.blockBytes,
      this.options.canSuspendCalculation ?? false
    );
    for (const w of plan.writes) {
      if (w.kind === "table") await this.writeTable(batch, w);
      else await this.writeCells(batch, w);
    }
    await batch.flush();
    return batch.syncs;
  }

  private async writeTable(batch: Batcher, w: TableWrite): Promise<void> {
    const { ws, info } = this.sheet(w.sheet);
    this.cellsWritten += (w.rows.length + 1) * w.headers.length;
    // The product owns this table. Nothing is cleared before the new values are in place:
    // a write that fails part-way (Excel does not roll back) must never lose rows. So the
    // old table becomes a plain range, the new grid is written over it, then what is left
    // of the old one is cleared and the table is made again.
    await batch.reserve(200 + info.tables.length * 100);
    for (const t of info.tables) ws.tables.getItem(t).convertToRange();
    info.tables = [];
    const width = w.headers.length;
    const formats = w.formats.map((f) => NUMBER_FORMATS[f]);
    const rows: CellValue[][] = [
      w.headers,
      ...(w.rows.length ? w.rows : [w.headers.map(() => null)]),
    ];
    await this.writeRows(batch, ws, w.startRow, 0, rows, (i) =>
      i === 0 ? w.headers.map(() => "@") : formats
    );
    await batch.reserve(400);
    if (w.previousRows > rows.length) {
      const oldWidth = Math.max(width, w.previousColumns);
      ws.getRange(
        rangeAddress(w.startRow + rows.length, 0, w.previousRows - rows.length, oldWidth)
      ).clear("All");
    }
    if (w.previousColumns > width) {
      ws.getRange(
        rangeAddress(
          w.startRow,
          width,
          Math.min(rows.length, Math.max(1, w.previousRows)),
          w.previousColumns - width
        )
      ).clear("All");
    }
    const table = ws.tables.add(rangeAddress(w.startRow, 0, rows.length, width), true);
    table.name = w.tableName;
    table.style = "TableStyleLight9";
    info.tables.push(w.tableName);
    ws.getRange(rangeAddress(w.startRow, 0, 1, width)).format.autofitColumns();
    for (const list of w.lists ?? []) {
      await batch.reserve(300 + list.options.join(",").length);
      const cells = ws.getRange(rangeAddress(w.startRow + 1, list.col, LIST_ROWS, 1));
      cells.dataValidation.clear();
      cells.dataValidation.rule = {
        list: { inCellDropDown: true, source: list.options.join(",") },
      };
      cells.dataValidation.errorAlert = {
        showAlert: true,
        style: "Stop",
        title: w.headers[list.col],
        message: `Choose ${list.options.join(" or ")}.`,
      };
    }
    if (w.protect) {
      // Locked is Excel's default; unlock the cells the customer may fill in, then protect.
      await batch.reserve(300 + w.protect.editableColumns.length * 100);
      for (const col of w.protect.editableColumns)
        ws.getRange(
          rangeAddress(w.startRow + 1, col, Math.max(1, w.rows.length), 1)
        ).format.protection.locked = false;
      ws.protection.protect({ allowAutoFilter: true, allowFormatColumns: true, allowSort: false });
    }
  }

  /** Writes rows in blocks: number formats first (Text before values keeps text as text), then values. */
  private async writeRows(
    batch: Batcher,
    ws: XlWorksheet,
    firstRow: number,
    firstCol: number,
    rows: CellValue[][],
    formatsOf: (rowIndex: number) => string[],
    /** Keep rows with the same first cell (one document) in one block where they fit. */
    byDocument = false
  ): Promise<void> {
    let start = 0;
    while (start < rows.length) {
      let bytes = 200;
      let end = start;
      const sizes: number[] = [];
      while (end < rows.length) {
        const f = formatsOf(end);
        // Two arrays (values, formats), each row in brackets.
        let rowBytes = 4;
        rows[end].forEach((v, c) => (rowBytes += jsonBytes(toExcelValue(v)) + jsonBytes(f[c])));
        if (end > start && bytes + rowBytes > this.blockBytes) break;
        bytes += rowBytes;
        sizes.push(rowBytes);
        end++;
      }
      if (byDocument && end < rows.length) {
        // A write cut off between blocks then leaves whole documents, never half of one.
        let cut = end;
        while (cut > start + 1 && rows[cut][0] === rows[cut - 1][0]) cut--;
        if (rows[cut][0] !== rows[cut - 1][0]) {
          for (let i = cut; i < end; i++) bytes -= sizes[i - start];
          end = cut;
        }
      }
      await batch.reserve(bytes);
      const block = rows.slice(start, end);
      let width = 0;
      for (const r of block) width = Math.max(width, r.length);
      const target = ws.getRange(rangeAddress(firstRow + start, firstCol, block.length, width));
      target.numberFormat = block.map((_, i) => {
        const f = formatsOf(start + i);
        return Array.from({ length: width }, (_, c) => f[c] ?? "General");
      });
      target.values = block.map((r) => Array.from({ length: width }, (_, c) => toExcelValue(r[c])));
      start = end;
    }
  }

  private async writeCells(batch: Batcher, w: CellsWrite): Promise<void> {
    const { ws } = this.sheet(w.sheet);
    for (const col of w.columns) {
      const format = NUMBER_FORMATS[col.format];
      if (col.header !== undefined) {
        await this.writeRows(batch, ws, col.headerRow, col.col, [[col.header]], () => ["General"]);
      }
      // Runs of consecutive cells to set: one range each.
      let i = 0;
      while (i < col.values.length) {
        if (col.values[i] === undefined) {
          i++;
          continue;
        }
        let j = i;
        while (j < col.values.length && col.values[j] !== undefined) j++;
        const run = col.values.slice(i, j).map((v) => [v as CellValue]);
        await this.writeRows(batch, ws, col.firstRow + i, col.col, run, () => [format]);
        i = j;
      }
    }
  }

  /** Selects a cell or range and scrolls to it. */
  async select(sheet: string, address: string): Promise<void> {
    const info = this.sheets.get(sheet.toLowerCase());
    const ws = this.ctx.workbook.worksheets.getItem(info?.name ?? sheet);
    ws.activate();
    ws.getRange(address).select();
    await this.ctx.sync();
  }

  /** The sheet and A1 address of the current selection. */
  async selection(): Promise<{ sheet: string; address: string }> {
    const range = this.ctx.workbook.getSelectedRange().load("address");
    await this.ctx.sync();
    const [sheet, address] = splitAddress(range.address);
    return { sheet, address };
  }
}

function sameRows(a: CellValue[][], b: CellValue[][]): boolean {
  const n = Math.max(a.length, b.length);
  for (let r = 0; r < n; r++) {
    const x = a[r] ?? [];
    const y = b[r] ?? [];
    const m = Math.max(x.length, y.length);
    for (let c = 0; c < m; c++) {
      const u = x[c] ?? null;
      const v = y[c] ?? null;
      if (u === v) continue;
      if (
        typeof u === "object" &&
        typeof v === "object" &&
        u !== null &&
        v !== null &&
        u.error === v.error
      )
        continue;
      return false;
    }
  }
  return true;
}

function padded(line: unknown[], types: string[] | undefined, columnIndex: number): CellValue[] {
  const out: CellValue[] = new Array(columnIndex).fill(null);
  for (let c = 0; c < line.length; c++) out.push(toCell(line[c], types?.[c]));
  return out;
}

/** `'My Sheet'!A1:B2` -> ["My Sheet", "A1:B2"]. */
export function splitAddress(full: string): [string, string] {
  const bang = full.lastIndexOf("!");
  if (bang < 0) return ["", full];
  let sheet = full.slice(0, bang);
  if (sheet.startsWith("'") && sheet.endsWith("'")) sheet = sheet.slice(1, -1).replace(/''/g, "'");
  return [sheet, full.slice(bang + 1)];
}

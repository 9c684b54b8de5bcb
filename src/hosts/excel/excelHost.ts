/**
 * The Office.js host: reads the sheets the engine needs and applies its write plans, in
 * as few syncs as Excel on the web's limits allow (5 MB per request and per response,
 * 5,000,000 cells per read). One ExcelHost lives for one `Excel.run`; what it learns about
 * the workbook (sheets, tables, bytes per row) is kept in a HostMemory between commands.
 */
import { CellValue, cellRef, columnLetters, WorkbookGrids } from "../../workbook/grid";
import { sameCell } from "../../workbook/render";
import { INPUT_SHEETS, LIST_SHEETS, OUTPUT_SHEETS } from "../../workbook/schema";
import {
  assertHistoryWritten,
  formatFor,
  LIST_ROWS,
  NUMBER_FORMATS,
  SheetWrite,
  WritePlan,
} from "../../workbook/writePlan";
import { UnsupportedPlanError } from "../workbookHost";
import { XlContext, XlRange, XlWorksheet } from "./officeApi";

/** What one sync's writes may carry, about (the request's envelope adds a little). */
export const DEFAULT_MAX_REQUEST_BYTES = 4_000_000;
/** What one sync's reads may bring back: under the 5 MB response cap, with room for the envelope. */
export const READ_BUDGET_BYTES = 4_600_000;
/** Cells one read may ask for (Excel caps a read at 5,000,000). */
const READ_MAX_CELLS = 1_000_000;
/** Bytes per cell assumed for a sheet not measured yet, when sizing its next block. */
const UNMEASURED_BYTES_PER_CELL = 64;
/** A row of a sheet never read, for the first sync (a wrong guess costs one sync more). */
const FIRST_GUESS_BYTES_PER_ROW = 400;

export interface ExcelHostOptions {
  /** See DEFAULT_MAX_REQUEST_BYTES; smaller than one row means one row per sync. */
  maxRequestBytes?: number;
  /** ExcelApi 1.6: suspendApiCalculationUntilNextSync. */
  canSuspendCalculation?: boolean;
  /** ExcelApi 1.8: data validation, for drop-down lists. */
  canUseLists?: boolean;
  /** What earlier commands learned; updated by this one. */
  memory?: HostMemory;
}

/** What a session remembers about the workbook between commands. */
export interface HostMemory {
  /** Bytes per row of each engine sheet (lower-cased name), measured when last read. */
  bytesPerRow: Map<string, number>;
  /** Rows of each engine sheet when last read or written. */
  rows: Map<string, number>;
}

export const newHostMemory = (): HostMemory => ({ bytesPerRow: new Map(), rows: new Map() });

/** A sheet the engine knows, as found in the workbook. */
export interface SheetInfo {
  name: string;
  tables: string[];
}

export interface ReadResult {
  grids: WorkbookGrids;
  sheets: Map<string, SheetInfo>;
}

const ENGINE_SHEETS = [...INPUT_SHEETS, ...LIST_SHEETS, ...OUTPUT_SHEETS].map((s) => s.name);
const LIST_KEYS = new Set(LIST_SHEETS.map((s) => s.name.toLowerCase()));
/** Rows of an optional list the first sync brings before the list was measured. */
const LIST_FIRST_ROWS = 100;

/** Excel's error values: a text cell holding one is told apart by its value type. */
const ERROR_TEXT =
  /^#(N\/A|VALUE!|REF!|DIV\/0!|NUM!|NAME\?|NULL!|SPILL!|CALC!|GETTING_DATA|FIELD!|BLOCKED!|CONNECT!|BUSY!|UNKNOWN!|PYTHON!)$/;

/** Bytes a value adds to a request or response, as JSON: close to what Office sends. */
export function jsonBytes(v: unknown): number {
  if (v === null || v === undefined) return 4;
  if (typeof v === "number") return String(v).length;
  if (typeof v === "boolean") return v ? 4 : 5;
  const text = String(v);
  let escapes = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 32 || c === 34 || c === 92) escapes += 5;
    else if (c > 127) escapes += c > 2047 ? 2 : 1;
  }
  return text.length + escapes + 2;
}

/** Bytes of a 2-D array as JSON. */
function gridBytes(rows: unknown[][]): number {
  let n = 2;
  for (const r of rows) {
    n += 3;
    for (const v of r) n += jsonBytes(v) + 1;
  }
  return n;
}

export function rangeAddress(
  firstRow: number,
  firstCol: number,
  rows: number,
  cols: number
): string {
  return `${columnLetters(firstCol)}${firstRow}:${columnLetters(firstCol + cols - 1)}${firstRow + rows - 1}`;
}

/** A grid value as Office.js writes it: blank is "", text exactly as it is (into a Text cell). */
function toExcelValue(v: CellValue | undefined): unknown {
  if (v === null || v === undefined) return "";
  if (typeof v === "object") return v.error;
  return v;
}

/**
 * Queues requests and syncs whenever the next one would take the request over the
 * limit, so syncs follow the bytes written, not the rows. A request always holds at least
 * one operation.
 */
class Batcher {
  private pending = 0;
  syncs = 0;
  bytes = 0;

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
    this.bytes += bytes;
  }

  /** Bytes the current request can still take; a nearly full one is sent first. */
  async room(): Promise<number> {
    if (this.pending > 0 && this.limit - this.pending < this.limit / 20) await this.flush();
    return this.pending > 0 ? this.limit - this.pending : this.limit;
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
  constructor(
    readonly sheet: string,
    readonly cell: string
  ) {
    super(`'${sheet}'!${cell} changed while the add-in was working.`);
  }
}

interface SheetRead {
  name: string;
  /** 0-based first row and column of the used range, and its size. */
  row0: number;
  col0: number;
  rows: number;
  cols: number;
  /** Rows of the used range read so far. */
  done: number;
  grid: CellValue[][];
}

export class ExcelHost {
  private readonly maxRequestBytes: number;
  private readonly memory: HostMemory;
  private sheets = new Map<string, SheetInfo>();
  private lastRead?: WorkbookGrids;
  /** Request and response bytes and syncs of this host, for benchmarks. */
  readonly traffic = { syncs: 0 };

  constructor(
    private readonly ctx: XlContext,
    private readonly options: ExcelHostOptions = {}
  ) {
    this.maxRequestBytes = options.maxRequestBytes ?? DEFAULT_MAX_REQUEST_BYTES;
    this.memory = options.memory ?? newHostMemory();
  }

  private async sync(): Promise<void> {
    await this.ctx.sync();
    this.traffic.syncs++;
  }

  /**
   * Reads every sheet the engine knows. One sync finds the sheets, their tables and used
   * ranges, and brings their values where the session knows they fit (or, the first time,
   * a first block of each); further syncs bring the rest in blocks sized from the bytes
   * each sheet's rows measured, each response under Excel's cap.
   */
  async read(): Promise<ReadResult> {
    try {
      return await this.readFrom(this.firstBlockRows());
    } catch (error) {
      // A first guess too large for one response (sheets of long texts): ask again for the
      // sheets' sizes alone, and read in blocks measured from there.
      if ((error as { code?: string }).code !== "ResponsePayloadSizeLimitExceeded") throw error;
      return this.readFrom(new Map());
    }
  }

  private async readFrom(firstRows: Map<string, number>): Promise<ReadResult> {
    const ctx = this.ctx;
    const all = ctx.workbook.worksheets.load("items/name");
    const tables = ctx.workbook.tables.load("items/name,items/worksheet/name");
    const found = ENGINE_SHEETS.map((name) => {
      const used = ctx.workbook.worksheets
        .getItemOrNullObject(name)
        .getUsedRangeOrNullObject(true)
        .load("rowIndex,columnIndex,rowCount,columnCount");
      const rows = firstRows.get(name.toLowerCase());
      const first = rows ? used.getIntersectionOrNullObject(`1:${rows}`).load("values") : undefined;
      return { name, used, first };
    });
    await this.sync();
    const actual = new Map(all.items.map((w) => [w.name.toLowerCase(), w.name]));
    // Sheets in the workbook's order, as a person sees them (issues are reported in it).
    const order = [...actual.keys()];
    found.sort((a, b) => order.indexOf(a.name.toLowerCase()) - order.indexOf(b.name.toLowerCase()));
    const tablesOf = new Map<string, string[]>();
    for (const t of tables.items) {
      const k = t.worksheet.name.toLowerCase();
      tablesOf.set(k, [...(tablesOf.get(k) ?? []), t.name]);
    }
    this.sheets = new Map();
    const reads: SheetRead[] = [];
    for (const f of found) {
      const key = f.name.toLowerCase();
      const name = actual.get(key);
      if (!name) continue;
      this.sheets.set(key, { name, tables: tablesOf.get(key) ?? [] });
      const r: SheetRead = { name, row0: 0, col0: 0, rows: 0, cols: 0, done: 0, grid: [] };
      reads.push(r);
      if (f.used.isNullObject) continue;
      Object.assign(r, {
        row0: f.used.rowIndex,
        col0: f.used.columnIndex,
        rows: f.used.rowCount,
        cols: f.used.columnCount,
      });
      if (f.first && !f.first.isNullObject) this.take(r, f.first.values, f.first.values.length);
    }
    // The rest, in blocks packed into syncs by measured bytes.
    for (;;) {
      const pending = reads.filter((r) => r.done < r.rows);
      if (!pending.length) break;
      let budget = READ_BUDGET_BYTES;
      const queued: { r: SheetRead; range: XlRange; count: number }[] = [];
      for (const r of pending) {
        if (budget <= 0) break;
        const perRow =
          this.memory.bytesPerRow.get(r.name.toLowerCase()) ?? UNMEASURED_BYTES_PER_CELL * r.cols;
        const byBytes = Math.floor(budget / Math.max(1, perRow));
        const count = Math.min(
          r.rows - r.done,
          byBytes,
          Math.floor(READ_MAX_CELLS / Math.max(1, r.cols))
        );
        if (count < 1) {
          if (queued.length) break;
        }
        const n = Math.max(1, count);
        const first = r.row0 + r.done + 1;
        const range = ctx.workbook.worksheets
          .getItem(r.name)
          .getRange(rangeAddress(first, r.col0, n, r.cols))
          .load("values");
        queued.push({ r, range, count: n });
        budget -= n * perRow;
      }
      await this.sync();
      for (const q of queued) this.take(q.r, q.range.values, q.count);
    }
    await this.resolveErrorTexts(reads);
    const grids: WorkbookGrids = {
      sheets: reads.map((r) => {
        const rows = r.grid;
        for (let i = 0; i < rows.length; i++) rows[i] ??= [];
        return { name: r.name, rows };
      }),
    };
    for (const r of reads) this.memory.rows.set(r.name.toLowerCase(), r.row0 + r.rows);
    this.lastRead = grids;
    return { grids, sheets: this.sheets };
  }

  /**
   * Rows of each sheet the first sync brings: sheets the session measured, smallest
   * first, whole while the response budget lasts (the rest of the budget to the next);
   * sheets never measured get an equal share at a generous guess of their row size.
   */
  private firstBlockRows(): Map<string, number> {
    const out = new Map<string, number>();
    const keys = ENGINE_SHEETS.map((n) => n.toLowerCase());
    const known = keys
      .filter((k) => this.memory.bytesPerRow.has(k) && this.memory.rows.has(k))
      .map((k) => ({ k, rows: this.memory.rows.get(k)!, perRow: this.memory.bytesPerRow.get(k)! }))
      .sort((a, b) => a.rows * a.perRow - b.rows * b.perRow);
    const unknown = keys.filter((k) => !known.some((x) => x.k === k));
    // Optional lists (Locations, Item Variants) are short, when there at all: a small first
    // block, so they do not take the other sheets' share of the first sync.
    const lists = unknown.filter((k) => LIST_KEYS.has(k));
    const listBytes = LIST_FIRST_ROWS * FIRST_GUESS_BYTES_PER_ROW;
    const others = unknown.length - lists.length;
    const share = (READ_BUDGET_BYTES - lists.length * listBytes) / (others + known.length || 1);
    let budget = READ_BUDGET_BYTES - lists.length * listBytes - others * share;
    for (const x of known) {
      // A little room for rows added since (the planner types on).
      const rows = Math.max(1, Math.min(x.rows + 64, Math.floor(budget / Math.max(1, x.perRow))));
      out.set(x.k, rows);
      budget -= rows * x.perRow;
    }
    for (const k of unknown)
      out.set(
        k,
        LIST_KEYS.has(k) ? LIST_FIRST_ROWS : Math.floor(share / FIRST_GUESS_BYTES_PER_ROW)
      );
    return out;
  }

  /** Takes a block of values into a sheet's grid and measures its bytes per row. */
  private take(r: SheetRead, values: unknown[][], count: number): void {
    const rows = values.slice(0, count);
    rows.forEach((line, i) => {
      const out: CellValue[] = new Array(r.col0).fill(null);
      for (const v of line)
        out.push(v === "" || v === null || v === undefined ? null : (v as CellValue));
      while (out.length && out[out.length - 1] === null) out.pop();
      r.grid[r.row0 + r.done + i] = out;
    });
    // The rows just read say best what the next block of this sheet will weigh.
    if (rows.length)
      this.memory.bytesPerRow.set(r.name.toLowerCase(), Math.ceil(gridBytes(rows) / rows.length));
    r.done += rows.length;
  }

  /**
   * Cells whose text reads like an Excel error (`#N/A`) are asked for their value type in
   * one more sync: error cells become errors, text that only looks like one stays text.
   */
  private async resolveErrorTexts(reads: SheetRead[]): Promise<void> {
    const suspects: { r: SheetRead; row: number; col: number; range: XlRange }[] = [];
    for (const r of reads) {
      r.grid.forEach((line, row) =>
        line?.forEach((v, col) => {
          if (typeof v !== "string" || !ERROR_TEXT.test(v)) return;
          const range = this.ctx.workbook.worksheets
            .getItem(r.name)
            .getRange(cellRef(col, row + 1))
            .load("valueTypes");
          suspects.push({ r, row, col, range });
        })
      );
    }
    if (!suspects.length) return;
    await this.sync();
    for (const s of suspects)
      if (s.range.valueTypes[0]?.[0] === "Error")
        s.r.grid[s.row][s.col] = { error: String(s.r.grid[s.row][s.col]) };
  }

  /**
   * Refuses (WorkbookChangedError) when a cell the plan writes over, or the size of a
   * sheet it writes, changed since the read: the plan was made from what was read. It
   * reads back only those cells, so it costs one small sync, whatever the workbook's size.
   */
  async verifyUnchanged(plan: WritePlan): Promise<void> {
    const before = this.lastRead;
    if (!before) return;
    const checks: {
      sheet: string;
      row: number;
      col: number;
      range: XlRange;
      expected: CellValue[][];
    }[] = [];
    const used: { sheet: string; range: XlRange; rows: number }[] = [];
    for (const w of plan.writes) {
      const info = this.sheets.get(w.sheet.toLowerCase());
      const grid = before.sheets.find((s) => s.name.toLowerCase() === w.sheet.toLowerCase());
      if (!info || !grid || w.create) continue;
      const ws = this.ctx.workbook.worksheets.getItem(info.name);
      used.push({
        sheet: info.name,
        range: ws.getUsedRangeOrNullObject(true).load("rowIndex,rowCount"),
        rows: grid.rows.length,
      });
      const shifted = !!(w.deleteRows?.length || w.insertRows?.length);
      const width = grid.rows.reduce((m, r) => Math.max(m, r.length), 1);
      const regions = shifted
        ? [{ row: 1, col: 0, rows: grid.rows.length, cols: width }]
        : w.ranges.map((r) => ({
            row: r.row,
            col: r.col,
            rows: r.values.length,
            cols: r.values[0]?.length ?? 0,
          }));
      for (const g of regions) {
        const rows = Math.min(g.rows, grid.rows.length - g.row + 1);
        if (rows < 1 || g.cols < 1) continue;
        const expected = Array.from({ length: rows }, (_, i) =>
          Array.from({ length: g.cols }, (_, c) => grid.rows[g.row - 1 + i]?.[g.col + c] ?? null)
        );
        const range = ws.getRange(rangeAddress(g.row, g.col, rows, g.cols)).load("values");
        checks.push({ sheet: info.name, row: g.row, col: g.col, range, expected });
      }
    }
    if (!used.length) return;
    await this.sync();
    for (const u of used) {
      const rows = u.range.isNullObject ? 0 : u.range.rowIndex + u.range.rowCount;
      if (rows !== u.rows)
        throw new WorkbookChangedError(u.sheet, `A${Math.min(rows, u.rows) + 1}`);
    }
    for (const c of checks) {
      for (let i = 0; i < c.expected.length; i++)
        for (let j = 0; j < c.expected[i].length; j++) {
          const now = c.range.values[i]?.[j];
          const was = c.expected[i][j];
          const same = sameCell(typeof was === "object" && was ? was.error : was, now as CellValue);
          if (!same) throw new WorkbookChangedError(c.sheet, cellRef(c.col + j, c.row + i));
        }
    }
  }

  /** The engine's sheets as last read or written, in workbook order. */
  sheetNames(): string[] {
    return [...this.sheets.values()].map((s) => s.name);
  }

  /** Applies a write plan, every field of it; returns the number of syncs it took. */
  async apply(plan: WritePlan): Promise<number> {
    assertHistoryWritten(plan);
    if (!this.options.canUseLists && plan.writes.some((w) => w.lists?.length))
      throw new UnsupportedPlanError("lists");
    const batch = new Batcher(
      this.ctx,
      this.maxRequestBytes,
      this.options.canSuspendCalculation ?? false
    );
    for (const w of plan.writes) await this.write(batch, w);
    await batch.flush();
    this.traffic.syncs += batch.syncs;
    return batch.syncs;
  }

  private worksheet(
    name: string,
    create: boolean | undefined
  ): { ws: XlWorksheet; info: SheetInfo } {
    const info = this.sheets.get(name.toLowerCase());
    if (info) return { ws: this.ctx.workbook.worksheets.getItem(info.name), info };
    const created = { name, tables: [] };
    this.sheets.set(name.toLowerCase(), created);
    return {
      ws: create
        ? this.ctx.workbook.worksheets.add(name)
        : this.ctx.workbook.worksheets.getItem(name),
      info: created,
    };
  }

  /** One sheet write: rows deleted, inserted, values in blocks, leftovers cleared, the table. */
  private async write(batch: Batcher, w: SheetWrite): Promise<void> {
    const existed = this.sheets.has(w.sheet.toLowerCase());
    if (!existed) await batch.reserve(100);
    const { ws, info } = this.worksheet(w.sheet, w.create || !existed);
    for (const d of w.deleteRows ?? []) {
      await batch.reserve(120);
      ws.getRange(rangeAddress(d.row, 0, d.count, d.width)).delete("Up");
    }
    for (const i of w.insertRows ?? []) {
      await batch.reserve(120);
      ws.getRange(rangeAddress(i.row, 0, i.count, i.width)).insert("Down");
    }
    // A new table: the formats of the cells a person types into later, before any value.
    if (w.columnFormats?.length) {
      const header = w.table?.headerRow ?? 1;
      const formats = w.columnFormats.map((f) => NUMBER_FORMATS[f]);
      await batch.reserve(200 + LIST_ROWS * formats.reduce((n, f) => n + f.length + 3, 0));
      ws.getRange(rangeAddress(header + 1, 0, LIST_ROWS, formats.length)).numberFormat = Array.from(
        { length: LIST_ROWS },
        () => formats
      );
    }
    for (const r of w.ranges) {
      // Rows in blocks by bytes: number formats first (a Text cell keeps text as it is), then values.
      let start = 0;
      while (start < r.values.length) {
        // Two requests (formats, values), each with its envelope and address; the block
        // fills what the current request can still take.
        const room = await batch.room();
        let bytes = 260;
        let end = start;
        while (end < r.values.length) {
          let rowBytes = 6;
          r.values[end].forEach((v, c) => {
            rowBytes += jsonBytes(toExcelValue(v)) + jsonBytes(formatFor(v, r.formats[c])) + 2;
          });
          if (end > start && bytes + rowBytes > room) break;
          bytes += rowBytes;
          end++;
        }
        await batch.reserve(bytes);
        const block = r.values.slice(start, end);
        const width = block[0].length;
        const target = ws.getRange(rangeAddress(r.row + start, r.col, block.length, width));
        target.numberFormat = block.map((line) => line.map((v, c) => formatFor(v, r.formats[c])));
        target.values = block.map((line) => line.map(toExcelValue));
        start = end;
      }
    }
    for (const c of w.clear ?? []) {
      await batch.reserve(120);
      ws.getRange(rangeAddress(c.row, c.col, c.rows, c.cols)).clear("Contents");
    }
    if (w.table) {
      // The product owns this table: an existing one becomes a range (keeping every value),
      // the table is made again over the new extent.
      const t = w.table;
      await batch.reserve(300 + info.tables.length * 100);
      for (const name of info.tables) ws.tables.getItem(name).convertToRange();
      const table = ws.tables.add(
        rangeAddress(t.headerRow, 0, t.lastRow - t.headerRow + 1, t.columns),
        true
      );
      table.name = t.name;
      table.style = "TableStyleLight9";
      info.tables = [t.name];
      if (w.create) ws.getRange(rangeAddress(t.headerRow, 0, 1, t.columns)).format.autofitColumns();
    }
    for (const list of w.lists ?? []) {
      await batch.reserve(300 + list.options.join(",").length);
      const header = w.table?.headerRow ?? 1;
      const cells = ws.getRange(rangeAddress(header + 1, list.col, LIST_ROWS, 1));
      cells.dataValidation.clear();
      cells.dataValidation.rule = {
        list: { inCellDropDown: true, source: list.options.join(",") },
      };
      cells.dataValidation.errorAlert = {
        showAlert: true,
        style: "Stop",
        title: "Not on the list",
        message: `Choose ${list.options.join(" or ")}.`,
      };
    }
    if (w.protect) {
      // Locked is Excel's default; unlock the cells the customer may fill in, then protect.
      const p = w.protect;
      await batch.reserve(300 + p.editableColumns.length * 100);
      for (const col of p.editableColumns)
        ws.getRange(
          rangeAddress(p.headerRow + 1, col, Math.max(1, p.lastRow - p.headerRow), 1)
        ).format.protection.locked = false;
      ws.protection.protect({ allowAutoFilter: true, allowFormatColumns: true, allowSort: false });
    }
    // What the next command's first read will find here: its rows, and their size where unknown.
    const key = w.sheet.toLowerCase();
    const end = w.ranges.reduce((m, r) => Math.max(m, r.row + r.values.length - 1), 0);
    this.memory.rows.set(key, Math.max(this.memory.rows.get(key) ?? 0, end));
    const widest = w.ranges.reduce(
      (m, r) => ((r.values[0]?.length ?? 0) > (m?.values[0]?.length ?? 0) ? r : m),
      w.ranges[0]
    );
    if (!this.memory.bytesPerRow.has(key) && widest?.values.length)
      this.memory.bytesPerRow.set(key, Math.ceil(gridBytes(widest.values) / widest.values.length));
  }

  /** Selects a cell or range and scrolls to it. */
  async select(sheet: string, address: string): Promise<void> {
    const info = this.sheets.get(sheet.toLowerCase());
    const ws = this.ctx.workbook.worksheets.getItem(info?.name ?? sheet);
    ws.activate();
    ws.getRange(address).select();
    await this.sync();
  }

  /** The workbook's culture: name and separators, in one sync (ExcelApi 1.11; the caller checks). */
  async culture(): Promise<{ name: string; decimal: string; group: string } | undefined> {
    const info = this.ctx.application.cultureInfo;
    if (!info) return undefined;
    info.load("name");
    const numbers = info.numberFormat.load("numberDecimalSeparator,numberGroupSeparator");
    await this.sync();
    return {
      name: info.name,
      decimal: numbers.numberDecimalSeparator,
      group: numbers.numberGroupSeparator,
    };
  }

  /**
   * Calls `listener` when the planner (or anyone but this add-in) changes a worksheet. Needs
   * `triggerSource` (ExcelApi 1.14; the caller checks) to tell the add-in's own writes apart.
   */
  async watchChanges(listener: () => void): Promise<boolean> {
    const events = this.ctx.workbook.worksheets.onChanged;
    if (!events) return false;
    events.add(async (event) => {
      if (event.triggerSource !== "ThisLocalAddin") listener();
    });
    await this.sync();
    return true;
  }

  /** The sheet and A1 address of the current selection. */
  async selection(): Promise<{ sheet: string; address: string }> {
    const range = this.ctx.workbook.getSelectedRange().load("address");
    await this.sync();
    const [sheet, address] = splitAddress(range.address);
    return { sheet, address };
  }
}

/** `'My Sheet'!A1:B2` -> ["My Sheet", "A1:B2"]. */
export function splitAddress(full: string): [string, string] {
  const bang = full.lastIndexOf("!");
  if (bang < 0) return ["", full];
  let sheet = full.slice(0, bang);
  if (sheet.startsWith("'") && sheet.endsWith("'")) sheet = sheet.slice(1, -1).replace(/''/g, "'");
  return [sheet, full.slice(bang + 1)];
}

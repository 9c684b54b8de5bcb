/**
 * A simulated Excel behind the Office.js APIs the Excel host uses (officeApi.ts), for
 * tests, benchmarks and scripts without Excel.
 * Like Excel, it queues commands and runs them at sync(); properties are readable only
 * after a load and a sync; every request and response is measured and refused over
 * Excel on the web's 5 MB cap. It records each sync, so tests can count round trips.
 */
import { columnLetters, parseCellRef } from "../../workbook/grid";
import {
  ClearApplyTo,
  XlApplication,
  XlContext,
  XlDataValidation,
  XlRange,
  XlTable,
  XlTableCollection,
  XlWorkbook,
  XlWorksheet,
  XlWorksheetCollection,
} from "./officeApi";

export const PAYLOAD_CAP = 5 * 1024 * 1024;

export class OfficeError extends Error {
  constructor(
    readonly code: string,
    message: string
  ) {
    super(message);
  }
}

interface Cell {
  value: unknown;
  format: string;
  error?: boolean;
}

export interface FakeTableState {
  name: string;
  address: string;
  style?: string;
}

export interface FakeList {
  address: string;
  source: string;
  alert?: { title: string; message: string };
}

export class FakeSheet {
  cells = new Map<string, Cell>();
  tables: FakeTableState[] = [];
  lists: FakeList[] = [];
  protected = false;
  /** Cells (as "row,col", 0-based) whose protection is unlocked. */
  unlocked = new Set<string>();
  constructor(public name: string) {}

  get(row: number, col: number): Cell | undefined {
    return this.cells.get(`${row},${col}`);
  }

  set(row: number, col: number, cell: Cell): void {
    const k = `${row},${col}`;
    if (cell.value !== "" && cell.value !== null) this.cells.set(k, cell);
    else if (cell.format !== "General") this.cells.set(k, { value: "", format: cell.format });
    else this.cells.delete(k);
  }

  /** 0-based bounding box of cells with values. */
  used(): { r0: number; c0: number; r1: number; c1: number } | undefined {
    let r0 = Infinity;
    let c0 = Infinity;
    let r1 = -1;
    let c1 = -1;
    for (const [k, cell] of this.cells) {
      if (cell.value === "" || cell.value === null) continue;
      const [r, c] = k.split(",").map(Number);
      r0 = Math.min(r0, r);
      c0 = Math.min(c0, c);
      r1 = Math.max(r1, r);
      c1 = Math.max(c1, c);
    }
    return r1 < 0 ? undefined : { r0, c0, r1, c1 };
  }

  /** Values as a grid from A1, for assertions. */
  grid(): unknown[][] {
    const u = this.used();
    if (!u) return [];
    const rows: unknown[][] = [];
    for (let r = 0; r <= u.r1; r++) {
      const line: unknown[] = [];
      for (let c = 0; c <= u.c1; c++) {
        const cell = this.get(r, c);
        line.push(
          cell === undefined || cell.value === ""
            ? null
            : cell.error
              ? { error: cell.value }
              : cell.value
        );
      }
      while (line.length && line[line.length - 1] === null) line.pop();
      rows.push(line);
    }
    return rows;
  }
}

export interface SyncRecord {
  requestBytes: number;
  responseBytes: number;
  ops: string[];
}

function bounds(address: string): { r0: number; c0: number; r1: number; c1: number } {
  const [a, b = a] = address.split(":");
  const p = parseCellRef(a);
  const q = parseCellRef(b);
  if (!p || !q) throw new OfficeError("InvalidArgument", `bad address ${address}`);
  return { r0: p.row - 1, c0: p.col, r1: q.row - 1, c1: q.col };
}

type Op = { name: string; bytes: number; run: () => number | void };

class Proxy {
  protected loaded = new Set<string>();
  constructor(protected readonly ctx: FakeContext) {}
  protected read<T>(prop: string, value: T): T {
    if (!this.loaded.has(prop))
      throw new OfficeError(
        "PropertyNotLoaded",
        `The property '${prop}' is not available. Load it and call sync() first.`
      );
    return value;
  }
}

class FakeRange extends Proxy implements XlRange {
  private state: {
    values?: unknown[][];
    valueTypes?: string[][];
    numberFormat?: unknown[][];
    rowIndex?: number;
    columnIndex?: number;
    rowCount?: number;
    columnCount?: number;
    address?: string;
    isNull?: boolean;
  } = {};
  readonly format = {
    autofitColumns: () => this.ctx.queue({ name: "autofit", bytes: 60, run: () => undefined }),
    protection: {} as { locked: boolean },
  };
  readonly dataValidation: XlDataValidation;

  constructor(
    ctx: FakeContext,
    private readonly sheetOf: () => FakeSheet | undefined,
    private readonly where: () => { r0: number; c0: number; r1: number; c1: number } | undefined
  ) {
    super(ctx);
    const range = this;
    const address = (): string => {
      const b = this.where()!;
      return `${columnLetters(b.c0)}${b.r0 + 1}:${columnLetters(b.c1)}${b.r1 + 1}`;
    };
    Object.defineProperty(this.format.protection, "locked", {
      set: (locked: boolean) => {
        this.ctx.queue({
          name: "set protection",
          bytes: 80,
          run: () => {
            const sheet = range.need();
            const b = range.where()!;
            for (let r = b.r0; r <= b.r1; r++)
              for (let c = b.c0; c <= b.c1; c++)
                if (locked) sheet.unlocked.delete(`${r},${c}`);
                else sheet.unlocked.add(`${r},${c}`);
          },
        });
      },
    });
    this.dataValidation = {
      set rule(rule: XlDataValidation["rule"]) {
        const source = String(rule.list?.source ?? "");
        range.ctx.queue({
          name: "set data validation",
          bytes: 120 + source.length,
          run: () => void range.need().lists.push({ address: address(), source }),
        });
      },
      get rule(): XlDataValidation["rule"] {
        throw new OfficeError("PropertyNotLoaded", "rule is not loaded");
      },
      set errorAlert(alert: XlDataValidation["errorAlert"]) {
        range.ctx.queue({
          name: "set data validation alert",
          bytes: 120 + alert.message.length,
          run: () => {
            const list = range.need().lists.find((l) => l.address === address());
            if (list) list.alert = { title: alert.title, message: alert.message };
          },
        });
      },
      get errorAlert(): XlDataValidation["errorAlert"] {
        throw new OfficeError("PropertyNotLoaded", "errorAlert is not loaded");
      },
      clear: () =>
        range.ctx.queue({
          name: "clear data validation",
          bytes: 60,
          run: () => {
            const sheet = range.need();
            sheet.lists = sheet.lists.filter((l) => l.address !== address());
          },
        }),
    };
  }

  get worksheet(): XlWorksheet {
    return new FakeWorksheet(this.ctx, () => this.sheetOf()?.name ?? "");
  }

  get values(): unknown[][] {
    return this.read("values", this.state.values!);
  }
  set values(v: unknown[][]) {
    this.write("values", v);
  }
  get numberFormat(): unknown[][] {
    return this.read("numberFormat", this.state.numberFormat!);
  }
  set numberFormat(v: unknown[][]) {
    this.write("numberFormat", v);
  }
  get valueTypes(): string[][] {
    return this.read("valueTypes", this.state.valueTypes!);
  }
  get address(): string {
    return this.read("address", this.state.address!);
  }
  get rowIndex(): number {
    return this.read("rowIndex", this.state.rowIndex!);
  }
  get columnIndex(): number {
    return this.read("columnIndex", this.state.columnIndex!);
  }
  get rowCount(): number {
    return this.read("rowCount", this.state.rowCount!);
  }
  get columnCount(): number {
    return this.read("columnCount", this.state.columnCount!);
  }
  get isNullObject(): boolean {
    return this.read("isNullObject", this.state.isNull ?? false);
  }

  private write(prop: "values" | "numberFormat", v: unknown[][]): void {
    const data = v.map((r) => [...r]);
    this.ctx.queue({
      name: `set ${prop}`,
      bytes: JSON.stringify(data).length + 80,
      run: () => {
        const sheet = this.need();
        const b = this.where()!;
        if (data.length !== b.r1 - b.r0 + 1 || data.some((r) => r.length !== b.c1 - b.c0 + 1)) {
          throw new OfficeError(
            "InvalidArgument",
            "The number of rows or columns in the input array doesn't match the size of the range."
          );
        }
        data.forEach((row, i) =>
          row.forEach((x, j) => {
            const r = b.r0 + i;
            const c = b.c0 + j;
            const old = sheet.get(r, c) ?? { value: "", format: "General" };
            if (prop === "numberFormat") sheet.set(r, c, { ...old, format: String(x) });
            else sheet.set(r, c, { value: enterValue(x, old.format), format: old.format });
          })
        );
      },
    });
  }

  need(): FakeSheet {
    const s = this.sheetOf();
    if (!s) throw new OfficeError("ItemNotFound", "The requested resource doesn't exist.");
    return s;
  }

  load(propertyNames: string): XlRange {
    const props = propertyNames.split(",").map((p) => p.trim());
    this.ctx.queue({
      name: `load range ${props.join(",")}`,
      bytes: 80,
      run: () => {
        const b = this.where();
        this.loaded.add("isNullObject");
        props.forEach((p) => this.loaded.add(p));
        if (!b) {
          this.state.isNull = true;
          return 20;
        }
        const sheet = this.need();
        const rows = b.r1 - b.r0 + 1;
        const cols = b.c1 - b.c0 + 1;
        Object.assign(this.state, {
          rowIndex: b.r0,
          columnIndex: b.c0,
          rowCount: rows,
          columnCount: cols,
          address: `'${sheet.name}'!${columnLetters(b.c0)}${b.r0 + 1}:${columnLetters(b.c1)}${b.r1 + 1}`,
        });
        let bytes = 100;
        if (
          props.includes("values") ||
          props.includes("valueTypes") ||
          props.includes("numberFormat")
        ) {
          if (rows * cols > 5_000_000)
            throw new OfficeError("ResponsePayloadSizeLimitExceeded", "too many cells");
          const cell = (i: number, j: number) => sheet.get(b.r0 + i, b.c0 + j);
          const grid = <T>(f: (c: Cell | undefined) => T): T[][] =>
            Array.from({ length: rows }, (_, i) =>
              Array.from({ length: cols }, (_, j) => f(cell(i, j)))
            );
          this.state.values = grid((c) => (c ? c.value : ""));
          this.state.valueTypes = grid((c) =>
            !c || c.value === ""
              ? "Empty"
              : c.error
                ? "Error"
                : typeof c.value === "number"
                  ? "Double"
                  : typeof c.value === "boolean"
                    ? "Boolean"
                    : "String"
          );
          this.state.numberFormat = grid((c) => c?.format ?? "General");
          for (const p of ["values", "valueTypes", "numberFormat"] as const)
            if (props.includes(p)) bytes += JSON.stringify(this.state[p]).length;
        }
        return bytes;
      },
    });
    return this;
  }

  clear(applyTo: ClearApplyTo = "All"): void {
    this.ctx.queue({
      name: "clear",
      bytes: 80,
      run: () => {
        const sheet = this.need();
        const b = this.where()!;
        for (let r = b.r0; r <= b.r1; r++)
          for (let c = b.c0; c <= b.c1; c++) {
            const old = sheet.get(r, c);
            if (!old) continue;
            if (applyTo === "All") sheet.cells.delete(`${r},${c}`);
            else if (applyTo === "Contents") sheet.set(r, c, { value: "", format: old.format });
            else sheet.set(r, c, { ...old, format: "General" });
          }
      },
    });
  }

  select(): void {
    this.ctx.queue({
      name: "select",
      bytes: 60,
      run: () => {
        const b = this.where()!;
        this.ctx.state.selection = {
          sheet: this.need().name,
          address: `${columnLetters(b.c0)}${b.r0 + 1}:${columnLetters(b.c1)}${b.r1 + 1}`,
        };
      },
    });
  }
}

/** Text entered through `values`: a leading apostrophe keeps the rest as text; formulas are refused here, so a test fails loudly. */
function enterValue(x: unknown, format: string): unknown {
  if (typeof x !== "string") return x;
  if (x.startsWith("'")) return x.slice(1);
  if (format !== "@" && /^[=+\-@]/.test(x) && x.length > 1) return `FORMULA:${x}`;
  return x;
}

class FakeTable extends Proxy implements XlTable {
  constructor(
    ctx: FakeContext,
    private readonly sheetName: string,
    private tableName: string
  ) {
    super(ctx);
  }
  get name(): string {
    return this.tableName;
  }
  set name(v: string) {
    const old = this.tableName;
    this.tableName = v;
    this.ctx.queue({
      name: "rename table",
      bytes: 60,
      run: () => void (this.ctx.table(this.sheetName, old).name = v),
    });
  }
  get style(): string {
    return this.ctx.table(this.sheetName, this.tableName).style ?? "";
  }
  set style(v: string) {
    const name = () => this.tableName;
    this.ctx.queue({
      name: "style table",
      bytes: 60,
      run: () => void (this.ctx.table(this.sheetName, name()).style = v),
    });
  }
  convertToRange(): void {
    this.ctx.queue({
      name: "convert table to range",
      bytes: 60,
      run: () => {
        const sheet = this.ctx.state.sheet(this.sheetName)!;
        const t = this.ctx.table(this.sheetName, this.tableName);
        sheet.tables = sheet.tables.filter((x) => x !== t);
      },
    });
  }
}

class FakeTables extends Proxy implements XlTableCollection {
  private list: XlTable[] = [];
  constructor(
    ctx: FakeContext,
    private readonly sheetName: () => string
  ) {
    super(ctx);
  }
  get items(): XlTable[] {
    return this.read("items", this.list);
  }
  load(): XlTableCollection {
    this.ctx.queue({
      name: "load tables",
      bytes: 60,
      run: () => {
        const sheet = this.ctx.state.sheet(this.sheetName());
        this.list = (sheet?.tables ?? []).map((t) => new FakeTable(this.ctx, sheet!.name, t.name));
        this.loaded.add("items");
        return 40 * this.list.length;
      },
    });
    return this;
  }
  add(address: string, hasHeaders: boolean): XlTable {
    const table = new FakeTable(this.ctx, this.sheetName(), `Table${++this.ctx.tableCounter}`);
    const name = table.name;
    this.ctx.queue({
      name: "add table",
      bytes: 80,
      run: () => {
        if (!hasHeaders)
          throw new OfficeError("InvalidArgument", "the host always writes a header row");
        const sheet = this.ctx.state.sheet(this.sheetName())!;
        sheet.tables.push({ name, address });
      },
    });
    return table;
  }
  getItem(key: string): XlTable {
    return new FakeTable(this.ctx, this.sheetName(), key);
  }
}

class FakeWorksheet extends Proxy implements XlWorksheet {
  readonly tables: XlTableCollection;
  readonly protection: XlWorksheet["protection"];
  constructor(
    ctx: FakeContext,
    private readonly sheetName: () => string
  ) {
    super(ctx);
    this.tables = new FakeTables(ctx, sheetName);
    this.protection = {
      protect: () =>
        ctx.queue({
          name: "protect sheet",
          bytes: 80,
          run: () => {
            const sheet = this.sheet();
            if (!sheet) throw new OfficeError("ItemNotFound", "The sheet does not exist.");
            sheet.protected = true;
          },
        }),
    };
  }
  private sheet(): FakeSheet | undefined {
    return this.ctx.state.sheet(this.sheetName());
  }
  get name(): string {
    return this.read("name", this.sheet()?.name ?? this.sheetName());
  }
  get isNullObject(): boolean {
    return this.read("isNullObject", !this.sheet());
  }
  load(propertyNames: string): XlWorksheet {
    this.ctx.queue({
      name: "load sheet",
      bytes: 60,
      run: () => {
        propertyNames.split(",").forEach((p) => this.loaded.add(p.trim()));
        this.loaded.add("isNullObject");
        return 40;
      },
    });
    return this;
  }
  getRange(address?: string): XlRange {
    return new FakeRange(
      this.ctx,
      () => this.sheet(),
      () => (address ? bounds(address) : { r0: 0, c0: 0, r1: 1048575, c1: 16383 })
    );
  }
  getUsedRangeOrNullObject(): XlRange {
    return new FakeRange(
      this.ctx,
      () => this.sheet(),
      () => this.sheet()?.used()
    );
  }
  activate(): void {
    this.ctx.queue({
      name: "activate",
      bytes: 40,
      run: () => void this.ctx.state.sheet(this.sheetName()),
    });
  }
}

class FakeWorksheets extends Proxy implements XlWorksheetCollection {
  private list: XlWorksheet[] = [];
  get items(): XlWorksheet[] {
    return this.read("items", this.list);
  }
  load(): XlWorksheetCollection {
    this.ctx.queue({
      name: "load sheets",
      bytes: 60,
      run: () => {
        this.list = this.ctx.state.sheets.map((s) => {
          const ws = new FakeWorksheet(this.ctx, () => s.name);
          (ws as unknown as { loaded: Set<string> }).loaded.add("name");
          return ws;
        });
        this.loaded.add("items");
        return 60 * this.list.length;
      },
    });
    return this;
  }
  getItem(key: string): XlWorksheet {
    return new FakeWorksheet(this.ctx, () => key);
  }
  add(name = "Sheet"): XlWorksheet {
    this.ctx.queue({
      name: "add sheet",
      bytes: 60,
      run: () => {
        if (this.ctx.state.sheet(name))
          throw new OfficeError("ItemAlreadyExists", "A sheet with that name exists.");
        this.ctx.state.sheets.push(new FakeSheet(name));
      },
    });
    return new FakeWorksheet(this.ctx, () => name);
  }
}

export class FakeWorkbookState {
  sheets: FakeSheet[] = [];
  selection = { sheet: "", address: "A1" };

  sheet(name: string): FakeSheet | undefined {
    return this.sheets.find((s) => s.name.toLowerCase() === name.toLowerCase());
  }

  /** A workbook from grids; `{ error }` cells become error cells. */
  static from(grids: { sheets: { name: string; rows: unknown[][] }[] }): FakeWorkbookState {
    const state = new FakeWorkbookState();
    for (const g of grids.sheets) {
      const s = new FakeSheet(g.name);
      g.rows.forEach((r, i) =>
        r.forEach((v, j) => {
          if (v === null || v === undefined || v === "") return;
          if (typeof v === "object")
            s.set(i, j, { value: (v as { error: string }).error, format: "General", error: true });
          else s.set(i, j, { value: v, format: "General" });
        })
      );
      state.sheets.push(s);
    }
    return state;
  }
}

export class FakeContext implements XlContext {
  readonly workbook: XlWorkbook;
  readonly application: XlApplication;
  readonly syncs: SyncRecord[] = [];
  tableCounter = 0;
  suspended = 0;
  /** Make the n-th sync (1-based) fail part-way, after this many of its commands ran (Excel does not roll back). */
  failAt?: { sync: number; afterOps: number };
  private pending: Op[] = [];

  constructor(readonly state: FakeWorkbookState = new FakeWorkbookState()) {
    const worksheets = new FakeWorksheets(this);
    this.workbook = {
      worksheets,
      getSelectedRange: () =>
        new FakeRange(
          this,
          () => state.sheet(state.selection.sheet),
          () => bounds(state.selection.address)
        ),
    };
    this.application = {
      suspendApiCalculationUntilNextSync: () => {
        this.queue({ name: "suspend", bytes: 40, run: () => void this.suspended++ });
      },
    };
  }

  queue(op: Op): void {
    this.pending.push(op);
  }

  table(sheetName: string, name: string): FakeTableState {
    const t = this.state.sheet(sheetName)?.tables.find((x) => x.name === name);
    if (!t) throw new OfficeError("ItemNotFound", `table ${name} not found`);
    return t;
  }

  async sync(): Promise<void> {
    const ops = this.pending;
    this.pending = [];
    const requestBytes = ops.reduce((s, o) => s + o.bytes, 0);
    const record: SyncRecord = { requestBytes, responseBytes: 0, ops: ops.map((o) => o.name) };
    this.syncs.push(record);
    if (requestBytes > PAYLOAD_CAP)
      throw new OfficeError(
        "RequestPayloadSizeLimitExceeded",
        "The request payload size has exceeded the limit."
      );
    const failing =
      this.failAt && this.failAt.sync === this.syncs.length ? this.failAt.afterOps : Infinity;
    let n = 0;
    for (const op of ops) {
      if (n++ >= failing) throw new OfficeError("GeneralException", "The connection dropped.");
      record.responseBytes += op.run() ?? 0;
    }
    if (record.responseBytes > PAYLOAD_CAP)
      throw new OfficeError(
        "ResponsePayloadSizeLimitExceeded",
        "The response payload size has exceeded the limit."
      );
  }
}

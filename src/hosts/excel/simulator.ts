/**
 * A simulated Excel behind the Office.js APIs the add-in uses (officeApi.ts), for tests,
 * benchmarks and scripts without Excel. Like Excel on the web it queues commands and
 * runs them at sync(); properties are readable only after a load and a sync; a request or
 * a response over 5 MB is refused, and a read of over 5,000,000 cells. Values written go
 * through Excel's typed-entry rules: text into a Text cell stays as it is; elsewhere a
 * leading apostrophe is dropped, "=1+1" becomes a formula, "12" a number. A failure can
 * be injected at any sync, after any number of its commands (Excel does not roll back).
 */
import { cellRef, columnLetters, parseCellRef } from "../../workbook/grid";
import {
  ClearApplyTo,
  XlApplication,
  XlContext,
  XlDataValidation,
  XlNamespace,
  XlRange,
  XlTable,
  XlTableCollection,
  XlWorkbook,
  XlWorksheet,
  XlWorksheetChangedEvent,
  XlWorksheetCollection,
  XlEventRegistration,
} from "./officeApi";

export const PAYLOAD_CAP = 5 * 1024 * 1024;
export const MAX_READ_CELLS = 5_000_000;
/** Bytes of each request operation's envelope, as Office.js adds. */
const OP_ENVELOPE = 100;

export class OfficeError extends Error {
  constructor(
    readonly code: string,
    message: string
  ) {
    super(message);
  }
}

/** A cell's content: a value, an error (`#N/A`), or a formula (which the add-in must never make). */
export type SimCell = string | number | boolean | { error: string } | { formula: string };

export interface SimTable {
  name: string;
  address: string;
  style?: string;
}

export interface SimList {
  address: string;
  source: string;
  alert?: { title: string; message: string };
}

type Box = { r0: number; c0: number; r1: number; c1: number };

export class SimSheet {
  /** Cells by 0-based row, then column. */
  cells: (SimCell | undefined)[][] = [];
  /** Number formats by 0-based row, then column; undefined is General. */
  formats: (string | undefined)[][] = [];
  tables: SimTable[] = [];
  lists: SimList[] = [];
  protected = false;
  /** Cells (as "row,col", 0-based) whose protection is unlocked. */
  unlocked = new Set<string>();

  constructor(public name: string) {}

  get(row: number, col: number): SimCell | undefined {
    return this.cells[row]?.[col];
  }

  format(row: number, col: number): string {
    return this.formats[row]?.[col] ?? "General";
  }

  set(row: number, col: number, cell: SimCell | undefined): void {
    (this.cells[row] ??= [])[col] = cell;
  }

  setFormat(row: number, col: number, format: string | undefined): void {
    (this.formats[row] ??= [])[col] = format === "General" ? undefined : format;
  }

  /** 0-based bounding box of cells with values. */
  used(): Box | undefined {
    let r0 = -1;
    let r1 = -1;
    let c0 = Infinity;
    let c1 = -1;
    this.cells.forEach((line, r) => {
      if (!line) return;
      for (let c = 0; c < line.length; c++) {
        if (line[c] === undefined || line[c] === "") continue;
        if (r0 < 0) r0 = r;
        r1 = r;
        if (c < c0) c0 = c;
        if (c > c1) c1 = c;
      }
    });
    return r1 < 0 ? undefined : { r0, c0, r1, c1 };
  }

  /** Values as grids as the engine reads them: errors as `{ error }`, formulas as `{ error }` too. */
  static gridsOf(state: SimWorkbookState): { sheets: { name: string; rows: never[][] }[] } {
    return {
      sheets: state.sheets.map((s) => ({
        name: s.name,
        rows: s
          .grid()
          .map((r) =>
            r.map((v) =>
              typeof v === "object" && v !== null && "formula" in v ? { error: "#FORMULA" } : v
            )
          ) as never[][],
      })),
    };
  }

  /** Values as a grid from A1 for assertions: errors as `{ error }`, formulas as `{ formula }`. */
  grid(): unknown[][] {
    const u = this.used();
    if (!u) return [];
    const rows: unknown[][] = [];
    for (let r = 0; r <= u.r1; r++) {
      const line: unknown[] = [];
      for (let c = 0; c <= u.c1; c++) {
        const v = this.get(r, c);
        line.push(v === undefined || v === "" ? null : v);
      }
      while (line.length && line[line.length - 1] === null) line.pop();
      rows.push(line);
    }
    return rows;
  }

  /** Cells holding formulas: the add-in must never write one. */
  formulas(): string[] {
    const out: string[] = [];
    this.cells.forEach((line, r) =>
      line?.forEach((v, c) => {
        if (typeof v === "object" && "formula" in v) out.push(cellRef(c, r + 1));
      })
    );
    return out;
  }

  /** Moves cells of columns c0..c1 from row `from` (0-based) down by `by` rows (up when negative). */
  shift(from: number, by: number, c0: number, c1: number): void {
    const last = Math.max(this.cells.length, this.formats.length) - 1;
    const move = (src: number, dst: number): void => {
      for (let c = c0; c <= c1; c++) {
        this.set(dst, c, src <= last ? this.get(src, c) : undefined);
        this.setFormat(dst, c, src <= last ? this.formats[src]?.[c] : undefined);
      }
    };
    if (by < 0) {
      for (let r = from; r <= last; r++) move(r, r + by);
      for (let r = last + by + 1; r <= last; r++) move(last + 1, r);
    } else {
      for (let r = last; r >= from; r--) move(r, r + by);
      for (let r = from; r < from + by; r++) move(last + 1, r);
    }
  }
}

/** Excel's typed entry of a value written through `values` into a cell of a number format. */
export function enterValue(x: unknown, format: string): SimCell | undefined {
  if (x === "" || x === null || x === undefined) return undefined;
  if (typeof x === "number" || typeof x === "boolean") return x;
  const text = String(x);
  if (format === "@") return text;
  if (text.startsWith("'")) return text.slice(1);
  if (/^\s*[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?\s*$/.test(text)) return Number(text);
  if (/^[=+\-@]/.test(text) && text.length > 1) return { formula: text };
  const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (iso) return Date.UTC(+iso[1], +iso[2] - 1, +iso[3]) / 86_400_000 + 25569;
  if (/^(true|false)$/i.test(text)) return text.toLowerCase() === "true";
  return text;
}

export interface SyncRecord {
  requestBytes: number;
  responseBytes: number;
  ops: string[];
}

function bounds(address: string): Box {
  const rows = /^(\d+):(\d+)$/.exec(address);
  if (rows) return { r0: Number(rows[1]) - 1, c0: 0, r1: Number(rows[2]) - 1, c1: 16383 };
  const [a, b = a] = address.split(":");
  const p = parseCellRef(a);
  const q = parseCellRef(b);
  if (!p || !q) throw new OfficeError("InvalidArgument", `bad address ${address}`);
  return { r0: p.row - 1, c0: p.col, r1: q.row - 1, c1: q.col };
}

const boxAddress = (b: Box): string =>
  `${columnLetters(b.c0)}${b.r0 + 1}:${columnLetters(b.c1)}${b.r1 + 1}`;

type Op = { name: string; bytes: number; run: () => number | void };

/** A proxy's properties become readable only after a load and a sync, as in Office.js. */
class Proxy {
  protected loaded = new Set<string>();
  constructor(protected readonly ctx: SimContext) {}
  protected read<T>(prop: string, value: T): T {
    if (!this.loaded.has(prop))
      throw new OfficeError(
        "PropertyNotLoaded",
        `The property '${prop}' is not available. Load it and call sync() first.`
      );
    return value;
  }
}

/** A range (or a null object), located lazily: its sheet and box are found when commands run. */
class SimRange extends Proxy implements XlRange {
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
  readonly format: XlRange["format"];
  readonly dataValidation: XlDataValidation;

  constructor(
    ctx: SimContext,
    private readonly sheetOf: () => SimSheet | undefined,
    /** The box, or undefined for a null object. */
    private readonly where: () => Box | undefined
  ) {
    super(ctx);
    const range = this;
    const protection = {} as { locked: boolean };
    Object.defineProperty(protection, "locked", {
      set: (locked: boolean) => {
        ctx.queue({
          name: "set protection",
          bytes: OP_ENVELOPE,
          run: () => {
            const sheet = range.need();
            const b = range.box();
            for (let r = b.r0; r <= b.r1; r++)
              for (let c = b.c0; c <= b.c1; c++)
                if (locked) sheet.unlocked.delete(`${r},${c}`);
                else sheet.unlocked.add(`${r},${c}`);
          },
        });
      },
    });
    this.format = {
      autofitColumns: () =>
        ctx.queue({ name: "autofit", bytes: OP_ENVELOPE, run: () => undefined }),
      protection,
    };
    this.dataValidation = {
      set rule(rule: XlDataValidation["rule"]) {
        const source = String(rule.list?.source ?? "");
        ctx.queue({
          name: "set data validation",
          bytes: OP_ENVELOPE + source.length,
          run: () => void range.need().lists.push({ address: boxAddress(range.box()), source }),
        });
      },
      get rule(): XlDataValidation["rule"] {
        throw new OfficeError("PropertyNotLoaded", "rule is not loaded");
      },
      set errorAlert(alert: XlDataValidation["errorAlert"]) {
        ctx.queue({
          name: "set data validation alert",
          bytes: OP_ENVELOPE + alert.message.length,
          run: () => {
            const at = boxAddress(range.box());
            const list = range.need().lists.find((l) => l.address === at);
            if (list) list.alert = { title: alert.title, message: alert.message };
          },
        });
      },
      get errorAlert(): XlDataValidation["errorAlert"] {
        throw new OfficeError("PropertyNotLoaded", "errorAlert is not loaded");
      },
      clear: () =>
        ctx.queue({
          name: "clear data validation",
          bytes: OP_ENVELOPE,
          run: () => {
            const sheet = range.need();
            const at = boxAddress(range.box());
            sheet.lists = sheet.lists.filter((l) => l.address !== at);
          },
        }),
    };
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

  need(): SimSheet {
    const s = this.sheetOf();
    if (!s) throw new OfficeError("ItemNotFound", "The requested resource doesn't exist.");
    return s;
  }

  box(): Box {
    const b = this.where();
    if (!b) throw new OfficeError("InvalidObjectPath", "The object is a null object.");
    return b;
  }

  private write(prop: "values" | "numberFormat", v: unknown[][]): void {
    const data = v.map((r) => [...r]);
    this.ctx.queue({
      name: `set ${prop}`,
      bytes: JSON.stringify(data).length + OP_ENVELOPE,
      run: () => {
        const sheet = this.need();
        const b = this.box();
        if (data.length !== b.r1 - b.r0 + 1 || data.some((r) => r.length !== b.c1 - b.c0 + 1))
          throw new OfficeError(
            "InvalidArgument",
            "The number of rows or columns in the input array doesn't match the size of the range."
          );
        data.forEach((row, i) =>
          row.forEach((x, j) => {
            const r = b.r0 + i;
            const c = b.c0 + j;
            if (prop === "numberFormat") sheet.setFormat(r, c, String(x));
            else {
              const entered = enterValue(x, sheet.format(r, c));
              sheet.set(r, c, entered);
              // A date typed into a General cell takes a date format, as in Excel.
              if (
                typeof x === "string" &&
                /^\d{4}-\d{2}-\d{2}$/.test(x) &&
                sheet.format(r, c) === "General"
              )
                sheet.setFormat(r, c, "yyyy-mm-dd");
            }
          })
        );
      },
    });
  }

  load(propertyNames: string): XlRange {
    const props = propertyNames.split(",").map((p) => p.trim());
    this.ctx.queue({
      name: `load range ${props.join(",")}`,
      bytes: OP_ENVELOPE,
      run: () => {
        const b = this.where();
        const staged: typeof this.state = {};
        this.ctx.afterSync(() => {
          Object.assign(this.state, staged);
          this.loaded.add("isNullObject");
          props.forEach((p) => this.loaded.add(p));
        });
        if (!b || !this.sheetOf()) {
          staged.isNull = true;
          return 20;
        }
        const sheet = this.need();
        const rows = b.r1 - b.r0 + 1;
        const cols = b.c1 - b.c0 + 1;
        Object.assign(staged, {
          isNull: false,
          rowIndex: b.r0,
          columnIndex: b.c0,
          rowCount: rows,
          columnCount: cols,
          address: `'${sheet.name}'!${boxAddress(b)}`,
        });
        let bytes = 120;
        const cellProps = ["values", "valueTypes", "numberFormat"].filter((p) => props.includes(p));
        if (cellProps.length) {
          if (rows * cols > MAX_READ_CELLS)
            throw new OfficeError(
              "ResponsePayloadSizeLimitExceeded",
              "The response payload size has exceeded the limit."
            );
          const grid = <T>(f: (cell: SimCell | undefined, r: number, c: number) => T): T[][] =>
            Array.from({ length: rows }, (_, i) =>
              Array.from({ length: cols }, (_, j) =>
                f(sheet.get(b.r0 + i, b.c0 + j), b.r0 + i, b.c0 + j)
              )
            );
          if (props.includes("values"))
            staged.values = grid((c) =>
              c === undefined ? "" : typeof c === "object" ? ("error" in c ? c.error : 0) : c
            );
          if (props.includes("valueTypes"))
            staged.valueTypes = grid((c) =>
              c === undefined || c === ""
                ? "Empty"
                : typeof c === "object"
                  ? "error" in c
                    ? "Error"
                    : "Double"
                  : typeof c === "number"
                    ? "Double"
                    : typeof c === "boolean"
                      ? "Boolean"
                      : "String"
            );
          if (props.includes("numberFormat"))
            staged.numberFormat = grid((_, r, c) => sheet.format(r, c));
          for (const p of cellProps) bytes += JSON.stringify(staged[p as "values"]).length;
        }
        return bytes;
      },
    });
    return this;
  }

  clear(applyTo: ClearApplyTo = "All"): void {
    this.ctx.queue({
      name: "clear",
      bytes: OP_ENVELOPE,
      run: () => {
        const sheet = this.need();
        const b = this.box();
        for (let r = b.r0; r <= b.r1; r++)
          for (let c = b.c0; c <= b.c1; c++) {
            if (applyTo !== "Formats") sheet.set(r, c, undefined);
            if (applyTo !== "Contents") sheet.setFormat(r, c, undefined);
          }
      },
    });
  }

  delete(): void {
    this.ctx.queue({
      name: "delete cells",
      bytes: OP_ENVELOPE,
      run: () => {
        const b = this.box();
        this.need().shift(b.r1 + 1, -(b.r1 - b.r0 + 1), b.c0, b.c1);
      },
    });
  }

  insert(): void {
    this.ctx.queue({
      name: "insert cells",
      bytes: OP_ENVELOPE,
      run: () => {
        const b = this.box();
        this.need().shift(b.r0, b.r1 - b.r0 + 1, b.c0, b.c1);
      },
    });
  }

  getIntersectionOrNullObject(address: string): XlRange {
    const other = bounds(address);
    return new SimRange(this.ctx, this.sheetOf, () => {
      const b = this.where();
      if (!b) return undefined;
      const box = {
        r0: Math.max(b.r0, other.r0),
        c0: Math.max(b.c0, other.c0),
        r1: Math.min(b.r1, other.r1),
        c1: Math.min(b.c1, other.c1),
      };
      return box.r0 > box.r1 || box.c0 > box.c1 ? undefined : box;
    });
  }

  select(): void {
    this.ctx.queue({
      name: "select",
      bytes: OP_ENVELOPE,
      run: () => {
        this.ctx.workbookState.selection = {
          sheet: this.need().name,
          address: boxAddress(this.box()),
        };
      },
    });
  }
}

class SimTableProxy extends Proxy implements XlTable {
  private worksheetName = "";
  constructor(
    ctx: SimContext,
    private readonly sheetName: string,
    private tableName: string
  ) {
    super(ctx);
    this.worksheetName = sheetName;
  }
  get name(): string {
    return this.tableName;
  }
  set name(v: string) {
    const old = this.tableName;
    this.tableName = v;
    this.ctx.queue({
      name: "rename table",
      bytes: OP_ENVELOPE,
      run: () => {
        if (
          this.ctx.workbookState.sheets.some((s) =>
            s.tables.some((t) => t.name.toLowerCase() === v.toLowerCase() && t.name !== old)
          )
        )
          throw new OfficeError("ItemAlreadyExists", `A table named ${v} exists.`);
        this.ctx.table(this.sheetName, old).name = v;
      },
    });
  }
  get worksheet(): { name: string } {
    return { name: this.read("worksheet/name", this.worksheetName) };
  }
  /** For collection loads that include the worksheet's name. */
  markLoaded(props: string[]): void {
    props.forEach((p) => this.loaded.add(p));
  }
  get style(): string {
    return this.ctx.table(this.sheetName, this.tableName).style ?? "";
  }
  set style(v: string) {
    const name = () => this.tableName;
    this.ctx.queue({
      name: "style table",
      bytes: OP_ENVELOPE,
      run: () => void (this.ctx.table(this.sheetName, name()).style = v),
    });
  }
  convertToRange(): void {
    this.ctx.queue({
      name: "convert table to range",
      bytes: OP_ENVELOPE,
      run: () => {
        const sheet = this.ctx.workbookState.sheet(this.sheetName)!;
        const t = this.ctx.table(this.sheetName, this.tableName);
        sheet.tables = sheet.tables.filter((x) => x !== t);
      },
    });
  }
}

class SimTables extends Proxy implements XlTableCollection {
  private list: XlTable[] = [];
  constructor(
    ctx: SimContext,
    /** The sheet's name, or undefined for the workbook's collection. */
    private readonly sheetName: (() => string) | undefined
  ) {
    super(ctx);
  }
  get items(): XlTable[] {
    return this.read("items", this.list);
  }
  load(propertyNames: string): XlTableCollection {
    const withSheet = propertyNames.includes("worksheet/name");
    this.ctx.queue({
      name: "load tables",
      bytes: OP_ENVELOPE,
      run: () => {
        const sheets = this.sheetName
          ? [this.ctx.workbookState.sheet(this.sheetName())].filter((s): s is SimSheet => !!s)
          : this.ctx.workbookState.sheets;
        const list = sheets.flatMap((s) =>
          s.tables.map((t) => {
            const proxy = new SimTableProxy(this.ctx, s.name, t.name);
            if (withSheet) proxy.markLoaded(["worksheet/name"]);
            return proxy;
          })
        );
        this.ctx.afterSync(() => {
          this.list = list;
          this.loaded.add("items");
        });
        return 60 * list.length + 20;
      },
    });
    return this;
  }
  add(address: string, hasHeaders: boolean): XlTable {
    const sheet = this.sheetName!();
    const table = new SimTableProxy(
      this.ctx,
      sheet,
      `Table${++this.ctx.workbookState.tableCounter}`
    );
    const name = table.name;
    this.ctx.queue({
      name: "add table",
      bytes: OP_ENVELOPE,
      run: () => {
        if (!hasHeaders)
          throw new OfficeError("InvalidArgument", "the host always writes a header row");
        const s = this.ctx.workbookState.sheet(sheet);
        if (!s) throw new OfficeError("ItemNotFound", "The sheet does not exist.");
        const box = bounds(address);
        if (s.tables.some((t) => overlaps(bounds(t.address), box)))
          throw new OfficeError("InvalidArgument", "A table can't overlap another table.");
        s.tables.push({ name, address });
      },
    });
    return table;
  }
  getItem(key: string): XlTable {
    return new SimTableProxy(this.ctx, this.sheetName!(), key);
  }
}

const overlaps = (a: Box, b: Box): boolean =>
  a.r0 <= b.r1 && b.r0 <= a.r1 && a.c0 <= b.c1 && b.c0 <= a.c1;

class SimWorksheet extends Proxy implements XlWorksheet {
  readonly tables: XlTableCollection;
  readonly protection: XlWorksheet["protection"];
  constructor(
    ctx: SimContext,
    private readonly sheetName: () => string,
    /** A null object: the sheet asked for is not there. */
    private readonly nullObject = false
  ) {
    super(ctx);
    this.tables = new SimTables(ctx, sheetName);
    this.protection = {
      protect: () =>
        ctx.queue({
          name: "protect sheet",
          bytes: OP_ENVELOPE,
          run: () => {
            const sheet = this.sheet();
            if (!sheet) throw new OfficeError("ItemNotFound", "The sheet does not exist.");
            sheet.protected = true;
          },
        }),
    };
  }
  private sheet(): SimSheet | undefined {
    return this.ctx.workbookState.sheet(this.sheetName());
  }
  get name(): string {
    return this.read("name", this.sheet()?.name ?? this.sheetName());
  }
  get isNullObject(): boolean {
    return this.read("isNullObject", !this.sheet());
  }
  /** For collection loads: the name is known. */
  markLoaded(props: string[]): void {
    props.forEach((p) => this.loaded.add(p));
  }
  load(propertyNames: string): XlWorksheet {
    this.ctx.queue({
      name: "load sheet",
      bytes: OP_ENVELOPE,
      run: () => {
        this.ctx.afterSync(() => {
          propertyNames.split(",").forEach((p) => this.loaded.add(p.trim()));
          this.loaded.add("isNullObject");
        });
        return 40;
      },
    });
    return this;
  }
  getRange(address?: string): XlRange {
    return new SimRange(
      this.ctx,
      () => this.requireSheet(),
      () => (address ? bounds(address) : { r0: 0, c0: 0, r1: 1048575, c1: 16383 })
    );
  }
  private requireSheet(): SimSheet | undefined {
    const s = this.sheet();
    if (!s && !this.nullObject)
      throw new OfficeError("ItemNotFound", `The sheet ${this.sheetName()} does not exist.`);
    return s;
  }
  getUsedRangeOrNullObject(): XlRange {
    return new SimRange(
      this.ctx,
      () => this.sheet(),
      () => this.sheet()?.used()
    );
  }
  activate(): void {
    this.ctx.queue({
      name: "activate",
      bytes: OP_ENVELOPE,
      run: () => {
        if (!this.sheet()) throw new OfficeError("ItemNotFound", "The sheet does not exist.");
      },
    });
  }
}

class SimWorksheets extends Proxy implements XlWorksheetCollection {
  private list: XlWorksheet[] = [];
  /** Handlers are kept by the workbook; a test raises events with SimulatedExcel.changed. */
  readonly onChanged = {
    add: (handler: (event: XlWorksheetChangedEvent) => Promise<void>): XlEventRegistration => {
      this.ctx.workbookState.changeHandlers.push(handler);
      return { remove: () => undefined };
    },
  };
  get items(): XlWorksheet[] {
    return this.read("items", this.list);
  }
  load(): XlWorksheetCollection {
    this.ctx.queue({
      name: "load sheets",
      bytes: OP_ENVELOPE,
      run: () => {
        const list = this.ctx.workbookState.sheets.map((s) => {
          const ws = new SimWorksheet(this.ctx, () => s.name);
          ws.markLoaded(["name"]);
          return ws;
        });
        this.ctx.afterSync(() => {
          this.list = list;
          this.loaded.add("items");
        });
        return 40 * list.length + 20;
      },
    });
    return this;
  }
  getItem(key: string): XlWorksheet {
    return new SimWorksheet(this.ctx, () => key);
  }
  getItemOrNullObject(key: string): XlWorksheet {
    return new SimWorksheet(this.ctx, () => key, true);
  }
  add(name = "Sheet"): XlWorksheet {
    this.ctx.queue({
      name: "add sheet",
      bytes: OP_ENVELOPE,
      run: () => {
        if (this.ctx.workbookState.sheet(name))
          throw new OfficeError("ItemAlreadyExists", "A sheet with that name exists.");
        this.ctx.workbookState.sheets.push(new SimSheet(name));
      },
    });
    return new SimWorksheet(this.ctx, () => name);
  }
}

/** The workbook: its sheets, what is selected, and a person's typing for tests. */
export class SimWorkbookState {
  sheets: SimSheet[] = [];
  changeHandlers: ((event: XlWorksheetChangedEvent) => Promise<void>)[] = [];
  selection = { sheet: "", address: "A1" };
  tableCounter = 0;

  sheet(name: string): SimSheet | undefined {
    const key = name.toLowerCase();
    return this.sheets.find((s) => s.name.toLowerCase() === key);
  }

  /** A workbook from grids: `{ error }` cells become error cells; text stays text. */
  static from(grids: { sheets: { name: string; rows: unknown[][] }[] }): SimWorkbookState {
    const state = new SimWorkbookState();
    for (const g of grids.sheets) {
      const s = new SimSheet(g.name);
      g.rows.forEach((r, i) =>
        r.forEach((v, j) => {
          if (v === null || v === undefined || v === "") return;
          if (typeof v === "object") s.set(i, j, { error: (v as { error: string }).error });
          else s.set(i, j, v as SimCell);
        })
      );
      state.sheets.push(s);
    }
    return state;
  }

  /** A person types into a cell, as Excel reads typed text. */
  type(sheet: string, address: string, text: string | number): void {
    const s = this.sheet(sheet);
    const at = parseCellRef(address);
    if (!s || !at) throw new Error(`no cell ${sheet}!${address}`);
    s.set(at.row - 1, at.col, enterValue(text, s.format(at.row - 1, at.col)));
  }
}

/** Where to break a sync: the n-th sync (1-based, counted over the whole simulated Excel), after k of its commands ran. */
export interface InjectedFailure {
  sync: number;
  afterOps: number;
  /** The Office error code to fail with (default: the connection dropped). */
  code?: string;
}

export class SimContext implements XlContext {
  readonly workbook: XlWorkbook;
  readonly application: XlApplication;
  readonly syncs: SyncRecord[] = [];
  suspended = 0;
  private pending: Op[] = [];
  private committers: (() => void)[] = [];

  constructor(
    readonly workbookState: SimWorkbookState,
    private readonly excel?: SimulatedExcel
  ) {
    const worksheets = new SimWorksheets(this);
    this.workbook = {
      worksheets,
      tables: new SimTables(this, undefined),
      getSelectedRange: () =>
        new SimRange(
          this,
          () => workbookState.sheet(workbookState.selection.sheet),
          () => bounds(workbookState.selection.address)
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

  /** Results of loads become readable only once their sync succeeded. */
  afterSync(commit: () => void): void {
    this.committers.push(commit);
  }

  table(sheetName: string, name: string): SimTable {
    const t = this.workbookState.sheet(sheetName)?.tables.find((x) => x.name === name);
    if (!t) throw new OfficeError("ItemNotFound", `table ${name} not found`);
    return t;
  }

  async sync(): Promise<void> {
    const ops = this.pending;
    this.pending = [];
    this.committers = [];
    const requestBytes = ops.reduce((s, o) => s + o.bytes, 0);
    const record: SyncRecord = { requestBytes, responseBytes: 0, ops: ops.map((o) => o.name) };
    this.syncs.push(record);
    const n = this.excel ? this.excel.countSync(record) : this.syncs.length;
    if (requestBytes > PAYLOAD_CAP)
      throw new OfficeError(
        "RequestPayloadSizeLimitExceeded",
        "The request payload size has exceeded the limit."
      );
    const failure = this.excel?.failAt?.sync === n ? this.excel.failAt : undefined;
    let i = 0;
    for (const op of ops) {
      if (failure && i++ >= failure.afterOps)
        throw new OfficeError(failure.code ?? "GeneralException", "The connection dropped.");
      record.responseBytes += op.run() ?? 0;
    }
    if (failure)
      throw new OfficeError(failure.code ?? "GeneralException", "The connection dropped.");
    if (record.responseBytes > PAYLOAD_CAP)
      throw new OfficeError(
        "ResponsePayloadSizeLimitExceeded",
        "The response payload size has exceeded the limit."
      );
    for (const commit of this.committers) commit();
    this.committers = [];
    this.excel?.afterSync?.(n);
  }
}

/**
 * A simulated `Excel` namespace: `run(batch)` as Office.js has it, over one workbook that
 * lives across runs. It records every sync (request and response bytes) and can fail any.
 */
export class SimulatedExcel implements XlNamespace {
  readonly records: SyncRecord[] = [];
  failAt?: InjectedFailure;
  /** Runs after each sync that succeeded, with its number: a test's "meanwhile". */
  afterSync?: (sync: number) => void;

  constructor(readonly workbook: SimWorkbookState = new SimWorkbookState()) {}

  countSync(record: SyncRecord): number {
    this.records.push(record);
    return this.records.length;
  }

  async run<T>(batch: (context: XlContext) => Promise<T>): Promise<T> {
    return batch(new SimContext(this.workbook, this));
  }

  /** Traffic since `from` (a count of records), for figures. */
  traffic(from = 0): {
    syncs: number;
    requestBytes: number;
    responseBytes: number;
    maxRequest: number;
    maxResponse: number;
  } {
    const r = this.records.slice(from);
    return {
      syncs: r.length,
      requestBytes: r.reduce((s, x) => s + x.requestBytes, 0),
      responseBytes: r.reduce((s, x) => s + x.responseBytes, 0),
      maxRequest: r.reduce((m, x) => Math.max(m, x.requestBytes), 0),
      maxResponse: r.reduce((m, x) => Math.max(m, x.responseBytes), 0),
    };
  }
}

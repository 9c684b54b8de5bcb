/**
 * A worksheet's XML, streamed, so a sheet of a million rows is read, or rewritten with a
 * few rows changed, without holding it whole: `SheetValues` reads cells as grid values in
 * one pass over the text; `SheetSplitter` cuts the text into what comes before the rows,
 * runs of rows copied as they are, the rows a write changes, and what comes after.
 */
import { CellValue, columnLetters } from "../../../workbook/grid";
import { isoToSerial } from "../../../domain/dates";
import { attribute, escapeXml, MalformedXml, stringItemText, unescapeXml } from "./xml";
import { concat } from "./zip";

export { MalformedXml };

const C_GT = 62; // >
const C_SLASH = 47; // /
const C_EQ = 61; // =
const C_Q = 34; // "
const C_APOS = 39; // '
const C_c = 99;
const C_r = 114;
const C_t = 116;
const C_o = 111;
const C_A = 65;
const C_Z = 90;
const C_LT = 60; // <
const C_AMP = 38; // &
const C_UNDERSCORE = 95; // _
const C_i = 105;
const C_s = 115;
const C_v = 118;
const C_0 = 48;
const C_9 = 57;
const C_MINUS = 45;
const C_w = 119;

const isSpace = (c: number): boolean => c === 32 || c === 10 || c === 13 || c === 9;

/** 0-based column of a cell reference such as `AB12`. */
export function columnOf(ref: string): number {
  let col = 0;
  for (let i = 0; i < ref.length; i++) {
    const c = ref.charCodeAt(i);
    if (c < C_A || c > C_Z) break;
    col = col * 26 + (c - 64);
  }
  return col - 1;
}

/** A cell's type attribute, as a small number (no string made per cell). */
const enum CellType {
  Number,
  Shared,
  Str,
  Inline,
  Bool,
  Error,
  Date,
  Other,
}

function typedValue(t: CellType, v: string, sst: readonly string[]): CellValue {
  switch (t) {
    case CellType.Number: {
      const n = +v;
      return v.length && n === n && n !== Infinity && n !== -Infinity && v.trim() !== ""
        ? n
        : { error: "#VALUE!" };
    }
    case CellType.Shared: {
      const s = sst[+v];
      return s === undefined ? { error: "a string missing from the shared strings" } : s;
    }
    case CellType.Str:
      return v.indexOf("&") >= 0 || v.indexOf("_x") >= 0 ? unescapeXml(v) : v;
    case CellType.Bool:
      return v === "1" || v === "true";
    case CellType.Error:
      return { error: unescapeXml(v) };
    case CellType.Date: {
      const serial = isoToSerial(v.slice(0, 10));
      return serial === undefined ? { error: "#VALUE!" } : serial;
    }
    default:
      return { error: "#VALUE!" };
  }
}

const UTF8 = new TextDecoder();
const ENCODER = new TextEncoder();
const bytesOf = (text: string): Uint8Array => ENCODER.encode(text);
const SHEET_DATA = bytesOf("<sheetData");
const SHEET_DATA_CLOSE = bytesOf("</sheetData>");
const ROW_CLOSE = bytesOf("</row>");
const CELL_CLOSE = bytesOf("</c>");
const IS_OPEN = bytesOf("<is>");
const IS_CLOSE = bytesOf("</is>");
const V_CLOSE = bytesOf("</v>");

/**
 * Where `pattern` starts in b[from, to), or -1. Plain loops: the distances are short (a
 * cell's tags), where a call to TypedArray indexOf costs more than the scan.
 */
function find(b: Uint8Array, pattern: Uint8Array, from: number, to = b.length): number {
  const first = pattern[0];
  const last = to - pattern.length;
  for (let i = from; i <= last; i++) {
    if (b[i] !== first) continue;
    let k = 1;
    while (k < pattern.length && b[i + k] === pattern[k]) k++;
    if (k === pattern.length) return i;
  }
  return -1;
}

const at = (b: Uint8Array, i: number, c0: number, c1: number, c2: number): boolean =>
  b[i] === c0 && b[i + 1] === c1 && b[i + 2] === c2;
const at4 = (b: Uint8Array, i: number, c0: number, c1: number, c2: number, c3: number): boolean =>
  b[i] === c0 && b[i + 1] === c1 && b[i + 2] === c2 && b[i + 3] === c3;

/** Where byte `c` is in b[from, to), or -1. */
function findByte(b: Uint8Array, c: number, from: number, to = b.length): number {
  for (let i = from; i < to; i++) if (b[i] === c) return i;
  return -1;
}

/** Where the last `pattern` in b[from, to) starts, or -1. */
function findLast(b: Uint8Array, pattern: Uint8Array, from: number, to = b.length): number {
  for (let i = to - pattern.length; i >= from; i--) {
    let k = 0;
    while (k < pattern.length && b[i + k] === pattern[k]) k++;
    if (k === pattern.length) return i;
  }
  return -1;
}

function cellTypeAt(b: Uint8Array, from: number, to: number): CellType {
  const len = to - from;
  const c = b[from];
  if (len === 1) {
    if (c === C_s) return CellType.Shared;
    if (c === 110) return CellType.Number; // n
    if (c === 98) return CellType.Bool; // b
    if (c === 101) return CellType.Error; // e
    if (c === 100) return CellType.Date; // d
  }
  if (len === 3 && c === C_s) return CellType.Str; // str
  if (len === 9 && c === C_i) return CellType.Inline; // inlineStr
  return CellType.Other;
}

/**
 * Hands `take` the bytes left from the last piece and the next piece, and returns what
 * `take` leaves for the piece after. The two are joined only up to the piece's first row
 * end; the rest is taken in place, so a large sheet is not copied piece by piece.
 */
function joinRows(
  carry: Uint8Array | undefined,
  chunk: Uint8Array,
  take: (b: Uint8Array) => Uint8Array | undefined
): Uint8Array | undefined {
  if (!carry?.length) return take(chunk);
  const rowEnd = find(chunk, ROW_CLOSE, 0);
  if (rowEnd < 0) return take(concat([carry, chunk]));
  const cut = rowEnd + ROW_CLOSE.length;
  const left = take(concat([carry, chunk.subarray(0, cut)]));
  const rest = chunk.subarray(cut);
  return take(left?.length ? concat([left, rest]) : rest);
}

/**
 * Texts of cells by their bytes: a text seen before is the same string, found without
 * making a new one (customers, items, units repeat on every row of a big sheet). An open
 * hash table; each text's bytes are kept in one arena, where comparing is cheapest.
 */
class TextCache {
  private hashes = new Int32Array(1024);
  private starts = new Int32Array(1024);
  private texts: (string | undefined)[] = new Array<string | undefined>(1024).fill(undefined);
  private arena = new Uint8Array(1 << 16);
  private used = 0;
  private size = 0;
  /** Each column's last text and its bytes: a column often repeats the row above. */
  private readonly lastTexts: (string | undefined)[] = [];
  private readonly lastBytes: Uint8Array[] = [];

  /**
   * The text of b[from, to), in column `col`, when it is plain ASCII without entities or
   * escapes (one pass that also hashes it); undefined when it needs decoding.
   */
  ascii(b: Uint8Array, from: number, to: number, col: number): string | undefined {
    const len = to - from;
    const last = this.lastTexts[col];
    if (last !== undefined && last.length === len) {
      const bytes = this.lastBytes[col];
      let k = 0;
      while (k < len && bytes[k] === b[from + k]) k++;
      if (k === len) return last;
    }
    const text = this.lookup(b, from, to);
    if (text !== undefined && len <= 32 && col >= 0 && col < 1024) {
      let bytes = this.lastBytes[col];
      if (!bytes) this.lastBytes[col] = bytes = new Uint8Array(32);
      for (let k = 0; k < len; k++) bytes[k] = b[from + k];
      this.lastTexts[col] = text;
    }
    return text;
  }

  /** ascii() without the column's memory: the hash table. */
  private lookup(b: Uint8Array, from: number, to: number): string | undefined {
    const len = to - from;
    let h = 2166136261;
    for (let i = from; i < to; i++) {
      const c = b[i];
      if (c >= 0x80 || c === C_AMP || c === C_UNDERSCORE) return undefined;
      h = Math.imul(h ^ c, 16777619);
    }
    if (len > 32) return UTF8.decode(b.subarray(from, to));
    const { texts, arena } = this;
    const mask = texts.length - 1;
    let slot = h & mask;
    for (let text = texts[slot]; text !== undefined; text = texts[slot]) {
      if (this.hashes[slot] === h && text.length === len) {
        const start = this.starts[slot] - from;
        let k = from;
        while (k < to && arena[start + k] === b[k]) k++;
        if (k === to) return text;
      }
      slot = (slot + 1) & mask;
    }
    const text = String.fromCharCode.apply(null, b.subarray(from, to) as never);
    if (this.size < 200_000) this.add(slot, h, text, b.subarray(from, to));
    return text;
  }

  private add(slot: number, h: number, text: string, bytes: Uint8Array): void {
    if (this.used + bytes.length > this.arena.length) {
      const arena = new Uint8Array(this.arena.length * 2);
      arena.set(this.arena);
      this.arena = arena;
    }
    this.arena.set(bytes, this.used);
    this.hashes[slot] = h;
    this.starts[slot] = this.used;
    this.texts[slot] = text;
    this.used += bytes.length;
    if (++this.size * 2 > this.texts.length) this.grow();
  }

  /** Twice the slots, kept at most half full so a search ends soon. */
  private grow(): void {
    const { hashes, starts, texts } = this;
    const slots = texts.length * 2;
    this.hashes = new Int32Array(slots);
    this.starts = new Int32Array(slots);
    this.texts = new Array<string | undefined>(slots).fill(undefined);
    const mask = slots - 1;
    for (let i = 0; i < texts.length; i++) {
      if (texts[i] === undefined) continue;
      let slot = hashes[i] & mask;
      while (this.texts[slot] !== undefined) slot = (slot + 1) & mask;
      this.hashes[slot] = hashes[i];
      this.starts[slot] = starts[i];
      this.texts[slot] = texts[i];
    }
  }
}

/**
 * Reads the values of a sheet's cells from its XML arriving in pieces of bytes: shared
 * strings resolved, a formula by its cached result. One pass over the bytes, no string
 * made for a cell but its value (and a repeated text not even that): this is the hot
 * path of reading a million-row workbook.
 */
export class SheetValues {
  readonly rows: CellValue[][] = [];
  private carry: Uint8Array | undefined;
  private state: "head" | "rows" | "done" = "head";
  /** The row being read: its cells so far in a scratch array used for every row. */
  private readonly row: CellValue[] = [];
  private width = 0;
  private rowNumber = 0;
  private readonly texts = new TextCache();

  constructor(
    private readonly sst: readonly string[],
    private readonly intern: (v: string) => string
  ) {}

  /** XML text (a sheet the package wrote itself). */
  push(text: string): void {
    this.pushBytes(bytesOf(text));
  }

  /** XML bytes, UTF-8, cut anywhere. */
  pushBytes(chunk: Uint8Array): void {
    this.carry = joinRows(this.carry, chunk, (b) => this.take(b));
  }

  /** Reads the whole rows of b; returns what must wait for the next piece. */
  private take(b: Uint8Array): Uint8Array | undefined {
    if (this.state === "done") return undefined;
    let start = 0;
    if (this.state === "head") {
      const at = find(b, SHEET_DATA, 0);
      const tagEnd = at < 0 ? -1 : b.indexOf(C_GT, at);
      // Keep only what may be the start of the tag.
      if (tagEnd < 0) return b.slice(Math.max(0, at < 0 ? b.length - 16 : at));
      if (b[tagEnd - 1] === C_SLASH) {
        this.state = "done";
        return undefined;
      }
      this.state = "rows";
      start = tagEnd + 1;
    }
    // Whole rows only: up to the last row end (a row's cells never straddle it). The end of
    // the sheet data can only come after it.
    const lastRow = findLast(b, ROW_CLOSE, start);
    const close = find(b, SHEET_DATA_CLOSE, Math.max(start, lastRow));
    const end = close >= 0 ? close : lastRow < 0 ? -1 : lastRow + ROW_CLOSE.length;
    if (end < 0) return b.slice(start);
    this.parse(b, start, end);
    if (close >= 0) {
      this.state = "done";
      return undefined;
    }
    return end < b.length ? b.slice(end) : undefined;
  }

  /**
   * The row just read, copied at its size: one new array per row and no garbage, where a
   * row grown cell by cell would leave every smaller array behind.
   */
  private finishRow(): void {
    if (this.rowNumber) this.rows[this.rowNumber - 1] = this.row.slice(0, this.width);
    this.width = 0;
  }

  /** Sets a cell of the row being read, blanks before it filled in. */
  private place(col: number, v: CellValue): void {
    const cells = this.row;
    let n = this.width;
    while (n < col) cells[n++] = null;
    cells[col] = v;
    this.width = n > col ? n : col + 1;
  }

  end(): CellValue[][] {
    this.finishRow();
    if (this.state === "head") throw new MalformedXml("the sheet has no cell data");
    if (this.state === "rows") throw new MalformedXml("the sheet's cell data is cut off");
    for (let i = 0; i < this.rows.length; i++) this.rows[i] ??= [];
    return this.rows;
  }

  /** A cell's text, b[from, to) as XML text: entities, `_xHHHH_` and UTF-8 decoded. */
  private text(b: Uint8Array, from: number, to: number, col: number): string {
    const plain = this.texts.ascii(b, from, to, col);
    if (plain !== undefined) return plain;
    const raw = UTF8.decode(b.subarray(from, to));
    const text = raw.indexOf("&") >= 0 || raw.indexOf("_x") >= 0 ? unescapeXml(raw) : raw;
    return text.length <= 24 ? this.intern(text) : text;
  }

  /** Parses the rows and cells of b[i, limit). */
  private parse(b: Uint8Array, i: number, limit: number): void {
    const sst = this.sst;
    let nextCol = this.width;
    for (;;) {
      const lt = findByte(b, C_LT, i, limit);
      if (lt < 0) break;
      // Dispatch on the bytes after "<": c (a cell), row, or anything else.
      const ch = b[lt + 1];
      const ch2 = b[lt + 2];
      if (ch === C_c && (isSpace(ch2) || ch2 === C_GT || ch2 === C_SLASH)) {
        // A cell: its attributes, in one pass over the tag.
        let p = lt + 2;
        let col = nextCol;
        let t = CellType.Number;
        let selfClosing = false;
        for (;;) {
          let c = b[p];
          while (isSpace(c)) c = b[++p];
          if (c === C_GT) {
            p++;
            break;
          }
          if (c === C_SLASH) {
            selfClosing = true;
            p += 2;
            break;
          }
          const nameStart = p;
          while (c !== C_EQ) {
            if (p >= limit) throw new MalformedXml("a cell's tag is not closed");
            c = b[++p];
          }
          const nameEnd = p;
          c = b[++p];
          while (isSpace(c)) c = b[++p];
          if (c !== C_Q && c !== C_APOS) throw new MalformedXml("an attribute has no quotes");
          const valueStart = p + 1;
          const valueEnd = findByte(b, c, valueStart, limit);
          if (valueEnd < 0 || valueEnd >= limit)
            throw new MalformedXml("an attribute is not closed");
          if (nameEnd - nameStart === 1) {
            const a = b[nameStart];
            if (a === C_r) {
              let n = 0;
              for (let k = valueStart; k < valueEnd; k++) {
                const d = b[k];
                if (d < C_A || d > C_Z) break;
                n = n * 26 + d - 64;
              }
              col = n - 1;
            } else if (a === C_t) t = cellTypeAt(b, valueStart, valueEnd);
          }
          p = valueEnd + 1;
        }
        nextCol = col + 1;
        if (selfClosing) {
          i = p;
          continue;
        }
        let v: CellValue = null;
        // The usual cell, `<v>digits or text</v></c>` or `<is><t>text</t></is></c>`, read
        // straight through; anything else (formulas, rich text, spaces) the general way.
        if (t !== CellType.Inline && at(b, p, C_LT, C_v, C_GT)) {
          const lt2 = findByte(b, C_LT, p + 3, limit);
          if (
            lt2 >= 0 &&
            at4(b, lt2, C_LT, C_SLASH, C_v, C_GT) &&
            at4(b, lt2 + 4, C_LT, C_SLASH, C_c, C_GT)
          ) {
            v = this.value(t, b, p + 3, lt2, sst);
            i = lt2 + 8;
            this.place(col, typeof v === "string" && v.length <= 24 ? this.intern(v) : v);
            continue;
          }
        } else if (
          t === CellType.Inline &&
          at4(b, p, C_LT, C_i, C_s, C_GT) &&
          at(b, p + 4, C_LT, C_t, C_GT)
        ) {
          const lt2 = findByte(b, C_LT, p + 7, limit);
          if (
            lt2 >= 0 &&
            at4(b, lt2, C_LT, C_SLASH, C_t, C_GT) &&
            at4(b, lt2 + 4, C_LT, C_SLASH, C_i, C_s) &&
            at4(b, lt2 + 8, C_GT, C_LT, C_SLASH, C_c) &&
            b[lt2 + 12] === C_GT
          ) {
            this.place(col, this.text(b, p + 7, lt2, col));
            i = lt2 + 13;
            continue;
          }
        }
        const cellEnd = find(b, CELL_CLOSE, p, limit);
        if (cellEnd < 0) throw new MalformedXml("a cell is not closed");
        i = cellEnd + 4;
        if (t === CellType.Inline) {
          const is = find(b, IS_OPEN, p, cellEnd);
          if (is >= 0) {
            const innerStart = is + 4;
            const close = findLast(b, IS_CLOSE, innerStart, cellEnd);
            const innerEnd = close < 0 ? innerStart : close;
            // The usual inline string is one plain <t>; rich text goes the long way.
            const next = findByte(b, C_LT, innerStart + 3, cellEnd);
            if (
              b[innerStart] === C_LT &&
              b[innerStart + 1] === C_t &&
              b[innerStart + 2] === C_GT &&
              next === innerEnd - 4
            )
              v = this.text(b, innerStart + 3, innerEnd - 4, col);
            else v = stringItemText(UTF8.decode(b.subarray(innerStart, innerEnd)));
          }
        } else {
          const vStart = find(b, V_OPEN, p, cellEnd);
          if (vStart >= 0 && b[vStart + 2] === C_GT) {
            const from = vStart + 3;
            const vEnd = find(b, V_CLOSE, from, cellEnd + 4);
            if (vEnd < 0) throw new MalformedXml("a cell value is not closed");
            v = this.value(t, b, from, vEnd, sst);
          } else if (find(b, F_OPEN, p, cellEnd) >= 0)
            v = { error: "a formula Excel has not calculated" };
        }
        if (v === null) continue;
        this.place(col, typeof v === "string" && v.length <= 24 ? this.intern(v) : v);
      } else if (ch === C_r && ch2 === C_o && b[lt + 3] === C_w) {
        const tagEnd = findByte(b, C_GT, lt, limit);
        if (tagEnd < 0) throw new MalformedXml("a row's tag is not closed");
        const row = rowNumber(b, lt, tagEnd, this.rowNumber + 1);
        if (!Number.isInteger(row) || row < 1 || row > 1_048_576 || row <= this.rowNumber)
          throw new MalformedXml(`a row number is out of order or range (${row})`);
        this.finishRow();
        this.rowNumber = row;
        nextCol = 0;
        i = tagEnd + 1;
      } else i = lt + 1;
    }
  }

  /** A `<v>` value: a whole number read from its digits, the rest through its text. */
  private value(
    t: CellType,
    b: Uint8Array,
    from: number,
    to: number,
    sst: readonly string[]
  ): CellValue {
    if ((t === CellType.Number || t === CellType.Shared) && to > from && to - from <= 15) {
      let k = from;
      const negative = t === CellType.Number && b[k] === C_MINUS;
      if (negative) k++;
      let n = 0;
      while (k < to && b[k] >= C_0 && b[k] <= C_9) n = n * 10 + b[k++] - C_0;
      if (k === to && (!negative || to > from + 1)) {
        if (t === CellType.Number) return negative ? -n : n;
        const s = sst[n];
        return s === undefined ? { error: "a string missing from the shared strings" } : s;
      }
    }
    return typedValue(t, UTF8.decode(b.subarray(from, to)), sst);
  }
}

const F_OPEN = bytesOf("<f");
const V_OPEN = bytesOf("<v");
const ROW_NUMBER = bytesOf(' r="');

/** Where the `<row` tag of the row whose end is at `end` starts (searching back to `from`), or -1. */
function lastRowOpen(b: Uint8Array, from: number, end: number): number {
  for (let k = end - 4; k >= from; k--) {
    if (!at4(b, k, C_LT, C_r, C_o, C_w)) continue;
    const after = b[k + 4];
    if (isSpace(after) || after === C_GT) return k;
  }
  return -1;
}

/** The r attribute of the row tag b[from, tagEnd) read from its digits (NaN if not digits); `next` without one. */
function rowNumber(b: Uint8Array, from: number, tagEnd: number, next: number): number {
  const r = find(b, ROW_NUMBER, from, tagEnd);
  if (r < 0) return next;
  const q = findByte(b, C_Q, r + 4, tagEnd);
  if (q <= r + 4) return NaN;
  let row = 0;
  for (let k = r + 4; k < q; k++) {
    const d = b[k];
    row = d >= C_0 && d <= C_9 ? row * 10 + d - C_0 : NaN;
  }
  return row;
}

/** What the splitter hands on, in order. */
export interface SheetParts {
  /** Everything before `<sheetData`. */
  head(text: string): void;
  /** Rows copied as they are (and what lies between them), as the part's own bytes. */
  copy(bytes: Uint8Array): void;
  /** One row `wanted` asked for, `<row ...>...</row>`, and its 1-based number. */
  row(xml: string, row: number): void;
  /** Everything after the sheet data. */
  tail(text: string): void;
}

const ROW_OPEN = bytesOf("<row");

/**
 * Cuts sheet XML arriving in pieces of bytes into head, rows and tail. Only the rows
 * `wanted` names are cut out one by one (as text); the others pass on as runs of the
 * part's own bytes, never decoded. `wanted` is a threshold that handing on a row may move
 * (the rows at or after the next one written): when it refuses a row it refuses every row
 * before it, so a piece whose last row is not wanted passes on whole.
 */
export class SheetSplitter {
  private carry: Uint8Array | undefined;
  private state: "head" | "rows" | "tail" = "head";
  private lastRow = 0;

  constructor(
    private readonly parts: SheetParts,
    private readonly wanted: (row: number) => boolean
  ) {}

  pushBytes(chunk: Uint8Array): void {
    this.carry = joinRows(this.carry, chunk, (b) => this.drain(b));
  }

  end(): void {
    const rest = this.carry ?? new Uint8Array(0);
    this.carry = undefined;
    if (this.state === "head") throw new MalformedXml("the sheet has no cell data");
    if (this.state === "rows") throw new MalformedXml("the sheet's cell data is cut off");
    this.parts.tail(UTF8.decode(rest));
  }

  /** Hands on what is whole in b; returns what must wait for the next piece. */
  private drain(b: Uint8Array): Uint8Array | undefined {
    let i = 0;
    if (this.state === "head") {
      const at = find(b, SHEET_DATA, 0);
      const tagEnd = at < 0 ? -1 : findByte(b, C_GT, at);
      if (tagEnd < 0) return b.slice();
      this.parts.head(UTF8.decode(b.subarray(0, at)));
      i = tagEnd + 1;
      this.state = b[tagEnd - 1] === C_SLASH ? "tail" : "rows";
    }
    if (this.state === "rows") {
      // The end of the sheet data comes after the last row's end.
      const lastRowEnd = findLast(b, ROW_CLOSE, i);
      const close = find(b, SHEET_DATA_CLOSE, Math.max(i, lastRowEnd));
      const limit = close < 0 ? b.length : close;
      let run = i;
      // Rows are in order: when the last whole row of this piece is not wanted, no row before
      // it is, and they all pass on at once, unread (a million-row sheet with a few changes).
      const lastStart = lastRowEnd >= i ? lastRowOpen(b, i, lastRowEnd) : -1;
      if (lastStart >= 0) {
        const tagEnd = findByte(b, C_GT, lastStart, lastRowEnd);
        const n = tagEnd < 0 ? NaN : rowNumber(b, lastStart, tagEnd, NaN);
        if (Number.isInteger(n) && n > this.lastRow && n <= 1_048_576 && !this.wanted(n)) {
          i = lastRowEnd + 6;
          this.lastRow = n;
        }
      }
      for (;;) {
        const next = find(b, ROW_OPEN, i, limit);
        if (next < 0) {
          if (close >= 0) i = close + 12;
          break;
        }
        if (next + 4 >= b.length) {
          // "<row" at the very end: what follows decides, in the next piece.
          i = next;
          break;
        }
        const after = b[next + 4];
        if (!isSpace(after) && after !== C_GT && after !== C_SLASH) {
          i = next + 4;
          continue;
        }
        const tagEnd = findByte(b, C_GT, next, limit);
        if (tagEnd < 0) {
          if (close >= 0) throw new MalformedXml("a row's tag is not closed");
          i = next;
          break;
        }
        let end: number;
        if (b[tagEnd - 1] === C_SLASH) end = tagEnd + 1;
        else {
          const rowClose = find(b, ROW_CLOSE, tagEnd, limit);
          if (rowClose < 0) {
            if (close >= 0) throw new MalformedXml("a row is not closed");
            i = next;
            break;
          }
          end = rowClose + 6;
        }
        const row = rowNumber(b, next, tagEnd, this.lastRow + 1);
        if (!Number.isInteger(row) || row < 1 || row > 1_048_576)
          throw new MalformedXml(`a row number is out of range (${row})`);
        this.lastRow = row;
        if (this.wanted(row)) {
          if (next > run) this.parts.copy(b.subarray(run, next));
          this.parts.row(UTF8.decode(b.subarray(next, end)), row);
          run = end;
        }
        i = end;
      }
      // Whole rows passed: copy them on, keep what is cut off.
      const copyEnd = close >= 0 ? close : i;
      if (copyEnd > run) this.parts.copy(b.subarray(run, copyEnd));
      if (close >= 0) this.state = "tail";
    }
    return i < b.length ? b.slice(i) : undefined;
  }
}

/** A cell of a row as found in the XML. */
export interface CellXml {
  /** 0-based column. */
  col: number;
  /** The cell's XML as it was, `<c ...>...</c>`. */
  xml: string;
  /** Its style index. */
  s?: number;
}

/** The cells of a row's XML, each with its column. */
export function rowCells(rowXml: string): CellXml[] {
  const out: CellXml[] = [];
  let i = rowXml.indexOf(">") + 1;
  let next = 0;
  for (;;) {
    const c = rowXml.indexOf("<c", i);
    if (c < 0) break;
    const after = rowXml.charCodeAt(c + 2);
    if (!isSpace(after) && after !== C_GT && after !== C_SLASH) {
      i = c + 2;
      continue;
    }
    const tagEnd = rowXml.indexOf(">", c);
    if (tagEnd < 0) throw new MalformedXml("a cell's tag is not closed");
    let end: number;
    if (rowXml.charCodeAt(tagEnd - 1) === C_SLASH) end = tagEnd + 1;
    else {
      const close = rowXml.indexOf("</c>", tagEnd);
      if (close < 0) throw new MalformedXml("a cell is not closed");
      end = close + 4;
    }
    const tag = rowXml.slice(c, tagEnd + 1);
    const r = attribute(tag, "r");
    const col = r ? columnOf(r) : next;
    next = col + 1;
    const s = attribute(tag, "s");
    out.push({ col, xml: rowXml.slice(c, end), s: s === undefined ? undefined : Number(s) });
    i = end;
  }
  return out;
}

const LETTERS: string[] = [];
/** Column letters, remembered: every written cell needs them. */
const letters = (col: number): string => (LETTERS[col] ??= columnLetters(col));

/** A cell written anew: its value and style; blank with a style keeps the style. */
export function cellXml(col: number, row: number, value: CellValue, s: number | undefined): string {
  const ref = `${letters(col)}${row}`;
  const style = s ? ` s="${s}"` : "";
  if (value === null || value === "") return s ? `<c r="${ref}"${style}/>` : "";
  if (typeof value === "number") return `<c r="${ref}"${style}><v>${value}</v></c>`;
  if (typeof value === "boolean") return `<c r="${ref}"${style} t="b"><v>${value ? 1 : 0}</v></c>`;
  if (typeof value === "object")
    return `<c r="${ref}"${style} t="e"><v>${escapeXml(value.error)}</v></c>`;
  const space = /^\s|\s$/.test(value) ? ' xml:space="preserve"' : "";
  return `<c r="${ref}"${style} t="inlineStr"><is><t${space}>${escapeXml(value)}</t></is></c>`;
}

/** The start tag of a row written anew: its own attributes, but no span hint (its cells may have changed). */
export function rowStart(originalTag: string | undefined, row: number): string {
  if (!originalTag) return `<row r="${row}">`;
  return originalTag
    .replace(/\sspans="[^"]*"/, "")
    .replace(/\sr="[^"]*"/, ` r="${row}"`)
    .replace(/\/>$/, ">");
}

/** The shared strings, in order. */
export function sharedStrings(xml: string): string[] {
  const out: string[] = [];
  let i = 0;
  for (;;) {
    const si = xml.indexOf("<si", i);
    if (si < 0) break;
    const tagEnd = xml.indexOf(">", si);
    if (tagEnd < 0) throw new MalformedXml("a shared string is not closed");
    if (xml.charCodeAt(tagEnd - 1) === C_SLASH) {
      out.push("");
      i = tagEnd + 1;
      continue;
    }
    const close = xml.indexOf("</si>", tagEnd);
    if (close < 0) throw new MalformedXml("a shared string is not closed");
    out.push(stringItemText(xml.slice(tagEnd + 1, close)));
    i = close + 5;
  }
  return out;
}

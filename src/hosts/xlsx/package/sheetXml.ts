/**
 * A worksheet's XML, streamed, so a sheet of a million rows is read, or rewritten with a
 * few rows changed, without holding it whole: `SheetValues` reads cells as grid values in
 * one pass over the text; `SheetSplitter` cuts the text into what comes before the rows,
 * runs of rows copied as they are, the rows a write changes, and what comes after.
 */
import { CellValue, columnLetters } from "../../../workbook/grid";
import { isoToSerial } from "../../../domain/dates";
import { attribute, escapeXml, MalformedXml, stringItemText, unescapeXml } from "./xml";

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

function cellType(s: string, from: number, to: number): CellType {
  const len = to - from;
  const c = s.charCodeAt(from);
  if (len === 1) {
    if (c === 115) return CellType.Shared; // s
    if (c === 110) return CellType.Number; // n
    if (c === 98) return CellType.Bool; // b
    if (c === 101) return CellType.Error; // e
    if (c === 100) return CellType.Date; // d
  }
  if (len === 3 && c === 115) return CellType.Str; // str
  if (len === 9 && c === 105) return CellType.Inline; // inlineStr
  return CellType.Other;
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

/**
 * Reads the values of a sheet's cells from its XML arriving in pieces: shared strings
 * resolved, a formula by its cached result. One pass, no string made per cell but its
 * value: this is the hot path of reading a million-row workbook.
 */
export class SheetValues {
  readonly rows: CellValue[][] = [];
  private buffer = "";
  private state: "head" | "rows" | "done" = "head";
  private row: CellValue[] = [];
  private rowNumber = 0;

  constructor(
    private readonly sst: readonly string[],
    private readonly intern: (v: string) => string
  ) {}

  push(text: string): void {
    if (this.state === "done") return;
    let b = this.buffer ? this.buffer + text : text;
    if (this.state === "head") {
      const at = b.indexOf("<sheetData");
      const tagEnd = at < 0 ? -1 : b.indexOf(">", at);
      if (tagEnd < 0) {
        // Keep only what may be the start of the tag.
        this.buffer = b.slice(Math.max(0, b.length - 16));
        return;
      }
      if (b.charCodeAt(tagEnd - 1) === C_SLASH) {
        this.state = "done";
        this.buffer = "";
        return;
      }
      this.state = "rows";
      b = b.slice(tagEnd + 1);
    }
    const close = b.indexOf("</sheetData>");
    // Whole rows only: up to the last row end (a row's cells never straddle it).
    const end = close >= 0 ? close : b.lastIndexOf("</row>");
    if (end < 0) {
      this.buffer = b;
      return;
    }
    this.parse(b, end);
    if (close >= 0) {
      this.state = "done";
      this.buffer = "";
    } else this.buffer = b.slice(end);
  }

  /** The row just read, trimmed to its size: arrays grown by push keep spare room. */
  private finishRow(): void {
    if (this.rowNumber && this.row.length) this.rows[this.rowNumber - 1] = this.row.slice();
  }

  end(): CellValue[][] {
    this.finishRow();
    if (this.state === "head") throw new MalformedXml("the sheet has no cell data");
    if (this.state === "rows") throw new MalformedXml("the sheet's cell data is cut off");
    for (let i = 0; i < this.rows.length; i++) this.rows[i] ??= [];
    return this.rows;
  }

  /** Parses the rows and cells of s[0, limit). */
  private parse(s: string, limit: number): void {
    const sst = this.sst;
    let i = 0;
    let cells = this.row;
    let nextCol = cells.length;
    for (;;) {
      const lt = s.indexOf("<", i);
      if (lt < 0 || lt >= limit) break;
      // Dispatch on the characters after "<": c (a cell), row, or anything else.
      const ch = s.charCodeAt(lt + 1);
      const ch2 = s.charCodeAt(lt + 2);
      if (ch === C_c && (isSpace(ch2) || ch2 === C_GT || ch2 === C_SLASH)) {
        // A cell: its attributes, in one pass over the tag.
        let p = lt + 2;
        let col = nextCol;
        let t = CellType.Number;
        let selfClosing = false;
        for (;;) {
          let c = s.charCodeAt(p);
          while (isSpace(c)) c = s.charCodeAt(++p);
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
            c = s.charCodeAt(++p);
          }
          const nameEnd = p;
          c = s.charCodeAt(++p);
          while (isSpace(c)) c = s.charCodeAt(++p);
          if (c !== C_Q && c !== C_APOS) throw new MalformedXml("an attribute has no quotes");
          const valueStart = p + 1;
          const valueEnd = s.indexOf(c === C_Q ? '"' : "'", valueStart);
          if (valueEnd < 0 || valueEnd >= limit)
            throw new MalformedXml("an attribute is not closed");
          if (nameEnd - nameStart === 1) {
            const a = s.charCodeAt(nameStart);
            if (a === C_r) {
              let n = 0;
              for (let k = valueStart; k < valueEnd; k++) {
                const d = s.charCodeAt(k);
                if (d < C_A || d > C_Z) break;
                n = n * 26 + d - 64;
              }
              col = n - 1;
            } else if (a === C_t) t = cellType(s, valueStart, valueEnd);
          }
          p = valueEnd + 1;
        }
        nextCol = col + 1;
        if (selfClosing) {
          i = p;
          continue;
        }
        const cellEnd = s.indexOf("</c>", p);
        if (cellEnd < 0 || cellEnd >= limit) throw new MalformedXml("a cell is not closed");
        i = cellEnd + 4;
        let v: CellValue = null;
        if (t === CellType.Inline) {
          const is = s.indexOf("<is>", p);
          if (is >= 0 && is < cellEnd) {
            const inner = s.slice(is + 4, s.lastIndexOf("</is>", cellEnd));
            // The usual inline string is one plain <t>; rich text goes the long way.
            if (inner.startsWith("<t>") && inner.indexOf("<", 3) === inner.length - 4) {
              const text = inner.slice(3, inner.length - 4);
              v = text.indexOf("&") >= 0 || text.indexOf("_x") >= 0 ? unescapeXml(text) : text;
            } else v = stringItemText(inner);
          }
        } else {
          const vStart = s.indexOf("<v", p);
          if (vStart >= 0 && vStart < cellEnd && s.charCodeAt(vStart + 2) === C_GT) {
            const vEnd = s.indexOf("</v>", vStart);
            if (vEnd < 0 || vEnd > cellEnd) throw new MalformedXml("a cell value is not closed");
            v = typedValue(t, s.slice(vStart + 3, vEnd), sst);
          } else {
            const f = s.indexOf("<f", p);
            if (f >= 0 && f < cellEnd) v = { error: "a formula Excel has not calculated" };
          }
        }
        if (v === null) continue;
        if (typeof v === "string" && v.length <= 24) v = this.intern(v);
        while (cells.length < col) cells.push(null);
        cells[col] = v;
      } else if (ch === C_r && ch2 === C_o && s.startsWith("row", lt + 1)) {
        const tagEnd = s.indexOf(">", lt);
        if (tagEnd < 0 || tagEnd >= limit) throw new MalformedXml("a row's tag is not closed");
        const r = s.indexOf(' r="', lt);
        let row = this.rowNumber + 1;
        if (r >= 0 && r < tagEnd) row = +s.slice(r + 4, s.indexOf('"', r + 4));
        if (!Number.isInteger(row) || row < 1 || row > 1_048_576 || row <= this.rowNumber)
          throw new MalformedXml(`a row number is out of order or range (${row})`);
        this.finishRow();
        this.rowNumber = row;
        cells = [];
        this.row = cells;
        this.rows[row - 1] = cells;
        nextCol = 0;
        i = tagEnd + 1;
      } else i = lt + 1;
    }
    this.row = cells;
  }
}

/** What the splitter hands on, in order. */
export interface SheetParts {
  /** Everything before `<sheetData`. */
  head(text: string): void;
  /** Rows copied as they are (and what lies between them). */
  copy(text: string): void;
  /** One row `wanted` asked for, `<row ...>...</row>`, and its 1-based number. */
  row(xml: string, row: number): void;
  /** Everything after the sheet data. */
  tail(text: string): void;
}

/**
 * Cuts sheet XML arriving in pieces into head, rows and tail. Only the rows `wanted`
 * names are cut out one by one; the others pass as runs of text.
 */
export class SheetSplitter {
  private buffer = "";
  private state: "head" | "rows" | "tail" = "head";
  private lastRow = 0;

  constructor(
    private readonly parts: SheetParts,
    private readonly wanted: (row: number) => boolean
  ) {}

  push(text: string): void {
    this.buffer = this.buffer ? this.buffer + text : text;
    this.drain();
  }

  end(): void {
    this.drain();
    if (this.state === "head") throw new MalformedXml("the sheet has no cell data");
    if (this.state === "rows") throw new MalformedXml("the sheet's cell data is cut off");
    this.parts.tail(this.buffer);
    this.buffer = "";
  }

  private drain(): void {
    const b = this.buffer;
    let i = 0;
    if (this.state === "head") {
      const at = b.indexOf("<sheetData");
      const tagEnd = at < 0 ? -1 : b.indexOf(">", at);
      if (tagEnd < 0) return;
      this.parts.head(b.slice(0, at));
      i = tagEnd + 1;
      this.state = b.charCodeAt(tagEnd - 1) === C_SLASH ? "tail" : "rows";
    }
    if (this.state === "rows") {
      const close = b.indexOf("</sheetData>", i);
      const limit = close < 0 ? b.length : close;
      let run = i;
      for (;;) {
        const next = b.indexOf("<row", i);
        if (next < 0 || next >= limit) {
          if (close >= 0) i = close + 12;
          break;
        }
        const after = b.charCodeAt(next + 4);
        if (!isSpace(after) && after !== C_GT && after !== C_SLASH) {
          i = next + 4;
          continue;
        }
        const tagEnd = b.indexOf(">", next);
        if (tagEnd < 0 || tagEnd >= limit) {
          if (close >= 0) throw new MalformedXml("a row's tag is not closed");
          i = next;
          break;
        }
        let end: number;
        if (b.charCodeAt(tagEnd - 1) === C_SLASH) end = tagEnd + 1;
        else {
          const rowClose = b.indexOf("</row>", tagEnd);
          if (rowClose < 0 || rowClose >= limit) {
            if (close >= 0) throw new MalformedXml("a row is not closed");
            i = next;
            break;
          }
          end = rowClose + 6;
        }
        const r = b.indexOf(' r="', next);
        const row =
          r >= 0 && r < tagEnd ? +b.slice(r + 4, b.indexOf('"', r + 4)) : this.lastRow + 1;
        if (!Number.isInteger(row) || row < 1 || row > 1_048_576)
          throw new MalformedXml(`a row number is out of range (${row})`);
        this.lastRow = row;
        if (this.wanted(row)) {
          if (next > run) this.parts.copy(b.slice(run, next));
          this.parts.row(b.slice(next, end), row);
          run = end;
        }
        i = end;
      }
      // Whole rows passed: copy them on, keep what is cut off.
      const copyEnd = close >= 0 ? close : i;
      if (copyEnd > run) this.parts.copy(b.slice(run, copyEnd));
      if (close >= 0) this.state = "tail";
    }
    this.buffer = b.slice(i);
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

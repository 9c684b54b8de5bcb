/**
 * A worksheet's XML, streamed: split into what comes before its rows, each row, and what
 * comes after, so a sheet of a million rows is read, or rewritten with a few rows
 * changed, without holding it whole. Cells are read as grid values; rows that change are
 * written again, every other row is copied as it was.
 */
import { CellValue, columnLetters } from "../../../workbook/grid";
import { isoToSerial } from "../../../domain/dates";
import { attribute, escapeXml, MalformedXml, stringItemText, unescapeXml } from "./xml";

export { MalformedXml };

export interface SheetParts {
  /** Everything before `<sheetData`. */
  head(text: string): void;
  /** One row's XML, `<row ...>...</row>`, and its 1-based number. */
  row(xml: string, row: number): void;
  /** Everything after the sheet data. */
  tail(text: string): void;
}

/** Splits sheet XML, arriving in pieces, into head, rows and tail. */
export class SheetSplitter {
  private buffer = "";
  private state: "head" | "rows" | "tail" = "head";
  private lastRow = 0;

  constructor(private readonly parts: SheetParts) {}

  push(text: string): void {
    this.buffer += text;
    this.drain(false);
  }

  end(): void {
    this.drain(true);
    if (this.state === "head") throw new MalformedXml("the sheet has no cell data");
    if (this.state === "rows") throw new MalformedXml("the sheet's cell data is cut off");
    this.parts.tail(this.buffer);
    this.buffer = "";
  }

  private drain(final: boolean): void {
    let b = this.buffer;
    let i = 0;
    if (this.state === "head") {
      const at = b.indexOf("<sheetData");
      if (at < 0) return;
      const tagEnd = b.indexOf(">", at);
      if (tagEnd < 0) return;
      this.parts.head(b.slice(0, at));
      if (b[tagEnd - 1] === "/") {
        this.state = "tail";
        this.buffer = b.slice(tagEnd + 1);
        return;
      }
      this.state = "rows";
      i = tagEnd + 1;
    }
    if (this.state === "rows") {
      for (;;) {
        const next = b.indexOf("<", i);
        if (next < 0) {
          i = b.length;
          break;
        }
        if (b.startsWith("</sheetData>", next)) {
          this.state = "tail";
          i = next + 12;
          break;
        }
        if (!b.startsWith("<row", next)) {
          // Whitespace or something else between rows: nothing to keep.
          const skip = b.indexOf(">", next);
          if (skip < 0) {
            i = next;
            break;
          }
          i = skip + 1;
          continue;
        }
        const tagEnd = b.indexOf(">", next);
        if (tagEnd < 0) {
          i = next;
          break;
        }
        let end: number;
        if (b[tagEnd - 1] === "/") end = tagEnd + 1;
        else {
          const close = b.indexOf("</row>", tagEnd);
          if (close < 0) {
            i = next;
            break;
          }
          end = close + 6;
        }
        const tag = b.slice(next, tagEnd + 1);
        const r = rawAttribute(tag, 0, tag.length, ' r="');
        const row = r ? Number(r) : this.lastRow + 1;
        if (!Number.isInteger(row) || row < 1 || row > 1_048_576)
          throw new MalformedXml(`a row number is out of range (${r})`);
        this.lastRow = row;
        this.parts.row(b.slice(next, end), row);
        i = end;
      }
    }
    this.buffer = b.slice(i);
    void final;
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

/** 0-based column of a cell reference such as `AB12`. */
export function columnOf(ref: string): number {
  let col = 0;
  for (let i = 0; i < ref.length; i++) {
    const c = ref.charCodeAt(i);
    if (c < 65 || c > 90) break;
    col = col * 26 + (c - 64);
  }
  return col - 1;
}

/** The cells of a row's XML, each with its column. */
export function rowCells(rowXml: string): CellXml[] {
  const out: CellXml[] = [];
  let i = rowXml.indexOf(">") + 1;
  let next = 0;
  for (;;) {
    const c = rowXml.indexOf("<c", i);
    if (c < 0) break;
    const after = rowXml[c + 2];
    if (after !== " " && after !== ">" && after !== "/") {
      i = c + 2;
      continue;
    }
    const tagEnd = rowXml.indexOf(">", c);
    if (tagEnd < 0) throw new MalformedXml("a cell's tag is not closed");
    let end: number;
    if (rowXml[tagEnd - 1] === "/") end = tagEnd + 1;
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

const Q = 34; // "
const GT = 62; // >
const SLASH = 47; // /

/** The value of attribute `name` (` name="`) inside xml[from, to), or undefined. Raw (not unescaped). */
function rawAttribute(xml: string, from: number, to: number, name: string): string | undefined {
  const at = xml.indexOf(name, from);
  if (at < 0 || at >= to) return undefined;
  const start = at + name.length;
  const end = xml.indexOf('"', start);
  if (end < 0 || end > to) throw new MalformedXml("an attribute is not closed");
  return xml.slice(start, end);
}

/**
 * The values of a row's cells, into `out` by column (the fast path of reading: no
 * substring per cell but its value). Shared strings resolved, formulas by their result.
 */
export function readRowValues(
  rowXml: string,
  sst: readonly string[],
  out: CellValue[],
  intern: (v: CellValue) => CellValue
): void {
  let i = rowXml.indexOf(">") + 1;
  let next = 0;
  const n = rowXml.length;
  for (;;) {
    const c = rowXml.indexOf("<c", i);
    if (c < 0) return;
    const after = rowXml.charCodeAt(c + 2);
    if (
      after !== 32 &&
      after !== GT &&
      after !== SLASH &&
      after !== 10 &&
      after !== 13 &&
      after !== 9
    ) {
      i = c + 2;
      continue;
    }
    let tagEnd = c + 2;
    // The tag ends at the first > outside quotes.
    for (let quoted = false; tagEnd < n; tagEnd++) {
      const ch = rowXml.charCodeAt(tagEnd);
      if (ch === Q) quoted = !quoted;
      else if (ch === GT && !quoted) break;
    }
    if (tagEnd >= n) throw new MalformedXml("a cell's tag is not closed");
    const r = rawAttribute(rowXml, c, tagEnd, ' r="');
    const col = r === undefined ? next : columnOf(r);
    next = col + 1;
    if (rowXml.charCodeAt(tagEnd - 1) === SLASH) {
      i = tagEnd + 1;
      continue;
    }
    const close = rowXml.indexOf("</c>", tagEnd);
    if (close < 0) throw new MalformedXml("a cell is not closed");
    i = close + 4;
    const t = rawAttribute(rowXml, c, tagEnd, ' t="');
    let v: CellValue;
    if (t === "inlineStr") {
      const is = rowXml.indexOf("<is>", tagEnd);
      v = is < 0 || is > close ? null : stringItemText(rowXml.slice(is + 4, close));
    } else {
      const v0 = rowXml.indexOf("<v", tagEnd);
      let text: string | undefined;
      if (v0 >= 0 && v0 < close) {
        const vEnd = rowXml.indexOf(">", v0);
        if (rowXml.charCodeAt(vEnd - 1) !== SLASH) {
          const vClose = rowXml.indexOf("</v>", vEnd);
          if (vClose < 0 || vClose > close) throw new MalformedXml("a cell value is not closed");
          text = rowXml.slice(vEnd + 1, vClose);
        }
      }
      v = text === undefined ? noValue(rowXml, tagEnd, close) : typedValue(t, text, sst);
    }
    if (v === null) continue;
    while (out.length < col) out.push(null);
    out[col] = intern(v);
  }
}

function noValue(xml: string, from: number, to: number): CellValue {
  const f = xml.indexOf("<f", from);
  return f >= 0 && f < to ? { error: "a formula Excel has not calculated" } : null;
}

function typedValue(t: string | undefined, v: string, sst: readonly string[]): CellValue {
  switch (t) {
    case undefined:
    case "n": {
      const n = Number(v);
      return Number.isFinite(n) && v.trim() !== "" ? n : { error: "#VALUE!" };
    }
    case "s": {
      const s = sst[Number(v)];
      return s === undefined ? { error: "a string missing from the shared strings" } : s;
    }
    case "str":
      return unescapeXml(v);
    case "b":
      return v === "1" || v === "true";
    case "e":
      return { error: unescapeXml(v) };
    case "d": {
      const serial = isoToSerial(v.slice(0, 10));
      return serial === undefined ? { error: "#VALUE!" } : serial;
    }
    default:
      return { error: "#VALUE!" };
  }
}

/** A cell written anew: its value and style; blank with a style keeps the style. */
export function cellXml(col: number, row: number, value: CellValue, s: number | undefined): string {
  const ref = `${columnLetters(col)}${row}`;
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
    if (xml[tagEnd - 1] === "/") {
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

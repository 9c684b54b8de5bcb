/**
 * The workbook's cell styles (xl/styles.xml), as far as writing cells needs them: a cell
 * written with a number format gets a style of its own, made from the style it had (or
 * its column's) with that format. Existing styles are never changed, so no other cell
 * that shares a style changes with it.
 */
import { attribute, elements, escapeXml, withAttribute } from "./xml";

/** Excel's built-in number formats the product uses, by code. */
const BUILT_IN: Record<string, number> = {
  General: 0,
  "0": 1,
  "0.00": 2,
  "#,##0": 3,
  "#,##0.00": 4,
  "@": 49,
};

/** A minimal styles part, for a new workbook. */
export const EMPTY_STYLES =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
  '<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">' +
  '<fonts count="2"><font><sz val="11"/><name val="Calibri"/><family val="2"/></font>' +
  '<font><b/><sz val="11"/><name val="Calibri"/><family val="2"/></font></fonts>' +
  '<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>' +
  '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>' +
  '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
  '<cellXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/></cellXfs>' +
  '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>' +
  '<dxfs count="0"/><tableStyles count="0" defaultTableStyle="TableStyleMedium2" defaultPivotStyle="PivotStyleLight16"/>' +
  "</styleSheet>";

export class Styles {
  /** Number format codes by id (built-in ones the product uses, and the workbook's own). */
  private readonly formats = new Map<number, string>();
  private readonly xfs: string[];
  /** Styles made, by base style and then format code (marked when unlocked). */
  private readonly made: Map<string, number>[] = [];
  private readonly newFormats: { id: number; code: string }[] = [];
  private readonly originalXfCount: number;

  constructor(private readonly xml: string) {
    for (const [code, id] of Object.entries(BUILT_IN)) this.formats.set(id, code);
    const numFmts = elements(xml, "numFmts")[0];
    for (const f of numFmts ? elements(numFmts.inner, "numFmt") : [])
      this.formats.set(Number(attribute(f.tag, "numFmtId")), attribute(f.tag, "formatCode") ?? "");
    const cellXfs = elements(xml, "cellXfs")[0];
    this.xfs = cellXfs
      ? elements(cellXfs.inner, "xf").map((x) => cellXfs.inner.slice(x.start, x.end))
      : [];
    if (!this.xfs.length)
      this.xfs.push('<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>');
    this.originalXfCount = this.xfs.length;
  }

  /** The number format code of a style. */
  formatOf(s: number | undefined): string {
    const index = s ?? 0;
    let code = this.formatCodes[index];
    if (code === undefined) {
      const xf = this.xfs[index];
      const id = Number(xf ? (attribute(xf, "numFmtId") ?? 0) : 0);
      code = this.formatCodes[index] = this.formats.get(id) ?? "General";
    }
    return code;
  }

  /** Number format codes by style index, as looked up. */
  private readonly formatCodes: string[] = [];

  private formatId(code: string): number {
    for (const [id, c] of this.formats) if (c === code) return id;
    let id = 164;
    for (const existing of this.formats.keys()) if (existing >= id) id = existing + 1;
    this.formats.set(id, code);
    this.newFormats.push({ id, code });
    return id;
  }

  /**
   * The style of a cell written with `code` as its number format (and unlocked, for a
   * cell a customer may fill in), made from `base`: `base` itself when it already has it.
   */
  styleFor(base: number | undefined, code: string, unlocked = false): number {
    const b = base !== undefined && base < this.xfs.length ? base : 0;
    let made = this.made[b];
    if (!made) made = this.made[b] = new Map();
    const k = unlocked ? `${code}\u0000` : code;
    const known = made.get(k);
    if (known !== undefined) return known;
    if (this.formatOf(b) === code && !unlocked) {
      made.set(k, b);
      return b;
    }
    const xf = this.xfs[b];
    const selfClosing = xf.trimEnd().endsWith("/>");
    const start = selfClosing ? xf : xf.slice(0, xf.indexOf(">") + 1);
    let tag = withAttribute(
      withAttribute(start, "numFmtId", String(this.formatId(code))),
      "applyNumberFormat",
      "1"
    );
    let inner = selfClosing ? "" : xf.slice(xf.indexOf(">") + 1, xf.lastIndexOf("</xf>"));
    if (unlocked) {
      tag = withAttribute(tag, "applyProtection", "1");
      inner =
        inner.replace(/<protection[^>]*\/>|<protection[^>]*>.*?<\/protection>/, "") +
        '<protection locked="0"/>';
    }
    const open = tag.endsWith("/>") ? tag.slice(0, -2) + ">" : tag;
    this.xfs.push(inner ? `${open}${inner}</xf>` : open.slice(0, -1) + "/>");
    const index = this.xfs.length - 1;
    made.set(k, index);
    return index;
  }

  get changed(): boolean {
    return this.xfs.length > this.originalXfCount || this.newFormats.length > 0;
  }

  /** The styles part with the styles made added; the rest of it as it was. */
  toXml(): string {
    let xml = this.xml;
    if (this.newFormats.length) {
      const added = this.newFormats
        .map((f) => `<numFmt numFmtId="${f.id}" formatCode="${escapeXml(f.code)}"/>`)
        .join("");
      const numFmts = elements(xml, "numFmts")[0];
      if (numFmts) {
        const count = elements(numFmts.inner, "numFmt").length + this.newFormats.length;
        const open = withAttribute(numFmts.tag.replace(/\/>$/, ">"), "count", String(count));
        xml = `${xml.slice(0, numFmts.start)}${open}${numFmts.inner}${added}</numFmts>${xml.slice(numFmts.end)}`;
      } else {
        // numFmts comes first in the style sheet.
        const root = xml.indexOf(">", xml.indexOf("<styleSheet")) + 1;
        xml = `${xml.slice(0, root)}<numFmts count="${this.newFormats.length}">${added}</numFmts>${xml.slice(root)}`;
      }
    }
    const cellXfs = elements(xml, "cellXfs")[0];
    const body = this.xfs.join("");
    const open = withAttribute(
      (cellXfs?.tag ?? "<cellXfs>").replace(/\/>$/, ">"),
      "count",
      String(this.xfs.length)
    );
    if (cellXfs)
      xml = `${xml.slice(0, cellXfs.start)}${open}${body}</cellXfs>${xml.slice(cellXfs.end)}`;
    return xml;
  }
}

/**
 * An .xlsx (or .xlsm) as a package of parts. Reading streams the sheets the engine needs;
 * writing replaces only the parts a command changes: the sheets it writes, their table
 * parts, the styles a written cell needs, and the workbook, its relationships and content
 * types where a sheet or table is added or formulas must recalculate. Every other part
 * (charts, images, pivot tables, macros, notes, themes, properties) is carried over byte
 * for byte, still compressed. No file system here: the CLI and the browser share it.
 */
import { applySheetWrite } from "../../../workbook/applyPlan";
import { CellValue, columnLetters, SheetGrid, WorkbookGrids } from "../../../workbook/grid";
import { ColumnFormat } from "../../../workbook/schema";
import {
  assertHistoryWritten,
  formatFor,
  LIST_ROWS,
  NUMBER_FORMATS,
  SheetWrite,
  TableShape,
  WritePlan,
} from "../../../workbook/writePlan";
import { UnsupportedPlanError } from "../../workbookHost";
import {
  cellXml,
  columnOf,
  MalformedXml,
  rowCells,
  rowStart,
  sharedStrings,
  SheetSplitter,
  SheetValues,
} from "./sheetXml";
import { EMPTY_STYLES, Styles } from "./styles";
import { attribute, elements, escapeXml, withAttribute } from "./xml";
import {
  Codec,
  concat,
  FFLATE_CODEC,
  OutPart,
  partText,
  partPieces,
  readDirectory,
  TextSink,
  writeZip,
  ZipEntry,
  ZipError,
} from "./zip";

/** A file that is not a workbook this product can read or update; the message says what it is. */
export class PackageError extends Error {}

const NS_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
const NS_STRICT = "http://purl.oclc.org/ooxml/spreadsheetml/main";
const NS_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const NS_PACKAGE_RELS = "http://schemas.openxmlformats.org/package/2006/relationships";
const REL_OFFICE_DOC = `${NS_REL}/officeDocument`;
const REL_WORKSHEET = `${NS_REL}/worksheet`;
const REL_TABLE = `${NS_REL}/table`;
const REL_CALC_CHAIN = `${NS_REL}/calcChain`;
const REL_STYLES = `${NS_REL}/styles`;
const REL_SHARED_STRINGS = `${NS_REL}/sharedStrings`;
const CT_WORKSHEET = "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml";
const CT_TABLE = "application/vnd.openxmlformats-officedocument.spreadsheetml.table+xml";
const CT_STYLES = "application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml";
const CT_WORKBOOK = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml";
const XML_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
const EMPTY_RELS = `${XML_HEAD}<Relationships xmlns="${NS_PACKAGE_RELS}"></Relationships>`;

interface SheetEntry {
  name: string;
  /** Part name, e.g. xl/worksheets/sheet1.xml. */
  path: string;
  /** A worksheet (not a chart sheet, dialog sheet or macro sheet). */
  worksheet: boolean;
}

interface Relationship {
  id: string;
  type: string;
  /** The part it points to, resolved against the part that holds it. */
  path: string;
}

interface CellChange {
  value: CellValue;
  format?: ColumnFormat;
  unlocked?: boolean;
}

type RowChanges = (CellChange | undefined)[];

/** The columns of a row's changes, in order. */
function changedColumns(line: RowChanges): number[] {
  const cols: number[] = [];
  line.forEach((_, c) => cols.push(c));
  return cols;
}

/** What commands change on one sheet: cells by row and column, and its table. */
interface SheetChanges {
  name: string;
  /** By row: each row's changes by column (a sparse array: a hole is a cell not written). */
  cells: Map<number, RowChanges>;
  table?: TableShape;
  /** The table's header texts once the writes are applied. */
  tableHeaders?: string[];
  /** A new sheet's column formats, lists and protection. */
  columnFormats?: ColumnFormat[];
  lists?: SheetWrite["lists"];
  protect?: SheetWrite["protect"];
}

type PartWriter = (sink: TextSink) => Promise<void>;

const dirOf = (path: string): string => path.slice(0, path.lastIndexOf("/") + 1);

/** A relationship target as a part name: relative to the part that holds it, or absolute. */
function resolve(from: string, target: string): string {
  if (target.startsWith("/")) return target.slice(1);
  const out: string[] = [];
  for (const p of (dirOf(from) + target).split("/")) {
    if (p === "..") out.pop();
    else if (p !== "." && p !== "") out.push(p);
  }
  return out.join("/");
}

/** A relative relationship target from one part to another. */
function relativeTarget(from: string, to: string): string {
  const a = dirOf(from).split("/").filter(Boolean);
  const b = to.split("/");
  let i = 0;
  while (i < a.length && i < b.length - 1 && a[i] === b[i]) i++;
  return [...a.slice(i).map(() => ".."), ...b.slice(i)].join("/");
}

/** The relationships part of a part: xl/workbook.xml -> xl/_rels/workbook.xml.rels. */
const relsOf = (path: string): string =>
  `${dirOf(path)}_rels/${path.slice(dirOf(path).length)}.rels`;

function parseRels(xml: string, owner: string): Relationship[] {
  return elements(xml, "Relationship").map((r) => {
    const target = attribute(r.tag, "Target") ?? "";
    const external = attribute(r.tag, "TargetMode") === "External";
    return {
      id: attribute(r.tag, "Id") ?? "",
      type: attribute(r.tag, "Type") ?? "",
      path: external ? "" : resolve(owner, target),
    };
  });
}

/** Adds a relationship to a relationships part; returns the new part and the id. */
function withRelationship(xml: string, type: string, target: string): { xml: string; id: string } {
  const ids = new Set(elements(xml, "Relationship").map((r) => attribute(r.tag, "Id")));
  let n = 1;
  while (ids.has(`rId${n}`)) n++;
  const id = `rId${n}`;
  const rel = `<Relationship Id="${id}" Type="${type}" Target="${escapeXml(target)}"/>`;
  const out = xml.includes("</Relationships>")
    ? xml.replace("</Relationships>", `${rel}</Relationships>`)
    : xml.replace(/<Relationships([^>]*)\/>/, `<Relationships$1>${rel}</Relationships>`);
  return { xml: out, id };
}

/** A range reference `A1:K20` as 0-based columns and 1-based rows. */
function parseRange(ref: string): { c0: number; r0: number; c1: number; r1: number } | undefined {
  const m = /^\$?([A-Z]+)\$?(\d+)(?::\$?([A-Z]+)\$?(\d+))?$/.exec(ref);
  if (!m) return undefined;
  const c0 = columnOf(m[1]);
  const r0 = Number(m[2]);
  return { c0, r0, c1: m[3] ? columnOf(m[3]) : c0, r1: m[4] ? Number(m[4]) : r0 };
}

const rangeRef = (c0: number, r0: number, c1: number, r1: number): string =>
  `${columnLetters(c0)}${r0}:${columnLetters(c1)}${r1}`;

/** What a non-zip file is, for the one line that says so. */
function notAZip(data: Uint8Array): string {
  if (
    data.length >= 8 &&
    data[0] === 0xd0 &&
    data[1] === 0xcf &&
    data[2] === 0x11 &&
    data[3] === 0xe0
  ) {
    // An OLE compound file: an encrypted workbook holds an EncryptionInfo stream.
    const probe = new TextDecoder("utf-16le").decode(
      data.subarray(0, Math.min(data.length, 1 << 20))
    );
    if (probe.includes("EncryptionInfo"))
      return "an encrypted (password-protected) workbook; open it in Excel, remove the password (File > Info > Protect Workbook > Encrypt with Password), and save it as Excel Workbook (.xlsx)";
    return "an Excel 97-2003 workbook (.xls); open it in Excel and save it as Excel Workbook (.xlsx)";
  }
  return "not an .xlsx workbook (the file is not a zip package); save it as Excel Workbook (.xlsx)";
}

/** Table names must be unique among tables and defined names (case-insensitive). */
function uniqueName(wanted: string, taken: Set<string>): string {
  let name = wanted;
  for (let n = 2; taken.has(name.toLowerCase()); n++) name = `${wanted}${n}`;
  return name;
}

export class XlsxPackage {
  /** Parts changed or added, by name. */
  private readonly written = new Map<string, string>();
  private readonly dropped = new Set<string>();
  private readonly workbookPath: string;
  private workbookXml: string;
  private workbookRelsXml: string;
  private contentTypes: string;
  private readonly sheets: SheetEntry[];
  private sst?: string[];
  private styles?: Styles;
  private stylesPath?: string;
  /** By lower-case sheet name, in the order first written. */
  private readonly changes = new Map<string, SheetChanges>();
  /** Cells were written: formulas elsewhere must recalculate on open. */
  private recalc = false;
  /** Table parts added to existing sheets, by sheet part: their relationship ids. */
  private readonly addedTableParts = new Map<string, string[]>();

  private constructor(
    private readonly data: Uint8Array | undefined,
    private readonly entries: Map<string, ZipEntry>,
    private readonly codec: Codec,
    seed?: Map<string, string>
  ) {
    if (seed) for (const [k, v] of seed) this.written.set(k, v);
    const types = this.text("[Content_Types].xml");
    if (types === undefined)
      throw new PackageError("not an .xlsx workbook (the package has no [Content_Types].xml)");
    this.contentTypes = types;
    const rootRels = parseRels(this.text("_rels/.rels") ?? "", "");
    this.workbookPath = rootRels.find((r) => r.type === REL_OFFICE_DOC)?.path ?? "xl/workbook.xml";
    if (this.workbookPath.endsWith(".bin"))
      throw new PackageError(
        "an Excel Binary Workbook (.xlsb); open it in Excel and save it as Excel Workbook (.xlsx)"
      );
    const workbook = this.text(this.workbookPath);
    if (workbook === undefined)
      throw new PackageError(
        "not an .xlsx workbook (the package has no workbook part; is it a .docx or another zip?)"
      );
    if (workbook.includes(NS_STRICT) && !workbook.includes(NS_MAIN))
      throw new PackageError(
        "a Strict Open XML workbook; open it in Excel and save it as Excel Workbook (.xlsx)"
      );
    if (/<[A-Za-z_][\w.-]*:workbook[\s>]/.test(workbook))
      throw new PackageError(
        "a workbook written with namespace prefixes (by a program, not Excel); open it in Excel and save it as Excel Workbook (.xlsx)"
      );
    this.workbookXml = workbook;
    this.workbookRelsXml = this.text(relsOf(this.workbookPath)) ?? EMPTY_RELS;
    const rels = parseRels(this.workbookRelsXml, this.workbookPath);
    const sheetsElement = elements(workbook, "sheets")[0];
    this.sheets = (sheetsElement ? elements(sheetsElement.inner, "sheet") : []).map((s) => {
      const rel = rels.find((r) => r.id === attribute(s.tag, "r:id"));
      return {
        name: attribute(s.tag, "name") ?? "",
        path: rel?.path ?? "",
        worksheet: rel?.type === REL_WORKSHEET,
      };
    });
    this.stylesPath = rels.find((r) => r.type === REL_STYLES)?.path;
  }

  /**
   * Opens a package; a file that is not one is a PackageError saying what it is. The
   * codec inflates and deflates its parts (fflate's unless the host has a faster one).
   */
  static open(data: Uint8Array, codec: Codec = FFLATE_CODEC): XlsxPackage {
    if (data.length < 4 || data[0] !== 0x50 || data[1] !== 0x4b)
      throw new PackageError(notAZip(data));
    try {
      const entries = readDirectory(data);
      const mimetype = entries.get("mimetype");
      if (
        mimetype &&
        partText(data, mimetype, codec).startsWith("application/vnd.oasis.opendocument")
      )
        throw new PackageError(
          "an OpenDocument spreadsheet (.ods); open it in LibreOffice Calc or Excel and save it as Excel Workbook (.xlsx)"
        );
      return new XlsxPackage(data, entries, codec);
    } catch (err) {
      if (err instanceof PackageError) throw err;
      const why =
        err instanceof ZipError || err instanceof MalformedXml ? err.message : String(err);
      throw new PackageError(`damaged .xlsx workbook (${why})`);
    }
  }

  /** A new, empty workbook (its sheets come from the plans applied to it). */
  static create(codec: Codec = FFLATE_CODEC): XlsxPackage {
    const seed = new Map<string, string>([
      [
        "[Content_Types].xml",
        `${XML_HEAD}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="${CT_WORKBOOK}"/><Override PartName="/xl/styles.xml" ContentType="${CT_STYLES}"/></Types>`,
      ],
      [
        "_rels/.rels",
        `${XML_HEAD}<Relationships xmlns="${NS_PACKAGE_RELS}"><Relationship Id="rId1" Type="${REL_OFFICE_DOC}" Target="xl/workbook.xml"/></Relationships>`,
      ],
      [
        "xl/workbook.xml",
        `${XML_HEAD}<workbook xmlns="${NS_MAIN}" xmlns:r="${NS_REL}"><bookViews><workbookView/></bookViews><sheets/><calcPr calcId="191029"/></workbook>`,
      ],
      [
        "xl/_rels/workbook.xml.rels",
        `${XML_HEAD}<Relationships xmlns="${NS_PACKAGE_RELS}"><Relationship Id="rId1" Type="${REL_STYLES}" Target="styles.xml"/></Relationships>`,
      ],
      ["xl/styles.xml", EMPTY_STYLES],
    ]);
    return new XlsxPackage(undefined, new Map(), codec, seed);
  }

  /** The package holds macros (an .xlsm): it must keep that extension. */
  get macroEnabled(): boolean {
    return this.contentTypes.includes("macroEnabled.main+xml");
  }

  /** The workbook's sheet names, in order. */
  sheetNames(): string[] {
    return this.sheets.map((s) => s.name);
  }

  private text(name: string): string | undefined {
    if (this.written.has(name)) return this.written.get(name);
    if (this.dropped.has(name)) return undefined;
    const e = this.entries.get(name);
    return e ? partText(this.data!, e, this.codec) : undefined;
  }

  private setPart(name: string, text: string): void {
    this.written.set(name, text);
  }

  private sharedStrings(): string[] {
    if (!this.sst) {
      const rel = parseRels(this.workbookRelsXml, this.workbookPath).find(
        (r) => r.type === REL_SHARED_STRINGS
      );
      const xml = rel ? this.text(rel.path) : undefined;
      this.sst = xml ? sharedStrings(xml) : [];
    }
    return this.sst;
  }

  private getStyles(): Styles {
    if (!this.styles) {
      let xml = this.stylesPath ? this.text(this.stylesPath) : undefined;
      if (xml === undefined) {
        // A package without a styles part (some generators): one is added.
        xml = EMPTY_STYLES;
        this.stylesPath ??= resolve(this.workbookPath, "styles.xml");
        if (
          !this.stylesPath ||
          !parseRels(this.workbookRelsXml, this.workbookPath).some((r) => r.type === REL_STYLES)
        )
          this.addWorkbookRelationship(
            REL_STYLES,
            relativeTarget(this.workbookPath, this.stylesPath)
          );
        this.addContentType(this.stylesPath, CT_STYLES);
        this.setPart(this.stylesPath, xml);
      }
      this.styles = new Styles(xml);
    }
    return this.styles;
  }

  /** A sheet part's bytes, in pieces: a sheet this package wrote in one. */
  private sheetBytes(entry: SheetEntry): AsyncIterable<Uint8Array> | Iterable<Uint8Array> {
    const written = this.written.get(entry.path);
    if (written !== undefined) return [new TextEncoder().encode(written)];
    const e = this.entries.get(entry.path);
    if (!e)
      throw new PackageError(`damaged .xlsx workbook (the part of sheet ${entry.name} is missing)`);
    return partPieces(this.data!, e, this.codec);
  }

  /** The values of the worksheets `wanted` names (every worksheet by default), as grids. */
  async readGrids(wanted: (name: string) => boolean = () => true): Promise<WorkbookGrids> {
    let sst: string[];
    try {
      sst = this.sharedStrings();
    } catch (err) {
      const why =
        err instanceof ZipError || err instanceof MalformedXml ? err.message : String(err);
      throw new PackageError(`damaged .xlsx workbook (its shared strings: ${why})`);
    }
    const sheets: SheetGrid[] = [];
    // Short texts repeat (item numbers, units, customers): one string each saves memory.
    const interned = new Map<string, string>();
    const intern = (v: string): string => {
      const known = interned.get(v);
      if (known !== undefined) return known;
      if (interned.size < 100_000) interned.set(v, v);
      return v;
    };
    for (const s of this.sheets) {
      if (!s.worksheet || !wanted(s.name)) continue;
      const values = new SheetValues(sst, intern);
      let rows: CellValue[][];
      try {
        for await (const bytes of this.sheetBytes(s)) values.pushBytes(bytes);
        rows = values.end();
      } catch (err) {
        if (err instanceof PackageError) throw err;
        const why =
          err instanceof ZipError || err instanceof MalformedXml ? err.message : String(err);
        throw new PackageError(`damaged .xlsx workbook (sheet ${s.name}: ${why})`);
      }
      sheets.push({ name: s.name, rows });
    }
    return { sheets };
  }

  // ---------------------------------------------------------------- recording plans

  /**
   * Records a plan made from `grids` and returns the grids after it. The cells land in
   * the sheets' XML when the package is written (toBytes).
   */
  apply(plan: WritePlan, grids: WorkbookGrids): WorkbookGrids {
    assertHistoryWritten(plan);
    const after: WorkbookGrids = { sheets: [...grids.sheets] };
    for (const w of plan.writes) {
      const k = w.sheet.toLowerCase();
      const index = after.sheets.findIndex((s) => s.name.toLowerCase() === k);
      const before: SheetGrid = index >= 0 ? after.sheets[index] : { name: w.sheet, rows: [] };
      // Rows are copied where the write can change them; the rest are shared.
      const shifted = !!(w.deleteRows?.length || w.insertRows?.length);
      const next: SheetGrid = {
        ...before,
        rows: shifted ? before.rows.map((r) => [...r]) : [...before.rows],
      };
      if (!shifted) {
        const copyRow = (r: number): void => {
          if (next.rows[r - 1] && next.rows[r - 1] === before.rows[r - 1])
            next.rows[r - 1] = [...before.rows[r - 1]];
        };
        for (const r of w.ranges) for (let i = 0; i < r.values.length; i++) copyRow(r.row + i);
        for (const c of w.clear ?? []) for (let i = 0; i < c.rows; i++) copyRow(c.row + i);
      }
      applySheetWrite({ sheets: [next] }, w);
      this.record(w, before, next);
      if (index >= 0) after.sheets[index] = next;
      else after.sheets.push(next);
    }
    return after;
  }

  private record(w: SheetWrite, before: SheetGrid, next: SheetGrid): void {
    const entry = this.sheetEntry(w.sheet);
    if (entry && !entry.worksheet)
      throw new PackageError(
        `${w.sheet} is a chart sheet, not a worksheet; rename it so the product can add its own`
      );
    const k = w.sheet.toLowerCase();
    let changes = this.changes.get(k);
    if (!changes)
      this.changes.set(k, (changes = { name: entry?.name ?? w.sheet, cells: new Map() }));
    if (entry && (w.lists?.length || w.protect || w.columnFormats?.length))
      throw new UnsupportedPlanError(
        w.lists?.length ? "lists" : w.protect ? "protect" : "columnFormats"
      );
    if (w.columnFormats) changes.columnFormats = w.columnFormats;
    if (w.lists) changes.lists = w.lists;
    if (w.protect) changes.protect = w.protect;
    const cells = changes.cells;
    const put = (row: number, col: number, value: CellValue, format?: ColumnFormat): void => {
      let line = cells.get(row);
      if (!line) cells.set(row, (line = []));
      line[col] = { value, format: format ?? line[col]?.format };
    };
    const shifts = [...(w.deleteRows ?? []), ...(w.insertRows ?? [])];
    if (shifts.length) {
      // Rows moved inside the table become the values that now differ in its width.
      const width = Math.max(...shifts.map((s) => s.width));
      const from = Math.min(...shifts.map((s) => s.row));
      const last = Math.max(before.rows.length, next.rows.length);
      for (let r = from; r <= last; r++)
        for (let c = 0; c < width; c++) {
          const v = next.rows[r - 1]?.[c] ?? null;
          const old = before.rows[r - 1]?.[c] ?? null;
          if (v !== old && JSON.stringify(v) !== JSON.stringify(old)) put(r, c, v);
        }
    }
    for (const r of w.ranges)
      r.values.forEach((line, i) =>
        line.forEach((v, c) => put(r.row + i, r.col + c, v, r.formats[c]))
      );
    for (const c of w.clear ?? [])
      for (let r = c.row; r < c.row + c.rows; r++)
        for (let col = c.col; col < c.col + c.cols; col++) {
          const old = before.rows[r - 1]?.[col];
          if ((old !== undefined && old !== null) || cells.get(r)?.[col]) put(r, col, null);
        }
    if (w.table) {
      changes.table = w.table;
      const header = next.rows[w.table.headerRow - 1] ?? [];
      changes.tableHeaders = Array.from({ length: w.table.columns }, (_, c) => {
        const v = header[c];
        return v === null || v === undefined || v === "" ? `Column${c + 1}` : String(v);
      });
    }
    if (cells.size) this.recalc = true;
  }

  /** A value typed into a cell (the playground): the cell keeps its style. */
  setCell(sheet: string, row: number, col: number, value: CellValue): void {
    const entry = this.sheetEntry(sheet);
    const k = sheet.toLowerCase();
    let changes = this.changes.get(k);
    if (!changes) this.changes.set(k, (changes = { name: entry?.name ?? sheet, cells: new Map() }));
    let line = changes.cells.get(row);
    if (!line) changes.cells.set(row, (line = []));
    line[col] = { value, format: line[col]?.format };
    this.recalc = true;
  }

  private sheetEntry(name: string): SheetEntry | undefined {
    const k = name.toLowerCase();
    return this.sheets.find((s) => s.name.toLowerCase() === k);
  }

  // ---------------------------------------------------------------- package structure

  private addWorkbookRelationship(type: string, target: string): string {
    const { xml, id } = withRelationship(this.workbookRelsXml, type, target);
    this.workbookRelsXml = xml;
    this.setPart(relsOf(this.workbookPath), xml);
    return id;
  }

  private addContentType(path: string, type: string): void {
    if (this.contentTypes.includes(`PartName="/${path}"`)) return;
    this.contentTypes = this.contentTypes.replace(
      "</Types>",
      `<Override PartName="/${path}" ContentType="${type}"/></Types>`
    );
    this.setPart("[Content_Types].xml", this.contentTypes);
  }

  /** Part names given to parts not written yet (new sheets are written last, in pieces). */
  private readonly reserved = new Set<string>();

  private freePath(folder: string, stem: string): string {
    const names = [...this.entries.keys(), ...this.written.keys(), ...this.reserved];
    const taken = new Set(names.map((n) => n.toLowerCase()));
    for (let n = 1; ; n++) {
      const path = `${folder}${stem}${n}.xml`;
      if (!taken.has(path.toLowerCase())) {
        this.reserved.add(path);
        return path;
      }
    }
  }

  private setWorkbook(xml: string): void {
    this.workbookXml = xml;
    this.setPart(this.workbookPath, xml);
  }

  /** Adds a worksheet after the others, with its relationship and content type. */
  private addSheet(name: string): SheetEntry {
    const path = this.freePath(`${dirOf(this.workbookPath)}worksheets/`, "sheet");
    const id = this.addWorkbookRelationship(REL_WORKSHEET, relativeTarget(this.workbookPath, path));
    this.addContentType(path, CT_WORKSHEET);
    const sheetIds = elements(this.workbookXml, "sheet").map((s) =>
      Number(attribute(s.tag, "sheetId") ?? 0)
    );
    const tag = `<sheet name="${escapeXml(name)}" sheetId="${Math.max(0, ...sheetIds) + 1}" r:id="${id}"/>`;
    let xml = this.workbookXml;
    const rootEnd = xml.indexOf(">", xml.indexOf("<workbook")) + 1;
    if (!xml.slice(0, rootEnd).includes(`xmlns:r="${NS_REL}"`))
      xml = withAttribute(xml.slice(0, rootEnd), "xmlns:r", NS_REL) + xml.slice(rootEnd);
    xml = /<sheets\s*\/>/.test(xml)
      ? xml.replace(/<sheets\s*\/>/, `<sheets>${tag}</sheets>`)
      : xml.replace("</sheets>", `${tag}</sheets>`);
    this.setWorkbook(xml);
    const entry = { name, path, worksheet: true };
    this.sheets.push(entry);
    return entry;
  }

  /** Every table of the workbook (id and name) and every defined name, for new unique ones. */
  private namesTaken(): { ids: number[]; names: Set<string> } {
    const ids: number[] = [];
    const names = new Set<string>();
    for (const d of elements(this.workbookXml, "definedName"))
      names.add((attribute(d.tag, "name") ?? "").toLowerCase());
    for (const part of new Set([...this.entries.keys(), ...this.written.keys()])) {
      if (!/\/tables\/[^/]+\.xml$/.test(part) || this.dropped.has(part)) continue;
      const tag = elements(this.text(part) ?? "", "table")[0]?.tag ?? "";
      ids.push(Number(attribute(tag, "id") ?? 0));
      names.add((attribute(tag, "name") ?? "").toLowerCase());
      names.add((attribute(tag, "displayName") ?? "").toLowerCase());
    }
    return { ids, names };
  }

  /** Formulas recalculate when the workbook is next opened; the calculation chain goes. */
  private recalculateOnOpen(): void {
    let xml = this.workbookXml;
    const calc = elements(xml, "calcPr")[0];
    if (calc) {
      if (attribute(calc.tag, "fullCalcOnLoad") !== "1")
        xml =
          xml.slice(0, calc.start) +
          withAttribute(calc.tag, "fullCalcOnLoad", "1") +
          xml.slice(calc.start + calc.tag.length);
    } else {
      // calcPr follows definedNames (else sheets) in the workbook part.
      const after = elements(xml, "definedNames")[0] ?? elements(xml, "sheets")[0];
      const at = after ? after.end : xml.lastIndexOf("</workbook>");
      xml = `${xml.slice(0, at)}<calcPr fullCalcOnLoad="1"/>${xml.slice(at)}`;
    }
    if (xml !== this.workbookXml) this.setWorkbook(xml);
    const rels = parseRels(this.workbookRelsXml, this.workbookPath);
    const chain = rels.find((r) => r.type === REL_CALC_CHAIN);
    if (chain) {
      this.dropped.add(chain.path);
      this.workbookRelsXml = this.workbookRelsXml.replace(
        new RegExp(`<Relationship\\s[^>]*Id="${chain.id}"[^>]*/>`),
        ""
      );
      this.setPart(relsOf(this.workbookPath), this.workbookRelsXml);
      this.contentTypes = this.contentTypes.replace(
        new RegExp(`<Override\\s[^>]*PartName="/${chain.path.replace(/[.]/g, "\\.")}"[^>]*/>`),
        ""
      );
      this.setPart("[Content_Types].xml", this.contentTypes);
    }
  }

  // ---------------------------------------------------------------- writing

  private consumed = false;

  /** The package with every recorded plan applied, as bytes. */
  async toBytes(): Promise<Uint8Array> {
    const chunks: Uint8Array[] = [];
    await this.write((chunk) => chunks.push(chunk));
    return concat(chunks);
  }

  /** Writes the package with every recorded plan applied, handing its bytes to `sink`. */
  async write(sink: (chunk: Uint8Array) => void): Promise<void> {
    if (this.consumed) throw new Error("an XlsxPackage is written once");
    this.consumed = true;
    try {
      await writeZip(this.data, this.parts(), this.codec, sink);
    } catch (err) {
      if (err instanceof ZipError || err instanceof MalformedXml)
        throw new PackageError(`damaged .xlsx workbook (${err.message})`);
      throw err;
    }
  }

  /** The parts of the new package, in order. */
  private parts(): OutPart[] {
    const streams = new Map<string, PartWriter>();
    if (this.changes.size) this.getStyles();
    for (const changes of this.changes.values()) {
      const entry = this.sheetEntry(changes.name);
      if (!entry) {
        const added = this.addSheet(changes.name);
        streams.set(added.path, this.newSheet(added, changes));
      } else {
        const writer = this.rewriteSheet(entry, changes);
        if (writer) streams.set(entry.path, writer);
      }
    }
    if (this.recalc) this.recalculateOnOpen();
    const styles = this.stylesPath;
    const names = [
      ...new Set([...this.entries.keys(), ...this.written.keys(), ...streams.keys()]),
    ].filter((n) => !this.dropped.has(n) && n !== styles);
    // [Content_Types].xml first, as Office writes it.
    names.sort((a, b) => Number(b === "[Content_Types].xml") - Number(a === "[Content_Types].xml"));
    const encoder = new TextEncoder();
    const parts: OutPart[] = names.map((name): OutPart => {
      const stream = streams.get(name);
      if (stream) return { name, write: stream };
      const text = this.written.get(name);
      if (text !== undefined) return { name, bytes: encoder.encode(text) };
      return { name, copy: this.entries.get(name)! };
    });
    if (styles && (this.entries.has(styles) || this.written.has(styles)))
      // Last: the sheets written before it decide which styles it needs.
      parts.push({
        name: styles,
        later: () =>
          this.styles?.changed || !this.entries.has(styles)
            ? {
                bytes: encoder.encode(
                  this.styles ? this.styles.toXml() : this.written.get(styles)!
                ),
              }
            : { copy: this.entries.get(styles)! },
      });
    return parts;
  }

  /** The style of a cell written with `value`: its own style, with the number format it needs. */
  private styleOf(
    base: number | undefined,
    value: CellValue,
    change: CellChange
  ): number | undefined {
    if (change.format === undefined && !change.unlocked) return base;
    const styles = this.getStyles();
    const code =
      change.format === undefined ? styles.formatOf(base) : formatFor(value, change.format);
    const s = styles.styleFor(base, code, change.unlocked);
    return s === 0 ? undefined : s;
  }

  /** A row with changed cells: unchanged cells as they were, changed ones anew. */
  private rowXml(
    row: number,
    original: string | undefined,
    patch: RowChanges,
    columnStyle: (col: number) => number | undefined
  ): string {
    if (!original) {
      // A new row: its cells as written, in column order.
      let body = "";
      patch.forEach((change, col) => {
        if (change)
          body += cellXml(
            col,
            row,
            change.value,
            this.styleOf(columnStyle(col), change.value, change)
          );
      });
      return body ? `<row r="${row}">${body}</row>` : "";
    }
    const cells = new Map<number, { xml: string; s?: number }>();
    const tag = original ? original.slice(0, original.indexOf(">") + 1) : undefined;
    if (original) for (const c of rowCells(original)) cells.set(c.col, c);
    // A formatted row's style applies to its empty cells (else the column's).
    const rowStyle =
      tag && attribute(tag, "customFormat") === "1" && attribute(tag, "s") !== undefined
        ? Number(attribute(tag, "s"))
        : undefined;
    for (const col of changedColumns(patch)) {
      const change = patch[col]!;
      const base = cells.has(col) ? cells.get(col)!.s : (rowStyle ?? columnStyle(col));
      const xml = cellXml(col, row, change.value, this.styleOf(base, change.value, change));
      if (xml) cells.set(col, { xml });
      else cells.delete(col);
    }
    if (!cells.size && !original) return "";
    const body = [...cells.entries()]
      .sort((a, b) => a[0] - b[0])
      .map((e) => e[1].xml)
      .join("");
    return `${rowStart(tag, row)}${body}</row>`;
  }

  /** Column styles from a sheet's `<cols>`: a new cell in a styled column takes its style. */
  private static columnStyles(head: string): (col: number) => number | undefined {
    const cols = elements(head, "cols")[0];
    const ranges = (cols ? elements(cols.inner, "col") : [])
      .filter((c) => attribute(c.tag, "style") !== undefined)
      .map((c) => ({
        min: Number(attribute(c.tag, "min")) - 1,
        max: Number(attribute(c.tag, "max")) - 1,
        style: Number(attribute(c.tag, "style")),
      }));
    return (col) => ranges.find((x) => col >= x.min && col <= x.max)?.style;
  }

  /** The `<dimension>` of a sheet grown to hold the written cells. */
  private static grownDimension(head: string, lastRow: number, lastCol: number): string {
    const dim = elements(head, "dimension")[0];
    if (!dim) return head;
    const r = parseRange(attribute(dim.tag, "ref") ?? "");
    if (!r) return head;
    const ref = rangeRef(r.c0, r.r0, Math.max(r.c1, lastCol), Math.max(r.r1, lastRow));
    return (
      head.slice(0, dim.start) +
      withAttribute(dim.tag, "ref", ref) +
      head.slice(dim.start + dim.tag.length)
    );
  }

  /** A sheet part rewritten: rows with changes anew, every other row and part of it as it was. */
  private rewriteSheet(entry: SheetEntry, changes: SheetChanges): PartWriter | undefined {
    const rows = [...changes.cells.keys()].sort((a, b) => a - b);
    if (changes.table) this.shapeTable(entry, changes.table, changes.tableHeaders!);
    const tableParts = this.addedTableParts.get(entry.path);
    if (!rows.length && !tableParts) return undefined;
    let lastCol = 0;
    for (const line of changes.cells.values()) lastCol = Math.max(lastCol, line.length - 1);
    const lastRow = rows.length ? rows[rows.length - 1] : 0;
    return async (sink) => {
      const put = (text: string): void => sink.put(text);
      let columnStyle: (col: number) => number | undefined = () => undefined;
      let head: string | undefined;
      let opened = false;
      let next = 0;
      const open = (): void => {
        if (opened) return;
        opened = true;
        columnStyle = XlsxPackage.columnStyles(head ?? "");
        put(XlsxPackage.grownDimension(head ?? "", lastRow, lastCol));
        put("<sheetData>");
      };
      const newRowsBefore = (row: number): void => {
        for (; next < rows.length && rows[next] < row; next++)
          put(this.rowXml(rows[next], undefined, changes.cells.get(rows[next])!, columnStyle));
      };
      const splitter = new SheetSplitter(
        {
          head: (text) => {
            head = text;
          },
          copy: (bytes) => {
            open();
            sink.putBytes(bytes);
          },
          row: (xml, row) => {
            open();
            newRowsBefore(row);
            if (rows[next] === row)
              put(this.rowXml(row, xml, changes.cells.get(rows[next++])!, columnStyle));
            else put(xml);
          },
          tail: (text) => {
            open();
            newRowsBefore(Infinity);
            put("</sheetData>");
            put(tableParts ? XlsxPackage.withTableParts(text, tableParts) : text);
          },
        },
        // Rows written, and the first row after a new one (new rows go before it).
        (row) => next < rows.length && rows[next] <= row
      );
      for await (const bytes of this.sheetBytes(entry)) {
        splitter.pushBytes(bytes);
        await sink.flush();
      }
      splitter.end();
    };
  }

  /** `<tableParts>` in a sheet's tail with these relationship ids added, where the schema puts it. */
  private static withTableParts(tail: string, ids: string[]): string {
    const parts = ids.map((id) => `<tablePart r:id="${id}"/>`).join("");
    const existing = elements(tail, "tableParts")[0];
    if (existing) {
      const count = elements(existing.inner, "tablePart").length + ids.length;
      return `${tail.slice(0, existing.start)}<tableParts count="${count}">${existing.inner}${parts}</tableParts>${tail.slice(existing.end)}`;
    }
    const ext = tail.indexOf("<extLst");
    const at = ext >= 0 ? ext : tail.lastIndexOf("</worksheet>");
    return `${tail.slice(0, at)}<tableParts count="${ids.length}">${parts}</tableParts>${tail.slice(at)}`;
  }

  /**
   * Makes the sheet's table fit `shape`: the product's own table (the one whose header is
   * at column A of the header row) resized and its columns named, or a new one added.
   * Returns the relationship id of a table added.
   */
  private shapeTable(entry: SheetEntry, shape: TableShape, headers: string[]): string | undefined {
    const relsPath = relsOf(entry.path);
    const relsXml = this.text(relsPath) ?? EMPTY_RELS;
    const lastCol = shape.columns - 1;
    const ref = rangeRef(0, shape.headerRow, lastCol, shape.lastRow);
    const overlaps: boolean[] = [];
    for (const rel of parseRels(relsXml, entry.path).filter((r) => r.type === REL_TABLE)) {
      const xml = this.text(rel.path);
      const table = xml ? elements(xml, "table")[0] : undefined;
      const old = table && parseRange(attribute(table.tag, "ref") ?? "");
      if (!xml || !table || !old) continue;
      const ours =
        old.c0 === 0 &&
        old.r0 === shape.headerRow &&
        attribute(table.tag, "headerRowCount") !== "0";
      overlaps.push(old.r0 <= shape.lastRow && old.r1 >= shape.headerRow && old.c0 <= lastCol);
      if (!ours) continue;
      // A totals row would land on the product's rows: such a table is left as it is.
      if (Number(attribute(table.tag, "totalsRowCount") ?? 0) > 0) return undefined;
      this.resizeTable(rel.path, xml, table, ref, shape, headers);
      return undefined;
    }
    if (overlaps.some(Boolean)) return undefined;
    const taken = this.namesTaken();
    const name = uniqueName(shape.name, taken.names);
    const path = this.freePath(`${dirOf(this.workbookPath)}tables/`, "table");
    const columns = headers
      .map((h, i) => `<tableColumn id="${i + 1}" name="${escapeXml(h)}"/>`)
      .join("");
    this.setPart(
      path,
      `${XML_HEAD}<table xmlns="${NS_MAIN}" id="${Math.max(0, ...taken.ids) + 1}" name="${escapeXml(name)}" displayName="${escapeXml(name)}" ref="${ref}"><autoFilter ref="${ref}"/><tableColumns count="${headers.length}">${columns}</tableColumns><tableStyleInfo name="TableStyleLight9" showFirstColumn="0" showLastColumn="0" showRowStripes="1" showColumnStripes="0"/></table>`
    );
    this.addContentType(path, CT_TABLE);
    const added = withRelationship(relsXml, REL_TABLE, relativeTarget(entry.path, path));
    this.setPart(relsPath, added.xml);
    this.addedTableParts.set(entry.path, [
      ...(this.addedTableParts.get(entry.path) ?? []),
      added.id,
    ]);
    return added.id;
  }

  /** The product's table over its new extent: ref, filter and sort ranges, column names. */
  private resizeTable(
    path: string,
    xml: string,
    table: { tag: string; start: number },
    ref: string,
    shape: TableShape,
    headers: string[]
  ): void {
    let out =
      xml.slice(0, table.start) +
      withAttribute(table.tag, "ref", ref) +
      xml.slice(table.start + table.tag.length);
    const filter = elements(out, "autoFilter")[0];
    if (filter)
      out =
        out.slice(0, filter.start) +
        withAttribute(filter.tag, "ref", ref) +
        out.slice(filter.start + filter.tag.length);
    // Sort ranges keep their columns over the new rows.
    out = out.replace(/<(sortState|sortCondition)\b[^>]*>/g, (tag) => {
      const r = parseRange(attribute(tag, "ref") ?? "");
      return r
        ? withAttribute(tag, "ref", rangeRef(r.c0, shape.headerRow + 1, r.c1, shape.lastRow))
        : tag;
    });
    const tc = elements(out, "tableColumns")[0];
    if (tc) {
      const columns = elements(tc.inner, "tableColumn");
      let id = Math.max(0, ...columns.map((c) => Number(attribute(c.tag, "id") ?? 0)));
      const body = headers.map((h, i) => {
        const c = columns[i];
        if (!c) return `<tableColumn id="${++id}" name="${escapeXml(h)}"/>`;
        const own = tc.inner.slice(c.start, c.end);
        return attribute(c.tag, "name") === h
          ? own
          : withAttribute(c.tag, "name", h) + own.slice(c.tag.length);
      });
      const inner = body.join("");
      if (inner !== tc.inner || columns.length !== headers.length)
        out = `${out.slice(0, tc.start)}${withAttribute(tc.tag, "count", String(headers.length))}${inner}</tableColumns>${out.slice(tc.end)}`;
    }
    if (out !== xml) this.setPart(path, out);
  }

  /** A new sheet's part: its cells, column widths and formats, lists, protection and table. */
  private newSheet(entry: SheetEntry, changes: SheetChanges): PartWriter {
    const styles = this.getStyles();
    const formats = changes.columnFormats;
    const columnStyle = (col: number): number | undefined => {
      const f = formats?.[col];
      return f ? styles.styleFor(0, NUMBER_FORMATS[f]) || undefined : undefined;
    };
    const protect = changes.protect;
    if (protect)
      // Locked is Excel's default: the cells a person may fill in are unlocked.
      for (
        let r = protect.headerRow + 1;
        r <= Math.max(protect.headerRow + 1, protect.lastRow);
        r++
      )
        for (const col of protect.editableColumns) {
          let line = changes.cells.get(r);
          if (!line) changes.cells.set(r, (line = []));
          const change = line[col] ?? { value: null, format: formats?.[col] ?? "general" };
          line[col] = { ...change, unlocked: true };
        }
    const rows = [...changes.cells.keys()].sort((a, b) => a - b);
    const headerRow = changes.table?.headerRow ?? 1;
    const header = changes.cells.get(headerRow);
    let width = changes.table?.columns ?? 0;
    for (const line of changes.cells.values()) width = Math.max(width, line.length);
    const cols = Array.from({ length: width }, (_, c) => {
      const text = header?.[c]?.value;
      const w = Math.max(10, Math.min(40, String(text ?? "").length + 4));
      const s = columnStyle(c);
      return `<col min="${c + 1}" max="${c + 1}" width="${w}" customWidth="1"${s ? ` style="${s}"` : ""}/>`;
    }).join("");
    const last = rows.length ? rows[rows.length - 1] : 1;
    const head =
      `${XML_HEAD}<worksheet xmlns="${NS_MAIN}" xmlns:r="${NS_REL}">` +
      `<dimension ref="${width ? rangeRef(0, 1, width - 1, last) : "A1"}"/>` +
      '<sheetViews><sheetView workbookViewId="0"/></sheetViews><sheetFormatPr defaultRowHeight="15"/>' +
      (cols ? `<cols>${cols}</cols>` : "") +
      "<sheetData>";
    let xml = "</sheetData>";
    if (protect)
      xml +=
        '<sheetProtection sheet="1" objects="1" scenarios="1" formatColumns="0" autoFilter="0" sort="1"/>';
    if (changes.lists?.length) {
      const items = changes.lists.map((l) => {
        const col = columnLetters(l.col);
        const error = escapeXml(`Choose ${l.options.join(" or ")}.`);
        return `<dataValidation type="list" allowBlank="1" showErrorMessage="1" errorTitle="Not on the list" error="${error}" sqref="${col}${headerRow + 1}:${col}${headerRow + LIST_ROWS}"><formula1>"${escapeXml(l.options.join(","))}"</formula1></dataValidation>`;
      });
      xml += `<dataValidations count="${items.length}">${items.join("")}</dataValidations>`;
    }
    xml +=
      '<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>';
    if (changes.table) {
      const id = this.shapeTable(entry, changes.table, changes.tableHeaders!);
      this.addedTableParts.delete(entry.path);
      if (id) xml += `<tableParts count="1"><tablePart r:id="${id}"/></tableParts>`;
    }
    const tail = `${xml}</worksheet>`;
    return async (sink) => {
      sink.put(head);
      for (const r of rows) {
        sink.put(this.rowXml(r, undefined, changes.cells.get(r)!, columnStyle));
        await sink.flush();
      }
      sink.put(tail);
    };
  }
}

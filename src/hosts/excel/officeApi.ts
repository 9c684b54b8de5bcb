/**
 * The few Office.js Excel APIs the add-in uses, as narrow structural types. The real
 * `Excel.RequestContext` satisfies them (checked where the host calls `Excel.run`), and
 * tests and benchmarks run the host against the simulator (simulator.ts) of exactly these.
 */

export type ClearApplyTo = "All" | "Formats" | "Contents";

export interface XlRangeFormat {
  autofitColumns(): void;
  /** ExcelApi 1.2. */
  readonly protection: { locked: boolean };
}

/** A list rule (ExcelApi 1.8): the cell takes one of the comma-separated options. */
export interface XlDataValidation {
  // Excel reads a source back as text or a range; the add-in writes text.
  rule: { list?: { inCellDropDown: boolean; source: string | object } };
  errorAlert: {
    showAlert: boolean;
    style: "Stop" | "Warning" | "Information";
    title: string;
    message: string;
  };
  clear(): void;
}

export interface XlRange {
  values: unknown[][];
  valueTypes: string[][];
  numberFormat: unknown[][];
  address: string;
  rowIndex: number;
  columnIndex: number;
  rowCount: number;
  columnCount: number;
  isNullObject: boolean;
  readonly format: XlRangeFormat;
  readonly dataValidation: XlDataValidation;
  load(propertyNames: string): XlRange;
  clear(applyTo?: ClearApplyTo): void;
  /** Deletes the cells, shifting those below up (ExcelApi 1.1). */
  delete(shift: "Up"): void;
  /** Inserts blank cells here, shifting these down (ExcelApi 1.1). */
  insert(shift: "Down"): unknown;
  /** The part of this range inside `address`, or a null object (ExcelApi 1.4). */
  getIntersectionOrNullObject(address: string): XlRange;
  select(): void;
}

export interface XlTable {
  name: string;
  style: string;
  /** The table's worksheet, for `workbook.tables.load("items/worksheet/name")` (ExcelApi 1.2). */
  readonly worksheet: { name: string };
  /** Turns the table back into a plain range, keeping every value (ExcelApi 1.2). */
  convertToRange(): unknown;
}

export interface XlTableCollection {
  items: XlTable[];
  load(propertyNames: string): XlTableCollection;
  add(address: string, hasHeaders: boolean): XlTable;
  getItem(key: string): XlTable;
}

export interface XlWorksheet {
  name: string;
  isNullObject: boolean;
  readonly tables: XlTableCollection;
  load(propertyNames: string): XlWorksheet;
  getRange(address?: string): XlRange;
  getUsedRangeOrNullObject(valuesOnly?: boolean): XlRange;
  activate(): void;
  /** ExcelApi 1.2. */
  readonly protection: {
    protect(options?: {
      allowAutoFilter?: boolean;
      allowFormatColumns?: boolean;
      allowSort?: boolean;
    }): void;
  };
}

/** A change to a worksheet (ExcelApi 1.7; `triggerSource` 1.14). */
export interface XlWorksheetChangedEvent {
  /** "ThisLocalAddin" when this add-in's own write made the change. */
  triggerSource?: string;
}

export interface XlEventRegistration {
  remove(): void;
}

export interface XlWorksheetCollection {
  items: XlWorksheet[];
  /** Changes on any worksheet (ExcelApi 1.9); absent in older clients. */
  readonly onChanged?: {
    add(handler: (event: XlWorksheetChangedEvent) => Promise<void>): XlEventRegistration;
  };
  load(propertyNames: string): XlWorksheetCollection;
  getItem(key: string): XlWorksheet;
  /** A sheet by name (without regard to case), or a null object (ExcelApi 1.4). */
  getItemOrNullObject(key: string): XlWorksheet;
  add(name?: string): XlWorksheet;
}

export interface XlWorkbook {
  readonly worksheets: XlWorksheetCollection;
  /** Every table of the workbook (ExcelApi 1.1). */
  readonly tables: XlTableCollection;
  getSelectedRange(): XlRange;
}

export interface XlApplication {
  suspendApiCalculationUntilNextSync(): void;
  /** The workbook's culture (ExcelApi 1.11); absent in older clients. */
  readonly cultureInfo?: XlCultureInfo;
}

export interface XlCultureInfo {
  load(props: string): XlCultureInfo;
  readonly name: string;
  readonly numberFormat: XlNumberFormatInfo;
}

export interface XlNumberFormatInfo {
  load(props: string): XlNumberFormatInfo;
  readonly numberDecimalSeparator: string;
  readonly numberGroupSeparator: string;
}

export interface XlContext {
  readonly workbook: XlWorkbook;
  readonly application: XlApplication;
  sync(): Promise<void>;
}

/** Office.js's `Excel` namespace as far as the add-in needs it: one batch per command. */
export interface XlNamespace {
  run<T>(batch: (context: XlContext) => Promise<T>): Promise<T>;
}

/**
 * What the task pane needs from a workbook, whoever holds it: Excel through Office.js,
 * or the in-memory workbook of the playground and the tests.
 */
import { WorkbookGrids } from "../workbook/grid";
import { WritePlan } from "../workbook/writePlan";

export interface Selection {
  sheet: string;
  /** A1 address without the sheet, e.g. "C5" or "C5:D9". */
  address: string;
}

export interface WorkbookHost {
  /** Reads the sheets the engine knows. */
  read(): Promise<WorkbookGrids>;
  /**
   * Reads, lets `decide` compute from the grids, and applies the plan it returns, in one
   * session with the workbook so nothing is looked up twice.
   */
  update<T extends { plan?: WritePlan }>(decide: (grids: WorkbookGrids) => T): Promise<T>;
  select(sheet: string, address: string): Promise<void>;
  selection(): Promise<Selection | undefined>;
  /**
   * Opens a new workbook from .xlsx bytes, where the host can (Excel, ExcelApi 1.8);
   * returns false where it cannot, so the pane offers a download instead.
   */
  openWorkbook?(xlsx: ArrayBuffer): Promise<boolean>;
  /** Calls `listener` whenever the selection changes; returns the unsubscribe. */
  onSelectionChanged(listener: () => void): () => void;
}

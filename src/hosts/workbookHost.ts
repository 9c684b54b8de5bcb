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

/** Parts of a write plan a host can apply only where the workbook's application allows. */
export interface HostCapabilities {
  /** Drop-down lists (data validation). */
  lists: boolean;
}

export interface WorkbookHost {
  /** Reads the sheets the engine knows. */
  read(): Promise<WorkbookGrids>;
  /**
   * Reads, lets `decide` compute from the grids, and applies the plan it returns, in one
   * session with the workbook so nothing is looked up twice. A host applies every field of
   * a plan or throws naming the one it cannot (see `capabilities`).
   */
  update<T extends { plan?: WritePlan }>(decide: (grids: WorkbookGrids) => T): Promise<T>;
  select(sheet: string, address: string): Promise<void>;
  selection(): Promise<Selection | undefined>;
  capabilities(): HostCapabilities;
  /**
   * Opens a new workbook from .xlsx bytes, where the host can (Excel, ExcelApi 1.8);
   * returns false where it cannot, so the pane offers a download instead.
   */
  openWorkbook?(xlsx: ArrayBuffer): Promise<boolean>;
  /**
   * Calls `listener` whenever the workbook's content changes (an edit, another command), where
   * the host can tell; returns the unsubscribe. Results shown from an earlier read are then stale.
   */
  onContentChanged?(listener: () => void): () => void;
  /** The workbook's culture (a BCP 47 name and its number separators), where the host knows it. */
  culture?(): Promise<{ name: string; decimal?: string; group?: string } | undefined>;
  /** Calls `listener` whenever the selection changes; returns the unsubscribe. */
  onSelectionChanged(listener: () => void): () => void;
  /** Hands the user a file (a customer's copy): the browser's download, where the host has one. */
  download(data: ArrayBuffer | Blob, name: string): void;
}

/** A plan asks for something the host cannot do here (its `field` names what). */
export class UnsupportedPlanError extends Error {
  readonly code = "UnsupportedPlanField";
  constructor(readonly field: keyof HostCapabilities | string) {
    super(`The workbook cannot apply the write plan's ${field} here.`);
  }
}

/** The plan without what the host cannot apply, and what was left out. */
export function withinCapabilities(
  plan: WritePlan,
  can: HostCapabilities
): { plan: WritePlan; leftOut: (keyof HostCapabilities)[] } {
  if (can.lists || !plan.writes.some((w) => w.lists?.length)) return { plan, leftOut: [] };
  return {
    plan: { writes: plan.writes.map((w) => ({ ...w, lists: undefined })) },
    leftOut: ["lists"],
  };
}

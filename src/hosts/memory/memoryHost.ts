/** A workbook in memory behind the same interface as Excel: the playground's and the tests' host. */
import { applyPlan } from "../../workbook/applyPlan";
import { WorkbookGrids } from "../../workbook/grid";
import { WritePlan } from "../../workbook/writePlan";
import { downloadFile } from "../download";
import { HostCapabilities, Selection, WorkbookHost } from "../workbookHost";

export class MemoryWorkbookHost implements WorkbookHost {
  private listeners = new Set<() => void>();
  private current: Selection | undefined;
  private changeListeners = new Set<(grids: WorkbookGrids) => void>();

  constructor(public grids: WorkbookGrids = { sheets: [] }) {}

  async read(): Promise<WorkbookGrids> {
    return this.grids;
  }

  async update<T extends { plan?: WritePlan }>(decide: (grids: WorkbookGrids) => T): Promise<T> {
    const result = decide(this.grids);
    if (result.plan) this.setGrids(applyPlan(this.grids, result.plan));
    return result;
  }

  capabilities(): HostCapabilities {
    return { lists: true };
  }

  /** Replaces the workbook (a user's edit in the playground, a loaded file). */
  setGrids(grids: WorkbookGrids): void {
    this.grids = grids;
    for (const l of this.changeListeners) l(grids);
  }

  async select(sheet: string, address: string): Promise<void> {
    const actual =
      this.grids.sheets.find((s) => s.name.toLowerCase() === sheet.toLowerCase())?.name ?? sheet;
    this.current = { sheet: actual, address };
    for (const l of this.listeners) l();
  }

  async selection(): Promise<Selection | undefined> {
    return this.current;
  }

  download(data: ArrayBuffer | Blob, name: string): void {
    downloadFile(data, name);
  }

  onSelectionChanged(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** For a spreadsheet view beside the pane: called after every change. */
  onChange(listener: (grids: WorkbookGrids) => void): () => void {
    this.changeListeners.add(listener);
    return () => this.changeListeners.delete(listener);
  }
}

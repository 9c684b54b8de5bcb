/** A workbook in memory behind the same interface as Excel: the playground's and the tests' host. */
import { applyPlan, editRefused } from "../../workbook/applyPlan";
import { CellValue, WorkbookGrids } from "../../workbook/grid";
import type { HistoryPlace } from "../../domain/history";
import { localSerial, withHistory } from "../../workbook/history";
import { WritePlan } from "../../workbook/writePlan";
import { downloadFile } from "../download";
import { HostCapabilities, Selection, WorkbookHost } from "../workbookHost";

export class MemoryWorkbookHost implements WorkbookHost {
  private listeners = new Set<() => void>();
  private current: Selection | undefined;
  private changeListeners = new Set<(grids: WorkbookGrids) => void>();

  constructor(
    public grids: WorkbookGrids = { sheets: [] },
    private readonly options: { where?: HistoryPlace; now?: () => Date; culture?: string } = {}
  ) {}

  /** The browser's language, or the one given (tests, a playground link). */
  async culture(): Promise<{ name: string }> {
    return { name: this.options.culture ?? globalThis.navigator?.language ?? "en-US" };
  }

  async read(): Promise<WorkbookGrids> {
    return this.grids;
  }

  async update<T extends { plan?: WritePlan }>(decide: (grids: WorkbookGrids) => T): Promise<T> {
    const result = decide(this.grids);
    if (!result.plan) return result;
    const plan = withHistory(result.plan, this.grids, {
      when: localSerial(this.options.now?.() ?? new Date()),
      where: this.options.where ?? "playground",
    });
    this.setGrids(applyPlan(this.grids, plan));
    return { ...result, plan };
  }

  capabilities(): HostCapabilities {
    return { lists: true };
  }

  /**
   * A person types into a cell (the playground's sheet view): refused, with the reason,
   * where Excel would refuse it (a protected cell, a value its drop-down list lacks).
   */
  editCell(sheetName: string, row: number, col: number, value: CellValue): string | undefined {
    const sheet = this.grids.sheets.find((s) => s.name === sheetName);
    if (!sheet) return `There is no sheet ${sheetName}.`;
    const refused = editRefused(sheet, row, col, value);
    if (refused) return refused;
    const sheets = this.grids.sheets.map((s) => {
      if (s !== sheet) return s;
      const rows = s.rows.map((r) => [...r]);
      while (rows.length < row) rows.push([]);
      const line = rows[row - 1];
      while (line.length <= col) line.push(null);
      line[col] = value;
      return { ...s, rows };
    });
    this.setGrids({ sheets });
    return undefined;
  }

  /** Replaces the workbook (a loaded file). */
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

  onContentChanged(listener: () => void): () => void {
    return this.onChange(() => listener());
  }

  /** For a spreadsheet view beside the pane: called after every change. */
  onChange(listener: (grids: WorkbookGrids) => void): () => void {
    this.changeListeners.add(listener);
    return () => this.changeListeners.delete(listener);
  }
}

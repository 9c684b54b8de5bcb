/** The task pane's workbook in Excel: the Office session (session.ts), one Excel.run per command. */
import { WorkbookGrids } from "../../workbook/grid";
import { WritePlan } from "../../workbook/writePlan";
import { downloadFile } from "../download";
import { HostCapabilities, Selection, WorkbookHost } from "../workbookHost";
import { XlNamespace } from "./officeApi";
import { OfficeSession } from "./session";

export class OfficeWorkbookHost implements WorkbookHost {
  private readonly session: OfficeSession;

  constructor(excel: XlNamespace = Excel) {
    this.session = new OfficeSession(excel, {
      isSetSupported: (name, version) => Office.context.requirements.isSetSupported(name, version),
    });
  }

  read(): Promise<WorkbookGrids> {
    return this.session.read();
  }

  update<T extends { plan?: WritePlan }>(decide: (grids: WorkbookGrids) => T): Promise<T> {
    return this.session.update(decide);
  }

  /** Excel's culture where the client has ExcelApi 1.11, else Office's display language. */
  async culture(): Promise<{ name: string; decimal?: string; group?: string } | undefined> {
    if (Office.context.requirements.isSetSupported("ExcelApi", "1.11")) {
      const c = await this.session.run((host) => host.culture());
      if (c) return c;
    }
    return { name: Office.context.displayLanguage };
  }

  private readonly contentListeners = new Set<() => void>();
  private watching?: Promise<boolean>;

  /**
   * The planner's edits, so results shown from an earlier read can say they are out of date:
   * one Excel event handler for the pane, where the client tells the add-in's own writes
   * apart (ExcelApi 1.14); elsewhere nothing is reported.
   */
  onContentChanged(listener: () => void): () => void {
    this.contentListeners.add(listener);
    if (!this.watching && Office.context.requirements.isSetSupported("ExcelApi", "1.14"))
      this.watching = this.session
        .run((host) => host.watchChanges(() => this.contentListeners.forEach((l) => l())))
        .catch(() => false);
    return () => this.contentListeners.delete(listener);
  }

  capabilities(): HostCapabilities {
    return { lists: this.session.canUseLists };
  }

  select(sheet: string, address: string): Promise<void> {
    return this.session.run((host) => host.select(sheet, address));
  }

  selection(): Promise<Selection | undefined> {
    return this.session.run((host) => host.selection());
  }

  async openWorkbook(xlsx: ArrayBuffer): Promise<boolean> {
    if (!Office.context.requirements.isSetSupported("ExcelApi", "1.8")) return false;
    let binary = "";
    const bytes = new Uint8Array(xlsx);
    for (let i = 0; i < bytes.length; i += 0x8000)
      binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
    await Excel.createWorkbook(btoa(binary));
    return true;
  }

  download(data: ArrayBuffer | Blob, name: string): void {
    downloadFile(data, name);
  }

  onSelectionChanged(listener: () => void): () => void {
    const handler = (): void => listener();
    Office.context.document.addHandlerAsync(Office.EventType.DocumentSelectionChanged, handler);
    return () =>
      Office.context.document.removeHandlerAsync(Office.EventType.DocumentSelectionChanged, {
        handler,
      });
  }
}

/** The task pane's workbook in Excel: Office.js through ExcelHost, one Excel.run per command. */
import { WorkbookGrids } from "../../workbook/grid";
import { WritePlan } from "../../workbook/writePlan";
import { downloadFile } from "../download";
import { HostCapabilities, Selection, WorkbookHost } from "../workbookHost";
import { ExcelHost } from "./excelHost";
import { XlContext } from "./officeApi";

export class OfficeWorkbookHost implements WorkbookHost {
  private readonly canSuspend = Office.context.requirements.isSetSupported("ExcelApi", "1.6");
  /** Data validation (drop-down lists) came with ExcelApi 1.8. */
  private readonly canList = Office.context.requirements.isSetSupported("ExcelApi", "1.8");
  /** The engine's sheets as the last command found them: the next read takes one sync. */
  private knownSheets?: string[];
  private knownCells?: number;

  private run<T>(fn: (host: ExcelHost) => Promise<T>): Promise<T> {
    // No cast: the compiler checks that Excel.RequestContext satisfies the narrow XlContext.
    return Excel.run((context: Excel.RequestContext) => {
      const narrow: XlContext = context;
      const host = new ExcelHost(narrow, {
        canSuspendCalculation: this.canSuspend,
        canUseLists: this.canList,
        knownSheets: this.knownSheets,
        knownCells: this.knownCells,
      });
      return fn(host).then((result) => {
        this.knownSheets = host.sheetNames();
        this.knownCells = host.approxCells();
        return result;
      });
    });
  }

  read(): Promise<WorkbookGrids> {
    return this.run(async (host) => (await host.read()).grids);
  }

  update<T extends { plan?: WritePlan }>(decide: (grids: WorkbookGrids) => T): Promise<T> {
    return this.run(async (host) => {
      const result = decide((await host.read()).grids);
      if (result.plan) {
        // Another user or the planner may have typed meanwhile: never write to rows that moved.
        await host.verifyUnchanged();
        await host.apply(result.plan);
      }
      return result;
    });
  }

  capabilities(): HostCapabilities {
    return { lists: this.canList };
  }

  select(sheet: string, address: string): Promise<void> {
    return this.run((host) => host.select(sheet, address));
  }

  selection(): Promise<Selection | undefined> {
    return this.run((host) => host.selection());
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

/** The in-memory host as the pane's tests use it: files handed to the user are kept, not downloaded. */
import { MemoryWorkbookHost } from "../../src/hosts/memory/memoryHost";
import { WorkbookGrids } from "../../src/workbook/grid";

export class TestHost extends MemoryWorkbookHost {
  constructor(grids: WorkbookGrids, culture = "en-CA") {
    super(grids, { culture });
  }

  readonly downloads: { data: ArrayBuffer | Blob; name: string }[] = [];

  override download(data: ArrayBuffer | Blob, name: string): void {
    this.downloads.push({ data, name });
  }
}

/** The in-memory host as the pane's tests use it: files handed to the user are kept, not downloaded. */
import { MemoryWorkbookHost } from "../../src/hosts/memory/memoryHost";

export class TestHost extends MemoryWorkbookHost {
  readonly downloads: { data: ArrayBuffer | Blob; name: string }[] = [];

  override download(data: ArrayBuffer | Blob, name: string): void {
    this.downloads.push({ data, name });
  }
}

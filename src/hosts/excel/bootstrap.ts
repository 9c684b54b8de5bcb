/**
 * Starting the task pane in Excel: the host, the Office theme. Outside Excel (a browser,
 * another Office application) the pane explains itself instead.
 */
import { WorkbookHost } from "../workbookHost";
import { OfficeWorkbookHost } from "./officeWorkbookHost";

export interface InExcel {
  host: WorkbookHost;
  /** Office's body background colour, to follow a dark theme. */
  background?: string;
}

/** Resolves once Office is ready: Excel's workbook host, or undefined outside Excel. */
export async function whenOfficeReady(): Promise<InExcel | undefined> {
  // office.js comes from Microsoft's CDN; without it (offline, blocked) there is no Excel.
  if (typeof Office === "undefined") return undefined;
  const info = await Office.onReady();
  if (info.host !== Office.HostType.Excel) return undefined;
  return {
    host: new OfficeWorkbookHost(),
    background: Office.context.officeTheme?.bodyBackgroundColor,
  };
}

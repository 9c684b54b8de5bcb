/**
 * Office errors as messages a planner can act on, chosen by `error.code` (never from
 * Office's own `error.message`, which is technical and not localized for users).
 */
const MESSAGES: Record<string, string> = {
  InvalidOperationInCellEditMode:
    "Excel is in cell-editing mode. Press Enter or Esc in the cell, then try again.",
  EditModeCellEditing:
    "Excel is in cell-editing mode. Press Enter or Esc in the cell, then try again.",
  RequestPayloadSizeLimitExceeded:
    "The change is too large for one request to Excel. Try again; if it persists, split the workbook.",
  ResponsePayloadSizeLimitExceeded:
    "A sheet is too large to read in one request. Try again; if it persists, split the workbook.",
  AccessDenied:
    "Excel refused the change: the workbook or a sheet is protected or read-only. Unprotect it, then try again.",
  ItemNotFound: "A sheet or table changed while the add-in was working. Try again.",
  ItemAlreadyExists:
    "A sheet or table with the same name already exists. Rename it, then try again.",
  InvalidArgument:
    "Excel did not accept the data written. Check the sheets for merged cells in the product's tables, then try again.",
  Conflict: "Someone else changed the workbook at the same time. Try again.",
  WorkbookChanged:
    "The workbook changed while the add-in was working (another user, or typing in a cell). Nothing was written. Try again.",
  ActivityLimitReached: "Excel is busy. Wait a moment, then try again.",
  RequestAborted: "The request to Excel was interrupted. Try again.",
  GeneralException: "Excel could not complete the change. Check the result, then try again.",
  UnsupportedOperation:
    "This version of Excel does not support that. Update Excel, or use Excel on the web.",
  ApiNotFound:
    "This version of Excel does not support that. Update Excel, or use Excel on the web.",
};

export function officeErrorMessage(error: unknown): string {
  const code =
    typeof error === "object" && error !== null && "code" in error
      ? String((error as { code: unknown }).code)
      : "";
  return (
    MESSAGES[code] ??
    "Something went wrong while working with the workbook. Try again; if it persists, reload the add-in."
  );
}

/**
 * Where issues are: the one place that turns an issue's record and field into a sheet
 * and a cell, and orders a report from top to bottom.
 */
import { Issue, IssueCode, Severity } from "../domain/issues";
import { RecordTable } from "../domain/model";
import { cellRef, parseCellRef, WorkbookGrids } from "./grid";
import { rowOf, Table } from "./table";

/** An issue as users, the CLI's JSON and the task pane see it. */
export interface LocatedIssue {
  severity: Severity;
  code: IssueCode;
  sheet: string;
  /** Bare A1 reference, e.g. `M7`. */
  cell: string;
  message: string;
  /** Set when the cell is in another workbook than the one worked on (a customer's copy). */
  workbook?: string;
}

/** The cell of `field` in a row of a table; column A when the table lacks the column. */
function cellOf(table: Table, row: number, field: string | undefined): string {
  const col = field === undefined ? undefined : table.cols.get(field);
  return cellRef(col ?? 0, row);
}

export function locate(
  i: Issue,
  tables: Partial<Record<RecordTable, Table>>,
  workbook?: string
): LocatedIssue {
  let sheet: string;
  let cell: string;
  let elsewhere = workbook;
  if ("source" in i.at) {
    const row = rowOf(i.at.source);
    sheet = row.table.sheet;
    cell = cellOf(row.table, row.row, i.at.field);
    elsewhere = row.table.workbook ?? workbook;
  } else if ("table" in i.at) {
    const table = tables[i.at.table];
    sheet = table?.sheet ?? i.at.table;
    cell = table ? cellOf(table, table.headerRow || 1, i.at.field) : "A1";
  } else {
    sheet = i.at.sheet;
    cell = i.at.cell;
  }
  const located: LocatedIssue = {
    severity: i.severity,
    code: i.code,
    sheet,
    cell,
    message: i.message,
  };
  if (elsewhere) located.workbook = elsewhere;
  return located;
}

/** Issues located and sorted by sheet (workbook order), then row, then column, so a report reads top to bottom. */
export function report(
  issues: readonly Issue[],
  tables: Partial<Record<RecordTable, Table>>,
  grids: WorkbookGrids
): LocatedIssue[] {
  const sheetOrder = new Map(grids.sheets.map((s, i) => [s.name.toLowerCase(), i]));
  return issues
    .map((issue, i) => {
      const located = locate(issue, tables);
      const at = parseCellRef(located.cell);
      return {
        located,
        i,
        s: sheetOrder.get(located.sheet.toLowerCase()) ?? -1,
        r: at?.row ?? 0,
        c: at?.col ?? 0,
      };
    })
    .sort((a, b) => a.s - b.s || a.r - b.r || a.c - b.c || a.i - b.i)
    .map((x) => x.located);
}

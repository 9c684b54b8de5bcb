/**
 * The History sheet: a host's update appends what the command did (the plan's `history`)
 * with when and where it ran. Rows already there are kept as they are, wherever the
 * planner sorted them; only new rows are written, after the command's other writes, so a
 * row never tells of a write that did not land.
 */
import type { HistoryPlace } from "../domain/history";
import { findSheet, WorkbookGrids } from "./grid";
import { recordRow, renderTable, RowToRender } from "./render";
import { HISTORY } from "./schema";
import { emptyTable, readTable } from "./table";
import { WritePlan } from "./writePlan";

export interface HistoryStamp {
  /** When the command ran: an Excel serial date-time in the planner's local time. */
  when: number;
  where: HistoryPlace;
}

const MS_PER_DAY = 86_400_000;
const UNIX_EPOCH_SERIAL = 25_569;

/** A moment as an Excel serial date-time of the local wall clock, to the second. */
export function localSerial(now: Date): number {
  const local = Date.UTC(
    now.getFullYear(),
    now.getMonth(),
    now.getDate(),
    now.getHours(),
    now.getMinutes(),
    now.getSeconds()
  );
  return Math.round((local / MS_PER_DAY + UNIX_EPOCH_SERIAL) * 86_400) / 86_400;
}

/** The plan with its history written as the History sheet's new rows (and `history` done). */
export function withHistory(plan: WritePlan, grids: WorkbookGrids, stamp: HistoryStamp): WritePlan {
  const { history, ...rest } = plan;
  if (!history?.length) return rest;
  const grid = findSheet(grids, HISTORY.name);
  const t = grid ? readTable(grid, HISTORY, []) : emptyTable(HISTORY);
  if (grid && !t.present) t.exists = true;
  const rows: RowToRender[] = t.rows.map((r) => ({ keepRow: r.row }));
  for (const e of history)
    rows.push(
      recordRow(HISTORY, {
        when: stamp.when,
        command: e.command,
        documentType: e.documentType,
        documentNo: e.documentNo,
        change: e.change,
        where: stamp.where,
      })
    );
  return {
    writes: [...rest.writes, renderTable(t, HISTORY, HISTORY.tableName, rows).write],
  };
}

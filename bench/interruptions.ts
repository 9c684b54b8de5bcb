/**
 * A command interrupted at every sync (Excel does not roll a failed batch back), then run
 * again, against the simulated Excel. Counts what must never happen: a second order for
 * one call-off, a document left incomplete that validate calls clean, and a retry that
 * does not end where an uninterrupted run ends. Used by the tests (small workbooks) and
 * the benchmarks (the sample and 10,000 lines).
 */
import { validate } from "../src/engine";
import { createOfficeSession, SessionResult } from "../src/hosts/excel/session";
import { SimSheet, SimulatedExcel, SimWorkbookState } from "../src/hosts/excel/simulator";
import { CellValue, WorkbookGrids } from "../src/workbook/grid";

export interface Scenario {
  name: string;
  grids: WorkbookGrids;
  /** The command, as the pane or a script runs it (a retry runs it again, the same way). */
  command: (session: ReturnType<typeof createOfficeSession>) => Promise<SessionResult>;
  maxRequestBytes?: number;
}

export interface SweepResult {
  scenario: string;
  maxRequestBytes?: number;
  /** Interrupted runs tried (a sync and a point within it each). */
  runs: number;
  /** Syncs of an uninterrupted run. */
  syncs: number;
  duplicates: number;
  /** A document differs from what a whole run makes, and validate reports no error. */
  hiddenIncomplete: number;
  /** The retry did not end as an uninterrupted run ends. */
  notFinished: number;
  examples: string[];
}

const gridsOf = (excel: SimulatedExcel): WorkbookGrids =>
  SimSheet.gridsOf(excel.workbook) as unknown as WorkbookGrids;

/** Rows of a sheet as records, by header. */
function rows(g: WorkbookGrids, sheet: string): Record<string, CellValue>[] {
  const s = g.sheets.find((x) => x.name === sheet);
  if (!s || !s.rows.length) return [];
  const headers = s.rows[0].map((h) => String(h ?? ""));
  return s.rows
    .slice(1)
    .filter((r) => r.some((v) => v !== null && v !== undefined && v !== ""))
    .map((r) => Object.fromEntries(headers.map((h, i) => [h, r[i] ?? null])));
}

/**
 * The documents of a workbook, numbers replaced by the order they first appear in (an
 * interrupted run may have used a number the retry then skips), as text per document.
 */
export function documents(g: WorkbookGrids, withRemaining = true): Map<string, string> {
  const numbers = new Map<string, string>();
  const n = (v: CellValue): string => {
    const k = String(v ?? "");
    if (!k) return "";
    if (!numbers.has(k)) numbers.set(k, `#${numbers.size + 1}`);
    return numbers.get(k)!;
  };
  const out = new Map<string, string>();
  const add = (doc: string, line: string): void => {
    out.set(doc, [...(out.get(doc) ?? "").split("\n").filter(Boolean), line].sort().join("\n"));
  };
  // A blanket assembly order's header columns are derived: its lines, under its link as
  // the engine reads it (from any of its rows).
  const bao = rows(g, "Blanket Assembly Orders");
  const link = new Map<string, string>();
  for (const r of bao)
    if (r["Blanket Order No."])
      link.set(
        String(r["Assembly Order No."]),
        `${r["Blanket Order No."]}/${r["Blanket Order Line No."]}`
      );
  for (const r of bao) {
    const to = link.get(String(r["Assembly Order No."]));
    if (to) add(`BAO ${to}`, [r["Line No."], r["No."], r["Quantity per"], r.Quantity].join("|"));
  }
  for (const r of rows(g, "Sales Orders")) {
    const so = n(r["Document No."]);
    add(
      `SO ${so}`,
      [
        r["Line No."],
        r["No."],
        r.Quantity,
        r["Blanket Order No."],
        r["Blanket Order Line No."],
        n(r["Assembly Order No."]),
      ].join("|")
    );
  }
  for (const r of rows(g, "Assembly Orders"))
    add(
      `AO ${n(r["Assembly Order No."])}`,
      [
        n(r["Sales Order No."]),
        r["Sales Order Line No."],
        r["Line No."],
        r["No."],
        r.Quantity,
      ].join("|")
    );
  for (const r of rows(g, "Blanket Orders"))
    add(
      `BLANKET ${r["Document No."]}`,
      [
        r["Line No."],
        r["Qty. to Ship"] || 0,
        r["Quantity Ordered"] || 0,
        withRemaining ? (r["Remaining Quantity"] ?? "") : "",
      ].join("|")
    );
  return out;
}

/** Interrupts the command at every sync of an uninterrupted run, at its start, middle and end. */
export async function sweep(s: Scenario): Promise<SweepResult> {
  const options = { today: "2027-01-15", maxRequestBytes: s.maxRequestBytes };
  const clean = new SimulatedExcel(SimWorkbookState.from(s.grids));
  const first = await s.command(createOfficeSession(clean, options));
  if (!first.ok)
    throw new Error(`${s.name}: the command itself fails: ${JSON.stringify(first.issues[0])}`);
  const whole = documents(gridsOf(clean));
  const wholeDecisive = documents(gridsOf(clean), false);
  const beforeDecisive = documents(s.grids, false);
  const salesOrders = (d: Map<string, string>) =>
    [...d.keys()].filter((k) => k.startsWith("SO ")).length;
  const result: SweepResult = {
    scenario: s.name,
    maxRequestBytes: s.maxRequestBytes,
    runs: 0,
    syncs: clean.records.length,
    duplicates: 0,
    hiddenIncomplete: 0,
    notFinished: 0,
    examples: [],
  };
  const note = (text: string): void => {
    if (result.examples.length < 5) result.examples.push(text);
  };
  for (let sync = 1; sync <= clean.records.length; sync++) {
    const ops = clean.records[sync - 1].ops.length;
    for (const afterOps of [...new Set([0, Math.floor(ops / 2), ops])]) {
      result.runs++;
      const excel = new SimulatedExcel(SimWorkbookState.from(s.grids));
      excel.failAt = { sync, afterOps };
      const failed = await s.command(createOfficeSession(excel, options)).then(
        () => false,
        () => true
      );
      excel.failAt = undefined;
      if (!failed) continue;
      const cut = gridsOf(excel);
      // Remaining Quantity follows Quantity Ordered; what decides is the rest.
      const now = documents(cut, false);
      const changed = [...now].filter(
        ([k, v]) => v !== wholeDecisive.get(k) && v !== beforeDecisive.get(k)
      );
      if (changed.length && validate(cut).errors === 0) {
        result.hiddenIncomplete++;
        note(
          `sync ${sync}/${afterOps}: ${changed.map(([k]) => k).join(", ")} incomplete, validate clean`
        );
      }
      // The pane reloaded, or the script retried: a new session, the same command.
      await s.command(createOfficeSession(excel, options));
      const after = documents(gridsOf(excel));
      if (salesOrders(after) > salesOrders(whole)) {
        result.duplicates++;
        note(`sync ${sync}/${afterOps}: ${salesOrders(after)} sales orders after the retry`);
      }
      const differs = [...new Set([...after.keys(), ...whole.keys()])].filter(
        (k) => after.get(k) !== whole.get(k)
      );
      if (differs.length) {
        result.notFinished++;
        note(`sync ${sync}/${afterOps}: after the retry ${differs.join(", ")} differ`);
      }
    }
  }
  return result;
}

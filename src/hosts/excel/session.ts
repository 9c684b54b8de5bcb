/**
 * The task pane's commands as a library (docs/office.md): `createOfficeSession(Excel)`
 * runs validate, assemble, forecast, make order and the template in Excel through the
 * very host the pane uses, one `Excel.run` per command, remembering between commands
 * what the pane remembers. Built into lib/office by `npm run build:cli`.
 */
import { isoToSerial, todaySerial } from "../../domain/dates";
import { MESSAGES } from "../../domain/issues";
import {
  assemble,
  CommandResult,
  forecast,
  LocatedIssue,
  makeOrder,
  rollUp,
  template,
  validate,
} from "../../engine";
import { WorkbookGrids } from "../../workbook/grid";
import { localSerial, withHistory } from "../../workbook/history";
import { INPUT_SHEETS } from "../../workbook/schema";
import { isEmptyPlan, WritePlan } from "../../workbook/writePlan";
import { withinCapabilities } from "../workbookHost";
import { ExcelHost, HostMemory, newHostMemory, WorkbookChangedError } from "./excelHost";
import { XlContext, XlNamespace } from "./officeApi";

export interface OfficeSessionOptions {
  /** Today as YYYY-MM-DD (default: the current date). */
  today?: string;
  /** The most bytes one sync's writes carry, about (default 4,000,000). */
  maxRequestBytes?: number;
  /** Which requirement sets the client has (default: Office's, else what the manifest declares). */
  isSetSupported?: (name: string, version: string) => boolean;
  /** The clock for the History sheet's When (default: the system clock). */
  now?: () => Date;
}

/** The JSON the CLI prints for a command. */
export interface SessionResult {
  ok: boolean;
  errors: number;
  warnings: number;
  issues: LocatedIssue[];
  [extra: string]: unknown;
}

/** What Office itself says it supports, where Office is loaded; else the manifest's ExcelApi 1.4. */
function officeRequirements(name: string, version: string): boolean {
  const requirements = (
    globalThis as {
      Office?: { context?: { requirements?: { isSetSupported(n: string, v: string): boolean } } };
    }
  ).Office?.context?.requirements;
  if (requirements) return requirements.isSetSupported(name, version);
  return name === "ExcelApi" && Number(version) <= 1.4;
}

export class OfficeSession {
  private readonly memory: HostMemory = newHostMemory();
  private readonly supports: (name: string, version: string) => boolean;

  constructor(
    private readonly excel: XlNamespace,
    private readonly options: OfficeSessionOptions = {}
  ) {
    this.supports = options.isSetSupported ?? officeRequirements;
  }

  /** Drop-down lists need ExcelApi 1.8 (data validation). */
  get canUseLists(): boolean {
    return this.supports("ExcelApi", "1.8");
  }

  /** One `Excel.run` with the session's host. */
  run<T>(work: (host: ExcelHost) => Promise<T>): Promise<T> {
    return this.excel.run((context: XlContext) =>
      work(
        new ExcelHost(context, {
          maxRequestBytes: this.options.maxRequestBytes,
          canSuspendCalculation: this.supports("ExcelApi", "1.6"),
          canUseLists: this.canUseLists,
          memory: this.memory,
        })
      )
    );
  }

  read(): Promise<WorkbookGrids> {
    return this.run(async (host) => (await host.read()).grids);
  }

  /**
   * Reads, lets `decide` compute from the grids, checks that what the plan writes over did
   * not change meanwhile (WorkbookChangedError, nothing written), and applies the plan.
   */
  update<T extends { plan?: WritePlan }>(decide: (grids: WorkbookGrids) => T): Promise<T> {
    return this.run(async (host) => {
      const grids = (await host.read()).grids;
      const result = decide(grids);
      if (!result.plan) return result;
      const plan = withHistory(result.plan, grids, {
        when: localSerial(this.options.now?.() ?? new Date()),
        where: "Excel",
      });
      if (!isEmptyPlan(plan)) {
        await host.verifyUnchanged(plan);
        await host.apply(plan);
      }
      return { ...result, plan };
    });
  }

  private today(): number {
    const given = this.options.today === undefined ? undefined : isoToSerial(this.options.today);
    if (this.options.today !== undefined && given === undefined)
      throw Object.assign(new Error(`today: ${this.options.today} is not a date as YYYY-MM-DD`), {
        code: "InvalidArgument",
      });
    return given ?? todaySerial();
  }

  /** The CLI's JSON for a command, or WORKBOOK_CHANGED when the workbook changed under it. */
  private async command<T extends CommandResult>(
    decide: (grids: WorkbookGrids) => T,
    extra: (r: T) => Record<string, unknown> = () => ({})
  ): Promise<SessionResult> {
    try {
      const r = await this.update(decide);
      return { ok: r.ok, errors: r.errors, warnings: r.warnings, issues: r.issues, ...extra(r) };
    } catch (error) {
      if (!(error instanceof WorkbookChangedError)) throw error;
      const issue: LocatedIssue = {
        severity: "error",
        code: "WORKBOOK_CHANGED",
        sheet: error.sheet,
        cell: error.cell,
        message: MESSAGES.workbookChanged(error.sheet, error.cell),
      };
      return { ok: false, errors: 1, warnings: 0, issues: [issue] };
    }
  }

  validate(): Promise<SessionResult> {
    return this.command((g) => validate(g));
  }

  assemble(): Promise<SessionResult> {
    return this.command(
      (g) => assemble(g),
      (r) => ({ created: r.created, kept: r.kept, rebuilt: r.rebuilt, removed: r.removed })
    );
  }

  forecast(options: { by?: "month" | "week" } = {}): Promise<SessionResult> {
    const by = options.by ?? "month";
    return this.command(
      (g) => forecast(g, by),
      (r) => ({ rows: r.rows.length, by })
    );
  }

  makeOrder(options: {
    order: string;
    date?: string;
    ship?: Record<number | string, number>;
    attemptId?: string;
  }): Promise<SessionResult> {
    const orderDate = options.date === undefined ? this.today() : isoToSerial(options.date);
    if (orderDate === undefined)
      return Promise.reject(
        Object.assign(new Error(`date: ${options.date} is not a date as YYYY-MM-DD`), {
          code: "InvalidArgument",
        })
      );
    const qtyToShip = options.ship
      ? new Map(Object.entries(options.ship).map(([line, q]) => [Number(line), q]))
      : undefined;
    return this.command(
      (g) =>
        makeOrder(g, {
          blanketOrderNo: options.order,
          orderDate,
          qtyToShip,
          attemptId: options.attemptId,
        }),
      (r) => (r.ok ? { salesOrder: r.salesOrder, assemblyOrders: r.assemblyOrders } : {})
    );
  }

  /** Roll Up Price (default) or Cost of an order's assemble-to-order lines, or of one line. */
  rollUp(options: {
    order: string;
    line?: number;
    kind?: "price" | "cost";
  }): Promise<SessionResult> {
    const kind = options.kind ?? "price";
    return this.command(
      (g) => rollUp(g, { blanketOrderNo: options.order, lineNo: options.line, kind }),
      (r) => ({ kind, lines: r.lines })
    );
  }

  /** Adds the input sheets the workbook lacks; never touches existing ones. */
  template(): Promise<SessionResult> {
    return this.command(
      (g) => {
        const missing = INPUT_SHEETS.filter(
          (s) => !g.sheets.some((x) => x.name.toLowerCase() === s.name.toLowerCase())
        ).map((s) => s.name);
        const all = template();
        const plan = withinCapabilities(
          { writes: all.writes.filter((w) => missing.includes(w.sheet)) },
          { lists: this.canUseLists }
        ).plan;
        return { ok: true, errors: 0, warnings: 0, issues: [], plan, created: missing };
      },
      (r) => ({ created: r.created })
    );
  }
}

/** The task pane's commands without the pane: for scripts, other add-ins and tests. */
export function createOfficeSession(
  excel: XlNamespace,
  options: OfficeSessionOptions = {}
): OfficeSession {
  return new OfficeSession(excel, options);
}

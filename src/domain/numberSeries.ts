/**
 * Number series (workbook.md, Setup): a first number is a prefix and a counter; a new
 * document takes one past the higher of `Last No. Used` and the highest number of the
 * series already on its sheets, so a number is never used twice.
 */
import type { ParsedWorkbook } from "../workbook/parse";
import { cellRef } from "../workbook/grid";
import { key, MESSAGES } from "./issues";

export const SERIES_DEFAULTS = {
  "Sales Order Nos.": "SO-0001",
  "Assembly Order Nos.": "AO-0001",
  "Blanket Assembly Order Nos.": "BA-0001",
} as const;

export type SeriesName = keyof typeof SERIES_DEFAULTS;

export class NumberSeries {
  private counter: number;
  last?: string;

  constructor(
    readonly setting: SeriesName,
    readonly prefix: string,
    private readonly width: number,
    private readonly first: number,
    highestUsed: number | undefined
  ) {
    this.counter = highestUsed ?? first - 1;
  }

  /** The counter of a number of this series, if it is one. */
  static counterOf(prefix: string, no: string): number | undefined {
    if (key(no.slice(0, prefix.length)) !== key(prefix)) return undefined;
    const rest = no.slice(prefix.length);
    return /^\d+$/.test(rest) ? Number(rest) : undefined;
  }

  next(): string {
    this.counter = Math.max(this.counter + 1, this.first);
    this.last = this.prefix + String(this.counter).padStart(this.width, "0");
    return this.last;
  }
}

/**
 * The series for a setting, continued from the workbook. `used` lists the document
 * numbers already on the sheets that share the series. Logs VALUE_INVALID (scope
 * `setup`) and returns undefined when the Setup value has no digits.
 */
export function openSeries(
  wb: ParsedWorkbook,
  setting: SeriesName,
  used: Iterable<string>
): NumberSeries | undefined {
  const row = wb.setup.find((s) => key(s.setting) === key(setting));
  const firstNo = row?.value || SERIES_DEFAULTS[setting];
  const m = /^(.*?)(\d+)$/.exec(firstNo);
  if (!m) {
    const t = wb.tables.setup;
    wb.log.add(
      "VALUE_INVALID",
      t.sheet,
      cellRef(t.cols.get("value") ?? 1, row?.row ?? 1),
      MESSAGES.setupSeries(setting, firstNo),
      ["setup"]
    );
    return undefined;
  }
  const [, prefix, digits] = m;
  let highest: number | undefined;
  const consider = (no: string | undefined): void => {
    if (!no) return;
    const c = NumberSeries.counterOf(prefix, no);
    if (c !== undefined && (highest === undefined || c > highest)) highest = c;
  };
  consider(row?.lastNoUsed);
  for (const no of used) consider(no);
  return new NumberSeries(setting, prefix, digits.length, Number(digits), highest);
}

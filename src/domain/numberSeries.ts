/**
 * Number series (docs/workbook.md, Setup): a first number is a prefix and a counter; a new
 * document takes one past the higher of `Last No. Used` and the highest number of the
 * series already on its sheets, so a number is never used twice.
 */
import { issue, Issue, MESSAGES } from "./issues";
import { key, Records } from "./model";

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
 * numbers already on the sheets that share the series. A Setup value without digits is
 * a VALUE_INVALID issue instead.
 */
export function openSeries(
  records: Pick<Records, "setup">,
  setting: SeriesName,
  used: Iterable<string>
): NumberSeries | Issue {
  const row = records.setup.find((s) => key(s.setting) === key(setting));
  const firstNo = row?.value || SERIES_DEFAULTS[setting];
  const m = /^(.*?)(\d+)$/.exec(firstNo);
  if (!m) {
    return issue(
      "VALUE_INVALID",
      row ? { source: row.source, field: "value" } : { table: "setup", field: "value" },
      MESSAGES.setupSeries(setting, firstNo),
      ["setup"]
    );
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

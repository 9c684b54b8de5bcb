/**
 * The workbook's culture, for what the pane shows and parses: numbers with its decimal and
 * group separators, dates in its short date order. The sheets keep real numbers and dates;
 * only the pane's text follows the culture. Excel gives it (application.cultureInfo,
 * ExcelApi 1.11); else Office's display language; in the browser, the browser's language.
 */
import { calendarSerial, serialToDate } from "../domain/dates";

export interface Culture {
  /** A BCP 47 name such as sv-SE. */
  locale: string;
  decimalSeparator: string;
  groupSeparator: string;
}

/** A culture from its name, separators from Intl unless given (Excel's own settings win). */
export function cultureOf(
  locale: string | undefined,
  separators: { decimal?: string; group?: string } = {}
): Culture {
  let name = "en-US";
  try {
    name = Intl.getCanonicalLocales(locale || "en-US")[0] ?? "en-US";
  } catch {
    name = "en-US";
  }
  const parts = new Intl.NumberFormat(name).formatToParts(12345.6);
  return {
    locale: name,
    decimalSeparator: separators.decimal || (parts.find((p) => p.type === "decimal")?.value ?? "."),
    groupSeparator: separators.group ?? parts.find((p) => p.type === "group")?.value ?? ",",
  };
}

let current: Culture = cultureOf(globalThis.navigator?.language);

/** The culture the pane formats and parses with (set by the task provider). */
export function currentCulture(): Culture {
  return current;
}

export function setCulture(c: Culture): void {
  current = c;
}

const SPACES = /[\s\u00a0\u202f]/g;

/**
 * A number as the planner types it in the culture: "1,5" in sv-SE, "1.5" in en-US; group
 * separators allowed between groups of three; a point is a decimal point too where it is
 * not the group separator. Blank is null; anything else (words, two signs) undefined.
 */
export function parseNumber(text: string, c: Culture = current): number | null | undefined {
  let t = text.trim();
  if (t === "") return null;
  const group = c.groupSeparator.replace(SPACES, " ");
  t = t.replace(SPACES, " ");
  if (group && group !== c.decimalSeparator) {
    const grouped = new RegExp(
      `^[+]?\\d{1,3}(${escape(group)}\\d{3})+(${escape(c.decimalSeparator)}\\d*)?$`
    );
    if (grouped.test(t)) t = t.split(group).join("");
  }
  if (c.decimalSeparator !== ".") {
    if (group === "." && t.includes(".")) return undefined;
    t = t.split(c.decimalSeparator).join(".");
  }
  if (!/^[+]?(\d+(\.\d*)?|\.\d+)$/.test(t)) return undefined;
  return Number(t);
}

const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

const numberFormats = new Map<string, Intl.NumberFormat>();

/** A number in the culture, with these many decimals at most (and at least). */
export function formatNumber(n: number, max: number, min = 0, c: Culture = current): string {
  const k = `${c.locale}|${max}|${min}`;
  let f = numberFormats.get(k);
  if (!f) {
    f = new Intl.NumberFormat(c.locale, { maximumFractionDigits: max, minimumFractionDigits: min });
    numberFormats.set(k, f);
  }
  // Excel's separators where they differ from the locale's defaults.
  return f
    .formatToParts(n)
    .map((p) =>
      p.type === "decimal" ? c.decimalSeparator : p.type === "group" ? c.groupSeparator : p.value
    )
    .join("");
}

/** The culture's short date, with a four-digit year: 2026-12-01 in sv-SE, 12/01/2026 in en-US. */
export function formatDateIn(serial: number, c: Culture = current): string {
  return new Intl.DateTimeFormat(c.locale, {
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    timeZone: "UTC",
  }).format(serialToDate(serial));
}

/** A date typed in the culture's short date order, or as YYYY-MM-DD; undefined if it is none. */
export function parseDateIn(text: string, c: Culture = current): number | undefined {
  const t = text.trim();
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(t);
  const order = new Intl.DateTimeFormat(c.locale, {
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    timeZone: "UTC",
  })
    .formatToParts(new Date(Date.UTC(2026, 11, 31)))
    .filter((p) => p.type === "year" || p.type === "month" || p.type === "day")
    .map((p) => p.type);
  const fields = iso
    ? { year: iso[1], month: iso[2], day: iso[3] }
    : (() => {
        const m = /^(\d{1,4})\D+(\d{1,2})\D+(\d{1,4})\D*$/.exec(t);
        if (!m) return undefined;
        return Object.fromEntries(order.map((type, i) => [type, m[i + 1]])) as Record<
          "year" | "month" | "day",
          string
        >;
      })();
  if (!fields) return undefined;
  const year = Number(fields.year);
  const month = Number(fields.month);
  const day = Number(fields.day);
  if (fields.year.length !== 4 || month < 1 || month > 12 || day < 1) return undefined;
  const serial = calendarSerial(year, month, day);
  // 2027-02-30 is not a date (Date.UTC would roll it over to March).
  return serialToDate(serial).getUTCDate() === day ? serial : undefined;
}

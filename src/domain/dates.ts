/** Dates as Excel serial numbers (days since 1899-12-30), the way the workbook stores them. */

const MS_PER_DAY = 86_400_000;
/** Excel's serial 25569 is 1970-01-01. */
const UNIX_EPOCH_SERIAL = 25569;

export function isoToSerial(text: string): number | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!m) return undefined;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const t = Date.UTC(y, mo - 1, d);
  const back = new Date(t);
  if (
    back.getUTCFullYear() !== y ||
    back.getUTCMonth() !== mo - 1 ||
    back.getUTCDate() !== d ||
    y < 1900
  )
    return undefined;
  return t / MS_PER_DAY + UNIX_EPOCH_SERIAL;
}

export function serialToIso(serial: number): string {
  return serialToDate(serial).toISOString().slice(0, 10);
}

/** The UTC midnight of a serial's day. */
export function serialToDate(serial: number): Date {
  return new Date((Math.floor(serial) - UNIX_EPOCH_SERIAL) * MS_PER_DAY);
}

export function dateToSerial(d: Date): number {
  return Math.round(d.getTime() / MS_PER_DAY) + UNIX_EPOCH_SERIAL;
}

/** A calendar date (year, month, day as a person means them) as a serial. */
export function calendarSerial(year: number, month: number, day: number): number {
  return Math.floor(Date.UTC(year, month - 1, day) / MS_PER_DAY) + UNIX_EPOCH_SERIAL;
}

/** Today in local time, as a serial. */
export function todaySerial(now = new Date()): number {
  return calendarSerial(now.getFullYear(), now.getMonth() + 1, now.getDate());
}

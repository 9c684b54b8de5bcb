/** Display helpers for the pane. */
import { serialToIso } from "../workbook/table";

const qty = new Intl.NumberFormat(undefined, { maximumFractionDigits: 5 });

export function formatQuantity(n: number | undefined): string {
  return n === undefined || Number.isNaN(n) ? "" : qty.format(n);
}

export function formatDate(serial: number | undefined): string {
  return serial === undefined ? "" : serialToIso(serial);
}

/** Today as an Excel serial number. */
export function todaySerial(now = new Date()): number {
  return (
    Math.floor(Date.UTC(now.getFullYear(), now.getMonth(), now.getDate()) / 86_400_000) + 25569
  );
}

/** Parses what a planner types into a quantity box: blank is null, anything else a plain decimal. */
export function parseQuantityInput(text: string): number | null | undefined {
  const t = text.trim();
  if (t === "") return null;
  if (!/^[+]?(\d+(\.\d*)?|\.\d+)$/.test(t)) return undefined;
  return Number(t);
}

/** "1 error", "2 errors". */
export function count(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? "" : "s"}`;
}

/** Display helpers for the pane. */
import { formatDateIn, formatNumber, parseNumber } from "./culture";
import type { BlanketOrderStatus } from "../engine";

export { todaySerial } from "../domain/dates";

/** A quantity in the workbook's culture (up to 5 decimals, as BC rounds them). */
export function formatQuantity(n: number | undefined): string {
  return n === undefined || Number.isNaN(n) ? "" : formatNumber(n, 5);
}

/** An amount in the workbook's culture, with 2 decimals. */
export function formatAmount(n: number | undefined): string {
  return n === undefined || Number.isNaN(n) ? "" : formatNumber(n, 2, 2);
}

/** A unit amount (a price or cost per unit): 2 to 5 decimals, as BC's unit-amount precision. */
export function formatUnitAmount(n: number | undefined): string {
  return n === undefined || Number.isNaN(n) ? "" : formatNumber(n, 5, 2);
}

/** A date in the workbook's culture's short date format. */
export function formatDate(serial: number | undefined): string {
  return serial === undefined ? "" : formatDateIn(serial);
}

/** Parses what a planner types into a quantity box, in the workbook's culture: blank is null, a non-number undefined. */
export function parseQuantityInput(text: string): number | null | undefined {
  return parseNumber(text);
}

/** "1 error", "2 errors". */
export function count(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? "" : "s"}`;
}

/** What is left of a blanket order, per unit of measure: "40 BOX, 30 PCS remaining". */
export function remainingText(order: BlanketOrderStatus): string {
  const byUnit = new Map<string, number>();
  for (const l of order.lines)
    if (l.type === "Item")
      byUnit.set(l.unitOfMeasureCode, (byUnit.get(l.unitOfMeasureCode) ?? 0) + l.remainingQuantity);
  const parts = [...byUnit].map(([unit, q]) => `${formatQuantity(q)} ${unit}`);
  return parts.length ? `${parts.join(", ")} remaining` : "nothing remaining";
}

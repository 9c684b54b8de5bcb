/** Display helpers for the pane. */
import { serialToIso } from "../domain/dates";
import type { BlanketOrderStatus } from "../engine";

export { todaySerial } from "../domain/dates";

const qty = new Intl.NumberFormat(undefined, { maximumFractionDigits: 5 });

export function formatQuantity(n: number | undefined): string {
  return n === undefined || Number.isNaN(n) ? "" : qty.format(n);
}

const amount = new Intl.NumberFormat(undefined, {
  minimumFractionDigits: 2,
  maximumFractionDigits: 2,
});

export function formatAmount(n: number | undefined): string {
  return n === undefined || Number.isNaN(n) ? "" : amount.format(n);
}

export function formatDate(serial: number | undefined): string {
  return serial === undefined ? "" : serialToIso(serial);
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

/** What is left of a blanket order, per unit of measure: "40 BOX, 30 PCS remaining". */
export function remainingText(order: BlanketOrderStatus): string {
  const byUnit = new Map<string, number>();
  for (const l of order.lines)
    if (l.type === "Item")
      byUnit.set(l.unitOfMeasureCode, (byUnit.get(l.unitOfMeasureCode) ?? 0) + l.remainingQuantity);
  const parts = [...byUnit].map(([unit, q]) => `${formatQuantity(q)} ${unit}`);
  return parts.length ? `${parts.join(", ")} remaining` : "nothing remaining";
}

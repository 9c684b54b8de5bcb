/**
 * Component forecast: what the remaining blanket quantities will need, per component and
 * period, from each line's blanket assembly order (customizations included), beside what
 * the assembly orders already made need.
 */
import { BlanketIndex, blanketAssemblyOrderOf, quantityOrdered } from "./blanketIndex";
import { explodeBom } from "./blanketAssembly";
import { dateToSerial, serialToDate } from "./dates";
import { callOffHistory, restOfNeed } from "./callOffHistory";
import { AssemblyLine, key, LineType } from "./model";
import { addQty, mulQty, subQty } from "./quantity";
import { unitFactor } from "./units";

export type PeriodKind = "month" | "week";

export interface ForecastRow {
  period: string;
  /** Excel serial of the period's first day; undefined for lines without a date. */
  periodStart?: number;
  type: LineType;
  no: string;
  description?: string;
  unitOfMeasureCode: string;
  /** Needed for Blanket Orders: what the remaining blanket quantities will take. */
  blanketNeed: number;
  /** Needed for Assembly Orders: what assembly orders already made take. */
  assemblyNeed: number;
}

const MS_PER_DAY = 86_400_000;

/** The period a date falls in: `2027-03` from its first day, or ISO week `2027-W09` from its Monday. */
export function periodOf(
  serial: number | undefined,
  by: PeriodKind
): { period: string; start?: number } {
  if (serial === undefined) return { period: "(no date)" };
  const d = serialToDate(serial);
  if (by === "month") {
    const start = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1));
    return {
      period: `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, "0")}`,
      start: dateToSerial(start),
    };
  }
  const weekday = (d.getUTCDay() + 6) % 7; // Monday = 0
  const monday = new Date(d.getTime() - weekday * MS_PER_DAY);
  // ISO week: the week with the year's first Thursday is week 1.
  const thursday = new Date(monday.getTime() + 3 * MS_PER_DAY);
  const yearStart = Date.UTC(thursday.getUTCFullYear(), 0, 1);
  const week = Math.floor((thursday.getTime() - yearStart) / (7 * MS_PER_DAY)) + 1;
  return {
    period: `${thursday.getUTCFullYear()}-W${String(week).padStart(2, "0")}`,
    start: dateToSerial(monday),
  };
}

interface Bucket extends ForecastRow {
  sortKey: string;
}

export function componentForecast(index: BlanketIndex, by: PeriodKind): ForecastRow[] {
  const records = index.records;
  const buckets = new Map<string, Bucket>();
  const add = (
    serial: number | undefined,
    l: Pick<AssemblyLine, "type" | "no" | "unitOfMeasureCode" | "description">,
    quantity: number,
    column: "blanketNeed" | "assemblyNeed"
  ): void => {
    if (l.type === "Comment" || quantity === 0) return;
    // Items in their base unit, so needs in boxes and pieces add up.
    const item = l.type === "Item" ? records.items.get(key(l.no)) : undefined;
    const resource = l.type === "Resource" ? records.resources.get(key(l.no)) : undefined;
    const factor = item ? (unitFactor(records, l.no, l.unitOfMeasureCode) ?? 1) : 1;
    const uom = item
      ? item.baseUnitOfMeasure
      : (l.unitOfMeasureCode ?? resource?.baseUnitOfMeasure ?? "");
    const { period, start } = periodOf(serial, by);
    const k = `${period}\u0000${l.type}\u0000${key(l.no)}\u0000${key(uom)}`;
    let b = buckets.get(k);
    if (!b) {
      const description = item?.description ?? resource?.name ?? l.description;
      b = {
        period,
        periodStart: start,
        type: l.type,
        no: l.no,
        description,
        unitOfMeasureCode: uom,
        blanketNeed: 0,
        assemblyNeed: 0,
        sortKey: `${start ?? 99999999}\u0000${l.type}\u0000${key(l.no)}`,
      };
      buckets.set(k, b);
    }
    b[column] = addQty(b[column], mulQty(quantity, factor));
  };

  for (const order of records.blanketOrders.values()) {
    for (const line of order.lines) {
      if (line.type !== "Item" || !line.valid || line.qtyToAssembleToOrder <= 0) continue;
      const remaining = subQty(line.quantity, quantityOrdered(index, line));
      if (remaining <= 0) continue;
      const agreed = blanketAssemblyOrderOf(index, line);
      const lines = agreed
        ? agreed.lines
        : explodeBom(
            records,
            line.no,
            unitFactor(records, line.no, line.unitOfMeasureCode) ?? 1,
            line.qtyToAssembleToOrder
          );
      const history = callOffHistory(index, line);
      for (const l of lines) {
        if (l.type === "Comment") continue;
        // Fixed resources: once for the assembly orders still to come; the others, what
        // the call-offs still to come will take, as Make Order computes it.
        const need =
          l.type === "Resource" && l.resourceUsageType === "Fixed"
            ? l.quantityPer
            : restOfNeed(history, l, remaining);
        add(line.shipmentDate, l, need, "blanketNeed");
      }
    }
  }
  for (const l of records.assemblyOrderLines) add(l.dueDate, l, l.quantity, "assemblyNeed");
  return [...buckets.values()]
    .sort((x, y) => (x.sortKey < y.sortKey ? -1 : x.sortKey > y.sortKey ? 1 : 0))
    .map((b): ForecastRow => ({
      period: b.period,
      periodStart: b.periodStart,
      type: b.type,
      no: b.no,
      description: b.description,
      unitOfMeasureCode: b.unitOfMeasureCode,
      blanketNeed: b.blanketNeed,
      assemblyNeed: b.assemblyNeed,
    }));
}

/**
 * What earlier call-offs of a blanket line used, read from their assembly orders (BC keeps
 * the same in the assembly orders it made from the blanket order): per component line,
 * the Quantity per and unit each call-off used, its Assembly Quantity and the Quantity it
 * took. Conservation and the warnings about changes after call-offs (docs/rules.md,
 * "Changes after call-offs") are computed from it.
 */
import { assemblyLinesOf, BlanketIndex } from "./blanketIndex";
import { AssemblyLine, AssemblyOrderLine, BlanketOrderLine, key } from "./model";
import { subQty, sumOfProductsQty, sumQty } from "./quantity";

/** One component line of one earlier call-off's assembly order. */
export interface ComponentUse {
  assemblyOrderNo: string;
  salesOrderNo?: string;
  line: AssemblyOrderLine;
  /** The assembly order's Assembly Quantity (the sales line's Quantity). */
  assemblyQuantity: number;
}

/** An earlier call-off's assembly order: its lines by Line No. */
export interface EarlierCallOff {
  assemblyOrderNo: string;
  salesOrderNo?: string;
  assemblyQuantity: number;
  lines: Map<number, AssemblyOrderLine>;
}

export interface CallOffHistory {
  /** The earlier call-offs, oldest first (sales lines are appended). */
  callOffs: EarlierCallOff[];
  /** Per component line (componentKey), its uses, oldest first. */
  uses: Map<string, ComponentUse[]>;
}

/** Identifies a component line across a blanket assembly order and its assembly orders. */
export const componentKey = (l: Pick<AssemblyLine, "lineNo" | "type" | "no">): string =>
  `${l.lineNo}\u0000${l.type}\u0000${key(l.no)}`;

/** The assembly orders of a blanket line's earlier call-offs and what each took. */
export function callOffHistory(index: BlanketIndex, line: BlanketOrderLine): CallOffHistory {
  const callOffs: EarlierCallOff[] = [];
  const byNumber = new Map<string, EarlierCallOff>();
  for (const s of index.salesLinesOf.get(line) ?? []) {
    if (!s.assemblyOrderNo || byNumber.has(key(s.assemblyOrderNo))) continue;
    const callOff: EarlierCallOff = {
      assemblyOrderNo: s.assemblyOrderNo,
      salesOrderNo: s.documentNo,
      assemblyQuantity: s.quantity,
      lines: new Map(),
    };
    byNumber.set(key(s.assemblyOrderNo), callOff);
    callOffs.push(callOff);
  }
  const uses = new Map<string, ComponentUse[]>();
  for (const callOff of callOffs) {
    for (const l of assemblyLinesOf(index, callOff.assemblyOrderNo)) {
      callOff.lines.set(l.lineNo, l);
      if (l.type === "Comment") continue;
      // The order's own Assembly Quantity where its sheet states it; else its sales line's.
      const assemblyQuantity = Number.isFinite(l.assemblyQuantity)
        ? l.assemblyQuantity!
        : callOff.assemblyQuantity;
      const k = componentKey(l);
      const list = uses.get(k);
      const use = {
        assemblyOrderNo: callOff.assemblyOrderNo,
        salesOrderNo: callOff.salesOrderNo,
        line: l,
        assemblyQuantity,
      };
      if (list) list.push(use);
      else uses.set(k, [use]);
    }
  }
  return { callOffs, uses };
}

/** What earlier call-offs took of a component line. */
export function takenBy(uses: readonly ComponentUse[]): number {
  return sumQty(uses.map((u) => u.line.quantity));
}

/**
 * What the agreement needs of a component line, exact to 0.00001: each earlier call-off's
 * Quantity per x Assembly Quantity as its assembly order states it, plus `quantityPer` x
 * `quantity` for what is called off now or remains (docs/rules.md, conservation).
 */
export function neededWith(
  uses: readonly ComponentUse[],
  quantityPer: number,
  quantity: number
): number {
  return sumOfProductsQty([
    ...uses.map((u): [number, number] =>
      // A line without a readable Quantity per counts as what it took.
      Number.isFinite(u.line.quantityPer)
        ? [u.line.quantityPer, u.assemblyQuantity]
        : [u.line.quantity, 1]
    ),
    [quantityPer, quantity],
  ]);
}

/**
 * What a component line takes of what the agreement still needs of it, with this
 * call-off: the agreement's need as earlier call-offs used it plus `quantityPer` x the
 * quantity still to come, less what earlier call-offs took (docs/rules.md, conservation).
 */
export function restOfNeed(history: CallOffHistory, l: AssemblyLine, stillToCome: number): number {
  const uses = history.uses.get(componentKey(l)) ?? [];
  return Math.max(0, subQty(neededWith(uses, l.quantityPer, stillToCome), takenBy(uses)));
}

/**
 * What blocks what (docs/rules.md, "What blocks what"): errors stop only the commands that need the
 * faulty data. Warnings never block.
 */
import { isError, Issue, Subject } from "./issues";
import { BlanketIndex, blanketAssemblyOrderOf } from "./blanketIndex";
import { BlanketOrder, BlanketOrderLine, key } from "./model";
import { calledOffLines } from "./makeOrder";

/** Call-offs and the documents made from them: assemble and the forecast do not read them. */
const isCallOffData = (s: Subject): boolean =>
  s.startsWith("callOff:") ||
  s.startsWith("sales:") ||
  s === "table:salesOrders" ||
  s === "table:assemblyOrders";

function blocked(issues: readonly Issue[], needs: (s: Subject) => boolean): boolean {
  return issues.some((i) => isError(i) && i.affects.some(needs));
}

/** Assemble reads master data, blanket lines and blanket assembly orders. */
export function blocksAssemble(issues: readonly Issue[]): boolean {
  return blocked(issues, (s) => !isCallOffData(s));
}

/** The forecast reads everything but the call-off now entered. */
export function blocksForecast(issues: readonly Issue[]): boolean {
  return blocked(issues, (s) => !s.startsWith("callOff:"));
}

/** What the assemble-to-order lines given read: their item, BOM, blanket assembly order and its components. */
function neededByLines(
  index: BlanketIndex,
  lines: readonly BlanketOrderLine[],
  needed: Set<Subject>
): void {
  for (const line of lines) {
    const item = key(line.no);
    needed.add(`item:${item}`);
    if (line.qtyToAssembleToOrder <= 0) continue;
    needed.add(`bom:${item}`);
    const assembly = blanketAssemblyOrderOf(index, line);
    if (assembly) needed.add(`blanketAssembly:${key(assembly.assemblyOrderNo)}`);
    const components = assembly ? assembly.lines : (index.records.boms.get(item) ?? []);
    for (const c of components) {
      if (c.type === "Item") needed.add(`item:${key(c.no)}`);
      if (c.type === "Resource") needed.add(`resource:${key(c.no)}`);
    }
  }
}

/**
 * Make Order of one blanket order reads its own lines, the documents made from it, the
 * number series, and what its called-off lines use: items, units, BOMs, resources and
 * their blanket assembly orders. Errors elsewhere do not block it.
 */
export function blocksMakeOrder(
  issues: readonly Issue[],
  index: BlanketIndex,
  order: BlanketOrder
): boolean {
  const doc = key(order.documentNo);
  const needed = new Set<Subject>([`blanket:${doc}`, `callOff:${doc}`, `sales:${doc}`, "setup"]);
  neededByLines(index, calledOffLines(order), needed);
  return blocked(issues, (s) => s.startsWith("table:") || needed.has(s));
}

/** A roll-up reads the blanket order's lines and what the lines rolled up are made of; not its call-offs. */
export function blocksRollUp(
  issues: readonly Issue[],
  index: BlanketIndex,
  order: BlanketOrder,
  lines: readonly BlanketOrderLine[]
): boolean {
  const needed = new Set<Subject>([`blanket:${key(order.documentNo)}`]);
  neededByLines(index, lines, needed);
  return blocked(issues, (s) => (s.startsWith("table:") && !isCallOffData(s)) || needed.has(s));
}

/**
 * Issues: the only way the domain reports a problem. Codes and their message templates
 * live in one table (like BC's named labels), so wording is reviewed in one place and
 * tests compare codes, not sentences. An issue names the record and field at fault; the
 * workbook layer turns that into a sheet and cell.
 */
import type { RecordTable, Source } from "./model";

export type Severity = "error" | "warning";

export const ISSUE_SEVERITY = {
  SHEET_MISSING: "error",
  COLUMN_MISSING: "error",
  VALUE_INVALID: "error",
  DUPLICATE_KEY: "error",
  HEADER_MISMATCH: "error",
  UNKNOWN_ITEM: "error",
  UNKNOWN_RESOURCE: "error",
  UNKNOWN_UOM: "error",
  UNKNOWN_VARIANT: "error",
  UNKNOWN_LOCATION: "error",
  QTY_INVALID: "error",
  DISCOUNT_INVALID: "error",
  FIXED_ON_ITEM: "error",
  BOM_CYCLE: "error",
  ATO_PARTIAL: "error",
  BOM_MISSING: "error",
  OVER_CALL_OFF: "error",
  OVER_ORDERED: "error",
  BLANKET_LINE_NOT_FOUND: "error",
  CALLED_OFF_LINE_CHANGED: "error",
  SPEC_CHANGED_AFTER_CALL_OFF: "warning",
  ORPHAN_ASSEMBLY: "warning",
  ASSEMBLY_STALE: "warning",
  ASSEMBLY_MISSING: "warning",
  ASSEMBLY_REBUILT: "warning",
  ASSEMBLY_REMOVED: "warning",
  ORDER_NOT_FOUND: "error",
  NOTHING_TO_CREATE: "error",
  LINE_NOT_FOUND: "error",
  DOCUMENT_INCOMPLETE: "error",
  DOCUMENT_FINISHED: "warning",
  SHEET_FULL: "error",
  BLANKET_EXPIRED: "error",
  SHIPMENT_AFTER_VALIDITY: "warning",
  CUSTOMER_NOT_FOUND: "error",
  COPY_MISMATCH: "error",
  COPY_OUTDATED: "error",
  WORKBOOK_CHANGED: "error",
  COMPONENT_SHORT: "warning",
  ROLL_UP_INCOMPLETE: "error",
  NOT_ASSEMBLED_TO_ORDER: "error",
} as const satisfies Record<string, Severity>;

export type IssueCode = keyof typeof ISSUE_SEVERITY;

/**
 * Where an issue is: a field of a record; a whole table, or one of its columns (its
 * header cell); or, for what only the workbook layer sees (a header row, a copy's
 * sheet), a cell it has already located.
 */
export type Place =
  | { source: Source; field?: string }
  | { table: RecordTable; field?: string }
  | { sheet: string; cell: string };

/**
 * What an issue stands in the way of (docs/rules.md, "What blocks what"); see blocking.ts.
 * - `table:NAME`: the table as a whole (a missing sheet or column);
 * - `item:NO`, `resource:NO`, `bom:PARENT`: master data;
 * - `blanket:DOC`: a blanket order's lines; `callOff:DOC`: only its call-off data
 *   (Qty. to Ship, quantities ordered), which assemble does not need;
 * - `blanketAssembly:NO`: a blanket assembly order; `sales:DOC`: documents made from blanket DOC;
 * - `setup`: the number series.
 * Codes in subjects are upper-cased.
 */
export type Subject =
  | `table:${RecordTable}`
  | `item:${string}`
  | `resource:${string}`
  | `bom:${string}`
  | `blanket:${string}`
  | `callOff:${string}`
  | `blanketAssembly:${string}`
  | `sales:${string}`
  | "setup";

export interface Issue {
  severity: Severity;
  code: IssueCode;
  message: string;
  at: Place;
  affects: Subject[];
}

export function issue(code: IssueCode, at: Place, message: string, affects: Subject[]): Issue {
  return { severity: ISSUE_SEVERITY[code], code, message, at, affects };
}

export const isError = (i: Issue): boolean => i.severity === "error";

/** Message templates, one per code and situation. */
export const MESSAGES = {
  sheetMissing: (sheet: string) =>
    `The workbook has no '${sheet}' sheet. Add it (bao template writes one with every column), or check its name.`,
  columnMissing: (sheet: string, column: string) =>
    `The '${sheet}' sheet has no '${column}' column in its header row. Add the column; headers may be in any order.`,
  noHeaderRow: (sheet: string, column: string) =>
    `The '${sheet}' sheet has no header row in its first 20 rows, so its '${column}' column cannot be found. Put the column headers in one of the first 20 rows.`,
  columnTwice: (sheet: string, column: string, first: string, second: string) =>
    `The '${sheet}' sheet has the column '${column}' twice (${first} and ${second}). Keep one of them so it is clear which to read.`,
  required: (what: string, column: string) => `${what}: ${column} is required.`,
  notNumber: (what: string, column: string, value: string) =>
    `${what}: ${column} is '${value}', which is not a number. Enter a plain number such as 12 or 12.5.`,
  tooLarge: (what: string, column: string, value: string) =>
    `${what}: ${column} is ${value}, larger than 999,999,999,999, which Excel cannot hold exactly.`,
  notDate: (what: string, column: string, value: string) =>
    `${what}: ${column} is '${value}', which is not a date. Enter a date, or text as YYYY-MM-DD.`,
  notOption: (what: string, column: string, value: string, options: readonly string[]) =>
    `${what}: ${column} is '${value}', but must be ${listOptions(options)}.`,
  notCode: (what: string, column: string, value: string) =>
    `${what}: ${column} is '${value}', which is not a code. Enter text or a number.`,
  duplicate: (what: string, first: string) =>
    `${what} appears more than once; the first is at ${first}. Keys must be unique.`,
  headerMismatch: (doc: string, column: string, value: string, other: string, otherCell: string) =>
    `Blanket order ${doc}: ${column} is '${value}' here but '${other}' at ${otherCell}. All lines of a blanket order share its header fields; make them equal or leave all but one blank.`,
  unknownItem: (what: string, item: string) =>
    `${what}: item ${item} is not on the Items sheet. Add it there or correct the number.`,
  unknownResource: (what: string, resource: string) =>
    `${what}: resource ${resource} is not on the Resources sheet. Add it there or correct the number.`,
  unknownUom: (what: string, uom: string, item: string, base: string) =>
    `${what}: unit of measure ${uom} is not a unit of item ${item}. Use its base unit ${base} or add ${uom} for ${item} on the Item Units sheet.`,
  unknownVariant: (what: string, variant: string, item: string) =>
    `${what}: variant ${variant} is not a variant of item ${item} on the Item Variants sheet. Add it there or correct the code.`,
  unknownLocation: (what: string, location: string) =>
    `${what}: location ${location} is not on the Locations sheet. Add it there or correct the code.`,
  componentShort: (
    what: string,
    needed: string,
    unit: string,
    item: string,
    by: string,
    available: string,
    inventory: string,
    existing: string
  ) =>
    `${what} needs ${needed} ${unit} of item ${item}${by}, but only ${available} ${unit} are available (Inventory ${inventory} less ${existing} for the assembly orders on the sheet). The order can still be made; get the rest in time.`,
  rollUpIncomplete: (
    doc: string,
    line: string,
    what: "Unit Price" | "Unit Cost",
    component: string,
    sheet: string
  ) =>
    `Blanket order ${doc} line ${line}: ${component} has no ${what} on the ${sheet} sheet, so the ${what === "Unit Price" ? "price" : "cost"} of the assembly cannot be rolled up. Enter its ${what}, or remove the component from the blanket assembly order.`,
  noLineToRollUp: (doc: string, line: string) =>
    `Blanket order ${doc} has no item line ${line}, so there is nothing to roll up there.`,
  notAssembledToOrder: (doc: string, line: string) =>
    `Blanket order ${doc} line ${line} does not assemble to order (Qty. to Assemble to Order is 0), so it has no components to roll up.`,
  qtyNotPositive: (what: string, column: string, value: string) =>
    `${what}: ${column} is ${value}, but must be greater than 0.`,
  qtyNegative: (what: string, column: string, value: string) =>
    `${what}: ${column} is ${value}, but cannot be negative.`,
  qtyTooLarge: (what: string, result: string) =>
    `${what}: the resulting ${result} is larger than 999,999,999,999,999, which Excel cannot hold exactly. Reduce the quantity.`,
  baseUnitNotOne: (item: string, uom: string, value: string) =>
    `Item ${item}: ${uom} is the item's base unit, so its Qty. per Unit of Measure must be 1, not ${value}.`,
  discountInvalid: (what: string, value: string) =>
    `${what}: Line Discount % is ${value}, but must be between 0 and 100.`,
  fixedOnItem: (what: string, item: string) =>
    `${what}: item ${item} has Resource Usage Type Fixed, which applies to resources only. Clear it or set it to Direct.`,
  bomCycle: (path: string[]) =>
    `Assembly BOM cycle: ${path.join(" -> ")}. An assembly item cannot be a component of itself; remove one of these BOM lines.`,
  atoPartial: (doc: string, line: string, ato: string, qty: string) =>
    `Blanket order ${doc} line ${line}: Qty. to Assemble to Order is ${ato}, but must be 0 or ${qty} (the full Quantity). Blanket order agreements cannot be assembled for a partial quantity.`,
  atoOnComment: (doc: string, line: string) =>
    `Blanket order ${doc} line ${line} is a comment line (no item), so Qty. to Assemble to Order must be blank or 0.`,
  bomMissing: (doc: string, line: string, item: string) =>
    `Blanket order ${doc} line ${line} assembles item ${item} to order, but item ${item} has no lines on the Assembly BOMs sheet. Add its BOM, or set Qty. to Assemble to Order to 0.`,
  overCallOff: (
    item: string,
    doc: string,
    line: string,
    possible: string,
    qty: string,
    ordered: string
  ) =>
    `Qty. to Ship of item ${item} on blanket order ${doc} line ${line} cannot be more than ${possible}. Quantity - Quantity Ordered = possible: ${qty} - ${ordered} = ${possible}.`,
  overOrdered: (doc: string, line: string, ordered: string, qty: string) =>
    `Blanket order ${doc} line ${line}: its sales order lines already order ${ordered}, more than its Quantity of ${qty}. Raise the Quantity or reduce the sales orders.`,
  blanketLineNotFound: (so: string, line: string, doc: string, blanketLine: string) =>
    `Sales order ${so} line ${line} was made from blanket order ${doc} line ${blanketLine}, which does not exist. Restore the blanket line or correct Blanket Order No. / Blanket Order Line No.`,
  calledOffItemChanged: (
    doc: string,
    line: string,
    ordered: string,
    oldItem: string,
    newItem: string
  ) =>
    `Blanket order ${doc} line ${line} names item ${newItem}, but ${ordered} of item ${oldItem} were already called off on it. What was called off cannot change: put ${oldItem} back, set this line's Quantity to ${ordered} (what was called off), and add a new line for ${newItem}.`,
  calledOffUnitChanged: (
    doc: string,
    line: string,
    ordered: string,
    oldUnit: string,
    newUnit: string
  ) =>
    `Blanket order ${doc} line ${line} is in ${newUnit}, but ${ordered} ${oldUnit} were already called off on it. What was called off cannot change: put ${oldUnit} back, set this line's Quantity to ${ordered} (what was called off), and add a new line for the rest in ${newUnit}.`,
  specChanged: (ao: string, line: string, what: string, before: string, now: string, so: string) =>
    `Blanket assembly order ${ao} line ${line}: ${what} is ${now}, but the last call-off (sales order ${so}) used ${before}. The new value applies to the quantity still to be called off; what was called off keeps ${before}.`,
  specLineAdded: (ao: string, line: string, component: string, so: string) =>
    `Blanket assembly order ${ao} line ${line} (${component}) was added after the last call-off (sales order ${so}). It applies to the quantity still to be called off.`,
  specLineRemoved: (ao: string, line: string, component: string, so: string) =>
    `Blanket assembly order ${ao}: line ${line} (${component}) was removed after the last call-off (sales order ${so}), which used it. The removal applies to the quantity still to be called off.`,
  orphanAssembly: (ao: string, doc: string, line: string, why: string) =>
    `Blanket assembly order ${ao} belongs to blanket order ${doc} line ${line}, which ${why}. Run assemble to remove it.`,
  assemblyMissing: (doc: string, line: string, item: string) =>
    `Blanket order ${doc} line ${line} assembles ${item} to order but has no blanket assembly order yet. Run assemble to create it from ${item}'s BOM (Make Order would create it too, without your customizations).`,
  stale: (ao: string, doc: string, line: string, what: string) =>
    `Blanket assembly order ${ao} is out of date with blanket order ${doc} line ${line} (${what}). Run assemble to bring it up to date.`,
  rebuilt: (
    ao: string,
    doc: string,
    line: string,
    oldItem: string,
    newItem: string,
    dropped: string[]
  ) =>
    `Blanket assembly order ${ao} was rebuilt from the BOM of item ${newItem}, because blanket order ${doc} line ${line} now sells ${newItem} instead of ${oldItem}. ${dropped.length ? `Customizations dropped: ${dropped.join("; ")}.` : "It had no customizations."}`,
  removed: (ao: string, doc: string, line: string, why: string) =>
    `Blanket assembly order ${ao} was removed, because blanket order ${doc} line ${line} ${why}.`,
  customerNotFound: (customer: string) =>
    `There is no blanket order for customer ${customer} on the Blanket Orders sheet. Check the customer number.`,
  orderNotFound: (doc: string) =>
    `There is no blanket order ${doc} on the Blanket Orders sheet. Check the Document No.`,
  nothingToCreate: (doc: string) =>
    `There is nothing to create. Enter a Qty. to Ship greater than 0 on at least one line of blanket order ${doc}.`,
  lineNotFound: (doc: string, line: string) =>
    `Blanket order ${doc} has no line ${line}, so no Qty. to Ship can be given for it.`,
  unfinishedOrder: (doc: string, line: string, stored: string, derived: string, so: string) =>
    `Blanket order ${doc} line ${line}: its sales orders hold ${derived}, but Quantity Ordered says ${stored}: a Make Order (sales order ${so}) was interrupted. Run Make Order on ${doc} again to finish it (it will not make a second order), or delete sales order ${so}'s rows.`,
  missingAssemblyOrder: (so: string, line: string, ao: string) =>
    `Sales order ${so} line ${line} links assembly order ${ao}, which is not on the Assembly Orders sheet: a Make Order was interrupted. Run Make Order on its blanket order again to finish it, or delete the sales order's rows.`,
  commentsOnly: (so: string, doc: string) =>
    `Sales order ${so} has only comment lines: a Make Order on blanket order ${doc} was interrupted. Run Make Order on ${doc} again to finish it (it will not make a second order), or delete sales order ${so}'s rows.`,
  finished: (so: string, doc: string) =>
    `Sales order ${so} from an interrupted Make Order on blanket order ${doc} was finished; no second order was made.`,
  expired: (doc: string, validUntil: string, orderDate: string) =>
    `Blanket order ${doc} is valid until ${validUntil}, so no call-off dated ${orderDate} can be made from it. Extend Valid Until, or agree a new blanket order.`,
  shipmentAfterValidity: (doc: string, line: string, shipment: string, validUntil: string) =>
    `Blanket order ${doc} line ${line}: Shipment Date ${shipment} is after the agreement's Valid Until ${validUntil}. Move the shipment date, or extend Valid Until.`,
  copyOutdated: (when: string, changes: string[]) =>
    `The copy was made${when}, and the agreement changed since: ${changes.join("; ")}. Share a new copy with the customer and ask them to enter their call-off there.`,
  workbookChanged: (sheet: string, cell: string) =>
    `The workbook changed while the command ran ('${sheet}'!${cell} is not what it was when it was read). Nothing was written; run the command again.`,
  sheetFull: (sheet: string, rows: number) =>
    `The '${sheet}' sheet would need ${rows.toLocaleString("en-US")} rows, more than the 1,048,576 an Excel sheet holds. Nothing was written; split the blanket orders over several workbooks.`,
  aoLineDuplicate: (ao: string, line: string) =>
    `Blanket assembly order ${ao} has line ${line} more than once. Give the added line its own Line No., or leave it blank to have one assigned.`,
  twoAssemblyOrders: (doc: string, line: string, first: string, second: string) =>
    `Blanket order ${doc} line ${line} has two blanket assembly orders, ${first} and ${second}. Keep one of them.`,
  setupSeries: (setting: string, value: string) =>
    `Setup: ${setting} is '${value}', which has no number to count up. Use a prefix and digits, such as SO-0001.`,
} as const;

function listOptions(options: readonly string[]): string {
  const shown = options.map((o) => (o === "" ? "blank" : o));
  return shown.length <= 1
    ? shown.join("")
    : `${shown.slice(0, -1).join(", ")} or ${shown[shown.length - 1]}`;
}

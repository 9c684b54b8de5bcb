/**
 * The domain's records, named after Business Central's tables and fields. Each record
 * read from the workbook carries an opaque `source`: the domain never looks inside it,
 * it only names it in an issue, and the workbook layer turns it into a sheet and cell.
 */

declare const sourceBrand: unique symbol;
/** Where a record came from. Opaque here; made and read by the workbook layer. */
export interface Source {
  readonly [sourceBrand]: true;
}

export type LineType = "Item" | "Resource" | "Comment";
export type ResourceUsageType = "Direct" | "Fixed";

export interface Item {
  no: string;
  description: string;
  baseUnitOfMeasure: string;
  /** Assembly Policy is Assemble-to-Order. */
  assembleToOrder: boolean;
  /** Per base unit, as BC's Item card. */
  unitPrice?: number;
  unitCost?: number;
  /** Quantity on hand in the base unit; undefined: not tracked here (no availability check). */
  inventory?: number;
  source: Source;
}

/** BC's "Item Unit of Measure". */
export interface ItemUnitOfMeasure {
  itemNo: string;
  code: string;
  qtyPerUnitOfMeasure: number;
  source: Source;
}

export interface Resource {
  no: string;
  name: string;
  baseUnitOfMeasure: string;
  /** Per base unit. */
  unitPrice?: number;
  unitCost?: number;
  source: Source;
}

/** BC's Location: where the product is kept and assembled. */
export interface Location {
  code: string;
  name?: string;
  source: Source;
}

/** BC's Item Variant. */
export interface ItemVariant {
  itemNo: string;
  code: string;
  description?: string;
  source: Source;
}

/** One line of an assembly item's bill of materials (BC table "BOM Component"). */
export interface BomComponent {
  parentItemNo: string;
  lineNo?: number;
  type: LineType;
  no: string;
  description?: string;
  quantityPer: number;
  unitOfMeasureCode?: string;
  variantCode?: string;
  resourceUsageType: ResourceUsageType;
  position?: string;
  source: Source;
}

export interface BlanketOrderLine {
  documentNo: string;
  lineNo: number;
  type: "Item" | "Comment";
  no: string;
  description: string;
  variantCode?: string;
  locationCode?: string;
  quantity: number;
  unitOfMeasureCode: string;
  /** Effective Qty. to Assemble to Order (a blank cell already resolved). */
  qtyToAssembleToOrder: number;
  unitPrice?: number;
  lineDiscountPercent: number;
  /** BC's Unit Cost (LCY): what Roll Up Cost writes; copied to the sales line. */
  unitCost?: number;
  shipmentDate?: number;
  qtyToShip: number;
  /**
   * Quantity Ordered as the product last wrote it (blank: 0; unreadable or no column:
   * undefined). Below the sum of the sales lines, it shows a Make Order that was interrupted.
   */
  storedQuantityOrdered?: number;
  /** False when a value of the line could not be used: the line is shown but not used. */
  valid: boolean;
  source: Source;
}

export interface BlanketOrder {
  documentNo: string;
  sellToCustomerNo: string;
  sellToCustomerName?: string;
  orderDate?: number;
  externalDocumentNo?: string;
  /** The agreement's last day (Excel serial): no call-off after it, no shipment planned after it. */
  validUntil?: number;
  /** The line whose Valid Until cell gave the date, for issues. */
  validUntilSource?: Source;
  lines: BlanketOrderLine[];
}

/** One line of an assembly document (blanket assembly order or assembly order). */
export interface AssemblyLine {
  lineNo: number;
  type: LineType;
  no: string;
  description?: string;
  variantCode?: string;
  quantityPer: number;
  quantity: number;
  unitOfMeasureCode?: string;
  resourceUsageType: ResourceUsageType;
  position?: string;
  /** Where the line was read from; absent for lines the engine made. */
  source?: Source;
}

/**
 * The assembly order that holds the agreed way a blanket order line is assembled (BC's
 * Assembly Header with Document Type "Blanket Order").
 */
export interface BlanketAssemblyOrder {
  assemblyOrderNo: string;
  blanketOrderNo: string;
  blanketOrderLineNo?: number;
  assemblyItemNo: string;
  assemblyQuantity: number;
  assemblyUnitOfMeasure: string;
  dueDate?: number;
  /** The header's Location Code and Variant Code, from the blanket line. */
  locationCode?: string;
  variantCode?: string;
  lines: AssemblyLine[];
  /** The rows the order was read from, in sheet order; empty for an order the engine made. */
  sources: Source[];
  valid: boolean;
}

/** A sales order line (BC's Sales Line), with its order's header fields as the sheet has them. */
export interface SalesLine {
  documentNo: string;
  sellToCustomerNo?: string;
  sellToCustomerName?: string;
  orderDate?: number;
  externalDocumentNo?: string;
  lineNo: number;
  type: "Item" | "Comment";
  no: string;
  description?: string;
  variantCode?: string;
  locationCode?: string;
  quantity: number;
  unitOfMeasureCode: string;
  qtyToAssembleToOrder?: number;
  unitPrice?: number;
  lineDiscountPercent?: number;
  lineAmount?: number;
  unitCost?: number;
  shipmentDate?: number;
  blanketOrderNo?: string;
  blanketOrderLineNo?: number;
  assemblyOrderNo?: string;
  /** Where the line was read from; absent for a line Make Order makes. */
  source?: Source;
}

/** A line of an assembly order linked to a sales order line. */
export interface AssemblyOrderLine extends AssemblyLine {
  assemblyOrderNo: string;
  /** The order's Assembly Quantity, as its row states it (NaN when unreadable). */
  assemblyQuantity?: number;
  dueDate?: number;
  salesOrderNo?: string;
  salesOrderLineNo?: number;
  blanketAssemblyOrderNo?: string;
}

/** A row of the Setup sheet (a number series and the last number it gave). */
export interface SetupSetting {
  setting: string;
  value?: string;
  lastNoUsed?: string;
  source: Source;
}

/** The collections of records, as the workbook holds them; issues may name a whole one. */
export type RecordTable =
  | "items"
  | "itemUnits"
  | "resources"
  | "assemblyBoms"
  | "blanketOrders"
  | "blanketAssemblyOrders"
  | "salesOrders"
  | "assemblyOrders"
  | "setup"
  | "locations"
  | "itemVariants";

/** Everything read from the workbook, as records. */
export interface Records {
  items: Map<string, Item>;
  /** Units per item key, per unit key; the base unit is implicit. */
  itemUnits: Map<string, Map<string, ItemUnitOfMeasure>>;
  resources: Map<string, Resource>;
  /** BOM components per parent key, in line order. */
  boms: Map<string, BomComponent[]>;
  blanketOrders: Map<string, BlanketOrder>;
  blanketAssemblyOrders: BlanketAssemblyOrder[];
  salesLines: (SalesLine & { source: Source })[];
  assemblyOrderLines: AssemblyOrderLine[];
  setup: SetupSetting[];
  /** Whether the Items sheet can be read (so unknown item numbers can be reported). */
  itemsReadable: boolean;
  /** Whether a Resources sheet exists (resources are then checked against it). */
  resourcesListed: boolean;
  locations: Map<string, Location>;
  /** Whether a Locations sheet exists (Location Codes are then checked against it). */
  locationsListed: boolean;
  /** Variants per item key, per variant key. */
  itemVariants: Map<string, Map<string, ItemVariant>>;
  /** Whether an Item Variants sheet exists (Variant Codes are then checked against it). */
  variantsListed: boolean;
}

const keys = new Map<string, string>();

/** Upper-cased key of a code, as BC compares Code fields (remembered: codes repeat). */
export function key(code: string): string {
  // Most codes are upper case already: they are their own key, no lookup needed.
  let plain = true;
  for (let i = 0; i < code.length && plain; i++) {
    const c = code.charCodeAt(i);
    plain = c < 97 || (c > 122 && c < 128);
  }
  if (plain) return code;
  let k = keys.get(code);
  if (k === undefined) {
    k = code.toUpperCase();
    if (keys.size >= 200_000) keys.clear();
    keys.set(code, k);
  }
  return k;
}

/** A component line in a few words: "Item PART-A", "Resource ASSEMBLY", "comment". */
export const describeLine = (l: Pick<AssemblyLine, "type" | "no">): string =>
  l.type === "Comment" ? "comment" : `${l.type} ${l.no}`;

/** Key of a blanket order line. */
export const lineKey = (documentNo: string, lineNo: number): string =>
  `${key(documentNo)}\u0000${lineNo}`;

/** The domain: plain records read from the workbook, with the sheet rows they came from. */

export type LineType = "Item" | "Resource" | "Comment";
export type UsageType = "Direct" | "Fixed";

export interface Item {
  no: string;
  description: string;
  baseUom: string;
  assembleToOrder: boolean;
  unitPrice?: number;
  row: number;
}

export interface Resource {
  no: string;
  name: string;
  baseUom: string;
  row: number;
}

export interface BomLine {
  parentNo: string;
  lineNo?: number;
  type: LineType;
  no: string;
  description?: string;
  qtyPer: number;
  uom?: string;
  variant?: string;
  usage: UsageType;
  position?: string;
  row: number;
}

export interface BlanketLine {
  docNo: string;
  lineNo: number;
  type: "Item" | "Comment";
  no: string;
  description: string;
  variant?: string;
  location?: string;
  quantity: number;
  uom: string;
  /** Effective Qty. to Assemble to Order (a blank cell already resolved). */
  qtyToAto: number;
  unitPrice?: number;
  discount: number;
  shipmentDate?: number;
  qtyToShip: number;
  /**
   * Quantity Ordered as the product last wrote it on the sheet (blank: 0; unreadable:
   * undefined). Below the sum of the sales lines, it shows a Make Order that was interrupted.
   */
  storedOrdered?: number;
  row: number;
  /** False when a cell of the line could not be read: the line is shown but not used. */
  valid: boolean;
}

export interface BlanketOrder {
  docNo: string;
  customerNo: string;
  customerName?: string;
  orderDate?: number;
  externalDocNo?: string;
  /** The agreement's last day (Excel serial): no call-off after it, no shipment planned after it. */
  validUntil?: number;
  /** Where Valid Until was given, for issues. */
  validUntilCell?: string;
  lines: BlanketLine[];
}

/** One line of an assembly document (blanket assembly order or assembly order). */
export interface AssemblyLine {
  lineNo: number;
  type: LineType;
  no: string;
  description?: string;
  variant?: string;
  qtyPer: number;
  quantity: number;
  uom?: string;
  usage: UsageType;
  position?: string;
  /** Sheet row it was read from; absent for lines the engine made. */
  row?: number;
}

export interface AssemblyHeader {
  itemNo: string;
  asmQty: number;
  asmUom: string;
  dueDate?: number;
}

export interface BlanketAssemblyOrder extends AssemblyHeader {
  aoNo: string;
  blanketDocNo: string;
  blanketLineNo?: number;
  lines: AssemblyLine[];
  /** Sheet rows of the order, in sheet order. */
  rows: number[];
  valid: boolean;
}

export interface SalesLine {
  docNo: string;
  lineNo: number;
  type: "Item" | "Comment";
  no: string;
  quantity: number;
  uom: string;
  blanketDocNo?: string;
  blanketLineNo?: number;
  aoNo?: string;
  row: number;
}

export interface AssemblyOrderLine extends AssemblyLine {
  aoNo: string;
  dueDate?: number;
  salesOrderNo?: string;
  salesLineNo?: number;
  baoNo?: string;
}

export interface SetupSetting {
  setting: string;
  value?: string;
  lastNoUsed?: string;
  row: number;
}

/**
 * The workbook's sheets and columns (docs/workbook.md). Column keys are the engine's
 * names; headers are BC's field captions; aliases are BC's short captions and common
 * variants. Matching ignores case, spaces and punctuation (grid.normalizeHeader).
 */

import type { RecordTable } from "../domain/model";

export type ColumnKind = "code" | "text" | "number" | "date" | "option";
/** How a written column is formatted. */
export type ColumnFormat =
  "text" | "quantity" | "amount" | "percent" | "integer" | "date" | "dateTime" | "general";

export interface ColumnSpec {
  key: string;
  header: string;
  kind: ColumnKind;
  required?: boolean;
  aliases?: readonly string[];
  options?: readonly string[];
  format?: ColumnFormat;
}

export interface SheetSpec {
  name: string;
  /** The records this sheet holds, where the domain reads it. */
  record?: RecordTable;
  /** Name of the Excel table the product gives this sheet. */
  tableName: string;
  columns: readonly ColumnSpec[];
}

export const TYPE_OPTIONS = ["Item", "Resource", ""] as const;
export const BLANKET_TYPE_OPTIONS = ["Item", ""] as const;
export const POLICY_OPTIONS = ["Assemble-to-Stock", "Assemble-to-Order"] as const;
export const USAGE_OPTIONS = ["Direct", "Fixed"] as const;

const code = (key: string, header: string, extra: Partial<ColumnSpec> = {}): ColumnSpec => ({
  key,
  header,
  kind: "code",
  format: "text",
  ...extra,
});
const text = (key: string, header: string, extra: Partial<ColumnSpec> = {}): ColumnSpec => ({
  key,
  header,
  kind: "text",
  format: "text",
  ...extra,
});
const qty = (key: string, header: string, extra: Partial<ColumnSpec> = {}): ColumnSpec => ({
  key,
  header,
  kind: "number",
  format: "quantity",
  ...extra,
});
const lineNo = (key: string, header: string, extra: Partial<ColumnSpec> = {}): ColumnSpec => ({
  key,
  header,
  kind: "number",
  format: "integer",
  ...extra,
});
const date = (key: string, header: string, extra: Partial<ColumnSpec> = {}): ColumnSpec => ({
  key,
  header,
  kind: "date",
  format: "date",
  ...extra,
});
const option = (
  key: string,
  header: string,
  options: readonly string[],
  extra: Partial<ColumnSpec> = {}
): ColumnSpec => ({
  key,
  header,
  kind: "option",
  format: "text",
  options,
  ...extra,
});

export const ITEMS: SheetSpec = {
  name: "Items",
  tableName: "Items",
  record: "items",
  columns: [
    code("no", "No.", { required: true, aliases: ["Item No."] }),
    text("description", "Description"),
    code("baseUnitOfMeasure", "Base Unit of Measure", { aliases: ["Base UoM", "Base Unit"] }),
    option("assemblyPolicy", "Assembly Policy", POLICY_OPTIONS),
    { key: "unitPrice", header: "Unit Price", kind: "number", format: "amount" },
    { key: "unitCost", header: "Unit Cost", kind: "number", format: "amount" },
    qty("inventory", "Inventory", { aliases: ["Qty. on Hand", "On Hand"] }),
  ],
};

export const ITEM_UNITS: SheetSpec = {
  name: "Item Units",
  tableName: "ItemUnits",
  record: "itemUnits",
  columns: [
    code("itemNo", "Item No.", { required: true }),
    code("code", "Code", { required: true, aliases: ["Unit of Measure Code", "Unit of Measure"] }),
    qty("qtyPerUnitOfMeasure", "Qty. per Unit of Measure", {
      required: true,
      aliases: ["Qty. per UoM", "Qty per Unit"],
    }),
  ],
};

export const RESOURCES: SheetSpec = {
  name: "Resources",
  tableName: "Resources",
  record: "resources",
  columns: [
    code("no", "No.", { required: true, aliases: ["Resource No."] }),
    text("name", "Name"),
    code("baseUnitOfMeasure", "Base Unit of Measure", { aliases: ["Base UoM", "Base Unit"] }),
    { key: "unitPrice", header: "Unit Price", kind: "number", format: "amount" },
    { key: "unitCost", header: "Unit Cost", kind: "number", format: "amount" },
  ],
};

/** Optional: where it lists codes, a blanket line's Location Code must be one of them. */
export const LOCATIONS: SheetSpec = {
  name: "Locations",
  tableName: "Locations",
  record: "locations",
  columns: [
    code("code", "Code", { required: true, aliases: ["Location Code"] }),
    text("name", "Name"),
  ],
};

/** Optional: where it lists an item's variants, a Variant Code of that item must be one of them. */
export const ITEM_VARIANTS: SheetSpec = {
  name: "Item Variants",
  tableName: "ItemVariants",
  record: "itemVariants",
  columns: [
    code("itemNo", "Item No.", { required: true }),
    code("code", "Code", { required: true, aliases: ["Variant Code"] }),
    text("description", "Description"),
  ],
};

export const ASSEMBLY_BOMS: SheetSpec = {
  name: "Assembly BOMs",
  tableName: "AssemblyBOMs",
  record: "assemblyBoms",
  columns: [
    code("parentItemNo", "Parent Item No.", {
      required: true,
      aliases: ["Parent Item", "Assembly Item No."],
    }),
    lineNo("lineNo", "Line No."),
    option("type", "Type", TYPE_OPTIONS),
    code("no", "No.", { aliases: ["Component No."] }),
    text("description", "Description"),
    qty("quantityPer", "Quantity per", { required: true, aliases: ["Qty. per"] }),
    code("unitOfMeasureCode", "Unit of Measure Code", { aliases: ["Unit of Measure", "UoM Code"] }),
    code("variantCode", "Variant Code"),
    option("resourceUsageType", "Resource Usage Type", USAGE_OPTIONS, {
      aliases: ["Resource Usage"],
    }),
    text("position", "Position"),
  ],
};

export const BLANKET_ORDERS: SheetSpec = {
  name: "Blanket Orders",
  tableName: "BlanketOrders",
  record: "blanketOrders",
  columns: [
    code("documentNo", "Document No.", { required: true, aliases: ["Blanket Order No."] }),
    code("sellToCustomerNo", "Sell-to Customer No.", {
      required: true,
      aliases: ["Customer No."],
    }),
    text("sellToCustomerName", "Sell-to Customer Name", { aliases: ["Customer Name"] }),
    date("orderDate", "Order Date"),
    text("externalDocumentNo", "External Document No.", { aliases: ["External Doc. No."] }),
    date("validUntil", "Valid Until", { aliases: ["Valid To", "Expiration Date"] }),
    lineNo("lineNo", "Line No.", { required: true }),
    option("type", "Type", BLANKET_TYPE_OPTIONS),
    code("no", "No.", { aliases: ["Item No."] }),
    text("description", "Description"),
    code("variantCode", "Variant Code"),
    code("locationCode", "Location Code"),
    qty("quantity", "Quantity", { required: true }),
    code("unitOfMeasureCode", "Unit of Measure Code", { aliases: ["Unit of Measure", "UoM Code"] }),
    qty("qtyToAssembleToOrder", "Qty. to Assemble to Order", {
      aliases: ["Qty. to Asm. to Order", "Qty to Assemble"],
    }),
    {
      key: "unitPrice",
      header: "Unit Price",
      kind: "number",
      format: "amount",
      aliases: ["Unit Price Excl. VAT"],
    },
    {
      key: "lineDiscountPercent",
      header: "Line Discount %",
      kind: "number",
      format: "percent",
      aliases: ["Line Disc. %", "Discount %"],
    },
    {
      key: "unitCost",
      header: "Unit Cost",
      kind: "number",
      format: "amount",
      aliases: ["Unit Cost (LCY)"],
    },
    date("shipmentDate", "Shipment Date"),
    qty("qtyToShip", "Qty. to Ship"),
    qty("quantityOrdered", "Quantity Ordered", { aliases: ["Qty. Ordered"] }),
    qty("remainingQuantity", "Remaining Quantity", { aliases: ["Remaining Qty."] }),
  ],
};

export const SETUP: SheetSpec = {
  name: "Setup",
  tableName: "Setup",
  record: "setup",
  columns: [
    text("setting", "Setting", { required: true }),
    text("value", "Value"),
    text("lastNoUsed", "Last No. Used"),
  ],
};

/**
 * Where the assembly is made and which variant of the item: the header's Location Code and
 * Variant Code, which follow the blanket (or sales) line. After the line columns, so sheets
 * written before they existed keep their other columns where they were.
 */
const assemblyHeaderPlace: readonly ColumnSpec[] = [
  code("locationCode", "Location Code"),
  code("assemblyVariantCode", "Assembly Variant Code"),
];

/** Columns shared by the line part of assembly order sheets. */
const assemblyLineColumns: readonly ColumnSpec[] = [
  lineNo("lineNo", "Line No."),
  option("type", "Type", TYPE_OPTIONS),
  code("no", "No."),
  text("description", "Description"),
  code("variantCode", "Variant Code"),
  qty("quantityPer", "Quantity per", { aliases: ["Qty. per"] }),
  qty("quantity", "Quantity"),
  code("unitOfMeasureCode", "Unit of Measure Code", { aliases: ["Unit of Measure", "UoM Code"] }),
  option("resourceUsageType", "Resource Usage Type", USAGE_OPTIONS, {
    aliases: ["Resource Usage"],
  }),
  text("position", "Position"),
];

export const BLANKET_ASSEMBLY_ORDERS: SheetSpec = {
  name: "Blanket Assembly Orders",
  tableName: "BlanketAssemblyOrders",
  record: "blanketAssemblyOrders",
  columns: [
    code("assemblyOrderNo", "Assembly Order No.", { required: true }),
    code("blanketOrderNo", "Blanket Order No."),
    lineNo("blanketOrderLineNo", "Blanket Order Line No."),
    code("assemblyItemNo", "Assembly Item No."),
    qty("assemblyQuantity", "Assembly Quantity"),
    code("assemblyUnitOfMeasure", "Assembly Unit of Measure"),
    date("dueDate", "Due Date"),
    ...assemblyLineColumns,
    ...assemblyHeaderPlace,
  ],
};

export const SALES_ORDERS: SheetSpec = {
  name: "Sales Orders",
  tableName: "SalesOrders",
  record: "salesOrders",
  columns: [
    code("documentNo", "Document No.", { required: true }),
    code("sellToCustomerNo", "Sell-to Customer No."),
    text("sellToCustomerName", "Sell-to Customer Name"),
    date("orderDate", "Order Date"),
    text("externalDocumentNo", "External Document No."),
    lineNo("lineNo", "Line No.", { required: true }),
    option("type", "Type", BLANKET_TYPE_OPTIONS),
    code("no", "No."),
    text("description", "Description"),
    code("variantCode", "Variant Code"),
    code("locationCode", "Location Code"),
    qty("quantity", "Quantity"),
    code("unitOfMeasureCode", "Unit of Measure Code"),
    qty("qtyToAssembleToOrder", "Qty. to Assemble to Order"),
    { key: "unitPrice", header: "Unit Price", kind: "number", format: "amount" },
    { key: "lineDiscountPercent", header: "Line Discount %", kind: "number", format: "percent" },
    { key: "lineAmount", header: "Line Amount", kind: "number", format: "amount" },
    date("shipmentDate", "Shipment Date"),
    code("blanketOrderNo", "Blanket Order No."),
    lineNo("blanketOrderLineNo", "Blanket Order Line No."),
    code("assemblyOrderNo", "Assembly Order No."),
    { key: "unitCost", header: "Unit Cost", kind: "number", format: "amount" },
  ],
};

export const ASSEMBLY_ORDERS: SheetSpec = {
  name: "Assembly Orders",
  tableName: "AssemblyOrders",
  record: "assemblyOrders",
  columns: [
    code("assemblyOrderNo", "Assembly Order No.", { required: true }),
    code("salesOrderNo", "Sales Order No."),
    lineNo("salesOrderLineNo", "Sales Order Line No."),
    code("assemblyItemNo", "Assembly Item No."),
    qty("assemblyQuantity", "Assembly Quantity"),
    code("assemblyUnitOfMeasure", "Assembly Unit of Measure"),
    date("dueDate", "Due Date"),
    ...assemblyLineColumns,
    code("blanketAssemblyOrderNo", "Blanket Assembly Order No."),
    ...assemblyHeaderPlace,
  ],
};

export const COMPONENT_FORECAST: SheetSpec = {
  name: "Component Forecast",
  tableName: "ComponentForecast",
  columns: [
    text("period", "Period"),
    date("periodStart", "Period Start"),
    option("type", "Type", TYPE_OPTIONS),
    code("no", "No."),
    text("description", "Description"),
    code("unitOfMeasureCode", "Unit of Measure Code"),
    qty("blanketNeed", "Needed for Blanket Orders"),
    qty("assemblyNeed", "Needed for Assembly Orders"),
    qty("totalNeed", "Total Needed"),
  ],
};

/**
 * What every writing command did, appended (never rewritten). The product never reads it
 * to decide anything; the planner may sort or delete its rows. Not named "History": Excel
 * reserves that sheet name (for change tracking) and refuses a workbook that uses it.
 */
export const HISTORY: SheetSpec = {
  name: "Document History",
  tableName: "DocumentHistory",
  columns: [
    { key: "when", header: "When", kind: "date", format: "dateTime" },
    text("command", "Command"),
    text("documentType", "Document Type"),
    code("documentNo", "Document No."),
    text("change", "Change"),
    text("where", "Where"),
  ],
};

/** The sheets a planner fills in, in the order `bao template` writes them. */
export const INPUT_SHEETS: readonly SheetSpec[] = [
  ITEMS,
  ITEM_UNITS,
  RESOURCES,
  ASSEMBLY_BOMS,
  BLANKET_ORDERS,
  SETUP,
];
/** Optional lists the product checks codes against; not in the template (an empty list would refuse every code). */
export const LIST_SHEETS: readonly SheetSpec[] = [LOCATIONS, ITEM_VARIANTS];
/** The sheets the product owns. */
export const OUTPUT_SHEETS: readonly SheetSpec[] = [
  BLANKET_ASSEMBLY_ORDERS,
  SALES_ORDERS,
  ASSEMBLY_ORDERS,
  COMPONENT_FORECAST,
  HISTORY,
];

export function column(spec: SheetSpec, key: string): ColumnSpec {
  const c = spec.columns.find((col) => col.key === key);
  if (!c) throw new Error(`internal: no column ${key} on ${spec.name}`);
  return c;
}

// ------------------------------------------------------------------ the customer's copy

/** The copy's blanket orders: what was agreed and called off, and Qty. to Ship to fill in. */
export const COPY_BLANKET_ORDERS: SheetSpec = {
  name: "Blanket Orders",
  tableName: "BlanketOrders",
  columns: [
    code("documentNo", "Document No.", { required: true }),
    code("sellToCustomerNo", "Sell-to Customer No.", { required: true }),
    text("sellToCustomerName", "Sell-to Customer Name"),
    text("externalDocumentNo", "External Document No."),
    date("validUntil", "Valid Until"),
    lineNo("lineNo", "Line No.", { required: true }),
    code("no", "No.", { required: true }),
    text("description", "Description"),
    qty("quantity", "Quantity", { required: true }),
    code("unitOfMeasureCode", "Unit of Measure Code", { required: true }),
    { key: "unitPrice", header: "Unit Price", kind: "number", format: "amount" },
    date("shipmentDate", "Shipment Date", { required: true }),
    qty("quantityOrdered", "Quantity Ordered"),
    qty("remainingQuantity", "Remaining Quantity"),
    qty("qtyToShip", "Qty. to Ship", { required: true }),
  ],
};

export const COPY_SALES_ORDERS: SheetSpec = {
  name: "Sales Orders",
  tableName: "SalesOrders",
  columns: [
    code("documentNo", "Document No."),
    date("orderDate", "Order Date"),
    text("externalDocumentNo", "External Document No."),
    lineNo("lineNo", "Line No."),
    code("no", "No."),
    text("description", "Description"),
    qty("quantity", "Quantity"),
    code("unitOfMeasureCode", "Unit of Measure Code"),
    date("shipmentDate", "Shipment Date"),
    code("blanketOrderNo", "Blanket Order No."),
    lineNo("blanketOrderLineNo", "Blanket Order Line No."),
  ],
};

/** The agreed build of each kit: item components and comments (resources stay internal). */
export const ASSEMBLY_SPECIFICATION: SheetSpec = {
  name: "Assembly Specification",
  tableName: "AssemblySpecification",
  columns: [
    code("blanketOrderNo", "Blanket Order No."),
    lineNo("blanketOrderLineNo", "Blanket Order Line No."),
    code("assemblyItemNo", "Assembly Item No."),
    lineNo("lineNo", "Line No."),
    code("no", "No."),
    text("description", "Description"),
    qty("quantityPer", "Quantity per"),
    code("unitOfMeasureCode", "Unit of Measure Code"),
  ],
};

/** The agreed values the copy was made from: how import tells a changed workbook from an edited copy. */
export const AGREED_VALUES: SheetSpec = {
  name: "Agreed When Shared",
  tableName: "AgreedWhenShared",
  columns: [
    code("documentNo", "Document No.", { required: true }),
    lineNo("lineNo", "Line No.", { required: true }),
    code("no", "No."),
    qty("quantity", "Quantity"),
    code("unitOfMeasureCode", "Unit of Measure Code"),
    date("shipmentDate", "Shipment Date"),
  ],
};

/** Names the copy's customer and when it was made. */
export const SHARED_COPY: SheetSpec = {
  name: "Shared Copy",
  tableName: "SharedCopy",
  columns: [
    text("field", "Field", { required: true }),
    { key: "value", header: "Value", kind: "text", format: "general" },
  ],
};

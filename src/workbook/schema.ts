/**
 * The workbook's sheets and columns (spec/workbook.md). Column keys are the engine's
 * names; headers are BC's field captions; aliases are BC's short captions and common
 * variants. Matching ignores case, spaces and punctuation (grid.normalizeHeader).
 */

export type ColumnKind = "code" | "text" | "number" | "date" | "option";
/** How a written column is formatted. */
export type ColumnFormat =
  "text" | "quantity" | "amount" | "percent" | "integer" | "date" | "general";

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
  columns: [
    code("no", "No.", { required: true, aliases: ["Item No."] }),
    text("description", "Description"),
    code("baseUom", "Base Unit of Measure", { aliases: ["Base UoM", "Base Unit"] }),
    option("policy", "Assembly Policy", POLICY_OPTIONS),
    { key: "unitPrice", header: "Unit Price", kind: "number", format: "amount" },
  ],
};

export const ITEM_UNITS: SheetSpec = {
  name: "Item Units",
  tableName: "ItemUnits",
  columns: [
    code("itemNo", "Item No.", { required: true }),
    code("code", "Code", { required: true, aliases: ["Unit of Measure Code", "Unit of Measure"] }),
    qty("qtyPerUom", "Qty. per Unit of Measure", {
      required: true,
      aliases: ["Qty. per UoM", "Qty per Unit"],
    }),
  ],
};

export const RESOURCES: SheetSpec = {
  name: "Resources",
  tableName: "Resources",
  columns: [
    code("no", "No.", { required: true, aliases: ["Resource No."] }),
    text("name", "Name"),
    code("baseUom", "Base Unit of Measure", { aliases: ["Base UoM", "Base Unit"] }),
  ],
};

export const ASSEMBLY_BOMS: SheetSpec = {
  name: "Assembly BOMs",
  tableName: "AssemblyBOMs",
  columns: [
    code("parentNo", "Parent Item No.", {
      required: true,
      aliases: ["Parent Item", "Assembly Item No."],
    }),
    lineNo("lineNo", "Line No."),
    option("type", "Type", TYPE_OPTIONS),
    code("no", "No.", { aliases: ["Component No."] }),
    text("description", "Description"),
    qty("qtyPer", "Quantity per", { required: true, aliases: ["Qty. per"] }),
    code("uom", "Unit of Measure Code", { aliases: ["Unit of Measure", "UoM Code"] }),
    code("variant", "Variant Code"),
    option("usage", "Resource Usage Type", USAGE_OPTIONS, { aliases: ["Resource Usage"] }),
    text("position", "Position"),
  ],
};

export const BLANKET_ORDERS: SheetSpec = {
  name: "Blanket Orders",
  tableName: "BlanketOrders",
  columns: [
    code("docNo", "Document No.", { required: true, aliases: ["Blanket Order No."] }),
    code("customerNo", "Sell-to Customer No.", { required: true, aliases: ["Customer No."] }),
    text("customerName", "Sell-to Customer Name", { aliases: ["Customer Name"] }),
    date("orderDate", "Order Date"),
    text("externalDocNo", "External Document No.", { aliases: ["External Doc. No."] }),
    date("validUntil", "Valid Until", { aliases: ["Valid To", "Expiration Date"] }),
    lineNo("lineNo", "Line No.", { required: true }),
    option("type", "Type", BLANKET_TYPE_OPTIONS),
    code("no", "No.", { aliases: ["Item No."] }),
    text("description", "Description"),
    code("variant", "Variant Code"),
    code("location", "Location Code"),
    qty("quantity", "Quantity", { required: true }),
    code("uom", "Unit of Measure Code", { aliases: ["Unit of Measure", "UoM Code"] }),
    qty("qtyToAto", "Qty. to Assemble to Order", {
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
      key: "discount",
      header: "Line Discount %",
      kind: "number",
      format: "percent",
      aliases: ["Line Disc. %", "Discount %"],
    },
    date("shipmentDate", "Shipment Date"),
    qty("qtyToShip", "Qty. to Ship"),
    qty("quantityOrdered", "Quantity Ordered", { aliases: ["Qty. Ordered"] }),
    qty("remaining", "Remaining Quantity", { aliases: ["Remaining Qty."] }),
  ],
};

export const SETUP: SheetSpec = {
  name: "Setup",
  tableName: "Setup",
  columns: [
    text("setting", "Setting", { required: true }),
    text("value", "Value"),
    text("lastNoUsed", "Last No. Used"),
  ],
};

/** Columns shared by the header part of assembly order sheets. */
const assemblyLineColumns: readonly ColumnSpec[] = [
  lineNo("lineNo", "Line No."),
  option("type", "Type", TYPE_OPTIONS),
  code("no", "No."),
  text("description", "Description"),
  code("variant", "Variant Code"),
  qty("qtyPer", "Quantity per", { aliases: ["Qty. per"] }),
  qty("quantity", "Quantity"),
  code("uom", "Unit of Measure Code", { aliases: ["Unit of Measure", "UoM Code"] }),
  option("usage", "Resource Usage Type", USAGE_OPTIONS, { aliases: ["Resource Usage"] }),
  text("position", "Position"),
];

export const BLANKET_ASSEMBLY_ORDERS: SheetSpec = {
  name: "Blanket Assembly Orders",
  tableName: "BlanketAssemblyOrders",
  columns: [
    code("aoNo", "Assembly Order No.", { required: true }),
    code("blanketDocNo", "Blanket Order No."),
    lineNo("blanketLineNo", "Blanket Order Line No."),
    code("itemNo", "Assembly Item No."),
    qty("asmQty", "Assembly Quantity"),
    code("asmUom", "Assembly Unit of Measure"),
    date("dueDate", "Due Date"),
    ...assemblyLineColumns,
  ],
};

export const SALES_ORDERS: SheetSpec = {
  name: "Sales Orders",
  tableName: "SalesOrders",
  columns: [
    code("docNo", "Document No.", { required: true }),
    code("customerNo", "Sell-to Customer No."),
    text("customerName", "Sell-to Customer Name"),
    date("orderDate", "Order Date"),
    text("externalDocNo", "External Document No."),
    lineNo("lineNo", "Line No.", { required: true }),
    option("type", "Type", BLANKET_TYPE_OPTIONS),
    code("no", "No."),
    text("description", "Description"),
    code("variant", "Variant Code"),
    code("location", "Location Code"),
    qty("quantity", "Quantity"),
    code("uom", "Unit of Measure Code"),
    qty("qtyToAto", "Qty. to Assemble to Order"),
    { key: "unitPrice", header: "Unit Price", kind: "number", format: "amount" },
    { key: "discount", header: "Line Discount %", kind: "number", format: "percent" },
    { key: "lineAmount", header: "Line Amount", kind: "number", format: "amount" },
    date("shipmentDate", "Shipment Date"),
    code("blanketDocNo", "Blanket Order No."),
    lineNo("blanketLineNo", "Blanket Order Line No."),
    code("aoNo", "Assembly Order No."),
  ],
};

export const ASSEMBLY_ORDERS: SheetSpec = {
  name: "Assembly Orders",
  tableName: "AssemblyOrders",
  columns: [
    code("aoNo", "Assembly Order No.", { required: true }),
    code("salesOrderNo", "Sales Order No."),
    lineNo("salesLineNo", "Sales Order Line No."),
    code("itemNo", "Assembly Item No."),
    qty("asmQty", "Assembly Quantity"),
    code("asmUom", "Assembly Unit of Measure"),
    date("dueDate", "Due Date"),
    ...assemblyLineColumns,
    code("baoNo", "Blanket Assembly Order No."),
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
    code("uom", "Unit of Measure Code"),
    qty("blanketNeed", "Needed for Blanket Orders"),
    qty("assemblyNeed", "Needed for Assembly Orders"),
    qty("totalNeed", "Total Needed"),
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
/** The sheets the product owns. */
export const OUTPUT_SHEETS: readonly SheetSpec[] = [
  BLANKET_ASSEMBLY_ORDERS,
  SALES_ORDERS,
  ASSEMBLY_ORDERS,
  COMPONENT_FORECAST,
];

export function column(spec: SheetSpec, key: string): ColumnSpec {
  const c = spec.columns.find((col) => col.key === key);
  if (!c) throw new Error(`internal: no column ${key} on ${spec.name}`);
  return c;
}

/** Editable columns of the Blanket Assembly Orders sheet, as on BC's Assemble-to-Order Lines page. */
export const EDITABLE_ASSEMBLY_COLUMNS = [
  "type",
  "no",
  "description",
  "variant",
  "qtyPer",
  "uom",
  "usage",
  "position",
] as const;

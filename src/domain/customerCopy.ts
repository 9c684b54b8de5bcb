/**
 * The customer's copy and the call-off that comes back in it. Sharing keeps one
 * customer's blanket orders, their sales orders and the agreed build of each kit (item
 * components and comments; labour, setup and costs stay internal). Importing checks the
 * returned copy is that customer's and its agreement still matches, then takes its
 * Qty. to Ship entries.
 */
import { BlanketIndex, quantityOrdered } from "./blanketIndex";
import { issue, Issue, MESSAGES } from "./issues";
import { BlanketOrder, BlanketOrderLine, key, lineKey, SalesLine, Source } from "./model";
import { subQty } from "./quantity";

/** A line of the copy's Blanket Orders sheet. */
export interface CopyBlanketLine {
  documentNo: string;
  sellToCustomerNo: string;
  sellToCustomerName?: string;
  externalDocumentNo?: string;
  validUntil?: number;
  lineNo?: number;
  no?: string;
  description?: string;
  quantity?: number;
  unitOfMeasureCode?: string;
  unitPrice?: number;
  shipmentDate?: number;
  quantityOrdered?: number;
  remainingQuantity?: number;
  /** What the customer calls off; a text when it is not a quantity. */
  qtyToShip?: number | { text: string };
  source?: Source;
}

/** A line of the agreed build of a kit. */
export interface SpecificationLine {
  blanketOrderNo: string;
  blanketOrderLineNo?: number;
  assemblyItemNo: string;
  lineNo: number;
  no?: string;
  description?: string;
  quantityPer?: number;
  unitOfMeasureCode?: string;
}

export interface CustomerCopy {
  customerNo: string;
  customerName?: string;
  sharedOn: number;
  orders: BlanketOrder[];
  blanketLines: CopyBlanketLine[];
  salesLines: SalesLine[];
  specification: SpecificationLine[];
}

/** The copy for one customer, or CUSTOMER_NOT_FOUND. */
export function shareWithCustomer(
  index: BlanketIndex,
  customerNo: string,
  today: number
): CustomerCopy | Issue {
  const records = index.records;
  const orders = [...records.blanketOrders.values()].filter(
    (o) => key(o.sellToCustomerNo) === key(customerNo)
  );
  if (!orders.length)
    return issue(
      "CUSTOMER_NOT_FOUND",
      { table: "blanketOrders", field: "sellToCustomerNo" },
      MESSAGES.customerNotFound(customerNo),
      []
    );
  const docs = new Set(orders.map((o) => key(o.documentNo)));
  const blanketLines: CopyBlanketLine[] = [];
  const specification: SpecificationLine[] = [];
  for (const o of orders) {
    for (const l of o.lines) {
      const item = l.type === "Item";
      const ordered = item ? quantityOrdered(index, l) : undefined;
      blanketLines.push({
        documentNo: o.documentNo,
        sellToCustomerNo: o.sellToCustomerNo,
        sellToCustomerName: o.sellToCustomerName,
        externalDocumentNo: o.externalDocumentNo,
        validUntil: o.validUntil,
        lineNo: l.lineNo,
        no: l.no || undefined,
        description: l.description || undefined,
        quantity: item ? l.quantity : undefined,
        unitOfMeasureCode: item ? l.unitOfMeasureCode : undefined,
        unitPrice: item ? l.unitPrice : undefined,
        shipmentDate: l.shipmentDate,
        quantityOrdered: ordered,
        remainingQuantity: ordered === undefined ? undefined : subQty(l.quantity, ordered),
        qtyToShip: l.qtyToShip || undefined,
      });
    }
  }
  // The agreed build: item components and comments, in sheet order of the orders.
  for (const agreed of records.blanketAssemblyOrders) {
    if (!docs.has(key(agreed.blanketOrderNo))) continue;
    for (const l of agreed.lines) {
      if (l.type === "Resource") continue;
      const comment = l.type === "Comment";
      specification.push({
        blanketOrderNo: agreed.blanketOrderNo,
        blanketOrderLineNo: agreed.blanketOrderLineNo,
        assemblyItemNo: agreed.assemblyItemNo,
        lineNo: l.lineNo,
        no: comment ? undefined : l.no,
        description: l.description,
        quantityPer: comment ? undefined : l.quantityPer,
        unitOfMeasureCode: comment ? undefined : l.unitOfMeasureCode,
      });
    }
  }
  return {
    customerNo: orders[0].sellToCustomerNo,
    customerName: orders[0].sellToCustomerName,
    sharedOn: today,
    orders,
    blanketLines,
    salesLines: records.salesLines.filter(
      (s) => s.blanketOrderNo && docs.has(key(s.blanketOrderNo))
    ),
    specification,
  };
}

export interface ImportedCallOff {
  issues: Issue[];
  /** Qty. to Ship per blanket line of the customer's orders (null: blank). */
  qtyToShip: Map<BlanketOrderLine, number | null>;
  /** Lines called off, as "BSO-1001 10000=4". */
  callOff: string[];
}

/**
 * Takes the customer's Qty. to Ship entries from their copy, after checking the copy is
 * that customer's and its agreement (item, quantity, unit, shipment date of every line,
 * no line added or missing) still matches the workbook. Any mismatch is COPY_MISMATCH.
 */
export function importCallOff(
  index: BlanketIndex,
  copy: { customerNo: string; blanketLines: CopyBlanketLine[] }
): ImportedCallOff {
  const records = index.records;
  const issues: Issue[] = [];
  const customer = copy.customerNo;
  const mismatch = (at: Source | undefined, field: string, message: string): void => {
    issues.push(
      issue(
        "COPY_MISMATCH",
        at ? { source: at, field } : { sheet: "Blanket Orders", cell: "A1" },
        message,
        []
      )
    );
  };
  const qtyToShip = new Map<BlanketOrderLine, number | null>();
  const callOff: string[] = [];
  const seen = new Set<string>();
  for (const c of copy.blanketLines) {
    const doc = c.documentNo;
    if (key(c.sellToCustomerNo) !== key(customer)) {
      mismatch(
        c.source,
        "sellToCustomerNo",
        `Blanket order ${doc} in the copy is for customer ${c.sellToCustomerNo}, not ${customer}, whose copy this is.`
      );
      continue;
    }
    const order = records.blanketOrders.get(key(doc));
    if (!order || key(order.sellToCustomerNo) !== key(customer)) {
      mismatch(
        c.source,
        "documentNo",
        `Blanket order ${doc} is not one of customer ${customer}'s blanket orders in this workbook.`
      );
      continue;
    }
    const line = c.lineNo === undefined ? undefined : index.lines.get(lineKey(doc, c.lineNo));
    if (!line) {
      mismatch(
        c.source,
        "lineNo",
        `Blanket order ${doc} has no line ${c.lineNo ?? "(blank)"} in this workbook.`
      );
      continue;
    }
    seen.add(lineKey(doc, line.lineNo));
    const item = line.type === "Item";
    const agreed: [string, string, string | number | undefined, string | number | undefined][] = [
      ["no", "No.", c.no, line.no || undefined],
      ["quantity", "Quantity", c.quantity, item ? line.quantity : undefined],
      [
        "unitOfMeasureCode",
        "Unit of Measure Code",
        c.unitOfMeasureCode,
        item ? line.unitOfMeasureCode : undefined,
      ],
      ["shipmentDate", "Shipment Date", c.shipmentDate, line.shipmentDate],
    ];
    for (const [field, caption, got, want] of agreed) {
      const same =
        typeof got === "string" && typeof want === "string" ? key(got) === key(want) : got === want;
      if (!same)
        mismatch(
          c.source,
          field,
          `Blanket order ${doc} line ${line.lineNo}: ${caption} is ${got ?? "(blank)"} in the copy but ${want ?? "(blank)"} in the agreement. Only Qty. to Ship may be changed in a customer copy.`
        );
    }
    const q = c.qtyToShip;
    if (typeof q === "object" || (typeof q === "number" && q < 0)) {
      const text = typeof q === "object" ? q.text : String(q);
      mismatch(
        c.source,
        "qtyToShip",
        `Blanket order ${doc} line ${line.lineNo}: Qty. to Ship is '${text}', which is not a quantity.`
      );
      continue;
    }
    const value = q !== undefined && q > 0 ? q : null;
    qtyToShip.set(line, value);
    if (value !== null) callOff.push(`${doc} ${line.lineNo}=${value}`);
  }
  for (const order of records.blanketOrders.values()) {
    if (key(order.sellToCustomerNo) !== key(customer)) continue;
    for (const l of order.lines)
      if (!seen.has(lineKey(l.documentNo, l.lineNo)))
        mismatch(
          undefined,
          "",
          `Blanket order ${l.documentNo} line ${l.lineNo} is missing from the copy; it was changed after it was shared.`
        );
  }
  return { issues, qtyToShip, callOff };
}

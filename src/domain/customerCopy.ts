/**
 * The customer's copy and the call-off that comes back in it. Sharing keeps one
 * customer's blanket orders, their sales orders and the agreed build of each kit (item
 * components and comments; labour, setup and costs stay internal). Importing checks the
 * returned copy is that customer's and its agreement still matches, then takes its
 * Qty. to Ship entries.
 */
import { BlanketIndex, blanketLineAt, quantityOrdered } from "./blanketIndex";
import { issue, Issue, MESSAGES } from "./issues";
import { BlanketOrder, BlanketOrderLine, key, lineKey, SalesLine, Source } from "./model";
import { formatQty, subQty } from "./quantity";
import { serialToIso } from "./dates";

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

/** What a line's agreement was when the copy was made (kept in the copy, protected). */
export interface AgreedLine {
  documentNo: string;
  lineNo: number;
  no?: string;
  quantity?: number;
  unitOfMeasureCode?: string;
  shipmentDate?: number;
}

export interface CustomerCopy {
  customerNo: string;
  customerName?: string;
  sharedOn: number;
  /** The agreed values the copy was made from, to tell a changed workbook from an edited copy. */
  agreed: AgreedLine[];
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
    agreed: blanketLines.map((l) => agreedOf(l)),
    orders,
    blanketLines,
    salesLines: records.salesLines.filter(
      (s) => s.blanketOrderNo && docs.has(key(s.blanketOrderNo))
    ),
    specification,
  };
}

/** A line's agreed values as the copy shows them. */
const agreedOf = (l: CopyBlanketLine): AgreedLine => ({
  documentNo: l.documentNo,
  lineNo: l.lineNo ?? 0,
  no: l.no,
  quantity: l.quantity,
  unitOfMeasureCode: l.unitOfMeasureCode,
  shipmentDate: l.shipmentDate,
});

/** The line's agreed values in the workbook now. */
const agreedNow = (line: BlanketOrderLine): AgreedLine => {
  const item = line.type === "Item";
  return {
    documentNo: line.documentNo,
    lineNo: line.lineNo,
    no: line.no || undefined,
    quantity: item ? line.quantity : undefined,
    unitOfMeasureCode: item ? line.unitOfMeasureCode : undefined,
    shipmentDate: line.shipmentDate,
  };
};

const AGREED_FIELDS: [keyof AgreedLine, string][] = [
  ["no", "No."],
  ["quantity", "Quantity"],
  ["unitOfMeasureCode", "Unit of Measure Code"],
  ["shipmentDate", "Shipment Date"],
];

/** The agreed fields that differ between two versions of a line, as [field, caption, a, b]. */
function moved(
  a: AgreedLine,
  b: AgreedLine
): [keyof AgreedLine, string, AgreedLine[keyof AgreedLine], AgreedLine[keyof AgreedLine]][] {
  return AGREED_FIELDS.filter(([field]) => {
    const x = a[field];
    const y = b[field];
    return typeof x === "string" && typeof y === "string" ? key(x) !== key(y) : x !== y;
  }).map(([field, caption]) => [field, caption, a[field], b[field]]);
}

/** One line of what an import sets: the workbook's Qty. to Ship before and after. */
export interface QtyToShipChange {
  blanketOrderNo: string;
  lineNo: number;
  no: string;
  unitOfMeasureCode: string;
  /** Qty. to Ship in the workbook now (null: blank). */
  old: number | null;
  /** Qty. to Ship in the copy (null: blank). */
  new: number | null;
}

export interface ImportedCallOff {
  issues: Issue[];
  /** Qty. to Ship per blanket line of the customer's orders (null: blank). */
  qtyToShip: Map<BlanketOrderLine, number | null>;
  /** Lines called off, as "BSO-1001 10000=4". */
  callOff: string[];
  /** Per item line where the workbook or the copy has a Qty. to Ship: old and new. */
  changes: QtyToShipChange[];
}

/**
 * Takes the customer's Qty. to Ship entries from their copy, after checking the copy is
 * that customer's and its agreement (item, quantity, unit, shipment date of every line,
 * no line added or missing) still matches the workbook. Any mismatch is COPY_MISMATCH.
 */
export function importCallOff(
  index: BlanketIndex,
  copy: {
    customerNo: string;
    blanketLines: CopyBlanketLine[];
    /** The agreed values recorded in the copy; absent in copies made before they were kept. */
    agreed?: AgreedLine[];
    sharedOn?: number;
    /** Where the copy says when it was made, for COPY_OUTDATED. */
    sharedOnAt?: { sheet: string; cell: string };
  }
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
  const recordedOf = new Map(
    (copy.agreed ?? []).map((a) => [lineKey(a.documentNo, a.lineNo), a] as const)
  );
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
    const line = c.lineNo === undefined ? undefined : blanketLineAt(index, doc, c.lineNo);
    if (!line) {
      mismatch(
        c.source,
        "lineNo",
        `Blanket order ${doc} has no line ${c.lineNo ?? "(blank)"} in this workbook.`
      );
      continue;
    }
    seen.add(lineKey(doc, line.lineNo));
    // An edited copy shows other values than it was made with; without the record (an
    // older copy), than the workbook has now.
    const recorded = copy.agreed ? recordedOf.get(lineKey(doc, line.lineNo)) : agreedNow(line);
    if (!recorded) {
      mismatch(
        c.source,
        "lineNo",
        `Blanket order ${doc} line ${line.lineNo} was added to the copy; it is not among the lines it was shared with.`
      );
      continue;
    }
    for (const [field, caption, got, want] of moved(agreedOf(c), recorded))
      mismatch(
        c.source,
        field,
        `Blanket order ${doc} line ${line.lineNo}: ${caption} is ${agreedValue(field, got)} in the copy but ${agreedValue(field, want)} in the agreement. Only Qty. to Ship may be changed in a customer copy.`
      );
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
  const customersLines = [...records.blanketOrders.values()]
    .filter((o) => key(o.sellToCustomerNo) === key(customer))
    .flatMap((o) => o.lines);
  if (copy.agreed) {
    for (const a of copy.agreed)
      if (
        !seen.has(lineKey(a.documentNo, a.lineNo)) &&
        blanketLineAt(index, a.documentNo, a.lineNo) !== undefined
      )
        mismatch(
          undefined,
          "",
          `Blanket order ${a.documentNo} line ${a.lineNo} was removed from the copy. Only Qty. to Ship may be changed in a customer copy.`
        );
    const outdated = changesSince(copy.agreed, customersLines);
    if (outdated.length) {
      const when = copy.sharedOn === undefined ? "" : ` on ${serialToIso(copy.sharedOn)}`;
      issues.push(
        issue(
          "COPY_OUTDATED",
          copy.sharedOnAt ?? { sheet: "Shared Copy", cell: "A1" },
          MESSAGES.copyOutdated(when, outdated),
          []
        )
      );
    }
  } else {
    for (const l of customersLines)
      if (!seen.has(lineKey(l.documentNo, l.lineNo)))
        mismatch(
          undefined,
          "",
          `Blanket order ${l.documentNo} line ${l.lineNo} is missing from the copy; it was changed after it was shared.`
        );
  }
  const changes: QtyToShipChange[] = [];
  for (const l of customersLines) {
    if (l.type !== "Item") continue;
    const old = l.qtyToShip > 0 ? l.qtyToShip : null;
    const now = qtyToShip.has(l) ? qtyToShip.get(l)! : old;
    if (old === null && now === null) continue;
    changes.push({
      blanketOrderNo: l.documentNo,
      lineNo: l.lineNo,
      no: l.no,
      unitOfMeasureCode: l.unitOfMeasureCode,
      old,
      new: now,
    });
  }
  return { issues, qtyToShip, callOff, changes };
}

/** What moved in the workbook since the copy recorded its agreed values, line by line. */
function changesSince(agreed: readonly AgreedLine[], now: readonly BlanketOrderLine[]): string[] {
  const out: string[] = [];
  const nowOf = new Map(now.map((l) => [lineKey(l.documentNo, l.lineNo), l] as const));
  const recorded = new Set<string>();
  for (const a of agreed) {
    const k = lineKey(a.documentNo, a.lineNo);
    recorded.add(k);
    const line = nowOf.get(k);
    const where = `blanket order ${a.documentNo} line ${a.lineNo}`;
    if (!line) {
      out.push(`${where} removed`);
      continue;
    }
    const diffs = moved(a, agreedNow(line)).map(
      ([field, caption, was, is]) =>
        `${caption} ${agreedValue(field, was)} -> ${agreedValue(field, is)}`
    );
    if (diffs.length) out.push(`${where} ${diffs.join(", ")}`);
  }
  for (const l of now)
    if (!recorded.has(lineKey(l.documentNo, l.lineNo)))
      out.push(`blanket order ${l.documentNo} line ${l.lineNo} added`);
  return out;
}

function agreedValue(field: keyof AgreedLine, v: AgreedLine[keyof AgreedLine]): string {
  if (v === undefined) return "(blank)";
  if (field === "shipmentDate" && typeof v === "number") return serialToIso(v);
  return typeof v === "number" ? formatQty(v) : v;
}

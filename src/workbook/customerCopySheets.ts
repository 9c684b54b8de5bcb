/**
 * The customer's copy as sheets: written as tables, protected but for Qty. to Ship, and
 * read back with the same tolerant reader as the workbook.
 */
import { AgreedLine, CopyBlanketLine, CustomerCopy } from "../domain/customerCopy";
import { isoToSerial } from "../domain/dates";
import { issue, Issue } from "../domain/issues";
import { CellValue, cellRef, displayCell, findSheet, isEmptyCell, WorkbookGrids } from "./grid";
import { newTable } from "./documents";
import {
  AGREED_VALUES,
  ASSEMBLY_SPECIFICATION,
  COPY_BLANKET_ORDERS,
  COPY_SALES_ORDERS,
  SHARED_COPY,
  SheetSpec,
} from "./schema";
import { readTable, RowReader, sourceOf } from "./table";
import { SheetWrite, WritePlan } from "./writePlan";

const SHARED_ON = "Shared On";

/** A record's values as a row in a spec's column order (undefined cells blank). */
function rowOf(spec: SheetSpec, values: object): CellValue[] {
  const v = values as Record<string, unknown>;
  return spec.columns.map((c) => {
    const x = v[c.key];
    return typeof x === "string" || typeof x === "number" || typeof x === "boolean" ? x : null;
  });
}

/** The plan that writes the copy into a new, empty workbook. */
export function customerCopyPlan(copy: CustomerCopy): WritePlan {
  const editable = [COPY_BLANKET_ORDERS.columns.findIndex((c) => c.key === "qtyToShip")];
  const info: CellValue[][] = [
    ["Customer No.", copy.customerNo],
    ["Customer Name", copy.customerName ?? null],
    [SHARED_ON, copy.sharedOn],
    [
      "How to call off",
      "Enter the quantities you call off in Qty. to Ship on the Blanket Orders sheet, save, and send the workbook back.",
    ],
  ];
  const locked = { editableColumns: [] as number[] };
  return {
    writes: [
      newTable(
        COPY_BLANKET_ORDERS,
        copy.blanketLines.map((l) => rowOf(COPY_BLANKET_ORDERS, l)),
        { editableColumns: editable }
      ),
      newTable(
        COPY_SALES_ORDERS,
        copy.salesLines.map((s) =>
          rowOf(COPY_SALES_ORDERS, { ...s, quantity: s.type === "Item" ? s.quantity : undefined })
        ),
        locked
      ),
      newTable(
        ASSEMBLY_SPECIFICATION,
        copy.specification.map((s) => rowOf(ASSEMBLY_SPECIFICATION, s)),
        locked
      ),
      newTable(
        AGREED_VALUES,
        copy.agreed.map((a) => rowOf(AGREED_VALUES, a)),
        locked
      ),
      withDateAt(
        newTable(SHARED_COPY, info, locked),
        2 + info.findIndex((r) => r[0] === SHARED_ON),
        1
      ),
    ],
  };
}

/** The same sheet with one body cell formatted as a date (its column is General). */
function withDateAt(write: SheetWrite, row: number, col: number): SheetWrite {
  const ranges = write.ranges.flatMap((r) => {
    const i = row - r.row;
    if (i < 0 || i >= r.values.length || col < r.col || col >= r.col + r.formats.length) return [r];
    const part = (from: number, to: number) =>
      from < to ? [{ ...r, row: r.row + from, values: r.values.slice(from, to) }] : [];
    return [
      ...part(0, i),
      {
        ...r,
        row,
        values: [r.values[i]],
        formats: r.formats.map((f, c) => (r.col + c === col ? ("date" as const) : f)),
      },
      ...part(i + 1, r.values.length),
    ];
  });
  return { ...write, ranges };
}

export interface CopyRead {
  customerNo?: string;
  blanketLines: CopyBlanketLine[];
  /** The agreed values the copy was made from (copies made before they were kept have none). */
  agreed?: AgreedLine[];
  sharedOn?: number;
  sharedOnAt?: { sheet: string; cell: string };
  /** What makes the file not a usable copy (COPY_MISMATCH). */
  issues: Issue[];
}

/** Reads a returned copy; `name` names it in issues (its file name). */
export function readCustomerCopy(grids: WorkbookGrids, name: string): CopyRead {
  const issues: Issue[] = [];
  const mismatch = (sheet: string, message: string): void => {
    issues.push(issue("COPY_MISMATCH", { sheet, cell: "A1" }, message, []));
  };
  const infoGrid = findSheet(grids, SHARED_COPY.name);
  const blanketGrid = findSheet(grids, COPY_BLANKET_ORDERS.name);
  const info = infoGrid ? readTable(infoGrid, SHARED_COPY, []) : undefined;
  const customerRow = info?.rows.find(
    (r) => new RowReader(r, undefined, "", []).text("field") === "Customer No."
  );
  const customerNo = customerRow
    ? new RowReader(customerRow, undefined, "", []).code("value")
    : undefined;
  const sharedOnRow = info?.rows.find(
    (r) => new RowReader(r, undefined, "", []).text("field") === SHARED_ON
  );
  const sharedOnRaw = sharedOnRow
    ? new RowReader(sharedOnRow, undefined, "", []).raw("value")
    : null;
  const sharedOn =
    typeof sharedOnRaw === "number"
      ? sharedOnRaw
      : typeof sharedOnRaw === "string"
        ? isoToSerial(sharedOnRaw.trim())
        : undefined;
  const sharedOnAt =
    sharedOnRow && info
      ? {
          sheet: info.sheet,
          cell: cellRef(info.cols.get("value") ?? 1, sharedOnRow.row),
        }
      : undefined;
  if (!infoGrid || customerNo === undefined || !blanketGrid) {
    mismatch(
      infoGrid ? SHARED_COPY.name : COPY_BLANKET_ORDERS.name,
      "This workbook is not a customer copy made by bao share (its Shared Copy or Blanket Orders sheet is missing)."
    );
    return { blanketLines: [], issues };
  }
  const t = readTable(blanketGrid, COPY_BLANKET_ORDERS, []);
  t.workbook = name;
  for (const c of COPY_BLANKET_ORDERS.columns)
    if (c.required && !t.cols.has(c.key))
      mismatch(
        t.sheet,
        `The customer copy has no '${c.header}' column; it was changed after it was shared.`
      );
  if (issues.length) return { customerNo, blanketLines: [], issues };
  const blanketLines = t.rows.map((row): CopyBlanketLine => {
    const r = new RowReader(row, undefined, "", []);
    const raw = r.raw("qtyToShip");
    const qty = r.number("qtyToShip");
    return {
      documentNo: r.code("documentNo") ?? "",
      sellToCustomerNo: r.code("sellToCustomerNo") ?? "",
      lineNo: r.integer("lineNo"),
      no: r.code("no"),
      quantity: r.number("quantity"),
      unitOfMeasureCode: r.code("unitOfMeasureCode"),
      shipmentDate: r.date("shipmentDate"),
      qtyToShip: isEmptyCell(raw)
        ? undefined
        : qty === undefined
          ? { text: displayCell(raw) }
          : qty,
      source: sourceOf(row),
    };
  });
  return {
    customerNo,
    blanketLines,
    agreed: readAgreed(grids),
    sharedOn,
    sharedOnAt,
    issues,
  };
}

/** The copy's record of the agreed values, where it has one. */
function readAgreed(grids: WorkbookGrids): AgreedLine[] | undefined {
  const grid = findSheet(grids, AGREED_VALUES.name);
  if (!grid) return undefined;
  const t = readTable(grid, AGREED_VALUES, []);
  if (!t.present) return undefined;
  return t.rows.map((row): AgreedLine => {
    const r = new RowReader(row, undefined, "", []);
    return {
      documentNo: r.code("documentNo") ?? "",
      lineNo: r.integer("lineNo") ?? 0,
      no: r.code("no"),
      quantity: r.number("quantity"),
      unitOfMeasureCode: r.code("unitOfMeasureCode"),
      shipmentDate: r.date("shipmentDate"),
    };
  });
}

/** Make Order: the customer's call-off becomes a sales order with linked assembly orders. */
import * as React from "react";
import {
  Body1,
  Button,
  Caption1,
  Field,
  Input,
  Link,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  makeStyles,
  mergeClasses,
  tokens,
} from "@fluentui/react-components";
import { documentAddress, makeOrder, MakeOrderResult, setQtyToShip } from "../../engine";
import type { LocatedIssue } from "../../engine";
import { parseDateIn } from "../culture";
import {
  count,
  formatAmount,
  formatDate,
  formatQuantity,
  parseQuantityInput,
  remainingText,
  todaySerial,
} from "../format";
import { MESSAGES } from "../../domain/issues";
import { compareQty, formatQty, lineAmount, roundAmount, subQty } from "../../domain/quantity";
import type { BlanketLineStatus, BlanketOrderStatus } from "../../engine";
import { useTask } from "../task";
import { BlanketOrderPicker, useBlanketOrders } from "./BlanketOrderPicker";
import { ConfirmDialog, ConfirmRequest } from "./ConfirmDialog";
import { IssueList } from "./IssueList";

const useStyles = makeStyles({
  table: { fontSize: tokens.fontSizeBase200, tableLayout: "fixed", width: "100%" },
  num: { textAlign: "right" },
  head: {
    whiteSpace: "normal",
    overflowWrap: "anywhere",
    lineHeight: tokens.lineHeightBase200,
    paddingLeft: "2px",
    paddingRight: "2px",
  },
  shipInput: { width: "100%", minWidth: 0 },
  result: { marginTop: "12px", display: "flex", flexDirection: "column", gap: "4px" },
});

/** BC's over call-off message when `qty` is more than what is left of the line. */
function overCallOff(
  order: BlanketOrderStatus,
  l: BlanketLineStatus,
  qty: number
): string | undefined {
  if (compareQty(qty, l.remainingQuantity) <= 0) return undefined;
  return MESSAGES.overCallOff(
    l.no,
    order.documentNo,
    String(l.lineNo),
    formatQty(subQty(l.quantity, l.quantityOrdered)),
    formatQty(l.quantity),
    formatQty(l.quantityOrdered)
  );
}

/** A call-off line's Line Amount as the sales line will have it; undefined without a price. */
function callOffAmount(l: BlanketLineStatus, qty: number): number | undefined {
  return l.unitPrice === undefined
    ? undefined
    : lineAmount(qty, l.unitPrice, l.lineDiscountPercent);
}

const sumAmounts = (amounts: number[]): number => amounts.reduce((a, b) => roundAmount(a + b), 0);

/** A new attempt's name: unique enough to tell one confirmed call-off from another. */
function newAttemptId(): string {
  return (
    globalThis.crypto?.randomUUID?.() ?? `${Date.now()}-${Math.random().toString(36).slice(2)}`
  );
}

interface Made {
  salesOrder: string;
  assemblyOrders: string[];
  links: Map<string, { sheet: string; address: string }>;
}

export function MakeOrderPanel(): React.JSX.Element {
  const styles = useStyles();
  const task = useTask();
  // The order with a call-off entered comes first.
  const picked = useBlanketOrders((list) => list.find((o) => o.lines.some((l) => l.qtyToShip > 0)));
  const { orders, order } = picked;
  // What the planner typed and has not saved yet; otherwise the sheet's Qty. to Ship shows.
  const [typed, setShipText] = React.useState<Record<string, string>>({});
  const [shipError, setShipError] = React.useState<Record<number, string>>({});
  const typedKey = (lineNo: number): string => `${order?.documentNo}\u0000${lineNo}`;
  const shipText: Record<number, string> = {};
  for (const l of order?.lines ?? [])
    if (l.type === "Item")
      shipText[l.lineNo] =
        typed[typedKey(l.lineNo)] ?? (l.qtyToShip ? formatQuantity(l.qtyToShip) : "");
  // The order date as typed, in the workbook's short date format (or YYYY-MM-DD).
  const [date, setDate] = React.useState(() => formatDate(todaySerial()));
  const [confirm, setConfirm] = React.useState<ConfirmRequest>();
  const [refused, setRefused] = React.useState<LocatedIssue[]>();
  const [made, setMade] = React.useState<Made>();
  /** The call-off last sent and its attempt, kept until Excel answers. */
  const attempt = React.useRef<{ call: string; id: string }>(undefined);

  const commitShip = async (lineNo: number): Promise<void> => {
    const parsed = parseQuantityInput(shipText[lineNo] ?? "");
    if (parsed === undefined) {
      setShipError((e) => ({
        ...e,
        [lineNo]: `Enter a quantity such as 4 or ${formatQuantity(2.5)}, or leave it blank.`,
      }));
      return;
    }
    const line = order?.lines.find((l) => l.lineNo === lineNo);
    if (!order || !line) return;
    // BC's check, before anything is written: no more than what is left of the line.
    const over = overCallOff(order, line, parsed ?? 0);
    setShipError((e) => ({ ...e, [lineNo]: over ?? "" }));
    if (over || (parsed ?? 0) === line.qtyToShip) return;
    await task.run("Save Qty. to Ship", () =>
      task.host.update((g) => ({ plan: setQtyToShip(g, order.documentNo, lineNo, parsed) }))
    );
  };

  const callOff = (): Map<number, number> => {
    const ship = new Map<number, number>();
    for (const [line, text] of Object.entries(shipText)) {
      const q = parseQuantityInput(text);
      if (q) ship.set(Number(line), q);
    }
    return ship;
  };

  const askMakeOrder = (): void => {
    if (!order) return;
    const ship = callOff();
    const orderDate = parseDateIn(date);
    if (orderDate === undefined)
      return task.showError(
        "Order date",
        `Enter the order date as a date, such as ${formatDate(todaySerial())}.`
      );
    const errors = { ...shipError };
    for (const l of order.lines) {
      const over = ship.has(l.lineNo) ? overCallOff(order, l, ship.get(l.lineNo)!) : undefined;
      if (over) errors[l.lineNo] = over;
    }
    setShipError(errors);
    if (Object.values(errors).some(Boolean))
      return task.showError("Qty. to Ship", "Correct the highlighted quantities first.");
    const lines = order.lines.filter((l) => ship.has(l.lineNo));
    if (!lines.length)
      return task.showError(
        "Make Order",
        "There is nothing to create. Enter a Qty. to Ship on at least one line."
      );
    const amounts = lines.map((l) => callOffAmount(l, ship.get(l.lineNo)!));
    // BC's stockout warning, before anything is written: the order as it would be made now.
    const short = task.workbook
      ? makeOrder(task.workbook, {
          blanketOrderNo: order.documentNo,
          orderDate,
          qtyToShip: ship,
        }).issues.filter((i) => i.code === "COMPONENT_SHORT")
      : [];
    setConfirm({
      title: "Make this sales order?",
      body: (
        <>
          <Body1 as="p">
            A sales order for {order.sellToCustomerName ?? order.sellToCustomerNo} dated{" "}
            {formatDate(orderDate)}, from blanket order {order.documentNo}:
          </Body1>
          <ul>
            {lines.map((l, i) => (
              <li key={l.lineNo}>
                {l.no}: {formatQuantity(ship.get(l.lineNo))} {l.unitOfMeasureCode}
                {l.assembleToOrder ? ", assembled to order" : ""}
                {amounts[i] !== undefined && `, ${formatAmount(amounts[i])}`}
              </li>
            ))}
          </ul>
          {amounts.every((a) => a !== undefined) && (
            <Body1 as="p">Total (excl. VAT): {formatAmount(sumAmounts(amounts as number[]))}</Body1>
          )}
          {short.length > 0 && (
            <MessageBar intent="warning" layout="multiline">
              <MessageBarBody>
                <MessageBarTitle>Components short</MessageBarTitle>
                <ul aria-label="Components short">
                  {short.map((i) => (
                    <li key={i.cell}>{i.message}</li>
                  ))}
                </ul>
              </MessageBarBody>
            </MessageBar>
          )}
        </>
      ),
      confirm: "Make Order",
      onConfirm: () => void doMakeOrder(order.documentNo, orderDate, ship),
    });
  };

  const doMakeOrder = async (
    orderNo: string,
    orderDate: number,
    ship: Map<number, number>
  ): Promise<void> => {
    setMade(undefined);
    setRefused(undefined);
    // One attempt per call-off: a retry after an error (a dropped connection) names the same
    // attempt, so the engine finishes or returns the order it made instead of a second one.
    const call = JSON.stringify([orderNo, orderDate, [...ship]]);
    const attemptId = attempt.current?.call === call ? attempt.current.id : newAttemptId();
    attempt.current = { call, id: attemptId };
    const result = await task.run("Make Order", async () => {
      let links = new Map<string, { sheet: string; address: string }>();
      const r: MakeOrderResult = await task.host.update((grids) =>
        makeOrder(grids, { blanketOrderNo: orderNo, orderDate, qtyToShip: ship, attemptId })
      );
      if (r.ok) {
        const after = await task.host.read();
        links = new Map();
        const so = documentAddress(after, "Sales Orders", "Document No.", r.salesOrder!);
        if (so) links.set(r.salesOrder!, { sheet: "Sales Orders", address: so });
        for (const ao of r.assemblyOrders ?? []) {
          const at = documentAddress(after, "Assembly Orders", "Assembly Order No.", ao);
          if (at) links.set(ao, { sheet: "Assembly Orders", address: at });
        }
      }
      return { r, links };
    });
    if (!result) return;
    attempt.current = undefined;
    if (!result.r.ok) {
      setRefused(result.r.issues.filter((i) => i.severity === "error"));
      task.announce(`Make Order refused: ${count(result.r.errors, "error")}.`);
      return;
    }
    // The sheet's Qty. to Ship was reset with the order: show it, not what was typed.
    setShipText({});
    setMade({
      salesOrder: result.r.salesOrder!,
      assemblyOrders: result.r.assemblyOrders ?? [],
      links: result.links,
    });
    task.announce(
      `Made sales order ${result.r.salesOrder}${result.r.assemblyOrders?.length ? ` with assembly orders ${result.r.assemblyOrders.join(", ")}` : ""}.`
    );
  };

  const open = (no: string): void => {
    const link = made?.links.get(no);
    if (link)
      void task.run("Select document", () => task.host.select(link.sheet, link.address), {
        quiet: true,
      });
  };

  if (!orders.length)
    return <Body1>There are no blanket orders on the Blanket Orders sheet.</Body1>;

  return (
    <div>
      <BlanketOrderPicker
        state={picked}
        describe={(o) => o.sellToCustomerName ?? o.sellToCustomerNo}
      />
      {order && (
        // Per unit: boxes and pieces are never added up.
        <Caption1 block aria-label="Remaining" style={{ margin: "4px 0" }}>
          {remainingText(order)}
        </Caption1>
      )}
      {order && (
        <Table
          size="extra-small"
          className={styles.table}
          aria-label={`Lines of blanket order ${order.documentNo}`}
        >
          <TableHeader>
            <TableRow>
              <TableHeaderCell className={styles.head} style={{ width: "30%" }}>
                Item
              </TableHeaderCell>
              <TableHeaderCell
                className={mergeClasses(styles.head, styles.num)}
                style={{ width: "15%" }}
              >
                Qty
              </TableHeaderCell>
              <TableHeaderCell
                className={mergeClasses(styles.head, styles.num)}
                style={{ width: "17%" }}
              >
                Ordered
              </TableHeaderCell>
              <TableHeaderCell
                className={mergeClasses(styles.head, styles.num)}
                style={{ width: "18%" }}
              >
                Remain&shy;ing
              </TableHeaderCell>
              <TableHeaderCell className={styles.head} style={{ width: "20%" }}>
                To ship
              </TableHeaderCell>
            </TableRow>
          </TableHeader>
          <TableBody>
            {order.lines
              .filter((l) => l.type === "Item")
              .map((l) => (
                <TableRow key={l.lineNo}>
                  <TableCell title={`${l.description} (line ${l.lineNo})`}>
                    {l.no}
                    <Caption1 block>
                      {l.unitOfMeasureCode}
                      {l.assembleToOrder ? ", ATO" : ""}
                      {l.unitPrice !== undefined && ` @ ${formatAmount(l.unitPrice)}`}
                    </Caption1>
                  </TableCell>
                  <TableCell className={styles.num}>{formatQuantity(l.quantity)}</TableCell>
                  <TableCell className={styles.num}>{formatQuantity(l.quantityOrdered)}</TableCell>
                  <TableCell className={styles.num}>
                    {formatQuantity(l.remainingQuantity)}
                  </TableCell>
                  <TableCell>
                    <Field
                      validationState={shipError[l.lineNo] ? "error" : "none"}
                      validationMessage={shipError[l.lineNo] || undefined}
                    >
                      <Input
                        className={styles.shipInput}
                        size="small"
                        inputMode="decimal"
                        aria-label={`Qty. to Ship, line ${l.lineNo} ${l.no}`}
                        value={shipText[l.lineNo] ?? ""}
                        onChange={(_, d) =>
                          setShipText((s) => ({ ...s, [typedKey(l.lineNo)]: d.value }))
                        }
                        onBlur={() => void commitShip(l.lineNo)}
                      />
                    </Field>
                  </TableCell>
                </TableRow>
              ))}
          </TableBody>
        </Table>
      )}
      {order && <CallOffTotal order={order} ship={callOff()} />}
      <Field label="Order date" style={{ marginTop: 8 }}>
        <Input value={date} onChange={(_, d) => setDate(d.value)} />
      </Field>
      <Button
        appearance="primary"
        style={{ marginTop: 12 }}
        onClick={askMakeOrder}
        disabled={!order}
      >
        Make Order
      </Button>
      {made && (
        <div className={styles.result} aria-label="Created documents">
          <Body1>
            Sales order{" "}
            <Link as="button" onClick={() => open(made.salesOrder)}>
              {made.salesOrder}
            </Link>
          </Body1>
          {made.assemblyOrders.map((ao) => (
            <Body1 key={ao}>
              Assembly order{" "}
              <Link as="button" onClick={() => open(ao)}>
                {ao}
              </Link>
            </Body1>
          ))}
        </div>
      )}
      {refused && (
        <div style={{ marginTop: 8 }}>
          <Body1 as="p">Nothing was created:</Body1>
          <IssueList
            issues={refused}
            onSelect={(i) =>
              void task.run("Select cell", () => task.host.select(i.sheet, i.cell), { quiet: true })
            }
          />
        </div>
      )}
      <ConfirmDialog request={confirm} onClose={() => setConfirm(undefined)} />
    </div>
  );
}

/** The amount of the call-off entered, as the sales order will total it. */
function CallOffTotal({
  order,
  ship,
}: {
  order: BlanketOrderStatus;
  ship: Map<number, number>;
}): React.JSX.Element | null {
  const amounts = order.lines
    .filter((l) => ship.has(l.lineNo))
    .map((l) => callOffAmount(l, ship.get(l.lineNo)!));
  if (!amounts.length || amounts.some((a) => a === undefined)) return null;
  return (
    <Body1 block aria-label="Call-off total" style={{ marginTop: 4 }}>
      Call-off total (excl. VAT): {formatAmount(sumAmounts(amounts as number[]))}
    </Body1>
  );
}

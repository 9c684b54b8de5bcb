/** The blanket orders of the workbook, re-read after every change, and a picker for one of them. */
import * as React from "react";
import { Field, Select } from "@fluentui/react-components";
import { BlanketOrderStatus, blanketOrders } from "../../engine";
import { useTask } from "../task";

export interface BlanketOrdersState {
  orders: BlanketOrderStatus[];
  documentNo: string;
  setDocumentNo: (documentNo: string) => void;
  order?: BlanketOrderStatus;
}

/** The workbook's blanket orders; the chosen one stays chosen while it exists, else `preferred` (or the first). */
export function useBlanketOrders(
  preferred?: (orders: BlanketOrderStatus[]) => BlanketOrderStatus | undefined
): BlanketOrdersState {
  const task = useTask();
  const grids = task.workbook;
  const orders = React.useMemo(() => (grids ? blanketOrders(grids) : []), [grids]);
  const [chosen, setDocumentNo] = React.useState("");
  // The preferred order is chosen once, when the orders are first read; it then stays
  // chosen while it exists (React's pattern for state that follows a value).
  if (!chosen && orders.length) setDocumentNo((preferred?.(orders) ?? orders[0]).documentNo);
  const order = orders.find((o) => o.documentNo === chosen) ?? orders[0];
  return { orders, documentNo: order?.documentNo ?? "", setDocumentNo, order };
}

export function BlanketOrderPicker({
  state,
  describe,
}: {
  state: BlanketOrdersState;
  /** The text of an option after the order's number. */
  describe: (order: BlanketOrderStatus) => string;
}): React.JSX.Element {
  return (
    <Field label="Blanket order">
      <Select
        value={state.documentNo}
        onChange={(_, d) => state.setDocumentNo(d.value)}
        root={{ style: { width: "100%", minWidth: 0 } }}
      >
        {state.orders.map((o) => (
          <option key={o.documentNo} value={o.documentNo}>
            {o.documentNo}: {describe(o)}
          </option>
        ))}
      </Select>
    </Field>
  );
}

/** The blanket orders of the workbook, re-read after every change, and a picker for one of them. */
import * as React from "react";
import { Field, Select } from "@fluentui/react-components";
import { BlanketOrderView, blanketOrders } from "../../views";
import { useTask } from "../task";

export interface BlanketOrdersState {
  orders: BlanketOrderView[];
  docNo: string;
  setDocNo: (docNo: string) => void;
  order?: BlanketOrderView;
}

/** The workbook's blanket orders; the chosen one stays chosen while it exists, else `preferred` (or the first). */
export function useBlanketOrders(
  preferred?: (orders: BlanketOrderView[]) => BlanketOrderView | undefined
): BlanketOrdersState {
  const task = useTask();
  const [orders, setOrders] = React.useState<BlanketOrderView[]>([]);
  const [docNo, setDocNo] = React.useState("");
  const prefer = React.useRef(preferred);
  prefer.current = preferred;
  React.useEffect(() => {
    let alive = true;
    void task.host.read().then((grids) => {
      if (!alive) return;
      const list = blanketOrders(grids);
      setOrders(list);
      setDocNo((d) =>
        list.some((o) => o.docNo === d) ? d : ((prefer.current?.(list) ?? list[0])?.docNo ?? "")
      );
    });
    return () => {
      alive = false;
    };
  }, [task.host, task.revision]);
  return { orders, docNo, setDocNo, order: orders.find((o) => o.docNo === docNo) };
}

export function BlanketOrderPicker({
  state,
  describe,
}: {
  state: BlanketOrdersState;
  /** The text of an option after the order's number. */
  describe: (order: BlanketOrderView) => string;
}): React.JSX.Element {
  return (
    <Field label="Blanket order">
      <Select
        value={state.docNo}
        onChange={(_, d) => state.setDocNo(d.value)}
        root={{ style: { width: "100%", minWidth: 0 } }}
      >
        {state.orders.map((o) => (
          <option key={o.docNo} value={o.docNo}>
            {o.docNo}: {describe(o)}
          </option>
        ))}
      </Select>
    </Field>
  );
}

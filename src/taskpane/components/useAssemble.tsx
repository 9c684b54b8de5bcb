/**
 * Assemble from the pane: an order that would be rebuilt from another item's BOM loses its
 * customizations, so the pane first shows which and asks (the engine computes the same
 * assemble on the workbook as read, writing nothing).
 */
import * as React from "react";
import { Body1 } from "@fluentui/react-components";
import { assemble, AssembleResult, CustomizationsDropped } from "../../engine";
import { WorkbookGrids } from "../../workbook/grid";
import { useTask } from "../task";
import { ConfirmRequest } from "./ConfirmDialog";

export function useAssemble(
  done: (r: AssembleResult) => void,
  setConfirm: (r: ConfirmRequest | undefined) => void,
  before: (grids: WorkbookGrids) => void = () => undefined
): () => Promise<void> {
  const task = useTask();
  return async () => {
    const write = async (): Promise<void> => {
      const r = await task.run("Assemble", () =>
        task.host.update((grids) => {
          before(grids);
          return assemble(grids);
        })
      );
      if (r) done(r);
    };
    const preview = await task.run("Assemble", async () => assemble(await task.host.read()), {
      quiet: true,
    });
    if (!preview) return;
    if (!preview.ok || !preview.customizationsDropped.length) return write();
    setConfirm({
      title: "Rebuild customized orders?",
      body: <DroppedList orders={preview.customizationsDropped} />,
      confirm: "Rebuild",
      onConfirm: () => void write(),
    });
  };
}

function DroppedList({ orders }: { orders: CustomizationsDropped[] }): React.JSX.Element {
  return (
    <>
      <Body1 as="p" style={{ marginTop: 0 }}>
        {orders.length === 1 ? "This blanket line now sells" : "These blanket lines now sell"}{" "}
        another item, so assemble rebuilds {orders.length === 1 ? "its order" : "their orders"} from
        the new item&apos;s BOM. These customizations would be dropped:
      </Body1>
      <ul aria-label="Customizations dropped" style={{ paddingLeft: 16, margin: 0 }}>
        {orders.map((o) => (
          <li key={o.assemblyOrderNo}>
            {o.assemblyOrderNo} ({o.blanketOrderNo} line {o.blanketOrderLineNo}, {o.was} to {o.now}
            ): {o.dropped.join("; ")}
          </li>
        ))}
      </ul>
    </>
  );
}

/** An empty workbook: offer the sheets to fill in, or the sample data to try things out. */
import * as React from "react";
import { Body1, Button } from "@fluentui/react-components";
import { template } from "../../engine";
import { withinCapabilities } from "../../hosts/workbookHost";
import { useTask } from "../task";

export function EmptyWorkbook(): React.JSX.Element {
  const task = useTask();
  const createSheets = (): Promise<unknown> =>
    task.run("Create sheets", async () => {
      // Drop-down lists need ExcelApi 1.8; older Excel gets the sheets without them, and is told so.
      const { plan, leftOut } = withinCapabilities(template(), task.host.capabilities());
      await task.host.update(() => ({ plan }));
      task.announce(
        "Created the sheets Items, Item Units, Resources, Assembly BOMs, Blanket Orders and Setup." +
          (leftOut.includes("lists")
            ? " This version of Excel cannot add drop-down lists, so Type, Assembly Policy and Resource Usage Type have none; type Item, Resource, Assemble-to-Order, Assemble-to-Stock, Direct or Fixed."
            : "")
      );
    });
  const loadSample = (): Promise<unknown> =>
    task.run("Load sample data", async () => {
      // The sample is built by the engine on demand, so it stays out of the pane's first download.
      const [{ sampleGrids }, { gridsAsTables }] = await Promise.all([
        import("../../sample/sampleWorkbook"),
        import("../../workbook/documents"),
      ]);
      const sample = sampleGrids();
      await task.host.update(() => ({
        plan: gridsAsTables({ sheets: sample.sheets.filter((s) => s.name !== "About") }),
      }));
      task.announce(
        "Loaded the sample: three customers, three blanket orders, one earlier call-off."
      );
    });
  return (
    <div style={{ display: "flex", flexDirection: "column", gap: 12 }}>
      <Body1>
        This workbook has no blanket orders yet. Create the sheets to fill in your items, bills of
        materials and blanket orders, or load sample data to try the process.
      </Body1>
      <Button appearance="primary" onClick={createSheets} disabled={!!task.state.busy}>
        Create sheets
      </Button>
      <Button onClick={loadSample} disabled={!!task.state.busy}>
        Load sample data
      </Button>
    </div>
  );
}

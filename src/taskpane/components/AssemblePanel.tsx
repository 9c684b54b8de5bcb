/** Assemble: create, refresh and remove blanket assembly orders; report what happened. */
import * as React from "react";
import { Body1, Button, Link } from "@fluentui/react-components";
import { AssembleResult, documentAddress } from "../../engine";
import type { LocatedIssue } from "../../engine";
import { findSheet } from "../../workbook/grid";
import { count } from "../format";
import { useTask } from "../task";
import { ConfirmDialog, ConfirmRequest } from "./ConfirmDialog";
import { IssueList } from "./IssueList";
import { useAssemble } from "./useAssemble";

export function AssemblePanel(): React.JSX.Element {
  const task = useTask();
  const [result, setResult] = React.useState<AssembleResult>();
  const [sheet, setSheet] = React.useState("Blanket Assembly Orders");

  const [confirm, setConfirm] = React.useState<ConfirmRequest>();
  const done = (r: AssembleResult): void => {
    setResult(r);
    task.announce(
      r.ok
        ? `Assemble: ${r.created} created, ${r.kept} kept, ${r.rebuilt} rebuilt, ${r.removed} removed.`
        : `Assemble: nothing written, ${count(r.errors, "error")} to fix first.`
    );
  };
  const run = useAssemble(done, setConfirm, (grids) =>
    setSheet(findSheet(grids, "Blanket Assembly Orders")?.name ?? "Blanket Assembly Orders")
  );
  /** Selects an order's rows on the Blanket Assembly Orders sheet. */
  const show = async (assemblyOrderNo: string): Promise<void> => {
    const address = documentAddress(
      await task.host.read(),
      sheet,
      "Assembly Order No.",
      assemblyOrderNo
    );
    if (address)
      await task.run("Select document", () => task.host.select(sheet, address), { quiet: true });
  };
  const select = (issue: LocatedIssue): void =>
    void task.run("Select cell", () => task.host.select(issue.sheet, issue.cell), { quiet: true });

  return (
    <div>
      <Body1 as="p" style={{ marginTop: 0 }}>
        Creates a blanket assembly order for every blanket order line that assembles to order, and
        brings existing ones up to date. Your changes to their lines are kept.
      </Body1>
      <Button appearance="primary" onClick={() => void run()} disabled={!!task.state.busy}>
        Assemble
      </Button>
      {result && (
        <div style={{ marginTop: 8 }}>
          {result.ok ? (
            <>
              <Body1 as="p">
                {result.created} created, {result.kept} kept, {result.rebuilt} rebuilt,{" "}
                {result.removed} removed.
              </Body1>
              {result.changed.length > 0 && (
                <ul aria-label="Orders changed" style={{ paddingLeft: 16, margin: "4px 0" }}>
                  {result.changed.map((c) => (
                    <li key={`${c.kind}-${c.assemblyOrderNo}`}>
                      {c.kind === "removed" ? (
                        c.assemblyOrderNo
                      ) : (
                        <Link as="button" onClick={() => void show(c.assemblyOrderNo)}>
                          {c.assemblyOrderNo}
                        </Link>
                      )}{" "}
                      {c.kind} for {c.blanketOrderNo} line {c.blanketOrderLineNo}
                    </li>
                  ))}
                </ul>
              )}
              <Link
                as="button"
                onClick={() =>
                  void task.run("Open sheet", () => task.host.select(sheet, "A1"), { quiet: true })
                }
              >
                Open the Blanket Assembly Orders sheet
              </Link>
            </>
          ) : (
            <Body1 as="p">Nothing was written. Fix these errors first:</Body1>
          )}
          <IssueList issues={result.issues} onSelect={select} />
        </div>
      )}
      <ConfirmDialog request={confirm} onClose={() => setConfirm(undefined)} />
    </div>
  );
}

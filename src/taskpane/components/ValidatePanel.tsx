/** Validate: every issue in one pass, grouped by sheet; a click selects the cell; ATO_PARTIAL has a Fix. */
import * as React from "react";
import { Body1, Button, MessageBar, MessageBarBody } from "@fluentui/react-components";
import { CommandResult, fixAtoPartial, validate } from "../../engine";
import type { LocatedIssue } from "../../engine";
import { qualifiedRef } from "../../workbook/grid";

import { count } from "../format";
import { useTask } from "../task";
import { ConfirmDialog, ConfirmRequest } from "./ConfirmDialog";
import { FixButton, IssueList } from "./IssueList";

export function ValidatePanel(): React.JSX.Element {
  const task = useTask();
  const [result, setResult] = React.useState<CommandResult>();
  const [stale, setStale] = React.useState(false);
  const [fixed, setFixed] = React.useState<string>();
  const [confirm, setConfirm] = React.useState<ConfirmRequest>();

  // A result describes the workbook as it was read: once it changes, say so.
  React.useEffect(() => task.host.onContentChanged?.(() => setStale(true)), [task.host]);

  const runValidate = async (): Promise<void> => {
    const r = await task.run("Validate", async () => validate(await task.host.read()));
    if (!r) return;
    setResult(r);
    setStale(false);
    task.announce(
      r.issues.length
        ? `Validate: ${count(r.errors, "error")}, ${count(r.warnings, "warning")}.`
        : "Validate: no issues."
    );
  };

  const select = (issue: LocatedIssue): void =>
    void task.run("Select cell", () => task.host.select(issue.sheet, issue.cell), { quiet: true });

  const askFix = async (issue: LocatedIssue): Promise<void> => {
    const grids = await task.host.read();
    const fix = fixAtoPartial(grids, issue);
    if (!fix)
      return task.showError(
        "Cannot fix",
        "The line changed since Validate ran. Run Validate again."
      );
    setConfirm({
      title: "Assemble the full quantity?",
      body: `Set Qty. to Assemble to Order at ${qualifiedRef(issue.sheet, issue.cell)} to ${fix.quantity}, the full Quantity of the line. A blanket order line is assembled for its full quantity or not at all.`,
      confirm: "Set to full quantity",
      onConfirm: () =>
        void task
          .run("Fix", () => task.host.update((g) => ({ plan: fixAtoPartial(g, issue)?.plan })))
          .then(async (done) => {
            if (!done) return;
            const what = `Set Qty. to Assemble to Order at ${qualifiedRef(issue.sheet, issue.cell)} to ${fix.quantity}, the line's full Quantity.`;
            await runValidate();
            setFixed(what);
            task.announce(what);
          }),
    });
  };

  return (
    <div>
      <Button
        appearance="primary"
        onClick={() => {
          setFixed(undefined);
          void runValidate();
        }}
        disabled={!!task.state.busy}
      >
        Validate
      </Button>
      {fixed && (
        <Body1 block role="note" aria-label="Fixed" style={{ marginTop: 8 }}>
          {fixed}
        </Body1>
      )}
      {result && (
        <div style={{ marginTop: 8 }} aria-label="Validate result">
          {stale && (
            <MessageBar intent="warning" aria-label="Result out of date">
              <MessageBarBody>
                The workbook changed after this check: the list below may be out of date. Validate
                again.
              </MessageBarBody>
            </MessageBar>
          )}
          <Body1>
            {result.issues.length === 0
              ? "No issues: the workbook is ready."
              : result.errors === 0
                ? `No errors; ${count(result.warnings, "warning")}.`
                : `${count(result.errors, "error")}, ${count(result.warnings, "warning")}.`}
          </Body1>
          <IssueList
            issues={result.issues}
            onSelect={select}
            action={(issue) =>
              issue.code === "ATO_PARTIAL" ? (
                <FixButton
                  label={`Fix ${issue.cell}: assemble the full quantity`}
                  onClick={() => void askFix(issue)}
                />
              ) : null
            }
          />
        </div>
      )}
      <ConfirmDialog request={confirm} onClose={() => setConfirm(undefined)} />
    </div>
  );
}

/** Issues grouped by sheet; each names its cell as a link that selects it in Excel. */
import * as React from "react";
import { Button, Caption1, Link, makeStyles, tokens } from "@fluentui/react-components";
import { ErrorCircle16Filled, Warning16Filled } from "@fluentui/react-icons";
import type { LocatedIssue } from "../../engine";

const useStyles = makeStyles({
  group: { marginTop: "8px" },
  heading: {
    fontSize: tokens.fontSizeBase300,
    fontWeight: tokens.fontWeightSemibold,
    margin: "8px 0 4px",
  },
  list: {
    listStyle: "none",
    padding: 0,
    margin: 0,
    display: "flex",
    flexDirection: "column",
    gap: "6px",
  },
  item: {
    display: "grid",
    gridTemplateColumns: "16px 1fr",
    columnGap: "6px",
    fontSize: tokens.fontSizeBase200,
  },
  error: { color: tokens.colorPaletteRedForeground1, marginTop: "2px" },
  warning: { color: tokens.colorPaletteDarkOrangeForeground1, marginTop: "2px" },
  meta: { display: "flex", gap: "6px", alignItems: "baseline", flexWrap: "wrap" },
});

export function IssueList({
  issues,
  onSelect,
  action,
}: {
  issues: LocatedIssue[];
  onSelect: (issue: LocatedIssue) => void;
  /** An extra action for some issues (the ATO_PARTIAL fix). */
  action?: (issue: LocatedIssue) => React.ReactNode;
}): React.JSX.Element {
  const styles = useStyles();
  // Issues in another file (a customer's copy) are grouped apart and name their cell
  // without a link: selecting it would select that address in this workbook.
  const groupOf = (i: LocatedIssue): string => (i.workbook ? `${i.workbook}: ${i.sheet}` : i.sheet);
  const sheets = [...new Set(issues.map(groupOf))];
  return (
    <div>
      {sheets.map((sheet) => {
        const ofSheet = issues.filter((i) => groupOf(i) === sheet);
        return (
          <section
            key={sheet}
            className={styles.group}
            aria-label={`${sheet}: ${ofSheet.length} issues`}
          >
            <h2 className={styles.heading}>
              {sheet} ({ofSheet.length})
            </h2>
            <ul className={styles.list}>
              {ofSheet.map((issue, n) => (
                <li key={`${issue.cell}-${issue.code}-${n}`} className={styles.item}>
                  {issue.severity === "error" ? (
                    <ErrorCircle16Filled className={styles.error} aria-hidden />
                  ) : (
                    <Warning16Filled className={styles.warning} aria-hidden />
                  )}
                  <div>
                    <div className={styles.meta}>
                      <strong>{issue.severity === "error" ? "Error" : "Warning"}</strong>
                      {issue.workbook ? (
                        <span
                          aria-label={`Cell ${issue.cell} on ${issue.sheet} of ${issue.workbook}`}
                        >
                          {issue.cell}
                        </span>
                      ) : (
                        <Link
                          as="button"
                          onClick={() => onSelect(issue)}
                          aria-label={`Select cell ${issue.cell} on ${issue.sheet}`}
                        >
                          {issue.cell}
                        </Link>
                      )}
                      <Caption1>{issue.code}</Caption1>
                    </div>
                    <div>{issue.message}</div>
                    {action?.(issue)}
                  </div>
                </li>
              ))}
            </ul>
          </section>
        );
      })}
    </div>
  );
}

export function FixButton({
  onClick,
  label,
}: {
  onClick: () => void;
  label: string;
}): React.JSX.Element {
  return (
    <Button size="small" onClick={onClick} style={{ marginTop: 4 }} aria-label={label}>
      Fix
    </Button>
  );
}

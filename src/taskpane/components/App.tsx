/** The task pane: Validate, Assemble, Assemble-to-Order Lines and Make Order over the open workbook. */
import * as React from "react";
import {
  FluentProvider,
  ProgressBar,
  Spinner,
  Tab,
  TabList,
  Theme,
  makeStyles,
  tokens,
} from "@fluentui/react-components";
import { findSheet } from "../../workbook/grid";
import { TaskProvider, useTask } from "../task";
import { WorkbookHost } from "../../hosts/workbookHost";

// Panels (and the engine they use) load on first use, keeping the pane's first download small.
const ValidatePanel = React.lazy(() =>
  import("./ValidatePanel").then((m) => ({ default: m.ValidatePanel }))
);
const AssemblePanel = React.lazy(() =>
  import("./AssemblePanel").then((m) => ({ default: m.AssemblePanel }))
);
const AssemblyLinesPanel = React.lazy(() =>
  import("./AssemblyLinesPanel").then((m) => ({ default: m.AssemblyLinesPanel }))
);
const PlanPanel = React.lazy(() => import("./PlanPanel").then((m) => ({ default: m.PlanPanel })));
const MakeOrderPanel = React.lazy(() =>
  import("./MakeOrderPanel").then((m) => ({ default: m.MakeOrderPanel }))
);
const ErrorMessage = React.lazy(() =>
  import("./ErrorMessage").then((m) => ({ default: m.ErrorMessage }))
);
const EmptyWorkbook = React.lazy(() =>
  import("./EmptyWorkbook").then((m) => ({ default: m.EmptyWorkbook }))
);

const useStyles = makeStyles({
  root: {
    display: "flex",
    flexDirection: "column",
    minHeight: "100%",
    boxSizing: "border-box",
    backgroundColor: tokens.colorNeutralBackground1,
    color: tokens.colorNeutralForeground1,
  },
  header: { padding: "12px 12px 0" },
  title: { margin: 0, fontSize: tokens.fontSizeBase400, fontWeight: tokens.fontWeightSemibold },
  panel: { padding: "8px 12px 12px", flexGrow: 1 },
  // One row of tabs from 320 px up: small tabs with little padding.
  tabs: {
    padding: "4px 4px 0",
    flexWrap: "nowrap",
    "& button": {
      paddingLeft: "4px",
      paddingRight: "4px",
      flexShrink: 0,
      fontSize: tokens.fontSizeBase200,
    },
    "& button span": { fontSize: tokens.fontSizeBase200 },
  },
  status: {
    padding: "4px 12px",
    minHeight: "20px",
    fontSize: tokens.fontSizeBase200,
    color: tokens.colorNeutralForeground3,
    borderTop: `1px solid ${tokens.colorNeutralStroke2}`,
  },
});

export type PanelName = "validate" | "assemble" | "lines" | "order" | "plan";

const PANELS: [PanelName, string][] = [
  ["validate", "Validate"],
  ["assemble", "Assemble"],
  ["lines", "ATO Lines"],
  ["order", "Make Order"],
  ["plan", "Plan"],
];

function Shell(): React.JSX.Element {
  const styles = useStyles();
  const task = useTask();
  const [panel, setPanel] = React.useState<PanelName>("validate");
  const grids = task.workbook;
  const empty =
    grids === undefined
      ? undefined
      : !findSheet(grids, "Items") && !findSheet(grids, "Blanket Orders");

  return (
    <div className={styles.root}>
      <header className={styles.header}>
        <h1 className={styles.title}>Blanket Assembly Orders</h1>
      </header>
      {task.state.busy ? (
        <ProgressBar aria-label={task.state.busy} thickness="medium" />
      ) : (
        <div style={{ height: 4 }} />
      )}
      {task.state.error && (
        <React.Suspense fallback={<div role="alert">{task.state.error.message}</div>}>
          <ErrorMessage
            title={task.state.error.title}
            message={task.state.error.message}
            onDismiss={task.clearError}
          />
        </React.Suspense>
      )}
      {empty === undefined ? (
        <Spinner size="small" label="Reading the workbook" style={{ margin: 24 }} />
      ) : empty ? (
        <div className={styles.panel}>
          <React.Suspense fallback={<Spinner size="small" label="Loading" />}>
            <EmptyWorkbook />
          </React.Suspense>
        </div>
      ) : (
        <>
          <TabList
            selectedValue={panel}
            onTabSelect={(_, d) => setPanel(d.value as PanelName)}
            size="small"
            className={styles.tabs}
          >
            {PANELS.map(([value, label]) => (
              <Tab key={value} value={value} id={`tab-${value}`} aria-controls="panel">
                {label}
              </Tab>
            ))}
          </TabList>
          {/* Only the panel waits for its code: the tabs stay, and so does the focus on them. */}
          <main
            className={styles.panel}
            id="panel"
            role="tabpanel"
            aria-labelledby={`tab-${panel}`}
          >
            <React.Suspense
              fallback={<Spinner size="small" label="Loading" style={{ margin: 24 }} />}
            >
              {panel === "validate" && <ValidatePanel />}
              {panel === "assemble" && <AssemblePanel />}
              {panel === "lines" && <AssemblyLinesPanel />}
              {panel === "order" && <MakeOrderPanel />}
              {panel === "plan" && <PlanPanel />}
            </React.Suspense>
          </main>
        </>
      )}
      <div className={styles.status} role="status" aria-live="polite">
        {task.state.status}
      </div>
    </div>
  );
}

export function App({ host, theme }: { host: WorkbookHost; theme: Theme }): React.JSX.Element {
  return (
    <FluentProvider theme={theme}>
      <TaskProvider host={host}>
        <Shell />
      </TaskProvider>
    </FluentProvider>
  );
}

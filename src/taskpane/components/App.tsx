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

/**
 * A panel whose code (and the engine it uses) loads on first use, keeping the pane's first
 * download small. Not React.lazy: Suspense holds back content that arrives soon after its
 * fallback for up to 300 ms, which was a third of the pane's time to interactive.
 */
function deferred(
  load: () => Promise<React.ComponentType>
): React.FC & { preload: () => Promise<React.ComponentType> } {
  let loaded: React.ComponentType | undefined;
  let pending: Promise<React.ComponentType> | undefined;
  const start = (): Promise<React.ComponentType> => (pending ??= load().then((c) => (loaded = c)));
  function Deferred(): React.JSX.Element {
    const [Panel, setPanel] = React.useState<React.ComponentType | undefined>(() => loaded);
    React.useEffect(() => {
      let alive = true;
      if (!Panel) void start().then((c) => alive && setPanel(() => c));
      return () => {
        alive = false;
      };
    }, [Panel]);
    return Panel ? <Panel /> : <Spinner size="small" label="Loading" style={{ margin: 24 }} />;
  }
  return Object.assign(Deferred, { preload: start });
}

const ValidatePanel = deferred(() => import("./ValidatePanel").then((m) => m.ValidatePanel));
// The first panel shown is fetched at once, while the pane itself renders.
void ValidatePanel.preload();
const AssemblePanel = deferred(() => import("./AssemblePanel").then((m) => m.AssemblePanel));
const AssemblyLinesPanel = deferred(() =>
  import("./AssemblyLinesPanel").then((m) => m.AssemblyLinesPanel)
);
const PlanPanel = deferred(() => import("./PlanPanel").then((m) => m.PlanPanel));
const MakeOrderPanel = deferred(() => import("./MakeOrderPanel").then((m) => m.MakeOrderPanel));
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
          {/* Only the panel waits for its code (deferred): the tabs stay, and so does the focus on them. */}
          <main
            className={styles.panel}
            id="panel"
            role="tabpanel"
            aria-labelledby={`tab-${panel}`}
          >
            {panel === "validate" && <ValidatePanel />}
            {panel === "assemble" && <AssemblePanel />}
            {panel === "lines" && <AssemblyLinesPanel />}
            {panel === "order" && <MakeOrderPanel />}
            {panel === "plan" && <PlanPanel />}
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

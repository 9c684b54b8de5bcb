/** The task pane: Validate, Assemble, Assemble-to-Order Lines and Make Order over the open workbook. */
import * as React from "react";
import {
  Button,
  FluentProvider,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  MessageBarTitle,
  ProgressBar,
  Spinner,
  Tab,
  TabList,
  Theme,
  makeStyles,
  tokens,
} from "@fluentui/react-components";
import { DismissRegular } from "@fluentui/react-icons";
import { findSheet } from "../../workbook/grid";
import { TaskProvider, useTask } from "../task";
import { WorkbookHost } from "../workbookHost";
import { AssemblePanel } from "./AssemblePanel";
import { AssemblyLinesPanel } from "./AssemblyLinesPanel";
import { EmptyWorkbook } from "./EmptyWorkbook";
import { MakeOrderPanel } from "./MakeOrderPanel";
import { ValidatePanel } from "./ValidatePanel";

const useStyles = makeStyles({
  root: {
    display: "flex",
    flexDirection: "column",
    minHeight: "100vh",
    maxWidth: "350px",
    boxSizing: "border-box",
    backgroundColor: tokens.colorNeutralBackground1,
    color: tokens.colorNeutralForeground1,
  },
  header: { padding: "12px 12px 0" },
  title: { margin: 0, fontSize: tokens.fontSizeBase400, fontWeight: tokens.fontWeightSemibold },
  panel: { padding: "8px 12px 12px", flexGrow: 1 },
  status: {
    padding: "4px 12px",
    minHeight: "20px",
    fontSize: tokens.fontSizeBase200,
    color: tokens.colorNeutralForeground3,
    borderTop: `1px solid ${tokens.colorNeutralStroke2}`,
  },
  message: { margin: "8px 12px 0" },
});

export type PanelName = "validate" | "assemble" | "lines" | "order";

function Shell(): React.JSX.Element {
  const styles = useStyles();
  const task = useTask();
  const [panel, setPanel] = React.useState<PanelName>("validate");
  const [empty, setEmpty] = React.useState<boolean | undefined>(undefined);

  React.useEffect(() => {
    let alive = true;
    task.host
      .read()
      .then(
        (grids) =>
          alive && setEmpty(!findSheet(grids, "Items") && !findSheet(grids, "Blanket Orders"))
      )
      .catch(() => alive && setEmpty(false));
    return () => {
      alive = false;
    };
  }, [task.host, task.revision]);

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
        <MessageBar intent="error" className={styles.message}>
          <MessageBarBody>
            <MessageBarTitle>{task.state.error.title}</MessageBarTitle>
            {task.state.error.message}
          </MessageBarBody>
          <MessageBarActions
            containerAction={
              <Button
                aria-label="Dismiss"
                appearance="transparent"
                icon={<DismissRegular />}
                onClick={task.clearError}
              />
            }
          />
        </MessageBar>
      )}
      {empty === undefined ? (
        <Spinner size="small" label="Reading the workbook" style={{ margin: 24 }} />
      ) : empty ? (
        <div className={styles.panel}>
          <EmptyWorkbook />
        </div>
      ) : (
        <>
          <TabList
            selectedValue={panel}
            onTabSelect={(_, d) => setPanel(d.value as PanelName)}
            size="small"
            style={{ padding: "4px 4px 0" }}
          >
            <Tab value="validate">Validate</Tab>
            <Tab value="assemble">Assemble</Tab>
            <Tab value="lines">ATO Lines</Tab>
            <Tab value="order">Make Order</Tab>
          </TabList>
          <main className={styles.panel}>
            {panel === "validate" && <ValidatePanel />}
            {panel === "assemble" && <AssemblePanel />}
            {panel === "lines" && <AssemblyLinesPanel />}
            {panel === "order" && <MakeOrderPanel />}
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

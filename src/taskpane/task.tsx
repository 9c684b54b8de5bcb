/**
 * Running work against the workbook: one task at a time, a progress bar for anything
 * slower than a moment, status changes announced, errors turned into messages. The
 * pane keeps one copy of the workbook's sheets, read again after every change it makes,
 * so every view shows the same state and the status says "done" only once it shows.
 */
import * as React from "react";
import { officeErrorMessage } from "../hosts/excel/officeErrors";
import { WorkbookHost } from "../hosts/workbookHost";
import { WorkbookGrids } from "../workbook/grid";
import { Culture, cultureOf, currentCulture, setCulture } from "./culture";

export interface TaskState {
  busy?: string;
  status: string;
  error?: { title: string; message: string };
}

export interface TaskApi {
  host: WorkbookHost;
  state: TaskState;
  /** The workbook as last read: undefined until the first read lands. */
  workbook?: WorkbookGrids;
  /** The workbook's culture, for numbers and dates shown and typed in the pane. */
  culture: Culture;
  /**
   * Runs `fn` after any task still running (tasks never overlap, and no click is lost);
   * its result is returned, or undefined after an error (which is shown). A quiet task
   * (selecting a cell) shows no progress, leaves the status as it is and changes nothing,
   * so the workbook is not read again after it.
   */
  run<T>(
    label: string,
    fn: () => Promise<T>,
    options?: { quiet?: boolean }
  ): Promise<T | undefined>;
  announce(status: string): void;
  showError(title: string, message: string): void;
  clearError(): void;
}

export const TaskContext = React.createContext<TaskApi | undefined>(undefined);

export function useTask(): TaskApi {
  const api = React.useContext(TaskContext);
  if (!api) throw new Error("useTask outside TaskProvider");
  return api;
}

export function TaskProvider({
  host,
  children,
}: {
  host: WorkbookHost;
  children: React.ReactNode;
}): React.JSX.Element {
  const [state, setState] = React.useState<TaskState>({ status: "Ready." });
  const [workbook, setWorkbook] = React.useState<WorkbookGrids>();
  const [culture, setCultureState] = React.useState<Culture>(currentCulture);
  const queue = React.useRef<Promise<unknown>>(Promise.resolve());

  const run = React.useCallback(
    <T,>(
      label: string,
      fn: () => Promise<T>,
      options: { quiet?: boolean } = {}
    ): Promise<T | undefined> => {
      const task = async (): Promise<T | undefined> => {
        if (!options.quiet) setState({ busy: label, status: `${label}...` });
        try {
          const result = await fn();
          if (!options.quiet) {
            const grids = await host.read();
            // One render: the new workbook and "done" together.
            setWorkbook(grids);
            setState((s) => ({
              status: s.status === `${label}...` ? `${label}: done.` : s.status,
            }));
          }
          return result;
        } catch (error) {
          const message = officeErrorMessage(error);
          setState({ status: `${label} failed.`, error: { title: `${label} failed`, message } });
          return undefined;
        }
      };
      const next = queue.current.then(task);
      queue.current = next;
      return next;
    },
    [host]
  );

  React.useEffect(() => {
    let alive = true;
    // The culture first changes what every panel shows: formats read it when they render.
    host
      .culture?.()
      .then((c) => {
        if (!alive || !c) return;
        const found = cultureOf(c.name, { decimal: c.decimal, group: c.group });
        setCulture(found);
        setCultureState(found);
      })
      .catch(() => undefined);
    host
      .read()
      .then((grids) => alive && setWorkbook(grids))
      .catch(() => alive && setWorkbook({ sheets: [] }));
    return () => {
      alive = false;
    };
  }, [host]);

  const api: TaskApi = {
    host,
    state,
    workbook,
    culture,
    run,
    announce: (status) => setState((s) => ({ ...s, status })),
    showError: (title, message) =>
      setState((s) => ({ ...s, status: title, error: { title, message } })),
    clearError: () => setState((s) => ({ ...s, error: undefined })),
  };
  return <TaskContext.Provider value={api}>{children}</TaskContext.Provider>;
}

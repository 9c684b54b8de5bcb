/**
 * The playground: the real task pane beside a spreadsheet view of an in-memory workbook,
 * for people without Excel. It starts with the sample workbook; any .xlsx can be loaded
 * and the result downloaded.
 */
import * as React from "react";
import { Body1, Button, makeStyles, Theme, tokens } from "@fluentui/react-components";
import { App } from "../taskpane/components/App";
import { downloadFile } from "../hosts/download";
import { MemoryWorkbookHost } from "../hosts/memory/memoryHost";
import { CellValue, cellRef, parseCellRef, WorkbookGrids } from "../workbook/grid";
import { WritePlan } from "../workbook/writePlan";
import { CellAddress, SheetView } from "./SheetView";
import type { XlsxDocument } from "../hosts/xlsx/xlsxFile";

const useStyles = makeStyles({
  page: {
    display: "flex",
    flexDirection: "column",
    height: "100vh",
    backgroundColor: tokens.colorNeutralBackground2,
  },
  bar: {
    display: "flex",
    gap: "8px",
    alignItems: "center",
    padding: "8px 12px",
    borderBottom: `1px solid ${tokens.colorNeutralStroke1}`,
    flexWrap: "wrap",
  },
  title: { fontSize: tokens.fontSizeBase400, fontWeight: 600, margin: 0, marginRight: "12px" },
  body: { display: "flex", flexGrow: 1, minHeight: 0, gap: "12px", padding: "12px" },
  pane: {
    flexShrink: 0,
    overflow: "auto",
    border: `1px solid ${tokens.colorNeutralStroke1}`,
    backgroundColor: tokens.colorNeutralBackground1,
  },
  hidden: { display: "none" },
});

/**
 * The pane's width: Excel's task pane is 320 to 350 px wide by default and the planner may
 * widen it; `?pane=320` shows the playground's pane at that width (between 280 and 800).
 */
function paneWidthFromUrl(): number {
  const asked = Number(new URLSearchParams(globalThis.location?.search ?? "").get("pane"));
  return Number.isInteger(asked) && asked >= 280 && asked <= 800 ? asked : 340;
}
const paneWidth = paneWidthFromUrl();

/** The in-memory workbook, mirrored into the loaded .xlsx so a download keeps the file's other parts. */
class PlaygroundHost extends MemoryWorkbookHost {
  xlsx?: XlsxDocument;

  /** A loaded file and its grids: what the playground shows and later downloads. */
  load(xlsx: XlsxDocument, grids: WorkbookGrids): void {
    this.xlsx = xlsx;
    this.setGrids(grids);
  }

  override async update<T extends { plan?: WritePlan }>(
    decide: (grids: WorkbookGrids) => T
  ): Promise<T> {
    const result = await super.update(decide);
    if (result.plan && this.xlsx) this.xlsx.record(result.plan);
    return result;
  }
}

export function Playground({
  initial,
  theme,
}: {
  initial: WorkbookGrids;
  theme: Theme;
}): React.JSX.Element {
  const styles = useStyles();
  const host = React.useMemo(() => new PlaygroundHost(initial), [initial]);
  const [grids, setGrids] = React.useState(initial);
  const [active, setActive] = React.useState(
    initial.sheets.find((s) => s.name === "Blanket Orders")?.name ?? initial.sheets[0]?.name ?? ""
  );
  // The selection belongs to its sheet: another sheet shows none until a cell of it is chosen.
  const [selection, setSelection] = React.useState<{
    sheet: string;
    from: CellAddress;
    to: CellAddress;
  }>();
  const [fileName, setFileName] = React.useState("blanket-orders.xlsx");
  const [message, setMessage] = React.useState("Sample workbook loaded.");
  const fileInput = React.useRef<HTMLInputElement>(null);

  React.useEffect(() => host.onChange(setGrids), [host]);
  React.useEffect(
    () =>
      host.onSelectionChanged(() => {
        void host.selection().then((sel) => {
          if (!sel) return;
          const [a, b = a] = sel.address.split(":");
          const from = parseCellRef(a);
          const to = parseCellRef(b);
          if (!from || !to) return;
          setActive(sel.sheet);
          setSelection({
            sheet: sel.sheet,
            from: { row: from.row, col: from.col },
            to: { row: to.row, col: to.col },
          });
        });
      }),
    [host]
  );

  const select = (cell: CellAddress): void => void host.select(active, cellRef(cell.col, cell.row));

  const edit = (cell: CellAddress, value: CellValue): void => {
    const refused = host.editCell(active, cell.row, cell.col, value);
    if (refused) return setMessage(`${cellRef(cell.col, cell.row)}: ${refused}`);
    host.xlsx?.edit(active, cell.row, cell.col, value);
  };

  const load = async (file: File): Promise<void> => {
    const x = await import("../hosts/xlsx/xlsxFile");
    try {
      const { document, grids: loaded } = await x.XlsxDocument.read(await file.arrayBuffer());
      host.load(document, loaded);
      setActive(
        loaded.sheets.find((s) => s.name.toLowerCase() === "blanket orders")?.name ??
          loaded.sheets[0]?.name ??
          ""
      );
      setSelection(undefined);
      setFileName(file.name);
      setMessage(`Loaded ${file.name}.`);
    } catch (err) {
      // PackageError says what the file is and how to save it instead.
      const why = err instanceof x.PackageError ? err.message : "damaged .xlsx workbook";
      setMessage(`${file.name} could not be read: ${why}.`);
    }
  };

  const download = async (): Promise<void> => {
    const x = await import("../hosts/xlsx/xlsxFile");
    const macros = !!host.xlsx?.macroEnabled;
    const name = fileName.replace(/\.xls[xm]$/i, "") + (macros ? "-result.xlsm" : "-result.xlsx");
    const bytes = await (host.xlsx ? host.xlsx.bytes() : x.gridsToXlsx(host.grids));
    downloadFile(
      new Blob([x.asArrayBuffer(bytes)], { type: host.xlsx?.type ?? x.XLSX_TYPE }),
      name
    );
    setMessage(`Downloaded ${name}.`);
  };

  return (
    <div className={styles.page}>
      <div className={styles.bar}>
        <h1 className={styles.title}>Blanket Assembly Orders playground</h1>
        <Button size="small" onClick={() => fileInput.current?.click()}>
          Load .xlsx
        </Button>
        <input
          ref={fileInput}
          className={styles.hidden}
          type="file"
          accept=".xlsx,.xlsm,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,application/vnd.ms-excel.sheet.macroEnabled.12"
          aria-label="Workbook file to load"
          onChange={(e) => {
            const f = e.target.files?.[0];
            if (f) void load(f);
            e.target.value = "";
          }}
        />
        <Button size="small" onClick={() => void download()}>
          Download .xlsx
        </Button>
        <Body1 role="status" aria-live="polite">
          {message}
        </Body1>
      </div>
      <div className={styles.body}>
        <SheetView
          sheets={grids.sheets}
          active={active}
          onActivate={setActive}
          selection={
            selection && selection.sheet.toLowerCase() === active.toLowerCase()
              ? selection
              : undefined
          }
          onSelect={select}
          onEdit={edit}
        />
        <div className={styles.pane} style={{ width: paneWidth }} aria-label="Task pane">
          <App host={host} theme={theme} />
        </div>
      </div>
    </div>
  );
}

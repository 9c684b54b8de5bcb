/** A spreadsheet view of an in-memory workbook: sheet tabs, A1 headers, cells to select and edit. */
import * as React from "react";
import { makeStyles, mergeClasses, tokens } from "@fluentui/react-components";
import { CellValue, cellRef, columnLetters, displayCell, SheetGrid } from "../workbook/grid";
import { INPUT_SHEETS, LIST_SHEETS, OUTPUT_SHEETS } from "../workbook/schema";
import { serialToIso } from "../domain/dates";

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", minWidth: 0, flexGrow: 1, height: "100%" },
  scroller: {
    overflow: "auto",
    flexGrow: 1,
    border: `1px solid ${tokens.colorNeutralStroke1}`,
    backgroundColor: tokens.colorNeutralBackground1,
  },
  table: { borderCollapse: "collapse", fontSize: "12px", fontFamily: tokens.fontFamilyBase },
  corner: {
    position: "sticky",
    top: 0,
    left: 0,
    zIndex: 3,
    backgroundColor: tokens.colorNeutralBackground3,
    minWidth: "36px",
  },
  colHead: {
    position: "sticky",
    top: 0,
    zIndex: 2,
    backgroundColor: tokens.colorNeutralBackground3,
    fontWeight: 400,
    color: tokens.colorNeutralForeground2,
    padding: "2px 6px",
    border: `1px solid ${tokens.colorNeutralStroke2}`,
  },
  rowHead: {
    position: "sticky",
    left: 0,
    zIndex: 1,
    backgroundColor: tokens.colorNeutralBackground3,
    color: tokens.colorNeutralForeground2,
    textAlign: "right",
    padding: "0 6px",
    border: `1px solid ${tokens.colorNeutralStroke2}`,
  },
  cell: {
    border: `1px solid ${tokens.colorNeutralStroke2}`,
    padding: "1px 6px",
    whiteSpace: "nowrap",
    maxWidth: "220px",
    overflow: "hidden",
    textOverflow: "ellipsis",
    cursor: "cell",
    minWidth: "48px",
    height: "20px",
    // A cell scrolled to stops clear of the sticky headers.
    scrollMarginTop: "24px",
    scrollMarginLeft: "44px",
  },
  number: { textAlign: "right" },
  error: { color: tokens.colorPaletteRedForeground1 },
  tableHeader: {
    backgroundColor: tokens.colorBrandBackground,
    color: tokens.colorNeutralForegroundOnBrand,
    fontWeight: 600,
  },
  selected: { outline: `2px solid ${tokens.colorBrandStroke1}`, outlineOffset: "-2px" },
  inRange: { backgroundColor: tokens.colorBrandBackground2 },
  // A selected header cell keeps its white text readable: a darker brand, not the light one.
  inRangeHeader: {
    backgroundColor: tokens.colorBrandBackgroundPressed,
    color: tokens.colorNeutralForegroundOnBrand,
  },
  input: {
    width: "100%",
    boxSizing: "border-box",
    font: "inherit",
    border: "none",
    padding: 0,
    outline: "none",
  },
  tabs: { display: "flex", gap: "2px", padding: "4px 0", flexWrap: "wrap" },
  tab: {
    border: `1px solid ${tokens.colorNeutralStroke1}`,
    background: tokens.colorNeutralBackground2,
    padding: "4px 10px",
    fontSize: "12px",
    cursor: "pointer",
    color: tokens.colorNeutralForeground1,
  },
  activeTab: {
    background: tokens.colorNeutralBackground1,
    fontWeight: 600,
    borderBottomColor: tokens.colorBrandStroke1,
    borderBottomWidth: "2px",
  },
});

const MIN_ROWS = 30;
/** Beyond this the view shows the first rows only; the workbook itself keeps them all. */
const MAX_ROWS = 3000;
const MIN_COLS = 12;
const DATE_HEADERS = new Set(
  [...INPUT_SHEETS, ...LIST_SHEETS, ...OUTPUT_SHEETS].flatMap((s) =>
    s.columns.filter((c) => c.format === "date").map((c) => c.header.toLowerCase())
  )
);

export interface CellAddress {
  row: number;
  col: number;
}

function parseTyped(text: string): CellValue {
  const t = text.trim();
  if (t === "") return null;
  if (/^[+-]?(\d+(\.\d*)?|\.\d+)$/.test(t)) return Number(t);
  return text;
}

export function SheetView({
  sheets,
  active,
  onActivate,
  selection,
  onSelect,
  onEdit,
}: {
  sheets: SheetGrid[];
  active: string;
  onActivate: (name: string) => void;
  /** Selected range, 1-based rows and 0-based columns. */
  selection?: { from: CellAddress; to: CellAddress };
  onSelect: (cell: CellAddress) => void;
  onEdit: (cell: CellAddress, value: CellValue) => void;
}): React.JSX.Element {
  const styles = useStyles();
  const sheet = sheets.find((s) => s.name === active) ?? sheets[0];
  const [editing, setEditing] = React.useState<{ cell: CellAddress; text: string }>();
  const rows = sheet?.rows ?? [];
  let width = MIN_COLS;
  for (const r of rows) width = Math.max(width, r.length + 1);
  const height = Math.min(MAX_ROWS, Math.max(MIN_ROWS, rows.length + 5));
  const headers = (rows[0] ?? []).map((h) => String(h ?? "").toLowerCase());
  const isTableSheet = [...INPUT_SHEETS, ...LIST_SHEETS, ...OUTPUT_SHEETS].some(
    (s) => s.name.toLowerCase() === sheet?.name.toLowerCase()
  );
  const inRange = (row: number, col: number): boolean =>
    !!selection &&
    row >= selection.from.row &&
    row <= selection.to.row &&
    col >= selection.from.col &&
    col <= selection.to.col;

  // A selection made elsewhere (a link, Show Document) scrolls into view, as Excel does.
  const scroller = React.useRef<HTMLDivElement>(null);
  const selectedRef = selection ? cellRef(selection.from.col, selection.from.row) : undefined;
  React.useEffect(() => {
    if (!selectedRef) return;
    scroller.current
      ?.querySelector(`td[data-cell="${selectedRef}"]`)
      ?.scrollIntoView?.({ block: "nearest", inline: "nearest" });
  }, [selectedRef, sheet?.name]);

  const commit = (): void => {
    if (!editing) return;
    onEdit(editing.cell, parseTyped(editing.text));
    setEditing(undefined);
  };

  const show = (v: CellValue, col: number, row: number): string => {
    if (typeof v === "number" && row > 1 && DATE_HEADERS.has(headers[col] ?? ""))
      return serialToIso(v);
    return v === null ? "" : displayCell(v);
  };

  const onKeyDown = (e: React.KeyboardEvent): void => {
    if (editing || !selection) return;
    const { row, col } = selection.from;
    const move: Record<string, [number, number]> = {
      ArrowUp: [-1, 0],
      ArrowDown: [1, 0],
      ArrowLeft: [0, -1],
      ArrowRight: [0, 1],
    };
    if (move[e.key]) {
      e.preventDefault();
      onSelect({ row: Math.max(1, row + move[e.key][0]), col: Math.max(0, col + move[e.key][1]) });
    } else if (e.key === "Enter" || e.key === "F2") {
      e.preventDefault();
      setEditing({ cell: { row, col }, text: show(rows[row - 1]?.[col] ?? null, col, row) });
    } else if (e.key === "Delete") {
      onEdit({ row, col }, null);
    } else if (e.key.length === 1 && !e.ctrlKey && !e.metaKey) {
      setEditing({ cell: { row, col }, text: e.key });
      e.preventDefault();
    }
  };

  return (
    <div className={styles.root}>
      <div className={styles.scroller} ref={scroller}>
        <table
          className={styles.table}
          role="grid"
          tabIndex={0}
          aria-label={`Sheet ${sheet?.name ?? ""}`}
          onKeyDown={onKeyDown}
        >
          <thead>
            <tr>
              <td className={styles.corner} />
              {Array.from({ length: width }, (_, c) => (
                <th key={c} className={styles.colHead} scope="col">
                  {columnLetters(c)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {Array.from({ length: height }, (_, r) => {
              const row = r + 1;
              return (
                <tr key={row}>
                  <th className={styles.rowHead} scope="row">
                    {row}
                  </th>
                  {Array.from({ length: width }, (_, col) => {
                    const v = rows[r]?.[col] ?? null;
                    const isEditing =
                      editing && editing.cell.row === row && editing.cell.col === col;
                    const selected =
                      selection && selection.from.row === row && selection.from.col === col;
                    const header = isTableSheet && row === 1 && v !== null;
                    const classes = mergeClasses(
                      styles.cell,
                      typeof v === "number" && styles.number,
                      typeof v === "object" && v !== null && styles.error,
                      header && styles.tableHeader,
                      inRange(row, col) && (header ? styles.inRangeHeader : styles.inRange),
                      selected && styles.selected
                    );
                    return (
                      <td
                        key={col}
                        className={classes}
                        role="gridcell"
                        aria-selected={!!selected}
                        data-cell={cellRef(col, row)}
                        title={v === null ? undefined : show(v, col, row)}
                        onClick={() => onSelect({ row, col })}
                        onDoubleClick={() =>
                          setEditing({ cell: { row, col }, text: show(v, col, row) })
                        }
                      >
                        {isEditing ? (
                          <input
                            className={styles.input}
                            aria-label={`Edit ${cellRef(col, row)}`}
                            autoFocus
                            value={editing.text}
                            onChange={(e) => setEditing({ ...editing, text: e.target.value })}
                            onBlur={commit}
                            onKeyDown={(e) => {
                              e.stopPropagation();
                              if (e.key === "Enter") commit();
                              if (e.key === "Escape") setEditing(undefined);
                            }}
                          />
                        ) : (
                          show(v, col, row)
                        )}
                      </td>
                    );
                  })}
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <div className={styles.tabs} role="tablist" aria-label="Sheets">
        {sheets.map((s) => (
          <button
            key={s.name}
            role="tab"
            aria-selected={s.name === sheet?.name}
            className={mergeClasses(styles.tab, s.name === sheet?.name && styles.activeTab)}
            onClick={() => onActivate(s.name)}
          >
            {s.name}
          </button>
        ))}
      </div>
    </div>
  );
}

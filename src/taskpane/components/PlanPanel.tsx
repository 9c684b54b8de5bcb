/**
 * Plan: what is left of each blanket order at a glance, the component forecast, and the
 * customer round trip (share a copy, import the call-off it brings back).
 */
import * as React from "react";
import {
  Body1,
  Button,
  Caption1,
  Field,
  Select,
  makeStyles,
  mergeClasses,
  tokens,
} from "@fluentui/react-components";
import { forecast } from "../../engine";
import type { BlanketOrderStatus, ForecastRow, PeriodKind } from "../../engine";
import type { LocatedIssue, QtyToShipChange } from "../../engine";
import { ConfirmDialog, ConfirmRequest } from "./ConfirmDialog";
import { count, formatDate, formatQuantity, remainingText, todaySerial } from "../format";
import { useTask } from "../task";
import { BlanketOrderPicker, useBlanketOrders } from "./BlanketOrderPicker";
import { IssueList } from "./IssueList";

const useStyles = makeStyles({
  section: { marginTop: "16px" },
  heading: {
    fontSize: tokens.fontSizeBase300,
    fontWeight: tokens.fontWeightSemibold,
    margin: "0 0 6px",
  },
  table: { width: "100%", borderCollapse: "collapse", fontSize: tokens.fontSizeBase200 },
  cell: { padding: "2px 4px", borderBottom: `1px solid ${tokens.colorNeutralStroke2}` },
  num: { textAlign: "right" },
  row: { display: "flex", gap: "8px", alignItems: "end", flexWrap: "wrap" },
  legend: {
    display: "flex",
    flexWrap: "wrap",
    gap: "4px 12px",
    fontSize: tokens.fontSizeBase200,
    color: tokens.colorNeutralForeground2,
  },
  swatch: {
    display: "inline-block",
    width: "10px",
    height: "10px",
    marginRight: "4px",
    verticalAlign: "middle",
  },
});

const LABEL = 12; // px: the smallest text the pane shows

/** Ordered against remaining, one bar per line. */
function StatusChart({ order }: { order: BlanketOrderStatus }): React.JSX.Element {
  const lines = order.lines.filter((l) => l.type === "Item");
  const rowHeight = 26;
  const summary = lines
    .map(
      (l) =>
        `${l.no}: ${formatQuantity(l.quantityOrdered)} of ${formatQuantity(l.quantity)} ${l.unitOfMeasureCode} called off`
    )
    .join("; ");
  return (
    <svg
      role="img"
      aria-label={`Blanket order ${order.documentNo}: ${summary}`}
      width="100%"
      height={lines.length * rowHeight + 4}
      viewBox={`0 0 320 ${lines.length * rowHeight + 4}`}
    >
      {lines.map((l, i) => {
        const y = i * rowHeight + 2;
        const width = 180;
        return (
          <g key={l.lineNo}>
            <text x={0} y={y + 15} fontSize={LABEL} fill={tokens.colorNeutralForeground1}>
              {l.no.length > 14 ? `${l.no.slice(0, 13)}…` : l.no}
            </text>
            <rect
              x={96}
              y={y + 4}
              width={width}
              height={14}
              fill={tokens.colorNeutralBackground4}
              rx={2}
            />
            <rect
              x={96}
              y={y + 4}
              width={width * l.calledOff}
              height={14}
              fill={tokens.colorBrandBackground}
              rx={2}
            />
            <text x={282} y={y + 15} fontSize={LABEL} fill={tokens.colorNeutralForeground2}>
              {Math.round(l.calledOff * 100)}%
            </text>
          </g>
        );
      })}
    </svg>
  );
}

/** One component's need per period: blanket orders stacked on assembly orders, with axis and legend. */
function ForecastChart({
  rows,
  component,
}: {
  rows: ForecastRow[];
  component: string;
}): React.JSX.Element {
  const styles = useStyles();
  const mine = rows.filter((r) => `${r.type} ${r.no}` === component);
  const unit = mine[0]?.unitOfMeasureCode ?? "";
  const max = Math.max(1, ...mine.map((r) => r.blanketNeed + r.assemblyNeed));
  const left = 44; // the axis labels
  const plot = 320 - left - 4;
  const step = plot / Math.max(1, mine.length);
  const barWidth = Math.max(4, Math.min(36, step - 4));
  // Period labels never overlap: every n-th one where bars are narrow (about 7 px a character).
  const every = Math.max(1, Math.ceil(((mine[0]?.period.length ?? 7) * 7 + 6) / step));
  const top = 8;
  const base = 112;
  const height = base - top;
  const summary = mine
    .map(
      (r) =>
        `${r.period}: ${formatQuantity(r.blanketNeed)} for blanket orders, ${formatQuantity(r.assemblyNeed)} for assembly orders`
    )
    .join("; ");
  return (
    <figure style={{ margin: "4px 0" }}>
      <div className={styles.legend} aria-hidden>
        <span>
          <span className={styles.swatch} style={{ background: tokens.colorBrandBackground }} />
          Needed for Blanket Orders
        </span>
        <span>
          <span
            className={styles.swatch}
            style={{ background: tokens.colorPaletteGreenBackground3 }}
          />
          Needed for Assembly Orders
        </span>
      </div>
      <svg
        role="img"
        aria-label={`${component} ${unit} by period: ${summary}`}
        width="100%"
        viewBox="0 0 320 136"
      >
        <line x1={left} y1={top} x2={left} y2={base} stroke={tokens.colorNeutralStroke1} />
        <line x1={left} y1={base} x2={316} y2={base} stroke={tokens.colorNeutralStroke1} />
        <text
          x={left - 4}
          y={top + LABEL - 2}
          fontSize={LABEL}
          textAnchor="end"
          fill={tokens.colorNeutralForeground2}
        >
          {formatQuantity(max)}
        </text>
        <text
          x={left - 4}
          y={base}
          fontSize={LABEL}
          textAnchor="end"
          fill={tokens.colorNeutralForeground2}
        >
          0
        </text>
        <text x={2} y={base - height / 2} fontSize={LABEL} fill={tokens.colorNeutralForeground2}>
          {unit}
        </text>
        {mine.map((r, i) => {
          const x = left + 2 + i * step + (step - barWidth) / 2;
          const hA = (r.assemblyNeed / max) * height;
          const hB = (r.blanketNeed / max) * height;
          return (
            <g key={r.period}>
              <rect
                x={x}
                y={base - hA}
                width={barWidth}
                height={hA}
                fill={tokens.colorPaletteGreenBackground3}
              />
              <rect
                x={x}
                y={base - hA - hB}
                width={barWidth}
                height={hB}
                fill={tokens.colorBrandBackground}
              />
              {i % every === 0 && (
                <text
                  x={x + barWidth / 2}
                  y={base + LABEL + 4}
                  fontSize={LABEL}
                  textAnchor="middle"
                  fill={tokens.colorNeutralForeground2}
                >
                  {r.period}
                </text>
              )}
            </g>
          );
        })}
      </svg>
    </figure>
  );
}

export function PlanPanel(): React.JSX.Element {
  const styles = useStyles();
  const task = useTask();
  const picked = useBlanketOrders();
  const { orders, order } = picked;
  const [by, setBy] = React.useState<PeriodKind>("month");
  const [rows, setRows] = React.useState<ForecastRow[]>();
  const [component, setComponent] = React.useState("");
  const [chosenCustomer, setCustomer] = React.useState("");
  const [issues, setIssues] = React.useState<LocatedIssue[]>([]);
  // The customer round trip's own issues and result, shown in its section.
  const [copyIssues, setCopyIssues] = React.useState<LocatedIssue[]>([]);
  const [imported, setImported] = React.useState<string>();
  const [confirm, setConfirm] = React.useState<ConfirmRequest>();
  const fileInput = React.useRef<HTMLInputElement>(null);

  // The customer to share with: the one chosen while the workbook has it, else the first.
  const customer = orders.some((o) => o.sellToCustomerNo === chosenCustomer)
    ? chosenCustomer
    : (orders[0]?.sellToCustomerNo ?? "");

  const customers = [
    ...new Map(
      orders.map((o) => [o.sellToCustomerNo, o.sellToCustomerName ?? o.sellToCustomerNo])
    ).entries(),
  ];

  const runForecast = async (): Promise<void> => {
    const r = await task.run("Forecast", () => task.host.update((g) => forecast(g, by)));
    if (!r) return;
    setIssues(r.ok ? [] : r.issues.filter((i) => i.severity === "error"));
    setRows(r.ok ? r.rows : undefined);
    if (r.ok && r.rows.length) setComponent(`${r.rows[0].type} ${r.rows[0].no}`);
    task.announce(
      r.ok
        ? `Component Forecast: ${count(r.rows.length, "row")} by ${by}, written to its sheet.`
        : `Forecast: ${count(r.errors, "error")} to fix first.`
    );
  };

  const shareCopy = async (): Promise<void> => {
    await task.run("Share with customer", async () => {
      const [{ share }, { newXlsx, asArrayBuffer }] = await Promise.all([
        import("../../engine"),
        import("../../hosts/xlsx/xlsxFile"),
      ]);
      const r = share(await task.host.read(), customer, todaySerial());
      if (!r.ok || !r.plan) {
        setCopyIssues(r.issues);
        return;
      }
      const bytes = asArrayBuffer(await newXlsx(r.plan));
      const opened = task.host.openWorkbook ? await task.host.openWorkbook(bytes) : false;
      if (!opened) task.host.download(bytes, `${customer}-blanket-orders.xlsx`);
      setCopyIssues([]);
      task.announce(
        `Customer copy for ${customer} ${opened ? "opened as a new workbook" : "downloaded"}: ${r.blanketOrders.join(", ")}.`
      );
    });
  };

  /** Reads the copy, shows what it would set (old and new Qty. to Ship), and writes on confirmation. */
  const importCopy = async (file: File): Promise<void> => {
    await task.run("Import call-off", async () => {
      const [{ importCallOff }, { readXlsx }] = await Promise.all([
        import("../../engine"),
        import("../../hosts/xlsx/xlsxFile"),
      ]);
      const copy = await readXlsx(await file.arrayBuffer());
      const preview = importCallOff(await task.host.read(), copy, file.name);
      setImported(undefined);
      if (!preview.ok) {
        setCopyIssues(preview.issues);
        task.announce(`The copy ${file.name} cannot be imported; nothing imported.`);
        return;
      }
      setCopyIssues([]);
      setConfirm({
        title: "Import this call-off?",
        body: <QtyToShipChanges changes={preview.changes} file={file.name} />,
        confirm: "Import",
        onConfirm: () =>
          void task.run("Import call-off", async () => {
            const r = await task.host.update((g) => importCallOff(g, copy, file.name));
            setCopyIssues(r.ok ? [] : r.issues);
            setImported(
              r.ok
                ? `Imported from ${file.name}: ${r.callOff.join(", ") || "no quantities"}. Make Order next.`
                : undefined
            );
            task.announce(
              r.ok
                ? `Imported the call-off from ${file.name}: ${r.callOff.join(", ") || "no quantities"}. Make Order next.`
                : `The copy ${file.name} cannot be imported; nothing imported.`
            );
          }),
      });
    });
  };

  const selectCell = (i: LocatedIssue): void =>
    void task.run("Select cell", () => task.host.select(i.sheet, i.cell), { quiet: true });

  if (!orders.length)
    return <Body1>There are no blanket orders on the Blanket Orders sheet.</Body1>;
  return (
    <div>
      <section aria-label="Blanket status">
        <h2 className={styles.heading}>Blanket status</h2>
        <BlanketOrderPicker
          state={picked}
          describe={(o) => o.sellToCustomerName ?? o.sellToCustomerNo}
        />
        {order && (
          <>
            <Caption1 block style={{ margin: "4px 0" }}>
              {remainingText(order)}; next shipment {formatDate(order.nextShipment) || "none"}
            </Caption1>
            <StatusChart order={order} />
          </>
        )}
      </section>
      <section className={styles.section} aria-label="Component forecast">
        <h2 className={styles.heading}>Component forecast</h2>
        <div className={styles.row}>
          <Field label="Period">
            <Select value={by} onChange={(_, d) => setBy(d.value as PeriodKind)}>
              <option value="month">Month</option>
              <option value="week">Week</option>
            </Select>
          </Field>
          <Button onClick={() => void runForecast()}>Forecast</Button>
        </div>
        {issues.length > 0 && <IssueList issues={issues} onSelect={selectCell} />}
        {rows && rows.length > 0 && (
          <>
            <Field label="Chart of">
              <Select value={component} onChange={(_, d) => setComponent(d.value)}>
                {[...new Set(rows.map((r) => `${r.type} ${r.no}`))].map((c) => (
                  <option key={c} value={c}>
                    {c}
                  </option>
                ))}
              </Select>
            </Field>
            <ForecastChart rows={rows} component={component} />
          </>
        )}
        {rows && (
          <table className={styles.table} aria-label="Component forecast">
            <thead>
              <tr>
                <th className={styles.cell} scope="col">
                  Period
                </th>
                <th className={styles.cell} scope="col">
                  Component
                </th>
                <th className={mergeClasses(styles.cell, styles.num)} scope="col">
                  Needed for Blanket Orders
                </th>
                <th className={mergeClasses(styles.cell, styles.num)} scope="col">
                  Needed for Assembly Orders
                </th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={`${r.period}-${r.type}-${r.no}-${r.unitOfMeasureCode}`}>
                  <td className={styles.cell} style={{ whiteSpace: "nowrap" }}>
                    {r.period}
                  </td>
                  <td className={styles.cell}>
                    {r.no} <Caption1>{r.unitOfMeasureCode}</Caption1>
                  </td>
                  <td className={mergeClasses(styles.cell, styles.num)}>
                    {formatQuantity(r.blanketNeed)}
                  </td>
                  <td className={mergeClasses(styles.cell, styles.num)}>
                    {formatQuantity(r.assemblyNeed)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      <section className={styles.section} aria-label="Customer round trip">
        <h2 className={styles.heading}>Customer round trip</h2>
        <div className={styles.row}>
          <Field label="Customer">
            <Select value={customer} onChange={(_, d) => setCustomer(d.value)}>
              {customers.map(([no, name]) => (
                <option key={no} value={no}>
                  {no}: {name}
                </option>
              ))}
            </Select>
          </Field>
          <Button onClick={() => void shareCopy()}>Share with customer</Button>
          <Button onClick={() => fileInput.current?.click()}>Import call-off</Button>
          <input
            ref={fileInput}
            type="file"
            hidden
            accept=".xlsx"
            aria-label="Customer copy to import"
            onChange={(e) => {
              const f = e.target.files?.[0];
              if (f) void importCopy(f);
              e.target.value = "";
            }}
          />
        </div>
        {imported && (
          <Body1 block role="note" aria-label="Import result" style={{ marginTop: 8 }}>
            {imported}
          </Body1>
        )}
        {copyIssues.length > 0 && <IssueList issues={copyIssues} onSelect={selectCell} />}
      </section>
      <ConfirmDialog request={confirm} onClose={() => setConfirm(undefined)} />
    </div>
  );
}

/** What an import sets, line by line: Qty. to Ship in the workbook now and from the copy. */
function QtyToShipChanges({
  changes,
  file,
}: {
  changes: QtyToShipChange[];
  file: string;
}): React.JSX.Element {
  const styles = useStyles();
  if (!changes.length)
    return <Body1>{file} calls off nothing; Qty. to Ship stays blank on every line.</Body1>;
  const shown = (q: number | null) => (q === null ? "-" : formatQuantity(q));
  return (
    <table className={styles.table} aria-label="Qty. to Ship from the copy">
      <thead>
        <tr>
          <th className={styles.cell} scope="col">
            Line
          </th>
          <th className={mergeClasses(styles.cell, styles.num)} scope="col">
            Was
          </th>
          <th className={mergeClasses(styles.cell, styles.num)} scope="col">
            Now
          </th>
        </tr>
      </thead>
      <tbody>
        {changes.map((c) => (
          <tr key={`${c.blanketOrderNo}-${c.lineNo}`}>
            <td className={styles.cell}>
              {c.blanketOrderNo} {c.lineNo} {c.no}
            </td>
            <td className={mergeClasses(styles.cell, styles.num)}>{shown(c.old)}</td>
            <td className={mergeClasses(styles.cell, styles.num)}>
              {shown(c.new)} <Caption1>{c.unitOfMeasureCode}</Caption1>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

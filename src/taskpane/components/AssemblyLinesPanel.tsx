/**
 * Assemble-to-Order Lines, as on BC's page of that name: the blanket assembly order of
 * the blanket order line selected in Excel. The header is read-only; the lines' editable
 * fields are changed here and written to the Blanket Assembly Orders sheet.
 */
import * as React from "react";
import {
  Body1,
  Button,
  Caption1,
  Field,
  Input,
  MessageBar,
  MessageBarBody,
  Select,
  makeStyles,
  tokens,
} from "@fluentui/react-components";
import { AddRegular, DeleteRegular, EditRegular } from "@fluentui/react-icons";
import {
  AssemblyLine,
  AssemblyLineEdit,
  AssemblyOrderView,
  assemblyOrderAt,
  EditableField,
  editAssemblyOrder,
  LineType,
  rollUp,
  RollUpKind,
} from "../../engine";
import { Selection } from "../../hosts/workbookHost";
import { parseCellRef } from "../../workbook/grid";
import { formatDate, formatQuantity, formatUnitAmount, parseQuantityInput } from "../format";
import { useTask } from "../task";
import { ConfirmDialog, ConfirmRequest } from "./ConfirmDialog";
import { IssueList } from "./IssueList";
import { useAssemble } from "./useAssemble";

const useStyles = makeStyles({
  header: {
    display: "grid",
    gridTemplateColumns: "auto 1fr",
    columnGap: "8px",
    rowGap: "2px",
    margin: "8px 0",
    fontSize: tokens.fontSizeBase200,
  },
  label: { color: tokens.colorNeutralForeground3 },
  lines: {
    listStyle: "none",
    padding: 0,
    margin: "8px 0",
    display: "flex",
    flexDirection: "column",
    gap: "4px",
  },
  line: { borderBottom: `1px solid ${tokens.colorNeutralStroke2}`, paddingBottom: "4px" },
  lineRow: { display: "flex", alignItems: "center", gap: "4px", fontSize: tokens.fontSizeBase200 },
  grow: { flexGrow: 1, minWidth: 0 },
  // Two columns that shrink with the pane (320 px included): no field wider than its column.
  editor: {
    display: "grid",
    gridTemplateColumns: "minmax(0, 1fr) minmax(0, 1fr)",
    gap: "4px 8px",
    padding: "4px 0",
    "& > *": { minWidth: 0 },
  },
  control: { width: "100%", minWidth: 0 },
  actions: { display: "flex", gap: "8px", flexWrap: "wrap" },
  customized: { color: tokens.colorPaletteBlueForeground2 },
  missing: { color: tokens.colorPaletteDarkOrangeForeground1 },
  figures: { margin: "8px 0" },
  earlier: { color: tokens.colorPaletteDarkOrangeForeground1 },
});

const FIELDS: { field: EditableField; label: string; options?: string[] }[] = [
  { field: "type", label: "Type", options: ["Item", "Resource", ""] },
  { field: "no", label: "No." },
  { field: "description", label: "Description" },
  { field: "variantCode", label: "Variant Code" },
  { field: "quantityPer", label: "Quantity per" },
  { field: "unitOfMeasureCode", label: "Unit of Measure Code" },
  { field: "resourceUsageType", label: "Resource Usage Type", options: ["Direct", "Fixed"] },
  { field: "position", label: "Position" },
];

function fieldText(line: AssemblyLine, field: EditableField): string {
  if (field === "type") return line.type === "Comment" ? "" : line.type;
  if (field === "quantityPer")
    return line.type === "Comment" ? "" : formatQuantity(line.quantityPer);
  if (field === "resourceUsageType") return line.type === "Resource" ? line.resourceUsageType : "";
  return line[field] ?? "";
}

/** What the planner typed in a field, as an edit of the line; or why it is not one. */
function toEdit(lineNo: number, field: EditableField, text: string): AssemblyLineEdit | string {
  switch (field) {
    case "quantityPer": {
      const q = parseQuantityInput(text);
      if (q === undefined || q === null)
        return `Enter a Quantity per such as 2 or ${formatQuantity(0.5)}.`;
      return { kind: "update", lineNo, field, value: q };
    }
    case "type":
      return { kind: "update", lineNo, field, value: text === "" ? "Comment" : (text as LineType) };
    case "resourceUsageType":
      return { kind: "update", lineNo, field, value: text === "Fixed" ? "Fixed" : "Direct" };
    default:
      return { kind: "update", lineNo, field, value: text };
  }
}

function LineEditor({
  line,
  onEdit,
}: {
  line: AssemblyLine;
  onEdit: (field: EditableField, value: string) => Promise<string | undefined>;
}): React.JSX.Element {
  const styles = useStyles();
  const [values, setValues] = React.useState<Record<string, string>>(() =>
    Object.fromEntries(FIELDS.map((f) => [f.field, fieldText(line, f.field)]))
  );
  const [errors, setErrors] = React.useState<Record<string, string>>({});
  const commit = async (field: EditableField, value: string): Promise<void> => {
    if (value === fieldText(line, field)) return;
    const error = await onEdit(field, value);
    setErrors((e) => ({ ...e, [field]: error ?? "" }));
  };
  return (
    <div className={styles.editor}>
      {FIELDS.filter(
        // Resource Usage Type applies to resources only; a comment has only its text.
        (f) =>
          (f.field !== "resourceUsageType" || line.type === "Resource") &&
          (line.type !== "Comment" || f.field === "type" || f.field === "description")
      ).map(({ field, label, options }) => (
        <Field
          key={field}
          label={label}
          size="small"
          validationState={errors[field] ? "error" : "none"}
          validationMessage={errors[field] || undefined}
        >
          {options ? (
            <Select
              size="small"
              className={styles.control}
              value={values[field]}
              onChange={(_, d) => {
                setValues((v) => ({ ...v, [field]: d.value }));
                void commit(field, d.value);
              }}
            >
              {options.map((o) => (
                <option key={o} value={o}>
                  {o || "(comment)"}
                </option>
              ))}
            </Select>
          ) : (
            <Input
              size="small"
              className={styles.control}
              value={values[field]}
              inputMode={field === "quantityPer" ? "decimal" : undefined}
              onChange={(_, d) => setValues((v) => ({ ...v, [field]: d.value }))}
              onBlur={() => void commit(field, values[field])}
            />
          )}
        </Field>
      ))}
    </div>
  );
}

function AddLineForm({
  onAdd,
}: {
  onAdd: (type: LineType, no: string, quantityPer: string) => Promise<string | undefined>;
}): React.JSX.Element {
  const styles = useStyles();
  const [type, setType] = React.useState<LineType>("Item");
  const [no, setNo] = React.useState("");
  const [quantityPer, setQuantityPer] = React.useState("1");
  const [error, setError] = React.useState<string>();
  // The refusal shows beside the field it is about: the quantity, or else the component.
  const qtyError = error && /Quantity per/.test(error) ? error : undefined;
  const noError = error && !qtyError ? error : undefined;
  return (
    <form
      className={styles.editor}
      aria-label="New line"
      onSubmit={(e) => {
        e.preventDefault();
        void onAdd(type, no, quantityPer).then(setError);
      }}
    >
      <Field label="Type" size="small">
        <Select
          size="small"
          className={styles.control}
          value={type}
          onChange={(_, d) => setType(d.value as LineType)}
        >
          <option value="Item">Item</option>
          <option value="Resource">Resource</option>
          <option value="Comment">(comment)</option>
        </Select>
      </Field>
      <Field
        label="No."
        size="small"
        validationState={noError ? "error" : "none"}
        validationMessage={noError}
      >
        <Input
          size="small"
          className={styles.control}
          value={no}
          onChange={(_, d) => setNo(d.value)}
        />
      </Field>
      <Field
        label="Quantity per"
        size="small"
        validationState={qtyError ? "error" : "none"}
        validationMessage={qtyError}
      >
        <Input
          size="small"
          className={styles.control}
          inputMode="decimal"
          value={quantityPer}
          onChange={(_, d) => setQuantityPer(d.value)}
        />
      </Field>
      <div style={{ alignSelf: "end" }}>
        <Button size="small" type="submit" icon={<AddRegular />}>
          Add line
        </Button>
      </div>
    </form>
  );
}

/** Read-only fields as label and value pairs. */
function Fields({
  fields,
  label,
}: {
  fields: [string, React.ReactNode][];
  label?: string;
}): React.JSX.Element {
  const styles = useStyles();
  return (
    <dl className={styles.header} aria-label={label}>
      {fields.map(([name, value]) => (
        <React.Fragment key={name}>
          <dt className={styles.label}>{name}</dt>
          <dd style={{ margin: 0 }}>{value}</dd>
        </React.Fragment>
      ))}
    </dl>
  );
}

/** The rolled-up price and cost of the agreed specification beside the line's own price. */
function RollUpFigures({
  view,
  onRollUp,
}: {
  view: AssemblyOrderView;
  onRollUp: (kind: RollUpKind) => void;
}): React.JSX.Element {
  const styles = useStyles();
  const r = view.rollUp!;
  const per = ` per ${view.assemblyUnitOfMeasure}`;
  const amount = (n: number | undefined, missing: string[]) =>
    n !== undefined ? (
      formatUnitAmount(n) + per
    ) : (
      <span className={styles.missing}>
        not known: no {missing === r.missingPrice ? "Unit Price" : "Unit Cost"} for{" "}
        {missing.join(", ")}
      </span>
    );
  const rows: [string, React.ReactNode][] = [
    [
      "Unit Price",
      r.unitPrice === undefined
        ? "(none)"
        : `${formatUnitAmount(r.unitPrice)}${per}${r.lineDiscountPercent ? `, less ${formatQuantity(r.lineDiscountPercent)} %` : ""}`,
    ],
    ["Rolled-up price", amount(r.price, r.missingPrice)],
    ["Rolled-up cost", amount(r.cost, r.missingCost)],
  ];
  if (r.margin !== undefined)
    rows.push([
      "Margin",
      `${formatUnitAmount(r.margin)}${per}${r.marginPercent !== undefined ? ` (${formatQuantity(r.marginPercent)} %)` : ""}`,
    ]);
  return (
    <section aria-label="Price and cost" className={styles.figures}>
      <Fields fields={rows} />
      <div className={styles.actions}>
        <Button size="small" disabled={r.price === undefined} onClick={() => onRollUp("price")}>
          Roll Up Price
        </Button>
        <Button size="small" disabled={r.cost === undefined} onClick={() => onRollUp("cost")}>
          Roll Up Cost
        </Button>
      </div>
    </section>
  );
}

export function AssemblyLinesPanel(): React.JSX.Element {
  const styles = useStyles();
  const task = useTask();
  const [selection, setSelection] = React.useState<Selection | null>();
  const [editing, setEditing] = React.useState<number>();
  const [adding, setAdding] = React.useState(false);
  const [confirm, setConfirm] = React.useState<ConfirmRequest>();

  // The selection in the workbook, followed as it changes.
  React.useEffect(() => {
    let alive = true;
    const follow = (): void =>
      void task.host
        .selection()
        .then((s) => alive && setSelection(s ?? null))
        .catch(() => alive && setSelection(null));
    follow();
    const stop = task.host.onSelectionChanged(follow);
    return () => {
      alive = false;
      stop();
    };
  }, [task.host]);

  const runAssemble = useAssemble(
    (r) =>
      task.announce(
        r.ok
          ? `Assemble: ${r.created} created, ${r.kept} kept, ${r.rebuilt} rebuilt, ${r.removed} removed.`
          : `Assemble: nothing written; ${r.issues.find((i) => i.severity === "error")?.message ?? ""}`
      ),
    setConfirm
  );

  const grids = task.workbook;
  const view = React.useMemo((): AssemblyOrderView | null | undefined => {
    if (selection === undefined || !grids) return undefined;
    const row = selection ? parseCellRef(selection.address.split(":")[0])?.row : undefined;
    return selection && row ? (assemblyOrderAt(grids, selection.sheet, row) ?? null) : null;
  }, [grids, selection]);

  /** Roll Up Price / Cost of the line shown, after the planner confirmed the new value. */
  const askRollUp = (kind: RollUpKind): void => {
    const r = view?.rollUp;
    const value = kind === "price" ? r?.price : r?.cost;
    if (!view || !r || value === undefined) return;
    const field = kind === "price" ? "Unit Price" : "Unit Cost";
    const now = kind === "price" ? r.unitPrice : r.unitCost;
    setConfirm({
      title: kind === "price" ? "Roll up the price?" : "Roll up the cost?",
      body: `${field} of blanket order ${view.blanketOrderNo} line ${view.blanketOrderLineNo} becomes ${formatUnitAmount(value)} per ${view.assemblyUnitOfMeasure}${now === undefined ? "" : ` (now ${formatUnitAmount(now)})`}: the ${kind} of its components as agreed. Later call-offs use it.`,
      confirm: kind === "price" ? "Roll Up Price" : "Roll Up Cost",
      onConfirm: () => void doRollUp(kind),
    });
  };

  const doRollUp = async (kind: RollUpKind): Promise<void> => {
    if (!view) return;
    let refusal: string | undefined;
    await task.run(kind === "price" ? "Roll Up Price" : "Roll Up Cost", () =>
      task.host.update((grids) => {
        const r = rollUp(grids, {
          blanketOrderNo: view.blanketOrderNo,
          lineNo: view.blanketOrderLineNo,
          kind,
        });
        refusal = r.ok ? undefined : r.issues.find((i) => i.severity === "error")?.message;
        return r;
      })
    );
    task.announce(
      refusal
        ? `Not rolled up: ${refusal}`
        : `${kind === "price" ? "Unit Price" : "Unit Cost"} of line ${view.blanketOrderLineNo} rolled up.`
    );
  };

  const edit = async (change: AssemblyLineEdit | string): Promise<string | undefined> => {
    if (typeof change === "string") return change;
    if (!view?.assemblyOrderNo) return undefined;
    let error: string | undefined;
    await task.run("Save assembly line", () =>
      task.host.update((grids) => {
        const r = editAssemblyOrder(grids, view.assemblyOrderNo!, change);
        error = r.error;
        return r;
      })
    );
    if (error) task.announce(`Line not saved: ${error}`);
    return error;
  };

  if (view === undefined) return <Body1>Reading the selection...</Body1>;
  if (view === null) {
    return (
      <Body1>
        Select a line on the Blanket Orders sheet that assembles to order (or a row of the Blanket
        Assembly Orders sheet) to see and change how it is assembled.
      </Body1>
    );
  }

  const header: [string, string][] = [
    ["Blanket order", `${view.blanketOrderNo}, line ${view.blanketOrderLineNo}`],
    ["Assembly order", view.assemblyOrderNo ?? "(not yet assembled)"],
    ["Item", `${view.assemblyItemNo}${view.description ? `, ${view.description}` : ""}`],
    ["Quantity", `${formatQuantity(view.assemblyQuantity)} ${view.assemblyUnitOfMeasure}`],
    ["Due date", formatDate(view.dueDate) || "(none)"],
  ];
  if (view.locationCode) header.push(["Location", view.locationCode]);
  if (view.variantCode) header.push(["Variant", view.variantCode]);

  return (
    <div>
      <Fields fields={header} label="Assembly order header" />
      {view.needsAssemble && (
        <MessageBar intent="warning">
          <MessageBarBody>
            {view.assemblyOrderNo
              ? "This order is out of date with its blanket order line."
              : "This line has no blanket assembly order yet."}{" "}
            <Button size="small" onClick={() => void runAssemble()}>
              Assemble
            </Button>
          </MessageBarBody>
        </MessageBar>
      )}
      {view.assemblyOrderNo && (
        <>
          <ul className={styles.lines} aria-label={`Lines of ${view.assemblyOrderNo}`}>
            {view.lines.map((l) => (
              <li key={l.lineNo} className={styles.line}>
                <div className={styles.lineRow}>
                  <span className={styles.grow}>
                    <strong>{l.type === "Comment" ? "Comment" : l.no}</strong>{" "}
                    {l.type !== "Comment" &&
                      `x ${formatQuantity(l.quantityPer)} = ${formatQuantity(l.quantity)} ${l.unitOfMeasureCode ?? ""}`}
                    <Caption1 block>
                      Line {l.lineNo}
                      {l.description ? `: ${l.description}` : ""}
                      {l.type === "Resource" ? ` (${l.resourceUsageType})` : ""}
                    </Caption1>
                    {l.customized && (
                      <Caption1 block className={styles.customized}>
                        Customized: {l.customized.join("; ")}
                      </Caption1>
                    )}
                    {l.earlier && (
                      <Caption1 block className={styles.earlier}>
                        Changed after call-offs: {l.earlier.join("; ")}. The line as it is now
                        applies to the quantity still to be called off.
                      </Caption1>
                    )}
                  </span>
                  <Button
                    size="small"
                    appearance="subtle"
                    icon={<EditRegular />}
                    aria-label={`Edit line ${l.lineNo}`}
                    aria-expanded={editing === l.lineNo}
                    onClick={() => setEditing(editing === l.lineNo ? undefined : l.lineNo)}
                  />
                  <Button
                    size="small"
                    appearance="subtle"
                    icon={<DeleteRegular />}
                    aria-label={`Remove line ${l.lineNo}`}
                    onClick={() =>
                      setConfirm({
                        title: "Remove this line?",
                        body: `Line ${l.lineNo} (${l.type === "Comment" ? "comment" : l.no}) will be removed from ${view.assemblyOrderNo}.`,
                        confirm: "Remove",
                        onConfirm: () => void edit({ kind: "remove", lineNo: l.lineNo }),
                      })
                    }
                  />
                </div>
                {editing === l.lineNo && (
                  <LineEditor
                    key={`${view.assemblyOrderNo}-${l.lineNo}`}
                    line={l}
                    onEdit={(field, value) => edit(toEdit(l.lineNo, field, value))}
                  />
                )}
              </li>
            ))}
          </ul>
          {adding && (
            <AddLineForm
              onAdd={async (type, no, quantityPer) => {
                const q = type === "Comment" ? 1 : parseQuantityInput(quantityPer);
                if (q === undefined || q === null || !(q > 0))
                  return "Quantity per must be a number greater than 0.";
                const error = await edit({ kind: "add", type, no, quantityPer: q });
                if (!error) setAdding(false);
                return error;
              }}
            />
          )}
          {view.rollUp && <RollUpFigures view={view} onRollUp={askRollUp} />}
          {(view.removed.length > 0 || view.callOffs > 0) && (
            <Caption1 block aria-label="Agreement history">
              {view.callOffs > 0 &&
                `${view.callOffs} ${view.callOffs === 1 ? "call-off" : "call-offs"} made from this line. `}
              {view.removed.length > 0 && `Removed: ${view.removed.join("; ")}.`}
            </Caption1>
          )}
          <div className={styles.actions}>
            <Button
              size="small"
              icon={<AddRegular />}
              onClick={() => setAdding(!adding)}
              aria-expanded={adding}
            >
              New line
            </Button>
            <Button
              size="small"
              disabled={!view.address}
              onClick={() =>
                void task.run("Show document", () => task.host.select(view.sheet, view.address!), {
                  quiet: true,
                })
              }
            >
              Show Document
            </Button>
          </div>
          {view.issues.length > 0 && (
            <IssueList
              issues={view.issues}
              onSelect={(i) =>
                void task.run("Select cell", () => task.host.select(i.sheet, i.cell), {
                  quiet: true,
                })
              }
            />
          )}
        </>
      )}
      <ConfirmDialog request={confirm} onClose={() => setConfirm(undefined)} />
    </div>
  );
}

/**
 * `bao`: the engine over `.xlsx` files (docs/cli.md). Exit status 0 done, 1 errors in
 * the data the command needs (nothing written), 2 usage or file problems. Errors reach
 * the user as one line, never a stack trace.
 */
import * as fs from "fs";
import * as path from "path";
import { parseArgs } from "util";
import {
  assemble,
  blanketOrders,
  forecast,
  AssembleResult,
  CommandResult,
  importCallOff,
  RolledUpLine,
  rollUp,
  LocatedIssue,
  makeOrder,
  MakeOrderResult,
  ordersWithCallOff,
  QtyToShipChange,
  share,
  template,
  validate,
} from "../engine";
import { isoToSerial, todaySerial } from "../domain/dates";
import { formatQty } from "../domain/quantity";
import { qualifiedRef } from "../workbook/grid";
import {
  applyToLoaded,
  checkTarget,
  FileError,
  loadWorkbook,
  LoadedWorkbook,
  saveLoaded,
  saveNew,
} from "../hosts/xlsx/xlsxHost";

export interface Io {
  out(text: string): void;
  err(text: string): void;
  /** Today's date as an Excel serial (tests fix it). */
  today?: () => number;
  /** Where `demo` finds the sample workbook. */
  samplePath?: string;
}

class UsageError extends Error {}

const USAGE = `Usage:
  bao validate   FILE [--json]
  bao assemble   FILE [-o OUT] [--json]
  bao make-order FILE --order DOC [--date YYYY-MM-DD] [--ship LINE=QTY ...] [-o OUT] [--json]
  bao forecast   FILE [--by month|week] [-o OUT] [--json]
  bao share      FILE --customer NO -o OUT [--json]
  bao import-call-off FILE --from COPY [-o OUT] [--json]
  bao roll-up    FILE --order DOC [--line N] [--price|--cost] [-o OUT] [--json]
  bao template   OUT
  bao demo       [-o OUT]`;

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? "" : "s"}`;
}

function issueLine(i: LocatedIssue): string {
  const where = i.workbook
    ? qualifiedRef(`[${i.workbook}]${i.sheet}`, i.cell)
    : qualifiedRef(i.sheet, i.cell);
  return `  ${i.severity} ${i.code} ${where}: ${i.message}`;
}

function report(io: Io, file: string, r: CommandResult): void {
  io.out(`${path.basename(file)}: ${plural(r.errors, "error")}, ${plural(r.warnings, "warning")}`);
  for (const i of r.issues) io.out(issueLine(i));
}

function json(io: Io, r: CommandResult, extra: Record<string, unknown> = {}): void {
  io.out(
    JSON.stringify(
      { ok: r.ok, errors: r.errors, warnings: r.warnings, issues: r.issues, ...extra },
      null,
      2
    )
  );
}

function samplePath(io: Io): string {
  if (io.samplePath) return io.samplePath;
  // Works from src/cli (ts-jest) and lib/src/cli (built).
  let dir = __dirname;
  for (let i = 0; i < 5; i++) {
    const candidate = path.join(dir, "samples", "blanket-orders.xlsx");
    if (fs.existsSync(candidate)) return candidate;
    dir = path.dirname(dir);
  }
  throw new FileError(
    "samples/blanket-orders.xlsx: the bundled sample workbook is missing (run npm run sample)"
  );
}

/** Where a command writes: OUT, or FILE in place (only what the command writes changes). */
function target(loaded: LoadedWorkbook, out: string | undefined): string {
  const dest = !out || path.resolve(out) === path.resolve(loaded.file) ? loaded.file : out;
  checkTarget(loaded, dest);
  return dest;
}

function parseShip(values: string[] | undefined): Map<number, number> | undefined {
  if (!values || !values.length) return undefined;
  const ship = new Map<number, number>();
  for (const v of values) {
    const m = /^\s*(\d+)\s*=\s*([+-]?(\d+(\.\d*)?|\.\d+))\s*$/.exec(v);
    if (!m) throw new UsageError(`--ship ${v}: expected LINE=QTY, such as --ship 10000=4`);
    const line = Number(m[1]);
    if (ship.has(line)) throw new UsageError(`--ship: line ${line} is given twice`);
    ship.set(line, Number(m[2]));
  }
  return ship;
}

function parseDate(text: string | undefined, io: Io): number {
  if (text === undefined) return (io.today ?? todaySerial)();
  const serial = isoToSerial(text);
  if (serial === undefined) throw new UsageError(`--date ${text}: expected a date as YYYY-MM-DD`);
  return serial;
}

async function run(argv: string[], io: Io): Promise<number> {
  const [command, ...rest] = argv;
  if (!command) throw new UsageError("no command given");
  if (command === "--help" || command === "-h" || command === "help") {
    io.out(USAGE);
    return 0;
  }
  const options = {
    json: { type: "boolean" as const },
    output: { type: "string" as const, short: "o" },
    order: { type: "string" as const },
    date: { type: "string" as const },
    ship: { type: "string" as const, multiple: true },
    by: { type: "string" as const },
    customer: { type: "string" as const },
    from: { type: "string" as const },
    line: { type: "string" as const },
    price: { type: "boolean" as const },
    cost: { type: "boolean" as const },
  };
  let parsed;
  try {
    parsed = parseArgs({ args: rest, options, allowPositionals: true, strict: true });
  } catch (err) {
    throw new UsageError((err as Error).message.split("\n")[0]);
  }
  const { values, positionals } = parsed;
  const allowed: Record<string, string[]> = {
    validate: ["json"],
    assemble: ["json", "output"],
    "make-order": ["json", "output", "order", "date", "ship"],
    forecast: ["json", "output", "by"],
    share: ["json", "output", "customer"],
    "import-call-off": ["json", "output", "from"],
    "roll-up": ["json", "output", "order", "line", "price", "cost"],
    template: [],
    demo: ["output"],
  };
  if (!(command in allowed)) throw new UsageError(`unknown command '${command}'`);
  for (const k of Object.keys(values)) {
    if (!allowed[command].includes(k))
      throw new UsageError(`${command} does not take --${k === "output" ? "o" : k}`);
  }
  const wantFiles = command === "demo" ? 0 : 1;
  if (positionals.length !== wantFiles) {
    throw new UsageError(
      wantFiles
        ? `${command} needs exactly one ${command === "template" ? "OUT" : "FILE"}`
        : `${command} takes no FILE (use -o OUT)`
    );
  }
  const file = positionals[0];
  switch (command) {
    case "validate": {
      const loaded = await loadWorkbook(file);
      const r = validate(loaded.grids);
      if (values.json) json(io, r);
      else report(io, file, r);
      return r.ok ? 0 : 1;
    }
    case "assemble": {
      const loaded = await loadWorkbook(file);
      const dest = target(loaded, values.output);
      const r = assemble(loaded.grids);
      if (r.ok && r.plan) {
        applyToLoaded(loaded, r.plan);
        await saveLoaded(loaded, dest);
      }
      const counts = { created: r.created, kept: r.kept, rebuilt: r.rebuilt, removed: r.removed };
      if (values.json) json(io, r, counts);
      else {
        report(io, file, r);
        io.out(
          r.ok
            ? `Blanket assembly orders: ${r.created} created, ${r.kept} kept, ${r.rebuilt} rebuilt, ${r.removed} removed. Wrote ${dest}.`
            : "Nothing written: fix the errors above, then run assemble again."
        );
      }
      return r.ok ? 0 : 1;
    }
    case "make-order": {
      if (!values.order) throw new UsageError("make-order needs --order DOC");
      const ship = parseShip(values.ship as string[] | undefined);
      const orderDate = parseDate(values.date, io);
      const loaded = await loadWorkbook(file);
      const dest = target(loaded, values.output);
      const r = makeOrder(loaded.grids, {
        blanketOrderNo: values.order,
        orderDate,
        qtyToShip: ship,
      });
      if (r.ok && r.plan) {
        applyToLoaded(loaded, r.plan);
        await saveLoaded(loaded, dest);
      }
      if (values.json)
        json(io, r, r.ok ? { salesOrder: r.salesOrder, assemblyOrders: r.assemblyOrders } : {});
      else {
        report(io, file, r);
        io.out(
          r.ok
            ? madeOrderText(values.order, r) + ` Wrote ${dest}.`
            : "Nothing written: fix the errors above, then run make-order again."
        );
      }
      return r.ok ? 0 : 1;
    }
    case "forecast": {
      const by = values.by ?? "month";
      if (by !== "month" && by !== "week")
        throw new UsageError(`--by ${by}: expected month or week`);
      const loaded = await loadWorkbook(file);
      const dest = target(loaded, values.output);
      const r = forecast(loaded.grids, by);
      if (r.ok && r.plan) {
        applyToLoaded(loaded, r.plan);
        await saveLoaded(loaded, dest);
      }
      if (values.json) json(io, r, { rows: r.rows.length, by });
      else {
        report(io, file, r);
        io.out(
          r.ok
            ? `Component Forecast: ${r.rows.length} rows by ${by}. Wrote ${dest}.`
            : "Nothing written: fix the errors above, then run forecast again."
        );
      }
      return r.ok ? 0 : 1;
    }
    case "share": {
      if (!values.customer) throw new UsageError("share needs --customer NO");
      if (!values.output)
        throw new UsageError("share needs -o OUT: the customer's copy is a new workbook");
      if (path.resolve(values.output) === path.resolve(file))
        throw new UsageError("share: OUT must be another file than FILE");
      const loaded = await loadWorkbook(file);
      const r = share(loaded.grids, values.customer, (io.today ?? todaySerial)());
      if (r.ok && r.plan) {
        await saveNew(r.plan, values.output);
      }
      const counts = { errors: r.issues.length, warnings: 0 };
      if (values.json)
        json(io, { ok: r.ok, ...counts, issues: r.issues }, { blanketOrders: r.blanketOrders });
      else {
        for (const i of r.issues) io.out(issueLine(i));
        io.out(
          r.ok
            ? `Wrote ${values.output}: blanket orders ${r.blanketOrders.join(", ")} of customer ${values.customer}, protected but for Qty. to Ship.`
            : "Nothing written."
        );
      }
      return r.ok ? 0 : 1;
    }
    case "import-call-off": {
      if (!values.from) throw new UsageError("import-call-off needs --from COPY");
      const loaded = await loadWorkbook(file);
      const copy = await loadWorkbook(values.from);
      const dest = target(loaded, values.output);
      const r = importCallOff(loaded.grids, copy.grids, path.basename(values.from));
      if (r.ok && r.plan) {
        applyToLoaded(loaded, r.plan);
        await saveLoaded(loaded, dest);
      }
      if (values.json)
        json(
          io,
          { ok: r.ok, errors: r.errors, warnings: r.warnings, issues: r.issues },
          { callOff: r.callOff, changes: r.changes }
        );
      else {
        report(io, values.from, {
          ok: r.ok,
          errors: r.errors,
          warnings: r.warnings,
          issues: r.issues,
        });
        if (r.ok) for (const line of qtyToShipTable(r.changes)) io.out(line);
        io.out(
          r.ok
            ? `Took the call-off into ${dest}: ${r.callOff.length ? r.callOff.join(", ") : "no quantities"}. Run make-order next.`
            : "Nothing written: the copy does not match the workbook."
        );
      }
      return r.ok ? 0 : 1;
    }
    case "roll-up": {
      if (!values.order) throw new UsageError("roll-up needs --order DOC");
      if (values.price && values.cost)
        throw new UsageError("roll-up takes --price or --cost, not both");
      let lineNo: number | undefined;
      if (values.line !== undefined) {
        if (!/^\s*\d+\s*$/.test(values.line))
          throw new UsageError(
            `--line ${values.line}: expected a line number, such as --line 10000`
          );
        lineNo = Number(values.line);
      }
      const kind = values.cost ? "cost" : "price";
      const loaded = await loadWorkbook(file);
      const dest = target(loaded, values.output);
      const r = rollUp(loaded.grids, { blanketOrderNo: values.order, lineNo, kind });
      if (r.ok && r.plan) {
        applyToLoaded(loaded, r.plan);
        await saveLoaded(loaded, dest);
      }
      if (values.json) json(io, r, { kind, lines: r.lines });
      else {
        report(io, file, r);
        for (const l of rollUpTable(r.lines)) io.out(l);
        const field = kind === "price" ? "Unit Price" : "Unit Cost";
        io.out(
          r.ok
            ? `Rolled up the ${kind} of ${plural(r.lines.length, "line")} of blanket order ${values.order} into ${field}. Wrote ${dest}.`
            : "Nothing written: fix the errors above, then run roll-up again."
        );
      }
      return r.ok ? 0 : 1;
    }
    case "template": {
      if (fs.existsSync(file))
        throw new FileError(
          `${file}: already exists; template writes a new workbook, choose another name`
        );
      await saveNew(template(), file);
      io.out(
        `Wrote ${file}: sheets Items, Item Units, Resources, Assembly BOMs, Blanket Orders and Setup, ready to fill in.`
      );
      return 0;
    }
    default:
      return demo(values.output ?? "demo-output.xlsx", io);
  }
}

/** Import's per-line Qty. to Ship, old and new, as aligned text columns. */
function qtyToShipTable(changes: QtyToShipChange[]): string[] {
  if (!changes.length) return [];
  const shown = (q: number | null) => (q === null ? "-" : formatQty(q));
  const rows = [
    ["Blanket order", "Line", "Item", "Unit", "Qty. to Ship was", "now"],
    ...changes.map((c) => [
      c.blanketOrderNo,
      String(c.lineNo),
      c.no,
      c.unitOfMeasureCode,
      shown(c.old),
      shown(c.new),
    ]),
  ];
  return aligned(rows, 4);
}

/** Rows as text columns, left-aligned, and right-aligned from column `numbersFrom` on. */
function aligned(rows: string[][], numbersFrom: number): string[] {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  return rows.map((r) =>
    r
      .map((cell, i) => (i >= numbersFrom ? cell.padStart(widths[i]) : cell.padEnd(widths[i])))
      .join("  ")
      .trimEnd()
  );
}

/** Roll-up figures per line as aligned text columns; "-" where an amount is missing. */
function rollUpTable(lines: RolledUpLine[]): string[] {
  if (!lines.length) return [];
  const shown = (q: number | undefined) => (q === undefined ? "-" : formatQty(q));
  const rows = [
    [
      "Line",
      "Item",
      "Unit",
      "Unit Price",
      "Rolled-up price",
      "Rolled-up cost",
      "Margin",
      "Margin %",
    ],
    ...lines.map((l) => [
      String(l.lineNo),
      l.no,
      l.unitOfMeasureCode,
      shown(l.unitPrice),
      shown(l.price),
      shown(l.cost),
      shown(l.margin),
      shown(l.marginPercent),
    ]),
  ];
  return aligned(rows, 3);
}

function madeOrderText(order: string, r: MakeOrderResult): string {
  const aos = r.assemblyOrders ?? [];
  return `Made sales order ${r.salesOrder} from blanket order ${order}${aos.length ? ` with ${aos.length === 1 ? "assembly order" : "assembly orders"} ${aos.join(", ")}` : ""}.`;
}

/** Runs validate, assemble and a make-order on a copy of the sample workbook. */
async function demo(out: string, io: Io): Promise<number> {
  const sample = samplePath(io);
  const loaded = await loadWorkbook(sample);
  io.out(
    `Demo on a copy of ${path.relative(process.cwd(), sample) || sample} (the sample itself is left as it is).`
  );
  const v = validate(loaded.grids);
  io.out(`1. validate: ${plural(v.errors, "error")}, ${plural(v.warnings, "warning")}.`);
  for (const i of v.issues) io.out(issueLine(i));
  if (!v.ok) return 1;
  const a: AssembleResult = assemble(loaded.grids);
  if (!a.ok || !a.plan) {
    for (const i of a.issues) io.out(issueLine(i));
    return 1;
  }
  applyToLoaded(loaded, a.plan);
  io.out(
    `2. assemble: blanket assembly orders ${a.created} created, ${a.kept} kept (customizations preserved), ${a.rebuilt} rebuilt, ${a.removed} removed.`
  );
  const orders = ordersWithCallOff(loaded.grids);
  if (!orders.length)
    io.out("3. make-order: no blanket order has a Qty. to Ship entered; nothing to call off.");
  for (const order of orders) {
    const m = makeOrder(loaded.grids, {
      blanketOrderNo: order,
      orderDate: (io.today ?? todaySerial)(),
    });
    if (!m.ok || !m.plan) {
      io.out(`3. make-order ${order}: refused.`);
      for (const i of m.issues) io.out(issueLine(i));
      return 1;
    }
    applyToLoaded(loaded, m.plan);
    io.out(`3. make-order ${order}: ${madeOrderText(order, m)}`);
    for (const i of m.issues) io.out(issueLine(i));
  }
  // The roll-up is shown, not written: the agreed prices stay the planner's decision.
  const first = orders[0] ?? blanketOrders(loaded.grids)[0]?.documentNo;
  const r = first ? rollUp(loaded.grids, { blanketOrderNo: first }) : undefined;
  if (r?.lines.length) {
    io.out(`4. roll-up ${first} (shown, not written; bao roll-up writes it):`);
    for (const l of rollUpTable(r.lines)) io.out(`  ${l}`);
  }
  await saveLoaded(loaded, out);
  io.out(`Result: ${path.resolve(out)}`);
  io.out(
    "Open it and look at the sheets Blanket Assembly Orders, Sales Orders, Assembly Orders and Document History (what each command did), and at Quantity Ordered / Remaining Quantity on Blanket Orders."
  );
  return 0;
}

/** Runs the CLI; never throws. */
export async function main(argv: string[], io: Io): Promise<number> {
  const json = argv.includes("--json");
  try {
    return await run(argv, io);
  } catch (err) {
    let message: string;
    if (err instanceof UsageError) message = `bao: ${err.message}\n${USAGE}`;
    else if (err instanceof FileError) message = `bao: ${err.message}`;
    else
      message = `bao: unexpected failure: ${(err instanceof Error ? err.message : String(err)).split("\n")[0]}`;
    const line = message.split("\n")[0];
    if (json) io.out(JSON.stringify({ ok: false, error: line.replace(/^bao: /, "") }));
    io.err(err instanceof UsageError ? message : line);
    return 2;
  }
}

if (require.main === module) {
  main(process.argv.slice(2), {
    out: (t) => process.stdout.write(t + "\n"),
    err: (t) => process.stderr.write(t + "\n"),
  }).then((code) => {
    process.exitCode = code;
  });
}

/**
 * npm run bench [-- --json] [-- --quick] [-- --long]
 *
 * Benchmarks, not timed tests: each workload runs several times in a child process of
 * its own (so peak memory is its own) and reports the median. Each engine figure stands
 * beside a floor measured in the same run: the bare cost of building as many row arrays.
 */
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { assemble, makeOrder, validate } from "../src/engine";
import { createOfficeSession } from "../src/hosts/excel/session";
import { SimulatedExcel, SimWorkbookState } from "../src/hosts/excel/simulator";
import { sampleGrids } from "../src/sample/sampleWorkbook";
import { applyPlan } from "../src/workbook/applyPlan";
import { sweep } from "./interruptions";
import { CellValue, WorkbookGrids } from "../src/workbook/grid";
import { BOM_LINES, blanketWorkbook } from "./workloads";

type Session = ReturnType<typeof createOfficeSession>;

export interface Result {
  name: string;
  rows?: number;
  ms?: number;
  floorMs?: number;
  peakRssMb?: number;
  syncs?: number;
  requestBytes?: number;
  responseBytes?: number;
  maxRequestBytes?: number;
  maxResponseBytes?: number;
  /** Request bytes of syncs that wrote. */
  writtenBytes?: number;
  /** ceil((request + response bytes) / 4 MB) + 2. */
  budget?: number;
  runs?: number;
  duplicates?: number;
  hiddenIncomplete?: number;
  notFinished?: number;
  note?: string;
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

function time(runs: number, fn: () => void): number {
  const ms: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    fn();
    ms.push(performance.now() - t);
  }
  return median(ms);
}

/** The bare cost of building `rows` arrays of `width` cells: what any engine must at least do. */
function floor(rows: number, width: number): number {
  let keep: CellValue[][] = [];
  const ms = time(3, () => {
    keep = new Array(rows);
    for (let i = 0; i < rows; i++) {
      const r: CellValue[] = new Array(width).fill(null);
      r[0] = "BA-0001";
      r[4] = i;
      keep[i] = r;
    }
  });
  return keep.length ? ms : ms;
}

function peakRssMb(): number {
  return Math.round(process.resourceUsage().maxRSS / 1024);
}

/** One workload, in this (child) process. */
async function runWorkload(name: string): Promise<Result[]> {
  const [kind, arg] = name.split(":");
  const n = Number(arg);
  switch (kind) {
    case "validate": {
      const g = blanketWorkbook(n);
      const ms = time(5, () => validate(g));
      // The workload's own peak, before the floor builds its arrays.
      const peak = peakRssMb();
      return [
        {
          name: `engine validate ${n} blanket lines`,
          rows: n,
          ms,
          floorMs: floor(n, 10),
          peakRssMb: peak,
        },
      ];
    }
    case "assemble": {
      const g = blanketWorkbook(n);
      const ms = time(n >= 50000 ? 3 : 5, () => assemble(g));
      const rows = n * BOM_LINES;
      const peak = peakRssMb();
      return [
        {
          name: `engine assemble ${n} blanket lines (${rows} assembly rows)`,
          rows,
          ms,
          floorMs: floor(rows, 17),
          peakRssMb: peak,
        },
      ];
    }
    case "makeorder": {
      const g = blanketWorkbook(n, n);
      const blanket = g.sheets[2].rows;
      for (let i = 1; i < blanket.length; i++) blanket[i][9] = 1;
      const ms = time(5, () => {
        const r = makeOrder(g, { blanketOrderNo: "BSO-000001", orderDate: 46402 });
        if (!r.ok) throw new Error("make order failed");
      });
      return [
        {
          name: `engine make order of a ${n}-line blanket order`,
          rows: n,
          ms,
          peakRssMb: peakRssMb(),
        },
      ];
    }
    case "office": {
      // A planner's day through the library, as the pane runs it: 5-component kits.
      const excel = new SimulatedExcel(SimWorkbookState.from(blanketWorkbook(n, 10, 5)));
      const session = createOfficeSession(excel, { today: "2027-01-15" });
      const ship = Object.fromEntries(Array.from({ length: 10 }, (_, i) => [(i + 1) * 10000, 1]));
      const steps: [string, () => Promise<{ ok: boolean }>][] = [
        ["validate (first command)", () => session.validate()],
        ["assemble", () => session.assemble()],
        ["assemble again, nothing to change", () => session.assemble()],
        [
          "make order of a 10-line blanket order",
          () => session.makeOrder({ order: "BSO-000002", ship }),
        ],
      ];
      const out: Result[] = [];
      for (const [step, run] of steps) {
        const from = excel.records.length;
        const t = performance.now();
        const r = await run();
        const ms = performance.now() - t;
        if (!r.ok) throw new Error(`${step} failed`);
        const traffic = excel.traffic(from);
        const written = excel.records
          .slice(from)
          .filter((x) => x.ops.some((o) => o.startsWith("set")))
          .reduce((sum, x) => sum + x.requestBytes, 0);
        out.push({
          name: `office ${step}, ${n} lines`,
          rows: n,
          ms,
          syncs: traffic.syncs,
          requestBytes: traffic.requestBytes,
          responseBytes: traffic.responseBytes,
          maxRequestBytes: traffic.maxRequest,
          maxResponseBytes: traffic.maxResponse,
          writtenBytes: written,
          budget: Math.ceil((traffic.requestBytes + traffic.responseBytes) / 4_000_000) + 2,
        });
      }
      return out;
    }
    case "interrupt": {
      // A failure at every sync, for maxRequestBytes from one row per sync to the default.
      // At 10,000 lines the workbook is assembled already, with 10 lines agreed since:
      // assemble makes their 10 orders, Make Order calls off one 10-line blanket order.
      const sample = arg === "sample";
      let grids = sample ? sampleGrids() : blanketWorkbook(n, 10, 5);
      const order = sample ? "BSO-1001" : "BSO-000002";
      if (!sample) {
        grids = applyPlan(grids, { writes: assemble(grids).plan!.writes });
        const rows = grids.sheets.find((x) => x.name === "Blanket Orders")!.rows;
        for (let i = 1; i <= 10; i++) rows[10 + i][9] = 1; // BSO-000002's Qty. to Ship
        for (let i = 0; i < 10; i++)
          rows.push([
            "BSO-999999",
            "C10000",
            "Customer",
            (i + 1) * 10000,
            "Item",
            "KIT",
            5,
            250,
            46447,
            null,
            0,
            5,
          ]);
      }
      const out: Result[] = [];
      for (const maxRequestBytes of [1, 50_000, undefined]) {
        for (const [what, command] of [
          ["make order", (s: Session) => s.makeOrder({ order })],
          [
            "make order, retried with its attempt",
            (s: Session) => s.makeOrder({ order, ship: { 10000: 1, 20000: 1 }, attemptId: "a" }),
          ],
          ["assemble", (s: Session) => s.assemble()],
        ] as const) {
          const r = await sweep({ name: what, grids, command, maxRequestBytes });
          out.push({
            name: `interrupted ${what}, ${sample ? "sample" : `${n} lines`}, maxRequestBytes ${maxRequestBytes ?? "default"}`,
            runs: r.runs,
            syncs: r.syncs,
            duplicates: r.duplicates,
            hiddenIncomplete: r.hiddenIncomplete,
            notFinished: r.notFinished,
            note: r.examples.join("; ") || undefined,
          });
        }
      }
      return out;
    }
    default:
      throw new Error(`unknown workload ${name}`);
  }
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const child = args.indexOf("--child");
  if (child >= 0) {
    const results = await runWorkload(args[child + 1]);
    process.stdout.write(JSON.stringify(results));
    return;
  }
  const json = args.includes("--json");
  const quick = args.includes("--quick");
  const workloads = quick
    ? [
        "validate:1000",
        "validate:10000",
        "assemble:1000",
        "assemble:10000",
        "makeorder:1000",
        "office:1000",
        "interrupt:sample",
      ]
    : [
        "validate:1000",
        "validate:10000",
        "validate:50000",
        "validate:100000",
        "assemble:1000",
        "assemble:10000",
        "assemble:50000",
        "makeorder:1000",
        "office:1000",
        "office:10000",
        "office:50000",
        "interrupt:sample",
        // 40 minutes on a 2-core machine: only with --long.
        ...(args.includes("--long") ? ["interrupt:10000"] : []),
      ];
  const results: Result[] = [];
  for (const w of workloads) {
    const out = execFileSync(process.execPath, [__filename, "--child", w], {
      encoding: "utf8",
      maxBuffer: 1 << 26,
    });
    const rs = JSON.parse(out) as Result[];
    results.push(...rs);
    if (!json) for (const r of rs) process.stderr.write(`${r.name}: ${describe(r)}\n`);
  }
  const { cliResults } = await import("./cli");
  for (const r of await cliResults(quick)) {
    results.push(r);
    if (!json) process.stderr.write(`${r.name}: ${describe(r)}\n`);
  }
  const machine = `${os.cpus().length} x ${os.cpus()[0]?.model ?? "cpu"}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, node ${process.version}`;
  if (json) process.stdout.write(JSON.stringify({ machine, results }, null, 2) + "\n");
  else {
    process.stdout.write(`\nmachine: ${machine}\n`);
    process.stdout.write(table(results));
  }
  fs.mkdirSync(path.join(__dirname, "..", "..", "test-results"), { recursive: true });
}

function describe(r: Result): string {
  const parts: string[] = [];
  if (r.ms !== undefined) parts.push(`${r.ms.toFixed(1)} ms`);
  if (r.floorMs !== undefined)
    parts.push(`floor ${r.floorMs.toFixed(1)} ms (x${(r.ms! / r.floorMs).toFixed(1)})`);
  if (r.peakRssMb !== undefined) parts.push(`peak ${r.peakRssMb} MB`);
  if (r.syncs !== undefined)
    parts.push(`${r.syncs} syncs${r.budget !== undefined ? ` (budget ${r.budget})` : ""}`);
  if (r.requestBytes !== undefined)
    parts.push(`requests ${mb(r.requestBytes)}, responses ${mb(r.responseBytes ?? 0)}`);
  if (r.maxRequestBytes !== undefined) parts.push(`max request ${mb(r.maxRequestBytes)}`);
  if (r.maxResponseBytes !== undefined) parts.push(`max response ${mb(r.maxResponseBytes)}`);
  if (r.writtenBytes !== undefined) parts.push(`written ${mb(r.writtenBytes)}`);
  if (r.runs !== undefined)
    parts.push(
      `${r.runs} interrupted runs: ${r.duplicates} duplicate orders, ${r.hiddenIncomplete} incomplete with validate clean, ${r.notFinished} not finished by the retry`
    );
  if (r.note) parts.push(r.note);
  return parts.join(", ");
}

const mb = (bytes: number): string => `${(bytes / 1e6).toFixed(3)} MB`;

function table(results: Result[]): string {
  return results.map((r) => `| ${r.name} | ${describe(r)} |`).join("\n") + "\n";
}

main().catch((err: Error) => {
  process.stderr.write(`bench: ${err.message}\n`);
  process.exitCode = 1;
});

export { WorkbookGrids };

/**
 * npm run bench [-- --json] [-- --quick]
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
import { ExcelHost } from "../src/hosts/excel/excelHost";
import { CellValue, WorkbookGrids } from "../src/workbook/grid";
import { BOM_LINES, blanketWorkbook } from "./workloads";
import { FakeContext, FakeWorkbookState } from "../src/hosts/excel/simulator";

export interface Result {
  name: string;
  rows?: number;
  ms?: number;
  floorMs?: number;
  peakRssMb?: number;
  syncs?: number;
  maxRequestBytes?: number;
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
      return [
        {
          name: `engine validate ${n} blanket lines`,
          rows: n,
          ms,
          floorMs: floor(n, 10),
          peakRssMb: peakRssMb(),
        },
      ];
    }
    case "assemble": {
      const g = blanketWorkbook(n);
      const ms = time(n >= 50000 ? 3 : 5, () => assemble(g));
      const rows = n * BOM_LINES;
      return [
        {
          name: `engine assemble ${n} blanket lines (${rows} assembly rows)`,
          rows,
          ms,
          floorMs: floor(rows, 17),
          peakRssMb: peakRssMb(),
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
    case "host": {
      const g = blanketWorkbook(n);
      const ctx = new FakeContext(FakeWorkbookState.from(g));
      const host = new ExcelHost(ctx, { canSuspendCalculation: true });
      const t = performance.now();
      const read = await host.read();
      const readSyncs = ctx.syncs.length;
      const r = assemble(read.grids);
      const applySyncs = await host.apply(r.plan!);
      const ms = performance.now() - t;
      const writes = ctx.syncs.slice(readSyncs);
      const bytes = writes.reduce((s, w) => s + w.requestBytes, 0);
      // The next command, knowing the sheets, reads in one sync.
      const next = new FakeContext(ctx.state);
      await new ExcelHost(next, {
        knownSheets: host.sheetNames(),
        knownCells: host.approxCells(),
      }).read();
      return [
        {
          name: `office.js host read, next command (sheets known), ${n} blanket lines`,
          rows: n,
          syncs: next.syncs.length,
          maxRequestBytes: Math.max(...next.syncs.map((s) => s.responseBytes)),
        },
        {
          name: `office.js host read, ${n} blanket lines`,
          rows: n,
          syncs: readSyncs,
          maxRequestBytes: Math.max(...ctx.syncs.slice(0, readSyncs).map((s) => s.responseBytes)),
        },
        {
          name: `office.js host assemble write, ${n * BOM_LINES} assembly rows`,
          rows: n * BOM_LINES,
          ms,
          syncs: applySyncs,
          maxRequestBytes: Math.max(...writes.map((w) => w.requestBytes)),
          note: `ceil(bytes / block) = ${Math.ceil(bytes / 4_000_000)}`,
        },
      ];
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
        "host:1000",
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
        "host:1000",
        "host:10000",
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
  if (r.syncs !== undefined) parts.push(`${r.syncs} syncs`);
  if (r.maxRequestBytes !== undefined)
    parts.push(`max request ${(r.maxRequestBytes / 1e6).toFixed(2)} MB`);
  if (r.note) parts.push(r.note);
  return parts.join(", ");
}

function table(results: Result[]): string {
  return results.map((r) => `| ${r.name} | ${describe(r)} |`).join("\n") + "\n";
}

main().catch((err: Error) => {
  process.stderr.write(`bench: ${err.message}\n`);
  process.exitCode = 1;
});

export { WorkbookGrids };

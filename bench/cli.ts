/**
 * The CLI, each command in a fresh process: `bao validate` of the sample (the whole
 * process, node's start included); `bao assemble` of 5,000 blanket lines x 20 components
 * (100,000 assembly rows) beside its floor, exceljs alone reading and writing the result;
 * and the planner's workbook with a full Blanket Orders sheet (bench/fullSheet.ts):
 * validate, and make-order in place, with the parts it changed.
 */
import { execFileSync, spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { unzipSync } from "fflate";
import { gridsToXlsx } from "../src/hosts/xlsx/xlsxFile";
import { writeFullSheetWorkbook } from "./fullSheet";
import { BOM_LINES, blanketWorkbook } from "./workloads";
import type { Result } from "./run";

const root = path.join(__dirname, "..", "..");

/** Runs `script` in a fresh node process; it prints its own peak memory when done. */
function timeProcess(script: string, runs: number): { ms: number; peakRssMb: number } {
  const ms: number[] = [];
  let peak = 0;
  const wrapped = `(async()=>{${script}})().then(()=>process.stdout.write("\\nPEAK "+process.resourceUsage().maxRSS))`;
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    const out = execFileSync(process.execPath, ["-e", wrapped], {
      encoding: "utf8",
      maxBuffer: 1 << 24,
    });
    ms.push(performance.now() - t);
    const m = /PEAK (\d+)/.exec(out);
    if (!m) throw new Error(`no result from: ${out.slice(0, 300)}`);
    peak = Math.max(peak, Number(m[1]) / 1024);
  }
  ms.sort((a, b) => a - b);
  return { ms: ms[Math.floor(ms.length / 2)], peakRssMb: Math.round(peak) };
}

/** A whole command in a fresh process, node's start included: median wall time of `runs`. */
function timeCommand(argv: string[], runs: number): { ms: number; peakRssMb: number } {
  const ms: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    const r = spawnSync(process.execPath, argv, { encoding: "utf8" });
    ms.push(performance.now() - t);
    if (r.status !== 0) throw new Error(`${argv.join(" ")}: exit ${r.status} ${r.stderr}`);
  }
  // Peak memory of one more run, reported by the process itself.
  const probe = spawnSync(
    process.execPath,
    [
      "-e",
      `process.argv.splice(1,0,"bao");process.on("exit",()=>process.stderr.write("PEAK "+process.resourceUsage().maxRSS));require(${JSON.stringify(argv[0])})`,
      ...argv.slice(1),
    ],
    { encoding: "utf8" }
  );
  const m = /PEAK (\d+)/.exec(probe.stderr);
  ms.sort((a, b) => a - b);
  return { ms: ms[Math.floor(ms.length / 2)], peakRssMb: m ? Math.round(Number(m[1]) / 1024) : 0 };
}

/** The parts of two packages that differ (by content), and those only in the first. */
function changedParts(before: string, after: string): { changed: string[]; gone: string[] } {
  const a = unzipSync(fs.readFileSync(before));
  const b = unzipSync(fs.readFileSync(after));
  const changed = Object.keys(a).filter((n) => b[n] && Buffer.compare(a[n], b[n]) !== 0);
  return { changed, gone: Object.keys(a).filter((n) => !b[n]) };
}

export async function cliResults(quick: boolean): Promise<Result[]> {
  const lines = quick ? 1000 : 5000;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "bao-bench-"));
  const cliMain = path.join(root, "lib", "src", "cli", "bao.js");
  const run = (argv: string[], runs: number): { ms: number; peakRssMb: number } =>
    timeProcess(
      `const c=await require(${JSON.stringify(cliMain)}).main(${JSON.stringify(argv)},{out(){},err(t){process.stderr.write(t+"\\n")}});if(c)throw new Error("exit "+c);`,
      runs
    );
  try {
    const results: Result[] = [];
    // The whole process on the sample, as a person runs it: node's start included.
    const sample = path.join(root, "samples", "blanket-orders.xlsx");
    const started = timeCommand([path.join(root, "bin", "bao.js"), "validate", sample], 9);
    results.push({ name: "bao validate, the sample workbook (whole process)", ...started });

    const input = path.join(dir, "input.xlsx");
    fs.writeFileSync(input, await gridsToXlsx(blanketWorkbook(lines)));
    const output = path.join(dir, "output.xlsx");
    const runs = quick ? 1 : 3;
    const cli = run(["assemble", input, "-o", output], runs);
    const floorScript = `const E=require(${JSON.stringify(require.resolve("exceljs"))});const w=new E.Workbook();await w.xlsx.readFile(${JSON.stringify(output)});await w.xlsx.writeFile(${JSON.stringify(path.join(dir, "floor.xlsx"))});`;
    const floor = timeProcess(floorScript, runs);
    const rows = lines * BOM_LINES;
    results.push({
      name: `bao assemble, ${lines} blanket lines (${rows} assembly rows)`,
      rows,
      ms: cli.ms,
      floorMs: floor.ms,
      peakRssMb: cli.peakRssMb,
      note: `floor: exceljs alone reading and writing the result (${floor.peakRssMb} MB peak)`,
    });
    if (!quick) {
      // Three runs each, the median: this shared machine's speed moves by half within minutes.
      const big = path.join(dir, "full-sheet.xlsx");
      const blanketLines = writeFullSheetWorkbook(big);
      const v = run(["validate", big], 3);
      results.push({
        name: `bao validate, the planner's workbook with a full sheet (${blanketLines} blanket lines), median of 3`,
        rows: blanketLines,
        ...v,
      });
      const copy = path.join(dir, "full-sheet-in-place.xlsx");
      const inPlace: { ms: number; peakRssMb: number }[] = [];
      for (let i = 0; i < 3; i++) {
        fs.copyFileSync(big, copy);
        inPlace.push(run(["make-order", copy, "--order", "BSO-1001", "--date", "2027-01-15"], 1));
      }
      const { changed, gone } = changedParts(big, copy);
      results.push({
        name: `bao make-order in place on it, median of 3`,
        rows: blanketLines,
        ms: inPlace.map((r) => r.ms).sort((a, b) => a - b)[1],
        peakRssMb: Math.max(...inPlace.map((r) => r.peakRssMb)),
        note: `runs ${inPlace.map((r) => (r.ms / 1000).toFixed(1)).join(", ")} s; parts changed: ${changed.sort().join(", ")}; removed: ${gone.join(", ") || "none"}`,
      });
    }
    return results;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

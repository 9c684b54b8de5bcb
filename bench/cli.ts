/**
 * The CLI against its floor: `bao assemble` of 5,000 blanket lines x 20 components
 * (100,000 assembly rows), beside exceljs's ordinary API alone reading and writing the
 * resulting workbook, each in a fresh process, medians of several runs.
 */
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { applyPlanToWorkbook, newWorkbook, saveWorkbook } from "../src/hosts/xlsx/xlsxHost";
import { gridsAsTables } from "../src/sample/sampleWorkbook";
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

export async function cliResults(quick: boolean): Promise<Result[]> {
  const lines = quick ? 1000 : 5000;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "bao-bench-"));
  try {
    const input = path.join(dir, "input.xlsx");
    const wb = newWorkbook();
    applyPlanToWorkbook(wb, gridsAsTables(blanketWorkbook(lines)));
    await saveWorkbook(wb, input);
    const output = path.join(dir, "output.xlsx");
    const runs = quick ? 1 : 3;
    const cliMain = path.join(root, "lib", "src", "cli", "bao.js");
    const io = "{out(){},err(t){process.stderr.write(t+'\\n')}}";
    const cli = timeProcess(
      `const c=await require(${JSON.stringify(cliMain)}).main(["assemble",${JSON.stringify(input)},"-o",${JSON.stringify(output)}],${io});if(c)throw new Error("exit "+c);`,
      runs
    );
    const floorScript = `const E=require(${JSON.stringify(require.resolve("exceljs"))});const w=new E.Workbook();await w.xlsx.readFile(${JSON.stringify(output)});await w.xlsx.writeFile(${JSON.stringify(path.join(dir, "floor.xlsx"))});`;
    const floor = timeProcess(floorScript, runs);
    const rows = lines * BOM_LINES;
    return [
      {
        name: `bao assemble, ${lines} blanket lines (${rows} assembly rows)`,
        rows,
        ms: cli.ms,
        floorMs: floor.ms,
        peakRssMb: cli.peakRssMb,
        note: `exceljs read+write alone: ${floor.peakRssMb} MB peak`,
      },
    ];
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

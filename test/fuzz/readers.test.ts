/**
 * Damaged input: every case ends in located issues or a one-line exit-2 error, in bounded
 * time; never a crash, a hang, a stack trace or a partial file.
 */
import * as fs from "fs";
import * as path from "path";
import { awkwardCases, damagedCorpus } from "./corpus";
import { bao, tempDir } from "../cli/xlsx";

const CASES = Number(process.env.FUZZ_CASES ?? 24);
const SEED = Number(process.env.FUZZ_SEED ?? 20261126);
const CASE_BUDGET_MS = 20_000;

let dir: string;
beforeAll(() => {
  dir = tempDir();
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

async function check(name: string, bytes: Buffer): Promise<void> {
  const file = path.join(dir, "case.xlsx");
  fs.writeFileSync(file, bytes);
  const start = Date.now();
  for (const command of [
    ["validate", file, "--json"],
    ["assemble", file, "-o", path.join(dir, "out.xlsx"), "--json"],
  ]) {
    fs.rmSync(path.join(dir, "out.xlsx"), { force: true });
    const r = await bao(...command);
    const where = `${name}: ${command[0]}`;
    expect({ where, code: [0, 1, 2].includes(r.code) }).toEqual({ where, code: true });
    expect(r.err).not.toMatch(/\n\s+at /);
    if (r.code === 2) {
      expect({ where, lines: r.err.split("\n").length }).toEqual({ where, lines: 1 });
      expect(r.err).toMatch(/^bao: .*case\.xlsx/);
      expect(fs.existsSync(path.join(dir, "out.xlsx"))).toBe(false);
    } else {
      const json = JSON.parse(r.out);
      for (const i of json.issues) {
        expect(i.code).toMatch(/^[A-Z_]+$/);
        expect(i.cell).toMatch(/^[A-Z]+[1-9]\d*$/);
        expect(i.sheet.length).toBeGreaterThan(0);
      }
      // Nothing written by assemble unless it succeeded; no temporary files left behind.
      if (command[0] === "assemble" && r.code === 1)
        expect(fs.existsSync(path.join(dir, "out.xlsx"))).toBe(false);
    }
    expect(fs.readdirSync(dir).filter((f) => f.startsWith(".bao-tmp"))).toEqual([]);
  }
  expect(Date.now() - start).toBeLessThan(CASE_BUDGET_MS);
}

test("awkward but valid packages: located issues, never a crash", async () => {
  for (const c of await awkwardCases()) await check(c.name, c.bytes);
});

test(`damaged packages (${CASES} cases, seed ${SEED}): one-line exit-2 errors or located issues`, async () => {
  for (const c of await damagedCorpus(SEED, CASES)) await check(c.name, c.bytes);
});

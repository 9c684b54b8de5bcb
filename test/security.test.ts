/** Security hygiene of the code that runs in the browser and in Excel. */
import * as fs from "fs";
import * as path from "path";
import { officeErrorMessage } from "../src/hosts/excel/officeErrors";

const src = path.join(__dirname, "..", "src");

function files(dir: string): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? files(path.join(dir, e.name)) : [path.join(dir, e.name)]));
}

// The CLI's own folders may use the file system; nothing here may reach the network.
const browserCode = files(src).filter(
  (f) =>
    /\.(ts|tsx)$/.test(f) &&
    !f.includes(`${path.sep}cli${path.sep}`) &&
    !f.endsWith("server.ts") &&
    !f.includes(`hosts${path.sep}xlsx${path.sep}xlsxHost`)
);

test.each([
  ["eval", /\beval\s*\(/],
  ["new Function", /new\s+Function\s*\(/],
  ["dangerouslySetInnerHTML", /dangerouslySetInnerHTML/],
  ["innerHTML", /\.innerHTML\s*=/],
  ["fetch", /\bfetch\s*\(/],
  ["XMLHttpRequest", /XMLHttpRequest/],
  ["WebSocket", /WebSocket/],
  ["sendBeacon", /sendBeacon/],
])("no %s in code that runs in the pane", (_name, pattern) => {
  expect(browserCode.length).toBeGreaterThan(20);
  const hits = browserCode.filter((f) => pattern.test(fs.readFileSync(f, "utf8")));
  expect(hits).toEqual([]);
});

test("user-facing messages never come from Office's error.message, whatever the code", () => {
  for (const code of ["AccessDenied", "GeneralException", "SomethingNew", undefined]) {
    const error = Object.assign(new Error("RichApi.Error: <b>internal</b> 0x800A03EC at line 7"), {
      code,
    });
    const text = officeErrorMessage(error);
    expect(text).not.toMatch(/RichApi|internal|0x800A03EC/);
    expect(text).toMatch(/\.$/);
  }
});

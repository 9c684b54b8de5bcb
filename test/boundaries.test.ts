/** The lint rules that keep the layers apart catch what they are for (docs/architecture.md). */
import * as path from "path";
import { ESLint } from "eslint";

// The project's own config, handed over directly (ESLint would load it with a dynamic import).
const config = require("../eslint.config.js");
const eslint = new ESLint({
  cwd: path.join(__dirname, ".."),
  overrideConfigFile: true,
  overrideConfig: config,
});

async function problems(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(__dirname, "..", file) });
  return result.messages.map((m) => m.ruleId ?? m.message);
}

test.each([
  ["src/domain/x.ts", 'import { readWorkbook } from "../workbook/reading";\nvoid readWorkbook;\n'],
  ["src/domain/x.ts", 'import { ExcelHost } from "../hosts/excel/excelHost";\nvoid ExcelHost;\n'],
  ["src/domain/x.ts", 'import * as React from "react";\nvoid React;\n'],
  ["src/domain/x.ts", 'import * as fs from "fs";\nvoid fs;\n'],
  [
    "src/workbook/x.ts",
    'import { MemoryWorkbookHost } from "../hosts/memory/memoryHost";\nvoid MemoryWorkbookHost;\n',
  ],
  ["src/workbook/x.ts", 'import { validate } from "../engine";\nvoid validate;\n'],
  ["src/engine.ts", 'import { workbook } from "../test/builders";\nvoid workbook;\n'],
  ["src/hosts/xlsx/x.ts", 'import ExcelJS from "exceljs";\nvoid ExcelJS;\n'],
  ["src/playground/x.ts", 'import JSZip from "jszip";\nvoid JSZip;\n'],
  ["src/workbook/x.ts", 'import { unzipSync } from "fflate";\nvoid unzipSync;\n'],
])("%s may not import outward: %s", async (file, code) => {
  expect(await problems(file, code)).toContain("no-restricted-imports");
});

test("the .xlsx package layer uses fflate", async () => {
  const code = 'import { unzipSync } from "fflate";\nvoid unzipSync;\n';
  expect(await problems("src/hosts/xlsx/package/x.ts", code)).toEqual([]);
});

test("the domain imports its own modules, the workbook layer the domain", async () => {
  expect(await problems("src/domain/x.ts", 'import { key } from "./model";\nvoid key;\n')).toEqual(
    []
  );
  expect(
    await problems("src/workbook/x.ts", 'import { key } from "../domain/model";\nvoid key;\n')
  ).toEqual([]);
});

test("Office.js only under src/hosts/excel", async () => {
  const code = "export const ready = () => Office.onReady();\n";
  expect(await problems("src/taskpane/x.ts", code)).toContain("no-restricted-globals");
  expect(await problems("src/engine.ts", "export const n = Excel.run;\n")).toContain(
    "no-restricted-globals"
  );
  expect(await problems("src/hosts/excel/x.ts", code)).toEqual([]);
});

test("React hooks rules apply to the pane", async () => {
  const code = [
    'import * as React from "react";',
    "export function Pane({ on }: { on: boolean }): React.JSX.Element {",
    "  if (on) React.useState(0);",
    "  return <div />;",
    "}",
    "",
  ].join("\n");
  expect(await problems("src/taskpane/components/X.tsx", code)).toContain(
    "react-hooks/rules-of-hooks"
  );
});

/** The product's own docs agree with its code and link only inside the repository. */
import * as fs from "fs";
import * as path from "path";
import { ISSUE_SEVERITY } from "../src/domain/issues";

const root = path.join(__dirname, "..");
const read = (file: string): string => fs.readFileSync(path.join(root, file), "utf8");
const rules = read("docs/rules.md");

/** Rows of the codes table: code, severity, modules. */
function codeRows(): { code: string; severity: string; modules: string[] }[] {
  return rules
    .split("\n")
    .map((line) => /^\|\s*`([A-Z_]+)`\s*\|\s*(error|warning)\s*\|.*\|\s*([^|]+?)\s*\|$/.exec(line))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => ({ code: m[1], severity: m[2], modules: m[3].split(",").map((s) => s.trim()) }));
}

test("every issue code is in the rules document with its severity, and the document has no other", () => {
  const documented = Object.fromEntries(codeRows().map((r) => [r.code, r.severity]));
  expect(documented).toEqual({ ...ISSUE_SEVERITY });
});

test("each code names the modules that raise it, and they do", () => {
  for (const row of codeRows()) {
    for (const module of row.modules) {
      const source = read(path.join("src", module));
      expect({ code: row.code, module, raised: source.includes(`"${row.code}"`) }).toEqual({
        code: row.code,
        module,
        raised: true,
      });
    }
  }
});

test("each code has one example message", () => {
  for (const code of Object.keys(ISSUE_SEVERITY))
    expect({ code, examples: rules.split(`\n- \`${code}\`: `).length - 1 }).toEqual({
      code,
      examples: 1,
    });
});

test("README and docs link only inside the repository, to files that exist", () => {
  const files = ["README.md", ...fs.readdirSync(path.join(root, "docs")).map((f) => `docs/${f}`)];
  for (const file of files) {
    const text = read(file);
    expect({ file, outside: /\.\.\/shared|spec\//.test(text) }).toEqual({ file, outside: false });
    for (const [, target] of text.matchAll(/\]\(([^)#]+)(#[^)]*)?\)/g)) {
      if (/^https?:/.test(target)) continue;
      const resolved = path.join(root, path.dirname(file), target);
      expect({ file, target, exists: fs.existsSync(resolved) }).toEqual({
        file,
        target,
        exists: true,
      });
    }
  }
});

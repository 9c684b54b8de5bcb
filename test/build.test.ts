/** What `npm run build` produced (npm test runs the build first). */
import * as fs from "fs";
import * as path from "path";

const dist = path.join(__dirname, "..", "dist");
const read = (f: string): string => fs.readFileSync(path.join(dist, f), "utf8");

beforeAll(() => {
  if (!fs.existsSync(path.join(dist, "taskpane.html")))
    throw new Error("dist/ is missing: run npm run build (npm test does)");
});

test("taskpane.html loads office.js from Microsoft's CDN, then the pane's own script", () => {
  const html = read("taskpane.html");
  // The minifier drops attribute quotes.
  expect(html).toMatch(/src="?https:\/\/appsforoffice\.microsoft\.com\/lib\/1\/hosted\/office\.js/);
  const script = /src="?(taskpane\.[0-9a-f]{8}\.js)/.exec(html);
  expect(script).not.toBeNull();
  expect(fs.existsSync(path.join(dist, script![1]))).toBe(true);
});

test("commands.html and the assets are there", () => {
  expect(read("commands.html")).toMatch(/commands\.[0-9a-f]{8}\.js/);
  for (const size of [16, 32, 64, 80])
    expect(fs.existsSync(path.join(dist, "assets", `icon-${size}.png`))).toBe(true);
});

test("the built manifest points at the production URL, not localhost", () => {
  const manifest = read("manifest.xml");
  expect(manifest).not.toMatch(/https:\/\/localhost:3000\//);
  const expected = process.env.ADDIN_URL || "https://blanket-assembly-orders.example.com/";
  expect(manifest).toContain(`${expected}taskpane.html`);
  expect(manifest).toContain(`${expected}assets/icon-32.png`);
});

test("the pages carry a Content-Security-Policy: own scripts and office.js only, no eval", () => {
  for (const page of ["taskpane.html", "commands.html", "playground.html"]) {
    const csp = /Content-Security-Policy"?\s+content="([^"]+)"/.exec(read(page));
    expect(csp).not.toBeNull();
    const scriptSrc = /script-src ([^;]+)/.exec(csp![1])![1].trim().split(/\s+/);
    expect(scriptSrc[0]).toBe("'self'");
    for (const source of scriptSrc.slice(1))
      expect(source).toBe("https://appsforoffice.microsoft.com");
    expect(csp![1]).not.toMatch(/unsafe-eval/);
    expect(csp![1]).toMatch(/object-src 'none'/);
  }
});

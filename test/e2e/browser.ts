/** Chromium through playwright-core, the built add-in served on 127.0.0.1, screenshots and axe checks. */
import * as fs from "fs";
import * as path from "path";
import { Browser, chromium, Page } from "playwright-core";
import { RunningServer, startServer } from "../../src/playground/server";

export const RESULTS = path.join(__dirname, "..", "..", "test-results");
const AXE = fs.readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");
const OFFICE_JS = path.join(
  __dirname,
  "..",
  "..",
  "node_modules",
  "@microsoft",
  "office-js",
  "dist"
);

export interface Session {
  browser: Browser;
  server: RunningServer;
  page: Page;
  errors: string[];
}

export async function open(): Promise<Session> {
  const server = await startServer();
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH || "/usr/bin/chromium",
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
    ],
  });
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  const errors: string[] = [];
  page.on("console", (m) => {
    if (m.type() === "error") errors.push(m.text());
  });
  page.on("pageerror", (e) => errors.push(String(e)));
  // No network here: Microsoft's CDN copy of office.js is served from @microsoft/office-js.
  await page.route("https://appsforoffice.microsoft.com/lib/1/hosted/**", (route) => {
    const file = path.join(OFFICE_JS, path.basename(new URL(route.request().url()).pathname));
    return fs.existsSync(file)
      ? route.fulfill({ path: file, contentType: "text/javascript" })
      : route.fulfill({ status: 404, body: "" });
  });
  fs.mkdirSync(RESULTS, { recursive: true });
  return { browser, server, page, errors };
}

export async function close(s: Session | undefined): Promise<void> {
  await s?.browser.close();
  await s?.server.close();
}

export async function shot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: path.join(RESULTS, `${name}.png`), fullPage: false });
}

/** axe-core on the page as it is: serious and critical violations, described. */
export async function seriousViolations(page: Page): Promise<string[]> {
  // A dialog fading in or out shows its text at part opacity, which axe reads as low
  // contrast: let every animation that ends (not a spinner's) end first.
  await page.evaluate(() =>
    Promise.all(
      document
        .getAnimations()
        .filter((a) => a.effect?.getComputedTiming().iterations !== Infinity)
        .map((a) => a.finished.catch(() => undefined))
    )
  );
  // Through the debugging protocol, not a <script> tag, so the page's CSP stays on.
  await page.evaluate(AXE);
  const violations = await page.evaluate(async () => {
    const axe = (
      window as unknown as {
        axe: {
          run(context: unknown): Promise<{
            violations: { id: string; impact: string; nodes: { target: string[] }[] }[];
          }>;
        };
      }
    ).axe;
    // Fluent UI's focus manager (tabster) adds invisible <i data-tabster-dummy> elements that
    // pass focus on at once; they are focusable on purpose, so axe's aria-hidden-focus
    // rule does not apply to them.
    return (await axe.run({ exclude: [["[data-tabster-dummy]"]] })).violations;
  });
  return violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map(
      (v) =>
        `${v.impact} ${v.id}: ${v.nodes
          .slice(0, 3)
          .map((n) => n.target.join(" "))
          .join(", ")}`
    );
}

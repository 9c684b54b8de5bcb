/**
 * The whole process by clicking, in real Chromium: the playground with the sample
 * workbook, the real task pane, and axe-core on every step.
 */
import * as fs from "fs";
import * as path from "path";
import { Page } from "playwright-core";
import { close, open, RESULTS, seriousViolations, Session, shot } from "./browser";

let s: Session;
let page: Page;
const timings: Record<string, number> = {};

beforeAll(async () => {
  s = await open();
  page = s.page;
});
afterAll(async () => {
  fs.writeFileSync(path.join(RESULTS, "timings.json"), JSON.stringify(timings, null, 2));
  await close(s);
});

const pane = () => page.getByLabel("Task pane");
const grid = () => page.getByRole("grid");
const cell = (ref: string) => page.locator(`td[data-cell="${ref}"]`);

async function sheet(name: string): Promise<void> {
  await page
    .getByRole("tablist", { name: "Sheets" })
    .getByRole("tab", { name, exact: true })
    .click();
}

/** Column letter of a header on the shown sheet. */
async function columnOf(header: string): Promise<string> {
  const ref = await page
    .locator("td[data-cell$='1']", { hasText: new RegExp(`^${header.replace(/[.]/g, "\\.")}$`) })
    .first()
    .getAttribute("data-cell");
  return ref!.replace(/\d+$/, "");
}

async function typeInto(ref: string, text: string): Promise<void> {
  await cell(ref).dblclick();
  const input = page.getByLabel(`Edit ${ref}`);
  await input.fill(text);
  await input.press("Enter");
}

async function step(name: string): Promise<void> {
  // Dialogs animate out: check the page once they are gone (or open, when the step shows one).
  if (!name.includes("confirm")) {
    await page.getByRole("dialog").waitFor({ state: "detached" });
    await page.waitForFunction(() => !document.querySelector("[aria-hidden='true']#container"));
  }
  await shot(page, name);
  expect({ step: name, violations: await seriousViolations(page) }).toEqual({
    step: name,
    violations: [],
  });
}

async function paneTab(name: string): Promise<void> {
  await pane().getByRole("tab", { name }).click();
}

test("the sample loads and the pane is interactive", async () => {
  const start = Date.now();
  await page.goto(`${s.server.url}playground.html`);
  await pane().getByRole("button", { name: "Validate" }).waitFor();
  timings.playgroundInteractiveMs = Date.now() - start;
  await page.getByText("Sample workbook loaded.", { exact: true }).waitFor();
  await step("01-sample-loaded");
});

test("Validate shows no errors on the sample, and warns of the line not assembled yet", async () => {
  await pane().getByRole("button", { name: "Validate" }).click();
  await pane().getByText("No errors; 2 warnings.", { exact: true }).waitFor();
  await pane()
    .getByText(
      /BSO-1003 line 30000 assembles KIT-DESK to order but has no blanket assembly order yet/
    )
    .waitFor();
  await step("02-validate-clean");
});

test("a partial Qty. to Assemble to Order is ATO_PARTIAL on that cell, and Fix clears it", async () => {
  await sheet("Blanket Orders");
  const col = await columnOf("Qty. to Assemble to Order");
  await typeInto(`${col}2`, "60");
  await pane().getByRole("button", { name: "Validate" }).click();
  const link = pane().getByRole("button", { name: `Select cell ${col}2 on Blanket Orders` });
  await link.waitFor();
  await expect(
    pane()
      .getByText(/Qty\. to Assemble to Order is 60, but must be 0 or 120/)
      .isVisible()
  ).resolves.toBe(true);
  await step("03-ato-partial");
  await link.click();
  await expect(cell(`${col}2`).getAttribute("aria-selected")).resolves.toBe("true");
  await pane()
    .getByRole("button", { name: `Fix ${col}2: assemble the full quantity` })
    .click();
  await page.getByRole("dialog").getByRole("button", { name: "Set to full quantity" }).click();
  await pane().getByRole("note", { name: "Fixed" }).waitFor();
  await pane().getByText("No errors; 2 warnings.", { exact: true }).waitFor();
  await expect(cell(`${col}2`).textContent()).resolves.toBe("120");
  await step("04-fixed");
});

test("Assemble creates the missing blanket assembly order", async () => {
  await paneTab("Assemble");
  await pane().getByRole("button", { name: "Assemble", exact: true }).click();
  await pane().getByText("1 created, 6 kept, 0 rebuilt, 0 removed.", { exact: true }).waitFor();
  await step("05-assembled");
});

test("an edited Quantity per survives a second Assemble", async () => {
  await sheet("Blanket Assembly Orders");
  const qtyPer = await columnOf("Quantity per");
  const qty = await columnOf("Quantity");
  await typeInto(`${qtyPer}2`, "1.5");
  await paneTab("Validate");
  await paneTab("Assemble");
  await pane().getByRole("button", { name: "Assemble", exact: true }).click();
  await pane().getByText("0 created, 7 kept, 0 rebuilt, 0 removed.", { exact: true }).waitFor();
  await expect(cell(`${qtyPer}2`).textContent()).resolves.toBe("1.5");
  // BSO-1001 line 10000: 120 desks x 1.5 frames.
  await expect(cell(`${qty}2`).textContent()).resolves.toBe("180");
  await step("06-customization-kept");
});

test("Make Order writes the sales order and assembly orders; Remaining Quantity drops", async () => {
  await paneTab("Make Order");
  const select = pane().getByLabel("Blanket order", { exact: true });
  await select.selectOption("BSO-1001");
  await expect(pane().getByLabel("Qty. to Ship, line 10000 KIT-DESK").inputValue()).resolves.toBe(
    "30"
  );
  await pane().getByLabel("Order date").fill("2027-01-15");
  await pane().getByRole("button", { name: "Make Order" }).click();
  const dialog = page.getByRole("dialog");
  await dialog.getByText(/^KIT-DESK: 30 PCS, assembled to order, [\d,]+\.\d\d$/).waitFor();
  await dialog.getByText(/^Total \(excl\. VAT\): [\d,]+\.\d\d$/).waitFor();
  await step("07-confirm");
  await dialog.getByRole("button", { name: "Make Order" }).click();
  const created = pane().getByLabel("Created documents");
  await created.getByRole("button", { name: "SO-27002" }).waitFor();
  await step("08-order-made");
  await created.getByRole("button", { name: "SO-27002" }).click();
  await expect(grid().getAttribute("aria-label")).resolves.toBe("Sheet Sales Orders");
  const qty = await columnOf("Quantity");
  const doc = await columnOf("Document No.");
  const rows = await page
    .locator(`td[data-cell^="${doc}"]`, { hasText: "SO-27002" })
    .evaluateAll((tds) => tds.map((td) => td.getAttribute("data-cell")!.replace(/^[A-Z]+/, "")));
  const quantities = await Promise.all(rows.map((r) => cell(`${qty}${r}`).textContent()));
  // The blanket order's comment line comes along, without a quantity.
  expect(quantities).toEqual(["30", "50", ""]);
  await sheet("Assembly Orders");
  await expect(page.locator("td", { hasText: "AO-27003" }).first().isVisible()).resolves.toBe(true);
  await sheet("Blanket Orders");
  const remaining = await columnOf("Remaining Quantity");
  await expect(cell(`${remaining}2`).textContent()).resolves.toBe("70"); // 120 - (20 earlier + 30 now)
  await expect(cell(`${remaining}3`).textContent()).resolves.toBe("110");
});

test("an over call-off is flagged beside its field, never written, never offered for confirmation", async () => {
  await paneTab("Make Order");
  const ship = pane().getByLabel("Qty. to Ship, line 10000 KIT-DESK");
  await ship.fill("999");
  await ship.blur();
  await pane()
    .getByText(/cannot be more than 70\. Quantity - Quantity Ordered = possible: 120 - 50 = 70\./)
    .waitFor();
  await sheet("Blanket Orders");
  const toShip = await columnOf("Qty. to Ship");
  await expect(cell(`${toShip}2`).textContent()).resolves.toBe("");
  await pane().getByRole("button", { name: "Make Order" }).click();
  await pane().getByText("Correct the highlighted quantities first.").waitFor();
  await expect(page.getByRole("dialog").count()).resolves.toBe(0);
  await step("09-over-call-off");
  await ship.fill("");
  await ship.blur();
});

test("Plan: blanket status chart, component forecast written to its sheet", async () => {
  await paneTab("Plan");
  const chart = pane().getByRole("img").first();
  await chart.waitFor();
  await expect(chart.getAttribute("aria-label")).resolves.toMatch(
    /^Blanket order BSO-1001: KIT-DESK: 50 of 120 PCS called off/
  );
  await pane().getByRole("button", { name: "Forecast" }).click();
  await pane().getByRole("table", { name: "Component forecast" }).waitFor();
  await page
    .getByRole("tablist", { name: "Sheets" })
    .getByRole("tab", { name: "Component Forecast" })
    .waitFor();
  await step("09b-plan");
});

test("Download .xlsx saves the workbook with the new orders; Load .xlsx reads a file back", async () => {
  await page.getByRole("dialog").waitFor({ state: "detached" });
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("button", { name: "Download .xlsx" }).click(),
  ]);
  const saved = path.join(RESULTS, "playground-result.xlsx");
  await download.saveAs(saved);
  const { loadWorkbook } = await import("../../src/hosts/xlsx/xlsxHost");
  const grids = (await loadWorkbook(saved)).grids;
  const sales = grids.sheets.find((x) => x.name === "Sales Orders")!;
  expect(sales.rows.some((r) => r[0] === "SO-27002")).toBe(true);
  await page
    .getByLabel("Workbook file to load")
    .setInputFiles(path.join(__dirname, "..", "..", "samples", "blanket-orders.xlsx"));
  await page.getByText("Loaded blanket-orders.xlsx.", { exact: true }).waitFor();
  await paneTab("Validate");
  await pane().getByRole("button", { name: "Validate" }).click();
  await pane().getByText("No errors; 2 warnings.", { exact: true }).waitFor();
  await step("10-file-loaded");
});

test("a loaded planner's workbook downloads with its chart, image, notes and Dashboard as they were", async () => {
  const corpus = path.join(__dirname, "..", "corpus", "planner-xlsxwriter.xlsx");
  await page.getByLabel("Workbook file to load").setInputFiles(corpus);
  await page.getByText("Loaded planner-xlsxwriter.xlsx.", { exact: true }).waitFor();
  await paneTab("Assemble");
  await pane().getByRole("button", { name: "Assemble", exact: true }).click();
  await pane().getByText("1 created, 6 kept, 0 rebuilt, 0 removed.", { exact: true }).waitFor();
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("button", { name: "Download .xlsx" }).click(),
  ]);
  expect(download.suggestedFilename()).toBe("planner-xlsxwriter-result.xlsx");
  const saved = path.join(RESULTS, "planner-result.xlsx");
  await download.saveAs(saved);
  const { unzip, same, sheetParts } = await import("../xlsx/parts");
  const before = unzip(fs.readFileSync(corpus));
  const after = unzip(fs.readFileSync(saved));
  const dashboard = sheetParts(before).get("Dashboard")!;
  for (const name of [
    dashboard,
    "xl/charts/chart1.xml",
    "xl/media/image1.png",
    "xl/comments1.xml",
    "xl/comments2.xml",
    "docProps/custom.xml",
  ])
    expect({ name, identical: same(before.get(name), after.get(name)) }).toEqual({
      name,
      identical: true,
    });
  const { loadWorkbook } = await import("../../src/hosts/xlsx/xlsxHost");
  const assembled = (await loadWorkbook(saved)).grids.sheets.find(
    (x) => x.name === "Blanket Assembly Orders"
  )!;
  expect(assembled.rows.length).toBeGreaterThan(
    (await loadWorkbook(corpus)).grids.sheets.find((x) => x.name === "Blanket Assembly Orders")!
      .rows.length
  );
});

test("taskpane.html outside Office explains itself, with no errors", async () => {
  const start = Date.now();
  await page.goto(`${s.server.url}taskpane.html`);
  await page.getByRole("heading", { name: "Blanket Assembly Orders for Excel" }).waitFor();
  timings.taskpaneOutsideOfficeMs = Date.now() - start;
  await expect(page.getByRole("link", { name: "playground" }).getAttribute("href")).resolves.toBe(
    "playground.html"
  );
  await step("11-outside-office");
  expect(s.errors).toEqual([]);
});

test("at 320, 350 and 450 px every tab and form fits the pane: one row of tabs, no sideways scrolling", async () => {
  for (const width of [320, 350, 450]) {
    const narrow = await s.browser.newPage({ viewport: { width: 1200, height: 900 } });
    await narrow.goto(`${s.server.url}playground.html?pane=${width}`);
    const narrowPane = narrow.getByLabel("Task pane");
    await narrowPane.getByRole("button", { name: "Validate" }).waitFor();
    const fits = async (where: string) => {
      const m = await narrowPane.evaluate((el) => {
        const tabs = Array.from(el.querySelectorAll("[role=tab]")).map((t) =>
          Math.round(t.getBoundingClientRect().top)
        );
        return { overflow: el.scrollWidth - el.clientWidth, tabRows: new Set(tabs).size };
      });
      expect({ width, where, ...m }).toEqual({ width, where, overflow: 0, tabRows: 1 });
      expect({ width, where, violations: await seriousViolations(narrow) }).toEqual({
        width,
        where,
        violations: [],
      });
    };
    for (const tab of ["Validate", "Assemble", "Make Order", "Plan"]) {
      await narrowPane.getByRole("tab", { name: tab }).click();
      await narrow.waitForFunction(() => !document.body.textContent?.includes("Loading"));
      await fits(tab);
    }
    // ATO Lines with a line's edit form and the new-line form open.
    await narrow
      .getByRole("tablist", { name: "Sheets" })
      .getByRole("tab", { name: "Blanket Orders", exact: true })
      .click();
    await narrow.locator('td[data-cell="I2"]').click();
    await narrowPane.getByRole("tab", { name: "ATO Lines" }).click();
    await narrowPane.getByRole("region", { name: "Price and cost" }).waitFor();
    await narrowPane.getByRole("button", { name: "Edit line 10000" }).click();
    await narrowPane.getByRole("button", { name: "New line" }).click();
    await narrowPane.getByRole("form", { name: "New line" }).waitFor();
    await fits("ATO Lines, forms open");
    await shot(narrow, `narrow-${width}-ato-lines`);
    await narrow.close();
  }
});

test("keyboard only: tabs switch with Enter and Space keeping focus; validate, assemble, fix, remove and make order, focus back after every dialog", async () => {
  const kb = await s.browser.newPage({ viewport: { width: 1200, height: 900 } });
  await kb.goto(`${s.server.url}playground.html?pane=320`);
  const kbPane = kb.getByLabel("Task pane");
  await kbPane.getByRole("button", { name: "Validate" }).waitFor();
  const focused = () =>
    kb.evaluate(() => {
      const el = document.activeElement as HTMLElement | null;
      return el === document.body || !el
        ? "body"
        : `${el.getAttribute("role") ?? el.tagName.toLowerCase()}:${(el.getAttribute("aria-label") ?? el.innerText ?? "").trim()}`;
    });
  // Every tab, with Enter and Space in turn: focus stays on the tab chosen.
  await kbPane.getByRole("tab", { name: "Validate" }).focus();
  const names = ["Assemble", "ATO Lines", "Make Order", "Plan"];
  for (const [i, name] of names.entries()) {
    await kb.keyboard.press("ArrowRight");
    await kb.keyboard.press(i % 2 ? "Space" : "Enter");
    await kbPane.getByRole("tab", { name, selected: true }).waitFor();
    await kb.waitForFunction(() => !document.body.textContent?.includes("Loading"));
    expect({ name, focus: await focused() }).toEqual({ name, focus: `tab:${name}` });
  }
  const goTo = async (name: string) => {
    await kbPane.getByRole("tab", { selected: true }).focus();
    for (let i = 0; i < 5; i++) {
      if ((await focused()) === `tab:${name}`) break;
      await kb.keyboard.press("ArrowLeft");
    }
    await kb.keyboard.press("Enter");
    await kb.keyboard.press("Tab");
  };
  // Validate: the button, then Enter.
  await goTo("Validate");
  expect(await focused()).toBe("button:Validate");
  await kb.keyboard.press("Enter");
  await kbPane
    .getByText(/^(No issues|No errors|\d+ errors?)[,:;]/)
    .first()
    .waitFor();
  expect(await focused()).toBe("button:Validate");
  // Assemble.
  await goTo("Assemble");
  expect(await focused()).toBe("button:Assemble");
  await kb.keyboard.press("Enter");
  await kbPane
    .getByText(/created, \d+ kept/)
    .first()
    .waitFor();
  expect(await focused()).toBe("button:Assemble");
  // Make Order: type a call-off, confirm with Enter; focus is back on Make Order.
  await goTo("Make Order");
  await kbPane.getByLabel("Qty. to Ship, line 10000 KIT-DESK").focus();
  await kb.keyboard.press("Control+A");
  await kb.keyboard.type("5");
  await kbPane.getByRole("button", { name: "Make Order" }).focus();
  await kb.keyboard.press("Enter");
  const dialog = kb.getByRole("dialog");
  await dialog.waitFor();
  expect(await focused()).toBe("button:Make Order");
  await kb.keyboard.press("Enter");
  await kbPane.getByLabel("Created documents").waitFor();
  await dialog.waitFor({ state: "detached" });
  expect(await focused()).toBe("button:Make Order");
  // Fix: the button goes with the issue; focus lands on the panel, not the page.
  await kb
    .getByRole("tablist", { name: "Sheets" })
    .getByRole("tab", { name: "Blanket Orders", exact: true })
    .click();
  const ato = await kb
    .locator("td[data-cell$='1']", { hasText: /^Qty\. to Assemble to Order$/ })
    .first()
    .getAttribute("data-cell");
  const atoCell = `${ato!.replace(/\d+$/, "")}2`;
  await kb.locator(`td[data-cell="${atoCell}"]`).dblclick();
  await kb.getByLabel(`Edit ${atoCell}`).fill("7");
  await kb.getByLabel(`Edit ${atoCell}`).press("Enter");
  await goTo("Validate");
  await kb.keyboard.press("Enter");
  const fix = kbPane.getByRole("button", { name: /^Fix/ }).first();
  await fix.focus();
  await kb.keyboard.press("Enter");
  await dialog.waitFor();
  await kb.keyboard.press("Enter");
  await dialog.waitFor({ state: "detached" });
  await kbPane.getByRole("button", { name: /^Fix/ }).waitFor({ state: "detached" });
  expect(await focused()).not.toBe("body");
  // Remove a line in ATO Lines: the button goes with the line; focus stays in the pane.
  await kb.locator('td[data-cell="I2"]').click();
  await goTo("ATO Lines");
  const remove = kbPane.getByRole("button", { name: /^Remove line/ }).last();
  const removed = await remove.getAttribute("aria-label");
  await remove.focus();
  await kb.keyboard.press("Enter");
  await dialog.waitFor();
  await kb.keyboard.press("Enter");
  await kbPane.getByRole("button", { name: removed! }).waitFor({ state: "detached" });
  expect(await focused()).not.toBe("body");
  // The dialog fades out: axe would see its text at part opacity on a loaded machine.
  await dialog.waitFor({ state: "detached" });
  expect(await seriousViolations(kb)).toEqual([]);
  await kb.close();
});

test("playground: selections scroll into view and stay on their sheet; a selected header stays readable; row numbers are never covered", async () => {
  const small = await s.browser.newPage({ viewport: { width: 1000, height: 420 } });
  await small.goto(`${s.server.url}playground.html`);
  const smallPane = small.getByLabel("Task pane");
  await smallPane.getByRole("button", { name: "Validate" }).waitFor();
  const tabOf = (name: string) =>
    small.getByRole("tablist", { name: "Sheets" }).getByRole("tab", { name, exact: true });
  // Show Document of the last order: its rows are below the fold, and come into view.
  await tabOf("Blanket Assembly Orders").click();
  const lastRow = await small.evaluate(() => {
    const cells = Array.from(document.querySelectorAll("td[data-cell^='A']"));
    const filled = cells.filter((c) => c.textContent?.trim());
    return Number(filled[filled.length - 1].getAttribute("data-cell")!.slice(1));
  });
  await small.locator(`td[data-cell="A${lastRow}"]`).scrollIntoViewIfNeeded();
  await small.locator(`td[data-cell="C${lastRow}"]`).click();
  await small.evaluate(() => document.querySelector("[role=grid]")!.parentElement!.scrollTo(0, 0));
  await smallPane.getByRole("tab", { name: "ATO Lines" }).click();
  await smallPane.getByRole("button", { name: "Show Document" }).click();
  const visible = async (ref: string) =>
    small.evaluate((r) => {
      const cell = document.querySelector(`td[data-cell="${r}"]`)!.getBoundingClientRect();
      const box = document.querySelector("[role=grid]")!.parentElement!.getBoundingClientRect();
      return cell.top >= box.top && cell.bottom <= box.bottom;
    }, ref);
  // The order's first cell is selected (Show Document selects its rows), and in view.
  const selected = small.locator("td[aria-selected='true']");
  await selected.waitFor();
  const ref = (await selected.getAttribute("data-cell"))!;
  expect(Number(ref.slice(1))).toBeGreaterThan(15); // below the fold of a 420 px window
  await expect(visible(ref)).resolves.toBe(true);
  // Another sheet shows no selection of its own.
  await tabOf("Items").click();
  await expect(small.locator("td[aria-selected='true']").count()).resolves.toBe(0);
  // A selected header cell: white on a dark brand colour (axe checks the contrast).
  await tabOf("Blanket Orders").click();
  await small.locator('td[data-cell="A1"]').click();
  expect(await seriousViolations(small)).toEqual([]);
  // Scrolled sideways, the row numbers stay on top of the cells.
  await small.evaluate(() =>
    document.querySelector("[role=grid]")!.parentElement!.scrollTo(300, 0)
  );
  const onTop = await small.evaluate(() => {
    const head = document.querySelectorAll("tbody th")[1].getBoundingClientRect();
    const hit = document.elementFromPoint(head.left + head.width / 2, head.top + head.height / 2);
    return hit?.tagName;
  });
  expect(onTop).toBe("TH");
  await small.close();
});

test("playground: follows the browser's dark preference, with no serious accessibility issue", async () => {
  const dark = await s.browser.newPage({
    viewport: { width: 1200, height: 800 },
    colorScheme: "dark",
  });
  await dark.goto(`${s.server.url}playground.html`);
  await dark.getByLabel("Task pane").getByRole("button", { name: "Validate" }).waitFor();
  const background = await dark.evaluate(() => {
    const pane = document.querySelector("[aria-label='Task pane'] > div") as HTMLElement;
    const [r, g, b] = getComputedStyle(pane).backgroundColor.match(/\d+/g)!.map(Number);
    return (0.2126 * r + 0.7152 * g + 0.0722 * b) / 255;
  });
  expect(background).toBeLessThan(0.25);
  await shot(dark, "dark-theme");
  expect(await seriousViolations(dark)).toEqual([]);
  await dark.close();
});

test("at 320 px, ATO Lines shows the rolled-up price beside the line's and Roll Up Price writes it to the blanket line", async () => {
  const p = await s.browser.newPage({ viewport: { width: 1200, height: 900 } });
  await p.goto(`${s.server.url}playground.html?pane=320`);
  const pn = p.getByLabel("Task pane");
  await pn.getByRole("button", { name: "Validate" }).waitFor();
  await p
    .getByRole("tablist", { name: "Sheets" })
    .getByRole("tab", { name: "Blanket Orders", exact: true })
    .click();
  await p.locator('td[data-cell="A2"]').click();
  await pn.getByRole("tab", { name: "ATO Lines" }).click();
  const figures = pn.getByRole("region", { name: "Price and cost" });
  // The sample's desk: 489 agreed; its components roll up to 496.525 and cost 308.61917.
  await figures.getByText("496.525 per PCS").waitFor();
  await figures.getByText("308.61917 per PCS").waitFor();
  await figures.getByRole("button", { name: "Roll Up Price" }).click();
  const dialog = p.getByRole("dialog", { name: "Roll up the price?" });
  await dialog.getByText(/becomes 496\.525 per PCS \(now 489\.00\)/).waitFor();
  await shot(p, "rollup-confirm-320");
  await dialog.getByRole("button", { name: "Roll Up Price" }).click();
  await p.getByRole("dialog").waitFor({ state: "detached" });
  await p.getByRole("status").getByText("Unit Price of line 10000 rolled up.").waitFor();
  const priceCell = await p
    .locator("td[data-cell$='1']", { hasText: /^Unit Price$/ })
    .first()
    .getAttribute("data-cell");
  const col = priceCell!.replace(/\d+$/, "");
  await expect(p.locator(`td[data-cell="${col}2"]`).textContent()).resolves.toBe("496.525");
  const overflow = await p.evaluate(() => {
    const el = document.querySelector("[aria-label='Task pane']")!;
    return el.scrollWidth - el.clientWidth;
  });
  expect(overflow).toBe(0);
  expect(await seriousViolations(p)).toEqual([]);
  await p.close();
});

/**
 * @jest-environment jsdom
 */
import "./setup";
import { render, screen, waitFor, within, fireEvent } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { webLightTheme } from "@fluentui/react-components";
import ExcelJS from "exceljs";
import { App } from "../../src/taskpane/components/App";
import { assemble, makeOrder, share } from "../../src/engine";
import { TestHost } from "./testHost";
import { newXlsx } from "../../src/hosts/xlsx/xlsxFile";
import { apply, blanket, date, records, workbook } from "../builders";

function planned() {
  let g = workbook({
    blanket: [
      blanket({ qty: 10, ship: 4, date: "2027-03-01" }),
      blanket({ line: 20000, item: "PART-A", qty: 5 }),
    ],
  });
  g = apply(g, assemble(g).plan);
  return apply(g, makeOrder(g, { blanketOrderNo: "BSO-1001", orderDate: date("2027-01-15") }).plan);
}

async function openPlan() {
  const host = new TestHost(planned());
  const user = userEvent.setup();
  render(<App host={host} theme={webLightTheme} />);
  await user.click(await screen.findByRole("tab", { name: "Plan" }));
  await screen.findByRole("region", { name: "Blanket status" });
  return { host, user };
}

test("blanket status: each line's share called off as a chart with a text equivalent, and the next shipment", async () => {
  await openPlan();
  expect(screen.getByRole("img").getAttribute("aria-label")).toBe(
    "Blanket order BSO-1001: KIT: 4 of 10 PCS called off; PART-A: 0 of 5 PCS called off"
  );
  expect(screen.getByText("11 PCS remaining; next shipment 2027-03-01")).toBeTruthy();
});

test("forecast writes the Component Forecast sheet and lists it", async () => {
  const { host, user } = await openPlan();
  await user.click(screen.getByRole("button", { name: "Forecast" }));
  const table = await screen.findByRole("table", { name: "Component forecast" });
  expect(within(table).getAllByRole("row")).toHaveLength(3);
  const chart = screen
    .getAllByRole("img")
    .find((i) => i.getAttribute("aria-label")?.startsWith("Item PART-A"))!;
  expect(chart.getAttribute("aria-label")).toBe(
    "Item PART-A PCS by period: 2027-03: 12 for blanket orders, 8 for assembly orders"
  );
  // The chart's own legend, axis (0 to the largest total, in the unit) and whole periods.
  const figure = chart.closest("figure")!;
  expect(figure.textContent).toContain("Needed for Blanket Orders");
  expect(figure.textContent).toContain("Needed for Assembly Orders");
  const labels = Array.from(chart.querySelectorAll("text")).map((t) => [
    t.textContent,
    t.getAttribute("font-size"),
  ]);
  expect(labels).toEqual([
    ["20", "12"],
    ["0", "12"],
    ["PCS", "12"],
    ["2027-03", "12"],
  ]);
  expect(
    within(table)
      .getAllByRole("columnheader")
      .map((h) => h.textContent)
  ).toEqual(["Period", "Component", "Needed for Blanket Orders", "Needed for Assembly Orders"]);
  expect(
    records(host.grids, "Component Forecast").map((r) => [
      r.Period,
      r["No."],
      r["Needed for Blanket Orders"],
      r["Needed for Assembly Orders"],
    ])
  ).toEqual([
    ["2027-03", "PART-A", 12, 8],
    ["2027-03", "PART-B", 6, 4],
  ]);
});

test("share with customer downloads the copy where the host cannot open a workbook", async () => {
  const { host, user } = await openPlan();
  await user.click(screen.getByRole("button", { name: "Share with customer" }));
  await waitFor(() =>
    expect(screen.getByRole("status").textContent).toContain(
      "Customer copy for C10000 downloaded: BSO-1001."
    )
  );
  expect(host.downloads.map((d) => d.name)).toEqual(["C10000-blanket-orders.xlsx"]);
  const copy = new ExcelJS.Workbook();
  await copy.xlsx.load(host.downloads[0].data as ArrayBuffer);
  expect(copy.worksheets.map((w) => w.name)).toEqual([
    "Blanket Orders",
    "Sales Orders",
    "Assembly Specification",
    "Agreed When Shared",
    "Shared Copy",
  ]);
});

test("import call-off shows the old and new Qty. to Ship per line and writes only after confirming", async () => {
  const { host, user } = await openPlan();
  const r = share(host.grids, "C10000", date("2027-01-20"));
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(await newXlsx(r.plan!)) as unknown as ArrayBuffer);
  const ws = wb.getWorksheet("Blanket Orders")!;
  const headers = (ws.getRow(1).values as unknown[]).map((h) => String(h ?? ""));
  ws.getRow(3).getCell(headers.indexOf("Qty. to Ship")).value = 2;
  const bytes = await wb.xlsx.writeBuffer();
  const file = new File([bytes as ArrayBuffer], "returned.xlsx");
  const before = host.grids;
  fireEvent.change(screen.getByLabelText("Customer copy to import"), { target: { files: [file] } });
  const dialog = await screen.findByRole("dialog", { name: "Import this call-off?" });
  const table = within(dialog).getByRole("table", { name: "Qty. to Ship from the copy" });
  expect(
    within(table)
      .getAllByRole("row")
      .map((r) => r.textContent)
  ).toEqual(["LineWasNow", "BSO-1001 20000 PART-A-2 PCS"]);
  expect(host.grids).toBe(before); // nothing written yet
  await user.click(within(dialog).getByRole("button", { name: "Cancel" }));
  await waitFor(() => expect(screen.queryByRole("dialog")).toBeNull());
  expect(host.grids).toBe(before);
  fireEvent.change(screen.getByLabelText("Customer copy to import"), { target: { files: [file] } });
  const again = await screen.findByRole("dialog", { name: "Import this call-off?" });
  await user.click(within(again).getByRole("button", { name: "Import" }));
  await waitFor(() =>
    expect(records(host.grids, "Blanket Orders").map((b) => b["Qty. to Ship"])).toEqual([null, 2])
  );
  expect(screen.getByRole("status").textContent).toContain(
    "Imported the call-off from returned.xlsx: BSO-1001 20000=2."
  );
  expect(screen.getByRole("note", { name: "Import result" }).textContent).toBe(
    "Imported from returned.xlsx: BSO-1001 20000=2. Make Order next."
  );
});

test("a refused copy's issues name the copy's cells without linking to this workbook's", async () => {
  const { host } = await openPlan();
  const r = share(host.grids, "C10000", date("2027-01-20"));
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(await newXlsx(r.plan!)) as unknown as ArrayBuffer);
  const ws = wb.getWorksheet("Blanket Orders")!;
  const headers = (ws.getRow(1).values as unknown[]).map((h) => String(h ?? ""));
  ws.getRow(2).getCell(headers.indexOf("Quantity")).value = 99;
  const file = new File([(await wb.xlsx.writeBuffer()) as ArrayBuffer], "tampered.xlsx");
  const before = host.grids;
  fireEvent.change(screen.getByLabelText("Customer copy to import"), { target: { files: [file] } });
  const group = await screen.findByRole("region", {
    name: "tampered.xlsx: Blanket Orders: 1 issues",
  });
  expect(
    within(group).getByLabelText("Cell I2 on Blanket Orders of tampered.xlsx").textContent
  ).toBe("I2");
  expect(within(group).queryByRole("button")).toBeNull();
  expect(host.grids).toBe(before);
});

/**
 * @jest-environment jsdom
 */
import "./setup";
import { act, fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { webLightTheme } from "@fluentui/react-components";
import { App } from "../../src/taskpane/components/App";
import { MemoryWorkbookHost } from "../../src/hosts/memory/memoryHost";
import { WorkbookGrids } from "../../src/workbook/grid";
import { assemble } from "../../src/engine";
import { apply, atoItem, blanket, bom, item, records, workbook } from "../builders";

function renderPane(grids: WorkbookGrids) {
  const host = new MemoryWorkbookHost(grids, { culture: "en-CA" });
  const user = userEvent.setup();
  render(<App host={host} theme={webLightTheme} />);
  return { host, user };
}

async function openTab(user: ReturnType<typeof userEvent.setup>, name: string) {
  await user.click(await screen.findByRole("tab", { name }));
  await waitFor(() => expect(screen.queryByText("Loading")).toBeNull());
}

/** KIT = 2 PART-A (price 3, cost 2.5, 15 on hand) + 1 PART-B (price 1, no cost); at EAST, variant OAK. */
function priced(): WorkbookGrids {
  const g = workbook({
    items: [
      atoItem("KIT"),
      item("PART-A", { "Unit Price": 3, "Unit Cost": 2.5, Inventory: 15 }),
      item("PART-B", { "Unit Price": 1 }),
    ],
    boms: [bom("KIT", 10000, "PART-A", 2), bom("KIT", 20000, "PART-B", 1)],
    blanket: [
      blanket({ price: 10, extra: { "Location Code": "EAST", "Variant Code": "OAK" } as never }),
    ],
  });
  return apply(g, assemble(g).plan);
}

describe("ATO Lines: Roll Up Price and Cost", () => {
  test("shows the rolled-up price beside the line's, names what lacks a cost, and writes the price after confirming", async () => {
    const { host, user } = renderPane(priced());
    await act(() => host.select("Blanket Orders", "F2"));
    await openTab(user, "ATO Lines");
    const header = await screen.findByLabelText("Assembly order header");
    expect(within(header).getByText("EAST")).toBeTruthy();
    expect(within(header).getByText("OAK")).toBeTruthy();
    const figures = screen.getByRole("region", { name: "Price and cost" });
    // (3 x 20 + 1 x 10) / 10 = 7 per PCS; the cost is not known: PART-B has no Unit Cost.
    expect(within(figures).getByText("10.00 per PCS")).toBeTruthy();
    expect(within(figures).getByText("7.00 per PCS")).toBeTruthy();
    expect(within(figures).getByText(/not known: no Unit Cost for item PART-B/)).toBeTruthy();
    expect(
      (within(figures).getByRole("button", { name: "Roll Up Cost" }) as HTMLButtonElement).disabled
    ).toBe(true);
    await user.click(within(figures).getByRole("button", { name: "Roll Up Price" }));
    const dialog = await screen.findByRole("dialog", { name: "Roll up the price?" });
    expect(dialog.textContent).toContain(
      "Unit Price of blanket order BSO-1001 line 10000 becomes 7.00 per PCS (now 10.00)"
    );
    await user.click(within(dialog).getByRole("button", { name: "Roll Up Price" }));
    await waitFor(() => expect(records(host.grids, "Blanket Orders")[0]["Unit Price"]).toBe(7));
    expect(screen.getByRole("status").textContent).toContain("Unit Price of line 10000 rolled up.");
    expect(records(host.grids, "Document History").at(-1)).toMatchObject({
      Command: "Roll Up Price",
      Change: "Unit Price: line 10000 10 -> 7",
    });
  });
});

describe("Make Order: availability in the confirmation", () => {
  test("names the short component before anything is written; the order can still be made", async () => {
    const { host, user } = renderPane(priced());
    await openTab(user, "Make Order");
    const ship = await screen.findByRole("textbox", { name: "Qty. to Ship, line 10000 KIT" });
    await user.type(ship, "8");
    fireEvent.blur(ship);
    await waitFor(() => expect(records(host.grids, "Blanket Orders")[0]["Qty. to Ship"]).toBe(8));
    await user.click(screen.getByRole("button", { name: "Make Order" }));
    const dialog = await screen.findByRole("dialog");
    // 8 kits need 16 PART-A; 15 on hand.
    const short = within(dialog).getByRole("list", { name: "Components short" });
    expect(short.textContent).toContain(
      "needs 16 PCS of item PART-A by 2027-03-01, but only 15 PCS"
    );
    expect(records(host.grids, "Sales Orders")).toEqual([]);
    await user.click(within(dialog).getByRole("button", { name: "Make Order" }));
    await screen.findByLabelText("Created documents");
    expect(records(host.grids, "Sales Orders")[0]).toMatchObject({
      "Location Code": "EAST",
      "Variant Code": "OAK",
    });
  });
});

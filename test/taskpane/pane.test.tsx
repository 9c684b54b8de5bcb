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
import { WritePlan } from "../../src/workbook/writePlan";
import { assemble, makeOrder } from "../../src/engine";
import { apply, blanket, date, edit, kitAndChair, records, workbook } from "../builders";

function renderPane(grids: WorkbookGrids) {
  // en-CA: ISO dates and a decimal point, as most of these tests type and read them.
  const host = new MemoryWorkbookHost(grids, { culture: "en-CA" });
  const user = userEvent.setup();
  render(<App host={host} theme={webLightTheme} />);
  return { host, user };
}

const status = () => screen.getByRole("status");

async function openTab(user: ReturnType<typeof userEvent.setup>, name: string) {
  await user.click(await screen.findByRole("tab", { name }));
  // Panels load lazily.
  await waitFor(() => expect(screen.queryByText("Loading")).toBeNull());
}

describe("empty workbook", () => {
  test("offers Create sheets, which writes the template", async () => {
    const { host, user } = renderPane({ sheets: [] });
    await user.click(await screen.findByRole("button", { name: "Create sheets" }));
    await screen.findByRole("tab", { name: "Validate" });
    expect(host.grids.sheets.map((s) => s.name)).toEqual([
      "Items",
      "Item Units",
      "Resources",
      "Assembly BOMs",
      "Blanket Orders",
      "Setup",
    ]);
    expect(status().textContent).toContain("Created the sheets");
    expect(host.grids.sheets.find((x) => x.name === "Assembly BOMs")!.lists).toHaveLength(2);
  });

  test("where Excel cannot make drop-down lists, Create sheets makes the sheets and says so", async () => {
    const host = new (class extends MemoryWorkbookHost {
      override capabilities() {
        return { lists: false };
      }
    })({ sheets: [] });
    const user = userEvent.setup();
    render(<App host={host} theme={webLightTheme} />);
    await user.click(await screen.findByRole("button", { name: "Create sheets" }));
    await screen.findByRole("tab", { name: "Validate" });
    expect(host.grids.sheets.map((s) => s.lists ?? [])).toEqual(host.grids.sheets.map(() => []));
    expect(status().textContent).toContain("cannot add drop-down lists");
  });

  test("offers Load sample data, which loads a workbook that validates", async () => {
    const { host, user } = renderPane({ sheets: [] });
    await user.click(await screen.findByRole("button", { name: "Load sample data" }));
    await screen.findByRole("tab", { name: "Validate" });
    expect(records(host.grids, "Blanket Orders").length).toBeGreaterThan(5);
    await user.click(screen.getByRole("button", { name: "Validate" }));
    // The sample's last line was agreed after the others were assembled, and its call-off
    // needs more TOP-180 than is on hand.
    expect(await screen.findByText("No errors; 2 warnings.")).toBeTruthy();
    expect(screen.getByText(/needs 30 PCS of item TOP-180 by 2027-02-15/)).toBeTruthy();
    expect(
      screen.getByText(
        /BSO-1003 line 30000 assembles KIT-DESK to order but has no blanket assembly order yet/
      )
    ).toBeTruthy();
  });
});

describe("Validate", () => {
  test("groups issues by sheet with severity as text; a click selects the cell", async () => {
    const { host, user } = renderPane(
      workbook({ blanket: [blanket({ qty: 10, ato: 6 }), blanket({ line: 20000, discount: 150 })] })
    );
    await user.click(await screen.findByRole("button", { name: "Validate" }));
    const group = await screen.findByRole("region", { name: "Blanket Orders: 2 issues" });
    expect(within(group).getAllByText("Error")).toHaveLength(2);
    expect(within(group).getByText(/must be 0 or 10 \(the full Quantity\)/)).toBeTruthy();
    expect(status().textContent).toContain("Validate: 2 errors, 0 warnings.");
    await user.click(
      within(group).getByRole("button", { name: "Select cell I2 on Blanket Orders" })
    );
    await waitFor(async () =>
      expect(await host.selection()).toEqual({ sheet: "Blanket Orders", address: "I2" })
    );
  });

  test("Fix sets Qty. to Assemble to Order to the full quantity after confirmation", async () => {
    const { host, user } = renderPane(workbook({ blanket: [blanket({ qty: 10, ato: 6 })] }));
    await user.click(await screen.findByRole("button", { name: "Validate" }));
    await user.click(
      await screen.findByRole("button", { name: "Fix I2: assemble the full quantity" })
    );
    const dialog = await screen.findByRole("dialog");
    expect(within(dialog).getByText(/to 10, the full Quantity/)).toBeTruthy();
    await user.click(within(dialog).getByRole("button", { name: "Set to full quantity" }));
    expect((await screen.findByRole("note", { name: "Fixed" })).textContent).toBe(
      "Set Qty. to Assemble to Order at 'Blanket Orders'!I2 to 10, the line's full Quantity."
    );
    expect(status().textContent).toBe(
      "Set Qty. to Assemble to Order at 'Blanket Orders'!I2 to 10, the line's full Quantity."
    );
    // Now it assembles to order: the validate that follows says it has no order yet.
    expect(screen.getByText("No errors; 1 warning.")).toBeTruthy();
    expect(records(host.grids, "Blanket Orders")[0]["Qty. to Assemble to Order"]).toBe(10);
  });

  test("a result says so once the workbook changes after it", async () => {
    const { host, user } = renderPane(workbook({ blanket: [blanket({ qty: 10, ato: 6 })] }));
    await user.click(await screen.findByRole("button", { name: "Validate" }));
    await screen.findByText("1 error, 0 warnings.");
    expect(screen.queryByLabelText("Result out of date")).toBeNull();
    act(() => {
      host.editCell("Blanket Orders", 2, 8, 10); // I2: Qty. to Assemble to Order
    });
    expect(await screen.findByLabelText("Result out of date")).toBeTruthy();
    await user.click(screen.getByRole("button", { name: "Validate" }));
    await screen.findByText("No errors; 1 warning.");
    expect(screen.queryByLabelText("Result out of date")).toBeNull();
  });

  test("Cancel leaves the workbook as it was", async () => {
    const grids = workbook({ blanket: [blanket({ qty: 10, ato: 6 })] });
    const { host, user } = renderPane(grids);
    await user.click(await screen.findByRole("button", { name: "Validate" }));
    await user.click(
      await screen.findByRole("button", { name: "Fix I2: assemble the full quantity" })
    );
    await user.click(
      within(await screen.findByRole("dialog")).getByRole("button", { name: "Cancel" })
    );
    expect(records(host.grids, "Blanket Orders")[0]["Qty. to Assemble to Order"]).toBe(6);
  });
});

describe("Assemble", () => {
  test("reports created / kept / rebuilt / removed and links to the sheet", async () => {
    const { host, user } = renderPane(workbook({ blanket: [blanket(), blanket({ line: 20000 })] }));
    await openTab(user, "Assemble");
    await user.click(screen.getByRole("button", { name: "Assemble" }));
    expect(await screen.findByText("2 created, 0 kept, 0 rebuilt, 0 removed.")).toBeTruthy();
    expect(records(host.grids, "Blanket Assembly Orders")).toHaveLength(4);
    const changed = screen.getByRole("list", { name: "Orders changed" });
    expect(
      within(changed)
        .getAllByRole("listitem")
        .map((li) => li.textContent)
    ).toEqual([
      "BA-0001 created for BSO-1001 line 10000",
      "BA-0002 created for BSO-1001 line 20000",
    ]);
    await user.click(within(changed).getByRole("button", { name: "BA-0002" }));
    await waitFor(async () =>
      expect(await host.selection()).toEqual({ sheet: "Blanket Assembly Orders", address: "A4:S5" })
    );
    await user.click(
      screen.getByRole("button", { name: "Open the Blanket Assembly Orders sheet" })
    );
    await waitFor(async () =>
      expect(await host.selection()).toEqual({ sheet: "Blanket Assembly Orders", address: "A1" })
    );
  });

  test("before rebuilding a customized order from another item's BOM, asks and names what would be dropped", async () => {
    let g = kitAndChair({ blanket: [blanket({ qty: 10 })] });
    g = apply(g, assemble(g).plan);
    g = edit(g, "Blanket Assembly Orders", 0, "Quantity per", 3);
    g = edit(g, "Blanket Orders", 0, "No.", "CHAIR");
    const { host, user } = renderPane(g);
    await openTab(user, "Assemble");
    await user.click(screen.getByRole("button", { name: "Assemble" }));
    const dialog = await screen.findByRole("dialog", { name: "Rebuild customized orders?" });
    expect(within(dialog).getByRole("list", { name: "Customizations dropped" }).textContent).toBe(
      "BA-0001 (BSO-1001 line 10000, KIT to CHAIR): line 10000 Quantity per 3 (BOM: 2)"
    );
    await user.click(within(dialog).getByRole("button", { name: "Cancel" }));
    await waitFor(() => expect(screen.queryByRole("dialog")).toBeNull());
    expect(host.grids).toBe(g);
    await user.click(screen.getByRole("button", { name: "Assemble" }));
    const again = await screen.findByRole("dialog", { name: "Rebuild customized orders?" });
    await user.click(within(again).getByRole("button", { name: "Rebuild" }));
    expect(await screen.findByText("0 created, 0 kept, 1 rebuilt, 0 removed.")).toBeTruthy();
    expect(records(host.grids, "Blanket Assembly Orders").map((l) => l["No."])).toEqual(["PART-B"]);
  });

  test("with errors, writes nothing and lists them", async () => {
    const { host, user } = renderPane(workbook({ blanket: [blanket({ qty: 10, ato: 4 })] }));
    await openTab(user, "Assemble");
    await user.click(screen.getByRole("button", { name: "Assemble" }));
    expect(await screen.findByText("Nothing was written. Fix these errors first:")).toBeTruthy();
    expect(host.grids.sheets.map((s) => s.name)).not.toContain("Blanket Assembly Orders");
  });
});

describe("Assemble-to-Order Lines", () => {
  async function assembledPane() {
    const pane = renderPane(workbook({ blanket: [blanket({ qty: 10 })] }));
    await openTab(pane.user, "Assemble");
    await pane.user.click(screen.getByRole("button", { name: "Assemble" }));
    await screen.findByText("1 created, 0 kept, 0 rebuilt, 0 removed.");
    await act(() => pane.host.select("Blanket Orders", "F2"));
    await openTab(pane.user, "ATO Lines");
    await screen.findByRole("list", { name: "Lines of BA-0001" });
    return pane;
  }

  test("follows the selection: header read-only, lines listed; elsewhere it says what to select", async () => {
    const { host } = await assembledPane();
    const header = screen.getByLabelText("Assembly order header");
    expect(within(header).getByText("BSO-1001, line 10000")).toBeTruthy();
    expect(within(header).getByText("10 PCS")).toBeTruthy();
    expect(within(header).queryByRole("textbox")).toBeNull();
    await act(() => host.select("Items", "A2"));
    expect(await screen.findByText(/Select a line on the Blanket Orders sheet/)).toBeTruthy();
  });

  test("editing Quantity per writes the sheet with Quantity recomputed; a bad value is refused", async () => {
    const { host, user } = await assembledPane();
    await user.click(screen.getByRole("button", { name: "Edit line 10000" }));
    const qtyPer = screen.getByRole("textbox", { name: "Quantity per" });
    await user.clear(qtyPer);
    await user.type(qtyPer, "abc");
    fireEvent.blur(qtyPer);
    expect((await screen.findByRole("alert")).textContent).toMatch(
      /Enter a Quantity per such as 2 or 0.5/
    );
    expect(records(host.grids, "Blanket Assembly Orders")[0]["Quantity per"]).toBe(2);
    await user.clear(qtyPer);
    await user.type(qtyPer, "3");
    fireEvent.blur(qtyPer);
    await waitFor(() =>
      expect(records(host.grids, "Blanket Assembly Orders")[0]).toMatchObject({
        "Quantity per": 3,
        Quantity: 30,
      })
    );
  });

  test("shows which lines are customized and what earlier call-offs used", async () => {
    const { host, user } = await assembledPane();
    await user.click(screen.getByRole("button", { name: "Edit line 10000" }));
    const qtyPer = screen.getByRole("textbox", { name: "Quantity per" });
    await user.clear(qtyPer);
    await user.type(qtyPer, "3");
    fireEvent.blur(qtyPer);
    expect(await screen.findByText("Customized: Quantity per 3 (BOM: 2)")).toBeTruthy();
    // A call-off with 3 per kit, then 4 per kit for the rest.
    const made = makeOrder(host.grids, {
      blanketOrderNo: "BSO-1001",
      orderDate: date("2027-01-15"),
      qtyToShip: new Map([[10000, 4]]),
    });
    await act(() => host.update(() => made));
    await user.clear(qtyPer);
    await user.type(qtyPer, "4");
    fireEvent.blur(qtyPer);
    const line = (await screen.findByText(/^Changed after call-offs:/)).textContent;
    expect(line).toBe(
      "Changed after call-offs: SO-0001 (4) used Quantity per 3. The line as it is now applies to the quantity still to be called off."
    );
    expect(screen.getByText("Customized: Quantity per 4 (BOM: 2)")).toBeTruthy();
    expect(screen.getByLabelText("Agreement history").textContent).toContain(
      "1 call-off made from this line."
    );
  });

  test("an item line reads 'Line 10000: ...' and its editor has no Resource Usage Type; an unknown new item is refused beside No.", async () => {
    const { host, user } = await assembledPane();
    const lines = screen.getByRole("list", { name: "Lines of BA-0001" });
    expect(within(lines).getByText("Line 10000: PART-A description")).toBeTruthy();
    await user.click(screen.getByRole("button", { name: "Edit line 10000" }));
    expect(screen.queryByRole("combobox", { name: "Resource Usage Type" })).toBeNull();
    expect(screen.getByRole("combobox", { name: "Type" })).toBeTruthy();
    const before = host.grids;
    await user.click(screen.getByRole("button", { name: "New line" }));
    const form = screen.getByRole("form", { name: "New line" });
    await user.type(within(form).getByRole("textbox", { name: "No." }), "MONITOR-ARMX");
    await user.click(within(form).getByRole("button", { name: "Add line" }));
    const no = within(form).getByRole("textbox", { name: "No." });
    await waitFor(() => expect(no.getAttribute("aria-invalid")).toBe("true"));
    expect(within(form).getByRole("alert").textContent).toBe(
      "Item MONITOR-ARMX is not on the Items sheet. Add it there first, or enter another item."
    );
    expect(records(host.grids, "Blanket Assembly Orders")).toEqual(
      records(before, "Blanket Assembly Orders")
    );
    expect(status().textContent).toBe(
      "Line not saved: Item MONITOR-ARMX is not on the Items sheet. Add it there first, or enter another item."
    );
  });

  test("adds and removes lines; Show Document selects the order's rows", async () => {
    const { host, user } = await assembledPane();
    await user.click(screen.getByRole("button", { name: "New line" }));
    const form = screen.getByRole("form", { name: "New line" });
    await user.type(within(form).getByRole("textbox", { name: "No." }), "PART-B");
    const q = within(form).getByRole("textbox", { name: "Quantity per" });
    await user.clear(q);
    await user.type(q, "0.5");
    await user.click(within(form).getByRole("button", { name: "Add line" }));
    await waitFor(() => expect(records(host.grids, "Blanket Assembly Orders")).toHaveLength(3));
    expect(records(host.grids, "Blanket Assembly Orders")[2]).toMatchObject({
      "Line No.": 30000,
      "No.": "PART-B",
      Quantity: 5,
    });
    await user.click(await screen.findByRole("button", { name: "Remove line 20000" }));
    await user.click(
      within(await screen.findByRole("dialog")).getByRole("button", { name: "Remove" })
    );
    await waitFor(() =>
      expect(records(host.grids, "Blanket Assembly Orders").map((r) => r["Line No."])).toEqual([
        10000, 30000,
      ])
    );
    await user.click(screen.getByRole("button", { name: "Show Document" }));
    await waitFor(async () =>
      expect(await host.selection()).toEqual({ sheet: "Blanket Assembly Orders", address: "A2:S3" })
    );
  });
});

describe("Make Order", () => {
  test("enters Qty. to Ship on the sheet, confirms, makes the order and links to its rows", async () => {
    const { host, user } = renderPane(
      workbook({
        blanket: [blanket({ qty: 10 }), blanket({ line: 20000, item: "PART-A", qty: 5 })],
      })
    );
    await openTab(user, "Make Order");
    expect(
      await screen.findByRole("option", { name: "BSO-1001: Adatum Corporation" })
    ).toBeTruthy();
    expect(screen.getByLabelText("Remaining").textContent).toBe("15 PCS remaining");
    const ship = screen.getByRole("textbox", { name: "Qty. to Ship, line 10000 KIT" });
    await user.type(ship, "4");
    fireEvent.blur(ship);
    await waitFor(() => expect(records(host.grids, "Blanket Orders")[0]["Qty. to Ship"]).toBe(4));
    expect(screen.getByLabelText("Call-off total").textContent).toBe(
      "Call-off total (excl. VAT): 400.00"
    );
    fireEvent.change(screen.getByLabelText("Order date"), { target: { value: "2027-01-15" } });
    await user.click(screen.getByRole("button", { name: "Make Order" }));
    const dialog = await screen.findByRole("dialog");
    expect(within(dialog).getByText(/dated 2027-01-15, from blanket order BSO-1001/)).toBeTruthy();
    expect(within(dialog).getByText("KIT: 4 PCS, assembled to order, 400.00")).toBeTruthy();
    expect(within(dialog).getByText("Total (excl. VAT): 400.00")).toBeTruthy();
    await user.click(within(dialog).getByRole("button", { name: "Make Order" }));
    const created = await screen.findByLabelText("Created documents");
    await user.click(within(created).getByRole("button", { name: "SO-0001" }));
    await waitFor(async () =>
      expect(await host.selection()).toEqual({ sheet: "Sales Orders", address: "A2:V2" })
    );
    await user.click(within(created).getByRole("button", { name: "AO-0001" }));
    await waitFor(async () =>
      expect(await host.selection()).toEqual({ sheet: "Assembly Orders", address: "A2:T3" })
    );
    expect(records(host.grids, "Blanket Orders")[0]).toMatchObject({
      "Qty. to Ship": null,
      "Quantity Ordered": 4,
      "Remaining Quantity": 6,
    });
    expect(status().textContent).toContain(
      "Made sales order SO-0001 with assembly orders AO-0001."
    );
  });

  test("an over call-off is flagged beside the field before anything is written or confirmed", async () => {
    const { host, user } = renderPane(workbook({ blanket: [blanket({ qty: 10 })] }));
    await openTab(user, "Make Order");
    const before = host.grids;
    const ship = await screen.findByRole("textbox", { name: "Qty. to Ship, line 10000 KIT" });
    await user.type(ship, "11");
    fireEvent.blur(ship);
    expect((await screen.findByRole("alert")).textContent).toBe(
      "Qty. to Ship of item KIT on blanket order BSO-1001 line 10000 cannot be more than 10. Quantity - Quantity Ordered = possible: 10 - 0 = 10."
    );
    expect(host.grids).toBe(before); // not written to the sheet
    await user.click(screen.getByRole("button", { name: "Make Order" }));
    expect(screen.queryByRole("dialog")).toBeNull();
    expect(await screen.findByText("Correct the highlighted quantities first.")).toBeTruthy();
    expect(host.grids.sheets.map((s) => s.name)).not.toContain("Sales Orders");
  });

  test("a Swedish planner types 1,5 and sees 1,5; an American order date reads 01/15/2027", async () => {
    const host = new MemoryWorkbookHost(workbook({ blanket: [blanket({ qty: 10 })] }), {
      culture: "sv-SE",
    });
    const user = userEvent.setup();
    const { unmount } = render(<App host={host} theme={webLightTheme} />);
    await openTab(user, "Make Order");
    const ship = await screen.findByRole("textbox", { name: "Qty. to Ship, line 10000 KIT" });
    await user.type(ship, "1,5");
    fireEvent.blur(ship);
    await waitFor(() => expect(records(host.grids, "Blanket Orders")[0]["Qty. to Ship"]).toBe(1.5));
    await waitFor(() => expect((ship as HTMLInputElement).value).toBe("1,5"));
    expect(screen.getByLabelText("Remaining").textContent).toBe("10 PCS remaining");
    expect(screen.getByLabelText("Call-off total").textContent).toBe(
      "Call-off total (excl. VAT): 150,00"
    );
    unmount();
    const us = new MemoryWorkbookHost(workbook({ blanket: [blanket({ qty: 10, ship: 2 })] }), {
      culture: "en-US",
    });
    render(<App host={us} theme={webLightTheme} />);
    await openTab(user, "Make Order");
    const orderDate = screen.getByRole("textbox", { name: "Order date" });
    await waitFor(() =>
      expect((orderDate as HTMLInputElement).value).toMatch(/^\d\d\/\d\d\/\d{4}$/)
    );
    await user.clear(orderDate);
    await user.type(orderDate, "1/15/2027");
    await user.click(screen.getByRole("button", { name: "Make Order" }));
    const dialog = await screen.findByRole("dialog");
    expect(
      within(dialog).getByText(/dated 01\/15\/2027, from blanket order BSO-1001/)
    ).toBeTruthy();
    await user.click(within(dialog).getByRole("button", { name: "Make Order" }));
    await screen.findByLabelText("Created documents");
    expect(records(us.grids, "Sales Orders")[0]["Order Date"]).toBe(date("2027-01-15"));
  });

  test("what remains is shown per unit, never boxes and pieces added up", async () => {
    const { user } = renderPane(
      workbook({
        units: [{ "Item No.": "KIT", Code: "BOX", "Qty. per Unit of Measure": 6 }],
        blanket: [
          blanket({ qty: 40, uom: "BOX" }),
          blanket({ line: 20000, item: "PART-A", qty: 30 }),
          blanket({ line: 30000, item: "PART-B", qty: 4 }),
        ],
      })
    );
    await openTab(user, "Make Order");
    expect((await screen.findByLabelText("Remaining")).textContent).toBe(
      "40 BOX, 34 PCS remaining"
    );
  });

  test("with nothing to ship, Make Order says so and offers no confirmation", async () => {
    const { host, user } = renderPane(workbook({ blanket: [blanket({ qty: 10 })] }));
    await openTab(user, "Make Order");
    await user.click(await screen.findByRole("button", { name: "Make Order" }));
    expect(await screen.findByText(/There is nothing to create/)).toBeTruthy();
    expect(screen.queryByRole("dialog")).toBeNull();
    expect(host.grids.sheets.map((s) => s.name)).not.toContain("Sales Orders");
  });

  test("a Make Order whose connection dropped after it wrote, confirmed again, makes no second order", async () => {
    // Excel wrote the order, then the answer never came back: the pane saw an error.
    const host = new (class extends MemoryWorkbookHost {
      dropped = false;
      override async update<T extends { plan?: WritePlan }>(decide: (g: WorkbookGrids) => T) {
        const r = await super.update(decide);
        const wroteOrder = r.plan?.writes.some((w) => w.sheet === "Sales Orders");
        if (wroteOrder && !this.dropped) {
          this.dropped = true;
          throw Object.assign(new Error("dropped"), { code: "RequestAborted" });
        }
        return r;
      }
    })(workbook({ blanket: [blanket({ qty: 10, ship: 4 })] }));
    const user = userEvent.setup();
    render(<App host={host} theme={webLightTheme} />);
    await openTab(user, "Make Order");
    const confirm = async () => {
      await user.click(screen.getByRole("button", { name: "Make Order" }));
      await user.click(
        within(await screen.findByRole("dialog")).getByRole("button", { name: "Make Order" })
      );
    };
    await confirm();
    expect(await screen.findByText(/The request to Excel was interrupted/)).toBeTruthy();
    await confirm();
    await waitFor(() => expect(status().textContent).toContain("Made sales order SO-0001"));
    const orders = new Set(records(host.grids, "Sales Orders").map((s) => s["Document No."]));
    expect([...orders]).toEqual(["SO-0001"]);
  });

  test("a quantity that is not a number is flagged beside the field", async () => {
    const { user } = renderPane(workbook());
    await openTab(user, "Make Order");
    const ship = await screen.findByRole("textbox", { name: "Qty. to Ship, line 10000 KIT" });
    await user.type(ship, "four");
    fireEvent.blur(ship);
    expect((await screen.findByRole("alert")).textContent).toBe(
      "Enter a quantity such as 4 or 2.5, or leave it blank."
    );
  });
});

describe("errors", () => {
  test("an Office error becomes a message bar with what to do, chosen by its code", async () => {
    const host = new MemoryWorkbookHost(workbook());
    host.update = async () => {
      throw Object.assign(new Error("RichApi.Error: internal detail 0x80004005"), {
        code: "AccessDenied",
      });
    };
    const user = userEvent.setup();
    render(<App host={host} theme={webLightTheme} />);
    await openTab(user, "Assemble");
    await user.click(screen.getByRole("button", { name: "Assemble" }));
    expect(await screen.findByText("Assemble failed")).toBeTruthy();
    expect(
      screen.getByText(/protected or read-only\. Unprotect it, then try again\./)
    ).toBeTruthy();
    expect(screen.queryByText(/0x80004005/)).toBeNull();
    expect(status().textContent).toContain("Assemble failed.");
  });
});

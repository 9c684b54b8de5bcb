/** Load/sync order checks with Microsoft's office-addin-mock: reading a property not loaded and synced gives an error string. */
import { OfficeMockObject } from "office-addin-mock";
import { ExcelHost } from "../../src/hosts/excel/excelHost";
import { XlContext } from "../../src/hosts/excel/officeApi";

test("selection: loads the address and syncs before reading it", async () => {
  const mock = new OfficeMockObject({
    context: {
      workbook: {
        range: { address: "'Blanket Orders'!M7:M7" },
        getSelectedRange: function () {
          return this.range;
        },
      },
    },
  });
  const host = new ExcelHost((mock as unknown as { context: XlContext }).context);
  expect(await host.selection()).toEqual({ sheet: "Blanket Orders", address: "M7:M7" });
});

test("the mock really catches a read without load and sync", async () => {
  const mock = new OfficeMockObject({
    context: { workbook: { range: { address: "A1" } } },
  }) as unknown as {
    context: { workbook: { range: { address: string } } };
  };
  expect(mock.context.workbook.range.address).toMatch(/not loaded|load/i);
});

test("select: activates the sheet and selects the range in one sync", async () => {
  const mock = new OfficeMockObject({
    context: {
      workbook: {
        worksheets: {
          sheet: {
            activated: false,
            range: {
              selected: "",
              address: "",
              select: function () {
                this.selected = "yes";
              },
            },
            activate: function () {
              this.activated = true;
            },
            getRange: function (address: string) {
              this.range.address = address;
              return this.range;
            },
          },
          getItem: function () {
            return this.sheet;
          },
        },
      },
    },
  }) as unknown as {
    context: XlContext & {
      workbook: {
        worksheets: { sheet: { activated: boolean; range: { selected: string; address: string } } };
      };
    };
  };
  await new ExcelHost(mock.context).select("Sales Orders", "A2:U4");
  const sheet = mock.context.workbook.worksheets.sheet;
  expect(sheet.activated).toBe(true);
  expect(sheet.range.selected).toBe("yes");
  expect(sheet.range.address).toBe("A2:U4");
});

test("culture: loads the name and number separators and syncs once before reading them", async () => {
  const mock = new OfficeMockObject({
    context: {
      application: {
        cultureInfo: {
          name: "sv-SE",
          numberFormat: { numberDecimalSeparator: ",", numberGroupSeparator: "\u00a0" },
        },
      },
    },
  });
  const host = new ExcelHost((mock as unknown as { context: XlContext }).context);
  expect(await host.culture()).toEqual({ name: "sv-SE", decimal: ",", group: "\u00a0" });
});

test("culture: a client without cultureInfo (before ExcelApi 1.11) gives none", async () => {
  const mock = new OfficeMockObject({ context: { application: {} } });
  const host = new ExcelHost((mock as unknown as { context: XlContext }).context);
  expect(await host.culture()).toBeUndefined();
});

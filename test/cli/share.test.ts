/** The customer round trip on real .xlsx files: share, fill in, import, make order; tampered copies refused. */
import * as fs from "fs";
import * as path from "path";
import ExcelJS from "exceljs";
import { blanket, records, workbook } from "../builders";
import { bao, readGrids, tempDir, writeXlsx } from "./xlsx";

let dir: string;
beforeEach(() => {
  dir = tempDir();
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

async function master(): Promise<string> {
  const file = path.join(dir, "master.xlsx");
  await writeXlsx(
    file,
    workbook({
      blanket: [
        blanket({ qty: 10 }),
        blanket({ line: 20000, item: "PART-A", qty: 5, price: 3 }),
        blanket({
          doc: "BSO-2002",
          customer: "C20000",
          qty: 7,
          extra: { "Sell-to Customer Name": "Trey Research" },
        }),
      ],
    })
  );
  expect((await bao("assemble", file)).code).toBe(0);
  return file;
}

async function fillIn(copy: string, edits: Record<string, unknown>[]): Promise<void> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(copy);
  const ws = wb.getWorksheet("Blanket Orders")!;
  const headers = (ws.getRow(1).values as unknown[]).map((h) => String(h ?? ""));
  for (const e of edits)
    ws.getRow(e.row as number).getCell(headers.indexOf(e.column as string)).value =
      e.value as ExcelJS.CellValue;
  await wb.xlsx.writeFile(copy);
}

test("share writes only that customer's orders, sales orders and item specification, protected but for Qty. to Ship", async () => {
  const file = await master();
  const copy = path.join(dir, "copy.xlsx");
  const r = await bao("share", file, "--customer", "c10000", "-o", copy, "--json");
  expect(r.code).toBe(0);
  expect(JSON.parse(r.out)).toMatchObject({ ok: true, blanketOrders: ["BSO-1001"] });
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(copy);
  expect(wb.worksheets.map((w) => w.name)).toEqual([
    "Blanket Orders",
    "Sales Orders",
    "Assembly Specification",
    "Agreed When Shared",
    "Shared Copy",
  ]);
  // Shared On is a date, shown as one; the agreed values are kept, protected.
  const info = wb.getWorksheet("Shared Copy")!;
  const sharedOn = info.getRow(4);
  expect(sharedOn.getCell(1).value).toBe("Shared On");
  expect(sharedOn.getCell(2).value).toBeInstanceOf(Date);
  expect(sharedOn.getCell(2).numFmt).toBe("yyyy-mm-dd");
  const agreed = wb.getWorksheet("Agreed When Shared")!;
  expect((agreed as unknown as { sheetProtection: { sheet: boolean } }).sheetProtection.sheet).toBe(
    true
  );
  expect(
    records(await readGrids(copy), "Agreed When Shared").map((a) => [
      a["Document No."],
      a["Line No."],
      a["No."],
      a.Quantity,
    ])
  ).toEqual([
    ["BSO-1001", 10000, "KIT", 10],
    ["BSO-1001", 20000, "PART-A", 5],
  ]);
  const text = JSON.stringify(records(await readGrids(copy), "Blanket Orders"));
  expect(text).not.toContain("C20000");
  expect(text).not.toContain("Trey");
  const ws = wb.getWorksheet("Blanket Orders")!;
  expect((ws as unknown as { sheetProtection: { sheet: boolean } }).sheetProtection.sheet).toBe(
    true
  );
  const headers = (ws.getRow(1).values as unknown[]).map((h) => String(h ?? ""));
  expect(ws.getRow(2).getCell(headers.indexOf("Qty. to Ship")).protection).toMatchObject({
    locked: false,
  });
  expect(ws.getRow(2).getCell(headers.indexOf("Quantity")).protection?.locked).not.toBe(false);
  const spec = records(await readGrids(copy), "Assembly Specification");
  expect(spec.map((s) => [s["No."], s["Quantity per"]])).toEqual([
    ["PART-A", 2],
    ["PART-B", 1],
  ]);
  expect(Object.keys(spec[0])).not.toContain("Unit Price");
  const none = await bao("share", file, "--customer", "C99999", "-o", path.join(dir, "none.xlsx"));
  expect(none.code).toBe(1);
  expect(fs.existsSync(path.join(dir, "none.xlsx"))).toBe(false);
});

test("round trip: the customer fills in Qty. to Ship, import takes it back, make order proceeds", async () => {
  const file = await master();
  const copy = path.join(dir, "copy.xlsx");
  expect((await bao("share", file, "--customer", "C10000", "-o", copy)).code).toBe(0);
  await fillIn(copy, [
    { row: 2, column: "Qty. to Ship", value: 4 },
    { row: 3, column: "Qty. to Ship", value: 2 },
  ]);
  const r = await bao("import-call-off", file, "--from", copy, "--json");
  expect(r.code).toBe(0);
  expect(JSON.parse(r.out)).toMatchObject({
    ok: true,
    callOff: ["BSO-1001 10000=4", "BSO-1001 20000=2"],
    changes: [
      { blanketOrderNo: "BSO-1001", lineNo: 10000, no: "KIT", old: null, new: 4 },
      { blanketOrderNo: "BSO-1001", lineNo: 20000, no: "PART-A", old: null, new: 2 },
    ],
  });
  // Imported again after the customer changed their mind: old and new side by side.
  await fillIn(copy, [{ row: 2, column: "Qty. to Ship", value: 3 }]);
  const again = await bao("import-call-off", file, "--from", copy);
  expect(again.code).toBe(0);
  expect(again.out).toMatch(/Blanket order\s+Line\s+Item\s+Unit\s+Qty\. to Ship was\s+now/);
  expect(again.out).toMatch(/BSO-1001\s+10000\s+KIT\s+PCS\s+4\s+3/);
  expect(again.out).toMatch(/BSO-1001\s+20000\s+PART-A\s+PCS\s+2\s+2/);
  expect(records(await readGrids(file), "Blanket Orders").map((b) => b["Qty. to Ship"])).toEqual([
    3,
    2,
    null,
  ]);
  const m = await bao("make-order", file, "--order", "BSO-1001", "--date", "2027-01-15", "--json");
  expect(JSON.parse(m.out)).toMatchObject({ ok: true, salesOrder: "SO-0001" });
});

test("a tampered copy is refused and the workbook is left as it was", async () => {
  const file = await master();
  const copy = path.join(dir, "copy.xlsx");
  expect((await bao("share", file, "--customer", "C10000", "-o", copy)).code).toBe(0);
  const cases: [string, Record<string, unknown>[], RegExp][] = [
    [
      "a changed quantity",
      [{ row: 2, column: "Quantity", value: 100 }],
      /Quantity is 100 in the copy but 10 in the agreement/,
    ],
    [
      "another customer's order",
      [{ row: 3, column: "Sell-to Customer No.", value: "C20000" }],
      /is for customer C20000, not C10000/,
    ],
    [
      "an order of another customer by number",
      [{ row: 3, column: "Document No.", value: "BSO-2002" }],
      /not one of customer C10000's blanket orders/,
    ],
  ];
  const before = fs.readFileSync(file);
  for (const [name, edits, message] of cases) {
    const tampered = path.join(dir, `tampered-${name.replace(/\W+/g, "-")}.xlsx`);
    fs.copyFileSync(copy, tampered);
    await fillIn(tampered, [...edits, { row: 2, column: "Qty. to Ship", value: 1 }]);
    const r = await bao("import-call-off", file, "--from", tampered, "--json");
    expect({ name, code: r.code }).toEqual({ name, code: 1 });
    expect(
      JSON.parse(r.out)
        .issues.map((i: { code: string; message: string }) => `${i.code} ${i.message}`)
        .join("\n")
    ).toMatch(message);
    expect(fs.readFileSync(file).equals(before)).toBe(true);
  }
  const notACopy = await bao("import-call-off", file, "--from", file);
  expect(notACopy.code).toBe(1);
  expect(notACopy.out).toMatch(/not a customer copy made by bao share/);
});

async function editMaster(file: string, row: number, column: string, value: ExcelJS.CellValue) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  const ws = wb.getWorksheet("Blanket Orders")!;
  const headers = (ws.getRow(1).values as unknown[]).map((h) => String(h ?? ""));
  ws.getRow(row).getCell(headers.indexOf(column)).value = value;
  await wb.xlsx.writeFile(file);
}

test("round trip where the workbook changed after sharing: COPY_OUTDATED names what moved, an edited copy is COPY_MISMATCH", async () => {
  const file = await master();
  const copy = path.join(dir, "copy.xlsx");
  expect((await bao("share", file, "--customer", "C10000", "-o", copy)).code).toBe(0);
  await fillIn(copy, [{ row: 2, column: "Qty. to Ship", value: 4 }]);
  // The planner raises line 10000 to 12 and moves line 20000's shipment date.
  await editMaster(file, 2, "Quantity", 12);
  await editMaster(file, 3, "Shipment Date", new Date(Date.UTC(2027, 3, 1)));
  const before = fs.readFileSync(file);
  const r = await bao("import-call-off", file, "--from", copy, "--json");
  expect(r.code).toBe(1);
  const out = JSON.parse(r.out);
  expect(out.issues.map((i: { code: string }) => i.code)).toEqual(["COPY_OUTDATED"]);
  expect(out.issues[0]).toMatchObject({ sheet: "Shared Copy", cell: "B4", workbook: "copy.xlsx" });
  expect(out.issues[0].message).toContain(
    "blanket order BSO-1001 line 10000 Quantity 10 -> 12; blanket order BSO-1001 line 20000 Shipment Date 2027-03-01 -> 2027-04-01"
  );
  expect(out.issues[0].message).toMatch(
    /^The copy was made on \d{4}-\d\d-\d\d, and the agreement changed since/
  );
  expect(out.issues[0].message).toContain("Share a new copy");
  expect(fs.readFileSync(file).equals(before)).toBe(true);
  // The customer also edited a protected value: both are said, each for what it is.
  await fillIn(copy, [{ row: 3, column: "Quantity", value: 50 }]);
  const both = JSON.parse((await bao("import-call-off", file, "--from", copy, "--json")).out);
  expect(both.issues.map((i: { code: string }) => i.code).sort()).toEqual([
    "COPY_MISMATCH",
    "COPY_OUTDATED",
  ]);
  expect(both.issues.find((i: { code: string }) => i.code === "COPY_MISMATCH").message).toContain(
    "Quantity is 50 in the copy but 5 in the agreement"
  );
  // A new copy of the changed workbook imports.
  const fresh = path.join(dir, "fresh.xlsx");
  expect((await bao("share", file, "--customer", "C10000", "-o", fresh)).code).toBe(0);
  await fillIn(fresh, [{ row: 2, column: "Qty. to Ship", value: 12 }]);
  const ok = await bao("import-call-off", file, "--from", fresh, "--json");
  expect(JSON.parse(ok.out)).toMatchObject({ ok: true, callOff: ["BSO-1001 10000=12"] });
});

test("a copy made before agreed values were kept is compared with the workbook as it is", async () => {
  const file = await master();
  const copy = path.join(dir, "copy.xlsx");
  expect((await bao("share", file, "--customer", "C10000", "-o", copy)).code).toBe(0);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(copy);
  wb.removeWorksheet(wb.getWorksheet("Agreed When Shared")!.id);
  await wb.xlsx.writeFile(copy);
  await fillIn(copy, [{ row: 2, column: "Qty. to Ship", value: 4 }]);
  expect(
    JSON.parse((await bao("import-call-off", file, "--from", copy, "--json")).out)
  ).toMatchObject({
    ok: true,
    callOff: ["BSO-1001 10000=4"],
  });
  await editMaster(file, 2, "Quantity", 12);
  const r = JSON.parse((await bao("import-call-off", file, "--from", copy, "--json")).out);
  expect(r.issues.map((i: { code: string; message: string }) => [i.code, i.message])).toEqual([
    [
      "COPY_MISMATCH",
      "Blanket order BSO-1001 line 10000: Quantity is 10 in the copy but 12 in the agreement. Only Qty. to Ship may be changed in a customer copy.",
    ],
  ]);
});

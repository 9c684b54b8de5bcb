import fc from "fast-check";
import { assemble, makeOrder, validate } from "../../src/engine";
import { CellValue, WorkbookGrids } from "../../src/workbook/grid";
import { apply, atoItem, blanket, bom, date, edit, item, records, workbook } from "../builders";

const DAY = date("2027-01-15");

/** Calls off `qty` of BSO-1001 line 10000; the call-off must be made. */
function callOff(g: WorkbookGrids, qty: number): WorkbookGrids {
  const r = makeOrder(g, {
    blanketOrderNo: "BSO-1001",
    orderDate: DAY,
    qtyToShip: new Map([[10000, qty]]),
  });
  expect(r.ok).toBe(true);
  return apply(g, r.plan);
}
/** FC_SCALE=20 npm run test:unit -- properties: a longer hunt than npm test's bounded slice. */
const runs = (n: number): number => n * Number(process.env.FC_SCALE ?? 1);
/** A quantity with up to 5 decimals, as a planner types it. */
const qty = (min: number, max: number) =>
  fc.integer({ min: min * 100000, max: max * 100000 }).map((n) => n / 100000);

const cell: fc.Arbitrary<CellValue> = fc.oneof(
  fc.constant(null),
  fc.string({ maxLength: 12 }),
  fc.constantFrom(
    "Item",
    "Resource",
    "Fixed",
    "Direct",
    "Assemble-to-Order",
    "KIT",
    "PART-A",
    "BSO-1001",
    "2027-02-30",
    "=1+1",
    " 12.5 ",
    "-0"
  ),
  fc.double({ noNaN: false }),
  fc.integer({ min: -5, max: 50000 }),
  fc.boolean(),
  fc.constantFrom<CellValue>({ error: "#N/A" }, { error: "#REF!" })
);

const headerPool = [
  "No.",
  "Description",
  "Assembly Policy",
  "Parent Item No.",
  "Line No.",
  "Type",
  "Quantity per",
  "Document No.",
  "Sell-to Customer No.",
  "Quantity",
  "Qty. to Assemble to Order",
  "Qty. to Ship",
  "Unit of Measure Code",
  "Resource Usage Type",
  "Item No.",
  "Code",
  "Qty. per Unit of Measure",
  "Assembly Order No.",
  "Blanket Order No.",
  "Blanket Order Line No.",
  "Setting",
  "Value",
  "Shipment Date",
  "Line Discount %",
  "x",
];

const randomSheet = (name: string) =>
  fc
    .record({
      headers: fc.array(fc.oneof(fc.constantFrom(...headerPool), cell), { maxLength: 10 }),
      rows: fc.array(fc.array(cell, { maxLength: 10 }), { maxLength: 8 }),
      blankTop: fc.nat(3),
    })
    .map(({ headers, rows, blankTop }) => ({
      name,
      rows: [...Array.from({ length: blankTop }, () => []), headers, ...rows],
    }));

const randomWorkbook: fc.Arbitrary<WorkbookGrids> = fc
  .subarray([
    "Items",
    "Item Units",
    "Resources",
    "Assembly BOMs",
    "Blanket Orders",
    "Blanket Assembly Orders",
    "Sales Orders",
    "Assembly Orders",
    "Setup",
  ])
  .chain((names) => fc.tuple(...names.map(randomSheet)))
  .map((sheets) => ({ sheets }));

describe("properties", () => {
  test("reading random grids never throws; every issue has a code, sheet, cell and message", () => {
    fc.assert(
      fc.property(randomWorkbook, (grids) => {
        const v = validate(grids);
        expect(v.ok).toBe(v.errors === 0);
        const writers = [
          assemble(grids),
          makeOrder(grids, { blanketOrderNo: "BSO-1001", orderDate: DAY }),
        ];
        for (const w of writers) expect(w.ok).toBe(w.plan !== undefined);
        for (const r of [v, ...writers]) {
          for (const i of r.issues) {
            expect(i.code).toMatch(/^[A-Z_]+$/);
            expect(i.sheet.length).toBeGreaterThan(0);
            expect(i.cell).toMatch(/^[A-Z]+[1-9][0-9]*$/);
            expect(i.message.length).toBeGreaterThan(10);
          }
        }
      }),
      { numRuns: runs(300) }
    );
  });

  test("assemble twice = assemble once, with random BOMs, units and customizations", () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            qtyPer: qty(0.00001, 50),
            usage: fc.constantFrom("Direct", "Fixed", null),
            resource: fc.boolean(),
          }),
          { minLength: 1, maxLength: 5 }
        ),
        fc.array(fc.record({ qty: qty(0.00001, 1000), box: fc.boolean() }), {
          minLength: 1,
          maxLength: 4,
        }),
        fc.array(fc.record({ line: fc.nat(20), qtyPer: qty(0.00001, 99) }), { maxLength: 4 }),
        (bomLines, lines, edits) => {
          let g = workbook({
            items: [atoItem("KIT"), item("PART-A")],
            resources: [{ "No.": "RES" }],
            units: [{ "Item No.": "KIT", Code: "BOX", "Qty. per Unit of Measure": 12 }],
            boms: bomLines.map((b, i) =>
              b.resource
                ? bom("KIT", (i + 1) * 10000, "RES", b.qtyPer, {
                    Type: "Resource",
                    "Resource Usage Type": b.usage,
                  })
                : bom("KIT", (i + 1) * 10000, "PART-A", b.qtyPer)
            ),
            blanket: lines.map((l, i) =>
              blanket({ line: (i + 1) * 10000, qty: l.qty, uom: l.box ? "BOX" : "PCS" })
            ),
          });
          g = apply(g, assemble(g).plan);
          const rows = records(g, "Blanket Assembly Orders").length;
          for (const e of edits)
            g = edit(g, "Blanket Assembly Orders", e.line % rows, "Quantity per", e.qtyPer);
          const once = apply(g, assemble(g).plan);
          const twice = apply(once, assemble(once).plan);
          expect(twice).toEqual(once);
          // Customized Quantity per values survive.
          const after = records(once, "Blanket Assembly Orders");
          const before = records(g, "Blanket Assembly Orders");
          expect(after.map((r) => r["Quantity per"])).toEqual(before.map((r) => r["Quantity per"]));
        }
      ),
      { numRuns: runs(100) }
    );
  });

  test("random valid call-offs never exceed the line; fully called off, assembly orders add up to the blanket assembly order", () => {
    fc.assert(
      fc.property(
        qty(1, 500),
        fc.array(qty(0.00001, 0.6), { minLength: 1, maxLength: 6 }),
        fc.array(qty(0.00001, 7), { minLength: 1, maxLength: 3 }),
        (total, shares, perUnit) => {
          let g = workbook({
            boms: perUnit.map((q, i) => bom("KIT", (i + 1) * 10000, "PART-A", q)),
            blanket: [blanket({ qty: total })],
          });
          g = apply(g, assemble(g).plan);
          let ordered = 0;
          const calls = [
            ...shares.map((s) => Math.max(0.00001, Math.round(total * s * 1e5) / 1e5)),
            total,
          ];
          for (const want of calls) {
            const rest = Math.round((total - ordered) * 1e5) / 1e5;
            const call = Math.min(want, rest);
            if (call <= 0) break;
            g = callOff(g, call);
            ordered = Math.round((ordered + call) * 1e5) / 1e5;
            const line = records(g, "Blanket Orders")[0];
            const salesSum = records(g, "Sales Orders").reduce(
              (s, x) => s + Math.round((x.Quantity as number) * 1e5),
              0
            );
            expect(Math.round((line["Quantity Ordered"] as number) * 1e5)).toBe(salesSum);
            expect(line["Quantity Ordered"] as number).toBeLessThanOrEqual(total);
          }
          // One more unit is always refused.
          const over = makeOrder(g, {
            blanketOrderNo: "BSO-1001",
            orderDate: DAY,
            qtyToShip: new Map([[10000, 1]]),
          });
          expect(over.ok).toBe(false);
          const bao = records(g, "Blanket Assembly Orders");
          const ao = records(g, "Assembly Orders");
          for (const b of bao) {
            const sum = ao
              .filter((l) => l["Line No."] === b["Line No."])
              .reduce((s, l) => s + Math.round((l.Quantity as number) * 1e5), 0);
            expect(sum).toBe(Math.round((b.Quantity as number) * 1e5));
          }
        }
      ),
      { numRuns: runs(80) }
    );
  });

  test("call-offs interleaved with customizations: each component's call-offs add up to the sum of Quantity per x quantity as each used it, never below 0", () => {
    const scaled = (v: number): bigint => BigInt(Math.round(v * 1e5));
    fc.assert(
      fc.property(
        qty(1, 300),
        fc.array(qty(0.00001, 7), { minLength: 1, maxLength: 3 }),
        fc.array(
          fc.record({
            share: qty(0.00001, 0.7),
            // Before this call-off, a component line's Quantity per is changed (or not).
            customize: fc.option(fc.record({ line: fc.nat(2), quantityPer: qty(0.00001, 9) })),
          }),
          { minLength: 1, maxLength: 5 }
        ),
        (total, perUnit, steps) => {
          let g = workbook({
            boms: perUnit.map((q, i) => bom("KIT", (i + 1) * 10000, "PART-A", q)),
            blanket: [blanket({ qty: total })],
          });
          g = apply(g, assemble(g).plan);
          let ordered = 0;
          const calls = [...steps, { share: 1, customize: null }];
          for (const step of calls) {
            if (step.customize && step.customize.line < perUnit.length)
              g = edit(
                g,
                "Blanket Assembly Orders",
                step.customize.line,
                "Quantity per",
                step.customize.quantityPer
              );
            const rest = Math.round((total - ordered) * 1e5) / 1e5;
            const call =
              step.share === 1
                ? rest
                : Math.min(rest, Math.max(0.00001, Math.round(total * step.share * 1e5) / 1e5));
            if (call <= 0) break;
            g = callOff(g, call);
            ordered = Math.round((ordered + call) * 1e5) / 1e5;
          }
          expect(ordered).toBe(total);
          const ao = records(g, "Assembly Orders");
          for (let i = 0; i < perUnit.length; i++) {
            const uses = ao.filter((l) => l["Line No."] === (i + 1) * 10000);
            for (const u of uses) expect(u.Quantity as number).toBeGreaterThanOrEqual(0);
            // Sum of Quantity per x Assembly Quantity as each assembly order states it, to 0.00001.
            let products = 0n;
            for (const u of uses)
              products +=
                scaled(u["Quantity per"] as number) * scaled(u["Assembly Quantity"] as number);
            const need = (products + 50000n) / 100000n;
            const taken = uses.reduce((sum, u) => sum + scaled(u.Quantity as number), 0n);
            expect(taken).toBe(need);
          }
        }
      ),
      { numRuns: runs(80) }
    );
  });
});

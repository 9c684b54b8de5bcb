import { assemble, makeOrder, validate } from "../../src/engine";
import { apply, blanket, records, workbook, date } from "../builders";

test("smoke", () => {
  const wb = workbook({ blanket: [blanket({ qty: 10, ship: 4 })] });
  const v = validate(wb);
  expect(v.issues).toEqual([]);
  const a = assemble(wb);
  expect(a.ok).toBe(true);
  const wb2 = apply(wb, a.plan);
  console.log(JSON.stringify(records(wb2, "Blanket Assembly Orders"), null, 0));
  const m = makeOrder(wb2, { orderNo: "BSO-1001", orderDate: date("2027-01-15") });
  console.log(JSON.stringify(m.issues));
  const wb3 = apply(wb2, m.plan);
  console.log(JSON.stringify(records(wb3, "Sales Orders")));
  console.log(JSON.stringify(records(wb3, "Assembly Orders")));
  console.log(JSON.stringify(records(wb3, "Blanket Orders")));
  console.log(JSON.stringify(records(wb3, "Setup")));
});

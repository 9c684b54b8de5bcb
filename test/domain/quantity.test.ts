import {
  addQty,
  compareQty,
  divQty,
  lineAmount,
  mulQty,
  roundAmount,
  roundQty,
  subQty,
  sumQty,
} from "../../src/domain/quantity";

describe("exact quantities", () => {
  test("binary drift never survives: 0.1 x 3 is 0.3, 0.1 + 0.2 is 0.3", () => {
    expect(mulQty(0.1, 3)).toBe(0.3);
    expect(addQty(0.1, 0.2)).toBe(0.3);
    expect(sumQty([0.1, 0.1, 0.1])).toBe(0.3);
    expect(subQty(0.3, 0.1)).toBe(0.2);
  });

  test("rounds to 0.00001 half away from zero, reading the decimal as written", () => {
    expect(roundQty(1.000005)).toBe(1.00001);
    expect(roundQty(-1.000005)).toBe(-1.00001);
    expect(roundQty(1.000004999)).toBe(1);
    expect(roundQty(2.5e-6)).toBe(0);
    expect(roundQty(5e-6)).toBe(0.00001);
    expect(roundQty(1234567.123456)).toBe(1234567.12346);
  });

  test("amounts round to 0.01 half away from zero", () => {
    expect(roundAmount(2.675)).toBe(2.68);
    expect(roundAmount(-2.675)).toBe(-2.68);
    expect(roundAmount(1.005)).toBe(1.01);
  });

  test("products and quotients round once, at the end", () => {
    expect(mulQty(0.33333, 3)).toBe(0.99999);
    expect(mulQty(1.5, 2.5)).toBe(3.75);
    expect(mulQty(0.00001, 0.5)).toBe(0.00001);
    expect(divQty(10, 3)).toBe(3.33333);
    expect(divQty(20, 3)).toBe(6.66667);
    expect(divQty(-20, 3)).toBe(-6.66667);
    expect(divQty(mulQty(12, 1), 6)).toBe(2);
  });

  test("large operands fall back to exact big integers", () => {
    expect(mulQty(999999999999, 1000)).toBe(999999999999000);
    expect(mulQty(123456.78901, 98765.4321)).toBe(12193263112.25118); // Python decimal, ROUND_HALF_UP;
    expect(addQty(999999999999999, 0)).toBe(999999999999999);
  });

  test("compareQty is exact", () => {
    expect(compareQty(0.1 + 0.2, 0.3)).toBe(0);
    expect(compareQty(0.30001, 0.3)).toBe(1);
    expect(compareQty(-1, 0)).toBe(-1);
  });

  test("BC's line amount: A = Qty x Price to 0.01, D = A x Disc% / 100 to 0.01, A - D", () => {
    expect(lineAmount(3, 19.99, 7.5)).toBe(55.47); // A 59.97, D 4.49775 -> 4.50
    expect(lineAmount(1, 0.125, 0)).toBe(0.13);
    expect(lineAmount(7, 33.33333, 10)).toBe(210); // A 233.33, D 23.333 -> 23.33
    expect(lineAmount(2, 10, 100)).toBe(0);
    expect(lineAmount(0.5, 0.01, 0)).toBe(0.01);
  });
});

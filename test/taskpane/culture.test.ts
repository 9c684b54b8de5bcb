/** Numbers and dates as the planner writes them, in the workbook's culture. */
import {
  cultureOf,
  formatDateIn,
  formatNumber,
  parseDateIn,
  parseNumber,
} from "../../src/taskpane/culture";
import { date } from "../builders";

const sv = cultureOf("sv-SE");
const us = cultureOf("en-US");
const de = cultureOf("de-DE");

test("a decimal comma where the culture has one; group separators only between groups of three", () => {
  expect([sv.decimalSeparator, us.decimalSeparator, de.decimalSeparator]).toEqual([",", ".", ","]);
  expect(parseNumber("1,5", sv)).toBe(1.5);
  expect(parseNumber("1 234,5", sv)).toBe(1234.5);
  expect(parseNumber("1\u00a0234,5", sv)).toBe(1234.5);
  expect(parseNumber("1.5", sv)).toBe(1.5); // a point is a decimal point where it groups nothing
  expect(parseNumber("1.234,5", de)).toBe(1234.5);
  expect(parseNumber("1.5", de)).toBeUndefined(); // in German that is neither 1.5 nor 15
  expect(parseNumber("1,234.5", us)).toBe(1234.5);
  expect(parseNumber("1,5", us)).toBeUndefined(); // not 15, not 1.5: asked again
  expect(parseNumber("", sv)).toBeNull();
  for (const bad of ["four", "1,2,3", "-1", "1e3", "12 pcs"])
    expect({ bad, parsed: parseNumber(bad, sv) }).toEqual({ bad, parsed: undefined });
});

test("numbers and amounts shown with the culture's separators (Excel's own settings win)", () => {
  expect(formatNumber(1234.5, 5, 0, sv)).toBe("1\u00a0234,5");
  expect(formatNumber(1234.5, 2, 2, us)).toBe("1,234.50");
  const excel = cultureOf("en-US", { decimal: ",", group: "." });
  expect(formatNumber(1234.5, 2, 2, excel)).toBe("1.234,50");
  expect(parseNumber("1.234,5", excel)).toBe(1234.5);
});

test("dates in the culture's short date order, typed that way or as YYYY-MM-DD", () => {
  expect(formatDateIn(date("2026-12-01"), sv)).toBe("2026-12-01");
  expect(formatDateIn(date("2026-12-01"), us)).toBe("12/01/2026");
  expect(formatDateIn(date("2026-12-01"), de)).toBe("01.12.2026");
  expect(parseDateIn("1/15/2027", us)).toBe(date("2027-01-15"));
  expect(parseDateIn("15.1.2027", de)).toBe(date("2027-01-15"));
  expect(parseDateIn("2027-01-15", us)).toBe(date("2027-01-15"));
  for (const bad of ["2027-02-30", "13/01/2027", "1/15/27", "tomorrow"])
    expect({ bad, parsed: parseDateIn(bad, us) }).toEqual({ bad, parsed: undefined });
});

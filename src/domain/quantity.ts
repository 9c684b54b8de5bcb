/**
 * Exact decimal arithmetic for quantities (0.00001, BC's default rounding precision)
 * and amounts (0.01), rounding half away from zero.
 *
 * Values travel as JS numbers that are the nearest double to a short decimal; every
 * operation works on scaled integers, so binary drift never reaches a cell (0.1 x 3 is
 * 0.3). Small operands use safe-integer arithmetic (the hot path for a million assembly
 * lines); anything beyond 2^53 falls back to BigInt.
 */

export const QTY_DECIMALS = 5;
export const AMOUNT_DECIMALS = 2;
/** Largest input quantity, quantity per or price (Excel keeps 15 significant digits). */
export const MAX_INPUT = 999_999_999_999;
/** Largest computed quantity or amount the product writes. */
export const MAX_COMPUTED = 999_999_999_999_999;

const POW10 = [
  1, 10, 100, 1000, 10000, 100000, 1000000, 10000000, 100000000, 1000000000, 10000000000,
];
const QTY_SCALE = POW10[QTY_DECIMALS];
/** Below this size, x * 1e5 is within 0.5 of the exact scaled integer. */
const FAST_LIMIT = 9e10;

/**
 * The number as the decimal it prints as (15 significant digits, which cleans binary
 * noise: 1.000005 is stored as 1.0000049999...), scaled by 10^decimals and rounded half
 * away from zero, as an exact BigInt.
 */
function toScaledBig(x: number, decimals: number): bigint {
  const [mantissa, expText] = Math.abs(x).toPrecision(15).split("e");
  const [intDigits, fracDigits = ""] = mantissa.split(".");
  // Shift the decimal point by the exponent and by `decimals`.
  const shift = Number(expText ?? 0) + decimals;
  const digits = intDigits + fracDigits;
  const point = intDigits.length + shift;
  let kept: string;
  let firstDropped: string;
  if (point <= 0) {
    kept = "0";
    firstDropped = point === 0 ? digits[0] : "0";
  } else if (point >= digits.length) {
    kept = digits + "0".repeat(point - digits.length);
    firstDropped = "0";
  } else {
    kept = digits.slice(0, point);
    firstDropped = digits[point];
  }
  let scaled = BigInt(kept);
  if (firstDropped >= "5") scaled += 1n;
  return x < 0 ? -scaled : scaled;
}

function fromScaledBig(v: bigint, decimals: number): number {
  const neg = v < 0n;
  const digits = (neg ? -v : v).toString().padStart(decimals + 1, "0");
  const text =
    digits.slice(0, digits.length - decimals) + "." + digits.slice(digits.length - decimals);
  return Number((neg ? "-" : "") + text);
}

/** Integer division rounding half away from zero, for BigInt. */
function divRoundBig(n: bigint, d: bigint): bigint {
  const neg = n < 0n !== d < 0n;
  const an = n < 0n ? -n : n;
  const ad = d < 0n ? -d : d;
  let q = an / ad;
  if ((an % ad) * 2n >= ad) q += 1n;
  return neg ? -q : q;
}

/** Integer division rounding half away from zero, for safe integers. */
function divRound(n: number, d: number): number {
  const an = Math.abs(n);
  let q = Math.floor(an / d);
  let r = an - q * d;
  if (r < 0) {
    q -= 1;
    r += d;
  } else if (r >= d) {
    q += 1;
    r -= d;
  }
  if (r * 2 >= d) q += 1;
  return n < 0 ? -q : q;
}

/** Rounds a number to `decimals` places, half away from zero, reading it as the decimal it prints as. */
export function roundTo(x: number, decimals: number): number {
  if (!Number.isFinite(x)) return x;
  // Hot path: a value that already has at most `decimals` decimals is its own rounding
  // (k / 10^d === x means x is the double nearest to that decimal).
  const scale = POW10[decimals];
  if (Math.abs(x) < FAST_LIMIT) {
    const k = Math.round(x * scale);
    if (k / scale === x) return x || 0;
  }
  return fromScaledBig(toScaledBig(x, decimals), decimals) || 0;
}

export const roundQty = (x: number): number => roundTo(x, QTY_DECIMALS);
export const roundAmount = (x: number): number => roundTo(x, AMOUNT_DECIMALS);

/** Product of two quantities (each already at most 5 decimals), rounded to 5 decimals. */
export function mulQty(a: number, b: number): number {
  if (Math.abs(a) < FAST_LIMIT && Math.abs(b) < FAST_LIMIT) {
    const p = Math.round(a * QTY_SCALE) * Math.round(b * QTY_SCALE);
    if (Number.isSafeInteger(p)) return divRound(p, QTY_SCALE) / QTY_SCALE || 0;
  }
  const p = toScaledBig(a, QTY_DECIMALS) * toScaledBig(b, QTY_DECIMALS);
  return fromScaledBig(divRoundBig(p, BigInt(QTY_SCALE)), QTY_DECIMALS) || 0;
}

/** Quotient of two quantities, rounded to 5 decimals. */
export function divQty(a: number, b: number): number {
  if (b === 0) throw new RangeError("division by zero");
  const n = toScaledBig(a, QTY_DECIMALS) * BigInt(QTY_SCALE);
  return fromScaledBig(divRoundBig(n, toScaledBig(b, QTY_DECIMALS)), QTY_DECIMALS) || 0;
}

export function addQty(a: number, b: number): number {
  if (Math.abs(a) < FAST_LIMIT && Math.abs(b) < FAST_LIMIT) {
    return (Math.round(a * QTY_SCALE) + Math.round(b * QTY_SCALE)) / QTY_SCALE || 0;
  }
  return (
    fromScaledBig(toScaledBig(a, QTY_DECIMALS) + toScaledBig(b, QTY_DECIMALS), QTY_DECIMALS) || 0
  );
}

export const subQty = (a: number, b: number): number => addQty(a, -b);

/**
 * Σ a x b over the pairs, exact, rounded once to 5 decimals (conservation across call-offs
 * that used different Quantity per values: each product is not rounded on its own).
 */
export function sumOfProductsQty(pairs: Iterable<readonly [number, number]>): number {
  let total = 0n;
  for (const [a, b] of pairs) total += toScaledBig(a, QTY_DECIMALS) * toScaledBig(b, QTY_DECIMALS);
  return fromScaledBig(divRoundBig(total, BigInt(QTY_SCALE)), QTY_DECIMALS) || 0;
}

/**
 * Σ a x b over the pairs, divided by d, exact until one rounding to 5 decimals: BC's Roll
 * Up Price, Σ (component price x Quantity) / assembly Quantity at unit-amount precision.
 */
export function sumOfProductsOver(pairs: Iterable<readonly [number, number]>, d: number): number {
  if (d === 0) throw new RangeError("division by zero");
  let total = 0n;
  for (const [a, b] of pairs) total += toScaledBig(a, QTY_DECIMALS) * toScaledBig(b, QTY_DECIMALS);
  return fromScaledBig(divRoundBig(total, toScaledBig(d, QTY_DECIMALS)), QTY_DECIMALS) || 0;
}

/** An amount: a x b rounded to 0.01 (BC's Cost Amount of an assembly line, Unit Cost x Quantity). */
export function mulAmount(a: number, b: number): number {
  const p = toScaledBig(a, QTY_DECIMALS) * toScaledBig(b, QTY_DECIMALS);
  return fromScaledBig(divRoundBig(p, 10n ** 8n), AMOUNT_DECIMALS) || 0;
}

export function sumQty(values: Iterable<number>): number {
  let total = 0;
  for (const v of values) total = addQty(total, v);
  return total;
}

/** Compares two quantities exactly: negative, zero or positive. */
export function compareQty(a: number, b: number): number {
  const d = subQty(a, b);
  return d < 0 ? -1 : d > 0 ? 1 : 0;
}

/**
 * BC's line amount: A = Quantity x Unit Price rounded to 0.01, D = A x Line Discount % / 100
 * rounded to 0.01, Line Amount = A - D.
 */
export function lineAmount(quantity: number, unitPrice: number, discountPct: number): number {
  const a = toScaledBig(quantity, QTY_DECIMALS) * toScaledBig(unitPrice, QTY_DECIMALS);
  const amount = divRoundBig(a, 10n ** 8n); // scale 1e10 -> 1e2
  const discount = divRoundBig(amount * toScaledBig(discountPct, QTY_DECIMALS), 10n ** 7n); // 1e2*1e5/100 -> 1e2
  return fromScaledBig(amount - discount, AMOUNT_DECIMALS) || 0;
}

/** Formats a quantity for a message, as a planner would write it (no trailing zeros, no drift). */
export function formatQty(x: number): string {
  return String(roundQty(x));
}

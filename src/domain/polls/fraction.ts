// Every threshold in a decision rule is compared by exact integer
// cross-multiplication (BigInt), never by floating point, so 2/3 of 3 votes is
// exactly 2 and a reader can redo every comparison by hand from the stored
// numerator and denominator. Fractions are kept unreduced for the same reason:
// "8/12" tells a reader what was counted, "2/3" does not.

export interface Fraction {
  readonly numerator: number;
  readonly denominator: number;
}

export type Comparator = ">" | ">=";

function assertCount(value: number, name: string): void {
  if (!Number.isSafeInteger(value) || value < 0) {
    throw new RangeError(`${name} must be a non-negative safe integer, got ${value}`);
  }
}

export function fraction(numerator: number, denominator: number): Fraction {
  assertCount(numerator, "numerator");
  assertCount(denominator, "denominator");
  return { numerator, denominator };
}

/**
 * Whether `value` <comparator> `threshold`. A fraction with a zero denominator
 * (nobody eligible, nobody took part) meets no threshold: "0 of 0" is not a
 * quorum and not an approval.
 */
export function meets(value: Fraction, comparator: Comparator, threshold: Fraction): boolean {
  if (value.denominator === 0 || threshold.denominator === 0) return false;
  const left = BigInt(value.numerator) * BigInt(threshold.denominator);
  const right = BigInt(threshold.numerator) * BigInt(value.denominator);
  return comparator === ">" ? left > right : left >= right;
}

export const ONE_HALF: Fraction = fraction(1, 2);
export const TWO_THIRDS: Fraction = fraction(2, 3);
export const THREE_QUARTERS: Fraction = fraction(3, 4);

export function percent(q: number): Fraction {
  return fraction(q, 100);
}

/** Sum of non-negative safe integers, refusing to lose precision silently. */
export function exactSum(values: Iterable<number>): number {
  let total = 0n;
  for (const v of values) {
    assertCount(v, "summand");
    total += BigInt(v);
  }
  if (total > BigInt(Number.MAX_SAFE_INTEGER)) throw new RangeError("sum exceeds the safe integer range");
  return Number(total);
}

// Areas of uncertainty: statements on which more than 30% of their voters
// passed — people are unsure, or the statement is unclear.

export interface UncertaintyEntry {
  readonly statement: number;
  readonly passRate: number;
  readonly seen: number;
}

/** Ranked by pass rate, then by votes seen (more evidence first), then statement order. */
export function areasOfUncertainty(pass: ArrayLike<number>, seen: ArrayLike<number>, max = 5, threshold = 0.3): UncertaintyEntry[] {
  const out: UncertaintyEntry[] = [];
  for (let s = 0; s < seen.length; s++) {
    const n = seen[s]!;
    if (n === 0) continue;
    const passRate = pass[s]! / n;
    if (passRate > threshold) out.push({ statement: s, passRate, seen: n });
  }
  out.sort((a, b) => b.passRate - a.passRate || b.seen - a.seen || a.statement - b.statement);
  return out.slice(0, max);
}

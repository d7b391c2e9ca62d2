// The small statistics Pol.is builds everything from (domain.md §3).

/** One-tailed 90% critical value of the standard normal. */
export const Z_90 = 1.2816;

/** (successes + 1) / (seen + 2): a share with a +1 pseudo-count on each side. */
export function smoothedProportion(successes: number, seen: number): number {
  return (successes + 1) / (seen + 2);
}

/** 2·sqrt(seen + 1)·((successes + 1)/(seen + 1) − 0.5): is the share above one half? (pat, pdt) */
export function proportionZ(successes: number, seen: number): number {
  return 2 * Math.sqrt(seen + 1) * ((successes + 1) / (seen + 1) - 0.5);
}

/**
 * Two-proportion z-test of "in" against "out", with +1 added to all four counts
 * (rat, rdt). 0 when the pooled share is 1, where the test is undefined.
 */
export function twoProportionZ(successesIn: number, seenIn: number, successesOut: number, seenOut: number): number {
  const s1 = successesIn + 1;
  const n1 = seenIn + 1;
  const s2 = successesOut + 1;
  const n2 = seenOut + 1;
  const pooled = (s1 + s2) / (n1 + n2);
  if (pooled >= 1) return 0;
  return (s1 / n1 - s2 / n2) / Math.sqrt(pooled * (1 - pooled) * (1 / n1 + 1 / n2));
}

export interface StatementGroupStats {
  readonly na: number;
  readonly nd: number;
  readonly ns: number;
  readonly pa: number;
  readonly pd: number;
  readonly pat: number;
  readonly pdt: number;
}

/** na agrees, nd disagrees, ns votes seen (passes count in ns). */
export function statementGroupStats(na: number, nd: number, ns: number): StatementGroupStats {
  return {
    na,
    nd,
    ns,
    pa: smoothedProportion(na, ns),
    pd: smoothedProportion(nd, ns),
    pat: proportionZ(na, ns),
    pdt: proportionZ(nd, ns),
  };
}

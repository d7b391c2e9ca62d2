// How much two results agree: the adjusted Rand index of two partitions and the
// Spearman rank correlation of two lists of values. Used to set our analysis
// beside Pol.is's own figures in an export.

function choose2(n: number): number {
  return (n * (n - 1)) / 2;
}

/**
 * Adjusted Rand index (Hubert & Arabie): agreement of two partitions of the same
 * items, 1 for identical partitions (up to label names), about 0 for chance.
 */
export function adjustedRandIndex(a: readonly (string | number)[], b: readonly (string | number)[]): number {
  if (a.length !== b.length) throw new Error(`partitions differ in size: ${a.length} vs ${b.length}`);
  const n = a.length;
  const table = new Map<string, number>();
  const rows = new Map<string | number, number>();
  const cols = new Map<string | number, number>();
  for (let i = 0; i < n; i++) {
    const x = a[i]!;
    const y = b[i]!;
    const key = JSON.stringify([x, y]);
    table.set(key, (table.get(key) ?? 0) + 1);
    rows.set(x, (rows.get(x) ?? 0) + 1);
    cols.set(y, (cols.get(y) ?? 0) + 1);
  }
  let index = 0;
  for (const c of table.values()) index += choose2(c);
  let sumRows = 0;
  for (const c of rows.values()) sumRows += choose2(c);
  let sumCols = 0;
  for (const c of cols.values()) sumCols += choose2(c);
  const total = choose2(n);
  const expected = total === 0 ? 0 : (sumRows * sumCols) / total;
  const max = (sumRows + sumCols) / 2;
  if (max === expected) return 1;
  return (index - expected) / (max - expected);
}

/** Ranks 1…n, ties sharing their mean rank. */
export function ranks(values: readonly number[]): number[] {
  const order = values.map((_, i) => i).sort((i, j) => values[i]! - values[j]!);
  const out = new Array<number>(values.length);
  for (let k = 0; k < order.length; ) {
    let end = k;
    while (end + 1 < order.length && values[order[end + 1]!] === values[order[k]!]) end++;
    const rank = (k + end) / 2 + 1;
    for (let m = k; m <= end; m++) out[order[m]!] = rank;
    k = end + 1;
  }
  return out;
}

/** Spearman's rank correlation (Pearson's of the ranks, ties averaged); null with fewer than 2 pairs or no spread. */
export function spearman(a: readonly number[], b: readonly number[]): number | null {
  if (a.length !== b.length) throw new Error(`lists differ in length: ${a.length} vs ${b.length}`);
  const n = a.length;
  if (n < 2) return null;
  const ra = ranks(a);
  const rb = ranks(b);
  const mean = (n + 1) / 2;
  let sab = 0;
  let saa = 0;
  let sbb = 0;
  for (let i = 0; i < n; i++) {
    const da = ra[i]! - mean;
    const db = rb[i]! - mean;
    sab += da * db;
    saa += da * da;
    sbb += db * db;
  }
  if (saa === 0 || sbb === 0) return null;
  return sab / Math.sqrt(saa * sbb);
}

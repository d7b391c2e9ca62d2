// Adjusted Rand index (Hubert & Arabie): agreement of two partitions of the same
// items, 1 for identical partitions (up to label names), about 0 for chance.

function choose2(n: number): number {
  return (n * (n - 1)) / 2;
}

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

/** The p-th percentile (0–100) of some samples, by nearest rank. */
export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) return NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

/** One line of benchmark output: what, the figure, and the goal it is held to. */
export function report(what: string, figure: string, goal?: string): void {
  console.log(`${what.padEnd(58)} ${figure.padStart(12)}${goal ? `   (goal ${goal})` : ""}`);
}

// A ranked ballot as a voter builds it: "option → rank" pairs (tap an option,
// give it a rank). Turned into the canonical preference order, or refused.
// Ranks start at 1 and must be contiguous: {a: 1, b: 3} has a gap (no rank 2),
// {a: 1, b: 1} a duplicate rank. A partial ranking (ranks 1 … k, k < n) is fine.
import { err, ok } from "./result.js";
import type { Result } from "./result.js";

/** Option id → rank, as a record ({ "0": 2, "3": 1 }) or as pairs ([[0, 2], [3, 1]]). */
export type RankMap = Readonly<Record<string, number>> | ReadonlyArray<readonly [option: number, rank: number]>;

export type RankMapError =
  | { readonly code: "empty" }
  | { readonly code: "unknown-option"; readonly option: string }
  | { readonly code: "duplicate-option"; readonly option: number }
  | { readonly code: "invalid-rank"; readonly option: number; readonly rank: number }
  | { readonly code: "duplicate-rank"; readonly rank: number }
  /** `rank` is the first position no option holds although a later one does. */
  | { readonly code: "gap"; readonly rank: number };

/**
 * Checks, in this order: empty, unknown option, duplicate option, invalid rank
 * (not a whole number ≥ 1), duplicate rank, gap; the first problem found is
 * reported. Returns option ids from rank 1 down.
 */
export function rankingFromRankMap(optionCount: number, map: RankMap): Result<number[], RankMapError> {
  const entries: Array<readonly [string, number]> = Array.isArray(map)
    ? (map as ReadonlyArray<readonly [number, number]>).map(([o, r]) => [String(o), r] as const)
    : Object.entries(map as Readonly<Record<string, number>>);
  if (entries.length === 0) return err({ code: "empty" });

  const byOption = new Map<number, number>();
  for (const [key, rank] of entries) {
    const option = /^(0|[1-9][0-9]*)$/.test(key) ? Number(key) : Number.NaN;
    if (!(option >= 0 && option < optionCount)) return err({ code: "unknown-option", option: key });
    if (byOption.has(option)) return err({ code: "duplicate-option", option });
    byOption.set(option, rank);
  }
  for (const [option, rank] of byOption) {
    if (!Number.isInteger(rank) || rank < 1) return err({ code: "invalid-rank", option, rank });
  }

  const byRank = new Map<number, number>();
  for (const [option, rank] of [...byOption].sort((a, b) => a[1] - b[1] || a[0] - b[0])) {
    if (byRank.has(rank)) return err({ code: "duplicate-rank", rank });
    byRank.set(rank, option);
  }
  const ranking: number[] = [];
  for (let rank = 1; rank <= byRank.size; rank++) {
    const option = byRank.get(rank);
    if (option === undefined) return err({ code: "gap", rank });
    ranking.push(option);
  }
  return ok(ranking);
}

// Where a resident stands: their opinion group, found from their own votes
// against the cached analysis. The resident is projected the way Pol.is
// projects everyone (only the statements they voted on, scaled by
// sqrt(n_statements / n_votes)) and placed in the group whose centre is
// nearest. So a resident who just reached 7 votes sees their place at once,
// without waiting for the next analysis, and the cache needs no participant ids.

import { sparsityScale } from "../consensus/projection.js";
import type { AnalysisSnapshot, SnapshotGroup } from "./snapshot.js";
import type { StoredVote } from "./statement.js";

/** Pol.is places a participant once they voted on min(7, statements) statements. */
export const STANCE_MIN_VOTES = 7;

export function stanceThreshold(statementCount: number): number {
  return Math.min(STANCE_MIN_VOTES, statementCount);
}

export type Stance =
  | { readonly kind: "too-few-votes"; readonly votes: number; readonly needed: number }
  | { readonly kind: "no-analysis" }
  | { readonly kind: "no-groups"; readonly clusteredCount: number }
  | { readonly kind: "not-placed" }
  | {
      readonly kind: "placed";
      readonly group: SnapshotGroup;
      readonly groupCount: number;
      readonly clusteredCount: number;
      readonly commonGround: AnalysisSnapshot["commonGround"];
    };

/** The resident's position on the map, or null when none of their votes is on an analysed statement. */
export function projectResident(snapshot: AnalysisSnapshot, votes: ReadonlyMap<number, StoredVote>): [number, number] | null {
  const [c1, c2] = snapshot.components;
  let x = 0;
  let y = 0;
  let n = 0;
  snapshot.statementIds.forEach((id, j) => {
    const stored = votes.get(id);
    if (stored === undefined) return;
    // Inside the math agree is −1 and disagree +1 (domain.md §3): the negation of the stored code.
    const centred = -stored - snapshot.center[j]!;
    x += centred * c1[j]!;
    y += centred * c2[j]!;
    n++;
  });
  if (n === 0) return null;
  const scale = sparsityScale(snapshot.statementIds.length, n);
  return [x * scale, y * scale];
}

export function nearestGroup(snapshot: AnalysisSnapshot, point: readonly [number, number]): SnapshotGroup | null {
  let best: SnapshotGroup | null = null;
  let bestDistance = Infinity;
  for (const g of snapshot.groups) {
    const d = (g.centroid[0] - point[0]) ** 2 + (g.centroid[1] - point[1]) ** 2;
    if (d < bestDistance) {
      best = g;
      bestDistance = d;
    }
  }
  return best;
}

/**
 * `votes`: the resident's votes on the statements that are approved now;
 * `statementCount`: how many statements are approved now.
 */
export function residentStance(snapshot: AnalysisSnapshot | null, votes: ReadonlyMap<number, StoredVote>, statementCount: number): Stance {
  const needed = stanceThreshold(statementCount);
  if (votes.size < needed || votes.size === 0) return { kind: "too-few-votes", votes: votes.size, needed: Math.max(needed, 1) };
  if (snapshot === null) return { kind: "no-analysis" };
  if (snapshot.groups.length < 2) return { kind: "no-groups", clusteredCount: snapshot.clusteredCount };
  const point = projectResident(snapshot, votes);
  const group = point && nearestGroup(snapshot, point);
  if (!group) return { kind: "not-placed" };
  return { kind: "placed", group, groupCount: snapshot.groups.length, clusteredCount: snapshot.clusteredCount, commonGround: snapshot.commonGround };
}

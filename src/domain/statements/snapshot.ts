// What the bot keeps of an analysis between refreshes (AnalysisCache.data): the
// routing priorities, the PCA needed to place a resident on the opinion map
// from their own votes, and per-group summaries. It holds no participant ids at
// all, so nothing in the cache can ever point back to a resident (not even one
// who used /forget since), and groups smaller than 5 keep only their size.

import { prepareRouting, routingStatements } from "../consensus/routing.js";
import { groupLabel, representativeShares, SMALLEST_REPORTED_GROUP } from "../consensus/reportModel.js";
import type { Analysis, Direction, ParticipantId } from "../consensus/types.js";

export const SNAPSHOT_VERSION = 1;

export interface SnapshotStatement {
  readonly statementId: number;
  readonly direction: Direction;
  /** Share of the group voting that way, 0–100. */
  readonly percent: number;
  /** Share of everyone clustered outside the group voting that way, 0–100. */
  readonly othersPercent: number;
}

export interface SnapshotGroup {
  readonly id: number;
  /** "A", "B", … largest first. */
  readonly label: string;
  readonly size: number;
  /** Mean position of the group's members on the map: where a resident is compared to. */
  readonly centroid: readonly [number, number];
  /** Fewer than 5 members: nothing about the group is described. */
  readonly suppressed: boolean;
  /** What sets the group apart (empty when suppressed). */
  readonly representative: readonly SnapshotStatement[];
}

export interface AnalysisSnapshot {
  readonly version: typeof SNAPSHOT_VERSION;
  readonly voteCount: number;
  readonly participantCount: number;
  readonly clusteredCount: number;
  /** Statements analysed (approved), in analysis order; priorities, center and components align with it. */
  readonly statementIds: readonly number[];
  readonly priorities: readonly number[];
  readonly center: readonly number[];
  readonly components: readonly [readonly number[], readonly number[]];
  readonly groups: readonly SnapshotGroup[];
  /** Statements a majority of every group agrees with, best first. */
  readonly commonGround: readonly { readonly statementId: number; readonly lowestGroupPercent: number }[];
}

const COMMON_GROUND_SIZE = 5;

const percent = (part: number, whole: number) => (whole === 0 ? 0 : Math.round((100 * part) / whole));

export function buildSnapshot<P extends ParticipantId>(analysis: Analysis<P, number>, voteCount: number): AnalysisSnapshot {
  const routing = prepareRouting(routingStatements(analysis));

  const sums = analysis.groups.map(() => ({ x: 0, y: 0, n: 0 }));
  for (const p of analysis.participants) {
    if (p.groupId === null) continue;
    const s = sums[p.groupId]!;
    s.x += p.projection[0];
    s.y += p.projection[1];
    s.n++;
  }

  const shares = representativeShares(analysis);

  const groups: SnapshotGroup[] = analysis.groups.map((g, gi) => {
    const s = sums[gi]!;
    const suppressed = g.members.length < SMALLEST_REPORTED_GROUP;
    return {
      id: g.id,
      label: groupLabel(g.id),
      size: g.members.length,
      centroid: [s.n ? s.x / s.n : 0, s.n ? s.y / s.n : 0],
      suppressed,
      representative: suppressed ? [] : shares(g),
    };
  });

  const commonGround: { statementId: number; lowestGroupPercent: number; value: number }[] = [];
  if (analysis.groups.length >= 2) {
    analysis.statements.forEach((st, i) => {
      let lowest = 100;
      for (const g of analysis.groups) {
        const seen = g.votes.seen[i] ?? 0;
        const agree = g.votes.agree[i] ?? 0;
        if (seen === 0 || 2 * agree <= seen) return;
        lowest = Math.min(lowest, percent(agree, seen));
      }
      commonGround.push({ statementId: st.statementId, lowestGroupPercent: lowest, value: st.groupInformedConsensus });
    });
  }
  commonGround.sort((a, b) => b.value - a.value || a.statementId - b.statementId);

  return {
    version: SNAPSHOT_VERSION,
    voteCount,
    participantCount: analysis.participantCount,
    clusteredCount: analysis.clusteredParticipants.length,
    statementIds: analysis.statements.map((s) => s.statementId),
    priorities: Array.from(routing.priorities),
    center: analysis.pca.center,
    components: analysis.pca.components,
    groups,
    commonGround: commonGround.slice(0, COMMON_GROUND_SIZE).map(({ statementId, lowestGroupPercent }) => ({ statementId, lowestGroupPercent })),
  };
}

/** Reads a stored snapshot; null when it is from another version or damaged (the refresher then rewrites it). */
export function parseSnapshot(json: string): AnalysisSnapshot | null {
  try {
    const value = JSON.parse(json) as Partial<AnalysisSnapshot> | null;
    if (!value || value.version !== SNAPSHOT_VERSION) return null;
    const n = value.statementIds?.length;
    if (n === undefined || value.priorities?.length !== n || value.center?.length !== n || value.components?.[0]?.length !== n || value.components[1]?.length !== n) return null;
    if (!Array.isArray(value.groups) || !Array.isArray(value.commonGround)) return null;
    return value as AnalysisSnapshot;
  } catch {
    return null;
  }
}

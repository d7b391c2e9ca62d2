// Pol.is's own figures in an export, set beside our analysis of the same votes:
// the opinion groups (count and sizes; participants-votes.csv's group-id), how
// well the two groupings agree (adjusted Rand index over the participants both
// placed), and how our group-informed consensus ranks the statements against
// Pol.is's own (comments.csv's group-informed-consensus, current exports only).

import { adjustedRandIndex, spearman } from "../consensus/agreement.js";
import type { Analysis } from "../consensus/types.js";
import type { PolisExportData } from "./types.js";

export interface GroupFigures {
  readonly count: number;
  /** Largest first. */
  readonly sizes: number[];
}

export interface PolisComparison {
  readonly ours: GroupFigures;
  /** null when the export names no groups. */
  readonly polis: GroupFigures | null;
  /** Over the participants both analyses placed in a group; null when the export names no groups. */
  readonly adjustedRandIndex: { readonly value: number; readonly participants: number } | null;
  /** Over the statements both have a value for; null when the export has no group-informed-consensus column. */
  readonly groupInformedConsensusSpearman: { readonly value: number | null; readonly statements: number } | null;
}

export function polisComparison(data: PolisExportData, analysis: Analysis<number, number>): PolisComparison {
  const ours: GroupFigures = { count: analysis.groups.length, sizes: analysis.groups.map((g) => g.members.length).sort((a, b) => b - a) };
  const theirGroup = new Map<number, number>();
  for (const row of data.participants?.rows ?? []) if (row.groupId !== null) theirGroup.set(row.participant, row.groupId);
  let polis: GroupFigures | null = null;
  let ari: PolisComparison["adjustedRandIndex"] = null;
  if (theirGroup.size > 0) {
    const sizes = new Map<number, number>();
    for (const g of theirGroup.values()) sizes.set(g, (sizes.get(g) ?? 0) + 1);
    polis = { count: sizes.size, sizes: [...sizes.values()].sort((a, b) => b - a) };
    const a: number[] = [];
    const b: number[] = [];
    for (const p of analysis.participants) {
      const theirs = theirGroup.get(p.participantId);
      if (p.groupId === null || theirs === undefined) continue;
      a.push(p.groupId);
      b.push(theirs);
    }
    ari = { value: adjustedRandIndex(a, b), participants: a.length };
  }
  let gic: PolisComparison["groupInformedConsensusSpearman"] = null;
  const theirGic = new Map<number, number>();
  for (const c of data.comments) if (c.groupInformedConsensus !== undefined) theirGic.set(c.commentId, c.groupInformedConsensus);
  if (theirGic.size > 0) {
    const a: number[] = [];
    const b: number[] = [];
    for (const s of analysis.statements) {
      const theirs = theirGic.get(s.statementId);
      if (theirs === undefined) continue;
      a.push(s.groupInformedConsensus);
      b.push(theirs);
    }
    gic = { value: spearman(a, b), statements: a.length };
  }
  return { ours, polis, adjustedRandIndex: ari, groupInformedConsensusSpearman: gic };
}

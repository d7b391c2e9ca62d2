// What a renderer (bot message, report file) needs to describe an analysis in
// words, with the statement texts joined in and shares as whole percentages of
// the actual votes. Language-free: the words come from i18n at the edge.

import type { Analysis, Direction, OpinionGroup, ParticipantId, StatementId } from "./types.js";

/** Groups smaller than this are flagged: an official must not see a breakdown of fewer than 5 residents. */
export const SMALLEST_REPORTED_GROUP = 5;

export interface ReportStatement<S extends StatementId = StatementId> {
  readonly statementId: S;
  /** "" when the text is unknown. */
  readonly text: string;
}

export interface GroupReportStatement<S extends StatementId = StatementId> extends ReportStatement<S> {
  readonly direction: Direction;
  /** Share of the group's votes on it in that direction, 0–100. */
  readonly percent: number;
  /** The group's votes seen on it. */
  readonly seen: number;
}

export interface GroupReport<S extends StatementId = StatementId> {
  readonly id: number;
  /** "A", "B", … in group order (largest first). */
  readonly label: string;
  readonly memberCount: number;
  /** memberCount < SMALLEST_REPORTED_GROUP: suppress the breakdown for officials, and say so. */
  readonly belowPrivacyThreshold: boolean;
  readonly representative: GroupReportStatement<S>[];
}

export interface ConsensusReportModel<S extends StatementId = StatementId> {
  readonly participantCount: number;
  readonly clusteredCount: number;
  readonly statementCount: number;
  readonly groups: GroupReport<S>[];
  /** percent: share of all votes on it in that direction. */
  readonly consensus: {
    readonly agree: (ReportStatement<S> & { readonly percent: number; readonly seen: number })[];
    readonly disagree: (ReportStatement<S> & { readonly percent: number; readonly seen: number })[];
  };
  /** agreePercentByGroup[g]: share of group g agreeing, 0–100 (null when the group has not voted on it). */
  readonly groupInformedConsensus: (ReportStatement<S> & { readonly agreePercentByGroup: (number | null)[] })[];
  readonly uncertainty: (ReportStatement<S> & { readonly passPercent: number; readonly seen: number })[];
}

function percent(part: number, whole: number): number {
  return whole === 0 ? 0 : Math.round((100 * part) / whole);
}

export function groupLabel(id: number): string {
  let label = "";
  let n = id;
  do {
    label = String.fromCharCode(65 + (n % 26)) + label;
    n = Math.floor(n / 26) - 1;
  } while (n >= 0);
  return label;
}

export function buildConsensusReportModel<P extends ParticipantId, S extends StatementId>(
  analysis: Analysis<P, S>,
  textOf: (statementId: S) => string | undefined,
): ConsensusReportModel<S> {
  const index = new Map<S, number>();
  analysis.statements.forEach((s, i) => index.set(s.statementId, i));
  const text = (id: S): string => textOf(id) ?? "";
  const at = (id: S): number => index.get(id) ?? -1;

  const totals = (id: S): { agree: number; disagree: number; seen: number } => {
    let agree = 0;
    let disagree = 0;
    let seen = 0;
    const i = at(id);
    for (const g of analysis.groups) {
      agree += g.votes.agree[i] ?? 0;
      disagree += g.votes.disagree[i] ?? 0;
      seen += g.votes.seen[i] ?? 0;
    }
    return { agree, disagree, seen };
  };

  return {
    participantCount: analysis.participantCount,
    clusteredCount: analysis.clusteredParticipants.length,
    statementCount: analysis.statementCount,
    groups: analysis.groups.map((g) => ({
      id: g.id,
      label: groupLabel(g.id),
      memberCount: g.members.length,
      belowPrivacyThreshold: g.members.length < SMALLEST_REPORTED_GROUP,
      representative: g.representative.map((r) => {
        const i = at(r.statementId);
        const seen = g.votes.seen[i] ?? 0;
        const count = (r.direction === "agree" ? g.votes.agree[i] : g.votes.disagree[i]) ?? 0;
        return { statementId: r.statementId, text: text(r.statementId), direction: r.direction, percent: percent(count, seen), seen };
      }),
    })),
    consensus: {
      agree: analysis.consensus.agree.map((c) => {
        const t = totals(c.statementId);
        return { statementId: c.statementId, text: text(c.statementId), percent: percent(t.agree, t.seen), seen: t.seen };
      }),
      disagree: analysis.consensus.disagree.map((c) => {
        const t = totals(c.statementId);
        return { statementId: c.statementId, text: text(c.statementId), percent: percent(t.disagree, t.seen), seen: t.seen };
      }),
    },
    groupInformedConsensus: analysis.groupInformedConsensus.map((c) => {
      const i = at(c.statementId);
      return {
        statementId: c.statementId,
        text: text(c.statementId),
        agreePercentByGroup: analysis.groups.map((g) => {
          const seen = g.votes.seen[i] ?? 0;
          return seen === 0 ? null : percent(g.votes.agree[i] ?? 0, seen);
        }),
      };
    }),
    uncertainty: analysis.uncertainty.map((u) => ({
      statementId: u.statementId,
      text: text(u.statementId),
      passPercent: Math.round(100 * u.passRate),
      seen: u.seen,
    })),
  };
}

/** How far a group's members share one of its representative statements, against everyone else. */
export interface RepresentativeShare<S extends StatementId = StatementId> {
  readonly statementId: S;
  readonly direction: Direction;
  /** Of the group's members who saw it, the % who voted its way. */
  readonly percent: number;
  /** The same % among everyone outside the group. */
  readonly othersPercent: number;
}

const percentOf = (part: number, whole: number) => (whole === 0 ? 0 : Math.round((100 * part) / whole));

/**
 * The shares of each group's representative statements; totals over all
 * groups are counted once, then each group is a lookup per statement.
 */
export function representativeShares<P extends ParticipantId, S extends StatementId>(
  analysis: Analysis<P, S>,
): (group: OpinionGroup<P, S>) => RepresentativeShare<S>[] {
  const index = new Map<S, number>();
  analysis.statements.forEach((s, i) => index.set(s.statementId, i));
  const total = (pick: (g: OpinionGroup<P, S>) => readonly number[]) =>
    analysis.statements.map((_, i) => analysis.groups.reduce((a, g) => a + (pick(g)[i] ?? 0), 0));
  const totalAgree = total((g) => g.votes.agree);
  const totalDisagree = total((g) => g.votes.disagree);
  const totalSeen = total((g) => g.votes.seen);
  return (g) =>
    g.representative.map((r) => {
      const i = index.get(r.statementId)!;
      const mine = (r.direction === "agree" ? g.votes.agree[i] : g.votes.disagree[i]) ?? 0;
      const all = r.direction === "agree" ? totalAgree[i]! : totalDisagree[i]!;
      const seen = g.votes.seen[i] ?? 0;
      return { statementId: r.statementId, direction: r.direction, percent: percentOf(mine, seen), othersPercent: percentOf(all - mine, totalSeen[i]! - seen) };
    });
}

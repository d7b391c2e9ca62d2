// The statements part of a report: opinion groups, consensus, group-informed
// consensus, divisive statements, uncertainty, the opinion map and every
// approved statement's counts — from the consensus engine's analysis, with
// groups under 5 left undescribed and no participant id anywhere.
import { analyzeVoteColumns } from "../consensus/analyze.js";
import { DEFAULT_K_MARGIN } from "../consensus/clustering.js";
import { DEFAULT_SEED } from "../consensus/random.js";
import { buildConsensusReportModel, groupLabel, representativeShares, SMALLEST_REPORTED_GROUP } from "../consensus/reportModel.js";
import type { Analysis, AnalysisOptions, VoteValue } from "../consensus/types.js";
import type { VoteColumns } from "../consensus/voteColumns.js";
import type { LocalizedText } from "../consultations/texts.js";
import type { Language } from "../language.js";
import type { StoredVote } from "../statements/statement.js";
import type { ReportGroup, ReportOpinions, ReportStatement, ReportStatementCounts, ReportStatementRef, ShownCount } from "./content.js";

/** The engine's name and version, stored with every snapshot: a later change to the method is visible in old reports. */
export const ENGINE_VERSION = "frontstage-polis-method/2";

/** Pol.is's parameters, stated explicitly so the snapshot records exactly what was used. */
export const ENGINE_PARAMETERS: Required<AnalysisOptions> & { readonly minVotesToCluster: number; readonly smallestDescribedGroup: number } = {
  seed: DEFAULT_SEED,
  maxBaseClusters: 100,
  maxGroups: 5,
  pcaIterations: 100,
  kMargin: DEFAULT_K_MARGIN,
  minVotesToCluster: 7,
  smallestDescribedGroup: SMALLEST_REPORTED_GROUP,
};

/** An approved statement, its text already masked. */
export interface OpinionStatement {
  readonly id: number;
  readonly text: LocalizedText;
  readonly original: Language;
  readonly seed: boolean;
}

/** How votes are stored (Pol.is's export coding) → the engine's words. */
export const VOTE_VALUE: Readonly<Record<StoredVote, VoteValue>> = { 1: "agree", [-1]: "disagree", 0: "pass" };
const TOP = 5;

const percent = (part: number, whole: number) => (whole === 0 ? 0 : Math.round((100 * part) / whole));
const round = (x: number) => Math.round(x * 10_000) / 10_000;

/**
 * `statements` are the approved ones; `others` the ids of every other
 * statement the votes may be on (pending, rejected): the engine leaves those
 * out itself, so the two million votes are never copied to be filtered.
 */
export function buildOpinions(
  statements: readonly OpinionStatement[],
  others: readonly number[],
  votes: VoteColumns,
  suppress: (counts: readonly number[]) => { readonly cells: ShownCount[]; readonly total: ShownCount } | null,
): { opinions: ReportOpinions; statements: ReportStatement[] } {
  const ordered = [...statements].sort((a, b) => a.id - b.id);
  const numberOf = new Map(ordered.map((s, i) => [s.id, i + 1] as const));
  const { minVotesToCluster: _m, smallestDescribedGroup: _s, ...options } = ENGINE_PARAMETERS;
  const listed = [...ordered.map((s) => ({ id: s.id, seed: s.seed })), ...others.map((id) => ({ id, moderatedOut: true }))];
  const analysis: Analysis<number, number> = analyzeVoteColumns({ statements: listed, votes, options });

  const byId = new Map(ordered.map((s) => [s.id, s] as const));
  const ref = (id: number): ReportStatementRef => ({ number: numberOf.get(id)!, text: byId.get(id)!.text });
  const model = buildConsensusReportModel(analysis, () => "");
  const index = new Map(analysis.statements.map((s, i) => [s.statementId, i] as const));

  const described = analysis.groups.map((g) => g.members.length >= SMALLEST_REPORTED_GROUP);
  const withheld: ShownCount = { suppressed: true, reason: "complementary" };
  const suppressed = suppress(analysis.groups.map((g) => g.members.length)) ?? { cells: analysis.groups.map(() => withheld), total: withheld };
  const sizes = suppressed.cells;
  const shares = representativeShares(analysis);

  const groups: ReportGroup[] = analysis.groups.map((g, gi) => ({
    label: groupLabel(g.id),
    size: sizes[gi]!,
    described: described[gi]!,
    representative: !described[gi] ? [] : shares(g).map(({ statementId, ...share }) => ({ ...ref(statementId), ...share })),
  }));

  const agreeByGroup = (i: number): Record<string, number | null> => {
    const out: Record<string, number | null> = {};
    analysis.groups.forEach((g, gi) => {
      if (!described[gi]) return;
      const seen = g.votes.seen[i] ?? 0;
      out[groupLabel(g.id)] = seen === 0 ? null : percent(g.votes.agree[i] ?? 0, seen);
    });
    return out;
  };

  const describedCount = described.filter(Boolean).length;
  const divisive =
    describedCount < 2
      ? []
      : analysis.statements
          .map((s, i) => {
            const shares = Object.values(agreeByGroup(i)).filter((p): p is number => p !== null);
            return { id: s.statementId, i, spread: shares.length >= 2 ? Math.max(...shares) - Math.min(...shares) : 0 };
          })
          .filter((d) => d.spread > 0)
          .sort((a, b) => b.spread - a.spread || a.id - b.id)
          .slice(0, TOP)
          .map((d) => ({ ...ref(d.id), spread: d.spread, agreeByGroup: agreeByGroup(d.i) }));

  const counts = (agree: number, disagree: number, seen: number): ReportStatementCounts => ({ agree, disagree, pass: seen - agree - disagree });
  const reportStatements: ReportStatement[] = ordered.map((s) => {
    const i = index.get(s.id);
    const a = i === undefined ? undefined : analysis.statements[i];
    const byGroup: Record<string, ReportStatementCounts> = {};
    if (i !== undefined) {
      analysis.groups.forEach((g, gi) => {
        if (described[gi]) byGroup[groupLabel(g.id)] = counts(g.votes.agree[i] ?? 0, g.votes.disagree[i] ?? 0, g.votes.seen[i] ?? 0);
      });
    }
    return { number: numberOf.get(s.id)!, text: s.text, original: s.original, seed: s.seed, overall: a ? { agree: a.agree, disagree: a.disagree, pass: a.pass } : { agree: 0, disagree: 0, pass: 0 }, byGroup };
  });

  // The map keeps positions and colours only; sorting by position drops the participants' (id) order.
  const map = analysis.participants
    .map((p) => ({ x: round(p.projection[0]), y: round(p.projection[1]), group: p.groupId !== null && described[p.groupId] ? groupLabel(p.groupId) : null }))
    .sort((a, b) => a.x - b.x || a.y - b.y || String(a.group).localeCompare(String(b.group)));

  return {
    statements: reportStatements,
    opinions: {
      participants: suppress([analysis.participantCount])?.total ?? withheld,
      clustered: analysis.groups.length > 0 ? suppressed.total : (suppress([analysis.clusteredParticipants.length])?.total ?? withheld),
      groups,
      consensus: {
        agree: model.consensus.agree.map((c) => ({ ...ref(c.statementId), percent: c.percent, seen: c.seen })),
        disagree: model.consensus.disagree.map((c) => ({ ...ref(c.statementId), percent: c.percent, seen: c.seen })),
      },
      groupInformed: describedCount < 2 ? [] : model.groupInformedConsensus.slice(0, TOP).map((c) => ({ ...ref(c.statementId), agreeByGroup: agreeByGroup(index.get(c.statementId)!) })),
      divisive,
      uncertainty: model.uncertainty.map((u) => ({ ...ref(u.statementId), passPercent: u.passPercent, seen: u.seen })),
      map,
    },
  };
}

// analyzeConversation: the whole Pol.is pipeline, one step per module.
//
//   votes ─▶ vote matrix ─▶ PCA (power iteration) ─▶ sparsity-aware projection
//        ─▶ who is clustered ─▶ base clusters ─▶ groups (best silhouette)
//        ─▶ per-group counts ─▶ repness, majority consensus, group-informed
//           consensus, uncertainty, extremity
//
// Pure and deterministic: the only randomness is a PRNG seeded from the options.
// The two entry points only differ in how votes arrive (objects, or columns for
// big exports); both code them into CodedVotes and run the same steps below.

import { clusterIntoGroups, type GroupClustering } from "./clustering.js";
import { statementExtremity } from "./extremity.js";
import { groupInformedConsensus, topGroupInformed } from "./groupInformedConsensus.js";
import { countGroupVotes, totalVotes, type GroupVoteCounts } from "./groupVotes.js";
import { compareIds } from "./ids.js";
import { majorityConsensus } from "./majorityConsensus.js";
import { selectClusteredParticipants } from "./participation.js";
import { powerIterationPca, type PcaResult } from "./pca.js";
import { projectParticipants } from "./projection.js";
import { createSeededRandom, DEFAULT_SEED, type RandomSource } from "./random.js";
import { representativeStatements } from "./repness.js";
import type {
  Analysis,
  AnalysisOptions,
  ConversationInput,
  ConversationStatement,
  OpinionGroup,
  ParticipantAnalysis,
  ParticipantId,
  StatementAnalysis,
  StatementId,
  VoteValue,
} from "./types.js";
import { areasOfUncertainty } from "./uncertainty.js";
import type { VoteColumns } from "./voteColumns.js";
import { AGREE, buildSparseVotes, centerVotes, DISAGREE, PASS, rowVoteCounts, type SparseVotes } from "./voteMatrix.js";

/** The input cannot be analysed as given (a caller's bug, not a resident's doing). */
export class ConsensusInputError extends Error {
  override readonly name = "ConsensusInputError";
}

const CODE: Record<VoteValue, number> = { agree: AGREE, disagree: DISAGREE, pass: PASS };

export function analyzeConversation<P extends ParticipantId, S extends StatementId>(input: ConversationInput<P, S>): Analysis<P, S> {
  const statements = indexStatements(input.statements);
  const votes = input.votes;
  const coded = new VoteCoder<P, S>(statements, votes.length);
  let lastId: P | undefined;
  let row = -1;
  for (let i = 0; i < votes.length; i++) {
    const vote = votes[i]!;
    if (row < 0 || vote.participantId !== lastId) {
      row = coded.rowOf(vote.participantId);
      lastId = vote.participantId;
    }
    const column = coded.columnOf(i, vote.statementId);
    const code = CODE[vote.vote];
    if (code === undefined) throw new ConsensusInputError(`vote ${i} has value ${String(vote.vote)}`);
    coded.set(i, row, column, code);
  }
  return analyzeCodedVotes(coded.result(), input.options ?? {});
}

/**
 * Votes as columns, for big conversations (a Pol.is export of millions of votes):
 * no object per vote. `vote` uses Pol.is's export coding: 1 agree, −1 disagree,
 * 0 pass. Same result as analyzeConversation with the same votes in the same order.
 */
export interface VoteColumnsInput {
  readonly statements: readonly ConversationStatement<number>[];
  readonly votes: VoteColumns;
  readonly options?: AnalysisOptions;
}

export function analyzeVoteColumns(input: VoteColumnsInput): Analysis<number, number> {
  const statements = indexStatements(input.statements);
  const { length, participantId, statementId, vote } = input.votes;
  const coded = new VoteCoder<number, number>(statements, length);
  const direct = directColumns(statements);
  let lastId = NaN;
  let row = -1;
  let lastStatement = NaN;
  let column = -1;
  for (let i = 0; i < length; i++) {
    const p = participantId[i]!;
    if (p !== lastId) {
      row = coded.rowOf(p);
      lastId = p;
    }
    const s = statementId[i]!;
    if (s !== lastStatement) {
      // A listed, kept statement's column straight from the table; anything else (moderated out, not listed) as before.
      const at = s - direct.first;
      column = at >= 0 && at < direct.column.length && direct.column[at]! >= 0 ? direct.column[at]! : coded.columnOf(i, s);
      lastStatement = s;
    }
    const v = vote[i]!;
    if (v !== 1 && v !== -1 && v !== 0) throw new ConsensusInputError(`vote ${i} has value ${v}`);
    // Pol.is's math codes agree as −1: the export's coding flipped.
    coded.set(i, row, column, v === 1 ? AGREE : v === -1 ? DISAGREE : PASS);
  }
  return analyzeCodedVotes(coded.result(), input.options ?? {});
}

// ── Step 0: statements and votes as numbers ─────────────────────────────────

interface IndexedStatements<S extends StatementId> {
  /** Column of each statement; −1 for a moderated-out one (its votes are dropped from the matrix). */
  readonly columnOf: Map<S, number>;
  /** The statements not moderated out, in input order: column i is active[i]. */
  readonly active: { id: S; seed: boolean }[];
}

function indexStatements<S extends StatementId>(statements: readonly ConversationStatement<S>[]): IndexedStatements<S> {
  const columnOf = new Map<S, number>();
  const active: { id: S; seed: boolean }[] = [];
  for (const statement of statements) {
    if (columnOf.has(statement.id)) throw new ConsensusInputError(`statement ${String(statement.id)} is listed twice`);
    if (statement.moderatedOut === true) columnOf.set(statement.id, -1);
    else {
      columnOf.set(statement.id, active.length);
      active.push({ id: statement.id, seed: statement.seed === true });
    }
  }
  return { columnOf, active };
}

/**
 * The column of each kept statement, by id − first, for ids that are integers in a
 * range not much wider than the list (−1 elsewhere): votes arrive with a new
 * statement id at nearly every vote, and a table look-up costs a fraction of a Map's.
 */
function directColumns(statements: IndexedStatements<number>): { first: number; column: Int32Array } {
  let first = Infinity;
  let last = -Infinity;
  for (const { id } of statements.active) {
    if (!Number.isInteger(id)) return { first: 0, column: new Int32Array(0) };
    first = Math.min(first, id);
    last = Math.max(last, id);
  }
  if (statements.active.length === 0 || last - first >= 4 * statements.active.length + 1024) return { first: 0, column: new Int32Array(0) };
  const column = new Int32Array(last - first + 1).fill(-1);
  statements.active.forEach(({ id }, c) => (column[id - first] = c));
  return { first, column };
}

/** Votes as numbers: participants numbered in order of first vote, statements by column. */
interface CodedVotes<P extends ParticipantId, S extends StatementId> {
  readonly statements: readonly { id: S; seed: boolean }[];
  readonly seenIds: readonly P[];
  readonly rowOfVote: Int32Array;
  readonly columnOfVote: Int32Array;
  readonly valueOfVote: Int8Array;
  /**
   * Moderated-out statements that received votes: Pol.is keeps them as columns of
   * zeros (see projection.ts). A vote on the k-th of them has column −1 − k.
   */
  readonly zeroedColumns: number;
}

class VoteCoder<P extends ParticipantId, S extends StatementId> {
  private readonly firstIndexOf = new Map<P, number>();
  private readonly seenIds: P[] = [];
  /** Index k of each moderated-out statement that received votes. */
  private readonly zeroed = new Map<S, number>();
  private readonly rowOfVote: Int32Array;
  private readonly columnOfVote: Int32Array;
  private readonly valueOfVote: Int8Array;

  constructor(
    private readonly statements: IndexedStatements<S>,
    voteCount: number,
  ) {
    this.rowOfVote = new Int32Array(voteCount);
    this.columnOfVote = new Int32Array(voteCount);
    this.valueOfVote = new Int8Array(voteCount);
  }

  rowOf(participantId: P): number {
    let index = this.firstIndexOf.get(participantId);
    if (index === undefined) {
      index = this.seenIds.length;
      this.firstIndexOf.set(participantId, index);
      this.seenIds.push(participantId);
    }
    return index;
  }

  columnOf(vote: number, statementId: S): number {
    const column = this.statements.columnOf.get(statementId);
    if (column === undefined) throw new ConsensusInputError(`vote ${vote} is on statement ${String(statementId)}, which is not listed`);
    if (column >= 0) return column;
    let k = this.zeroed.get(statementId);
    if (k === undefined) this.zeroed.set(statementId, (k = this.zeroed.size));
    return -1 - k;
  }

  set(vote: number, row: number, column: number, code: number): void {
    this.rowOfVote[vote] = row;
    this.columnOfVote[vote] = column;
    this.valueOfVote[vote] = code;
  }

  result(): CodedVotes<P, S> {
    return {
      statements: this.statements.active,
      seenIds: this.seenIds,
      rowOfVote: this.rowOfVote,
      columnOfVote: this.columnOfVote,
      valueOfVote: this.valueOfVote,
      zeroedColumns: this.zeroed.size,
    };
  }
}

// ── The pipeline ────────────────────────────────────────────────────────────

function analyzeCodedVotes<P extends ParticipantId, S extends StatementId>(coded: CodedVotes<P, S>, options: AnalysisOptions): Analysis<P, S> {
  const random = createSeededRandom(options.seed ?? DEFAULT_SEED);
  const S = coded.statements.length;
  const participantIds = renumberByCanonicalId(coded.seenIds, coded.rowOfVote);
  const P = participantIds.length;
  // The coded columns are handed over: read again below only when some votes are on moderated-out
  // statements (zeroedColumns), and then they are not in row order, so the matrix has copies.
  const matrix = buildSparseVotes(P, S, coded.rowOfVote, coded.columnOfVote, coded.valueOfVote, true);
  const voteCounts = rowVoteCounts(matrix);
  const clusteredRows = selectClusteredParticipants(votesAsPolisCounts(voteCounts, coded), S + coded.zeroedColumns);
  const map = opinionMap(matrix, coded.zeroedColumns, random, options);
  const clustering = clusterIntoGroups(pointsOf(map.projection, clusteredRows), {
    random,
    maxBaseClusters: options.maxBaseClusters ?? 100,
    maxGroups: options.maxGroups ?? 5,
    ...(options.kMargin === undefined ? {} : { kMargin: options.kMargin }),
  });
  const groupCounts = countGroupVotes(matrix, clusteredRows, clustering.groupOfPoint, clustering.groupCount);
  const groupOfRow = new Int32Array(P).fill(-1);
  clusteredRows.forEach((r, i) => (groupOfRow[r] = clustering.groupOfPoint[i]!));
  const participants: ParticipantAnalysis<P>[] = participantIds.map((participantId, r) => ({
    participantId,
    voteCount: voteCounts[r]!,
    groupId: groupOfRow[r]! >= 0 ? groupOfRow[r]! : null,
    projection: [map.projection[2 * r]!, map.projection[2 * r + 1]!],
  }));
  return {
    participantCount: P,
    statementCount: S,
    clusteredParticipants: Array.from(clusteredRows, (r) => participantIds[r]!),
    groups: describeGroups(coded.statements, participantIds, clusteredRows, clustering, groupCounts),
    participants,
    ...statementFigures(coded.statements, matrix, map.pca, groupCounts),
    pca: {
      center: Array.from(map.pca.center),
      components: [Array.from(map.pca.components[0]), Array.from(map.pca.components[1])],
      eigenvalues: map.pca.eigenvalues,
    },
    clustering: {
      baseClusterCount: clustering.base.k,
      silhouettes: clustering.silhouettes,
    },
  };
}

/**
 * Renumbers the rows of `rowOfVote` (in place) from order of first vote into
 * canonical id order, so the result does not depend on the order of the votes.
 * Returns the participant id of each new row.
 */
function renumberByCanonicalId<P extends ParticipantId>(seenIds: readonly P[], rowOfVote: Int32Array): P[] {
  const order = seenIds.map((_, i) => i).sort((a, b) => compareIds(seenIds[a]!, seenIds[b]!));
  const rank = new Int32Array(order.length);
  order.forEach((first, r) => (rank[first] = r));
  for (let i = 0; i < rowOfVote.length; i++) rowOfVote[i] = rank[rowOfVote[i]!]!;
  return order.map((i) => seenIds[i]!);
}

/**
 * Each participant's votes as Pol.is counts them to decide who is clustered: on
 * every statement, moderated out or not (participation.ts). `voteCounts` are the
 * votes on statements not moderated out; a repeated vote counts once.
 */
function votesAsPolisCounts(voteCounts: Int32Array, coded: CodedVotes<ParticipantId, StatementId>): Int32Array {
  if (coded.zeroedColumns === 0) return voteCounts;
  const zeroedColumnOfVote = coded.columnOfVote.map((c) => (c < 0 ? -1 - c : -1));
  const zeroedVotes = rowVoteCounts(buildSparseVotes(voteCounts.length, coded.zeroedColumns, coded.rowOfVote, zeroedColumnOfVote, coded.valueOfVote));
  return voteCounts.map((n, r) => n + zeroedVotes[r]!);
}

/**
 * PCA over every participant's votes (as Pol.is does: the map's axes use all the
 * evidence) and everyone's sparsity-aware projection on it; only the clustered
 * participants are grouped afterwards.
 */
function opinionMap(matrix: SparseVotes, zeroedColumns: number, random: RandomSource, options: AnalysisOptions): { pca: PcaResult; projection: Float64Array } {
  const centered = centerVotes(matrix);
  const pca = powerIterationPca(centered, { random, maxIterations: options.pcaIterations ?? 100 });
  return { pca, projection: projectParticipants(centered, pca.components, zeroedColumns) };
}

/** The projected points of `rows`, interleaved [x0, y0, x1, y1, …]. */
function pointsOf(projection: Float64Array, rows: Int32Array): Float64Array {
  const points = new Float64Array(rows.length * 2);
  for (let i = 0; i < rows.length; i++) {
    points[2 * i] = projection[2 * rows[i]!]!;
    points[2 * i + 1] = projection[2 * rows[i]! + 1]!;
  }
  return points;
}

function slice(values: Int32Array, from: number, to: number): number[] {
  return Array.from(values.subarray(from, to));
}

/** Each group's members (canonical order), representative statements and vote counts. */
function describeGroups<P extends ParticipantId, S extends StatementId>(
  statements: readonly { id: S }[],
  participantIds: readonly P[],
  clusteredRows: Int32Array,
  clustering: GroupClustering,
  groupCounts: GroupVoteCounts,
): OpinionGroup<P, S>[] {
  const S = statements.length;
  const members: P[][] = Array.from({ length: clustering.groupCount }, () => []);
  clusteredRows.forEach((r, i) => members[clustering.groupOfPoint[i]!]!.push(participantIds[r]!));
  return members.map((list, g) => ({
    id: g,
    members: list,
    representative: representativeStatements(groupCounts, g).map((e) => ({
      statementId: statements[e.statement]!.id,
      direction: e.direction,
      probability: e.probability,
      zScore: e.zScore,
      repness: e.repness,
      repnessZScore: e.repnessZScore,
      significant: e.significant,
    })),
    votes: {
      agree: slice(groupCounts.agree, g * S, (g + 1) * S),
      disagree: slice(groupCounts.disagree, g * S, (g + 1) * S),
      seen: slice(groupCounts.seen, g * S, (g + 1) * S),
    },
  }));
}

/**
 * Per-statement figures: counts over everyone (what routing uses), loadings and
 * extremity, group-informed consensus, and the lists built on them — majority
 * consensus over the clustered participants, areas of uncertainty over everyone.
 */
function statementFigures<S extends StatementId>(
  statements: readonly { id: S; seed: boolean }[],
  matrix: SparseVotes,
  pca: PcaResult,
  groupCounts: GroupVoteCounts,
): Pick<Analysis<ParticipantId, S>, "statements" | "consensus" | "groupInformedConsensus" | "uncertainty"> {
  const P = matrix.rowCount;
  const clusteredTotals = totalVotes(groupCounts);
  const everyone = countGroupVotes(matrix, Int32Array.from({ length: P }, (_, i) => i), new Int32Array(P), 1);
  const extremity = statementExtremity(pca.components);
  const gic = groupInformedConsensus(groupCounts);
  const consensus = majorityConsensus(clusteredTotals.agree, clusteredTotals.disagree, clusteredTotals.seen);
  const passes = everyone.seen.map((seen, s) => seen - everyone.agree[s]! - everyone.disagree[s]!);
  const uncertainty = areasOfUncertainty(passes, everyone.seen);
  const idOf = (s: number): S => statements[s]!.id;
  const perStatement: StatementAnalysis<S>[] = statements.map((statement, s) => ({
    statementId: statement.id,
    seed: statement.seed,
    agree: everyone.agree[s]!,
    disagree: everyone.disagree[s]!,
    pass: passes[s]!,
    seen: everyone.seen[s]!,
    loadings: [pca.components[0][s]!, pca.components[1][s]!],
    extremity: extremity[s]!,
    groupInformedConsensus: gic[s]!,
  }));
  return {
    statements: perStatement,
    consensus: {
      agree: consensus.agree.map((e) => ({ statementId: idOf(e.statement), probability: e.probability, zScore: e.zScore })),
      disagree: consensus.disagree.map((e) => ({ statementId: idOf(e.statement), probability: e.probability, zScore: e.zScore })),
    },
    groupInformedConsensus: topGroupInformed(gic, clusteredTotals.seen).map((s) => ({ statementId: idOf(s), value: gic[s]! })),
    uncertainty: uncertainty.map((e) => ({ statementId: idOf(e.statement), passRate: e.passRate, seen: e.seen })),
  };
}

// analyzeConversation: the whole Pol.is pipeline, one step per module.
//
//   votes ─▶ vote matrix ─▶ PCA (power iteration) ─▶ sparsity-aware projection
//        ─▶ who is clustered ─▶ base clusters ─▶ groups (best silhouette)
//        ─▶ per-group counts ─▶ repness, majority consensus, group-informed
//           consensus, uncertainty, extremity
//
// Pure and deterministic: the only randomness is a PRNG seeded from the options.

import { clusterIntoGroups } from "./clustering.js";
import { statementExtremity } from "./extremity.js";
import { groupInformedConsensus, topGroupInformed } from "./groupInformedConsensus.js";
import { countGroupVotes, totalVotes } from "./groupVotes.js";
import { compareIds } from "./ids.js";
import { majorityConsensus } from "./majorityConsensus.js";
import { selectClusteredParticipants } from "./participation.js";
import { powerIterationPca } from "./pca.js";
import { projectParticipants } from "./projection.js";
import { createSeededRandom, DEFAULT_SEED } from "./random.js";
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
  StatementVoteCounts,
  VoteValue,
} from "./types.js";
import { areasOfUncertainty } from "./uncertainty.js";
import { AGREE, buildSparseVotes, centerVotes, DISAGREE, PASS, rowVoteCounts } from "./voteMatrix.js";

/** The input cannot be analysed as given (a caller's bug, not a resident's doing). */
export class ConsensusInputError extends Error {
  override readonly name = "ConsensusInputError";
}

const CODE: Record<VoteValue, number> = { agree: AGREE, disagree: DISAGREE, pass: PASS };

function slice(values: Int32Array, from: number, to: number): number[] {
  return Array.from(values.subarray(from, to));
}

export function analyzeConversation<P extends ParticipantId, S extends StatementId>(input: ConversationInput<P, S>): Analysis<P, S> {
  const options = input.options ?? {};

  // Statements: moderated-out ones get column −1 so their votes are dropped.
  const columnOf = new Map<S, number>();
  const activeStatements: { id: S; seed: boolean }[] = [];
  for (const statement of input.statements) {
    if (columnOf.has(statement.id)) throw new ConsensusInputError(`statement ${String(statement.id)} is listed twice`);
    if (statement.moderatedOut === true) columnOf.set(statement.id, -1);
    else {
      columnOf.set(statement.id, activeStatements.length);
      activeStatements.push({ id: statement.id, seed: statement.seed === true });
    }
  }

  // Participants in order of first vote, renumbered below into canonical id order
  // so the result does not depend on the order of the votes.
  const votes = input.votes;
  /** Moderated-out statements that received votes: Pol.is keeps them as columns of zeros (see projection.ts). */
  const zeroed = new Set<S>();
  const firstIndexOf = new Map<P, number>();
  const seenIds: P[] = [];
  const rowOfVote = new Int32Array(votes.length);
  const columnOfVote = new Int32Array(votes.length);
  const valueOfVote = new Int8Array(votes.length);
  let lastId: P | undefined;
  let lastIndex = -1;
  for (let i = 0; i < votes.length; i++) {
    const vote = votes[i]!;
    let index: number;
    if (lastIndex >= 0 && vote.participantId === lastId) index = lastIndex;
    else {
      const known = firstIndexOf.get(vote.participantId);
      if (known === undefined) {
        index = seenIds.length;
        firstIndexOf.set(vote.participantId, index);
        seenIds.push(vote.participantId);
      } else index = known;
      lastId = vote.participantId;
      lastIndex = index;
    }
    const column = columnOf.get(vote.statementId);
    if (column === undefined) throw new ConsensusInputError(`vote ${i} is on statement ${String(vote.statementId)}, which is not listed`);
    if (column < 0) zeroed.add(vote.statementId);
    const code = CODE[vote.vote];
    if (code === undefined) throw new ConsensusInputError(`vote ${i} has value ${String(vote.vote)}`);
    rowOfVote[i] = index;
    columnOfVote[i] = column;
    valueOfVote[i] = code;
  }
  return analyzeCodedVotes(activeStatements, seenIds, rowOfVote, columnOfVote, valueOfVote, zeroed.size, options);
}

/**
 * Votes as columns, for big conversations (a Pol.is export of millions of votes):
 * no object per vote. `vote` uses Pol.is's export coding: 1 agree, −1 disagree,
 * 0 pass. Same result as analyzeConversation with the same votes in the same order.
 */
export interface VoteColumnsInput {
  readonly statements: readonly ConversationStatement<number>[];
  readonly votes: {
    readonly length: number;
    readonly participantId: Int32Array;
    readonly statementId: Int32Array;
    readonly vote: Int8Array;
  };
  readonly options?: AnalysisOptions;
}

export function analyzeVoteColumns(input: VoteColumnsInput): Analysis<number, number> {
  const options = input.options ?? {};
  const columnOf = new Map<number, number>();
  const activeStatements: { id: number; seed: boolean }[] = [];
  for (const statement of input.statements) {
    if (columnOf.has(statement.id)) throw new ConsensusInputError(`statement ${statement.id} is listed twice`);
    if (statement.moderatedOut === true) columnOf.set(statement.id, -1);
    else {
      columnOf.set(statement.id, activeStatements.length);
      activeStatements.push({ id: statement.id, seed: statement.seed === true });
    }
  }
  const { length, participantId, statementId, vote } = input.votes;
  const zeroed = new Set<number>();
  const firstIndexOf = new Map<number, number>();
  const seenIds: number[] = [];
  const rowOfVote = new Int32Array(length);
  const columnOfVote = new Int32Array(length);
  const valueOfVote = new Int8Array(length);
  let lastId = NaN;
  let lastIndex = -1;
  let lastStatement = NaN;
  let lastColumn = -1;
  for (let i = 0; i < length; i++) {
    const p = participantId[i]!;
    if (p !== lastId) {
      let known = firstIndexOf.get(p);
      if (known === undefined) {
        known = seenIds.length;
        firstIndexOf.set(p, known);
        seenIds.push(p);
      }
      lastId = p;
      lastIndex = known;
    }
    const s = statementId[i]!;
    if (s !== lastStatement) {
      const column = columnOf.get(s);
      if (column === undefined) throw new ConsensusInputError(`vote ${i} is on statement ${s}, which is not listed`);
      if (column < 0) zeroed.add(s);
      lastStatement = s;
      lastColumn = column;
    }
    const v = vote[i]!;
    if (v !== 1 && v !== -1 && v !== 0) throw new ConsensusInputError(`vote ${i} has value ${v}`);
    rowOfVote[i] = lastIndex;
    columnOfVote[i] = lastColumn;
    // Pol.is's math codes agree as −1: the export's coding flipped.
    valueOfVote[i] = v === 1 ? AGREE : v === -1 ? DISAGREE : PASS;
  }
  return analyzeCodedVotes(activeStatements, seenIds, rowOfVote, columnOfVote, valueOfVote, zeroed.size, options);
}

function analyzeCodedVotes<P extends ParticipantId, S extends StatementId>(
  activeStatements: readonly { id: S; seed: boolean }[],
  seenIds: readonly P[],
  rowOfVote: Int32Array,
  columnOfVote: Int32Array,
  valueOfVote: Int8Array,
  zeroedColumns: number,
  options: AnalysisOptions,
): Analysis<P, S> {
  const random = createSeededRandom(options.seed ?? DEFAULT_SEED);
  const S = activeStatements.length;
  const order = seenIds.map((_, i) => i).sort((a, b) => compareIds(seenIds[a]!, seenIds[b]!));
  const participantIds = order.map((i) => seenIds[i]!);
  const rank = new Int32Array(order.length);
  order.forEach((first, r) => (rank[first] = r));
  for (let i = 0; i < rowOfVote.length; i++) rowOfVote[i] = rank[rowOfVote[i]!]!;
  const P = participantIds.length;

  const matrix = buildSparseVotes(P, S, rowOfVote, columnOfVote, valueOfVote);
  const voteCounts = rowVoteCounts(matrix);
  const clusteredRows = selectClusteredParticipants(voteCounts, S);

  // PCA over every participant's votes (as Pol.is does: the map's axes use all
  // the evidence), then only the clustered participants are grouped.
  const centered = centerVotes(matrix);
  const pca = powerIterationPca(centered, { random, maxIterations: options.pcaIterations ?? 100 });
  const projection = projectParticipants(centered, pca.components, zeroedColumns);
  const points = new Float64Array(clusteredRows.length * 2);
  for (let i = 0; i < clusteredRows.length; i++) {
    points[2 * i] = projection[2 * clusteredRows[i]!]!;
    points[2 * i + 1] = projection[2 * clusteredRows[i]! + 1]!;
  }

  const clustering = clusterIntoGroups(points, {
    random,
    maxBaseClusters: options.maxBaseClusters ?? 100,
    maxGroups: options.maxGroups ?? 5,
    ...(options.kMargin === undefined ? {} : { kMargin: options.kMargin }),
  });
  const G = clustering.groupCount;
  const groupCounts = countGroupVotes(matrix, clusteredRows, clustering.groupOfPoint, G);
  const clusteredTotals = totalVotes(groupCounts);
  const everyone = countGroupVotes(matrix, Int32Array.from({ length: P }, (_, i) => i), new Int32Array(P), 1);

  const extremity = statementExtremity(pca.components);
  const gic = groupInformedConsensus(groupCounts);
  const consensus = majorityConsensus(clusteredTotals.agree, clusteredTotals.disagree, clusteredTotals.seen);
  const passes = everyone.seen.map((seen, s) => seen - everyone.agree[s]! - everyone.disagree[s]!);
  const uncertainty = areasOfUncertainty(passes, everyone.seen);

  const idOf = (s: number): S => activeStatements[s]!.id;
  const members: P[][] = Array.from({ length: G }, () => []);
  const groupOfRow = new Int32Array(P).fill(-1);
  for (let i = 0; i < clusteredRows.length; i++) {
    const r = clusteredRows[i]!;
    groupOfRow[r] = clustering.groupOfPoint[i]!;
    members[clustering.groupOfPoint[i]!]!.push(participantIds[r]!);
  }

  const groups: OpinionGroup<P, S>[] = members.map((list, g) => {
    const votesOfGroup: StatementVoteCounts = {
      agree: slice(groupCounts.agree, g * S, (g + 1) * S),
      disagree: slice(groupCounts.disagree, g * S, (g + 1) * S),
      seen: slice(groupCounts.seen, g * S, (g + 1) * S),
    };
    return {
      id: g,
      members: list,
      representative: representativeStatements(groupCounts, g).map((e) => ({
        statementId: idOf(e.statement),
        direction: e.direction,
        probability: e.probability,
        zScore: e.zScore,
        repness: e.repness,
        repnessZScore: e.repnessZScore,
        significant: e.significant,
      })),
      votes: votesOfGroup,
    };
  });

  const participants: ParticipantAnalysis<P>[] = participantIds.map((participantId, r) => ({
    participantId,
    voteCount: voteCounts[r]!,
    groupId: groupOfRow[r]! >= 0 ? groupOfRow[r]! : null,
    projection: [projection[2 * r]!, projection[2 * r + 1]!],
  }));

  const statements: StatementAnalysis<S>[] = activeStatements.map((statement, s) => ({
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
    participantCount: P,
    statementCount: S,
    clusteredParticipants: Array.from(clusteredRows, (r) => participantIds[r]!),
    groups,
    participants,
    statements,
    consensus: {
      agree: consensus.agree.map((e) => ({ statementId: idOf(e.statement), probability: e.probability, zScore: e.zScore })),
      disagree: consensus.disagree.map((e) => ({ statementId: idOf(e.statement), probability: e.probability, zScore: e.zScore })),
    },
    groupInformedConsensus: topGroupInformed(gic, clusteredTotals.seen).map((s) => ({ statementId: idOf(s), value: gic[s]! })),
    uncertainty: uncertainty.map((e) => ({ statementId: idOf(e.statement), passRate: e.passRate, seen: e.seen })),
    pca: {
      center: Array.from(pca.center),
      components: [Array.from(pca.components[0]), Array.from(pca.components[1])],
      eigenvalues: pca.eigenvalues,
    },
    clustering: {
      baseClusterCount: clustering.base.k,
      silhouettes: clustering.silhouettes,
    },
  };
}

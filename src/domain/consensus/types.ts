// Input and output types of the consensus engine (Pol.is's method, domain.md §3).
//
// Ids: a participant or statement id is a string or a number, chosen by the caller
// (the bot uses database ids, the Pol.is import uses the export's integer ids). The
// engine never interprets them; it only compares them (see `compareIds`) to put
// participants in a canonical order, so the result does not depend on the order of
// the votes. `1` and `"1"` are different ids.

export type ParticipantId = string | number;
export type StatementId = string | number;

/** A resident's answer to a statement, as the resident gave it. */
export type VoteValue = "agree" | "disagree" | "pass";

export interface ConversationVote<P extends ParticipantId = ParticipantId, S extends StatementId = StatementId> {
  readonly participantId: P;
  readonly statementId: S;
  readonly vote: VoteValue;
}

export interface ConversationStatement<S extends StatementId = StatementId> {
  readonly id: S;
  /** Rejected by a moderator: left out of the analysis entirely, votes on it ignored. */
  readonly moderatedOut?: boolean;
  /** A committee seed statement: the router may give it a fixed high priority. */
  readonly seed?: boolean;
}

export interface AnalysisOptions {
  /** Seed of the PRNG behind PCA start vectors and k-means++; same seed, same groups. */
  readonly seed?: number;
  /** At most this many base clusters (Pol.is: 100). */
  readonly maxBaseClusters?: number;
  /** At most this many opinion groups (Pol.is: 5). */
  readonly maxGroups?: number;
  /** Power-iteration cap (Pol.is: 100). */
  readonly pcaIterations?: number;
  /** A larger k must beat every smaller k's silhouette by more than this (default 0.02). */
  readonly kMargin?: number;
}

/**
 * Everything the engine needs. `statements` lists every statement of the
 * conversation (order matters only for tie-breaking: earlier wins). A vote on a
 * statement that is not listed is an input error. When a participant voted on the
 * same statement more than once, the vote that comes last in `votes` counts.
 */
export interface ConversationInput<P extends ParticipantId = ParticipantId, S extends StatementId = StatementId> {
  readonly statements: readonly ConversationStatement<S>[];
  readonly votes: readonly ConversationVote<P, S>[];
  readonly options?: AnalysisOptions;
}

export type Direction = "agree" | "disagree";

export interface RepresentativeStatement<S extends StatementId = StatementId> {
  readonly statementId: S;
  readonly direction: Direction;
  /** pa (or pd): the group's smoothed share agreeing (disagreeing). */
  readonly probability: number;
  /** pat (or pdt): how sure that share is above one half. */
  readonly zScore: number;
  /** ra (or rd): probability in the group over probability outside it. */
  readonly repness: number;
  /** rat (or rdt): two-proportion z-test of the group against everyone else clustered. */
  readonly repnessZScore: number;
  /** False when nothing qualified and this is the fallback best by z-score. */
  readonly significant: boolean;
}

export interface ConsensusStatement<S extends StatementId = StatementId> {
  readonly statementId: S;
  readonly probability: number;
  readonly zScore: number;
}

/** Vote counts aligned with `Analysis.statements` (index i is statements[i]). */
export interface StatementVoteCounts {
  readonly agree: number[];
  readonly disagree: number[];
  /** Votes seen: agrees + disagrees + passes. */
  readonly seen: number[];
}

export interface OpinionGroup<P extends ParticipantId = ParticipantId, S extends StatementId = StatementId> {
  /** 0-based; groups are ordered by size, largest first. */
  readonly id: number;
  readonly members: P[];
  readonly representative: RepresentativeStatement<S>[];
  readonly votes: StatementVoteCounts;
}

export interface StatementAnalysis<S extends StatementId = StatementId> {
  readonly statementId: S;
  readonly seed: boolean;
  /** Counts over every participant's votes (clustered or not): what routing uses. */
  readonly agree: number;
  readonly disagree: number;
  readonly pass: number;
  readonly seen: number;
  /** The statement's loadings on the two principal components. */
  readonly loadings: [number, number];
  /** Distance of the loadings from the origin. */
  readonly extremity: number;
  /** Π over groups of (na_g + 1)/(ns_g + 2). */
  readonly groupInformedConsensus: number;
}

export interface ParticipantAnalysis<P extends ParticipantId = ParticipantId> {
  readonly participantId: P;
  /** Votes on statements that are not moderated out. */
  readonly voteCount: number;
  /** null when the participant is not clustered. */
  readonly groupId: number | null;
  /** Sparsity-aware PCA projection (also for participants who are not clustered). */
  readonly projection: [number, number];
}

export interface UncertainStatement<S extends StatementId = StatementId> {
  readonly statementId: S;
  readonly passRate: number;
  readonly seen: number;
}

export interface GroupInformedEntry<S extends StatementId = StatementId> {
  readonly statementId: S;
  readonly value: number;
}

/** A plain, JSON-serialisable value: the app may cache it as is. */
export interface Analysis<P extends ParticipantId = ParticipantId, S extends StatementId = StatementId> {
  /** Distinct participants with at least one vote (any statement). */
  readonly participantCount: number;
  /** Statements not moderated out. */
  readonly statementCount: number;
  readonly clusteredParticipants: P[];
  readonly groups: OpinionGroup<P, S>[];
  /** Every participant in canonical id order. */
  readonly participants: ParticipantAnalysis<P>[];
  /** Statements not moderated out, in input order. */
  readonly statements: StatementAnalysis<S>[];
  readonly consensus: { readonly agree: ConsensusStatement<S>[]; readonly disagree: ConsensusStatement<S>[] };
  /** Top 10 by group-informed consensus, best first. */
  readonly groupInformedConsensus: GroupInformedEntry<S>[];
  /** Statements more than 30% of their voters passed on, top 5. */
  readonly uncertainty: UncertainStatement<S>[];
  readonly pca: {
    readonly center: number[];
    readonly components: [number[], number[]];
    readonly eigenvalues: [number, number];
  };
  readonly clustering: {
    readonly baseClusterCount: number;
    /** Silhouette of every k tried; the chosen k is groups.length. */
    readonly silhouettes: { readonly k: number; readonly score: number }[];
  };
}

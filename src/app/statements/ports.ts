import type { PolisImportPlan } from "../../domain/polis/importPlan.js";
// What the statement use cases need from storage. src/db/repositories
// implements it for SQLite and PostgreSQL alike. (Kept beside the use cases
// rather than in app/ports.ts while consultations are built in parallel.)

import type { Language } from "../../domain/language.js";
import type { Statement, StatementStatus, StoredVote } from "../../domain/statements/statement.js";

/** The few facts of a consultation that statements, rating and moderation depend on. */
export interface ConsultationFacts {
  readonly id: number;
  /** draft | open | closed | submitted | answered */
  readonly status: string;
  /** Buildings whose verified residents take part; null: everyone verified. */
  readonly audience: string[] | null;
  readonly residentStatements: boolean;
  readonly moderated: boolean;
  readonly titleZh: string | null;
  readonly titleEn: string | null;
  readonly descriptionZh: string | null;
  readonly descriptionEn: string | null;
}

export interface NewStatement {
  readonly consultationId: number;
  readonly authorId: bigint | null;
  readonly text: string;
  readonly language: Language;
  readonly normalized: string;
  readonly status: StatementStatus;
  readonly seed?: boolean;
  readonly at: Date;
}

export interface ResidentVote {
  readonly statementId: number;
  readonly vote: StoredVote;
  readonly votedAt: Date;
}

export interface ParticipantVote extends ResidentVote {
  readonly participant: string;
}

export interface StatementStore {
  consultation(id: number): Promise<ConsultationFacts | null>;
  /** Consultations in any of these states, oldest first. */
  consultationsIn(statuses: readonly string[]): Promise<ConsultationFacts[]>;

  /** Inserts, unless a statement with the same normalized form exists in the consultation: that one is returned. */
  create(draft: NewStatement): Promise<{ kind: "created"; statement: Statement } | { kind: "duplicate"; existing: Statement }>;
  find(id: number): Promise<Statement | null>;
  /** The statements with these ids that exist (any order). */
  findMany(ids: readonly number[]): Promise<Statement[]>;
  findByNormalized(consultationId: number, normalized: string): Promise<Statement | null>;
  /** Every statement of the consultation, by id (duplicates are looked for in both languages of each). */
  all(consultationId: number): Promise<Statement[]>;
  /** Every statement of the consultation in one state, by id. */
  withStatus(consultationId: number, status: StatementStatus): Promise<Statement[]>;
  /** Approved statements' ids and seed flags, by id: what routing draws from. */
  approvedIds(consultationId: number): Promise<{ id: number; seed: boolean }[]>;
  /** The oldest pending statement with an id above `afterId`, and how many are pending in all. */
  nextPending(afterId: number): Promise<{ statement: Statement | null; total: number }>;
  /** The next approved statement (id above `afterId`) that has only one language, and how many such there are. */
  nextUntranslated(afterId: number): Promise<{ statement: Statement | null; total: number }>;
  /** How many statements are pending, and how many approved ones exist in one language only. */
  queueSizes(): Promise<{ pending: number; untranslated: number }>;
  /** Applies a decision only to a statement still pending; null if it is not (any more). */
  moderate(id: number, decision: { status: "approved" | "rejected"; reason: string | null; by: bigint; at: Date }): Promise<Statement | null>;
  setText(id: number, language: Language, text: string): Promise<Statement | null>;

  /** Records or replaces the participant's vote on the statement. */
  castVote(statementId: number, participant: string, voterId: bigint | null, vote: StoredVote, at: Date): Promise<void>;
  /** Every vote of one participant in a consultation (one query). */
  votesOf(participant: string, consultationId: number): Promise<ResidentVote[]>;
  /** Agree / disagree / pass counts per statement (for routing before the first analysis). */
  voteTotals(consultationId: number): Promise<Map<number, { agree: number; disagree: number; pass: number }>>;
  /** Every vote of the consultation, with its time (for exports). */
  allVotes(consultationId: number): Promise<ParticipantVote[]>;
  /** Every vote of the consultation, without times, read in bulk (for the analysis). */
  analysisVotes(consultationId: number): Promise<{ participant: string; statementId: number; vote: StoredVote }[]>;
  voteCount(consultationId: number): Promise<number>;
}

export interface CachedAnalysis {
  readonly consultationId: number;
  readonly computedAt: Date;
  readonly voteCount: number;
  readonly data: string;
}

export interface AnalysisCacheStore {
  read(consultationId: number): Promise<CachedAnalysis | null>;
  /** When it was last computed and on how many votes, without reading the data. */
  status(consultationId: number): Promise<{ computedAt: Date; voteCount: number } | null>;
  write(entry: CachedAnalysis): Promise<void>;
}

// ── Imported Pol.is exports (src/app/statements/polisImport.ts; stored by src/db/repositories/polisImports.ts).
export interface PolisImportRecord {
  readonly consultationId: number;
  readonly importedAt: Date;
}

export interface NewPolisImport {
  readonly plan: PolisImportPlan;
  /** One key per plan participant (index → key). */
  readonly participantKeys: readonly string[];
  readonly exportSha256: string;
  readonly source: string;
  readonly at: Date;
}

export type PolisImportOutcome = { readonly kind: "imported"; readonly consultationId: number } | { readonly kind: "duplicate"; readonly existing: PolisImportRecord };

export interface PolisImportStore {
  /** The import of this export whose consultation still exists, if any. */
  findByExport(exportSha256: string): Promise<PolisImportRecord | null>;
  /** The consultation, its statements, its votes and the import record, in one transaction. */
  create(input: NewPolisImport): Promise<PolisImportOutcome>;
}

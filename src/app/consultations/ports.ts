// What the consultation use cases need from storage; src/db implements it for
// SQLite and PostgreSQL alike. Keys are the domain's ("user:<id>", "unit:<id>");
// the repositories map them to what the Ballot table stores.
import type { Consultation, StoredPollResult } from "../../domain/consultations/consultation.js";
import type { ConsultationDraft } from "../../domain/consultations/spec.js";
import type { AudienceMember, FormerBallot } from "../../domain/consultations/voting.js";
import type { Language } from "../../domain/language.js";
import type { BallotEvent, VoterKey } from "../../domain/polls/index.js";

export interface ConsultationStore {
  /** Stores the consultation, its polls and seed statements in one transaction. */
  create(draft: ConsultationDraft, meta: { createdBy: bigint | null; status: "draft" | "open"; openedAt: Date | null; at: Date }): Promise<Consultation>;
  find(id: number): Promise<Consultation | null>;
  findByPoll(pollId: number): Promise<Consultation | null>;
  /** Newest first. */
  list(limit: number): Promise<Consultation[]>;
  /** Every consultation with status open. */
  listOpen(): Promise<Consultation[]>;
  /** Drafts and open consultations: what the scheduler watches. */
  listActive(): Promise<Consultation[]>;
  /** draft → open, only if still a draft. */
  markOpen(id: number, at: Date): Promise<boolean>;
  /**
   * open → closed, only if still open. On PostgreSQL the row is locked first,
   * so a ballot statement running at that moment either finishes before (and
   * is counted) or sees the consultation closed (and stores nothing).
   */
  markClosed(id: number, at: Date): Promise<boolean>;
  /** Writes a poll's result once; false if it already had one. */
  storeResult(pollId: number, result: StoredPollResult): Promise<boolean>;
  markRemindersQueued(id: number, at: Date): Promise<boolean>;
  markPublished(id: number, at: Date): Promise<void>;
  /** Closed consultations with a poll whose result is not stored yet (a closing interrupted by a crash). */
  unfinishedClosings(): Promise<number[]>;
  /** How many of its statements residents can rate now (approved ones, seeds included). */
  approvedStatementCount(id: number): Promise<number>;
}

export interface StoredBallot {
  readonly pollId: number;
  readonly key: VoterKey;
  /** Null once the voter used /forget. */
  readonly voterId: bigint | null;
  readonly choice: number[];
  readonly castAt: Date;
}

export interface CastBallot {
  readonly consultationId: number;
  readonly pollId: number;
  readonly key: VoterKey;
  readonly voterId: bigint;
  readonly unitId: number | null;
  readonly choice: readonly number[];
  readonly castAt: Date;
  /** The castAt of the ballot the voter saw, or null if they saw none: anything else stored means they pressed an outdated message. */
  readonly expected: Date | null;
}

export interface BallotStore {
  /**
   * One statement: inserts the ballot, or replaces the stored one if it is
   * still `expected`, and only while the consultation is open. False when
   * nothing was written (closed, or the ballot changed since the voter saw it).
   */
  cast(ballot: CastBallot): Promise<boolean>;
  find(pollId: number, key: VoterKey): Promise<StoredBallot | null>;
  /** The ballots under any of `keys` in any of `pollIds`. */
  forKeys(pollIds: readonly number[], keys: readonly VoterKey[]): Promise<StoredBallot[]>;
  /** Every ballot of a poll as domain events (anonymised keys included). */
  events(pollId: number): Promise<BallotEvent[]>;
  /** Ballots of people who used /forget since (the row names nobody any more). */
  former(pollId: number): Promise<FormerBallot[]>;
  /** Ballots per poll. */
  countByPoll(pollIds: readonly number[]): Promise<Map<number, number>>;
  /** Distinct ballots grouped by choice, for live results. */
  choiceCounts(pollId: number): Promise<{ choice: number[]; count: number }[]>;
  /** Keys holding a ballot in each poll. */
  keysByPoll(pollIds: readonly number[]): Promise<Map<number, Set<VoterKey>>>;
}

/**
 * The roster of a consultation's scope (its buildings, or the whole park):
 * what Art. 278 counts over, every unit whether anyone registered it or not.
 */
export interface RosterScope {
  /** Units with a floor area on the roster, and the sum of those areas (0.01 m²). */
  readonly units: number;
  readonly areaCenti: number;
  /** Units without one: how many, and the first few as "building number", sorted. */
  readonly withoutArea: { readonly count: number; readonly names: readonly string[] };
}

/** A verified resident of the audience, with what bulk sends need. */
export interface Recipient extends AudienceMember {
  readonly language: Language;
  readonly remindersMuted: boolean;
}

export interface AudienceStore {
  /** Verified residents with a unit in these buildings (null: the whole park), reachable or not. */
  members(buildings: readonly string[] | null): Promise<AudienceMember[]>;
  /** The same, with language and reminder setting, only those Telegram still delivers to. */
  recipients(buildings: readonly string[] | null): Promise<Recipient[]>;
  /** The roster of these buildings (null: the whole park) in one aggregate query, plus the names of units without an area when there are any. */
  roster(buildings: readonly string[] | null): Promise<RosterScope>;
  /** These units of the roster: "building number", and the floor area (null: not on record). */
  units(unitIds: readonly number[]): Promise<Map<number, { label: string; areaCenti: number | null }>>;
  /** Which of these buildings are on the roster. */
  knownBuildings(): Promise<string[]>;
  /** Holders of the committee or admin role, with their language when registered. */
  committee(): Promise<{ id: bigint; language: Language | null }[]>;
  setRemindersMuted(id: bigint, muted: boolean): Promise<boolean>;
  /** The person wrote to the bot again, so Telegram delivers to them again. */
  clearUnreachable(id: bigint): Promise<void>;
  languageOf(ids: readonly bigint[]): Promise<Map<bigint, Language>>;
}

/** A button of a queued message, built into real callback data by the sender. */
export interface OutboxButton {
  readonly text: string;
  readonly action: string;
  readonly args: readonly (string | number)[];
}

export interface OutboxDraft {
  readonly batch: string;
  readonly chatId: bigint;
  readonly text: string;
  readonly buttons?: readonly OutboxButton[];
}

export type OutboxStatus = "pending" | "sending" | "sent" | "blocked" | "failed";

export interface OutboxMessage {
  readonly id: number;
  readonly batch: string;
  readonly chatId: bigint;
  readonly text: string;
  readonly buttons: readonly OutboxButton[];
  readonly attempts: number;
  readonly notBefore: Date;
}

export interface OutboxStore {
  /**
   * Queues messages; one per (batch, chat), so queuing again adds only the new ones — and
   * queues again those that failed (a second /publish repairs what a failure left). Returns
   * how many were added or queued again.
   */
  enqueue(messages: readonly OutboxDraft[], notBefore: Date): Promise<number>;
  /** Pending messages due at `now`, oldest first. */
  due(now: Date, limit: number): Promise<OutboxMessage[]>;
  /** The earliest notBefore of a pending message. */
  nextDue(): Promise<Date | null>;
  /**
   * pending → sending, leased until `leaseUntil` (its notBefore while sending); false if another
   * worker — in this process or another instance — took it.
   */
  claim(id: number, leaseUntil: Date): Promise<boolean>;
  markSent(id: number, at: Date): Promise<void>;
  /** Back to pending, not before `notBefore`. */
  retryLater(id: number, notBefore: Date, error: string): Promise<void>;
  markFailed(id: number, error: string): Promise<void>;
  /** The chat blocked the bot: this and every pending message to it stop, and the person is marked unreachable. */
  markBlocked(id: number, chatId: bigint, at: Date, error: string): Promise<number>;
  /**
   * Messages left "sending" past their lease (by a process that died mid-send) go back to
   * pending. Telegram may or may not have delivered them; sent again, a person may get one
   * twice, which is better than never getting a result they are owed. A message another
   * instance is sending right now is within its lease and left alone.
   */
  requeueInterrupted(now: Date): Promise<number>;
  /** Counts per status for batches starting with `prefix`. */
  progress(prefix: string): Promise<Record<OutboxStatus, number>>;
  /** Counts per status over every batch, and since when the oldest message due at `now` has waited (for /healthz and /metrics). */
  stats(now: Date): Promise<{ counts: Record<OutboxStatus, number>; oldestDueAt: Date | null }>;
}

/**
 * Which one of several instances on one database runs the scheduler, so that
 * a consultation closes once, its result is queued once and its reminders
 * once (src/db/schedulerLock.ts: a PostgreSQL advisory lock). One process alone
 * (SQLite) needs none.
 */
export interface SchedulerLock {
  /** Whether this process holds the lock now, taking it if it is free; false if another holds it or the database cannot be reached. */
  hold(): Promise<boolean>;
  /** Lets go of it (at shutdown), so that another instance takes over at once. */
  release(): Promise<void>;
}

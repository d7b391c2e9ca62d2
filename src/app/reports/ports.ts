// What the report use cases need from storage; src/db/repositories/reports.ts
// implements it for SQLite and PostgreSQL alike.
import type { Consultation } from "../../domain/consultations/consultation.js";
import type { Language } from "../../domain/language.js";
import type { VoteColumns } from "../../domain/consensus/voteColumns.js";
import type { ParticipationMember, ReportContent } from "../../domain/reports/index.js";

export type { ReportHeader, ReportKind } from "../../domain/reports/header.js";
import type { ReportHeader, ReportKind } from "../../domain/reports/header.js";

/** A stored snapshot with its content exactly as hashed. */
export interface StoredReport extends ReportHeader {
  readonly parameters: string;
  readonly content: string;
}

/** What a submission stores: the header's fields (the database gives the id) with the content as hashed. */
export interface NewReport extends Omit<ReportHeader, "id"> {
  readonly parameters: string;
  readonly content: string;
}

export interface ReportStore {
  /** Inserts a new version; null when that version exists already (another submission won the race). */
  create(report: NewReport): Promise<ReportHeader | null>;
  /** The highest version of a consultation's reports, 0 if none. */
  latestVersion(consultationId: number): Promise<number>;
  /** One version, or the latest when `version` is omitted. */
  find(consultationId: number, version?: number): Promise<StoredReport | null>;
  /** Every version of a consultation, newest first (no content). */
  versions(consultationId: number): Promise<ReportHeader[]>;
  /** Newest first, paged. */
  list(offset: number, limit: number): Promise<{ reports: ReportHeader[]; total: number }>;
  /** Every report's header (for the dashboard), oldest first. */
  all(): Promise<ReportHeader[]>;
  /** closed → submitted; false if the consultation was not closed (open: an interim report; already submitted). */
  markSubmitted(consultationId: number): Promise<boolean>;
  markRead(snapshotId: number, userId: bigint, at: Date): Promise<void>;
  /** Which of these snapshots the person has opened. */
  readBy(userId: bigint, snapshotIds: readonly number[]): Promise<Set<number>>;
}

/** The live data a snapshot is built from, read once at submission. */
export interface ReportSourceStore {
  /** Verified residents of the audience, each with whether they voted or rated in this consultation. */
  participation(consultationId: number, buildings: readonly string[] | null): Promise<ParticipationMember[]>;
  /**
   * Every statement vote of the consultation as the consensus engine's columns, participants
   * numbered in their ids' canonical order (see voteColumnsOf): two million of them are
   * read once, with no object per vote.
   */
  engineVotes(consultationId: number): Promise<VoteColumns>;
  /** Every unit number on the roster, to mask them in resident-written text. */
  unitNumbers(): Promise<string[]>;
  /** Holders of the official role, with their language when registered. */
  officials(): Promise<{ id: bigint; language: Language | null }[]>;
  /** Consultations by status, for the dashboard: counts only. */
  statusCounts(): Promise<Record<string, number>>;
}

/** Builds a report's content: on a worker thread of its own (src/wiring/snapshotWorker.ts) or on this one. */
export interface ContentBuilder {
  build(c: Consultation, previous: StoredReport | null, at: Date): Promise<ReportContent>;
  close(): Promise<void>;
}

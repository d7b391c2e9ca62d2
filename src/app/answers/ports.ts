// What the answer use cases need from storage; src/db/repositories/answers.ts
// implements it for SQLite and PostgreSQL alike.
import type { Answer, AttachmentKind, RelayScope } from "../../domain/answers/answer.js";
import type { Language } from "../../domain/language.js";

export interface NewAnswer {
  readonly consultationId: number;
  readonly reportVersion: number;
  readonly text: { readonly zh?: string; readonly en?: string };
  readonly file: { readonly id: string; readonly kind: AttachmentKind } | null;
  readonly answeredBy: bigint;
  readonly answeredAt: Date;
}

export interface AnswerStore {
  create(answer: NewAnswer): Promise<Answer>;
  find(id: number): Promise<Answer | null>;
  /** Every answer of a consultation, newest first. */
  forConsultation(consultationId: number): Promise<Answer[]>;
  /** The newest relayed answer of each of these consultations. */
  relayedFor(consultationIds: readonly number[]): Promise<Map<number, Answer>>;
  /** Adds a translation while the answer awaits the committee and lacks that language; false otherwise. */
  translate(id: number, lang: Language, text: string): Promise<boolean>;
  /** awaiting → returned, with the note; false if it no longer awaited. */
  sendBack(id: number, by: bigint, note: string, at: Date): Promise<boolean>;
  /** awaiting → relayed; false if it no longer awaited (a second press, or sent back). */
  markRelayed(id: number, by: bigint, scope: RelayScope, at: Date): Promise<boolean>;
  setRelayedTo(id: number, count: number): Promise<void>;
  /** submitted → answered; other statuses (an interim report of an open consultation) stay. */
  markConsultationAnswered(consultationId: number): Promise<void>;
  /** Residents who voted, wrote or rated in the consultation and whom Telegram still reaches, with their language. */
  participants(consultationId: number): Promise<{ id: bigint; language: Language }[]>;
}

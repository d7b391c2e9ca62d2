// What the follow-up use cases need from storage; src/db/repositories/followUps.ts
// implements it for SQLite and PostgreSQL alike.
import type { ActionStatus, FollowUpAction } from "../../domain/actions/followUp.js";
import type { Department } from "../../domain/actions/department.js";
import type { Language } from "../../domain/language.js";

export interface NewAction {
  readonly consultationId: number;
  readonly departmentId: number;
  readonly what: { readonly zh?: string; readonly en?: string };
  readonly due: string;
  readonly pollIds: readonly number[];
  readonly statementIds: readonly number[];
  readonly createdBy: bigint;
  readonly at: Date;
}

export type { ActionObservation, ActionUpdate, UpdateKind } from "../../domain/actions/history.js";
import type { ActionObservation, ActionUpdate, UpdateKind } from "../../domain/actions/history.js";

export interface ActionChange {
  readonly kind: Exclude<UpdateKind, "created">;
  readonly status: ActionStatus;
  readonly progress: number;
  readonly dropReason?: string | null;
  readonly note?: string | null;
  readonly actor: bigint;
  readonly at: Date;
}

/** One row of a resident's /followups: the action with its department's names and the consultation's title. */
export interface ResidentFollowUp {
  readonly action: FollowUpAction;
  readonly department: { readonly zh: string; readonly en: string };
  readonly title: { readonly zh?: string; readonly en?: string };
}

export interface FollowUpStore {
  /** The action and its "created" history row, in one transaction. */
  create(a: NewAction): Promise<FollowUpAction>;
  find(id: number): Promise<FollowUpAction | null>;
  /** Oldest first; every consultation when null. */
  list(consultationId: number | null): Promise<FollowUpAction[]>;
  /** Applies the change only if the action is still at `revision`, and keeps it in the history; false otherwise. */
  change(id: number, revision: number, c: ActionChange): Promise<FollowUpAction | null>;
  history(id: number): Promise<ActionUpdate[]>;
  observe(id: number, o: ActionObservation): Promise<void>;
  observations(id: number): Promise<ActionObservation[]>;
  /** How many observations each of these actions has. */
  observationCounts(ids: readonly number[]): Promise<Map<number, number>>;
  /** One query: the actions of every consultation the resident voted, wrote or rated in. */
  forResident(userId: bigint): Promise<ResidentFollowUp[]>;
  /** Participants (voted, wrote, rated) Telegram still reaches and who did not /mute, with their language. */
  notifiable(consultationId: number): Promise<{ id: bigint; language: Language }[]>;
  /** Each answer with the time the report version it answers was submitted. */
  answerTimes(): Promise<{ submittedAt: Date; answeredAt: Date }[]>;
  /** Answers still waiting for the committee's relay: consultation, version, when answered. */
  unrelayedAnswers(): Promise<{ consultationId: number; reportVersion: number; answeredAt: Date }[]>;
  /** Takes the digest of a local day: false if some process already took it. */
  takeDigest(day: string, at: Date): Promise<boolean>;
  setDigestRecipients(day: string, count: number): Promise<void>;
  digestTaken(day: string): Promise<boolean>;
  /** Every department, removed ones too (an action keeps its department's name). */
  departments(): Promise<Department[]>;
  /** The consultation's approved statements (seeds too), the report items an action may answer besides polls. */
  statements(consultationId: number): Promise<{ id: number; text: { zh?: string; en?: string } }[]>;
}

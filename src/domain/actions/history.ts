// What an action went through (its updates, the committee's observations) and the
// figures across actions: plain records the app stores and the presenters show.
import type { ActionStatus } from "./followUp.js";

export type UpdateKind = "created" | "status" | "progress" | "note";

export interface ActionUpdate {
  readonly at: Date;
  readonly actor: bigint;
  readonly kind: UpdateKind;
  readonly status: ActionStatus | null;
  readonly progress: number | null;
  readonly note: string | null;
}

export interface ActionObservation {
  readonly at: Date;
  readonly actor: bigint;
  readonly text: string;
}

export interface FollowUpFigures {
  /** Median days from a report's submission to the government's answer; null without answers. */
  readonly medianDaysToAnswer: number | null;
  readonly onTime: { readonly share: number | null; readonly onTime: number; readonly counted: number };
  readonly total: number;
  readonly byStatus: Record<ActionStatus, number>;
}


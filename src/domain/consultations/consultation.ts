// A consultation: what the committee asks, of whom, until when, and its polls.
import type { DecisionRule, PollDefinition, PollKind, PollResult, VotersMode } from "../polls/index.js";
import type { LocalizedText } from "./texts.js";

/** draft (waiting for its opening time) → open → closed; later issues add submitted → answered. */
export type ConsultationStatus = "draft" | "open" | "closed" | "submitted" | "answered";
export const CONSULTATION_STATUSES: readonly ConsultationStatus[] = ["draft", "open", "closed", "submitted", "answered"];

/** Whether residents see the counts while the poll is open, or only after closing. */
export type ResultsVisibility = "hidden" | "live";

/**
 * Art. 278 totals from the property register, overriding the roster's (see
 * README): for what the roster cannot say — several units of one buyer, the
 * developer's unsold units (together one owner), units missing from the roster.
 */
export interface OwnerRegisterTotals {
  readonly owners: number;
  readonly areaCenti: number;
}

/**
 * A poll as the committee defined it, stored as JSON in Poll.definition. The
 * domain's PollDefinition (ids, kind, voters, rule) is derived from it; the
 * texts stay here in both languages.
 */
export interface PollSpec {
  readonly question: LocalizedText;
  readonly kind: PollKind;
  /** Empty for a scale poll. */
  readonly options: readonly LocalizedText[];
  /** Multiple choice only. */
  readonly maxChoices?: number;
  /** Scale only: what 1 and 5 mean. */
  readonly labels?: { readonly low: LocalizedText; readonly high: LocalizedText };
  readonly voters: VotersMode;
  readonly rule: DecisionRule;
  readonly quorumPercent?: number;
  readonly results: ResultsVisibility;
  /** Art. 278 only. */
  readonly ownerTotals?: OwnerRegisterTotals;
}

/** What closing stores in Poll.result: the domain's result and the owners it had to leave out. */
export interface StoredPollResult {
  readonly result: PollResult;
  /** Art. 278: roster units left out of the totals and the count because the roster has no floor area for them. */
  readonly unitsWithoutArea: readonly string[];
  /** How many there were, when more than the names kept. */
  readonly unitsWithoutAreaCount?: number;
  /**
   * "register-too-small": the property register's totals in the spec were
   * below the registered owners' count or the roster's area, so the roster's
   * totals were the denominators instead.
   */
  readonly notes: readonly "register-too-small"[];
  readonly computedAt: string;
}

export interface Poll {
  readonly id: number;
  readonly consultationId: number;
  /** 0-based order in the consultation. */
  readonly position: number;
  readonly spec: PollSpec;
  readonly definition: PollDefinition;
  readonly result: StoredPollResult | null;
}

export interface Consultation {
  readonly id: number;
  readonly title: LocalizedText;
  readonly description: LocalizedText | null;
  readonly status: ConsultationStatus;
  /** Buildings of the audience; null means every verified resident of the park. */
  readonly audience: readonly string[] | null;
  readonly opensAt: Date | null;
  readonly closesAt: Date;
  readonly openedAt: Date | null;
  readonly closedAt: Date | null;
  readonly residentStatements: boolean;
  readonly moderated: boolean;
  readonly remindersQueuedAt: Date | null;
  readonly publishedAt: Date | null;
  readonly createdBy: bigint | null;
  readonly createdAt: Date;
  readonly polls: readonly Poll[];
}

/** The domain's definition of a stored poll; option labels are only for reading the definition. */
export function toPollDefinition(id: number, spec: PollSpec): PollDefinition {
  const base = {
    id: String(id),
    voters: spec.voters,
    rule: spec.rule,
    ...(spec.quorumPercent !== undefined ? { quorumPercent: spec.quorumPercent } : {}),
  };
  const options = spec.options.map((o, i) => ({ id: i, label: o.zh ?? o.en ?? "" }));
  switch (spec.kind) {
    case "single":
      return { ...base, kind: "single", options };
    case "ranked":
      return { ...base, kind: "ranked", options };
    case "multiple":
      return { ...base, kind: "multiple", options, maxChoices: spec.maxChoices ?? options.length };
    case "scale":
      return {
        ...base,
        kind: "scale",
        labels: { low: spec.labels?.low.zh ?? spec.labels?.low.en ?? "", high: spec.labels?.high.zh ?? spec.labels?.high.en ?? "" },
      };
  }
}

/** The time a consultation is due to open, close or remind, for the scheduler. */
export const REMINDER_LEAD_MS = 24 * 60 * 60 * 1000;

export type DueAction = "open" | "remind" | "close";

/**
 * What the scheduler must do for a consultation now. Reminders go out once,
 * 24 h before closing, and only for consultations that were open longer than
 * that (otherwise people would get a "reminder" right after the opening notice).
 */
export function dueAction(c: Pick<Consultation, "status" | "opensAt" | "closesAt" | "openedAt" | "remindersQueuedAt">, now: Date): DueAction | null {
  const t = now.getTime();
  if (c.status === "draft") return c.opensAt !== null && c.opensAt.getTime() <= t ? "open" : null;
  if (c.status !== "open") return null;
  if (c.closesAt.getTime() <= t) return "close";
  if (c.remindersQueuedAt === null && c.closesAt.getTime() - REMINDER_LEAD_MS <= t) return "remind";
  return null;
}

/** The next moment something will be due for this consultation, or null. */
export function nextDueAt(c: Pick<Consultation, "status" | "opensAt" | "closesAt" | "remindersQueuedAt">): Date | null {
  if (c.status === "draft") return c.opensAt;
  if (c.status !== "open") return null;
  const remind = c.closesAt.getTime() - REMINDER_LEAD_MS;
  return c.remindersQueuedAt === null ? new Date(Math.min(remind, c.closesAt.getTime())) : c.closesAt;
}

/** Whether reminders make sense at all: the consultation was open more than 24 h before closing. */
export function remindersWanted(c: Pick<Consultation, "openedAt" | "closesAt">): boolean {
  return c.openedAt !== null && c.closesAt.getTime() - c.openedAt.getTime() > REMINDER_LEAD_MS;
}

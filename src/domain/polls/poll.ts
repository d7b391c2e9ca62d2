// What a poll is: its kind, its options, who votes, and the rule that judges it.

export type PollKind = "single" | "multiple" | "scale" | "ranked";

/**
 * Who votes in a poll:
 * - `residents`: every verified resident of the audience, one ballot per person;
 * - `owners`: verified owners only, one ballot per person;
 * - `unit`: one ballot per unit; any verified resident of the unit may cast it and
 *   the unit's latest ballot counts.
 */
export type VotersMode = "residents" | "owners" | "unit";

/**
 * The rules of domain.md §2, plus `none` (report only, no outcome) for polls
 * that measure rather than decide, such as a 1–5 scale.
 */
export type DecisionRule =
  | "none"
  | "plurality"
  | "majority"
  | "supermajority"
  | "civil-code-278"
  | "civil-code-278-major";

export const DECISION_RULES: readonly DecisionRule[] = [
  "none",
  "plurality",
  "majority",
  "supermajority",
  "civil-code-278",
  "civil-code-278-major",
];

export const MIN_OPTIONS = 2;
export const MAX_OPTIONS = 10;
export const SCALE_MIN = 1;
export const SCALE_MAX = 5;

/**
 * Art. 278 polls are single-choice polls whose option 0 means "approve"; every
 * other option (reject, abstain, …) takes part without approving. A fixed
 * position rather than a flag keeps a stored poll impossible to misread.
 */
export const APPROVE_OPTION = 0;

/** An option's id is its position on the ballot: 0 … n−1. */
export interface PollOption {
  readonly id: number;
  readonly label: string;
}

interface PollBase {
  readonly id: string;
  readonly voters: VotersMode;
  readonly rule: DecisionRule;
  /** The quorum modifier: at least this whole percentage (1–100) of eligible voters must take part. */
  readonly quorumPercent?: number;
}

export interface SingleChoicePoll extends PollBase {
  readonly kind: "single";
  readonly options: readonly PollOption[];
}

export interface MultipleChoicePoll extends PollBase {
  readonly kind: "multiple";
  readonly options: readonly PollOption[];
  /** At most this many options per ballot (1 … number of options). */
  readonly maxChoices: number;
}

export interface ScalePoll extends PollBase {
  readonly kind: "scale";
  /** Labels for the two ends of the fixed 1–5 scale. */
  readonly labels: { readonly low: string; readonly high: string };
}

export interface RankedPoll extends PollBase {
  readonly kind: "ranked";
  readonly options: readonly PollOption[];
}

export type PollDefinition = SingleChoicePoll | MultipleChoicePoll | ScalePoll | RankedPoll;

/** Option ids a ballot may name (for a scale poll: the values 1–5). */
export function choiceValues(poll: PollDefinition): number[] {
  if (poll.kind === "scale") {
    return Array.from({ length: SCALE_MAX - SCALE_MIN + 1 }, (_, i) => SCALE_MIN + i);
  }
  return poll.options.map((o) => o.id);
}

export function isCivilCode278(rule: DecisionRule): rule is "civil-code-278" | "civil-code-278-major" {
  return rule === "civil-code-278" || rule === "civil-code-278-major";
}

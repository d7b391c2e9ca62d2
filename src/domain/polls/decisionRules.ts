// The decision rules of domain.md §2 as checks a reader can redo by hand: each
// check carries its fraction, its threshold and its comparator.
import { ONE_HALF, THREE_QUARTERS, TWO_THIRDS, fraction, meets, percent } from "./fraction.js";
import type { Comparator, Fraction } from "./fraction.js";
import type { OptionCount } from "./tally.js";
import { leaders } from "./tally.js";

export type CheckId =
  | "quorum"
  | "share"
  | "participation-area"
  | "participation-heads"
  | "approval-area"
  | "approval-heads";

export interface RuleCheck {
  readonly id: CheckId;
  /** The option a "share" check is about; null for the others. */
  readonly option: number | null;
  readonly fraction: Fraction;
  readonly threshold: Fraction;
  readonly comparator: Comparator;
  readonly met: boolean;
}

export type Outcome =
  /** plurality: one option has the most votes (ranked: won the instant runoff). */
  | "winner"
  /** plurality: several options share the most votes (ranked: the last round tied). */
  | "tie"
  /** majority / supermajority / Art. 278: the listed option(s) met the threshold. */
  | "passed"
  /** majority / supermajority / Art. 278: participation was enough but no option met the threshold. */
  | "failed"
  | "no-votes"
  | "quorum-not-met"
  /** Art. 278: owners taking part hold < 2/3 of the area or are < 2/3 of the owners. */
  | "participation-not-met"
  /** rule `none`: counts only, nothing decided. */
  | "reported";

export interface Decision {
  readonly outcome: Outcome;
  readonly winners: readonly number[];
  readonly checks: readonly RuleCheck[];
}

function check(
  id: CheckId,
  option: number | null,
  value: Fraction,
  comparator: Comparator,
  threshold: Fraction,
): RuleCheck {
  return { id, option, fraction: value, threshold, comparator, met: meets(value, comparator, threshold) };
}

/** Quorum modifier: ballots / eligible ≥ Q/100 (exactly Q% passes; nobody eligible fails). */
export function quorumCheck(ballots: number, eligible: number, quorumPercent: number): RuleCheck {
  return check("quorum", null, fraction(ballots, eligible), ">=", percent(quorumPercent));
}

/** `plurality`: the option with most votes wins; several at the top is a tie. */
export function decidePlurality(counts: readonly OptionCount[]): Decision {
  const top = leaders(counts);
  if (top.length === 0) return { outcome: "no-votes", winners: [], checks: [] };
  return { outcome: top.length === 1 ? "winner" : "tie", winners: top, checks: [] };
}

/**
 * `majority` (> 1/2) and `supermajority` (≥ 2/3) of the votes cast, i.e. of the
 * ballots (abstentions are ballots too). One check per option; in a
 * multiple-choice poll several options can pass.
 */
export function decideByShare(
  rule: "majority" | "supermajority",
  counts: readonly OptionCount[],
  ballots: number,
): Decision {
  const [comparator, threshold]: [Comparator, Fraction] = rule === "majority" ? [">", ONE_HALF] : [">=", TWO_THIRDS];
  const checks = counts.map((c) => check("share", c.option, fraction(c.votes, ballots), comparator, threshold));
  if (ballots === 0) return { outcome: "no-votes", winners: [], checks };
  const winners = checks.filter((c) => c.met).map((c) => c.option as number);
  return { outcome: winners.length > 0 ? "passed" : "failed", winners, checks };
}

/** Counts over owners for Art. 278 (heads per the holder-set convention, areas in 0.01 m²). */
export interface OwnersCount {
  readonly totalHeads: number;
  readonly totalAreaCenti: number;
  readonly participatingHeads: number;
  readonly participatingAreaCenti: number;
  readonly approvingHeads: number;
  readonly approvingAreaCenti: number;
}

/**
 * Art. 278: participation needs ≥ 2/3 of the total exclusive area AND ≥ 2/3 of
 * all owners; approval needs > 1/2 (ordinary) or ≥ 3/4 (major, items 6–8) of the
 * participating area AND of the participating owners. `approveOption` is the
 * winner when it passes.
 */
export function decideCivilCode278(
  rule: "civil-code-278" | "civil-code-278-major",
  owners: OwnersCount,
  approveOption: number,
): Decision {
  const [comparator, threshold]: [Comparator, Fraction] =
    rule === "civil-code-278" ? [">", ONE_HALF] : [">=", THREE_QUARTERS];
  const checks = [
    check("participation-area", null, fraction(owners.participatingAreaCenti, owners.totalAreaCenti), ">=", TWO_THIRDS),
    check("participation-heads", null, fraction(owners.participatingHeads, owners.totalHeads), ">=", TWO_THIRDS),
    check("approval-area", null, fraction(owners.approvingAreaCenti, owners.participatingAreaCenti), comparator, threshold),
    check("approval-heads", null, fraction(owners.approvingHeads, owners.participatingHeads), comparator, threshold),
  ];
  if (owners.participatingHeads === 0) return { outcome: "no-votes", winners: [], checks };
  if (!checks.slice(0, 2).every((c) => c.met)) return { outcome: "participation-not-met", winners: [], checks };
  const passed = checks.slice(2).every((c) => c.met);
  return { outcome: passed ? "passed" : "failed", winners: passed ? [approveOption] : [], checks };
}

/** Applies the quorum modifier on top of a rule's decision: if not met, nothing is decided. */
export function withQuorum(decision: Decision, quorum: RuleCheck | null): Decision {
  if (quorum === null) return decision;
  const checks = [quorum, ...decision.checks];
  return quorum.met ? { ...decision, checks } : { outcome: "quorum-not-met", winners: [], checks };
}

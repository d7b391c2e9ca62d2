// Which kind × rule × voters combinations make sense, and the structural limits
// of a poll. Refusing a combination is better than judging it by a meaning the
// committee did not intend.
import { DECISION_RULES, MAX_OPTIONS, MIN_OPTIONS, isCivilCode278 } from "./poll.js";
import type { DecisionRule, PollDefinition, PollKind } from "./poll.js";

/**
 * - single: every rule. Art. 278 rules read option 0 as "approve".
 * - multiple: plurality (most-marked option); majority / supermajority judge each
 *   option's share of ballots cast, so several options can pass. Art. 278 needs a
 *   yes/no question, so it is refused.
 * - scale: `none` only: a 1–5 scale reports its distribution and mean; "the most
 *   common value wins" is not a decision anyone asked for.
 * - ranked: `plurality` means "the instant-runoff winner". Majority and
 *   supermajority are refused: a ranked option's votes depend on the round and
 *   exhausted ballots make "votes cast" ambiguous.
 */
export const RULES_FOR_KIND: Readonly<Record<PollKind, readonly DecisionRule[]>> = {
  single: ["none", "plurality", "majority", "supermajority", "civil-code-278", "civil-code-278-major"],
  multiple: ["none", "plurality", "majority", "supermajority"],
  scale: ["none"],
  ranked: ["none", "plurality"],
};

export type PollRuleError =
  | { readonly code: "unknown-rule"; readonly rule: string }
  | { readonly code: "rule-not-for-kind"; readonly rule: DecisionRule; readonly kind: PollKind }
  /** Art. 278 counts owners; its polls must use `voters: "owners"`. */
  | { readonly code: "rule-needs-owners"; readonly rule: DecisionRule }
  /** `none` decides nothing, and Art. 278 has its own participation test. */
  | { readonly code: "quorum-not-applicable"; readonly rule: DecisionRule }
  | { readonly code: "quorum-out-of-range"; readonly quorumPercent: number };

export type PollDefinitionError =
  | PollRuleError
  | { readonly code: "unknown-kind"; readonly kind: string }
  | { readonly code: "unknown-voters"; readonly voters: string }
  | { readonly code: "too-few-options"; readonly count: number }
  | { readonly code: "too-many-options"; readonly count: number }
  | { readonly code: "option-ids-not-sequential"; readonly position: number }
  | { readonly code: "max-choices-out-of-range"; readonly maxChoices: number };

export type Validation<E> = { readonly ok: true } | { readonly ok: false; readonly error: E };

const VALID: Validation<never> = { ok: true };
const invalid = <E>(error: E): Validation<E> => ({ ok: false, error });

export function validatePollRule(
  poll: Pick<PollDefinition, "kind" | "rule" | "voters" | "quorumPercent">,
): Validation<PollRuleError> {
  if (!DECISION_RULES.includes(poll.rule)) return invalid({ code: "unknown-rule", rule: String(poll.rule) });
  const allowed = RULES_FOR_KIND[poll.kind];
  if (!allowed.includes(poll.rule)) return invalid({ code: "rule-not-for-kind", rule: poll.rule, kind: poll.kind });
  if (isCivilCode278(poll.rule) && poll.voters !== "owners") {
    return invalid({ code: "rule-needs-owners", rule: poll.rule });
  }
  if (poll.quorumPercent !== undefined) {
    if (poll.rule === "none" || isCivilCode278(poll.rule)) {
      return invalid({ code: "quorum-not-applicable", rule: poll.rule });
    }
    const q = poll.quorumPercent;
    if (!Number.isInteger(q) || q < 1 || q > 100) return invalid({ code: "quorum-out-of-range", quorumPercent: q });
  }
  return VALID;
}

export function validatePollDefinition(poll: PollDefinition): Validation<PollDefinitionError> {
  if (!(poll.kind in RULES_FOR_KIND)) return invalid({ code: "unknown-kind", kind: String(poll.kind) });
  if (!["residents", "owners", "unit"].includes(poll.voters)) {
    return invalid({ code: "unknown-voters", voters: String(poll.voters) });
  }
  if (poll.kind !== "scale") {
    const count = poll.options.length;
    if (count < MIN_OPTIONS) return invalid({ code: "too-few-options", count });
    if (count > MAX_OPTIONS) return invalid({ code: "too-many-options", count });
    const position = poll.options.findIndex((o, i) => o.id !== i);
    if (position >= 0) return invalid({ code: "option-ids-not-sequential", position });
    if (poll.kind === "multiple") {
      const m = poll.maxChoices;
      if (!Number.isInteger(m) || m < 1 || m > count) return invalid({ code: "max-choices-out-of-range", maxChoices: m });
    }
  }
  return validatePollRule(poll);
}

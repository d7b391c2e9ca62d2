// A poll's result from its definition, the audience's voter records and the
// ballot stream: a plain JSON-serialisable value (no BigInt, no Map, no
// undefined) that storage keeps as is and a renderer prints fraction by fraction.
import { validateBallot } from "./ballot.js";
import type { BallotErrorCode } from "./ballot.js";
import { latestBallots } from "./ballotBook.js";
import type { BallotEvent } from "./ballotBook.js";
import { decideByShare, decideCivilCode278, decidePlurality, quorumCheck, withQuorum } from "./decisionRules.js";
import type { Decision, Outcome, OwnersCount, RuleCheck } from "./decisionRules.js";
import { eligibleKeys } from "./eligibility.js";
import type { Voter, VoterKey } from "./eligibility.js";
import { exactSum } from "./fraction.js";
import type { Fraction } from "./fraction.js";
import { instantRunoff } from "./instantRunoff.js";
import type { RunoffRound } from "./instantRunoff.js";
import { OWNER_HEADCOUNT_CONVENTION, ownerBallot, ownersFromVoters, rosterOwners } from "./owners.js";
import type { Owner, OwnerHeadcountConvention, OwnerRegisterError, RosterTotals } from "./owners.js";
import { APPROVE_OPTION, isCivilCode278 } from "./poll.js";
import type { DecisionRule, PollDefinition, PollKind, VotersMode } from "./poll.js";
import { err, ok } from "./result.js";
import type { Result } from "./result.js";
import { countOptions, tallyScale } from "./tally.js";
import type { OptionCount } from "./tally.js";
import { validatePollDefinition } from "./validatePoll.js";
import type { PollDefinitionError } from "./validatePoll.js";

/** Owner totals from the property register (the spec's override of the roster's). */
export interface OwnerTotals {
  readonly owners: number;
  readonly areaCenti: number;
}

export interface PollTallyInput {
  readonly poll: PollDefinition;
  /** Voter records of the consultation's audience at closing time. */
  readonly voters: readonly Voter[];
  /** Every ballot event, changes included; the latest per key counts. */
  readonly ballots: readonly BallotEvent[];
  /**
   * Art. 278 only, and required there: the roster of the audience's buildings.
   * The denominators are *all* its units' area and owners, registered with the
   * bot or not (see owners.ts).
   */
  readonly roster?: RosterTotals;
  /**
   * Art. 278 only: the property register's totals, overriding the roster's
   * when it knows what the roster cannot say (units of one buyer, the
   * developer's unsold units, units missing from the roster). Never fewer
   * owners than registered, never less area than the roster's units hold.
   */
  readonly ownerTotals?: OwnerTotals;
}

export interface OwnersSummary extends OwnersCount {
  readonly convention: OwnerHeadcountConvention;
  /** "registered-owners": results stored before the roster was the denominator (no `roster`). */
  readonly totalsSource: "roster" | "property-register" | "registered-owners";
  /** The roster's units and area in scope, and its owner count by the convention; null in results stored before. */
  readonly roster: (RosterTotals & { readonly owners: number }) | null;
}

export interface PollResult {
  readonly version: 1;
  readonly pollId: string;
  readonly kind: PollKind;
  readonly voters: VotersMode;
  readonly rule: DecisionRule;
  readonly quorumPercent: number | null;
  /** Distinct eligible keys (people, or units in `unit` mode); Art. 278: every owner of the roster. */
  readonly eligible: number;
  /** Counted ballots: the latest ballot of each eligible key; Art. 278: one per participating owner. */
  readonly ballots: number;
  /** Latest ballots whose key is no longer eligible (e.g. verification revoked): not counted. */
  readonly ineligibleBallots: number;
  /** Per option (single, multiple), per value 1–5 (scale), first preferences (ranked). */
  readonly counts: readonly OptionCount[];
  readonly scale: { readonly sum: number; readonly mean: Fraction } | null;
  readonly rounds: readonly RunoffRound[] | null;
  readonly owners: OwnersSummary | null;
  readonly outcome: Outcome;
  readonly winners: readonly number[];
  readonly checks: readonly RuleCheck[];
}

export type PollResultError =
  | { readonly code: "invalid-poll"; readonly error: PollDefinitionError }
  | { readonly code: "invalid-ballot"; readonly key: VoterKey; readonly error: BallotErrorCode }
  | { readonly code: "invalid-owner-totals" }
  /** The register's totals are below the registered owners' count or the roster's area. */
  | { readonly code: "owner-totals-too-small" }
  /** An Art. 278 poll counted without the roster of its scope. */
  | { readonly code: "roster-required" }
  /** The roster holds fewer units or less area than the registered owners (not the roster of this audience). */
  | { readonly code: "roster-smaller-than-register" }
  | OwnerRegisterError;

export function computePollResult(input: PollTallyInput): Result<PollResult, PollResultError> {
  const { poll } = input;
  const valid = validatePollDefinition(poll);
  if (!valid.ok) return err({ code: "invalid-poll", error: valid.error });

  const keys = eligibleKeys(poll.voters, input.voters);
  const latest = latestBallots(input.ballots);
  for (const b of latest) {
    const v = validateBallot(poll, b.choice);
    if (!v.ok) return err({ code: "invalid-ballot", key: b.key, error: v.error });
  }
  const counted = latest.filter((b) => keys.has(b.key));
  let owners: OwnersSummary | null = null;
  let ownerBallots: BallotEvent[] = [];
  if (isCivilCode278(poll.rule)) {
    // Art. 278 counts owners, so every count of the result does: one ballot per owner (the latest of its holders).
    const summary = countOwners(input, counted);
    if (!summary.ok) return summary;
    owners = summary.value.summary;
    ownerBallots = summary.value.ballots;
  }
  const choices = (owners ? ownerBallots : counted).map((b) => b.choice);

  let counts: OptionCount[];
  let scale: PollResult["scale"] = null;
  let rounds: RunoffRound[] | null = null;
  let decision: Decision;

  switch (poll.kind) {
    case "scale": {
      const t = tallyScale(choices);
      counts = t.distribution;
      scale = { sum: t.sum, mean: t.mean };
      decision = { outcome: "reported", winners: [], checks: [] };
      break;
    }
    case "ranked": {
      const runoff = instantRunoff(poll.options.length, choices);
      rounds = [...runoff.rounds];
      counts = runoff.rounds[0]?.tallies.slice() ?? countOptions(poll.options.length, []);
      decision = { outcome: runoff.outcome, winners: runoff.winners, checks: [] };
      break;
    }
    case "single":
    case "multiple": {
      counts = countOptions(poll.options.length, choices);
      decision = { outcome: "reported", winners: [], checks: [] };
      break;
    }
  }

  switch (poll.rule) {
    case "none":
      decision = { outcome: counted.length === 0 ? "no-votes" : "reported", winners: [], checks: [] };
      break;
    case "plurality":
      if (poll.kind !== "ranked") decision = decidePlurality(counts);
      break;
    case "majority":
    case "supermajority":
      decision = decideByShare(poll.rule, counts, counted.length);
      break;
    case "civil-code-278":
    case "civil-code-278-major":
      decision = decideCivilCode278(poll.rule, owners!, APPROVE_OPTION);
      break;
  }

  const quorum = poll.quorumPercent === undefined ? null : quorumCheck(counted.length, keys.size, poll.quorumPercent);
  decision = withQuorum(decision, quorum);

  return ok({
    version: 1,
    pollId: poll.id,
    kind: poll.kind,
    voters: poll.voters,
    rule: poll.rule,
    quorumPercent: poll.quorumPercent ?? null,
    eligible: owners ? owners.totalHeads : keys.size,
    ballots: owners ? owners.participatingHeads : counted.length,
    ineligibleBallots: latest.length - counted.length,
    counts,
    scale,
    rounds,
    owners,
    outcome: decision.outcome,
    winners: [...decision.winners],
    checks: [...decision.checks],
  });
}

function countOwners(input: PollTallyInput, counted: readonly BallotEvent[]): Result<{ summary: OwnersSummary; ballots: BallotEvent[] }, PollResultError> {
  if (input.roster === undefined) return err({ code: "roster-required" });
  const register = ownersFromVoters(input.voters);
  if (!register.ok) return register;
  const heads = rosterOwners(register.value, input.roster);
  if (!heads.ok) return heads;
  const byKey = new Map(counted.map((b) => [b.key, b] as const));

  const participating: Owner[] = [];
  const approving: Owner[] = [];
  const ballots: BallotEvent[] = [];
  for (const owner of register.value) {
    const ballot = ownerBallot(owner, byKey);
    if (ballot === undefined) continue;
    participating.push(owner);
    ballots.push(ballot);
    if (ballot.choice[0] === APPROVE_OPTION) approving.push(owner);
  }

  let totalHeads = heads.value;
  let totalAreaCenti = input.roster.areaCenti;
  const totals = input.ownerTotals;
  if (totals !== undefined) {
    const valid = [totals.owners, totals.areaCenti].every((n) => Number.isSafeInteger(n) && n >= 0);
    if (!valid) return err({ code: "invalid-owner-totals" });
    if (totals.owners < register.value.length || totals.areaCenti < input.roster.areaCenti) return err({ code: "owner-totals-too-small" });
    totalHeads = totals.owners;
    totalAreaCenti = totals.areaCenti;
  }

  return ok({
    ballots,
    summary: {
      convention: OWNER_HEADCOUNT_CONVENTION,
      totalsSource: totals === undefined ? "roster" : "property-register",
      roster: { units: input.roster.units, areaCenti: input.roster.areaCenti, owners: heads.value },
      totalHeads,
      totalAreaCenti,
      participatingHeads: participating.length,
      participatingAreaCenti: exactSum(participating.map((o) => o.areaCenti)),
      approvingHeads: approving.length,
      approvingAreaCenti: exactSum(approving.map((o) => o.areaCenti)),
    },
  });
}

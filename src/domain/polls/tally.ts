// Counting ballots per option. Ballots here are already valid and already one
// per key (see ballotBook.ts).
import type { BallotChoice } from "./ballot.js";
import { exactSum, fraction } from "./fraction.js";
import type { Fraction } from "./fraction.js";
import { SCALE_MAX, SCALE_MIN } from "./poll.js";

/** Votes for one option (for a scale poll: for one value 1–5). */
export interface OptionCount {
  readonly option: number;
  readonly votes: number;
}

/**
 * Single and multiple choice: how many ballots mark each option, for every
 * option 0 … n−1 (zeros included). For single choice the votes add up to the
 * number of ballots; for multiple choice each option's votes are at most that.
 */
export function countOptions(optionCount: number, choices: readonly BallotChoice[]): OptionCount[] {
  const votes = new Array<number>(optionCount).fill(0);
  for (const choice of choices) {
    for (const option of choice) votes[option] = (votes[option] ?? 0) + 1;
  }
  return votes.map((v, option) => ({ option, votes: v }));
}

export interface ScaleTally {
  /** Ballots per value 1 … 5 (zeros included). */
  readonly distribution: OptionCount[];
  /** Sum of all values. */
  readonly sum: number;
  /** sum / ballots, exact; denominator 0 when nobody answered. */
  readonly mean: Fraction;
}

export function tallyScale(choices: readonly BallotChoice[]): ScaleTally {
  const distribution: OptionCount[] = [];
  for (let value = SCALE_MIN; value <= SCALE_MAX; value++) {
    distribution.push({ option: value, votes: choices.filter((c) => c[0] === value).length });
  }
  const sum = exactSum(distribution.map((d) => d.option * d.votes));
  return { distribution, sum, mean: fraction(sum, choices.length) };
}

/** The options holding the most votes, ascending; empty when every option has 0. */
export function leaders(counts: readonly OptionCount[]): number[] {
  const max = Math.max(0, ...counts.map((c) => c.votes));
  return max === 0 ? [] : counts.filter((c) => c.votes === max).map((c) => c.option);
}

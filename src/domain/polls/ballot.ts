// The canonical encoding of what a voter chose. One shape for every kind keeps
// storage and the ballot book simple; validation gives it meaning per kind:
// - single:   [option]
// - multiple: options in ascending order, no repeats, 1 … maxChoices of them
// - scale:    [value], value in 1 … 5
// - ranked:   options in order of preference, no repeats, 1 … n of them. A
//             partial ranking (a prefix: "my top 2, I don't care about the rest")
//             is allowed, as is usual for instant runoff; the ballot is exhausted
//             once all the options it names are eliminated.
import { SCALE_MAX, SCALE_MIN } from "./poll.js";
import type { PollDefinition } from "./poll.js";
import { err, ok } from "./result.js";
import type { Result } from "./result.js";

export type BallotChoice = readonly number[];

export type BallotErrorCode =
  /** No option chosen. */
  | "empty"
  /** More options than the poll allows (single and scale take exactly one). */
  | "too-many-choices"
  /** An option id that is not on this poll. */
  | "unknown-option"
  /** The same option twice. */
  | "duplicate-option"
  /** A multiple-choice ballot not in ascending order (use `multipleChoice`). */
  | "not-canonical"
  /** A scale value outside 1 … 5. */
  | "scale-out-of-range";

export function validateBallot(poll: PollDefinition, choice: BallotChoice): Result<BallotChoice, BallotErrorCode> {
  if (choice.length === 0) return err("empty");
  switch (poll.kind) {
    case "single": {
      if (choice.length > 1) return err("too-many-choices");
      return isOption(poll.options.length, choice[0]) ? ok(choice) : err("unknown-option");
    }
    case "scale": {
      if (choice.length > 1) return err("too-many-choices");
      const v = choice[0];
      return Number.isInteger(v) && v !== undefined && v >= SCALE_MIN && v <= SCALE_MAX
        ? ok(choice)
        : err("scale-out-of-range");
    }
    case "multiple": {
      const shape = checkDistinctOptions(poll.options.length, choice);
      if (shape !== null) return err(shape);
      if (choice.length > poll.maxChoices) return err("too-many-choices");
      for (let i = 1; i < choice.length; i++) {
        if ((choice[i - 1] ?? 0) > (choice[i] ?? 0)) return err("not-canonical");
      }
      return ok(choice);
    }
    case "ranked": {
      const shape = checkDistinctOptions(poll.options.length, choice);
      return shape === null ? ok(choice) : err(shape);
    }
  }
}

/** The canonical multiple-choice encoding of a set of option ids (e.g. toggled buttons). */
export function multipleChoice(optionIds: Iterable<number>): number[] {
  return [...new Set(optionIds)].sort((a, b) => a - b);
}

function isOption(optionCount: number, id: number | undefined): boolean {
  return id !== undefined && Number.isInteger(id) && id >= 0 && id < optionCount;
}

function checkDistinctOptions(
  optionCount: number,
  choice: BallotChoice,
): "unknown-option" | "duplicate-option" | null {
  const seen = new Set<number>();
  for (const id of choice) {
    if (!isOption(optionCount, id)) return "unknown-option";
    if (seen.has(id)) return "duplicate-option";
    seen.add(id);
  }
  return null;
}

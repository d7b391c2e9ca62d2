// Instant runoff (IRV) over rankings, every round kept for the report.
//
// Each round, every ballot counts for its highest-ranked option still in the
// count ("continuing"); a ballot whose options are all eliminated is exhausted.
//   1. An option with more than half of the continuing ballots wins.
//   2. If all continuing options have equal votes, the count ends in a tie among
//      them: a tie-break never picks between the last contenders.
//   3. Otherwise the lowest option(s) are eliminated and the next round begins.
//
// Which option is eliminated (deterministic, stated in each round):
//   - "lowest": a single option has the fewest votes.
//   - "batch": several options share the fewest votes and together hold fewer
//     votes than the next-lowest option. Even with all of each other's
//     transfers none of them could climb above another option, so all are
//     eliminated at once rather than one by one in an arbitrary order.
//   - "previous-rounds": otherwise, backwards tie-breaking (as in Australian
//     and Scottish count rules): look at the previous round, keep only the tied
//     options that had the fewest votes there, and go back round by round until
//     one is left; it is eliminated.
//   - "option-order": if they were tied in every earlier round too, the option
//     listed last on the ballot (highest id) is eliminated. This stands in for
//     drawing lots, which a reproducible count cannot do.
import type { BallotChoice } from "./ballot.js";
import type { OptionCount } from "./tally.js";

export type EliminationReason = "lowest" | "batch" | "previous-rounds" | "option-order";

export interface RunoffRound {
  /** 1-based. */
  readonly round: number;
  /** Votes of each option continuing in this round, by ascending option id. */
  readonly tallies: readonly OptionCount[];
  /** Ballots counting for a continuing option. */
  readonly continuing: number;
  /** Ballots whose ranked options are all eliminated. continuing + exhausted = ballots. */
  readonly exhausted: number;
  /** Options eliminated at the end of this round, ascending; empty in the last round. */
  readonly eliminated: readonly number[];
  readonly elimination: EliminationReason | null;
}

export interface RunoffResult {
  readonly outcome: "winner" | "tie" | "no-votes";
  /** The winner, or the options tied in the last round (ascending). */
  readonly winners: readonly number[];
  /** Empty when there are no ballots. */
  readonly rounds: readonly RunoffRound[];
}

export function instantRunoff(optionCount: number, rankings: readonly BallotChoice[]): RunoffResult {
  if (rankings.length === 0) return { outcome: "no-votes", winners: [], rounds: [] };

  const continuingOptions = new Set<number>(Array.from({ length: optionCount }, (_, i) => i));
  const history: Array<ReadonlyMap<number, number>> = [];
  const rounds: RunoffRound[] = [];

  for (;;) {
    const votes = new Map<number, number>([...continuingOptions].sort((a, b) => a - b).map((o) => [o, 0]));
    let exhausted = 0;
    for (const ranking of rankings) {
      const top = ranking.find((o) => continuingOptions.has(o));
      if (top === undefined) exhausted++;
      else votes.set(top, (votes.get(top) ?? 0) + 1);
    }
    const continuing = rankings.length - exhausted;
    const tallies = [...votes].map(([option, v]) => ({ option, votes: v }));
    const round = rounds.length + 1;
    const finish = (outcome: "winner" | "tie", winners: number[]): RunoffResult => {
      rounds.push({ round, tallies, continuing, exhausted, eliminated: [], elimination: null });
      return { outcome, winners, rounds };
    };

    const max = Math.max(...votes.values());
    const min = Math.min(...votes.values());
    if (max * 2 > continuing) return finish("winner", tallies.filter((t) => t.votes === max).map((t) => t.option));
    if (max === min) return finish("tie", tallies.map((t) => t.option));

    const { eliminated, elimination } = chooseElimination(votes, history);
    rounds.push({ round, tallies, continuing, exhausted, eliminated, elimination });
    history.push(votes);
    for (const option of eliminated) continuingOptions.delete(option);
  }
}

function chooseElimination(
  votes: ReadonlyMap<number, number>,
  history: ReadonlyArray<ReadonlyMap<number, number>>,
): { eliminated: number[]; elimination: EliminationReason } {
  const min = Math.min(...votes.values());
  const lowest = [...votes].filter(([, v]) => v === min).map(([o]) => o);
  if (lowest.length === 1) return { eliminated: lowest, elimination: "lowest" };

  // Not all options are tied (the caller ended the count then), so a next-lowest exists.
  const nextLowest = Math.min(...[...votes.values()].filter((v) => v > min));
  if (min * lowest.length < nextLowest) return { eliminated: lowest, elimination: "batch" };

  let tied = lowest;
  for (let r = history.length - 1; r >= 0 && tied.length > 1; r--) {
    const earlier = history[r] as ReadonlyMap<number, number>;
    const fewest = Math.min(...tied.map((o) => earlier.get(o) ?? 0));
    tied = tied.filter((o) => (earlier.get(o) ?? 0) === fewest);
  }
  if (tied.length === 1) return { eliminated: tied, elimination: "previous-rounds" };
  return { eliminated: [Math.max(...tied)], elimination: "option-order" };
}

import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { instantRunoff } from "../../../src/domain/polls/index.js";
import type { BallotChoice, RunoffRound } from "../../../src/domain/polls/index.js";

const times = (n: number, ranking: number[]): number[][] => Array.from({ length: n }, () => ranking);
const summary = (rounds: readonly RunoffRound[]) =>
  rounds.map((r) => ({
    votes: r.tallies.map((t) => `${t.option}:${t.votes}`).join(" "),
    exhausted: r.exhausted,
    out: r.eliminated,
    why: r.elimination,
  }));

describe("instantRunoff, worked examples", () => {
  it("transfers the eliminated option's ballots to the next preference", () => {
    const r = instantRunoff(3, [...times(4, [0]), ...times(3, [1]), ...times(2, [2, 1])]);
    expect(r.outcome).toBe("winner");
    expect(r.winners).toEqual([1]);
    expect(summary(r.rounds)).toEqual([
      { votes: "0:4 1:3 2:2", exhausted: 0, out: [2], why: "lowest" },
      { votes: "0:4 1:5", exhausted: 0, out: [], why: null },
    ]);
  });

  it("exhausts partial rankings whose options are all eliminated", () => {
    const r = instantRunoff(3, [...times(4, [0]), ...times(3, [1]), ...times(2, [2])]);
    expect(r.winners).toEqual([0]);
    expect(summary(r.rounds)).toEqual([
      { votes: "0:4 1:3 2:2", exhausted: 0, out: [2], why: "lowest" },
      { votes: "0:4 1:3", exhausted: 2, out: [], why: null },
    ]);
    expect(r.rounds[1]?.continuing).toBe(7);
  });

  it("wins in round 1 with more than half of the first preferences", () => {
    const r = instantRunoff(4, [...times(3, [2]), [0], [1]]);
    expect(r).toMatchObject({ outcome: "winner", winners: [2] });
    expect(r.rounds).toHaveLength(1);
  });

  it("eliminates tied-lowest options together when together they cannot reach the next", () => {
    const r = instantRunoff(4, [...times(5, [0]), ...times(4, [1]), [2, 1], [3, 1]]);
    expect(summary(r.rounds)[0]).toEqual({ votes: "0:5 1:4 2:1 3:1", exhausted: 0, out: [2, 3], why: "batch" });
    expect(r.rounds[1]?.tallies).toEqual([{ option: 0, votes: 5 }, { option: 1, votes: 6 }]);
    expect(r.winners).toEqual([1]);
  });

  it("eliminates zero-vote options in one batch", () => {
    const r = instantRunoff(5, [[0], [0], [1], [1, 0], [2]]);
    expect(summary(r.rounds)[0]).toEqual({ votes: "0:2 1:2 2:1 3:0 4:0", exhausted: 0, out: [3, 4], why: "batch" });
  });

  it("breaks a lowest tie by the previous round", () => {
    // Round 1: 0:5 1:4 2:3 3:2 → 3 out; one of its ballots goes to 2, one exhausts.
    // Round 2: 0:5 1:4 2:4 → 1 and 2 tied lowest, 8 ≥ 5; in round 1 option 2 had fewer → 2 out.
    const ballots = [...times(5, [0]), ...times(4, [1]), ...times(3, [2, 0]), [3, 2, 0], [3]];
    const r = instantRunoff(4, ballots);
    expect(summary(r.rounds)).toEqual([
      { votes: "0:5 1:4 2:3 3:2", exhausted: 0, out: [3], why: "lowest" },
      { votes: "0:5 1:4 2:4", exhausted: 1, out: [2], why: "previous-rounds" },
      { votes: "0:9 1:4", exhausted: 1, out: [], why: null },
    ]);
    expect(r.winners).toEqual([0]);
  });

  it("falls back to eliminating the option listed last when no round separates the tie", () => {
    const r = instantRunoff(3, [...times(3, [0]), ...times(2, [1]), ...times(2, [2, 1])]);
    expect(summary(r.rounds)).toEqual([
      { votes: "0:3 1:2 2:2", exhausted: 0, out: [2], why: "option-order" },
      { votes: "0:3 1:4", exhausted: 0, out: [], why: null },
    ]);
    expect(r.winners).toEqual([1]);
  });

  it("reports a tie when the last contenders have equal votes", () => {
    expect(instantRunoff(2, [[0], [1]])).toMatchObject({ outcome: "tie", winners: [0, 1] });
    expect(instantRunoff(3, [[0], [1], [2]])).toMatchObject({ outcome: "tie", winners: [0, 1, 2] });
    const afterElimination = instantRunoff(3, [...times(2, [0]), ...times(2, [1]), [2]]);
    expect(afterElimination).toMatchObject({ outcome: "tie", winners: [0, 1] });
    expect(afterElimination.rounds.at(-1)).toMatchObject({ exhausted: 1, continuing: 4 });
  });

  it("has no rounds without ballots", () => {
    expect(instantRunoff(3, [])).toEqual({ outcome: "no-votes", winners: [], rounds: [] });
  });
});

// ---- A brute-force reference: recounts every round from scratch over the full ballot list.

type Ref = { outcome: string; winners: number[]; eliminated: number[][]; reasons: string[] };

function referenceIrv(n: number, ballots: readonly BallotChoice[]): Ref {
  if (ballots.length === 0) return { outcome: "no-votes", winners: [], eliminated: [], reasons: [] };
  const out = new Set<number>();
  const past: number[][] = [];
  const eliminated: number[][] = [];
  const reasons: string[] = [];
  for (;;) {
    const alive = [...Array(n).keys()].filter((o) => !out.has(o));
    const top = (b: BallotChoice) => b.find((o) => !out.has(o));
    const v = [...Array(n).keys()].map((o) => ballots.filter((b) => top(b) === o).length);
    const continuing = ballots.filter((b) => top(b) !== undefined).length;
    const hi = Math.max(...alive.map((o) => v[o]!));
    const lo = Math.min(...alive.map((o) => v[o]!));
    if (2 * hi > continuing) return { outcome: "winner", winners: alive.filter((o) => v[o] === hi), eliminated, reasons };
    if (hi === lo) return { outcome: "tie", winners: alive, eliminated, reasons };
    let low = alive.filter((o) => v[o] === lo);
    let elim: number[];
    let why: string;
    const next = Math.min(...alive.filter((o) => v[o]! > lo).map((o) => v[o]!));
    if (low.length === 1) [elim, why] = [low, "lowest"];
    else if (low.reduce((s, o) => s + v[o]!, 0) < next) [elim, why] = [low, "batch"];
    else {
      for (let r = past.length - 1; r >= 0 && low.length > 1; r--) {
        const m = Math.min(...low.map((o) => past[r]![o]!));
        low = low.filter((o) => past[r]![o] === m);
      }
      [elim, why] = low.length === 1 ? [low, "previous-rounds"] : [[Math.max(...low)], "option-order"];
    }
    past.push(v);
    eliminated.push(elim);
    reasons.push(why);
    elim.forEach((o) => out.add(o));
  }
}

const optionCount = fc.integer({ min: 2, max: 5 });
const ballotsFor = (n: number, full = false) =>
  fc.array(
    fc.shuffledSubarray([...Array(n).keys()], full ? { minLength: n, maxLength: n } : { minLength: 1 }),
    { maxLength: 14 },
  );
const poll = (full = false) => optionCount.chain((n) => fc.tuple(fc.constant(n), ballotsFor(n, full)));

describe("instantRunoff, properties", () => {
  it("matches a brute-force reference count, ties included", () => {
    const seen = new Set<string>();
    fc.assert(
      fc.property(poll(), ([n, ballots]) => {
        const r = instantRunoff(n, ballots);
        seen.add(r.outcome);
        r.rounds.forEach((x) => seen.add(String(x.elimination)));
        const ref = referenceIrv(n, ballots);
        expect({ outcome: r.outcome, winners: r.winners }).toEqual({ outcome: ref.outcome, winners: ref.winners });
        expect(r.rounds.slice(0, -1).map((x) => x.eliminated)).toEqual(ref.eliminated);
        expect(r.rounds.slice(0, -1).map((x) => x.elimination)).toEqual(ref.reasons);
      }),
      { numRuns: 500 },
    );
    // The generator must reach every path, or the comparison proves little.
    expect([...seen].sort()).toEqual(
      ["batch", "lowest", "no-votes", "null", "option-order", "previous-rounds", "tie", "winner"].sort(),
    );
  });

  it("keeps every round's books: continuing + exhausted = ballots, only the lowest are eliminated", () => {
    fc.assert(
      fc.property(poll(), ([n, ballots]) => {
        const r = instantRunoff(n, ballots);
        const gone = new Set<number>();
        let lastExhausted = 0;
        for (const round of r.rounds) {
          const sum = round.tallies.reduce((s, t) => s + t.votes, 0);
          expect(sum).toBe(round.continuing);
          expect(round.continuing + round.exhausted).toBe(ballots.length);
          expect(round.exhausted).toBeGreaterThanOrEqual(lastExhausted);
          lastExhausted = round.exhausted;
          for (const t of round.tallies) expect(gone.has(t.option)).toBe(false);
          const min = Math.min(...round.tallies.map((t) => t.votes));
          for (const o of round.eliminated) {
            expect(round.tallies.find((t) => t.option === o)?.votes).toBe(min);
            gone.add(o);
          }
        }
        for (const w of r.winners) expect(gone.has(w)).toBe(false);
        const last = r.rounds.at(-1);
        if (r.outcome === "winner" && last) {
          const votes = last.tallies.find((t) => t.option === r.winners[0])?.votes ?? 0;
          expect(votes * 2).toBeGreaterThan(last.continuing);
        }
        if (r.outcome === "tie" && last) expect(new Set(last.tallies.map((t) => t.votes)).size).toBe(1);
      }),
    );
  });

  it("does not depend on the order ballots arrive in", () => {
    fc.assert(
      fc.property(
        poll().chain(([n, ballots]) =>
          fc.tuple(fc.constant(n), fc.constant(ballots), fc.shuffledSubarray(ballots, { minLength: ballots.length })),
        ),
        ([n, ballots, shuffled]) => {
          expect(instantRunoff(n, shuffled)).toEqual(instantRunoff(n, ballots));
        },
      ),
    );
  });

  it("elects an option ranked first by a majority, in round 1", () => {
    fc.assert(
      fc.property(poll(), ([n, ballots]) => {
        const first = [...Array(n).keys()].find((o) => 2 * ballots.filter((b) => b[0] === o).length > ballots.length);
        if (first === undefined) return;
        const r = instantRunoff(n, ballots);
        expect(r).toMatchObject({ outcome: "winner", winners: [first] });
        expect(r.rounds).toHaveLength(1);
      }),
    );
  });

  it("never elects an option that loses every head-to-head contest (full rankings)", () => {
    fc.assert(
      fc.property(poll(true), ([n, ballots]) => {
        const r = instantRunoff(n, ballots);
        if (r.outcome !== "winner") return;
        const w = r.winners[0]!;
        const beats = (a: number, b: number) =>
          ballots.filter((x) => x.indexOf(a) < x.indexOf(b)).length > ballots.filter((x) => x.indexOf(b) < x.indexOf(a)).length;
        const others = [...Array(n).keys()].filter((o) => o !== w);
        expect(others.every((o) => beats(o, w))).toBe(false);
      }),
    );
  });
});

import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { countOptions, fraction, leaders, tallyScale } from "../../../src/domain/polls/index.js";

describe("countOptions", () => {
  it("lists every option, zeros included", () => {
    expect(countOptions(3, [[0], [2], [0]])).toEqual([
      { option: 0, votes: 2 },
      { option: 1, votes: 0 },
      { option: 2, votes: 1 },
    ]);
  });

  it("single choice: votes add up to ballots cast", () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 4 }).map((o) => [o])), (ballots) => {
        const counts = countOptions(5, ballots);
        expect(counts.reduce((s, c) => s + c.votes, 0)).toBe(ballots.length);
      }),
    );
  });

  it("multiple choice: votes add up to marks made, and no option has more votes than ballots", () => {
    const ballot = fc.uniqueArray(fc.integer({ min: 0, max: 5 }), { minLength: 1, maxLength: 3 }).map((b) => b.sort((x, y) => x - y));
    fc.assert(
      fc.property(fc.array(ballot), (ballots) => {
        const counts = countOptions(6, ballots);
        expect(counts.reduce((s, c) => s + c.votes, 0)).toBe(ballots.reduce((s, b) => s + b.length, 0));
        for (const c of counts) expect(c.votes).toBeLessThanOrEqual(ballots.length);
      }),
    );
  });
});

describe("tallyScale", () => {
  it("gives the distribution over 1…5 and the exact mean", () => {
    const t = tallyScale([[1], [5], [5], [4]]);
    expect(t.distribution.map((d) => [d.option, d.votes])).toEqual([[1, 1], [2, 0], [3, 0], [4, 1], [5, 2]]);
    expect(t.sum).toBe(15);
    expect(t.mean).toEqual(fraction(15, 4));
  });

  it("has a 0/0 mean when nobody answered", () => {
    expect(tallyScale([]).mean).toEqual(fraction(0, 0));
  });

  it("distribution adds up to ballots and sum to the values", () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 5 })), (values) => {
        const t = tallyScale(values.map((v) => [v]));
        expect(t.distribution.reduce((s, d) => s + d.votes, 0)).toBe(values.length);
        expect(t.sum).toBe(values.reduce((s, v) => s + v, 0));
        expect(t.mean.denominator).toBe(values.length);
      }),
    );
  });
});

describe("leaders", () => {
  it("returns all options at the top, none when nobody voted", () => {
    expect(leaders(countOptions(3, [[1], [2], [1], [2]]))).toEqual([1, 2]);
    expect(leaders(countOptions(3, []))).toEqual([]);
  });
});

import { describe, expect, it } from "vitest";
import fc from "fast-check";
import {
  EMPTY_BALLOT_BOOK,
  applyBallotEvent,
  buildBallotBook,
  countOptions,
  latestBallots,
} from "../../../src/domain/polls/index.js";
import type { BallotEvent, VoterKey } from "../../../src/domain/polls/index.js";
import { vote } from "./fixtures.js";

const eventArb = fc.record({
  key: fc.constantFrom<VoterKey>("user:a", "user:b", "user:c", "unit:1", "unit:2"),
  choice: fc.integer({ min: 0, max: 3 }).map((o) => [o]),
  at: fc.integer({ min: 0, max: 20 }),
});

describe("ballot book", () => {
  it("keeps the latest ballot per key", () => {
    const book = buildBallotBook([vote("user:a", [0], 1), vote("user:b", [1], 2), vote("user:a", [2], 3)]);
    expect(book.get("user:a")?.choice).toEqual([2]);
    expect(book.size).toBe(2);
  });

  it("ignores a ballot older than the one it holds, and lets the later event win on equal times", () => {
    expect(buildBallotBook([vote("user:a", [1], 5), vote("user:a", [0], 4)]).get("user:a")?.choice).toEqual([1]);
    expect(buildBallotBook([vote("user:a", [1], 5), vote("user:a", [0], 5)]).get("user:a")?.choice).toEqual([0]);
  });

  it("does not change the book it is given", () => {
    const one = applyBallotEvent(EMPTY_BALLOT_BOOK, vote("user:a", [0], 1));
    const two = applyBallotEvent(one, vote("user:a", [1], 2));
    expect(EMPTY_BALLOT_BOOK.size).toBe(0);
    expect(one.get("user:a")?.choice).toEqual([0]);
    expect(two.get("user:a")?.choice).toEqual([1]);
    expect(applyBallotEvent(two, vote("user:a", [2], 1))).toBe(two);
  });

  it("applied event by event equals built at once, and equals the max (at, position) per key", () => {
    fc.assert(
      fc.property(fc.array(eventArb, { maxLength: 40 }), (events) => {
        const stepwise = events.reduce((book, e) => applyBallotEvent(book, e), EMPTY_BALLOT_BOOK);
        const built = buildBallotBook(events);
        expect(Object.fromEntries(stepwise)).toEqual(Object.fromEntries(built));

        const expected = new Map<VoterKey, BallotEvent>();
        events.forEach((e) => {
          const best = expected.get(e.key);
          if (best === undefined || e.at >= best.at) expected.set(e.key, e);
        });
        expect(Object.fromEntries(latestBallots(events).map((e) => [e.key, e]))).toEqual(Object.fromEntries(expected));
      }),
    );
  });

  it("never counts a changed ballot twice: counts add up to one ballot per key", () => {
    fc.assert(
      fc.property(fc.array(eventArb, { maxLength: 40 }), (events) => {
        const latest = latestBallots(events);
        const keys = new Set(events.map((e) => e.key));
        expect(latest.length).toBe(keys.size);
        const counts = countOptions(4, latest.map((b) => b.choice));
        expect(counts.reduce((s, c) => s + c.votes, 0)).toBe(keys.size);
      }),
    );
  });

  it("does not depend on arrival order when times differ", () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(eventArb, { selector: (e) => e.at, maxLength: 20 }).chain((events) =>
          fc.tuple(fc.constant(events), fc.shuffledSubarray(events, { minLength: events.length, maxLength: events.length })),
        ),
        ([events, shuffled]) => {
          expect(latestBallots(shuffled)).toEqual(latestBallots(events));
        },
      ),
    );
  });
});

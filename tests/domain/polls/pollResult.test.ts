import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { computePollResult, fraction } from "../../../src/domain/polls/index.js";
import type { PollDefinition, PollResult, PollTallyInput } from "../../../src/domain/polls/index.js";
import { options, owner, resident, residents, singlePoll, vote, votes } from "./fixtures.js";

function result(input: PollTallyInput): PollResult {
  const r = computePollResult(input);
  if (!r.ok) throw new Error(JSON.stringify(r.error));
  return r.value;
}

describe("computePollResult: single choice", () => {
  const poll = singlePoll(3, "majority", { quorumPercent: 30 });

  it("counts, judges and serialises to JSON unchanged", () => {
    const r = result({ poll, voters: residents(10), ballots: [...votes(0, 2, 0), ...votes(1, 1, 2)] });
    expect(r).toMatchObject({
      version: 1,
      pollId: "p1",
      eligible: 10,
      ballots: 3,
      ineligibleBallots: 0,
      outcome: "passed",
      winners: [0],
      scale: null,
      rounds: null,
      owners: null,
      quorumPercent: 30,
    });
    expect(r.counts).toEqual([{ option: 0, votes: 2 }, { option: 1, votes: 1 }, { option: 2, votes: 0 }]);
    expect(r.checks.map((c) => [c.id, c.option, c.fraction, c.met])).toEqual([
      ["quorum", null, fraction(3, 10), true],
      ["share", 0, fraction(2, 3), true],
      ["share", 1, fraction(1, 3), false],
      ["share", 2, fraction(0, 3), false],
    ]);
    expect(JSON.parse(JSON.stringify(r))).toEqual(r);
  });

  it("decides nothing one ballot below the quorum", () => {
    const r = result({ poll, voters: residents(10), ballots: votes(0, 2, 0) });
    expect(r).toMatchObject({ outcome: "quorum-not-met", winners: [], ballots: 2 });
    expect(r.checks[0]).toMatchObject({ id: "quorum", fraction: fraction(2, 10), met: false });
  });

  it("counts a changed ballot once, as its latest choice", () => {
    const r = result({
      poll: singlePoll(2, "plurality"),
      voters: residents(3),
      ballots: [vote("user:v0", [0], 1), vote("user:v1", [0], 2), vote("user:v0", [1], 3)],
    });
    expect(r).toMatchObject({ ballots: 2, outcome: "tie", winners: [0, 1] });
  });

  it("shows but does not count ballots whose key is not eligible", () => {
    const r = result({
      poll: singlePoll(2, "plurality", { voters: "owners" }),
      voters: [owner("a", "u1", 100), resident("t", "u1"), owner("p", "u2", 100, { status: "pending" })],
      ballots: [vote("user:a", [0]), vote("user:t", [1]), vote("user:p", [1])],
    });
    expect(r).toMatchObject({ eligible: 1, ballots: 1, ineligibleBallots: 2, outcome: "winner", winners: [0] });
  });

  it("counts one ballot per unit in unit mode, the unit's latest", () => {
    const r = result({
      poll: singlePoll(2, "plurality", { voters: "unit" }),
      voters: [resident("a", "u1"), resident("b", "u1"), resident("c", "u2"), resident("d", "u3")],
      ballots: [vote("unit:u1", [0], 1), vote("unit:u1", [1], 2), vote("unit:u2", [1], 1)],
    });
    expect(r).toMatchObject({ eligible: 3, ballots: 2, outcome: "winner", winners: [1] });
  });

  it("reports no votes, and refuses invalid polls and ballots", () => {
    expect(result({ poll: singlePoll(2, "plurality"), voters: residents(3), ballots: [] }).outcome).toBe("no-votes");
    expect(computePollResult({ poll: singlePoll(2, "plurality"), voters: [], ballots: [vote("user:x", [2])] })).toEqual({
      ok: false,
      error: { code: "invalid-ballot", key: "user:x", error: "unknown-option" },
    });
    expect(computePollResult({ poll: singlePoll(1, "plurality"), voters: [], ballots: [] })).toEqual({
      ok: false,
      error: { code: "invalid-poll", error: { code: "too-few-options", count: 1 } },
    });
  });
});

describe("computePollResult: other kinds", () => {
  it("multiple choice under majority can pass several options", () => {
    const poll: PollDefinition = { id: "m", kind: "multiple", options: options(3), maxChoices: 2, voters: "residents", rule: "majority" };
    const r = result({
      poll,
      voters: residents(4),
      ballots: [vote("user:v0", [0, 1]), vote("user:v1", [0, 1]), vote("user:v2", [0, 2]), vote("user:v3", [2])],
    });
    expect(r).toMatchObject({ ballots: 4, outcome: "passed", winners: [0] });
    expect(r.checks.map((c) => c.fraction)).toEqual([fraction(3, 4), fraction(2, 4), fraction(2, 4)]);
  });

  it("scale reports distribution and exact mean, decides nothing", () => {
    const poll: PollDefinition = { id: "s", kind: "scale", labels: { low: "poor", high: "good" }, voters: "residents", rule: "none" };
    const r = result({ poll, voters: residents(5), ballots: [vote("user:v0", [4]), vote("user:v1", [5]), vote("user:v2", [2])] });
    expect(r).toMatchObject({ outcome: "reported", winners: [], checks: [], scale: { sum: 11, mean: fraction(11, 3) } });
    expect(r.counts.map((c) => c.votes)).toEqual([0, 1, 0, 1, 1]);
    expect(JSON.parse(JSON.stringify(r))).toEqual(r);
  });

  it("ranked gives first preferences as counts and every runoff round", () => {
    const poll: PollDefinition = { id: "r", kind: "ranked", options: options(3), voters: "residents", rule: "plurality" };
    const ballots = [
      vote("user:v0", [0]), vote("user:v1", [0]), vote("user:v2", [1]),
      vote("user:v3", [1]), vote("user:v4", [2, 1]),
    ];
    const r = result({ poll, voters: residents(5), ballots });
    expect(r.counts).toEqual([{ option: 0, votes: 2 }, { option: 1, votes: 2 }, { option: 2, votes: 1 }]);
    expect(r).toMatchObject({ outcome: "winner", winners: [1] });
    expect(r.rounds).toHaveLength(2);
    expect(JSON.parse(JSON.stringify(r))).toEqual(r);
  });

  it("ranked with no ballots still lists every option", () => {
    const poll: PollDefinition = { id: "r", kind: "ranked", options: options(3), voters: "residents", rule: "plurality" };
    expect(result({ poll, voters: residents(2), ballots: [] })).toMatchObject({
      outcome: "no-votes",
      rounds: [],
      counts: [{ option: 0, votes: 0 }, { option: 1, votes: 0 }, { option: 2, votes: 0 }],
    });
  });
});

describe("computePollResult: Civil Code Art. 278", () => {
  const poll278 = (rule: "civil-code-278" | "civil-code-278-major") =>
    singlePoll(3, rule, { voters: "owners" }); // 0 approve, 1 reject, 2 abstain

  // o4 owns two units: one head, 600.00 m². The roster holds exactly these five units.
  const building = [
    owner("o1", "u1", 10_000),
    owner("o2", "u2", 10_000),
    owner("o3", "u3", 10_000),
    owner("o4", "u4", 30_000),
    owner("o4", "u5", 30_000),
    resident("t1", "u1"),
  ];
  const roster = { units: 5, areaCenti: 90_000 };

  it("counts an owner of several units once by head and fully by area", () => {
    const r = result({ poll: poll278("civil-code-278"), voters: building, ballots: [vote("user:o4", [0])], roster });
    expect(r.owners).toEqual({
      convention: "one-head-per-holder-set",
      totalsSource: "roster",
      roster: { units: 5, areaCenti: 90_000, owners: 4 },
      totalHeads: 4,
      totalAreaCenti: 90_000,
      participatingHeads: 1,
      participatingAreaCenti: 60_000,
      approvingHeads: 1,
      approvingAreaCenti: 60_000,
    });
    // 2/3 of the area exactly, but 1 of 4 owners.
    expect(r.checks.slice(0, 2).map((c) => [c.id, c.fraction, c.met])).toEqual([
      ["participation-area", fraction(60_000, 90_000), true],
      ["participation-heads", fraction(1, 4), false],
    ]);
    expect(r.outcome).toBe("participation-not-met");
  });

  it("fails participation on area though 3 of 4 owners took part", () => {
    const r = result({
      poll: poll278("civil-code-278"),
      voters: building,
      ballots: [vote("user:o1", [0]), vote("user:o2", [0]), vote("user:o3", [2]), vote("user:t1", [0])],
      roster,
    });
    expect(r.checks.slice(0, 2).map((c) => [c.id, c.fraction, c.met])).toEqual([
      ["participation-area", fraction(30_000, 90_000), false],
      ["participation-heads", fraction(3, 4), true],
    ]);
    expect(r).toMatchObject({ outcome: "participation-not-met", ineligibleBallots: 1 });
  });

  it("counts abstentions as taking part without approving", () => {
    const r = result({
      poll: poll278("civil-code-278"),
      voters: building,
      ballots: [vote("user:o1", [0]), vote("user:o2", [0]), vote("user:o4", [2])],
      roster,
    });
    expect(r.checks.map((c) => [c.id, c.fraction, c.met])).toEqual([
      ["participation-area", fraction(80_000, 90_000), true],
      ["participation-heads", fraction(3, 4), true],
      ["approval-area", fraction(20_000, 80_000), false],
      ["approval-heads", fraction(2, 3), true],
    ]);
    expect(r).toMatchObject({ outcome: "failed", winners: [] });
  });

  describe("the whole roster is the denominator, registered or not", () => {
    // The park: 12 units, 1,015.55 m² on the roster; 8 owners registered, holding 545.65 m².
    const registered = [6_820, 7_015, 6_500, 7_230, 6_000, 7_500, 6_900, 6_600].map((a, i) => owner(`r${i}`, `u${i}`, a));
    const park = { units: 12, areaCenti: 101_555 };

    it("a poll where every registered owner approved but 47 % of the area took part is not decided", () => {
      const seven = registered.slice(0, 7).map((o) => vote(`user:${o.userId}`, [0]));
      const r = result({ poll: poll278("civil-code-278"), voters: registered, ballots: seven, roster: park });
      expect(r.owners).toMatchObject({ totalsSource: "roster", totalHeads: 12, totalAreaCenti: 101_555, participatingHeads: 7, participatingAreaCenti: 47_965 });
      expect(r.checks.slice(0, 2).map((c) => [c.id, c.fraction, c.met])).toEqual([
        ["participation-area", fraction(47_965, 101_555), false],
        ["participation-heads", fraction(7, 12), false],
      ]);
      expect(r).toMatchObject({ outcome: "participation-not-met", winners: [] });
    });

    // Nine units of 100 m²: seven registered owners, two units whose owners never registered.
    const nine = Array.from({ length: 7 }, (_, i) => owner(`n${i}`, `n${i}`, 10_000));
    const approve = (n: number) => nine.slice(0, n).map((o) => vote(`user:${o.userId}`, [0]));

    it("exactly 2/3 of the roster's area and of its owners take part: decided", () => {
      const r = result({ poll: poll278("civil-code-278-major"), voters: nine, ballots: approve(6), roster: { units: 9, areaCenti: 90_000 } });
      expect(r.checks.slice(0, 2).map((c) => [c.id, c.fraction, c.met])).toEqual([
        ["participation-area", fraction(60_000, 90_000), true],
        ["participation-heads", fraction(6, 9), true],
      ]);
      expect(r).toMatchObject({ outcome: "passed", winners: [0], eligible: 9, ballots: 6 });
    });

    it("one unit fewer is below 2/3 on both counts: not decided", () => {
      const r = result({ poll: poll278("civil-code-278-major"), voters: nine, ballots: approve(5), roster: { units: 9, areaCenti: 90_000 } });
      expect(r.checks.slice(0, 2).map((c) => [c.id, c.fraction, c.met])).toEqual([
        ["participation-area", fraction(50_000, 90_000), false],
        ["participation-heads", fraction(5, 9), false],
      ]);
      expect(r.outcome).toBe("participation-not-met");
    });

    it("2/3 of the owners but 0.01 m² short of 2/3 of the area: not decided", () => {
      const r = result({ poll: poll278("civil-code-278-major"), voters: nine, ballots: approve(6), roster: { units: 9, areaCenti: 90_001 } });
      expect(r.checks.slice(0, 2).map((c) => c.met)).toEqual([false, true]);
      expect(r.outcome).toBe("participation-not-met");
    });

    it("needs the roster, and a roster that holds at least the registered owners' units", () => {
      expect(computePollResult({ poll: poll278("civil-code-278"), voters: nine, ballots: approve(6) })).toEqual({ ok: false, error: { code: "roster-required" } });
      expect(computePollResult({ poll: poll278("civil-code-278"), voters: nine, ballots: approve(6), roster: { units: 6, areaCenti: 90_000 } })).toEqual({ ok: false, error: { code: "roster-smaller-than-register" } });
      expect(computePollResult({ poll: poll278("civil-code-278"), voters: nine, ballots: approve(6), roster: { units: 9, areaCenti: 69_999 } })).toEqual({ ok: false, error: { code: "roster-smaller-than-register" } });
    });
  });

  describe("co-owners", () => {
    // {a,b} co-own u1; c owns u2 and u3; a alone owns u4: three owners; u5 (unregistered) a fourth.
    const voters = [
      owner("a", "u1", 10_000),
      owner("b", "u1", 10_000),
      owner("c", "u2", 10_000),
      owner("c", "u3", 5_000),
      owner("a", "u4", 8_000),
    ];
    const roster = { units: 5, areaCenti: 40_000 };
    const ballots = [vote("user:a", [0], 1), vote("user:c", [0], 1), vote("user:b", [1], 2)];

    it("count as one owner whose latest ballot speaks for the unit", () => {
      const r = result({ poll: poll278("civil-code-278"), voters, ballots, roster });
      expect(r.owners).toMatchObject({
        totalHeads: 4, // five units, u2 and u3 of one owner
        totalAreaCenti: 40_000,
        participatingHeads: 3,
        approvingHeads: 2, // {a} and {c}; {a,b} follows b's later "reject"
        approvingAreaCenti: 23_000,
      });
      expect(r).toMatchObject({ outcome: "passed", winners: [0] });
    });

    it("every count of the result is by owner: ballots, eligible and the options agree with the checks", () => {
      const r = result({ poll: poll278("civil-code-278"), voters, ballots, roster });
      expect(r).toMatchObject({ eligible: 4, ballots: 3 });
      expect(r.counts).toEqual([{ option: 0, votes: 2 }, { option: 1, votes: 1 }, { option: 2, votes: 0 }]);
      expect(r.checks[1]).toMatchObject({ id: "participation-heads", fraction: fraction(3, 4) });
    });

    it("2 of 3 owners is not the 3/4 a major matter needs", () => {
      const r = result({ poll: poll278("civil-code-278-major"), voters, ballots, roster });
      expect(r.checks.slice(2).map((c) => [c.id, c.fraction, c.threshold, c.met])).toEqual([
        ["approval-area", fraction(23_000, 33_000), fraction(3, 4), false],
        ["approval-heads", fraction(2, 3), fraction(3, 4), false],
      ]);
      expect(r.outcome).toBe("failed");
    });

    it("uses the property register's totals when given, never below the roster's area or the registered owners", () => {
      const r = result({ poll: poll278("civil-code-278"), voters, ballots, roster, ownerTotals: { owners: 5, areaCenti: 50_000 } });
      expect(r.owners).toMatchObject({ totalsSource: "property-register", roster: { units: 5, areaCenti: 40_000, owners: 4 }, totalHeads: 5, totalAreaCenti: 50_000 });
      expect(r.checks[1]).toMatchObject({ id: "participation-heads", fraction: fraction(3, 5), met: false });
      expect(r.outcome).toBe("participation-not-met");
      // Fewer owners than units is what the register may know (one buyer, the developer's unsold units)...
      expect(result({ poll: poll278("civil-code-278"), voters, ballots, roster, ownerTotals: { owners: 3, areaCenti: 40_000 } }).owners).toMatchObject({ totalHeads: 3 });
      // ...but not fewer than the owners who registered, nor less area than the roster's units hold.
      for (const ownerTotals of [{ owners: 2, areaCenti: 50_000 }, { owners: 5, areaCenti: 39_999 }]) {
        expect(computePollResult({ poll: poll278("civil-code-278"), voters, ballots, roster, ownerTotals })).toEqual({ ok: false, error: { code: "owner-totals-too-small" } });
      }
    });
  });
});

describe("computePollResult, properties", () => {
  const keys = ["user:v0", "user:v1", "user:v2", "user:v3", "user:v4", "user:v5"] as const;
  const events = fc.uniqueArray(
    fc.record({ key: fc.constantFrom(...keys), choice: fc.integer({ min: 0, max: 2 }).map((o) => [o]), at: fc.nat(1000) }),
    { selector: (e) => e.at, maxLength: 20 },
  );
  const poll = fc
    .constantFrom("plurality", "majority", "supermajority", "none" as const)
    .map((rule) => singlePoll(3, rule as PollDefinition["rule"]));

  it("is deterministic and independent of the order ballots are stored in", () => {
    fc.assert(
      fc.property(
        poll,
        events.chain((e) => fc.tuple(fc.constant(e), fc.shuffledSubarray(e, { minLength: e.length }))),
        (p, [ballots, shuffled]) => {
          const voters = residents(6);
          expect(result({ poll: p, voters, ballots: shuffled })).toEqual(result({ poll: p, voters, ballots }));
        },
      ),
    );
  });

  it("counts add up to ballots cast, one per voter however often they changed their mind", () => {
    fc.assert(
      fc.property(poll, events, (p, ballots) => {
        const r = result({ poll: p, voters: residents(6), ballots });
        expect(r.ballots).toBe(new Set(ballots.map((b) => b.key)).size);
        expect(r.counts.reduce((s, c) => s + c.votes, 0)).toBe(r.ballots);
        expect(r.ballots).toBeLessThanOrEqual(r.eligible);
      }),
    );
  });
});

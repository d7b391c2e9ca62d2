import { describe, expect, it } from "vitest";
import { OWNER_HEADCOUNT_CONVENTION, ownerBallot, ownersFromVoters, rosterOwners } from "../../../src/domain/polls/index.js";
import type { BallotEvent, Owner, Voter } from "../../../src/domain/polls/index.js";
import { owner, resident, vote } from "./fixtures.js";

const register = (voters: Voter[]) => {
  const r = ownersFromVoters(voters);
  if (!r.ok) throw new Error(r.error.code);
  return r.value;
};

describe("ownersFromVoters (convention one-head-per-holder-set)", () => {
  it("names its convention", () => {
    expect(OWNER_HEADCOUNT_CONVENTION).toBe("one-head-per-holder-set");
  });

  it("counts an owner of several units once, with the sum of their areas", () => {
    expect(register([owner("a", "u1", 9_050), owner("a", "u2", 12_000), owner("b", "u3", 8_000)])).toEqual([
      { holders: ["a"], units: ["u1", "u2"], areaCenti: 21_050 },
      { holders: ["b"], units: ["u3"], areaCenti: 8_000 },
    ]);
  });

  it("counts the co-owners of a unit as one owner holding the whole unit's area", () => {
    expect(register([owner("a", "u1", 10_000), owner("b", "u1", 10_000)])).toEqual([
      { holders: ["a", "b"], units: ["u1"], areaCenti: 10_000 },
    ]);
  });

  it("merges units held by the same set of co-owners, keeps different sets apart", () => {
    const owners = register([
      owner("a", "u1", 100),
      owner("b", "u1", 100),
      owner("b", "u2", 200),
      owner("a", "u2", 200),
      owner("a", "u3", 400),
    ]);
    expect(owners).toEqual([
      { holders: ["a", "b"], units: ["u1", "u2"], areaCenti: 300 },
      { holders: ["a"], units: ["u3"], areaCenti: 400 },
    ]);
  });

  it("leaves out tenants and unverified owners", () => {
    expect(register([owner("a", "u1", 100), resident("t", "u1"), owner("p", "u2", 100, { status: "pending" })])).toEqual([
      { holders: ["a"], units: ["u1"], areaCenti: 100 },
    ]);
  });

  it("refuses a missing, invalid or contradictory unit area", () => {
    expect(ownersFromVoters([{ userId: "a", status: "verified", relation: "owner", unitId: "u1" }])).toEqual({
      ok: false,
      error: { code: "missing-unit-area", unitId: "u1" },
    });
    expect(ownersFromVoters([owner("a", "u1", 10.5)])).toEqual({ ok: false, error: { code: "invalid-unit-area", unitId: "u1" } });
    expect(ownersFromVoters([owner("a", "u1", 100), owner("b", "u1", 101)])).toEqual({
      ok: false,
      error: { code: "inconsistent-unit-area", unitId: "u1" },
    });
  });
});

describe("ownerBallot", () => {
  const coOwners: Owner = { holders: ["a", "b"], units: ["u1"], areaCenti: 100 };
  const book = (...events: BallotEvent[]) => new Map(events.map((e) => [e.key, e]));

  it("takes the latest ballot of any holder", () => {
    expect(ownerBallot(coOwners, book(vote("user:a", [0], 1), vote("user:b", [1], 2)))?.choice).toEqual([1]);
    expect(ownerBallot(coOwners, book(vote("user:a", [0], 3), vote("user:b", [1], 2)))?.choice).toEqual([0]);
    expect(ownerBallot(coOwners, book(vote("user:c", [0], 3)))).toBeUndefined();
  });

  it("on equal times takes the holder whose key sorts last, whatever the map order", () => {
    expect(ownerBallot(coOwners, book(vote("user:b", [1], 2), vote("user:a", [0], 2)))?.choice).toEqual([1]);
    expect(ownerBallot(coOwners, book(vote("user:a", [0], 2), vote("user:b", [1], 2)))?.choice).toEqual([1]);
  });
});

describe("rosterOwners (SPC interpretation Art. 9: one owner per unit, one buyer's units once)", () => {
  it("counts every roster unit nobody registered as one owner, and a registered owner's several units once", () => {
    const owners = register([owner("a", "u1", 100), owner("a", "u2", 200), owner("b", "u3", 300), owner("c", "u3", 300)]);
    // 10 units: {a} holds two, {b,c} one, seven units nobody registered.
    expect(rosterOwners(owners, { units: 10, areaCenti: 5_000 })).toEqual({ ok: true, value: 9 });
    expect(rosterOwners([], { units: 4, areaCenti: 400 })).toEqual({ ok: true, value: 4 });
  });

  it("refuses a roster that cannot hold the registered owners' units", () => {
    const owners = register([owner("a", "u1", 100), owner("b", "u2", 200)]);
    expect(rosterOwners(owners, { units: 1, areaCenti: 5_000 })).toEqual({ ok: false, error: { code: "roster-smaller-than-register" } });
    expect(rosterOwners(owners, { units: 5, areaCenti: 299 })).toEqual({ ok: false, error: { code: "roster-smaller-than-register" } });
  });
});

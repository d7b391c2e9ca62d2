import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { dueAction, nextDueAt, remindersWanted, toPollDefinition, type Poll, type PollSpec } from "../../../src/domain/consultations/consultation.js";
import { inAudience } from "../../../src/domain/consultations/audience.js";
import { parseDateTime } from "../../../src/domain/consultations/dateTime.js";
import { audienceVoters, choiceOfMask, maskOf, pollKey, rankingOf, ranksOf, type VoterProfile } from "../../../src/domain/consultations/voting.js";

const poll = (spec: Partial<PollSpec>): Poll => {
  const full: PollSpec = { question: { en: "Q" }, kind: "single", options: [{ en: "a" }, { en: "b" }, { en: "c" }], voters: "residents", rule: "plurality", results: "hidden", ...spec };
  return { id: 7, consultationId: 1, position: 0, spec: full, definition: toPollDefinition(7, full), result: null };
};
const person = (p: Partial<VoterProfile> = {}): VoterProfile => ({ id: 42n, status: "verified", relation: "owner", areaCenti: null, unit: { id: 3, building: "1号楼", number: "101", areaCenti: 8550 }, ...p });

describe("who votes under which key", () => {
  it("residents and owners by person, units by unit; refusals say why", () => {
    const c = { audience: ["1号楼"] };
    expect(pollKey(c, poll({}), person())).toEqual({ ok: true, value: "user:42" });
    expect(pollKey(c, poll({ voters: "unit" }), person())).toEqual({ ok: true, value: "unit:3" });
    expect(pollKey(c, poll({ voters: "owners" }), person({ relation: "tenant" }))).toEqual({ ok: false, error: "not-owner" });
    expect(pollKey({ audience: ["2号楼"] }, poll({}), person())).toEqual({ ok: false, error: "not-in-audience" });
    expect(pollKey(c, poll({}), person({ status: "pending" }))).toEqual({ ok: false, error: "not-verified" });
    expect(pollKey(c, poll({}), person({ unit: null }))).toEqual({ ok: false, error: "not-verified" });
    const art278 = poll({ voters: "owners", rule: "civil-code-278" });
    expect(pollKey(c, art278, person({ unit: { id: 3, building: "1号楼", number: "101", areaCenti: null } }))).toEqual({ ok: false, error: "no-area" });
    // Art. 278 weighs the roster's area (SPC interpretation Art. 8), not what an owner says of their unit.
    expect(pollKey(c, art278, person({ areaCenti: 9000, unit: { id: 3, building: "1号楼", number: "101", areaCenti: null } }))).toEqual({ ok: false, error: "no-area" });
    expect(pollKey(c, art278, person({ areaCenti: 9000 }))).toEqual({ ok: true, value: "user:42" });
  });

  it("a unit's area is the roster's; owners of a unit without one are named and left out of Art. 278 only", () => {
    const m = (userId: bigint, unitId: number, number: string, unitAreaCenti: number | null, areaCenti: number | null, relation = "owner") => ({ userId, relation, areaCenti, unitId, building: "3号楼", number, unitAreaCenti });
    const members = [m(1n, 1, "301", 7500, null), m(2n, 2, "302", null, 6000), m(3n, 2, "302", null, 6000), m(4n, 3, "303", null, 5000), m(5n, 3, "303", null, 5100), m(6n, 4, "304", null, null), m(7n, 4, "304", null, null, "tenant")];
    const weighed = audienceVoters(members, true);
    expect(weighed.unitsWithoutArea).toEqual(["3号楼 302", "3号楼 303", "3号楼 304"]);
    expect(weighed.voters.filter((v) => v.relation === "owner").map((v) => [v.userId, v.unitAreaCenti])).toEqual([["1", 7500]]);
    const plain = audienceVoters(members, false);
    expect(plain.unitsWithoutArea).toEqual([]);
    expect(plain.voters.filter((v) => v.relation === "owner")).toHaveLength(6);
  });
});

describe("ballots inside button data", () => {
  it("a multiple-choice mask round-trips", () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.integer({ min: 0, max: 9 })), (choice) => {
        expect(choiceOfMask(maskOf(choice), 10)).toEqual([...choice].sort((a, b) => a - b));
      }),
    );
  });
  it("a ranking round-trips through its rank string", () => {
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 10 }).chain((n) => fc.tuple(fc.constant(n), fc.uniqueArray(fc.integer({ min: 0, max: n - 1 }), { maxLength: n }))), ([n, ranking]) => {
        expect(rankingOf(ranksOf(ranking, n), n)).toEqual({ ok: true, value: ranking });
      }),
    );
  });
  it("refuses duplicates, gaps and strings that do not fit", () => {
    expect(ranksOf([2, 0], 3)).toBe("2-1");
    expect(rankingOf("11-", 3)).toEqual({ ok: false, error: "duplicate-rank" });
    expect(rankingOf("1-3", 3)).toEqual({ ok: false, error: "gap" });
    expect(rankingOf("1-", 3)).toEqual({ ok: false, error: "wrong-shape" });
    expect(rankingOf("1x-", 3)).toEqual({ ok: false, error: "wrong-shape" });
    expect(rankingOf("---", 3)).toEqual({ ok: true, value: [] });
    expect(rankingOf("a987654321", 10)).toEqual({ ok: true, value: [9, 8, 7, 6, 5, 4, 3, 2, 1, 0] });
  });
});

describe("what the scheduler does when", () => {
  const base = { status: "open" as const, opensAt: null, openedAt: new Date("2026-11-27T00:00:00Z"), closesAt: new Date("2026-11-30T00:00:00Z"), remindersQueuedAt: null };
  it("opens drafts at their time, reminds 24 h before closing, closes at the closing time", () => {
    expect(dueAction({ ...base, status: "draft", opensAt: new Date("2026-11-28T00:00:00Z") }, new Date("2026-11-27T23:59:59Z"))).toBeNull();
    expect(dueAction({ ...base, status: "draft", opensAt: new Date("2026-11-28T00:00:00Z") }, new Date("2026-11-28T00:00:00Z"))).toBe("open");
    expect(dueAction(base, new Date("2026-11-28T23:59:59Z"))).toBeNull();
    expect(dueAction(base, new Date("2026-11-29T00:00:00Z"))).toBe("remind");
    expect(dueAction({ ...base, remindersQueuedAt: new Date() }, new Date("2026-11-29T00:00:00Z"))).toBeNull();
    expect(dueAction(base, new Date("2026-11-30T00:00:00Z"))).toBe("close");
    expect(dueAction({ ...base, status: "closed" }, new Date("2027-01-01T00:00:00Z"))).toBeNull();
    expect(nextDueAt(base)).toEqual(new Date("2026-11-29T00:00:00Z"));
    expect(nextDueAt({ ...base, remindersQueuedAt: new Date() })).toEqual(base.closesAt);
    expect(remindersWanted(base)).toBe(true);
    expect(remindersWanted({ ...base, openedAt: new Date("2026-11-29T12:00:00Z") })).toBe(false);
  });
  it("reads the park's wall-clock times", () => {
    expect(parseDateTime("2026-12-15 20:00", "Asia/Shanghai")).toEqual(new Date("2026-12-15T12:00:00Z"));
    expect(parseDateTime("2026/12/15 20：00", "Asia/Shanghai")).toEqual(new Date("2026-12-15T12:00:00Z"));
    expect(parseDateTime("2026-12-15T20:00:00.250+0800", "Asia/Shanghai")).toEqual(new Date("2026-12-15T12:00:00.250Z"));
    expect(parseDateTime("2026-03-29 02:30", "Europe/Berlin")).toEqual(new Date("2026-03-29T01:30:00Z"));
    expect(parseDateTime("2026-13-01 20:00", "Asia/Shanghai")).toBeNull();
    expect(parseDateTime("tomorrow", "Asia/Shanghai")).toBeNull();
  });
});

describe("who is in a consultation's audience", () => {
  it("matches the resident's building whatever the case or width it was stored in", () => {
    const resident = { status: "verified" as const, unit: { id: 1, building: "West Tower", number: "A1", areaCenti: null } };
    expect(inAudience(resident, ["WEST TOWER"])).toBe(true);
    expect(inAudience({ ...resident, unit: { ...resident.unit, building: "１号楼" } }, ["1号楼"])).toBe(true);
    expect(inAudience(resident, ["East Tower"])).toBe(false);
    expect(inAudience(resident, null)).toBe(true);
  });
});

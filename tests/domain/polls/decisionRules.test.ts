import { describe, expect, it } from "vitest";
import {
  countOptions,
  decideByShare,
  decideCivilCode278,
  decidePlurality,
  fraction,
  quorumCheck,
  withQuorum,
} from "../../../src/domain/polls/index.js";
import type { OwnersCount } from "../../../src/domain/polls/index.js";

/** Counts for options 0…k−1 given as vote numbers. */
const counts = (...votes: number[]) => votes.map((v, option) => ({ option, votes: v }));
const share = (rule: "majority" | "supermajority", yes: number, no: number) => decideByShare(rule, counts(yes, no), yes + no);

describe("plurality", () => {
  it("names the option with most votes, reports ties as ties", () => {
    expect(decidePlurality(counts(3, 5, 1))).toEqual({ outcome: "winner", winners: [1], checks: [] });
    expect(decidePlurality(counts(4, 4, 1))).toEqual({ outcome: "tie", winners: [0, 1], checks: [] });
    expect(decidePlurality(counts(5, 4, 1))).toMatchObject({ outcome: "winner", winners: [0] });
    expect(decidePlurality(counts(0, 0))).toEqual({ outcome: "no-votes", winners: [], checks: [] });
  });
});

describe("majority: more than 1/2 of the votes cast", () => {
  it("fails at exactly 1/2 and passes one vote above", () => {
    expect(share("majority", 5, 5)).toMatchObject({ outcome: "failed", winners: [] });
    expect(share("majority", 6, 4)).toMatchObject({ outcome: "passed", winners: [0] });
    expect(share("majority", 4, 6)).toMatchObject({ outcome: "passed", winners: [1] });
    expect(share("majority", 5, 4)).toMatchObject({ outcome: "passed", winners: [0] });
  });

  it("counts abstentions as votes cast", () => {
    const d = decideByShare("majority", counts(5, 3, 2), 10);
    expect(d.outcome).toBe("failed");
    expect(d.checks[0]).toEqual({
      id: "share",
      option: 0,
      fraction: fraction(5, 10),
      threshold: fraction(1, 2),
      comparator: ">",
      met: false,
    });
  });

  it("can pass several options of a multiple-choice poll", () => {
    // 4 ballots: [0,1] [0,1] [0,2] [1]
    const c = countOptions(3, [[0, 1], [0, 1], [0, 2], [1]]);
    expect(decideByShare("majority", c, 4)).toMatchObject({ outcome: "passed", winners: [0, 1] });
    expect(decideByShare("supermajority", c, 4)).toMatchObject({ outcome: "passed", winners: [0, 1] });
  });

  it("has no votes without ballots", () => {
    expect(decideByShare("majority", counts(0, 0), 0).outcome).toBe("no-votes");
  });
});

describe("supermajority: at least 2/3 of the votes cast", () => {
  it("passes at exactly 2/3, fails one vote below, passes one above", () => {
    expect(share("supermajority", 6, 3)).toMatchObject({ outcome: "passed", winners: [0] });
    expect(share("supermajority", 2, 1)).toMatchObject({ outcome: "passed", winners: [0] });
    expect(share("supermajority", 5, 4)).toMatchObject({ outcome: "failed", winners: [] });
    expect(share("supermajority", 7, 2)).toMatchObject({ outcome: "passed", winners: [0] });
    expect(share("supermajority", 6, 3).checks[0]).toMatchObject({
      fraction: fraction(6, 9),
      threshold: fraction(2, 3),
      comparator: ">=",
      met: true,
    });
  });
});

describe("quorum modifier: at least Q% of eligible voters took part", () => {
  it("passes at exactly Q% and fails one ballot below", () => {
    expect(quorumCheck(30, 100, 30)).toEqual({
      id: "quorum",
      option: null,
      fraction: fraction(30, 100),
      threshold: fraction(30, 100),
      comparator: ">=",
      met: true,
    });
    expect(quorumCheck(29, 100, 30).met).toBe(false);
    // 33% of 10 is 3.3: 3 ballots are not enough, 4 are.
    expect(quorumCheck(3, 10, 33).met).toBe(false);
    expect(quorumCheck(4, 10, 33).met).toBe(true);
    expect(quorumCheck(0, 0, 1).met).toBe(false);
  });

  it("decides nothing when not met, and lists the quorum check first", () => {
    const decision = share("majority", 6, 4);
    expect(withQuorum(decision, quorumCheck(10, 100, 10))).toMatchObject({ outcome: "passed", winners: [0] });
    const failed = withQuorum(decision, quorumCheck(10, 100, 11));
    expect(failed).toMatchObject({ outcome: "quorum-not-met", winners: [] });
    expect(failed.checks.map((c) => c.id)).toEqual(["quorum", "share", "share"]);
  });
});

describe("Civil Code Art. 278", () => {
  const base: OwnersCount = {
    totalHeads: 12,
    totalAreaCenti: 120_000,
    participatingHeads: 8,
    participatingAreaCenti: 80_000,
    approvingHeads: 5,
    approvingAreaCenti: 50_000,
  };
  const ordinary = (o: Partial<OwnersCount>) => decideCivilCode278("civil-code-278", { ...base, ...o }, 0);
  const major = (o: Partial<OwnersCount>) => decideCivilCode278("civil-code-278-major", { ...base, ...o }, 0);
  const met = (d: ReturnType<typeof ordinary>) => Object.fromEntries(d.checks.map((c) => [c.id, c.met]));

  it("shows every fraction, threshold and comparator", () => {
    expect(ordinary({}).checks).toEqual([
      { id: "participation-area", option: null, fraction: fraction(80_000, 120_000), threshold: fraction(2, 3), comparator: ">=", met: true },
      { id: "participation-heads", option: null, fraction: fraction(8, 12), threshold: fraction(2, 3), comparator: ">=", met: true },
      { id: "approval-area", option: null, fraction: fraction(50_000, 80_000), threshold: fraction(1, 2), comparator: ">", met: true },
      { id: "approval-heads", option: null, fraction: fraction(5, 8), threshold: fraction(1, 2), comparator: ">", met: true },
    ]);
    expect(ordinary({})).toMatchObject({ outcome: "passed", winners: [0] });
  });

  it("participation: exactly 2/3 of area and heads is enough, one unit less is not", () => {
    expect(ordinary({}).outcome).toBe("passed");
    expect(ordinary({ participatingAreaCenti: 79_999, approvingAreaCenti: 49_999 }).outcome).toBe("participation-not-met");
    expect(ordinary({ participatingHeads: 7, approvingHeads: 5 }).outcome).toBe("participation-not-met");
  });

  it("participation fails on area alone, and on heads alone", () => {
    const areaOnly = ordinary({ participatingAreaCenti: 70_000, approvingAreaCenti: 50_000 });
    expect(met(areaOnly)).toMatchObject({ "participation-area": false, "participation-heads": true });
    expect(areaOnly).toMatchObject({ outcome: "participation-not-met", winners: [] });
    const headsOnly = ordinary({ participatingHeads: 7, participatingAreaCenti: 90_000 });
    expect(met(headsOnly)).toMatchObject({ "participation-area": true, "participation-heads": false });
    expect(headsOnly.outcome).toBe("participation-not-met");
  });

  it("ordinary matters: exactly 1/2 of area or of heads fails, one more passes", () => {
    expect(ordinary({ approvingAreaCenti: 40_000 }).outcome).toBe("failed");
    expect(ordinary({ approvingAreaCenti: 40_001 }).outcome).toBe("passed");
    expect(ordinary({ approvingHeads: 4 }).outcome).toBe("failed");
    expect(met(ordinary({ approvingHeads: 4 }))).toMatchObject({ "approval-area": true, "approval-heads": false });
    expect(met(ordinary({ approvingAreaCenti: 40_000 }))).toMatchObject({ "approval-area": false, "approval-heads": true });
  });

  it("major matters: exactly 3/4 of area and heads passes, one below fails", () => {
    expect(major({ approvingHeads: 6, approvingAreaCenti: 60_000 })).toMatchObject({ outcome: "passed", winners: [0] });
    expect(major({ approvingHeads: 6, approvingAreaCenti: 59_999 }).outcome).toBe("failed");
    expect(major({ approvingHeads: 5, approvingAreaCenti: 60_000 }).outcome).toBe("failed");
    expect(major({ approvingHeads: 6, approvingAreaCenti: 60_000 }).checks[2]).toMatchObject({
      threshold: fraction(3, 4),
      comparator: ">=",
    });
  });

  it("has no votes when no owner took part", () => {
    const d = ordinary({ participatingHeads: 0, participatingAreaCenti: 0, approvingHeads: 0, approvingAreaCenti: 0 });
    expect(d).toMatchObject({ outcome: "no-votes", winners: [] });
    expect(d.checks.every((c) => !c.met)).toBe(true);
  });
});

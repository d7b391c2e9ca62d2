import { describe, expect, it } from "vitest";
import { RULES_FOR_KIND, validatePollDefinition, validatePollRule } from "../../../src/domain/polls/index.js";
import type { DecisionRule, PollDefinition, PollKind } from "../../../src/domain/polls/index.js";
import { options, singlePoll } from "./fixtures.js";

const error = (poll: PollDefinition) => {
  const v = validatePollDefinition(poll);
  return v.ok ? null : v.error;
};

describe("validatePollDefinition", () => {
  it("accepts 2 to 10 options with ids 0…n−1", () => {
    expect(error(singlePoll(2, "plurality"))).toBeNull();
    expect(error(singlePoll(10, "plurality"))).toBeNull();
    expect(error(singlePoll(1, "plurality"))).toEqual({ code: "too-few-options", count: 1 });
    expect(error(singlePoll(11, "plurality"))).toEqual({ code: "too-many-options", count: 11 });
    const shuffled = { ...singlePoll(3, "plurality"), options: [options(3)[1]!, options(3)[0]!, options(3)[2]!] };
    expect(error(shuffled as PollDefinition)).toEqual({ code: "option-ids-not-sequential", position: 0 });
  });

  it("bounds maxChoices of a multiple-choice poll by 1…n", () => {
    const poll = (maxChoices: number): PollDefinition => ({
      id: "m", kind: "multiple", options: options(4), maxChoices, voters: "residents", rule: "plurality",
    });
    expect(error(poll(1))).toBeNull();
    expect(error(poll(4))).toBeNull();
    expect(error(poll(0))).toEqual({ code: "max-choices-out-of-range", maxChoices: 0 });
    expect(error(poll(5))).toEqual({ code: "max-choices-out-of-range", maxChoices: 5 });
    expect(error(poll(1.5))).toEqual({ code: "max-choices-out-of-range", maxChoices: 1.5 });
  });

  it("needs no options for a scale poll", () => {
    const scale: PollDefinition = { id: "s", kind: "scale", labels: { low: "bad", high: "good" }, voters: "unit", rule: "none" };
    expect(error(scale)).toBeNull();
  });

  it("refuses unknown kinds and voter modes from stored data", () => {
    expect(error({ ...singlePoll(2, "plurality"), kind: "essay" } as unknown as PollDefinition)).toEqual({
      code: "unknown-kind",
      kind: "essay",
    });
    expect(error(singlePoll(2, "plurality", { voters: "everyone" } as unknown as Partial<PollDefinition>))).toEqual({
      code: "unknown-voters",
      voters: "everyone",
    });
  });
});

describe("validatePollRule", () => {
  const rule = (kind: PollKind, r: DecisionRule, extra: { voters?: "residents" | "owners" | "unit"; quorumPercent?: number } = {}) => {
    const v = validatePollRule({ kind, rule: r, voters: extra.voters ?? "owners", ...(extra.quorumPercent === undefined ? {} : { quorumPercent: extra.quorumPercent }) });
    return v.ok ? null : v.error;
  };

  it("follows the kind × rule table", () => {
    expect(RULES_FOR_KIND.scale).toEqual(["none"]);
    expect(rule("scale", "plurality")).toEqual({ code: "rule-not-for-kind", rule: "plurality", kind: "scale" });
    expect(rule("ranked", "plurality")).toBeNull();
    expect(rule("ranked", "majority")).toEqual({ code: "rule-not-for-kind", rule: "majority", kind: "ranked" });
    expect(rule("multiple", "supermajority")).toBeNull();
    expect(rule("multiple", "civil-code-278")).toEqual({ code: "rule-not-for-kind", rule: "civil-code-278", kind: "multiple" });
    expect(rule("single", "civil-code-278-major")).toBeNull();
    expect(rule("single", "unanimity" as DecisionRule)).toEqual({ code: "unknown-rule", rule: "unanimity" });
  });

  it("counts Art. 278 over owners only", () => {
    expect(rule("single", "civil-code-278", { voters: "unit" })).toEqual({ code: "rule-needs-owners", rule: "civil-code-278" });
    expect(rule("single", "civil-code-278-major", { voters: "residents" })).toEqual({
      code: "rule-needs-owners",
      rule: "civil-code-278-major",
    });
  });

  it("takes a whole quorum percentage 1–100 where a rule decides something", () => {
    expect(rule("single", "majority", { quorumPercent: 100 })).toBeNull();
    expect(rule("single", "majority", { quorumPercent: 1 })).toBeNull();
    expect(rule("single", "majority", { quorumPercent: 0 })).toEqual({ code: "quorum-out-of-range", quorumPercent: 0 });
    expect(rule("single", "majority", { quorumPercent: 101 })).toEqual({ code: "quorum-out-of-range", quorumPercent: 101 });
    expect(rule("single", "majority", { quorumPercent: 33.3 })).toEqual({ code: "quorum-out-of-range", quorumPercent: 33.3 });
    expect(rule("single", "none", { quorumPercent: 50 })).toEqual({ code: "quorum-not-applicable", rule: "none" });
    expect(rule("single", "civil-code-278", { quorumPercent: 50 })).toEqual({
      code: "quorum-not-applicable",
      rule: "civil-code-278",
    });
  });
});

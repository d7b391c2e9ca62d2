import { describe, expect, it } from "vitest";
import { eligibleKeys, keysForUser, voterEligibility } from "../../../src/domain/polls/index.js";
import { owner, resident } from "./fixtures.js";

describe("voterEligibility", () => {
  it("lets only verified voters vote", () => {
    const pending = resident("a", "u1", { status: "pending" });
    expect(voterEligibility("residents", pending)).toEqual({ eligible: false, reason: "not-verified" });
    expect(voterEligibility("unit", pending)).toEqual({ eligible: false, reason: "not-verified" });
    expect(voterEligibility("owners", { ...owner("a", "u1", 100), status: "rejected" })).toEqual({
      eligible: false,
      reason: "not-verified",
    });
  });

  it("keys residents and owners by person, units by unit", () => {
    expect(voterEligibility("residents", resident("a", "u1"))).toEqual({ eligible: true, key: "user:a" });
    expect(voterEligibility("owners", owner("a", "u1", 100))).toEqual({ eligible: true, key: "user:a" });
    expect(voterEligibility("owners", resident("a", "u1"))).toEqual({ eligible: false, reason: "not-owner" });
    expect(voterEligibility("unit", resident("a", "u1"))).toEqual({ eligible: true, key: "unit:u1" });
  });
});

describe("eligibleKeys", () => {
  const audience = [
    owner("a", "u1", 100),
    owner("a", "u2", 100), // a owns two units
    owner("b", "u3", 100),
    owner("c", "u3", 100), // b and c co-own u3
    resident("d", "u3"), // a tenant sharing u3
    resident("e", "u4"),
    resident("f", "u5", { status: "pending" }),
  ];

  it("counts a person once however many units they have", () => {
    expect([...eligibleKeys("residents", audience)].sort()).toEqual(["user:a", "user:b", "user:c", "user:d", "user:e"]);
    expect([...eligibleKeys("owners", audience)].sort()).toEqual(["user:a", "user:b", "user:c"]);
  });

  it("counts a unit once however many residents it has", () => {
    expect([...eligibleKeys("unit", audience)].sort()).toEqual(["unit:u1", "unit:u2", "unit:u3", "unit:u4"]);
  });

  it("gives a person one key per unit in unit mode so the app can ask which unit", () => {
    expect(keysForUser("unit", audience, "a")).toEqual(["unit:u1", "unit:u2"]);
    expect(keysForUser("owners", audience, "a")).toEqual(["user:a"]);
    expect(keysForUser("owners", audience, "d")).toEqual([]);
    expect(keysForUser("residents", audience, "f")).toEqual([]);
  });
});

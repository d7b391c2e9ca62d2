import { describe, expect, it } from "vitest";
import * as reg from "../../../src/domain/residents/registration.js";

const now = new Date("2026-11-27T00:00:00Z");
const apply = (r: reg.Registration, p: reg.RegistrationPatch): reg.Registration => ({ ...r, ...p });

describe("registration transitions", () => {
  it("walks language → unit → relation → area → verified by code", () => {
    let r = reg.newRegistration("en", "ACDEFGHJ");
    expect(r).toMatchObject({ status: "registering", step: "language", revision: 0, draftCode: "ACDEFGHJ" });
    r = apply(r, reg.chooseLanguage(r, "zh"));
    expect(r).toMatchObject({ language: "zh", step: "unit", revision: 1 });
    r = apply(r, reg.placeInUnit(r, 7));
    expect(r).toMatchObject({ unitId: 7, step: "relation", draftCode: null, revision: 2 });
    r = apply(r, reg.chooseRelation(r, "owner", true, now));
    expect(r).toMatchObject({ relation: "owner", step: "area" });
    r = apply(r, reg.giveArea(r, 8550, true, now));
    expect(r).toMatchObject({ status: "verified", step: null, areaCenti: 8550, verifiedAt: now, verifiedBy: null, revision: 4 });
  });
  it("non-owners finish at the relation and wait for the committee without a code", () => {
    const r = { ...reg.newRegistration("en", null), step: "relation" as const, unitId: 1 };
    expect(reg.chooseRelation(r, "tenant", false, now)).toMatchObject({ status: "pending", step: null, relation: "tenant", areaCenti: null });
  });
  it("committee decisions apply only to pending registrations", () => {
    const pending = { ...reg.newRegistration("en", null), status: "pending" as const, step: null };
    expect(reg.decide(pending, true, 5n, now)).toMatchObject({ status: "verified", verifiedBy: 5n, verifiedAt: now });
    expect(reg.decide(pending, false, 5n, now)).toMatchObject({ status: "rejected", verifiedBy: 5n });
    expect(reg.decide({ ...pending, status: "verified" }, true, 5n, now)).toBeNull();
  });
  it("restarting keeps language and consent but clears the unit", () => {
    const r = { ...reg.newRegistration("zh", null), status: "rejected" as const, step: null, unitId: 3, relation: "owner" as const, areaCenti: 100 };
    expect(reg.restartAtUnit(r)).toMatchObject({ status: "registering", step: "unit", unitId: null, relation: null, areaCenti: null, revision: 1 });
  });
});

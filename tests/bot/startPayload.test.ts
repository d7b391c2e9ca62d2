import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { UNITS_ROSTER as ROSTER, useHarness } from "../support/park.js";

// A /start payload is whatever a link or a person put after /start. Only a valid
// invite code may travel on (through the consent button); anything else is
// dropped, and the newcomer still sees the consent screen and can register.

const h = useHarness({ roster: ROSTER });

let nextId = 50_000;

/** A newcomer sends /start with the payload, then registers by building and unit. */
async function registersAfter(payload: string) {
  const p = h.person({ id: nextId++, language_code: "en" });
  await p.send(`/start ${payload}`);
  expect(h.tg.refused).toEqual([]);
  expect(p.last().text, payload).toContain("Before you register, here is what we keep and why");
  expect(p.buttons()).toEqual(["✅ I agree", "No, thanks"]);
  await p.press("✅ I agree");
  expect(p.last().text, payload).toContain("Your consent was recorded");
  await p.press("English");
  expect(p.last().text).toContain("Otherwise choose your building below");
  await p.press("A");
  await p.send("101");
  await p.press("Tenant");
  expect(p.last().text).toContain("now waits for a committee member to verify it");
  expect(await p.stored()).toMatchObject({ status: "pending", relation: "tenant", draftCode: null });
  expect(h.tg.refused).toEqual([]);
}

describe("/start with a payload that is not an invite code", () => {
  for (const payload of ["abc", "ref_wechat", "🏠🔑", "x".repeat(64), "A-B_c.d", "<b>hi</b>", "ABCDEFGHJK".repeat(3)]) {
    it(`shows the consent screen and registers: ${JSON.stringify(payload)}`, () => registersAfter(payload));
  }

  it("any payload at all", async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ unit: "grapheme", minLength: 1, maxLength: 64 }), async (payload) => {
        h.tg.clear();
        await registersAfter(payload);
      }),
      { numRuns: 25 },
    );
  });

  it("someone already registering is not told a campaign link is a wrong code", async () => {
    const p = h.person({ id: nextId++, language_code: "en" });
    await p.send("/start");
    await p.press("✅ I agree");
    await p.send("/start wechat2026"); // at the language step
    await p.press("English");
    expect(p.last().text).not.toContain("not a valid invite code");
    await p.send("/start wechat2026"); // at the unit step
    expect(p.last().text).not.toContain("not a valid invite code");
    expect(p.last().text).toContain("Otherwise choose your building below");
    expect(await p.stored()).toMatchObject({ step: "unit", draftCode: null });
  });

  it("a valid code still goes through consent and verifies at once", async () => {
    const code = (await h.db.unit.findUniqueOrThrow({ where: { building_number: { building: "A", number: "101" } } })).inviteCode;
    const p = h.person({ id: nextId++, language_code: "en" });
    await p.send(`/start ${code.toLowerCase()}`);
    expect(p.buttons()).toEqual(["✅ I agree", "No, thanks"]);
    await p.press("✅ I agree");
    await p.press("English");
    expect(p.last().text).toContain("Invite code accepted: building <b>A</b>, unit <b>101</b>.");
  });
});

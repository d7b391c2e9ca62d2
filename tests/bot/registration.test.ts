import { beforeEach, describe, expect, it } from "vitest";
import type { Harness } from "../support/harness.js";
import { UNITS_ROSTER as ROSTER, useHarness } from "../support/park.js";
import { OPERATOR, asAdmin } from "../support/actors.js";


const h = useHarness({ adminIds: [900n], roster: false });
beforeEach(async () => {
  const imported = await h.services.roster.import(ROSTER, OPERATOR);
  expect(imported).toMatchObject({ ok: true, created: 3 });
});

const codeOf = async (building: string, number: string) =>
  (await h.db.unit.findUniqueOrThrow({ where: { building_number: { building, number } } })).inviteCode;

describe("registration with an invite code", () => {
  it("registers and verifies an English speaker who types the code in lower case with spaces", async () => {
    const alice = h.person({ id: 1001, language_code: "en-us" });
    await alice.send("/start");
    expect(alice.last().text).toContain("Before you register, here is what we keep and why");
    expect(alice.last().text).toContain("government officials see only totals");
    expect(alice.buttons()).toEqual(["✅ I agree", "No, thanks"]);
    expect(await alice.stored()).toBeNull(); // nothing before consent

    await alice.press("✅ I agree");
    const stored = await alice.stored();
    expect(stored?.consentAt).toEqual(h.clock.now());
    expect(alice.last().text).toContain("Your consent was recorded at 2026-11-27 10:00");
    expect(alice.last().text).toContain("Which language would you like me to use?");
    expect(alice.buttons()).toEqual(["中文", "English"]);

    await alice.press("English");
    expect(alice.last().text).toContain("invite code");
    expect(alice.buttons()).toEqual(["3号楼", "A"]);

    const code = await codeOf("A", "101");
    await alice.send(`  ${code.slice(0, 4).toLowerCase()} ${code.slice(4).toLowerCase()} `);
    expect(alice.last().text).toContain("Invite code accepted: building <b>A</b>, unit <b>101</b>.");
    expect(alice.buttons()).toEqual(["Owner", "Tenant", "Business operator", "Other"]);

    await alice.press("Owner");
    expect(alice.last().text).toContain("The committee's list says <b>120 m²</b>");
    expect(alice.buttons()).toEqual(["Use 120 m²", "Skip"]);

    await alice.send("118.25 m²");
    expect(alice.last().text).toContain("You are registered and verified as a resident of building <b>A</b>, unit <b>101</b>");
    expect(await alice.stored()).toMatchObject({ status: "verified", relation: "owner", areaCenti: 11825, language: "en", step: null });
    const unit = await h.db.unit.findUniqueOrThrow({ where: { building_number: { building: "A", number: "101" } } });
    expect(unit.codeClaimedById).toBe(1001n);
  });

  it("takes a Chinese speaker through a deep link with the code, in Chinese", async () => {
    const code = await codeOf("3号楼", "1201");
    const wang = h.person({ id: 1002, language_code: "zh-hans" });
    await wang.send(`/start ${code}`);
    expect(wang.last().text).toContain("登记之前，请先了解我们保存哪些信息以及原因");
    expect(wang.buttons()).toEqual(["✅ 我同意", "不，谢谢"]);
    await wang.press("✅ 我同意");
    expect(wang.last().text).toContain("您希望我使用哪种语言？");
    await wang.press("中文");
    expect(wang.last().text).toContain("邀请码有效：楼栋 <b>3号楼</b>，房号 <b>1201</b>。");
    expect(wang.buttons()).toEqual(["业主", "租户", "经营者", "其他"]);
    await wang.press("租户");
    expect(wang.last().text).toContain("登记完成并已核实");
    expect(await wang.stored()).toMatchObject({ status: "verified", relation: "tenant", areaCenti: null, language: "zh" });
  });

  it("lets a person choose English although their phone is in Chinese", async () => {
    const li = h.person({ id: 1003, language_code: "zh-hant" });
    await li.send("/start");
    await li.press("✅ 我同意");
    await li.press("English");
    expect(li.last().text).toContain("Which unit do you live or work in?");
    expect((await li.stored())?.language).toBe("en");
  });

  it("stores nothing when consent is declined", async () => {
    const bob = h.person({ id: 1004, language_code: "en" });
    await bob.send("/start");
    await bob.press("No, thanks");
    expect(bob.last().text).toBe("Understood — nothing was stored. Send /start whenever you want to register.");
    expect(await bob.stored()).toBeNull();
  });
});

describe("registration verified by the committee", () => {
  async function registerWithoutCode(p: ReturnType<Harness["person"]>, lang: "中文" | "English", building: string, unit: string) {
    await p.send("/start");
    await p.press(/I agree|我同意/);
    await p.press(lang);
    await p.press(building);
    await p.send(unit);
  }

  it("waits for a committee member, who verifies it; the resident hears it in Chinese", async () => {
    await h.services.roles.grant(500n, "committee", asAdmin(900n));
    const zhang = h.person({ id: 2001, language_code: "zh" });
    await registerWithoutCode(zhang, "中文", "3号楼", "1202");
    expect(zhang.last().text).toContain("楼栋 <b>3号楼</b>，房号 <b>1202</b>。");
    await zhang.press("其他");
    expect(zhang.last().text).toContain("正在等待自治委员会成员核实");
    expect(await zhang.stored()).toMatchObject({ status: "pending" });

    const committee = h.person({ id: 500, language_code: "en" });
    await committee.send("/pending");
    const item = committee.last();
    expect(item.text).toContain("<b>3号楼, 1202</b> — Other");
    expect(item.text).toContain('<a href="tg://user?id=2001">2001</a>');
    expect(item.buttons.map((b) => b.text)).toEqual(["✅ Verify", "❌ Reject"]);

    await committee.press("✅ Verify");
    expect(item.text).toContain("✅ Verified by you at");
    expect(item.buttons).toEqual([]);
    expect(zhang.last().text).toContain("✅ 自治委员会已核实您对楼栋 <b>3号楼</b>、房号 <b>1202</b> 的登记");
    expect(await zhang.stored()).toMatchObject({ status: "verified", verifiedBy: 500n });

    // The same button again, from an old message: nothing happens twice.
    await committee.pressData(item.buttons.length ? item.buttons[0]!.callback_data! : `reg:verify:2001:${(await zhang.stored())!.revision - 1}`, item);
    expect(committee.lastToast()).toContain("already handled");
  });

  it("rejects an English speaker, who is told so and can start again", async () => {
    await h.services.roles.grant(500n, "committee", asAdmin(900n));
    const eve = h.person({ id: 2002, language_code: "en" });
    await registerWithoutCode(eve, "English", "A", "101");
    await eve.press("Tenant");
    expect(eve.last().text).toContain("now waits for a committee member to verify it");

    const committee = h.person({ id: 500, language_code: "zh" });
    await committee.send("/pending");
    expect(committee.last().text).toContain("<b>A，101</b> — 租户");
    await committee.press("❌ 驳回");
    expect(eve.last().text).toContain("The committee could not verify your registration for building <b>A</b>, unit <b>101</b>");
    expect(await eve.stored()).toMatchObject({ status: "rejected" });

    await eve.send("/start");
    expect(eve.last().text).toContain("The committee could not verify your last registration. Let's try again.");
    expect(eve.buttons()).toEqual(["3号楼", "A"]);
  });

  it("refuses a unit that is not on the roster, naming it", async () => {
    const tom = h.person({ id: 2003, language_code: "en" });
    await registerWithoutCode(tom, "English", "A", "999");
    expect(tom.last().text).toContain("Unit <b>999</b> in building <b>A</b> is not on the committee's list.");
    expect(await tom.stored()).toMatchObject({ status: "registering", step: "unit", unitId: null });
    await tom.send("１０１"); // full-width digits from a Chinese keyboard
    expect(tom.last().text).toContain("Building <b>A</b>, unit <b>101</b>.");
  });
});

describe("invite code problems", () => {
  it("refuses a wrong code and one already used by another resident", async () => {
    const a = h.person({ id: 3001, language_code: "en" });
    await a.send("/start");
    await a.press("✅ I agree");
    await a.press("English");
    await a.send("QQQQQQQQ");
    expect(a.last().text).toContain("<b>QQQQQQQQ</b> is not a valid invite code.");
    expect(a.buttons()).toEqual(["3号楼", "A"]);

    const code = await codeOf("A", "101");
    await a.send(code);
    const b = h.person({ id: 3002, language_code: "zh" });
    await b.send(`/start ${code}`);
    await b.press("✅ 我同意");
    await b.press("中文");
    expect(b.last().text).toContain("这个邀请码已被其他居民使用");
    expect(await b.stored()).toMatchObject({ step: "unit", unitId: null, draftCode: null });
  });
});

import nock from "nock";
import { beforeEach, describe, expect, it } from "vitest";
import type { Person } from "../support/harness.js";
import { EXAMPLE_SPEC, committeeMember, seedResident, serveFile, useHarness, sendSpec } from "../support/park.js";

const h = useHarness({ adminIds: [900n], nock: true });

const JSON_MIME = "application/json";

/** Sends the example spec as a file and opens it. */
async function createFromExample(c: Person, body: Buffer | string = EXAMPLE_SPEC) {
  await sendSpec(c, body);
  await c.press(/Open it now|立即开始/);
}

describe("a consultation from a spec file", () => {
  it("previews the example, opens it on confirmation, stores polls and seeds, and tells the audience", async () => {
    const owner = await seedResident(h, { id: 101, lang: "en", building: "1号楼", unit: "101" });
    await seedResident(h, { id: 102, lang: "zh", building: "2号楼", unit: "201", relation: "tenant" });
    await seedResident(h, { id: 109, lang: "zh", building: "9号楼", unit: "901" });
    const c = await committeeMember(h, 600, "en");
    serveFile("spec", EXAMPLE_SPEC);
    await c.document("consultation.json", "spec", EXAMPLE_SPEC.length, JSON_MIME);
    const preview = h.tg.chat(600).map((m) => m.text).join("\n");
    expect(preview).toContain("👀 <b>Preview</b> — this is what residents will see:");
    expect(preview).toContain("<b>Quasi-residential units of Chuangzhi Business Park: living safety and management</b>");
    expect(preview).toContain("Voting closes: 2027-01-15 20:00");
    expect(preview).toContain("Who: verified residents of 1号楼, 2号楼, 3号楼");
    expect(preview).toContain("Question 1/5: <b>Do you agree to raise maintenance funds to fit automatic sprinklers in the common parts of buildings 1–3?</b>");
    expect(preview).toContain("Rule: PRC Civil Code Art. 278, major matter (items 6–8)");
    expect(preview).toContain("Residents may write statements; the committee reviews them first.");
    expect(preview).toContain("• 类住宅单元也应该有业主委员会。 <i>(original in Chinese)</i>");
    expect(c.buttons()).toEqual(["✅ Open it now", "✖ Discard"]);
    expect(await h.db.consultation.count()).toBe(0);

    await c.press("✅ Open it now");
    expect(c.last().text).toBe("✅ Consultation #1 “Quasi-residential units of Chuangzhi Business Park: living safety and management” is open until 2027-01-15 20:00 (5 question(s)). Residents of the audience are being told.");
    const stored = await h.db.consultation.findUniqueOrThrow({ where: { id: 1 }, include: { polls: true, statements: true } });
    expect(stored).toMatchObject({ status: "open", audienceBuildings: JSON.stringify(["1号楼", "2号楼", "3号楼"]), createdBy: 600n, residentStatements: true, moderated: true });
    expect(stored.polls.map((p) => p.kind)).toEqual(["single", "multiple", "scale", "ranked", "single"]);
    expect(stored.statements.map((s) => [s.seed, s.status, s.originalLanguage, s.normalized])).toEqual([
      [true, "approved", "zh", "夜间商户噪音影响了楼上住户的休息"],
      [true, "approved", "zh", "电动车应统一在楼外集中充电"],
      [true, "approved", "zh", "类住宅单元也应该有业主委员会"],
    ]);
    // The audience is told, each in their language; 9号楼 is not in the audience.
    const notices = await h.db.outboxMessage.findMany({ orderBy: { chatId: "asc" } });
    expect(notices.map((n) => [n.batch, n.chatId])).toEqual([
      ["open:1", 101n],
      ["open:1", 102n],
    ]);
    expect(notices[0]!.text).toContain("📣 <b>The residents' committee asks for your vote.</b>");
    expect(notices[1]!.text).toContain("📣 <b>自治委员会邀请您参与投票。</b>");
    expect(JSON.parse(notices[0]!.keyboard!)).toEqual([{ text: "🗳 Vote", action: "vo", args: [1] }]);
    void owner;
  });
});

/** The message of poll `n` (1-based) the person saw last. */
function pollMessage(p: Person, n: number, total = 5) {
  const all = h.tg.chat(p.id).filter((m) => m.text.includes(`Question ${n}/${total}:`) || m.text.includes(`问题 ${n}/${total}：`));
  const m = all.at(-1);
  if (!m) throw new Error(`no message of poll ${n} for ${p.id}`);
  return m;
}

const ballots = () => h.db.ballot.findMany({ orderBy: { id: "asc" }, select: { pollId: true, voterKey: true, voterId: true, unitId: true, choice: true } });

describe("voting", () => {
  let c: Person;
  let en: Person;
  let zh: Person;
  beforeEach(async () => {
    en = await seedResident(h, { id: 101, lang: "en", building: "1号楼", unit: "101" });
    zh = await seedResident(h, { id: 102, lang: "zh", building: "2号楼", unit: "201", relation: "tenant" });
    c = await committeeMember(h, 600, "en");
    await createFromExample(c);
  });

  it("lists open consultations, shows each question with buttons, records and changes a vote with ✓ and the time", async () => {
    await en.send("/vote");
    expect(en.last().text).toBe(
      "<b>Open consultations you can vote in</b>\n\n🗳 #1 (not voted yet; closes 2027-01-15 20:00) Quasi-residential units of Chuangzhi Business Park: living safety and management",
    );
    expect(en.buttons()).toEqual(["🗳 #1 Quasi-residential units of Chuangzhi Bu…"]);
    await en.press(/^🗳 #1/);
    const intro = h.tg.chat(101).at(-6)!;
    expect(intro.text).toContain("🗳 #1 <b>Quasi-residential units of Chuangzhi Business Park: living safety and management</b>");
    expect(intro.text).toContain("5 question(s) follow.");
    expect(intro.buttons.map((b) => b.text)).toEqual(["✍️ Write a statement", "💬 Rate statements"]);
    const p1 = pollMessage(en, 1);
    expect(p1.text).toContain("Who votes: owners only, one ballot each.");
    expect(p1.text).toContain("You have not voted yet. Voting closes 2027-01-15 20:00.");
    expect(p1.buttons.map((b) => b.text)).toEqual(["Agree", "Disagree", "Abstain"]);

    await en.press("Agree");
    expect(en.lastToast()).toBe("✓ Your vote is recorded.");
    expect(pollMessage(en, 1).text).toContain("✓ Your vote: <b>Agree</b> — recorded 2026-11-27 10:00. You can change it until 2027-01-15 20:00.");
    expect(pollMessage(en, 1).buttons.map((b) => b.text)).toEqual(["✓ Agree", "Disagree", "Abstain"]);
    expect(await ballots()).toEqual([{ pollId: 1, voterKey: "u101", voterId: 101n, unitId: 1, choice: "[0]" }]);

    h.clock.advance(60_000);
    await en.press("Disagree");
    expect(en.lastToast()).toBe("✓ Your vote is changed.");
    expect(pollMessage(en, 1).text).toContain("✓ Your vote: <b>Disagree</b> — recorded 2026-11-27 10:01.");
    expect(await ballots()).toEqual([{ pollId: 1, voterKey: "u101", voterId: 101n, unitId: 1, choice: "[1]" }]);
    expect((await h.db.ballot.findFirstOrThrow()).castAt).toEqual(h.clock.now());

    await en.send("/vote");
    expect(en.last().text).toContain("🗳 #1 (not voted yet;");
  });

  it("speaks Chinese to a Chinese reader and refuses a tenant on an owners' question", async () => {
    await zh.send("/vote");
    await zh.press(/^🗳 #1/);
    const p1 = pollMessage(zh, 1);
    expect(p1.text).toContain("问题 1/5： <b>是否同意筹集专项维修资金，为 1–3 号楼公共部分加装自动喷淋灭火系统？</b>");
    expect(p1.text).toContain("这个问题只有业主可以投票。");
    expect(p1.text).not.toContain("没有记录任何内容");
    expect(p1.buttons).toEqual([]);
    await zh.pressData("vp:1:0:0", p1);
    expect(zh.lastToast()).toBe("这个问题只有业主可以投票。没有记录任何内容。");
    expect(await ballots()).toEqual([]);
    await zh.press("同意");
    expect(zh.lastToast()).toBe("✓ 已记录您的投票。");
    expect(await ballots()).toEqual([{ pollId: 5, voterKey: "u102", voterId: 102n, unitId: 4, choice: "[0]" }]);
    expect(pollMessage(zh, 5).text).toContain("<b>目前票数</b>（共 1 张选票）：\n• 同意：1\n• 不同意：0");
  });

  it("refuses residents outside the audience, unverified people and strangers", async () => {
    const outside = await seedResident(h, { id: 109, lang: "en", building: "9号楼", unit: "901" });
    await outside.pressData("vo:1");
    expect(outside.lastToast()).toBe("This consultation is for residents of other buildings. Nothing was recorded.");
    await outside.pressData("vp:1:0:0");
    expect(outside.lastToast()).toBe("This consultation is for residents of other buildings. Nothing was recorded.");
    const pending = await seedResident(h, { id: 110, lang: "en", building: "1号楼", unit: "102", status: "pending" });
    await pending.send("/vote");
    expect(pending.last().text).toBe("Only verified residents can vote. Nothing was recorded.");
    await pending.pressData("vp:1:0:0");
    expect(pending.lastToast()).toBe("Only verified residents can vote. Nothing was recorded.");
    const stranger = h.person({ id: 111, language_code: "en" });
    await stranger.pressData("vp:1:0:0");
    expect(stranger.lastToast()).toBe("You are not registered yet. Send /start to register.");
    expect(await ballots()).toEqual([]);
  });

  it("refuses a press on an outdated message and shows the current ballot in it", async () => {
    await en.pressData("vo:1");
    const old = pollMessage(en, 1);
    await en.pressData("vo:1");
    const fresh = pollMessage(en, 1);
    expect(fresh.messageId).not.toBe(old.messageId);
    await en.pressData(fresh.buttons[0]!.callback_data!, fresh);
    await en.pressData(old.buttons[1]!.callback_data!, old);
    expect(en.lastToast()).toBe("This message was out of date (your ballot changed since). Nothing was recorded; it now shows your current ballot.");
    expect(old.text).toContain("✓ Your vote: <b>Agree</b>");
    expect((await ballots()).map((b) => b.choice)).toEqual(["[0]"]);
  });

  it("makes exactly one ballot of two presses of the same button at the same moment", async () => {
    await en.pressData("vo:1");
    const m = pollMessage(en, 1);
    const data = m.buttons[0]!.callback_data!;
    await Promise.all([en.pressData(data, m), en.pressData(data, m)]);
    expect(await ballots()).toEqual([{ pollId: 1, voterKey: "u101", voterId: 101n, unitId: 1, choice: "[0]" }]);
    const toasts = h.tg.callsOf("answerCallbackQuery").slice(-2).map((a) => a.payload.text).sort();
    expect(toasts).toEqual(["✓ That vote was already recorded.", "✓ Your vote is recorded."]);
  });

  it("multiple choice: toggles store nothing, the maximum is enforced, Submit records the set", async () => {
    await en.pressData("vo:1");
    await en.press("☐ Night-time noise");
    expect(pollMessage(en, 2).text).toContain("Selected, not submitted yet: Night-time noise");
    await en.press("☐ Safe e-bike charging");
    expect(pollMessage(en, 2).buttons.map((b) => b.text)).toEqual([
      "☑ Night-time noise",
      "☐ Refuse sorting and collection",
      "☑ Safe e-bike charging",
      "☐ Parcels piling up",
      "☐ Property services",
      "✅ Submit (2 of at most 2)",
    ]);
    expect(await ballots()).toEqual([]);
    await en.press("☐ Property services");
    expect(en.lastToast()).toBe("You can choose at most 2 option(s). Nothing was recorded.");
    await en.press("✅ Submit (2 of at most 2)");
    expect(en.lastToast()).toBe("✓ Your vote is recorded.");
    expect(pollMessage(en, 2).text).toContain("✓ Your vote: <b>Night-time noise, Safe e-bike charging</b>");
    expect(await ballots()).toEqual([{ pollId: 2, voterKey: "u101", voterId: 101n, unitId: 1, choice: "[0,2]" }]);
    // A forged selection over the maximum is refused by the same ballot check.
    await en.pressData(`vs:2:${(await h.db.ballot.findFirstOrThrow()).castAt.getTime().toString(36)}:m7`, pollMessage(en, 2));
    expect(en.lastToast()).toBe("You can choose at most 2 option(s). Nothing was recorded.");
    expect((await ballots()).map((b) => b.choice)).toEqual(["[0,2]"]);
  });

  it("ranked choice per unit: rank, submit; a unit-mate sees that the unit voted, not how; duplicates and gaps are refused", async () => {
    const mate = await seedResident(h, { id: 103, lang: "en", building: "1号楼", unit: "101", relation: "tenant" });
    await en.pressData("vo:1");
    await en.press("Twice a day, morning and evening");
    await en.press("Every day at 7:00");
    expect(pollMessage(en, 4).text).toContain("Your ranking so far: 1. Twice a day, morning and evening  2. Every day at 7:00");
    expect(pollMessage(en, 4).buttons.map((b) => b.text)).toEqual(["2. Every day at 7:00", "Every day at 20:00", "1. Twice a day, morning and evening", "↺ Start over", "✅ Submit ranking"]);
    await en.press("✅ Submit ranking");
    expect(await ballots()).toEqual([{ pollId: 4, voterKey: "unit1", voterId: 101n, unitId: 1, choice: "[2,0]" }]);

    await mate.pressData("vo:1");
    expect(pollMessage(mate, 4).text).toContain("🏠 Your unit has voted (2026-11-27 10:00). If you vote, your choice replaces the unit's ballot.");
    expect(pollMessage(mate, 4).text).not.toContain("Twice a day, morning and evening  2.");
    const ver = (await h.db.ballot.findFirstOrThrow()).castAt.getTime().toString(36);
    for (const [ranks, toast] of [
      ["11-", "Two options have the same rank. Nothing was recorded."],
      ["1-3", "The ranking has a gap (a rank is missing). Nothing was recorded."],
      ["---", "Choose at least one option first. Nothing was recorded."],
      ["1-", "That ranking does not fit this question. Nothing was recorded."],
    ]) {
      await mate.pressData(`vs:4:${ver}:r${ranks}`, pollMessage(mate, 4));
      expect(mate.lastToast(), ranks).toBe(toast);
    }
    expect(await ballots()).toEqual([{ pollId: 4, voterKey: "unit1", voterId: 101n, unitId: 1, choice: "[2,0]" }]);
    await mate.press("Every day at 20:00");
    await mate.press("✅ Submit ranking");
    expect(mate.lastToast()).toBe("✓ Your vote is recorded and is now your unit's ballot, in place of the one a unit-mate cast.");
    expect(await ballots()).toEqual([{ pollId: 4, voterKey: "unit1", voterId: 103n, unitId: 1, choice: "[1]" }]);
  });

  it("a scale with live counts, and no vote after the closing time even before the scheduler runs", async () => {
    await en.pressData("vo:1");
    await en.press("4");
    expect(pollMessage(en, 3).text).toContain("<b>Votes so far</b> (1 ballot(s)):\n• 1 — Very unsafe: 0\n• 2: 0\n• 3: 0\n• 4: 1\n• 5 — Very safe: 0");
    expect(pollMessage(en, 3).buttons.map((b) => b.text)).toEqual(["1", "2", "3", "✓ 4", "5"]);
    h.clock.current = new Date("2027-01-15T12:00:00Z");
    await en.press("Agree");
    expect(en.lastToast()).toBe("Voting has closed. Nothing was recorded.");
    expect(pollMessage(en, 1).text).toContain("🔒 Voting has closed.");
    expect(pollMessage(en, 1).buttons).toEqual([]);
    expect((await ballots()).map((b) => b.pollId)).toEqual([3]);
  });

  it("/consultations shows the committee each consultation's status and turnout, per question", async () => {
    await en.pressData("vo:1");
    await en.press("Agree");
    await en.press("Yes");
    await c.send("/consultations");
    const text = c.last().text;
    expect(text).toContain("<b>Consultations</b> (newest 1)");
    expect(text).toContain("<b>#1</b> 🟢 open · closes 2027-01-15 20:00");
    // Eligible: Art. 278 counts the roster's 8 units of 1–3号楼, as its result will; residents 2 (101, 102); units 2.
    expect(text).toContain("  1. Do you agree to raise maintenance funds to fit automatic sp… — 1/8 voted (13%)");
    expect(text).toContain("  4. When should household refuse be collected? Rank the options. — 0/2 voted (0%)");
    expect(text).toContain("  5. Should each building choose one resident liaison to work wi… — 1/2 voted (50%)");
    await zh.send("/consultations");
    expect(zh.last().text).toBe("只有自治委员会成员可以使用 /consultations。没有做任何更改。发送 /help 查看您的指令。");
  });
});

// Wording a person stumbled on (issue 7, items 7, 8, 10, 11, 12): each test
// reads the text exactly as the person sees it.
import nock from "nock";
import { beforeEach, describe, expect, it } from "vitest";
import type { Person } from "../support/harness.js";
import { telegramSender } from "../../src/bot/outboxSender.js";
import { silentLogger } from "../../src/logger.js";
import { EXAMPLE_SPEC, PARK_ROSTER, committeeMember as parkCommittee, seedResident, virtualSleep, useHarness, sendSpec } from "../support/park.js";
import { committeeMember, consultation, resident } from "../support/statements.js";
import { OPERATOR } from "../support/actors.js";

const h = useHarness({ nock: true, roster: false });

/** The message of poll `n` (1-based) the person saw last. */
function pollMessage(p: Person, n: number, total = 5) {
  const m = h.tg.chat(p.id).filter((x) => x.text.includes(`Question ${n}/${total}:`) || x.text.includes(`问题 ${n}/${total}：`)).at(-1);
  if (!m) throw new Error(`no message of poll ${n} for ${p.id}`);
  return m;
}

describe("a question the person may not vote in", () => {
  it("says who votes, without buttons, instructions or “Nothing was recorded”", async () => {
    await h.services.roster.import(Buffer.from(PARK_ROSTER), OPERATOR);
    const tenantEn = await seedResident(h, { id: 8401, lang: "en", building: "1号楼", unit: "101", relation: "tenant" });
    const tenantZh = await seedResident(h, { id: 8402, lang: "zh", building: "2号楼", unit: "201", relation: "tenant" });
    const chair = await parkCommittee(h, 8400, "en");
    await sendSpec(chair);
    await chair.press("✅ Open it now");

    await tenantEn.pressData("vo:1");
    const en = pollMessage(tenantEn, 1);
    const lines = en.text.split("\n");
    // The question and who votes (the rule's wording is the results' business), then why there are no buttons.
    expect(lines.slice(0, 2)).toEqual([
      "Question 1/5: <b>Do you agree to raise maintenance funds to fit automatic sprinklers in the common parts of buildings 1–3?</b>",
      "<i>Who votes: owners only, one ballot each.",
    ]);
    expect(lines.slice(-2)).toEqual(["", "Only owners vote on this question."]);
    expect(en.text).not.toContain("Choose one option.");
    expect(en.text).not.toContain("Nothing was recorded");
    expect(en.buttons).toEqual([]);

    await tenantZh.pressData("vo:1");
    const zh = pollMessage(tenantZh, 1);
    expect(zh.text.split("\n").at(-1)).toBe("这个问题只有业主可以投票。");
    expect(zh.text).not.toContain("单选。");
    expect(zh.text).not.toContain("没有记录任何内容");
    expect(zh.buttons).toEqual([]);
    // The questions they may vote in still say how.
    expect(pollMessage(tenantZh, 2).text).toContain("多选，最多选 2 项");

    // A press anyway (an old message, a crafted button) is answered: nothing was recorded.
    await tenantEn.pressData("vp:1:0:0", en);
    expect(tenantEn.lastToast()).toBe("Only owners vote on this question. Nothing was recorded.");
    expect(await h.db.ballot.count()).toBe(0);
  });
});

describe("one ballot per unit", () => {
  it("a co-owner's first ballot takes over the unit's ballot, and the toast says so (both languages)", async () => {
    await h.services.roster.import(Buffer.from(PARK_ROSTER), OPERATOR);
    const first = await seedResident(h, { id: 8501, lang: "en", building: "1号楼", unit: "101" });
    const mateEn = await seedResident(h, { id: 8502, lang: "en", building: "1号楼", unit: "101" });
    await seedResident(h, { id: 8503, lang: "zh", building: "2号楼", unit: "201" });
    const mateZh = await seedResident(h, { id: 8504, lang: "zh", building: "2号楼", unit: "201" });
    const chair = await parkCommittee(h, 8500, "en");
    await sendSpec(chair);
    await chair.press("✅ Open it now");

    await first.pressData("vo:1");
    await first.press("Every day at 7:00");
    await first.press("✅ Submit ranking");
    expect(first.lastToast()).toBe("✓ Your vote is recorded.");

    await mateEn.pressData("vo:1");
    await mateEn.press("Every day at 20:00");
    await mateEn.press("✅ Submit ranking");
    expect(mateEn.lastToast()).toBe("✓ Your vote is recorded and is now your unit's ballot, in place of the one a unit-mate cast.");
    expect(await h.db.ballot.findMany({ select: { voterKey: true, voterId: true, choice: true } })).toEqual([{ voterKey: "unit1", voterId: 8502n, choice: "[1]" }]);

    // Changing their own ballot afterwards is a change.
    h.clock.advance(60_000);
    await mateEn.press("↺ Start over");
    await mateEn.press("Every day at 7:00");
    await mateEn.press("✅ Submit ranking");
    expect(mateEn.lastToast()).toBe("✓ Your vote is changed.");

    await h.db.ballot.deleteMany();
    const zhFirst = h.person({ id: 8503, language_code: "zh" });
    await zhFirst.pressData("vo:1");
    await zhFirst.press("每天早上 7 点");
    await zhFirst.press("✅ 提交排序");
    await mateZh.pressData("vo:1");
    await mateZh.press("每天晚上 8 点");
    await mateZh.press("✅ 提交排序");
    expect(mateZh.lastToast()).toBe("✓ 已记录您的投票，它现在是本单元的选票，取代了同单元其他人之前投的那一张。");
  });
});

describe("the moderation outcome", () => {
  it("ends every sentence before the next one starts, in both languages", async () => {
    await consultation(h);
    const alice = await resident(h, 8301, "en");
    const wang = await resident(h, 8302, "zh");
    const bob = await resident(h, 8303, "en");
    const chairEn = await committeeMember(h, 8310, "en");
    const chairZh = await committeeMember(h, 8311, "zh");
    await alice.send("/opinion Mr Zhang in 1202 parks badly");
    await wang.send("/opinion 物业费太高 而且 保安不负责");
    await bob.send("/opinion Lifts should be serviced every month");

    await chairEn.send("/moderate");
    await chairEn.press("❌ Reject");
    await chairEn.press("It contains personal information");
    const card = h.tg.messages.find((m) => m.chatId === 8310 && m.text.startsWith("❌"))!;
    expect(card.text.split("\n")[0]).toBe("❌ Statement #1 is not published. Reason: It contains personal information. The author was told.");

    // A typed reason without a full stop gets one; the Chinese sentences follow each other without a space.
    await chairZh.send("/moderate");
    await chairZh.press("❌ 不通过");
    await chairZh.press("✍ 输入原因");
    await chairZh.send("请把两个意见分开提交");
    const chat = h.tg.chat(8311);
    expect(chat.at(-2)!.text).toBe("❌ 观点 #2 未公开。原因：请把两个意见分开提交。已通知作者。");

    // A typed reason that already ends a sentence keeps its own punctuation.
    await chairEn.send("/moderate");
    await chairEn.press("❌ Reject");
    await chairEn.press("✍ Type a reason");
    await chairEn.send("Please say what should change!");
    expect(h.tg.chat(8310).at(-2)!.text).toBe("❌ Statement #3 is not published. Reason: Please say what should change! The author was told.");
  });
});

describe("sentences put together", () => {
  it("a sticker where text was expected: the Chinese sentences follow each other without a space", async () => {
    const zh = await resident(h, 8601, "zh");
    const en = await resident(h, 8602, "en");
    await zh.sticker();
    expect(zh.last().text).toBe("这里需要一条文字消息。发送指令，或点击菜单按钮。 /help");
    await en.sticker();
    expect(en.last().text).toBe("I need a text message here. Send a command, or tap the menu button. /help");
  });
});

describe("a spec file's preview pressed again", () => {
  it("after opening: names the consultation that is already open; after discarding: asks for the file again", async () => {
    await h.services.roster.import(Buffer.from(PARK_ROSTER), OPERATOR);
    const chair = await parkCommittee(h, 8700, "en");
    await sendSpec(chair);
    const open = chair.findButton("✅ Open it now");
    const discard = chair.findButton("✖ Discard").button.callback_data!;
    await chair.press("✅ Open it now");
    expect(chair.last().text).toContain("✅ Consultation #1");
    await chair.pressData(open.button.callback_data!, open.message);
    expect(chair.lastToast()).toBe("Consultation #1 “Quasi-residential units of Chuangzhi Business Park: living …” is already open, until 2027-01-15 20:00. Nothing was changed.");
    expect(chair.lastToast()).not.toContain("/new");
    expect(await h.db.consultation.count()).toBe(1);

    // The other button of that preview says the same.
    await chair.pressData(discard, open.message);
    expect(chair.lastToast()).toBe("Consultation #1 “Quasi-residential units of Chuangzhi Business Park: living …” is already open, until 2027-01-15 20:00. Nothing was changed.");
    // /cancel has nothing to cancel.
    await chair.send("/cancel");
    expect(chair.last().text).toBe("There is nothing to cancel.");
    expect(await h.db.chatState.count()).toBe(0);

    const zh = await parkCommittee(h, 8701, "zh");
    await sendSpec(zh);
    const again = zh.findButton("✅ 立即开始");
    await zh.press("✖ 放弃");
    await zh.pressData(again.button.callback_data!, again.message);
    expect(zh.lastToast()).toBe("这个预览已放弃或已被新的文件取代。要创建这项征询，请重新发送文件。");
    expect(await h.db.consultation.count()).toBe(1);
  });

  it("the toast is plain text: a title with & or < is shown as written", async () => {
    await h.services.roster.import(Buffer.from(PARK_ROSTER), OPERATOR);
    const chair = await parkCommittee(h, 8710, "en");
    const spec = JSON.parse(EXAMPLE_SPEC.toString("utf8"));
    spec.title = { en: "Lifts & <stairs>" };
    await sendSpec(chair, JSON.stringify(spec));
    const open = chair.findButton("✅ Open it now");
    await chair.press("✅ Open it now");
    await chair.pressData(open.button.callback_data!, open.message);
    expect(chair.lastToast()).toBe("Consultation #1 “Lifts & <stairs>” is already open, until 2027-01-15 20:00. Nothing was changed.");
  });
});

describe("the opening notice", () => {
  /** The example with its statement settings changed, opened by a committee member; the notices queued, by chat. */
  async function openWith(change: (spec: any) => void): Promise<Map<bigint, { text: string; keyboard: string | null }>> {
    const spec = JSON.parse(EXAMPLE_SPEC.toString("utf8"));
    change(spec);
    const chair = await parkCommittee(h, 8800, "en");
    await sendSpec(chair, JSON.stringify(spec));
    await chair.press("✅ Open it now");
    const rows = await h.db.outboxMessage.findMany({ where: { batch: { startsWith: "open:" } } });
    return new Map(rows.map((r) => [r.chatId, { text: r.text, keyboard: r.keyboard }]));
  }

  beforeEach(async () => {
    await h.services.roster.import(Buffer.from(PARK_ROSTER), OPERATOR);
    await seedResident(h, { id: 8801, lang: "en", building: "1号楼", unit: "101" });
    await seedResident(h, { id: 8802, lang: "zh", building: "2号楼", unit: "201" });
  });

  it("resident statements and seeds: mentions /opinion and /rate, in both languages", async () => {
    const notices = await openWith(() => undefined);
    expect(notices.get(8801n)!.text.split("\n\n")[0]).toBe(
      "📣 <b>The residents' committee asks for your vote.</b>\nIt collects residents' statements: write yours with /opinion, and agree or disagree with others' with /rate.",
    );
    expect(notices.get(8802n)!.text.split("\n\n")[0]).toBe("📣 <b>自治委员会邀请您参与投票。</b>\n本次征询收集居民的观点：发送 /opinion 写下您的观点，发送 /rate 对其他观点表态。");
  });

  it("resident statements without seeds: /opinion now, /rate once there are statements", async () => {
    const notices = await openWith((s) => delete s.statements);
    expect(notices.get(8801n)!.text.split("\n\n")[0]).toBe(
      "📣 <b>The residents' committee asks for your vote.</b>\nIt collects residents' statements: write yours with /opinion; once others have written some, agree or disagree with them with /rate.",
    );
    expect(notices.get(8802n)!.text).toContain("本次征询收集居民的观点：发送 /opinion 写下您的观点；其他居民写下观点后，可以发送 /rate 表态。");
  });

  it("seeds only: /rate, not /opinion; no statements at all: only the vote", async () => {
    const seeds = await openWith((s) => (s.residentStatements = false));
    expect(seeds.get(8801n)!.text.split("\n\n")[0]).toBe(
      "📣 <b>The residents' committee asks for your vote.</b>\nThe committee asks what you think of some statements: agree or disagree with them with /rate.",
    );
    expect(seeds.get(8801n)!.text).not.toContain("/opinion");
    expect(seeds.get(8802n)!.text).toContain("自治委员会想知道您对一些观点的看法：发送 /rate 表态。");

    await h.reset();
    await h.services.roster.import(Buffer.from(PARK_ROSTER), OPERATOR);
    await seedResident(h, { id: 8801, lang: "en", building: "1号楼", unit: "101" });
    const none = await openWith((s) => {
      s.residentStatements = false;
      delete s.statements;
    });
    expect(none.get(8801n)!.text.split("\n\n")[0]).toBe("📣 <b>The residents' committee asks for your vote.</b>");
  });
});

describe("the opening notice to someone who may not vote in any question", () => {
  it("asks a tenant for their opinion (not their vote), with the statement buttons, when the consultation collects statements", async () => {
    await h.services.roster.import(Buffer.from(PARK_ROSTER), OPERATOR);
    await seedResident(h, { id: 8951, lang: "en", building: "1号楼", unit: "101" });
    await seedResident(h, { id: 8952, lang: "en", building: "1号楼", unit: "102", relation: "tenant" });
    await seedResident(h, { id: 8953, lang: "zh", building: "2号楼", unit: "201", relation: "tenant" });
    const chair = await parkCommittee(h, 8950, "en");
    const spec = JSON.parse(EXAMPLE_SPEC.toString("utf8"));
    spec.polls = [{ ...spec.polls[0], rule: "majority" }];
    await sendSpec(chair, JSON.stringify(spec));
    await chair.press("✅ Open it now");
    const rows = await h.db.outboxMessage.findMany({ where: { batch: "open:1" }, orderBy: { chatId: "asc" } });
    expect(rows.map((r) => r.chatId)).toEqual([8951n, 8952n, 8953n]);
    const [owner, tenant, tenantZh] = rows;
    expect(owner!.text.split("\n")[0]).toBe("📣 <b>The residents' committee asks for your vote.</b>");
    expect(JSON.parse(owner!.keyboard!)).toEqual([{ text: "🗳 Vote", action: "vo", args: [1] }]);
    expect(tenant!.text.split("\n\n")[0]).toBe(
      "📣 <b>The residents' committee asks for your opinion.</b>\nIt collects residents' statements: write yours with /opinion, and agree or disagree with others' with /rate.",
    );
    expect(JSON.parse(tenant!.keyboard!)).toEqual([
      { text: "✍️ Write a statement", action: "op", args: [1] },
      { text: "💬 Rate statements", action: "rate", args: [1] },
    ]);
    expect(tenantZh!.text.split("\n")[0]).toBe("📣 <b>自治委员会想听听您的意见。</b>");

    // The buttons work once the notice is delivered.
    await h.services.consultations.createOutboxWorker(telegramSender(h.bot.api), silentLogger, { sleep: virtualSleep(h).sleep }).drain();
    const person = h.person({ id: 8952, language_code: "en" });
    await person.press("💬 Rate statements");
    expect(person.last().buttons.map((b) => b.text)).toEqual(["Agree", "Disagree", "Pass"]);
  });

  it("tells them nothing when there is nothing for them to do", async () => {
    await h.services.roster.import(Buffer.from(PARK_ROSTER), OPERATOR);
    await seedResident(h, { id: 8961, lang: "en", building: "1号楼", unit: "101" });
    await seedResident(h, { id: 8962, lang: "en", building: "1号楼", unit: "102", relation: "tenant" });
    const chair = await parkCommittee(h, 8960, "en");
    const spec = JSON.parse(EXAMPLE_SPEC.toString("utf8"));
    spec.polls = [{ ...spec.polls[0], rule: "majority" }];
    spec.residentStatements = false;
    delete spec.statements;
    await sendSpec(chair, JSON.stringify(spec));
    await chair.press("✅ Open it now");
    expect((await h.db.outboxMessage.findMany({ where: { batch: "open:1" } })).map((r) => r.chatId)).toEqual([8961n]);
  });
});

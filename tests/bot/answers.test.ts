// Closing the loop, part 1: the town government's answer to a report, relayed
// by the committee to the residents who took part, each in their language.
import { beforeEach, describe, expect, it } from "vitest";
import { telegramSender } from "../../src/bot/outboxSender.js";
import { silentLogger } from "../../src/logger.js";
import type { Person } from "../support/harness.js";
import { virtualSleep, useHarness } from "../support/park.js";
import { buildReportPark, type ReportPark } from "../support/reportPark.js";
import { OPERATOR, asOfficial } from "../support/actors.js";

const h = useHarness({ adminIds: [900n], roster: false });

const settle = () => h.services.reports.jobs.idle();

async function drainOutbox() {
  const v = virtualSleep(h);
  await h.services.consultations.createOutboxWorker(telegramSender(h.bot.api), silentLogger, { sleep: v.sleep }).drain();
}

async function submit(p: Person, id: number) {
  await p.send(`/submit ${id}`);
  await settle();
  await p.press(/^Submit version \d+ to the officials$/);
  await settle();
}

/** Who took part, read straight from the tables: voted, wrote (not a seed) or rated, and still reachable. */
async function participantsOf(id: number): Promise<Set<bigint>> {
  const ballots = await h.db.ballot.findMany({ where: { poll: { consultationId: id }, voterId: { not: null } }, select: { voterId: true } });
  const authors = await h.db.statement.findMany({ where: { consultationId: id, seed: false, authorId: { not: null } }, select: { authorId: true } });
  const votes = await h.db.statementVote.findMany({ where: { statement: { consultationId: id }, voterId: { not: null } }, select: { voterId: true } });
  const ids = new Set([...ballots.map((b) => b.voterId!), ...authors.map((a) => a.authorId!), ...votes.map((v) => v.voterId!)]);
  const reachable = await h.db.user.findMany({ where: { id: { in: [...ids] }, unreachableAt: null }, select: { id: true } });
  return new Set(reachable.map((u) => u.id));
}

const answerBatch = async (answerId: number) => h.db.outboxMessage.findMany({ where: { batch: `answer:${answerId}` } });

describe("the government's answer, relayed by the front-stage", () => {
  let park: ReportPark;
  beforeEach(async () => {
    park = await buildReportPark(h, { voters: 10, statementVotes: false });
  });

  it("an official answers in English with a photo; the committee adds the Chinese translation and relays; Chinese and English residents receive it, muted ones too, blocked ones not", { timeout: 120_000 }, async () => {
    const id = park.consultationId;
    // Before any report: nothing to answer.
    await park.officialEn.send(`/respond ${id}`);
    expect(park.officialEn.last().text).toContain(`No report of consultation #${id} has been submitted`);
    expect(await h.db.chatState.count({ where: { userId: BigInt(park.officialEn.id) } })).toBe(0);
    await submit(park.committee, id);
    await drainOutbox();

    // A resident and a committee member may not answer.
    await park.residents[0]!.send(`/respond ${id}`);
    expect(park.residents[0]!.last().text).toContain("Only officials may use /respond");
    await park.committee.send(`/respond ${id}`);
    expect(park.committee.last().text).toContain("Only officials may use /respond");

    const official = park.officialEn;
    await official.send(`/respond`);
    expect(official.last().plain).toContain("Send /respond <number>, e.g. /respond 12");
    await official.send(`/respond ${id}`);
    expect(official.last().text).toContain("Send the answer in Chinese, or press Skip");
    await official.press("Skip");
    // English is now required: skipping it too is refused.
    await official.press("Skip");
    expect(official.last().text).toContain("An answer needs a text in at least one language");
    await official.send("   ");
    expect(official.last().text).toContain("The answer is empty");
    await official.send("x".repeat(1801));
    expect(official.last().text).toContain("at most 1800 characters");
    await official.send("The town will install <b>20</b> charging points by March.");
    expect(official.last().text).toContain("attach one document or photo");
    await official.send("not a file");
    expect(official.last().text).toContain("Please send one document or photo");
    await official.photo();
    expect(official.last().text).toContain("Preview of the answer to report #1 (version 1)");
    expect(official.last().text).toContain("The town will install &lt;b&gt;20&lt;/b&gt; charging points by March.");
    expect(await h.db.reportAnswer.count()).toBe(0);
    await official.press("Send to the committee");
    expect(official.last().text).toContain("goes to 1 committee member(s)");
    // A second press of the old preview sends nothing more.
    await official.press("Send to the committee").catch(() => undefined);
    expect(await h.db.reportAnswer.count()).toBe(1);
    const stored = await h.db.reportAnswer.findFirstOrThrow();
    expect(stored).toMatchObject({ consultationId: id, reportVersion: 1, textZh: null, textEn: "The town will install <b>20</b> charging points by March.", fileId: "p1", fileKind: "photo", status: "awaiting", answeredBy: BigInt(official.id) });

    await drainOutbox();
    const notice = park.committee.last();
    expect(notice.text).toContain(`The town government answered the report of consultation #${id}`);
    expect(notice.buttons.map((b) => b.text)).toEqual(["Relay to participants", "Relay to the whole audience", "Add translation", "Send back with a note", "📎 Attachment"]);

    // A revoked committee member's press changes nothing.
    const former = h.person({ id: 8_200_000_650, language_code: "en", first_name: "Former" });
    await h.services.roles.grant(BigInt(former.id), "committee", OPERATOR);
    await h.services.roles.revoke(BigInt(former.id), "committee", OPERATOR);
    await former.pressData(notice.buttons[0]!.callback_data!);
    expect(former.lastToast()).toContain("Only committee members may use /relay");
    // Forged buttons: an unknown answer, a scope that does not exist.
    await park.committee.pressData("ar:999:p");
    expect(park.committee.lastToast()).toBe("This answer does not exist. Nothing was changed.");
    await park.committee.pressData(`ar:${stored.id}:x`);
    expect(park.committee.lastToast()).toContain("button");
    expect((await h.db.reportAnswer.findFirstOrThrow()).status).toBe("awaiting");
    expect(await answerBatch(stored.id)).toHaveLength(0);

    await park.committee.press("Add translation");
    expect(park.committee.last().text).toContain("Type the Chinese translation");
    await park.committee.send("镇政府将于三月前安装 20 个充电桩。");
    expect(park.committee.last().text).toContain("The Chinese translation is added.");
    expect(park.committee.buttons()).not.toContain("Add translation");
    expect((await h.db.reportAnswer.findFirstOrThrow()).textZh).toBe("镇政府将于三月前安装 20 个充电桩。");

    // One resident muted reminders (answers still reach them), one blocked the bot (skipped).
    const [en, zh, muted, blocked] = [park.residents[0]!, park.residents[1]!, park.residents[2]!, park.residents[3]!];
    await h.db.user.update({ where: { id: BigInt(muted.id) }, data: { remindersMuted: true } });
    await h.db.user.update({ where: { id: BigInt(blocked.id) }, data: { unreachableAt: h.clock.now() } });
    const expected = await participantsOf(id);
    expect(expected.has(BigInt(en.id)) && expected.has(BigInt(zh.id)) && expected.has(BigInt(muted.id))).toBe(true);
    const audience = await h.db.user.count({ where: { status: "verified" } });
    expect(expected.size).toBeLessThan(audience - 1);

    await park.committee.press("Relay to participants");
    expect(park.committee.last().text).toContain(`relayed to ${expected.size} resident(s) who took part`);
    // Pressed twice (the notice's button, after the translation's): nothing more is queued.
    await park.committee.pressData(notice.buttons[0]!.callback_data!);
    expect(park.committee.lastToast()).toContain("was already relayed");
    const queued = await answerBatch(stored.id);
    expect(new Set(queued.map((m) => m.chatId))).toEqual(expected);
    expect(queued.some((m) => m.chatId === BigInt(blocked.id))).toBe(false);
    expect((await h.db.consultation.findUniqueOrThrow({ where: { id } })).status).toBe("answered");
    expect(await h.db.reportAnswer.findFirstOrThrow()).toMatchObject({ status: "relayed", relayScope: "participants", relayedTo: expected.size, relayedBy: BigInt(park.committee.id) });

    await drainOutbox();
    expect(en.last().plain).toContain("The town government's answer on consultation #1");
    expect(en.last().plain).toContain("relayed by your residents' committee");
    expect(en.last().plain).toContain("The town will install <b>20</b> charging points by March.");
    expect(zh.last().plain).toContain("镇政府的答复");
    expect(zh.last().plain).toContain("镇政府将于三月前安装 20 个充电桩。");
    expect(zh.last().plain).not.toContain("暂无翻译");
    expect(muted.last().plain).toContain("镇政府将于三月前安装");
    // The attachment on request.
    await zh.press("📎 附件");
    expect(h.tg.callsOf("sendPhoto").at(-1)!.payload).toMatchObject({ chat_id: zh.id, photo: "p1" });

    // The report and /reports show the answer and when it was relayed.
    await park.officialZh.send("/reports");
    expect(park.officialZh.last().text).toContain("已答复");
    await park.officialEn.send(`/report ${id}`);
    expect(park.officialEn.last().text).toContain(`relayed by the committee on`);
    expect(park.officialEn.last().text).toContain(`to ${expected.size} resident(s)`);
  });

  it("/respond: a button of an earlier step is refused and changes nothing; an answer left alone for more than a day is lost and sends nothing", { timeout: 120_000 }, async () => {
    const id = park.consultationId;
    await submit(park.committee, id);
    const official = park.officialEn;
    const row = () => h.db.chatState.findUnique({ where: { userId: BigInt(official.id) } });
    await official.send(`/respond ${id}`);
    const skipChinese = official.findButton("Skip").button.callback_data!;
    await official.press("Skip");
    const before = (await row())!.data;
    await official.pressData(skipChinese);
    expect(official.lastToast()).toBe("This button belongs to an older message. Please use the latest one.");
    expect((await row())!.data).toBe(before);
    expect(official.last().text).toContain("Send the answer in English");

    await official.send("The town will install charging points.");
    await official.press("No attachment");
    expect(official.last().text).toContain("Preview of the answer");
    h.clock.advance(24 * 3_600_000 + 60_000);
    await official.press("Send to the committee");
    expect(official.last().text).toBe("What you were doing could not be continued, so it was ended and nothing was saved. Please start again.");
    expect(official.last().buttons).toEqual([]);
    expect(await row()).toBeNull();
    expect(await h.db.reportAnswer.count()).toBe(0);

    // Typed text after a day is not taken as the answer either.
    await official.send(`/respond ${id}`);
    h.clock.advance(25 * 3_600_000);
    await official.send("Late text");
    expect(official.last().text).toBe("What you were doing could not be continued, so it was ended and nothing was saved. Please start again.");
    expect(await row()).toBeNull();
  });

  it("the whole audience when the committee chooses; an untranslated answer is marked as the original", { timeout: 120_000 }, async () => {
    const id = park.consultationId;
    await submit(park.committee, id);
    const a = await h.services.answers.respond(asOfficial(BigInt(park.officialZh.id)), { consultationId: id, version: 1, text: { zh: "已列入明年计划。" }, file: null });
    expect(a.kind).toBe("sent");
    await drainOutbox();
    await park.committee.press("Relay to the whole audience");
    const c = (await h.stores.consultations.consultations.find(id))!;
    const audience = await h.stores.consultations.audience.recipients(c.audience);
    const queued = await answerBatch(a.kind === "sent" ? a.answer.id : 0);
    expect(queued.length).toBeGreaterThan((await participantsOf(id)).size);
    expect(new Set(queued.map((m) => m.chatId))).toEqual(new Set(audience.map((u) => u.userId)));
    await drainOutbox();
    const en = park.residents[0]!;
    expect(en.last().plain).toContain("已列入明年计划。");
    expect(en.last().plain).toContain("(Original in Chinese; no translation yet.)");
  });

  it("sent back with a note: the official gets the note, and the answer can no longer be relayed", { timeout: 120_000 }, async () => {
    const id = park.consultationId;
    await submit(park.committee, id);
    const official = park.officialZh;
    await official.send(`/respond ${id}`);
    await official.send("我们会研究。");
    await official.press("跳过");
    await official.press("不附件");
    await official.press("发送给自治委员会");
    await drainOutbox();
    await park.committee.press("Send back with a note");
    expect(park.committee.last().text).toContain("Type the note for the official");
    await park.committee.send("");
    expect(park.committee.last().text).toContain("The answer is empty");
    await park.committee.send("Please say <when> the work starts.");
    expect(park.committee.last().text).toContain("sent back to the official with your note");
    await drainOutbox();
    expect(official.last().plain).toContain("居民自治委员会退回了您对第 1 号报告");
    expect(official.last().plain).toContain("Please say <when> the work starts.");
    await park.committee.press("Relay to participants");
    expect(park.committee.lastToast()).toContain("was sent back to the official");
    const stored = await h.db.reportAnswer.findFirstOrThrow();
    expect(stored).toMatchObject({ status: "returned", returnNote: "Please say <when> the work starts.", relayedAt: null });
    expect(await answerBatch(stored.id)).toHaveLength(0);
    expect((await h.db.consultation.findUniqueOrThrow({ where: { id } })).status).toBe("submitted");
  });
});

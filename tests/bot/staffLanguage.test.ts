import { beforeEach, describe, expect, it } from "vitest";
import { specWith, useHarness } from "../support/park.js";
import { OPERATOR, asAdmin, asCommittee } from "../support/actors.js";

// Every person the bot knows has a language: their /lang choice, else their
// Telegram client's language as last seen — staff who are not residents too.
const h = useHarness({ adminIds: [900n] });
beforeEach(() => h.restart()); // nothing remembered in memory from an earlier test

const admin = () => h.person({ id: 900, language_code: "en" });

describe("the language of staff who are not residents", () => {
  it("a committee member and an official whose Telegram is Chinese get their role notice in Chinese, also after a restart", async () => {
    const member = h.person({ id: 501, language_code: "zh-hans" });
    const official = h.person({ id: 502, language_code: "zh" });
    await member.send("/start"); // sees the consent screen, does not register
    await official.send("/help");
    await admin().send("/grant 501 committee");
    expect(h.tg.last(501).text).toBe("您现在是自治委员会成员。发送 /help 查看您的指令。");
    await admin().send("/grant 502 official");
    expect(h.tg.last(502).text).toBe("您现在是政府工作人员。发送 /help 查看您的指令。");

    // A new process remembers nothing in memory: the stored language of the staff member counts.
    h.restart();
    await admin().send("/revoke 501 committee");
    expect(h.tg.last(501).text).toMatch(/^您/);
    await admin().send("/grant 502 committee");
    expect(h.tg.last(502).text).toBe("您现在是自治委员会成员。发送 /help 查看您的指令。");
  });

  it("nothing is stored about someone who only talked to the bot and holds no role", async () => {
    await h.person({ id: 503, language_code: "zh" }).send("/start");
    await h.person({ id: 503, language_code: "zh" }).send("/help");
    expect(await h.db.staffLanguage.count()).toBe(0);
    expect(await h.db.user.count()).toBe(0);
  });

  it("an English-speaking admin gets the committee's copy of a result in English; a Chinese-speaking member in Chinese", async () => {
    await admin().send("/help"); // the configured admin, not a resident, Telegram in English
    const member = h.person({ id: 504, language_code: "zh-tw" });
    await member.send("/help");
    await h.services.roles.grant(504n, "committee", asAdmin(900n));
    const { lifecycle } = h.services.consultations;
    const parsed = await lifecycle.parse(Buffer.from(specWith((s) => void (s.closesAt = "2026-11-29T20:00:00+08:00"))));
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.error));
    const created = await lifecycle.create(parsed.value, asCommittee(504n));
    if (!created.ok) throw new Error(JSON.stringify(created.error));
    await h.services.consultations.closing.close(1, OPERATOR);
    const queued = await h.db.outboxMessage.findMany({ where: { batch: { startsWith: "closed:1" } }, orderBy: { chatId: "asc" } });
    expect(queued.map((m) => m.chatId)).toEqual(expect.arrayContaining([504n, 900n]));
    expect(queued.find((m) => m.chatId === 900n)!.text).toContain("📊 <b>Result of consultation #1</b>");
    expect(queued.find((m) => m.chatId === 504n)!.text).toContain("📊 <b>征询 #1 的结果</b>");
  });

  it("/lang works for staff who are not residents, and is remembered over Telegram's language", async () => {
    const member = h.person({ id: 505, language_code: "en" });
    await member.send("/help");
    await h.services.roles.grant(505n, "committee", asAdmin(900n));
    await member.send("/lang");
    await member.press("中文");
    expect(member.last().text).toBe("从现在起我将用中文与您交流。");
    h.restart();
    await member.send("/help");
    expect(member.last().plain).toMatch(/^您可以使用的指令（自治委员会成员）/);
    await admin().send("/grant 505 official");
    expect(h.tg.last(505).text).toBe("您现在是政府工作人员。发送 /help 查看您的指令。");
  });

  it("/forget deletes a staff member's stored language with their roles", async () => {
    const member = h.person({ id: 507, language_code: "zh" });
    await member.send("/help");
    await h.services.roles.grant(507n, "committee", asAdmin(900n));
    expect(await h.db.staffLanguage.findUnique({ where: { userId: 507n } })).toMatchObject({ telegramCode: "zh" });
    await member.send("/forget");
    await member.press("🗑 删除我的信息");
    expect(await h.db.staffLanguage.count()).toBe(0);
    expect(await h.db.roleGrant.count()).toBe(0);
  });

  it("the Telegram language is written only when it changed: one read when first seen, no query after", async () => {
    const member = h.person({ id: 506, language_code: "en" });
    await h.services.roles.grant(506n, "committee", asAdmin(900n));
    h.restart(); // a process that has not seen them yet
    const store = h.services.languages.store;
    const counts = { find: 0, write: 0 };
    const find = store.find.bind(store);
    const update = store.update.bind(store);
    const save = store.save.bind(store);
    store.find = (id) => (counts.find++, find(id));
    store.update = (id, patch) => (counts.write++, update(id, patch));
    store.save = (id, patch) => (counts.write++, save(id, patch));
    for (let i = 0; i < 10; i++) await member.send("/help");
    expect(counts).toEqual({ find: 1, write: 1 });
    const zh = h.person({ id: 506, language_code: "zh" });
    for (let i = 0; i < 10; i++) await zh.send("/help");
    expect(counts).toEqual({ find: 1, write: 2 });
    expect(await h.db.staffLanguage.findUnique({ where: { userId: 506n } })).toMatchObject({ telegramCode: "zh", chosen: null });
    expect(zh.last().plain).toMatch(/^您可以使用的指令/);
  });
});

import { beforeEach, describe, expect, it } from "vitest";
import { compose } from "../../src/wiring/compose.js";
import { telegramSender } from "../../src/bot/outboxSender.js";
import { silentLogger } from "../../src/logger.js";
import type { Person } from "../support/harness.js";
import { committeeMember, seedResident, virtualSleep, useHarness, createExample, vote as voteIn } from "../support/park.js";
import { OPERATOR, SYSTEM, asCommittee } from "../support/actors.js";

const h = useHarness({ adminIds: [900n] });

/** Creates the example (closing in two days unless changed) through the use case the bot and the CLI share. */
const create = (change?: (spec: any) => void) => createExample(h.services, 600n, change);
const vote = (p: Person, question: RegExp, option: string) => voteIn(h, p, question, option);

/** A restart: new services and a new scheduler on the same database, the clock where it is now. */
function restartedScheduler() {
  const { services, adapters } = compose(h.database.db, { configuredAdmins: [900n], clock: h.clock });
  return { services, stores: adapters.consultations, scheduler: services.consultations.createScheduler(silentLogger) };
}

const Q1 = /Question 1\/5|问题 1\/5/;

describe("closing", () => {
  let owners: Person[];
  beforeEach(async () => {
    owners = [
      await seedResident(h, { id: 201, lang: "en", building: "1号楼", unit: "101" }),
      await seedResident(h, { id: 202, lang: "zh", building: "1号楼", unit: "102" }),
      await seedResident(h, { id: 203, lang: "en", building: "1号楼", unit: "103" }),
      await seedResident(h, { id: 204, lang: "zh", building: "2号楼", unit: "201" }),
    ];
    // Registered (outside the audience), so the bot knows their language for messages it sends on its own.
    await seedResident(h, { id: 600, lang: "en", building: "9号楼", unit: "901", relation: "other" });
    await committeeMember(h, 600, "en");
  });

  it("closes on time after a restart, judges Art. 278 (major) at exactly 3/4 of the owners, and tells the committee at once", async () => {
    // 1号楼 and 2号楼: five units on the roster (417.75 m²); nobody registered in 2号楼 202.
    await create((s) => (s.audience = { buildings: ["1号楼", "2号楼"] }));
    // Three of the four owners taking part approve: heads 3/4 (exactly the threshold), area 297.5/357.5 m².
    await vote(owners[0]!, Q1, "Agree");
    await vote(owners[1]!, Q1, "同意");
    await vote(owners[2]!, Q1, "Disagree");
    await vote(owners[3]!, Q1, "同意");
    // The bot is down while the closing time passes.
    h.clock.current = new Date("2026-11-30T01:00:00Z");
    const { stores, scheduler } = restartedScheduler();
    expect(await stores.consultations.find(1)).toMatchObject({ status: "open" });
    await scheduler.tick();
    const c = (await stores.consultations.find(1))!;
    expect(c).toMatchObject({ status: "closed", closedAt: h.clock.now() });
    const r1 = c.polls[0]!.result!.result;
    expect(r1).toMatchObject({ rule: "civil-code-278-major", eligible: 5, ballots: 4, outcome: "passed", winners: [0] });
    expect(r1.owners).toMatchObject({ totalsSource: "roster", roster: { units: 5, areaCenti: 41775, owners: 5 }, totalHeads: 5, totalAreaCenti: 41775, participatingHeads: 4, participatingAreaCenti: 35750, approvingHeads: 3, approvingAreaCenti: 29750 });
    expect(r1.checks.map((x) => [x.id, `${x.fraction.numerator}/${x.fraction.denominator}`, x.met])).toEqual([
      ["participation-area", "35750/41775", true],
      ["participation-heads", "4/5", true],
      ["approval-area", "29750/35750", true],
      ["approval-heads", "3/4", true],
    ]);
    // Every poll has a result, with its counts.
    expect(c.polls.map((p) => p.result?.result.outcome)).toEqual(["passed", "no-votes", "no-votes", "no-votes", "quorum-not-met"]);

    // The committee's copy is queued at once, in the member's language (and the configured admin's).
    const queued = await h.db.outboxMessage.findMany({ where: { batch: "closed:1" }, orderBy: { chatId: "asc" } });
    expect(queued.map((m) => m.chatId)).toEqual([600n, 900n]);
    const text = queued[0]!.text;
    expect(text).toContain("📊 <b>Result of consultation #1</b>");
    expect(text).toContain("Owners taking part: 4 of 5 (80%).");
    expect(text).toContain("• Agree: 3 (75%)");
    expect(text).toContain("✓ Participating owners' area 357.5/417.75 m² ≥ 2/3");
    expect(text).toContain("✓ Participating owners 4/5 ≥ 2/3");
    expect(text).toContain("Totals from the roster of the audience's buildings: 5 units, 417.75 m², counted as 5 owners.");
    expect(text).toContain("✓ Approving area / participating area 297.5/357.5 m² ≥ 3/4");
    expect(text).toContain("✓ Approving owners / participating owners 3/4 ≥ 3/4");
    expect(text).toContain("<b>Outcome: passed — Agree.</b>");
    expect(text).toContain("Send /publish 1 to send this result");
    // Nothing identifies a voter.
    expect(text).not.toMatch(/\b20[1-4]\b|1号楼 10\d/);

    // A second tick (or another restart) does nothing more.
    await restartedScheduler().scheduler.tick();
    expect(await h.db.outboxMessage.count({ where: { batch: "closed:1" } })).toBe(2);
  });

  it("one owner fewer by area: 3/4 of the owners but less than 3/4 of the area fails", async () => {
    await create((s) => (s.audience = { buildings: ["1号楼", "2号楼"] }));
    await vote(owners[0]!, Q1, "Agree");
    await vote(owners[1]!, Q1, "同意");
    await vote(owners[2]!, Q1, "Agree");
    await vote(owners[3]!, Q1, "不同意");
    const outcome = await h.services.consultations.closing.close(1, asCommittee(600n));
    expect(outcome.kind).toBe("closed");
    const r1 = (await h.services.consultations.lifecycle.find(1))!.polls[0]!.result!.result;
    expect(r1.checks.map((x) => [x.id, `${x.fraction.numerator}/${x.fraction.denominator}`, x.met])).toEqual([
      ["participation-area", "35750/41775", true],
      ["participation-heads", "4/5", true],
      ["approval-area", "23750/35750", false],
      ["approval-heads", "3/4", true],
    ]);
    expect(r1.outcome).toBe("failed");
    // The member who closed gets the result as the answer; the outbox holds it only for the others.
    expect((await h.db.outboxMessage.findMany({ where: { batch: "closed:1" } })).map((m) => m.chatId)).toEqual([900n]);
  });

  it("/close asks first, closes, answers with the result; a closed or unknown consultation is refused; and voting stops", async () => {
    const c = h.person({ id: 600, language_code: "en" });
    await create();
    await vote(owners[0]!, Q1, "Agree");
    await owners[1]!.pressData("vo:1"); // opened before the closing, pressed after
    await c.send("/close 1");
    expect(c.last().text).toBe([
      "Close consultation #1 “Quasi-residential units of Chuangzhi Business Park: living safety and management” now, before its closing time (2026-11-29 20:00)? Voters so far, question by question:",
      "1. Do you agree to raise maintenance funds to fit automatic sp… — 1 of 8 owners took part (12.5%), counted over every unit of the roster",
      "2. Which problems should the park tackle first? (at most two) — 0 of 4 residents voted (0%)",
      "3. How safe do you feel living in the park today? — 0 of 4 residents voted (0%)",
      "4. When should household refuse be collected? Rank the options. — 0 of 4 units voted (0%)",
      "5. Should each building choose one resident liaison to work wi… — 0 of 4 residents voted (0%)",
      "The result is counted at once and residents cannot vote any more.",
    ].join("\n"));
    await c.press("Keep it open");
    expect(c.last().text).toBe("Consultation #1 stays open. Nothing was changed.");
    await c.send("/close 1");
    await c.press("🔒 Close now");
    const answer = h.tg.chat(600).slice(-1)[0]!.text;
    expect(answer).toContain("📊 <b>Result of consultation #1</b>");
    expect(answer).toContain("Owners taking part: 1 of 8 (12.5%).");
    expect(answer).toContain("✗ Participating owners 1/8 ≥ 2/3");
    expect(answer).toContain("<b>Outcome: nothing decided — too few owners took part (2/3 of the area and 2/3 of the owners are needed).</b>");
    const closedAt = (await h.db.consultation.findUniqueOrThrow({ where: { id: 1 } })).closedAt;
    expect(closedAt).toEqual(h.clock.now());

    await c.send("/close 1");
    expect(c.last().text).toBe("Consultation #1 is already closed (since 2026-11-27 10:00). Nothing was changed.");
    await c.send("/close 42");
    expect(c.last().text).toBe("There is no consultation #42. Send /consultations to see them all.");
    await c.send("/close");
    expect(c.last().plain).toBe("Usage: /close <number>, for example /close 12. Send /consultations to see the numbers.");
    // The old confirmation pressed again changes nothing.
    await c.pressData("cl:1:yes");
    expect(c.last().text).toBe("Consultation #1 is already closed (since 2026-11-27 10:00). Nothing was changed.");

    // A ballot pressed on a message from before the closing is refused.
    const q1 = h.tg.chat(202).filter((m) => Q1.test(m.text)).at(-1)!;
    await owners[1]!.pressData(q1.buttons[0]!.callback_data!, q1);
    expect(owners[1]!.lastToast()).toBe("投票已结束。没有记录任何内容。");
    expect(q1.text).toContain("🔒 投票已结束。");
    expect(q1.buttons).toEqual([]);
    await owners[1]!.pressData("vo:1");
    expect(owners[1]!.lastToast()).toBe("投票已结束。没有记录任何内容。");
    expect(await h.db.ballot.count()).toBe(1);
    const zh = await committeeMember(h, 601, "zh");
    await zh.send("/close 1");
    expect(zh.last().text).toBe("征询 #1 已于 2026-11-27 10:00 结束。没有做任何更改。");
  });

  it("/close in Chinese gives voters and turnout per question, not a sum of ballots over the questions", async () => {
    await create();
    for (const [i, p] of owners.entries()) {
      await vote(p, Q1, i % 2 ? "同意" : "Agree");
      if (i < 3) await vote(p, /Question 5\/5|问题 5\/5/, i % 2 ? "同意" : "Yes");
    }
    const zh = await committeeMember(h, 601, "zh");
    await zh.send("/close 1");
    const text = zh.last().text;
    expect(text).not.toContain("张选票");
    expect(text.split("\n")).toEqual([
      "现在就结束征询 #1“创智产业园类住宅单元：居住安全与管理征询”吗？原定截止时间为 2026-11-29 20:00。各问题目前的投票情况：",
      "1. 是否同意筹集专项维修资金，为 1–3 号楼公共部分加装自动喷淋灭火系统？ — 名册所涉全部单元计 8 名业主，其中 4 名参与表决（50%）",
      "2. 您最希望园区优先解决哪些问题？（最多选两项） — 4 位居民中 0 位投票（0%）",
      "3. 您觉得目前在园区居住有多安全？ — 4 位居民中 0 位投票（0%）",
      "4. 生活垃圾清运时间，请按您的偏好排序。 — 4 个单元中 0 个投票（0%）",
      "5. 是否同意每栋楼推选一名居民联络员，负责与自治委员会沟通？ — 4 位居民中 3 位投票（75%）",
      "结束后立即计票，居民不能再投票。",
    ]);
  });

  it("Art. 278 counts every unit of the roster: all registered owners approving is not decided when their units hold too little", async () => {
    // The audience's roster: 8 units, 638.25 m²; four owners registered (357.5 m²), and all of them approve.
    await create();
    for (const p of owners) await vote(p, Q1, p.id % 2 ? "Agree" : "同意");
    await h.services.consultations.closing.close(1, asCommittee(600n));
    const c = (await h.services.consultations.lifecycle.find(1))!;
    const r1 = c.polls[0]!.result!.result;
    expect(r1).toMatchObject({ eligible: 8, ballots: 4, outcome: "participation-not-met", winners: [] });
    expect(r1.owners).toMatchObject({ totalsSource: "roster", totalHeads: 8, totalAreaCenti: 63825, participatingHeads: 4, participatingAreaCenti: 35750 });
    const en = h.services.consultations.broadcasts.committeeResultText("en", c).join("\n");
    const q1en = en.slice(en.indexOf("Question 1/5"), en.indexOf("Question 2/5"));
    // One owner count everywhere: the turnout line and the checks say the same 4 of 8.
    expect(q1en).not.toContain("eligible owners");
    for (const line of [
      "Owners taking part: 4 of 8 (50%).",
      "• Agree: 4 (100%)",
      "✗ Participating owners' area 357.5/638.25 m² ≥ 2/3",
      "✗ Participating owners 4/8 ≥ 2/3",
      "Totals from the roster of the audience's buildings: 8 units, 638.25 m², counted as 8 owners.",
      "Owners are counted over the roster's units, registered with the bot or not: one owner per unit, co-owners of a unit as one, and several units of the same registered owner(s) once (PRC Civil Code Art. 278; SPC interpretation on building-division ownership, Art. 8–9).",
      "<b>Outcome: nothing decided — too few owners took part (2/3 of the area and 2/3 of the owners are needed).</b>",
    ]) expect(q1en).toContain(line);
    const zh = h.services.consultations.broadcasts.committeeResultText("zh", c).join("\n");
    const q1zh = zh.slice(zh.indexOf("问题 1/5"), zh.indexOf("问题 2/5"));
    expect(q1zh).not.toContain("有投票权的业主");
    for (const line of [
      "参与表决的业主：8 名业主中 4 名（50%）。",
      "✗ 参与表决业主的专有面积 357.5/638.25 m² ≥ 2/3",
      "✗ 参与表决的业主人数 4/8 ≥ 2/3",
      "总数（所涉楼栋的名册）：8 个单元，638.25 m²，计 8 名业主。",
      "业主按名册单元计算，无论是否在机器人登记：每个单元计一名业主，同一单元的共有人计为一名，同一（组）登记业主的多个单元只计一名（《民法典》第二百七十八条；最高人民法院建筑物区分所有权司法解释第八、九条）。",
      "<b>结果：不作决定 — 参与表决的业主不足（须占专有面积 2/3 以上且人数 2/3 以上）。</b>",
    ]) expect(q1zh).toContain(line);
  });

  describe("Art. 278 at the 2/3 participation boundary, with a unit whose owner never registered", () => {
    // 3号楼 alone: three units of 500 m² each (1,500 m²); owners registered in 301 and 302, nobody in 303.
    let in3: Person[];
    beforeEach(async () => {
      await h.services.roster.import(Buffer.from("building,unit,area_m2\n3号楼,301,500\n3号楼,302,500\n3号楼,303,500"), OPERATOR);
      in3 = [await seedResident(h, { id: 205, lang: "en", building: "3号楼", unit: "301" }), await seedResident(h, { id: 206, lang: "zh", building: "3号楼", unit: "302" })];
    });
    const create3 = (change: (s: any) => void = () => {}) =>
      create((s) => {
        s.audience = { buildings: ["3号楼"] };
        change(s);
      });

    it("exactly 2/3 of the area and of the owners take part: decided", async () => {
      await create3();
      await vote(in3[0]!, Q1, "Agree");
      await vote(in3[1]!, Q1, "同意");
      await h.services.consultations.closing.close(1, asCommittee(600n));
      const c = (await h.services.consultations.lifecycle.find(1))!;
      expect(c.polls[0]!.result!.result).toMatchObject({ eligible: 3, ballots: 2, outcome: "passed", winners: [0] });
      const en = h.services.consultations.broadcasts.committeeResultText("en", c).join("\n");
      expect(en).toContain("✓ Participating owners' area 1,000/1,500 m² ≥ 2/3");
      expect(en).toContain("✓ Participating owners 2/3 ≥ 2/3");
      expect(en).toContain("Totals from the roster of the audience's buildings: 3 units, 1,500 m², counted as 3 owners.");
      expect(en).toContain("<b>Outcome: passed — Agree.</b>");
    });

    it("one unit fewer: not decided (participation), which is not \"not passed\"", async () => {
      await create3();
      await vote(in3[0]!, Q1, "Agree");
      await h.services.consultations.closing.close(1, asCommittee(600n));
      const c = (await h.services.consultations.lifecycle.find(1))!;
      expect(c.polls[0]!.result!.result).toMatchObject({ eligible: 3, ballots: 1, outcome: "participation-not-met" });
      const zh = h.services.consultations.broadcasts.committeeResultText("zh", c).join("\n");
      expect(zh).toContain("✗ 参与表决业主的专有面积 500/1,500 m² ≥ 2/3");
      expect(zh).toContain("✗ 参与表决的业主人数 1/3 ≥ 2/3");
      expect(zh).toContain("<b>结果：不作决定 — 参与表决的业主不足（须占专有面积 2/3 以上且人数 2/3 以上）。</b>");
      expect(zh).not.toContain("未通过");
    });

    it("the property register's totals in the spec replace the roster's and the result says so; below what is known, the roster's count", async () => {
      // The register knows that 302 and 303 have one buyer: two owners, 1,500 m².
      await create3((s) => (s.polls[0].ownerTotals = { owners: 2, areaM2: 1500 }));
      await vote(in3[0]!, Q1, "Agree");
      await h.services.consultations.closing.close(1, asCommittee(600n));
      const c = (await h.services.consultations.lifecycle.find(1))!;
      expect(c.polls[0]!.result!.result).toMatchObject({ eligible: 2, ballots: 1, outcome: "participation-not-met" });
      const en = h.services.consultations.broadcasts.committeeResultText("en", c).join("\n");
      expect(en).toContain("Owners taking part: 1 of 2 (50%).");
      expect(en).toContain("Totals from the property register, as set in the consultation: 2 owners, 1,500 m² (the roster: 3 units, 1,500 m², counted as 3 owners).");
      const zh = h.services.consultations.broadcasts.committeeResultText("zh", c).join("\n");
      expect(zh).toContain("总数（征询中填写的不动产登记）：2 名业主，1,500 m²（名册：3 个单元，1,500 m²，计 3 名业主）。");

      // One owner is fewer than the two who registered: the roster's totals count instead, and the result says why.
      await create3((s) => (s.polls[0].ownerTotals = { owners: 1, areaM2: 1500 }));
      await h.services.consultations.closing.close(2, asCommittee(600n));
      const c2 = (await h.services.consultations.lifecycle.find(2))!;
      expect(c2.polls[0]!.result).toMatchObject({ notes: ["register-too-small"], result: { eligible: 3, owners: { totalsSource: "roster" } } });
      expect(h.services.consultations.broadcasts.committeeResultText("en", c2).join("\n")).toContain("The property register's totals set in the consultation were below the roster's area or the owners registered here, so the roster's totals were used.");
    });

    it("a unit whose area is removed from the roster while the poll is open is left out of the totals and named", async () => {
      await create3();
      await vote(in3[0]!, Q1, "Agree");
      await vote(in3[1]!, Q1, "不同意");
      await h.services.roster.import(Buffer.from("building,unit,area_m2\n3号楼,303,"), OPERATOR);
      await h.services.consultations.closing.close(1, asCommittee(600n));
      const c = (await h.services.consultations.lifecycle.find(1))!;
      expect(c.polls[0]!.result).toMatchObject({ unitsWithoutArea: ["3号楼 303"], result: { eligible: 2, ballots: 2, owners: { roster: { units: 2, areaCenti: 100_000, owners: 2 } } } });
      expect(h.services.consultations.broadcasts.committeeResultText("en", c).join("\n")).toContain("Left out of the totals and of the count, because the roster has no floor area for them (1): 3号楼 303.");
      expect(h.services.consultations.broadcasts.committeeResultText("zh", c).join("\n")).toContain("名册中以下单元没有面积，未计入总数和表决（1 个）：3号楼 303。");
    });
  });

  it("/publish sends the result to every resident of the audience in their language, through the outbox, once", async () => {
    const tenant = await seedResident(h, { id: 205, lang: "en", building: "3号楼", unit: "301", relation: "tenant" });
    await seedResident(h, { id: 209, lang: "en", building: "9号楼", unit: "901" });
    const c = h.person({ id: 600, language_code: "en" });
    await create();
    await vote(owners[0]!, Q1, "Agree");
    await c.send("/publish 1");
    expect(c.last().text).toBe("Consultation #1 is not closed yet; its result can be published once it closes.");
    await h.services.consultations.closing.close(1, asCommittee(600n));
    await h.db.outboxMessage.deleteMany({});

    await c.send("/publish 1");
    const preview = h.tg.chat(600).slice(-2).map((m) => m.text).join("\n");
    expect(preview).toContain("Send the result of consultation #1 to 5 resident(s)? This is what they will read (each in their language):");
    expect(preview).toContain("📊 <b>Result of consultation #1</b>");
    await c.press("📤 Send to 5 resident(s)");
    expect(c.last().text).toBe("📤 The result of #1 is on its way to 5 resident(s) (5 message(s), at most 25 a second).");
    const queued = await h.db.outboxMessage.findMany({ orderBy: { chatId: "asc" } });
    expect(queued.map((m) => [m.batch, m.chatId])).toEqual([201n, 202n, 203n, 204n, 205n].map((id) => ["publish:1", id]));

    // Delivered by the worker, each in their language; 9号楼 is not in the audience.
    const { sleep } = virtualSleep(h);
    await h.services.consultations.createOutboxWorker(telegramSender(h.bot.api), silentLogger, { sleep }).drain();
    expect(h.tg.last(202).text).toContain("📊 <b>征询 #1 的结果</b>");
    expect(h.tg.last(202).text).toContain("• 同意：1（100%）");
    expect(tenant.last().text).toContain("• Agree: 1 (100%)");
    expect(h.tg.chat(209)).toEqual([]);
    expect(await h.db.outboxMessage.count({ where: { status: "sent" } })).toBe(5);

    // Publishing again reaches only who has not got it: a resident verified since.
    await seedResident(h, { id: 206, lang: "zh", building: "3号楼", unit: "302" });
    await c.send("/publish 1");
    expect(h.tg.chat(600).at(-2)!.text).toContain("The result of #1 was already published on 2026-11-27 10:00.");
    await c.press("📤 Send to 6 resident(s)");
    expect(c.last().text).toBe("📤 Sent again: 1 new message(s) for residents who had not received the result of #1.");
    expect(await h.db.outboxMessage.count()).toBe(6);
  });

  it("/close and another instance's scheduler at the same moment: closed once, and the committee member who closed gets the result once", async () => {
    await create();
    // Another instance on the same database, its scheduler closing the same consultation as the committee member presses "close".
    const other = restartedScheduler().services;
    const [byCommittee, byScheduler] = await Promise.all([h.services.consultations.closing.close(1, asCommittee(600n)), other.consultations.closing.close(1, SYSTEM)]);
    expect([byCommittee.kind, byScheduler.kind].sort()).toEqual(["already-closed", "closed"]);
    const queued = (await h.db.outboxMessage.findMany({ where: { batch: "closed:1" }, orderBy: { chatId: "asc" } })).map((m) => m.chatId);
    // Whoever closed: the member reads it once, as the answer to /close or from the outbox; the admin from the outbox.
    expect(queued).toEqual(byCommittee.kind === "closed" ? [900n] : [600n, 900n]);
    expect(await h.db.auditEntry.count({ where: { action: "consultation.close" } })).toBe(1);
    expect((await h.services.consultations.lifecycle.find(1))!.polls.every((p) => p.result !== null)).toBe(true);
    expect(await h.db.lease.count()).toBe(0);
  });

  it("a closing another task is finishing is left to it; the scheduler finishes it once that task's lease ran out", async () => {
    await create();
    // Closed by a task that then died before counting (its lease is left behind, for 30 s).
    await h.db.consultation.update({ where: { id: 1 }, data: { status: "closed", closedAt: h.clock.now() } });
    await h.db.lease.create({ data: { name: "closing:1", holder: "a task that died", expiresAt: new Date(h.clock.now().getTime() + 30_000) } });
    const { scheduler } = restartedScheduler();
    // Left alone, and looked at again soon.
    expect(await scheduler.tick()).toEqual(h.clock.now());
    expect((await h.services.consultations.lifecycle.find(1))!.polls.every((p) => p.result === null)).toBe(true);
    expect(await h.db.outboxMessage.count({ where: { batch: "closed:1" } })).toBe(0);
    h.clock.advance(30_001);
    await scheduler.tick();
    expect((await h.services.consultations.lifecycle.find(1))!.polls.every((p) => p.result !== null)).toBe(true);
    expect((await h.db.outboxMessage.findMany({ where: { batch: "closed:1" }, orderBy: { chatId: "asc" } })).map((m) => m.chatId)).toEqual([600n, 900n]);
  });

  it("the scheduler's loop does at start what fell due while the bot was down, then stops cleanly", async () => {
    await create();
    h.clock.current = new Date("2026-12-01T00:00:00Z");
    const { stores, scheduler } = restartedScheduler();
    scheduler.start();
    for (let i = 0; i < 200 && (await h.db.consultation.findUniqueOrThrow({ where: { id: 1 } })).status !== "closed"; i++) await new Promise((r) => setTimeout(r, 10));
    await scheduler.stop();
    expect((await stores.consultations.find(1))!.polls.every((p) => p.result !== null)).toBe(true);
  });

  it("reminds, 24 hours before closing, each eligible resident who has not voted and did not mute reminders, once", async () => {
    await create();
    // 201 has voted in every question; 202 muted reminders; 204 blocked the bot; 203 gets one.
    const unit = await h.db.unit.findUniqueOrThrow({ where: { building_number: { building: "1号楼", number: "101" } } });
    const at = h.clock.now();
    for (const [pollId, voterKey, choice] of [[1, "u201", "[0]"], [2, "u201", "[1]"], [3, "u201", "[3]"], [4, `unit${unit.id}`, "[0]"], [5, "u201", "[0]"]] as const) {
      await h.db.ballot.create({ data: { pollId, voterKey, voterId: 201n, unitId: unit.id, choice, castAt: at } });
    }
    await owners[1]!.send("/mute");
    expect(owners[1]!.last().text).toBe("🔕 已关闭提醒。新的征询和结果仍会发给您。发送 /unmute 可重新开启提醒。");
    await h.db.user.update({ where: { id: 204n }, data: { unreachableAt: at } });
    const { scheduler } = restartedScheduler();
    h.clock.current = new Date("2026-11-28T11:59:00Z");
    await scheduler.tick();
    expect(await h.db.outboxMessage.count({ where: { batch: "remind:1" } })).toBe(0);
    h.clock.current = new Date("2026-11-28T12:01:00Z");
    await scheduler.tick();
    const reminders = await h.db.outboxMessage.findMany({ where: { batch: "remind:1" } });
    expect(reminders.map((r) => r.chatId)).toEqual([203n]);
    expect(reminders[0]!.text).toBe("⏰ <b>Reminder:</b> the consultation “Quasi-residential units of Chuangzhi Business Park: living safety and management” closes 2026-11-29 20:00 and you have not voted in it yet. Tap below to vote.\n\nSend /mute to stop reminders.");
    expect(JSON.parse(reminders[0]!.keyboard!)).toEqual([{ text: "🗳 Vote", action: "vo", args: [1] }]);
    await scheduler.tick();
    expect(await h.db.outboxMessage.count({ where: { batch: "remind:1" } })).toBe(1);
    await owners[1]!.send("/unmute");
    expect((await h.db.user.findUniqueOrThrow({ where: { id: 202n } })).remindersMuted).toBe(false);
    // Writing to the bot again makes a person reachable again.
    await owners[3]!.send("/vote");
    expect((await h.db.user.findUniqueOrThrow({ where: { id: 204n } })).unreachableAt).toBeNull();
  });

  it("a consultation with an opening time waits as a draft, then opens and tells the audience", async () => {
    const c = await create((s) => (s.opensAt = "2026-11-28 09:00"));
    expect(c).toMatchObject({ status: "draft", opensAt: new Date("2026-11-28T01:00:00Z") });
    await owners[0]!.pressData("vo:1");
    expect(owners[0]!.lastToast()).toBe("This consultation has not opened yet. Nothing was recorded.");
    const { scheduler } = restartedScheduler();
    expect(await scheduler.tick()).toEqual(new Date("2026-11-28T01:00:00Z"));
    expect(await h.db.outboxMessage.count()).toBe(0);
    h.clock.current = new Date("2026-11-28T01:00:00Z");
    expect(await scheduler.tick()).toEqual(new Date("2026-11-28T12:00:00Z"));
    expect((await h.db.consultation.findUniqueOrThrow({ where: { id: 1 } })).status).toBe("open");
    expect((await h.db.outboxMessage.findMany({ where: { batch: "open:1" } })).map((m) => m.chatId).sort()).toEqual([201n, 202n, 203n, 204n]);
    await owners[0]!.pressData("vo:1");
    expect(h.tg.chat(201).at(-1)!.text).toContain("Question 5/5");
  });
});

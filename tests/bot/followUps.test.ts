// Closing the loop, part 2: follow-up actions — an official assigns them to
// departments step by step and updates them, the committee adds observations,
// residents who took part see their progress and are told when one is done or
// dropped, and officials get one daily digest at 09:00 when something is due.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { telegramSender } from "../../src/bot/outboxSender.js";
import { silentLogger } from "../../src/logger.js";
import { createHarness, type Harness } from "../support/harness.js";
import { virtualSleep } from "../support/park.js";
import { OPERATOR, asOfficial } from "../support/actors.js";
import { buildReportPark, type ReportPark } from "../support/reportPark.js";

let h: Harness;
beforeAll(async () => {
  h = await createHarness({ adminIds: [900n] });
});
afterAll(() => h.close());
beforeEach(async () => {
  await h.reset();
  // 10:00 in Shanghai.
  h.clock.current = new Date("2026-11-27T02:00:00Z");
});

const settle = () => h.services.reports.jobs.idle();

async function drainOutbox() {
  const v = virtualSleep(h);
  await h.services.consultations.createOutboxWorker(telegramSender(h.bot.api), silentLogger, { sleep: v.sleep }).drain();
}

describe("follow-up actions", () => {
  let park: ReportPark;
  let housing: number;
  beforeEach(async () => {
    park = await buildReportPark(h, { voters: 10, statementVotes: false });
    const d1 = await h.services.departments.add(OPERATOR, "住建", "Housing and Construction");
    await h.services.departments.add(OPERATOR, "消防救援", "Fire and Rescue");
    housing = d1.kind === "ok" ? d1.department.id : 0;
  });

  async function submit() {
    await park.committee.send(`/submit ${park.consultationId}`);
    await settle();
    await park.committee.press(/^Submit version \d+ to the officials$/);
    await settle();
  }

  it("an official assigns two actions and updates them; the committee observes; residents see their progress and are told once when one is done", { timeout: 120_000 }, async () => {
    const id = park.consultationId;
    const official = park.officialEn;
    // Before the report is submitted there is nothing to follow up.
    await official.send(`/assign ${id}`);
    expect(official.last().text).toContain(`No report of consultation #${id} has been submitted`);
    await submit();
    await drainOutbox();

    // A resident, a committee member and someone unregistered may not assign.
    await park.residents[0]!.send(`/assign ${id}`);
    expect(park.residents[0]!.last().text).toContain("Only officials may use /assign");
    await park.committee.send(`/assign ${id}`);
    expect(park.committee.last().text).toContain("Only officials may use /assign");
    const stranger = h.person({ id: 8_300_000_001, language_code: "en", first_name: "Stranger" });
    await stranger.send(`/assign ${id}`);
    expect(stranger.last().text).toContain("Only officials may use /assign");
    expect(await h.db.chatState.count()).toBe(0);

    await official.send("/assign");
    expect(official.last().plain).toContain("Send /assign <number>");
    await official.send(`/assign ${id}`);
    expect(official.last().text).toContain("Which department will do it?");
    expect(official.buttons()).toEqual(["Housing and Construction", "Fire and Rescue", "Cancel"]);
    // A forged department button (an unknown department) is refused; nothing moves.
    const rev = official.last().buttons[0]!.callback_data!.split(":")[1];
    await official.pressData(`as:${rev}:d999`);
    expect(official.last().text).toContain("That department does not exist");
    await official.press("Housing and Construction");
    expect(official.last().text).toContain("Send it in Chinese");
    await official.send("在大门旁安装 20 个充电桩");
    await official.send("Install 20 charging points by the gate");
    expect(official.last().text).toContain("By when?");
    await official.send("next spring");
    expect(official.last().text).toContain("That is not a date");
    await official.send("2026-11-26");
    expect(official.last().text).toContain("That day is already past (today is 2026-11-27)");
    await official.send("2026-12-10");
    expect(official.last().text).toContain("Which items of the report does it answer?");
    const itemButtons = official.buttons().filter((b) => b.startsWith("📊") || b.startsWith("💬"));
    expect(itemButtons.length).toBeGreaterThan(5);
    await official.press(itemButtons[0]!);
    await official.press(/^💬/);
    expect(official.last().text).toContain("Chosen: 2 item(s).");
    await official.press("Done ✓");
    expect(official.last().text).toContain("Install 20 charging points by the gate");
    expect(await h.db.followUpAction.count()).toBe(0);
    await official.press("Assign");
    expect(official.last().text).toContain("Follow-up action #1 is assigned to <b>Housing and Construction</b>, due 2026-12-10");
    // A second press of the old confirmation creates nothing.
    await official.press("Assign").catch(() => undefined);
    expect(await h.db.followUpAction.count()).toBe(1);
    const stored = await h.db.followUpAction.findFirstOrThrow();
    expect(stored).toMatchObject({ consultationId: id, departmentId: housing, whatZh: "在大门旁安装 20 个充电桩", whatEn: "Install 20 charging points by the gate", due: "2026-12-10", status: "planned", progress: 0, createdBy: BigInt(official.id) });
    expect(JSON.parse(stored.pollIds)).toHaveLength(1);
    expect(JSON.parse(stored.statementIds)).toHaveLength(1);

    // The second action, through the use case the CLI would use too.
    const second = await h.services.followUps.actions.create(asOfficial(park.officialZh.id), { consultationId: id, departmentId: housing + 1, what: { zh: "清理消防通道" }, due: "2026-12-01", items: [] });
    expect(second.kind).toBe("created");
    // Bad input through the use case: an unknown department, a past due date.
    expect((await h.services.followUps.actions.create(asOfficial(official.id), { consultationId: id, departmentId: 999, what: { en: "x" }, due: "2026-12-01", items: [] })).kind).toBe("unknown-department");
    expect((await h.services.followUps.actions.create(asOfficial(official.id), { consultationId: id, departmentId: housing, what: { en: "x" }, due: "2020-01-01", items: [] })).kind).toBe("due");
    expect(await h.db.followUpAction.count()).toBe(2);

    // /actions lists both; the card has the official's buttons.
    await official.send(`/actions ${id}`);
    expect(official.last().text).toContain("Follow-up actions</b> (2) of consultation #1");
    expect(official.last().text).toContain("#2 <b>Fire and Rescue</b> · 清理消防通道 — due 2026-12-01 · planned");
    await official.press("#1");
    expect(official.buttons()).toEqual(["▶ Start", "✅ Done", "✖ Drop…", "% Progress…", "📝 Note…"]);
    await official.press("% Progress…");
    expect(official.last().text).toContain("a whole number from 0 to 100");
    await official.send("140");
    expect(official.last().text).toContain("Progress must be between 0 and 100 %");
    await official.send("-5");
    expect(official.last().text).toContain("Progress must be between 0 and 100 %");
    await official.send("half");
    expect(official.last().text).toContain("Progress is a whole number from 0 to 100");
    expect((await h.db.followUpAction.findUniqueOrThrow({ where: { id: 1 } })).progress).toBe(0);
    await official.send("40 %");
    expect(official.last().text).toContain("Action #1 updated.");
    expect(official.last().text).toContain("in progress (40 %)");
    await official.press("📝 Note…");
    await official.send("Cables are <ordered>.");
    expect(official.last().text).toContain("note: Cables are &lt;ordered&gt;.");

    // Forged and outdated buttons change nothing.
    await official.pressData("fa:999:0:done");
    expect(official.lastToast()).toBe("This follow-up action does not exist. Nothing was changed.");
    await official.pressData("fa:1:0:done");
    expect(official.lastToast()).toContain("older message");
    await official.pressData("fa:1:2:explode");
    expect(official.lastToast()).toContain("button");
    await park.residents[0]!.pressData("fa:1:2:done");
    expect(park.residents[0]!.lastToast()).toBe("Only officials may update follow-up actions.");
    expect((await h.db.followUpAction.findUniqueOrThrow({ where: { id: 1 } })).status).toBe("in_progress");

    // The committee sees every action and adds an observation from the ground, which officials see.
    await park.committee.send("/actions");
    expect(park.committee.last().text).toContain("Follow-up actions</b> (2)");
    await park.committee.press("#1");
    expect(park.committee.buttons()).toEqual(["💬 Observation…"]);
    await park.committee.press("💬 Observation…");
    await park.committee.send("The charging point is built but not yet powered.");
    expect(park.committee.last().text).toContain("Your observation on action #1 is added");
    await official.send(`/actions ${id}`);
    expect(official.last().text).toContain("💬 1");
    await official.press("#1");
    expect(official.last().text).toContain("The charging point is built but not yet powered.");

    // Residents who took part see the actions in their language.
    const [en, zh] = [park.residents[0]!, park.residents[1]!];
    await en.send("/followups");
    expect(en.last().text).toContain("<b>Housing and Construction</b>: Install 20 charging points by the gate");
    expect(en.last().text).toContain("in progress (40 %)");
    await zh.send("/followups");
    expect(zh.last().text).toContain("<b>住建</b>：在大门旁安装 20 个充电桩");
    expect(zh.last().text).toContain("<b>消防救援</b>：清理消防通道");
    // Someone who took part in nothing gets a kind word.
    const newcomer = park.residents[28]!;
    await newcomer.send("/followups");
    expect(newcomer.last().text).toContain("Thank you for taking part");

    // Done: participants are told once; muted ones are not.
    const muted = park.residents[2]!;
    await h.db.user.update({ where: { id: BigInt(muted.id) }, data: { remindersMuted: true } });
    await official.press("✅ Done");
    expect(official.last().text).toContain("Action #1 updated.");
    expect(official.last().text).toMatch(/\d+ resident\(s\) who took part will be told/);
    const batch = await h.db.outboxMessage.findMany({ where: { batch: "followup:1" } });
    expect(batch.some((m) => m.chatId === BigInt(en.id))).toBe(true);
    expect(batch.some((m) => m.chatId === BigInt(muted.id))).toBe(false);
    expect(batch.some((m) => m.chatId === BigInt(newcomer.id))).toBe(false);
    // Done is final: an old card's button changes nothing and tells no one again.
    await official.press("✖ Drop…").catch(() => undefined);
    expect((await h.db.followUpAction.findUniqueOrThrow({ where: { id: 1 } })).status).toBe("done");
    await drainOutbox();
    expect(en.last().text).toContain("A follow-up of consultation #1");
    expect(en.last().text).toContain("is done: <b>Housing and Construction</b>");
    expect(zh.last().text).toContain("已完成");

    // Dropping needs a reason, which residents are told.
    await official.send(`/actions ${id}`);
    await official.press("#2");
    await official.press("✖ Drop…");
    await official.send("   ");
    expect(official.last().text).toContain("That is empty");
    await official.send("The passage belongs to the neighbouring estate.");
    expect((await h.db.followUpAction.findUniqueOrThrow({ where: { id: 2 } })).status).toBe("dropped");
    await drainOutbox();
    expect(en.last().text).toContain("Reason: The passage belongs to the neighbouring estate.");

    // The history is kept with time and actor; the audit log has every change.
    const history = await h.db.followUpUpdate.findMany({ where: { actionId: 1 }, orderBy: { id: "asc" } });
    expect(history.map((u) => u.kind)).toEqual(["created", "progress", "note", "status"]);
    expect(history.every((u) => u.actor === BigInt(official.id))).toBe(true);
    const audit = await h.db.auditEntry.findMany({ where: { action: { startsWith: "action." } } });
    expect(audit.map((a) => a.action).sort()).toEqual(["action.create", "action.create", "action.observe", "action.update", "action.update", "action.update", "action.update"]);
    expect(h.tg.refused).toEqual([]);
  });

  it("officials get one digest at 09:00 of overdue actions and unrelayed answers, none when nothing is due, never twice", { timeout: 120_000 }, async () => {
    const id = park.consultationId;
    await submit();
    const digest = h.services.followUps.digest;
    // Nothing overdue, nothing unrelayed: no digest.
    h.clock.current = new Date("2026-11-28T01:00:00Z");
    expect((await digest.sendDue()).kind).toBe("nothing");
    expect(await h.db.outboxMessage.count({ where: { batch: { startsWith: "digest:" } } })).toBe(0);

    const created = await h.services.followUps.actions.create(asOfficial(park.officialEn.id), { consultationId: id, departmentId: housing, what: { en: "Fix the gate light" }, due: "2026-11-28", items: [] });
    expect(created.kind).toBe("created");
    await h.services.answers.respond(asOfficial(park.officialZh.id), { consultationId: id, version: 1, text: { zh: "已列入计划。" }, file: null });
    // The 29th, 08:59 local: not yet.
    h.clock.current = new Date("2026-11-29T00:59:00Z");
    expect((await digest.sendDue()).kind).toBe("not-due");
    h.clock.current = new Date("2026-11-29T01:00:00Z");
    // The scheduler's tick runs the job (only the leader ticks) and sleeps until the next 09:00 at most.
    const scheduler = h.services.consultations.createScheduler(silentLogger, [digest]);
    const next = await scheduler.tick();
    expect(next !== null && next <= new Date("2026-11-30T01:00:00Z")).toBe(true);
    expect((await h.db.digestRun.findUniqueOrThrow({ where: { day: "2026-11-29" } })).recipients).toBe(2);
    // A second tick, a restart, or a second instance: nothing more.
    h.restart();
    expect((await h.services.followUps.digest.sendDue()).kind).toBe("done-already");
    expect(await h.db.outboxMessage.count({ where: { batch: "digest:2026-11-29" } })).toBe(2);
    await drainOutbox();
    expect(park.officialEn.last().text).toContain("Daily follow-up digest");
    expect(park.officialEn.last().text).toContain("Fix the gate light — due 2026-11-28 · planned · ⚠️ overdue");
    expect(park.officialEn.last().text).toContain("report #1 (version 1)");
    expect(park.officialZh.last().text).toContain("每日后续行动摘要");
    // Residents and the committee get none.
    expect(park.committee.last().text).not.toContain("digest");
    // The scheduler's job says when it is next due: the next 09:00.
    expect(await h.services.followUps.digest.run()).toEqual(new Date("2026-11-30T01:00:00Z"));
  });

  it("the report gains a live Follow-up section, the XLSX an Actions sheet, /dashboard the median days to answer and the on-time share — naming no resident", { timeout: 120_000 }, async () => {
    const id = park.consultationId;
    await submit();
    const actions = h.services.followUps.actions;
    const official = asOfficial(park.officialEn.id);
    const a = await actions.create(official, { consultationId: id, departmentId: housing, what: { en: "Fix the gate light", zh: "修好大门的灯" }, due: "2026-11-30", items: [] });
    const b = await actions.create(official, { consultationId: id, departmentId: housing, what: { en: "Repaint the lines" }, due: "2026-11-28", items: [] });
    if (a.kind !== "created" || b.kind !== "created") throw new Error("not created");
    await actions.setStatus(official, a.action.id, 0, "done");
    // Answered two days after submission.
    h.clock.advance(2 * 86_400_000);
    await h.services.answers.respond(asOfficial(park.officialZh.id), { consultationId: id, version: 1, text: { zh: "已列入计划。" }, file: null });
    // The 1st of December: the second action is overdue.
    h.clock.current = new Date("2026-12-01T02:00:00Z");

    await park.officialEn.send(`/report ${id}`);
    await park.officialEn.press("Follow-up");
    const section = park.officialEn.last().text;
    expect(section).toContain("#1 <b>Housing and Construction</b> · Fix the gate light — due 2026-11-30 · done");
    expect(section).toContain("Repaint the lines — due 2026-11-28 · planned · ⚠️ overdue");
    for (const identifier of park.identifiers) expect(section).not.toContain(identifier);
    await park.officialEn.press("Summary");

    await park.officialEn.send(`/dashboard`);
    const dashboard = h.tg.chat(park.officialEn.id).filter((m) => m.text.includes("Median days")).at(-1)!.text;
    expect(dashboard).toContain("Median days from submission to answer: 2");
    expect(dashboard).toContain("Actions done on time: 50 % (1 of 2)");
    expect(dashboard).toContain("Actions: 2 — planned 1, in progress 0, done 1, dropped 0");

    await park.officialEn.send(`/export ${id}`);
    await settle();
    const ExcelJS = (await import("exceljs")).default;
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(h.tg.chat(park.officialEn.id).find((m) => m.document?.filename.endsWith(".xlsx"))!.document!.content as any);
    const sheet = wb.getWorksheet("Actions")!;
    expect(sheet.getRow(1).getCell(2).value).toBe("Department");
    expect(sheet.getRow(2).getCell(3).value).toBe("Fix the gate light");
    expect(sheet.getRow(3).getCell(7).value).toBe("yes");
    const cells = sheet.getSheetValues().flat().map(String).join(" ");
    for (const identifier of park.identifiers) expect(cells).not.toContain(identifier);
  });
});

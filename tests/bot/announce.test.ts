import { describe, expect, it } from "vitest";
import { telegramSender } from "../../src/bot/outboxSender.js";
import { silentLogger } from "../../src/logger.js";
import { committeeMember, seedResident, virtualSleep, useHarness } from "../support/park.js";

const h = useHarness({ adminIds: [900n] });

describe("/announce", () => {
  it("sends a bilingual announcement to chosen buildings, each resident in their language, through the outbox", async () => {
    const zh = await seedResident(h, { id: 5101, lang: "zh", building: "1号楼", unit: "101" });
    const en = await seedResident(h, { id: 5102, lang: "en", building: "2号楼", unit: "201", relation: "tenant" });
    await seedResident(h, { id: 5103, lang: "en", building: "3号楼", unit: "301" });
    const c = await committeeMember(h, 610, "en");
    await c.send("/announce");
    expect(c.last().text).toContain("📢 Who should receive the announcement?");
    expect(c.buttons()).toEqual(["Everyone", "☐ 1号楼", "☐ 2号楼", "☐ 3号楼", "☐ 9号楼", "Done ✓"]);
    await c.press("☐ 1号楼");
    await c.press("☐ 2号楼");
    await c.press("Done ✓");
    await c.press("中文 + English");
    await c.send("周一 9 点到 12 点停水。<请储水>");
    await c.send("Water is off on Monday 9:00–12:00. <Store some>");
    expect(c.last().text).toBe(
      "This goes to <b>2</b> resident(s) (1号楼, 2号楼), each in their language when you wrote it in both:\n\n📢 <b>From the residents' committee</b>\n\nWater is off on Monday 9:00–12:00. &lt;Store some&gt;",
    );
    expect(await h.db.outboxMessage.count()).toBe(0);
    await c.press("📤 Send to 2 resident(s)");
    expect(c.last().text).toBe("📤 The announcement is on its way to 2 resident(s), at most 25 a second.");
    await h.services.consultations.createOutboxWorker(telegramSender(h.bot.api), silentLogger, { sleep: virtualSleep(h).sleep }).drain();
    expect(zh.last().text).toBe("📢 <b>自治委员会通知</b>\n\n周一 9 点到 12 点停水。&lt;请储水&gt;");
    expect(en.last().text).toBe("📢 <b>From the residents' committee</b>\n\nWater is off on Monday 9:00–12:00. &lt;Store some&gt;");
    expect(h.tg.chat(5103)).toEqual([]);
    // The old Send button sends nothing more.
    await c.pressData(h.tg.chat(610).at(-2)!.buttons[0]?.callback_data ?? "an:0:send");
    expect(await h.db.outboxMessage.count()).toBe(2);
  });

  it("in one language to everyone; a reader of the other language sees it marked as the original", async () => {
    const en = await seedResident(h, { id: 5201, lang: "en", building: "1号楼", unit: "101" });
    const c = await committeeMember(h, 611, "zh");
    await c.send("/announce");
    await c.press("全体居民");
    await c.press("中文");
    await c.send("本周六上午在 1 号楼大厅开居民会。");
    expect(c.last().text).toContain("将发给 <b>1</b> 位居民（全体已核实居民）");
    await c.press("📤 发给 1 位居民");
    const row = await h.db.outboxMessage.findFirstOrThrow({ where: { chatId: 5201n } });
    expect(row.text).toBe("📢 <b>From the residents' committee</b>\n\n本周六上午在 1 号楼大厅开居民会。 <i>(original in Chinese)</i>");
    void en;
  });

  it("is for committee members only, and /cancel stops it with nothing sent", async () => {
    const r = await seedResident(h, { id: 5301, lang: "en", building: "1号楼", unit: "101" });
    await r.send("/announce");
    expect(r.last().text).toBe("Only committee members may use /announce. Nothing was changed. Send /help to see your commands.");
    await r.pressData("an:1:all");
    expect(r.lastToast()).toContain("Only committee members");
    const c = await committeeMember(h, 612, "en");
    await c.send("/announce");
    await c.press("Everyone");
    await c.press("English");
    await c.send("/cancel");
    expect(c.last().text).toBe("Cancelled. Nothing was changed.");
    await c.send("This text is not an announcement any more");
    expect(await h.db.outboxMessage.count()).toBe(0);
    expect(await h.db.chatState.count()).toBe(0);
  });
});

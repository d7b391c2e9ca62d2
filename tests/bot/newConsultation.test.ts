import { describe, expect, it } from "vitest";
import { committeeMember, seedResident, useHarness } from "../support/park.js";
import { OPERATOR, asAdmin } from "../support/actors.js";

const h = useHarness({ adminIds: [900n] });

const state = async (id: number) => h.db.chatState.findUnique({ where: { userId: BigInt(id) } });

describe("/new, a guided conversation", () => {
  it("in Chinese, both languages: texts, audience, closing time, two questions, seed statements, preview, open — and a restart in the middle loses nothing", async () => {
    const c = await committeeMember(h, 600, "zh");
    await c.send("/new");
    expect(c.last().text).toContain("🗳 <b>新建征询。</b>");
    expect(c.last().text).toContain("这次征询用哪种语言撰写？");
    expect(c.buttons()).toEqual(["中文", "English", "中文 + English"]);
    await c.press("中文 + English");
    expect(c.last().text).toContain("请发送中文<b>标题</b>（最多 200 字）。");
    await c.send("电动车充电点设置");
    expect(c.last().text).toContain("请发送英文<b>标题</b>");

    // The bot restarts: the conversation goes on where it was.
    h.restart();
    await c.send("Where to put e-bike chargers");
    expect(c.last().text).toContain("请发送中文<b>简要说明</b>");
    await c.press("跳过");
    await c.send("Chargers indoors caused two fires last year.");
    expect(c.last().text).toContain("<b>征询对象是谁？</b>");
    expect(c.buttons()).toEqual(["全体居民", "☐ 1号楼", "☐ 2号楼", "☐ 3号楼", "☐ 9号楼", "完成 ✓"]);
    await c.press("完成 ✓");
    expect(c.last().text).toContain("请至少选择一个楼栋，或选择全体居民。");
    await c.press("☐ 1号楼");
    await c.press("☐ 2号楼");
    expect(c.last().text).toContain("已选择：1号楼, 2号楼");
    await c.press("完成 ✓");
    expect(c.last().text).toContain("<b>投票何时截止？</b>请按园区时间（Asia/Shanghai）发送日期和时间");
    await c.send("2026-11-20 20:00");
    expect(c.last().text).toContain("这个时间已经过去了。请选择将来的时间。");
    await c.send("明天晚上");
    expect(c.last().text).toContain("无法识别这个时间。");
    await c.press("7 天后");

    await c.send("充电点设在哪里？");
    await c.send("Where should the chargers go?");
    expect(c.buttons()).toEqual(["单选", "多选", "1–5 打分", "排序复选"]);
    await c.press("单选");
    await c.send("1号楼北侧\n2号楼地下室\n停车场");
    expect(c.last().text).toContain("请按相同顺序发送这 3 个选项的英文版本");
    await c.send("North of building 1\nBasement of building 2");
    expect(c.last().text).toContain("请按原顺序发送恰好 3 个选项（您发送了 2 个）。");
    await c.send("North of building 1\nBasement of building 2\nCar park");
    expect(c.buttons()).toEqual(["每位已核实居民", "仅限业主", "每个单元一票"]);
    await c.press("每位已核实居民");
    expect(c.buttons()).toEqual(["只计票，不作决定", "得票最多者胜", "过半数（超过 1/2）", "三分之二（不少于 2/3）"]);
    await c.press("过半数（超过 1/2）");
    await c.send("150");
    expect(c.last().text).toContain("法定人数须为 1 到 100 之间的整数百分比。");
    await c.send("30%");
    await c.press("结束后公开（推荐）");
    expect(c.last().text).toContain("已添加问题 1。还要再加一个问题吗？");
    await c.press("➕ 添加问题");
    await c.send("是否同意改变地下室用途用于集中充电？");
    await c.send("Do you agree to change the use of the basement for shared charging?");
    await c.press("单选");
    await c.send("同意\n不同意");
    await c.send("Agree\nDisagree");
    await c.press("仅限业主");
    expect(c.buttons()).toContain("第二百七十八条重大事项（第六至八项）");
    await c.press("第二百七十八条重大事项（第六至八项）");
    await c.press("投票期间实时显示");
    await c.press("继续 ➡️");
    await c.press("允许，经委员会审核后显示");
    await c.send("充电点应远离楼梯和出口。\nChargers must never block an exit.");

    const preview = h.tg.chat(600).slice(-4).map((m) => m.text).join("\n");
    expect(preview).toContain("👀 <b>预览</b> — 居民将看到以下内容：");
    expect(preview).toContain("<b>电动车充电点设置</b>");
    expect(preview).toContain("Chargers indoors caused two fires last year. <i>（原文为英文）</i>");
    expect(preview).toContain("投票截止：2026-12-04 20:00");
    expect(preview).toContain("对象：1号楼、2号楼的已核实居民");
    expect(preview).toContain("法定人数：至少 30% 的有投票权者参与，否则不作决定。");
    expect(preview).toContain("• Chargers must never block an exit. <i>（原文为英文）</i>");
    expect(c.buttons()).toEqual(["✅ 立即开始", "↺ 重新开始", "✖ 取消"]);
    expect(await h.db.consultation.count()).toBe(0);

    await c.press("✅ 立即开始");
    expect(c.last().text).toBe("✅ 征询 #1“电动车充电点设置”已开始，进行至 2026-12-04 20:00（2 个问题）。正在通知相关居民。");
    const stored = await h.db.consultation.findUniqueOrThrow({ where: { id: 1 }, include: { polls: { orderBy: { position: "asc" } }, statements: { orderBy: { id: "asc" } } } });
    expect(stored).toMatchObject({ titleZh: "电动车充电点设置", titleEn: "Where to put e-bike chargers", descriptionZh: null, descriptionEn: "Chargers indoors caused two fires last year.", audienceBuildings: '["1号楼","2号楼"]', status: "open", closesAt: new Date("2026-12-04T12:00:00Z") });
    expect(stored.polls.map((p) => JSON.parse(p.definition))).toMatchObject([
      { kind: "single", voters: "residents", rule: "majority", quorumPercent: 30, results: "hidden", options: [{ zh: "1号楼北侧", en: "North of building 1" }, {}, { zh: "停车场", en: "Car park" }] },
      { kind: "single", voters: "owners", rule: "civil-code-278-major", results: "live" },
    ]);
    expect(stored.statements.map((s) => [s.textZh, s.textEn, s.originalLanguage, s.normalized])).toEqual([
      ["充电点应远离楼梯和出口。", null, "zh", "充电点应远离楼梯和出口"],
      [null, "Chargers must never block an exit.", "en", "chargers must never block an exit"],
    ]);
    expect(await state(600)).toBeNull();
    // A second press of the same button creates nothing more.
    await c.pressData(c.last().buttons[0]?.callback_data ?? "nw:1:open");
    expect(await h.db.consultation.count()).toBe(1);
  });

  it("in English, one language: a Chinese reader sees the English original, marked", async () => {
    const c = await committeeMember(h, 601, "en");
    const reader = await seedResident(h, { id: 301, lang: "zh", building: "3号楼", unit: "301", relation: "tenant" });
    await c.send("/new");
    await c.press("English");
    await c.send("Quiet hours");
    await c.press("Skip");
    await c.press("Everyone");
    await c.send("2026-12-10 18:30");
    await c.send("How much does night noise bother you?");
    await c.press("Scale 1–5");
    await c.send("Not at all\nA lot");
    await c.press("One ballot per unit");
    expect(c.buttons()).toEqual(["After closing (recommended)", "Live, while voting"]);
    await c.press("Live, while voting");
    await c.press("Continue ➡️");
    await c.press("No");
    await c.press("Skip");
    await c.press("✅ Open it now");
    expect(c.last().text).toBe("✅ Consultation #1 “Quiet hours” is open until 2026-12-10 18:30 (1 question(s)). Residents of the audience are being told.");
    await reader.pressData("vo:1");
    const poll = reader.last();
    expect(poll.text).toContain("问题 1/1： <b>How much does night noise bother you? <i>（原文为英文）</i></b>");
    expect(poll.text).toContain("打分：1（Not at all）到 5（A lot）。");
    expect(poll.buttons.map((b) => b.text)).toEqual(["1", "2", "3", "4", "5"]);
  });

  it("an Art. 278 rule is refused while a roster unit of the audience has no floor area, though nobody registered in it", async () => {
    await h.services.roster.import(Buffer.from("building,unit,area_m2\n2号楼,203,"), OPERATOR);
    const c = await committeeMember(h, 603, "en");
    await c.send("/new");
    await c.press("English");
    await c.send("Sprinklers");
    await c.press("Skip");
    await c.press("Everyone");
    await c.send("2026-12-10 18:30");
    await c.send("Raise the maintenance fund for sprinklers?");
    await c.press("Single choice");
    await c.send("Agree\nDisagree");
    await c.press("Owners only");
    await c.press("Art. 278, major matter (items 6–8)");
    expect(c.last().text).toContain("Art. 278 counts every unit of the audience's buildings by its floor area, registered with the bot or not, but the roster has none for 1 unit(s): 2号楼 203. Add the areas to the roster (a CSV with area_m2), or choose another rule.");
    expect(c.buttons()).toContain("Art. 278, major matter (items 6–8)");
    // With the area on the roster the same button moves on.
    await h.services.roster.import(Buffer.from("building,unit,area_m2\n2号楼,203,70"), OPERATOR);
    await c.press("Art. 278, major matter (items 6–8)");
    expect(c.buttons()).toEqual(["After closing (recommended)", "Live, while voting"]);
  });

  it("/cancel at any step stores nothing; buttons of an earlier step or an ended conversation are refused", async () => {
    const c = await committeeMember(h, 602, "en");
    await c.send("/new");
    const earlier = c.findButton("English").button.callback_data!;
    await c.press("English");
    await c.pressData(earlier);
    expect(c.lastToast()).toBe("This button belongs to an older message. Please use the latest one.");
    await c.send("A title");
    await c.send("/cancel");
    expect(c.last().text).toBe("Cancelled. Nothing was changed.");
    expect(await state(602)).toBeNull();
    await c.press("Skip");
    expect(c.lastToast()).toBe("This conversation has ended. Send /new to start again.");
    await c.send("/cancel");
    expect(c.last().text).toBe("There is nothing to cancel.");
    await c.send("Some text that is not part of anything");
    expect(c.last().text).not.toContain("Cancelled");
    expect(await h.db.consultation.count()).toBe(0);
  });

  it("a conversation left alone for more than a day is lost: the next answer or press says so and changes nothing", async () => {
    const lost = "What you were doing could not be continued, so it was ended and nothing was saved. Please start again.";
    const c = await committeeMember(h, 604, "en");
    await c.send("/new");
    // A day is counted from the last step, not from /new.
    h.clock.advance(23 * 3_600_000);
    await c.press("English");
    expect(c.last().text).toContain("<b>title</b>");
    h.clock.advance(24 * 3_600_000 + 60_000);
    await c.send("A title");
    expect(c.last().text).toBe(lost);
    expect(await state(604)).toBeNull();
    expect(await h.db.consultation.count()).toBe(0);

    await c.send("/new");
    const english = c.findButton("English").button.callback_data!;
    await c.press("English");
    await c.send("Chargers");
    const before = await state(604);
    h.clock.advance(25 * 3_600_000);
    await c.press("Skip");
    expect(c.last().text).toBe(lost);
    expect(c.last().buttons).toEqual([]);
    expect(await state(604)).toBeNull();
    expect(before).not.toBeNull();
    // Its buttons are of an ended conversation now; a new /new starts afresh.
    await c.pressData(english);
    expect(c.lastToast()).toBe("This conversation has ended. Send /new to start again.");
  });

  it("/new sent again mid-way: the first run's buttons are outdated and change nothing", async () => {
    const c = await committeeMember(h, 605, "en");
    await c.send("/new");
    const first = c.findButton("English").button.callback_data!;
    await c.press("English");
    await c.send("Chargers");
    await c.send("/new");
    await c.press("English");
    const revBefore = (await state(605))!.data;
    await c.pressData(first);
    expect(c.lastToast()).toBe("This button belongs to an older message. Please use the latest one.");
    expect((await state(605))!.data).toBe(revBefore);
  });

  it("refuses /new to residents, and stops a conversation whose member lost the role", async () => {
    const r = await seedResident(h, { id: 302, lang: "en", building: "3号楼", unit: "302" });
    await r.send("/new");
    expect(r.last().text).toBe("Only committee members may use /new. Nothing was changed. Send /help to see your commands.");
    const c = await committeeMember(h, 603, "en");
    await c.send("/new");
    await c.press("English");
    await h.services.roles.revoke(603n, "committee", asAdmin(900n));
    await c.send("A title");
    expect(await state(603)).toBeNull();
    expect(c.last().text).not.toContain("description");
  });
});

import { describe, expect, it } from "vitest";
import { useHarness } from "../support/park.js";
import { committeeMember, consultation, resident, statements } from "../support/statements.js";

const h = useHarness({ roster: false });

describe("/moderate", () => {
  it("approves a statement: the card shows it, the author hears in their language, residents can rate it", async () => {
    await consultation(h);
    const wang = await resident(h, 8001, "zh");
    const chair = await committeeMember(h, 8100, "en");
    await wang.send("/opinion 地下车库增加充电桩");

    await chair.send("/moderate");
    const card = chair.last();
    expect(card.text).toBe(
      "Waiting for review: 1\n\n<b>Statement #1</b> — “Parking plan”\nWritten 2026-11-27 10:00\n\n<blockquote>地下车库增加充电桩</blockquote>\n<i>(original in Chinese)</i>\n\nNo English text yet.",
    );
    expect(chair.buttons()).toEqual(["✅ Approve", "❌ Reject", "🌐 Add translation", "Skip ⏭"]);

    // Nobody can rate it before approval.
    const alice = await resident(h, 8002, "en");
    await alice.send("/rate");
    expect(alice.last().text).toBe("“Parking plan” has no statements to rate yet. Please try again later.");

    await chair.press("✅ Approve");
    expect(card.text.split("\n")[0]).toBe("✅ Statement #1 is published. The author was told.");
    expect(card.buttons).toEqual([]);
    expect(chair.last().text).toBe("No statements wait for review. 1 published statement(s) exist in one language only.");
    expect(h.tg.last(8001).text).toBe(
      "您的观点已在“停车位规划”中公开：\n\n<blockquote>地下车库增加充电桩</blockquote>\n\n其他居民现在可以表态了。发送 /rate 对其他观点表态。",
    );
    expect(await h.db.statement.findFirst()).toMatchObject({ status: "approved", moderatedBy: 8100n, rejectReason: null });

    await alice.send("/rate");
    expect(alice.last().text).toContain("<blockquote>地下车库增加充电桩</blockquote>\n<i>(original in Chinese)</i>");
  });

  it("rejects with a listed reason or a typed one; the author is told the reason in their language", async () => {
    await consultation(h);
    const alice = await resident(h, 8003, "en");
    const wang = await resident(h, 8004, "zh");
    const chair = await committeeMember(h, 8101, "zh");
    await alice.send("/opinion Mr Zhang in 1202 parks badly");
    await wang.send("/opinion 物业费太高 而且 保安不负责");

    await chair.send("/moderate");
    expect(chair.last().text.split("\n")[0]).toBe("等待审核：2 条");
    await chair.press("❌ 不通过");
    expect(chair.last().text).toContain("观点 #1 为什么不公开？作者会看到原因。");
    expect(chair.buttons()).toEqual(["与其他观点重复", "包含不止一个观点", "与征询主题无关", "包含个人信息", "内容冒犯他人", "✍ 输入原因", "« 返回"]);
    await chair.press("« 返回");
    expect(chair.buttons()).toEqual(["✅ 通过", "❌ 不通过", "🌐 添加翻译", "跳过 ⏭"]);
    await chair.press("❌ 不通过");
    await chair.press("包含个人信息");
    expect(h.tg.last(8003).text).toBe(
      "Your statement for “Parking plan” was not published:\n\n<blockquote>Mr Zhang in 1202 parks badly</blockquote>\n\nReason: It contains personal information.\n\nYou can write another one with /opinion.",
    );
    expect(await h.db.statement.findUnique({ where: { id: 1 } })).toMatchObject({ status: "rejected", rejectReason: "personal-info", moderatedBy: 8101n });

    // The next pending one follows; this time the reason is typed.
    expect(chair.last().text).toContain("<b>观点 #2</b>");
    await chair.press("❌ 不通过");
    await chair.press("✍ 输入原因");
    expect(chair.last().text).toBe("请输入不公开观点 #2 的原因，作者会看到。");
    await chair.send("请把两个意见<分开>提交");
    expect(chair.last().text).toBe("没有等待审核的观点。");
    expect(h.tg.last(8004).text).toContain("原因：请把两个意见&lt;分开&gt;提交。\n\n");
    expect(await h.db.statement.findUnique({ where: { id: 2 } })).toMatchObject({ status: "rejected", rejectReason: "请把两个意见<分开>提交" });
    expect(await h.db.chatState.count()).toBe(0);
  });

  it("adds a translation; readers of the other language then see it without the marker", async () => {
    const cid = await consultation(h);
    const [id] = await statements(h, cid, [{ en: "Service the lifts every month" }]);
    const chair = await committeeMember(h, 8102, "zh");
    await chair.send("/moderate");
    expect(chair.last().text).toBe("没有等待审核的观点。有 1 条已公开的观点只有一种语言。");
    await chair.press("🌐 补充翻译");
    expect(chair.last().text).toContain("只有一种语言的已公开观点：1 条");
    expect(chair.last().text).toContain("<blockquote>Service the lifts every month</blockquote>\n<i>（原文 English）</i>\n\n还没有中文文本。");
    await chair.press("🌐 添加翻译");
    expect(chair.last().text).toBe(`请输入观点 #${id} 的中文文本：\n\n<blockquote>Service the lifts every month</blockquote>`);
    await chair.send("   ");
    expect(chair.last().text).toBe("您的观点是空的。请用文字写下一个观点，或按“取消”。");
    await chair.send("电梯每月检修一次");
    expect(chair.last().text).toBe(`已保存观点 #${id} 的中文文本。\n\n<blockquote>电梯每月检修一次</blockquote>`);
    expect(await h.db.statement.findUnique({ where: { id } })).toMatchObject({ textEn: "Service the lifts every month", textZh: "电梯每月检修一次", originalLanguage: "en" });

    const wang = await resident(h, 8005, "zh");
    await wang.send("/rate");
    expect(wang.last().text).toContain("<blockquote>电梯每月检修一次</blockquote>\n\n您赞成吗？");
    expect(wang.last().text).not.toContain("原文");
  });

  it("a translation of a pending statement can be added before approval", async () => {
    await consultation(h);
    const wang = await resident(h, 8006, "zh");
    const chair = await committeeMember(h, 8103, "en");
    await wang.send("/opinion 东门增设自行车棚");
    await chair.send("/moderate");
    await chair.press("🌐 Add translation");
    await chair.send("A bike shed at the east gate");
    await chair.press("✅ Approve");
    expect(chair.last().text).toBe("No statements wait for review.");
    const alice = await resident(h, 8007, "en");
    await alice.send("/rate");
    expect(alice.last().text).toContain("<blockquote>A bike shed at the east gate</blockquote>\n\nDo you agree?");
  });

  it("refuses people without the committee role, on the command and on every press", async () => {
    await consultation(h);
    const wang = await resident(h, 8008, "zh");
    await wang.send("/opinion 东门增设自行车棚");
    await wang.send("/moderate");
    expect(wang.last().text).toBe("只有自治委员会成员可以使用 /moderate。没有做任何更改。发送 /help 查看您的指令。");
    await wang.pressData("mod:ok:1");
    expect(wang.lastToast()).toBe("只有自治委员会成员可以使用 /moderate。没有做任何更改。发送 /help 查看您的指令。");
    await wang.pressData("mrj:1:offensive");
    expect(await h.db.statement.findUnique({ where: { id: 1 } })).toMatchObject({ status: "pending", moderatedBy: null });

    // A role revoked after the card was sent.
    const chair = await committeeMember(h, 8104, "en");
    await chair.send("/moderate");
    await h.db.roleGrant.deleteMany({ where: { userId: 8104n } });
    await chair.press("✅ Approve");
    expect(chair.lastToast()).toContain("Only committee members may use /moderate");
    expect(await h.db.statement.findUnique({ where: { id: 1 } })).toMatchObject({ status: "pending" });
  });

  it("a statement another member already decided is not decided twice", async () => {
    await consultation(h);
    const alice = await resident(h, 8009, "en");
    const a = await committeeMember(h, 8105, "en");
    const b = await committeeMember(h, 8106, "en");
    await alice.send("/opinion Quiet hours after 22:00");
    await a.send("/moderate");
    await b.send("/moderate");
    await a.press("✅ Approve");
    await b.press("❌ Reject");
    expect(b.lastToast()).toBe("Statement #1 is already published: another committee member decided first.");
    await b.pressData("mrj:1:offensive");
    expect(b.lastToast()).toBe("Statement #1 is already published: another committee member decided first.");
    expect(await h.db.statement.findUnique({ where: { id: 1 } })).toMatchObject({ status: "approved", moderatedBy: 8105n });
    expect(h.tg.chat(8009).filter((m) => m.text.startsWith("Your statement")).length).toBe(1);
    await b.pressData("mod:ok:99");
    expect(b.lastToast()).toBe("Statement #99 no longer exists.");
  });

  it("skips to the next pending statement and says when the queue ends", async () => {
    await consultation(h);
    const alice = await resident(h, 8010, "en");
    const chair = await committeeMember(h, 8107, "en");
    await alice.send("/opinion First idea");
    await alice.send("/opinion Second idea");
    await chair.send("/moderate");
    expect(chair.last().text).toContain("<b>Statement #1</b>");
    await chair.press("Skip ⏭");
    expect(chair.last().text).toContain("<b>Statement #2</b>");
    await chair.press("Skip ⏭");
    expect(chair.last().text).toBe("That was the last one in this queue.");
  });
});

describe("/themes", () => {
  it("shows the most frequent meaningful words of a consultation's published statements", async () => {
    const cid = await consultation(h);
    await statements(h, cid, [
      "地下车库增加充电桩",
      "充电桩应该免费",
      "车库晚上太暗",
      "More chargers in the garage please",
      { zh: "这条还在审核：充电桩充电桩", status: "pending" },
    ]);
    const chair = await committeeMember(h, 8108, "en");
    await chair.send("/themes");
    const lines = chair.last().text.split("\n");
    expect(lines.slice(0, 2)).toEqual([
      "<b>Themes of “Parking plan”</b>",
      "Terms found in at least two of its 4 published statements (a statement and its translation count once; a term and its translation are one theme):",
    ]);
    // Ties keep the order in which the words first appear; a term of one statement only is not a theme.
    expect(lines.slice(2)).toEqual(["1. 车库 — 2 statements", "2. 充电 — 2 statements"]);
    // Stop-words are left out.
    expect(lines.slice(2).join("\n")).not.toMatch(/\bthe\b|\bin\b/);

    await chair.send("/themes 99");
    expect(chair.last().text).toBe("There is no consultation #99.");
    await chair.send("/themes x");
    expect(chair.last().plain).toBe("Usage: /themes <consultation number>");
    const other = await consultation(h, { titleEn: "Noise" });
    await chair.send("/themes");
    expect(chair.buttons()).toEqual(["Parking plan", "Noise"]);
    await chair.press("Noise");
    expect(chair.last().text).toBe("“Noise” has no published statements yet.");
    expect(other).toBeGreaterThan(cid);
    const resident8109 = await resident(h, 8109, "en");
    await resident8109.send("/themes");
    expect(resident8109.last().text).toContain("Only committee members may use /themes");
  });
});

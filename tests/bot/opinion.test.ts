import { describe, expect, it } from "vitest";
import { useHarness } from "../support/park.js";
import { consultation, resident, statements } from "../support/statements.js";

const h = useHarness({ roster: false });

const stored = () => h.db.statement.findMany({ orderBy: { id: "asc" } });

describe("/opinion: a resident writes a statement", () => {
  it("in Chinese: prompt, statement saved as pending with its author and language, input ended", async () => {
    const cid = await consultation(h);
    const wang = await resident(h, 5001, "zh");
    await wang.send("/opinion");
    expect(wang.last().text).toBe(
      "请用一条消息写下您对“停车位规划”的观点：\n\n• 只写一个观点，让别人可以赞成或反对\n• 不要写成问题\n• 不超过 280 个字\n\n自治委员会审核后，其他居民才能看到。",
    );
    expect(wang.buttons()).toEqual(["取消"]);
    expect(await h.db.chatState.findUnique({ where: { userId: 5001n } })).toMatchObject({ kind: "statement" });

    await wang.send("  地下车库  应该  增加充电桩。 ");
    expect(wang.last().text).toBe(
      "谢谢！您对“停车位规划”的观点正在等待自治委员会审核，公开后我会通知您。\n\n<blockquote>地下车库 应该 增加充电桩。</blockquote>",
    );
    expect(await stored()).toMatchObject([
      { consultationId: cid, authorId: 5001n, textZh: "地下车库 应该 增加充电桩。", textEn: null, originalLanguage: "zh", status: "pending", seed: false, normalized: "地下车库应该增加充电桩" },
    ]);
    expect(await h.db.chatState.count()).toBe(0);
    // The next message is not a statement any more.
    await wang.send("谢谢");
    expect(await h.db.statement.count()).toBe(1);
  });

  it("in English, an unmoderated consultation publishes at once; the text may be given with the command", async () => {
    await consultation(h, { moderated: false });
    const alice = await resident(h, 5002, "en");
    await alice.send("/opinion The <b>bike</b> shed needs a roof & lights.");
    expect(alice.last().text).toBe(
      "Thank you! Your statement is published in “Parking plan”; others can rate it now.\n\n<blockquote>The &lt;b&gt;bike&lt;/b&gt; shed needs a roof &amp; lights.</blockquote>",
    );
    expect(await stored()).toMatchObject([{ textEn: "The <b>bike</b> shed needs a roof & lights.", originalLanguage: "en", status: "approved" }]);
    // A statement given with the command that needs fixing: the next message is the corrected one.
    await alice.send("/opinion Should the shed be bigger?");
    expect(alice.last().text).toContain("not a question");
    await alice.send("The shed should be bigger");
    expect(alice.last().text).toContain("Thank you! Your statement is published");
    expect(await h.db.statement.count()).toBe(2);
  });

  it("refuses empty, whitespace-only, over-long and question statements, saving nothing and waiting for another try", async () => {
    await consultation(h);
    const alice = await resident(h, 5003, "en");
    await alice.send("/opinion");
    for (const blank of ["   ", "\u3000\u3000", "\u200B", "...。"]) {
      await alice.send(blank);
      expect(alice.last().text).toBe("Your statement is empty. Please write one idea in words, or press Cancel.");
      expect(alice.buttons()).toEqual(["Cancel"]);
    }
    await alice.send("x".repeat(281));
    expect(alice.last().text).toBe("Your statement has 281 characters; the limit is 280. Please shorten it and send it again.");
    await alice.send("停".repeat(300));
    expect(alice.last().text).toBe("Your statement has 300 characters; the limit is 280. Please shorten it and send it again.");
    await alice.send("Should we add more parking?");
    expect(alice.last().text).toContain("not a question");
    expect(await h.db.statement.count()).toBe(0);
    // Exactly 280 characters is fine, and the input was still open.
    await alice.send("y".repeat(280));
    expect(alice.last().text).toContain("Thank you!");
    expect(await h.db.statement.count()).toBe(1);
  });

  it("refuses a duplicate after normalizing spaces, case and full-width characters, quoting the existing one", async () => {
    const cid = await consultation(h);
    await statements(h, cid, [{ en: "More EV chargers in garage B", zh: "B 车库增加电动车充电桩" }]);
    const alice = await resident(h, 5004, "en");
    const wang = await resident(h, 5005, "zh");
    await alice.send("/opinion");
    await alice.send("ｍｏｒｅ  ev   CHARGERS in ｇａｒａｇｅ b.");
    expect(alice.last().text).toBe(
      "This statement is already in the consultation:\n\n<blockquote>More EV chargers in garage B</blockquote>\n\nNothing was saved. You can rate it with /rate, or send a different statement.",
    );
    // A Chinese reader sees the existing one in Chinese.
    await wang.send("/opinion More EV chargers in garage B");
    expect(wang.last().text).toContain("这个观点已经在征询中了：\n\n<blockquote>B 车库增加电动车充电桩</blockquote>");
    expect(await h.db.statement.count()).toBe(1);

    // A seed stored in another normalized form (here: with its full stop) is still found.
    await h.db.statement.create({ data: { consultationId: cid, textZh: "东门增设自行车棚。", originalLanguage: "zh", normalized: "东门增设自行车棚。", status: "approved", seed: true } });
    await alice.send("东门 增设自行车棚");
    expect(alice.last().text).toContain("This statement is already in the consultation:\n\n<blockquote>东门增设自行车棚。 (original in Chinese)</blockquote>");
    // A duplicate of a pending statement is pointed to as waiting for review, shown with the original-language marker.
    await statements(h, cid, [{ zh: "晚上十点后禁止鸣笛", status: "pending" }]);
    await alice.send("晚上十点后 禁止鸣笛");
    expect(alice.last().text).toBe(
      "The same statement was already sent and waits for the committee's review:\n\n<blockquote>晚上十点后禁止鸣笛 (original in Chinese)</blockquote>\n\nNothing was saved. Send a different statement, or press Cancel.",
    );
    expect(await h.db.statement.count()).toBe(3);
    await alice.press("Cancel");
    expect(alice.last().text).toBe("Cancelled. Nothing was saved.");
    expect(await h.db.chatState.findUnique({ where: { userId: 5004n } })).toBeNull();
    // Wang's duplicate came with the command: Wang is now asked for a different statement.
    expect(await h.db.chatState.findUnique({ where: { userId: 5005n } })).toMatchObject({ kind: "statement" });
  });

  it("asks which consultation when several are open, and refuses clearly where statements are not taken", async () => {
    const a = await consultation(h, { titleEn: "Parking plan" });
    await consultation(h, { titleEn: "Noise rules", residentStatements: false });
    const c = await consultation(h, { titleEn: "Green spaces" });
    const alice = await resident(h, 5006, "en");
    await alice.send("/opinion");
    expect(alice.last().text).toBe("Which consultation is your statement for?");
    expect(alice.buttons()).toEqual(["Parking plan", "Green spaces"]);
    await alice.press("Green spaces");
    expect(alice.last().text).toContain("Write your statement for “Green spaces” in one message");
    await alice.send("Plant trees along the east wall");
    expect(await stored()).toMatchObject([{ consultationId: c, textEn: "Plant trees along the east wall" }]);
    expect(a).toBeLessThan(c);

    // The consultation view's button on a consultation without resident statements.
    await alice.pressData(`op:${a + 1}`);
    expect(alice.lastToast()).toBe("“Noise rules” does not take statements from residents. You can rate the committee's statements with /rate.");
    await h.db.consultation.updateMany({ where: { id: { in: [a, c] } }, data: { residentStatements: false } });
    await alice.send("/opinion");
    expect(alice.last().text).toBe("None of the open consultations takes statements from residents. You can rate statements with /rate.");
  });

  it("refuses people outside the audience, unverified people, and closed consultations; nothing is stored", async () => {
    const cid = await consultation(h, { audience: ["5号楼"] });
    const alice = await resident(h, 5007, "en", "3号楼");
    await alice.send("/opinion");
    expect(alice.last().text).toBe("None of the open consultations is for your building.");
    await alice.pressData(`op:${cid}`);
    expect(alice.lastToast()).toBe("“Parking plan” is for residents of 5号楼 only. Nothing was saved.");

    const stranger = h.person({ id: 5008, language_code: "zh" });
    await stranger.send("/opinion");
    expect(stranger.last().text).toBe("您还没有登记。发送 /start 开始登记。");
    await h.db.user.create({ data: { id: 5009n, language: "zh", consentAt: h.clock.now(), status: "pending" } });
    const pending = h.person({ id: 5009, language_code: "zh" });
    await pending.send("/opinion");
    expect(pending.last().text).toBe("您的登记正在等待自治委员会核实。核实后即可参与。");

    // Writing started, then the consultation closed before the statement was sent.
    const open = await consultation(h, { titleEn: "Lifts" });
    const bob = await resident(h, 5010, "en");
    await bob.send("/opinion");
    expect(bob.last().text).toContain("“Lifts”");
    await h.db.consultation.update({ where: { id: open }, data: { status: "closed" } });
    await bob.send("Service the lifts monthly");
    expect(bob.last().text).toBe("“Lifts” is closed. Nothing was saved.");
    expect(await h.db.statement.count()).toBe(0);
    expect(await h.db.chatState.count()).toBe(0);
  });

  it("keeps the input across a restart (it lives in the database) and lets it lapse after an hour", async () => {
    await consultation(h);
    const alice = await resident(h, 5011, "en");
    await alice.send("/opinion");
    h.clock.advance(30 * 60_000);
    await alice.send("Quiet hours after 22:00");
    expect(await h.db.statement.count()).toBe(1);

    await alice.send("/opinion");
    h.clock.advance(61 * 60_000);
    await alice.send("Another idea");
    // Not taken as a statement: the bot answers as it does to any chatter.
    expect(alice.last().text).toBe("Send a command, or tap the menu button. /help");
    expect(await h.db.statement.count()).toBe(1);
    expect(await h.db.chatState.count()).toBe(0);
  });

  it("/cancel ends writing", async () => {
    await consultation(h);
    const alice = await resident(h, 5013, "en");
    await alice.send("/opinion");
    await alice.send("/cancel");
    expect(alice.last().text).toBe("Cancelled. Nothing was saved.");
    expect(await h.db.chatState.count()).toBe(0);
    await alice.send("Not a statement now");
    expect(await h.db.statement.count()).toBe(0);
  });

  it("a photo while a statement is expected asks for text", async () => {
    await consultation(h);
    const alice = await resident(h, 5012, "en");
    await alice.send("/opinion");
    await alice.photo();
    expect(alice.last().text).toBe("I need a text message here.");
    expect(alice.buttons()).toEqual(["Cancel"]);
  });
});

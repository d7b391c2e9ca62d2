import { describe, expect, it } from "vitest";
import type { Person } from "../support/harness.js";
import { useHarness } from "../support/park.js";
import { consultation, resident, statements, votes } from "../support/statements.js";

const h = useHarness({ roster: false });

const ZH = ["地下车库增加充电桩", "晚上十点后禁止鸣笛", "东门增设自行车棚", "快递柜搬到北门", "每月公开物业账目", "电梯每月检修一次", "绿地改建儿童游乐场", "禁止在楼道堆放杂物", "增加夜间保安巡逻", "垃圾分类点移到路边"];
const EN = ["More EV chargers in garage B", "No horns after 22:00", "A bike shed at the east gate", "Move the parcel lockers to the north gate", "Publish the property accounts monthly", "Service the lifts every month", "Turn the lawn into a playground", "Nothing stored in stairwells", "More night patrols", "Move the recycling point to the road"];

/** The statement text inside the card's quote. */
const quoted = (text: string) => /<blockquote>([\s\S]*?)<\/blockquote>/.exec(text)?.[1] ?? null;

async function setUp(lang: "zh" | "en") {
  const cid = await consultation(h);
  // Half written in Chinese with an English translation, half in English only.
  const ids = await statements(h, cid, [
    ...ZH.slice(0, 5).map((zh, i) => ({ zh, en: EN[i]! })),
    ...EN.slice(5).map((en) => ({ en })),
  ]);
  const person = await resident(h, lang === "zh" ? 6001 : 6002, lang);
  return { cid, ids, person };
}

function idOf(text: string, ids: number[], lang: "zh" | "en"): number {
  const q = quoted(text)!;
  // A Chinese reader sees English-only statements in English.
  const i = lang === "zh" && ZH.includes(q) ? ZH.indexOf(q) : EN.indexOf(q);
  expect(i, `unknown card text ${q}`).toBeGreaterThanOrEqual(0);
  return ids[i]!;
}

const votesOf = (p: Person) => h.db.statementVote.findMany({ where: { voterId: BigInt(p.id) }, orderBy: { statementId: "asc" } });

describe("the rating loop", () => {
  it("in Chinese: one statement at a time, the next replaces it, a vote can be changed, then 'no more statements'", async () => {
    const { ids, person } = await setUp("zh");
    await person.send("/rate");
    const card = person.last();
    expect(card.text.split("\n")[0]).toBe("<b>停车位规划</b> — 您已对 10 条观点中的 0 条表态");
    expect(card.text).toContain("\n\n您赞成吗？\n\n再表态 7 条，即可查看您的立场。");
    expect(person.buttons()).toEqual(["赞成", "反对", "略过"]);
    // English-only statements carry the original-language marker for a Chinese reader.
    const seen: number[] = [];
    const first = idOf(card.text, ids, "zh") ;
    seen.push(first);

    await person.press("赞成");
    expect(person.lastToast()).toBe("已保存：赞成");
    expect(person.last().messageId).toBe(card.messageId); // replaced in place, no new message
    expect(await votesOf(person)).toMatchObject([{ statementId: first, participant: "u6001", vote: 1 }]);
    const second = idOf(person.last().text, ids, "zh");
    expect(second).not.toBe(first);
    expect(person.last().text.split("\n")[0]).toBe("<b>停车位规划</b> — 您已对 10 条观点中的 1 条表态");
    expect(person.buttons()).toEqual(["赞成", "反对", "略过", "↩ 修改上一票"]);

    await person.press("反对");
    expect(person.lastToast()).toBe("已保存：反对");
    // Change the last vote: the statement comes back with the vote marked.
    await person.press("↩ 修改上一票");
    expect(idOf(person.last().text, ids, "zh")).toBe(second);
    expect(person.last().text).toContain("您的选择：<b>反对</b>。按其他按钮即可修改。");
    expect(person.buttons()).toEqual(["赞成", "✓ 反对", "略过", "不修改 · 下一条"]);
    await person.press("略过");
    expect(person.lastToast()).toBe("已修改：反对 → 略过");
    expect((await votesOf(person)).map((v) => [v.statementId, v.vote])).toEqual([first, second].sort((a, b) => a - b).map((id) => [id, id === first ? 1 : 0]));
    seen.push(second);

    // Rate the rest; no statement comes twice; the marker shows on English-only ones.
    for (let n = 2; n < 10; n++) {
      const text = person.last().text;
      const id = idOf(text, ids, "zh");
      expect(seen).not.toContain(id);
      seen.push(id);
      const index = ids.indexOf(id);
      if (index >= 5) expect(text).toContain(`<blockquote>${EN[index]}</blockquote>\n<i>（原文 English）</i>`);
      else expect(text).not.toContain("原文");
      await person.press(n % 3 === 0 ? "反对" : "赞成");
    }
    expect(person.last().text).toBe("<b>停车位规划</b>\n\n您已对全部 10 条观点表态，谢谢！之后可能还会有新观点，稍后可再发送 /rate。");
    expect(person.buttons()).toEqual(["↩ 修改上一票", "📍 我的立场"]);
    expect(await h.db.statementVote.count()).toBe(10);
    await person.send("/rate");
    expect(person.last().text).toContain("您已对全部 10 条观点表态");
  });

  it("in English, with Agree / Disagree / Pass and the translation shown", async () => {
    const { ids, person } = await setUp("en");
    await person.send("/rate");
    expect(person.last().text.split("\n")[0]).toBe("<b>Parking plan</b> — you rated 0 of 10 statements");
    expect(person.last().text).toContain("Do you agree?\n\nWhere you stand: after 7 more vote(s).");
    expect(person.buttons()).toEqual(["Agree", "Disagree", "Pass"]);
    const first = idOf(person.last().text, ids, "en");
    expect(person.last().text).not.toContain("original in");
    await person.press("Disagree");
    expect(person.lastToast()).toBe("Saved: Disagree");
    await person.press("Pass");
    expect(person.lastToast()).toBe("Saved: Pass");
    expect((await votesOf(person)).find((v) => v.statementId === first)?.vote).toBe(-1);
    expect((await votesOf(person)).map((v) => v.vote).sort()).toEqual([-1, 0]);
  });

  it("after 7 votes the resident may ask where they stand, and sees their group, what sets it apart and the common ground", async () => {
    const { cid, ids, person } = await setUp("en");
    // 18 neighbours agree with statements 0–3 and disagree with 4–7; 12 think the opposite; everyone agrees with 8 and 9.
    const rows: { participant: string; statementId: number; vote: number }[] = [];
    for (let p = 0; p < 30; p++) {
      const groupA = p < 18;
      ids.forEach((id, i) => rows.push({ participant: `u${7000 + p}`, statementId: id, vote: i >= 8 ? 1 : (i < 4) === groupA ? 1 : -1 }));
    }
    await votes(h, rows);

    await person.send("/rate");
    const pressFor = async (n: number) => {
      for (let k = 0; k < n; k++) {
        const i = ids.indexOf(idOf(person.findButton("Agree").message.text, ids, "en"));
        await person.press(i >= 8 || i < 4 ? "Agree" : "Disagree"); // thinks like the 18
      }
    };
    await pressFor(6);
    expect(person.buttons()).not.toContain("📍 Where do I stand?");
    expect(person.last().text).toContain("Where you stand: after 1 more vote(s).");
    await person.send("/mystance");
    expect(person.last().text).toBe("<b>Where you stand</b> — “Parking plan”\n\nYou have rated 6 statement(s). After 7 I can show where you stand: /rate");

    await pressFor(1);
    expect(person.findButton("Agree").message.buttons.map((b) => b.text)).toContain("📍 Where do I stand?");
    // No analysis yet: the press only reads the cache, it never computes one.
    await person.press("📍 Where do I stand?");
    expect(person.last().text).toContain("The opinion groups have not been worked out yet.");
    expect(await h.db.analysisCache.count()).toBe(0);

    // The background refresher runs (here on demand; the resident, with 7 votes, is in it); then their place is known.
    await h.services.statements.analysis.refreshNow(cid);
    await person.press("📍 Where do I stand?");
    const text = person.last().text;
    const lines = text.split("\n");
    expect(lines.slice(0, 3)).toEqual([
      "<b>Where you stand</b> — “Parking plan”",
      "",
      "You are in opinion group <b>A</b>: 19 of the 31 residents placed so far, in 2 groups. Nobody can see who is in a group.",
    ]);
    expect(text).toContain("<b>What sets your group apart</b>\n• ");
    // Every distinguishing line is one of the statements the 18 agree with (or disagree with), 100% vs 0%.
    const apart = [...text.matchAll(/• (.+)\n {3}100% of your group (agree|disagree) \(the others: 0%\)/g)].map((m) => [m[1], m[2]]);
    expect(apart.length).toBeGreaterThan(0);
    for (const [statement, direction] of apart) expect(EN.indexOf(statement!) < 4 ? "agree" : "disagree").toBe(direction);
    expect(text).toContain("<b>What every group agrees on</b>");
    expect(text).toContain(`• ${EN[8]}\n   agreed by at least 100% in every group`);
    expect(text).toContain(`• ${EN[9]}\n   agreed by at least 100% in every group`);
    expect(text).toContain("From the analysis of 2026-11-27 10:00.");
    // Never who: no Telegram id of anyone in it.
    expect(text).not.toMatch(/u?70\d\d|6002/);
  });

  it("a resident whose group has fewer than 5 people is told it is not described", async () => {
    const { cid, ids, person } = await setUp("zh");
    const rows: { participant: string; statementId: number; vote: number }[] = [];
    for (let p = 0; p < 24; p++) ids.forEach((id, i) => rows.push({ participant: `u${7100 + p}`, statementId: id, vote: (i < 5) === p < 20 ? 1 : -1 }));
    await votes(h, rows);
    await h.services.statements.analysis.refreshNow(cid);
    const cache = await h.db.analysisCache.findUniqueOrThrow({ where: { consultationId: cid } });
    const snapshot = JSON.parse(cache.data);
    expect(snapshot.groups.map((g: { size: number; suppressed: boolean }) => [g.size, g.suppressed])).toEqual([[20, false], [4, true]]);
    // The cache holds no participant ids at all.
    expect(cache.data).not.toMatch(/u71\d\d/);

    await person.send("/rate");
    for (let k = 0; k < 7; k++) {
      const i = ids.indexOf(idOf(person.last().text, ids, "zh"));
      await person.press(i < 5 ? "反对" : "赞成"); // thinks like the 4
    }
    await person.press("📍 我的立场");
    expect(person.last().text).toBe(
      "<b>您的立场</b> — “停车位规划”\n\n您所在的意见群体不足 5 人，为保护其中每个人的隐私，不作描述。\n\n<b>所有群体都赞成的观点</b>\n目前还没有所有群体都赞成的观点。\n\n依据 2026-11-27 10:00 的分析。",
    );
  });
});

describe("votes that must not be stored", () => {
  it("on rejected, pending or unknown statements, from an old card, or pressed twice", async () => {
    const { cid, ids, person } = await setUp("en");
    const [pending, rejected] = await statements(h, cid, [
      { en: "Paint the fences green", status: "pending" },
      { en: "Name the careless drivers", status: "rejected" },
    ]);
    await person.send("/rate");
    await person.pressData(`sv:${pending}:a:0`);
    expect(person.lastToast()).toBe("This statement still waits for the committee's review and cannot be rated yet. Nothing was saved.");
    await person.pressData(`sv:${rejected}:d:0`);
    expect(person.lastToast()).toBe("The committee withdrew this statement. Nothing was saved.");
    await person.pressData("sv:999999:a:0");
    expect(person.lastToast()).toBe("This statement does not exist. Nothing was saved.");
    await person.pressData("sv:abc:a:0");
    expect(person.lastToast()).toBe("This button is not valid any more. Nothing was changed.");
    await person.pressData(`sv:${ids[0]}:x:0`);
    expect(person.lastToast()).toBe("This button is not valid any more. Nothing was changed.");
    expect(await h.db.statementVote.count()).toBe(0);

    // Two cards: a vote on the newer one makes the older one stale.
    const older = person.last();
    await person.send("/rate");
    const newer = person.last();
    const olderAgree = older.buttons.find((b) => b.text === "Agree")!.callback_data!;
    await person.pressData(newer.buttons.find((b) => b.text === "Agree")!.callback_data!, newer);
    expect(await h.db.statementVote.count()).toBe(1);
    await person.pressData(olderAgree, older);
    expect(person.lastToast()).toBe("This card is older than your last vote. Nothing was saved; here is the current one.");
    expect(await h.db.statementVote.count()).toBe(1);
    // The same button pressed twice (a double tap) stores one vote.
    const current = person.last();
    const data = current.buttons.find((b) => b.text === "Disagree")!.callback_data!;
    await person.pressData(data, current);
    await person.pressData(data, current);
    expect(person.lastToast()).toBe("This card is older than your last vote. Nothing was saved; here is the current one.");
    expect(await h.db.statementVote.count()).toBe(2);
  });

  it("from someone outside the audience, on a closed consultation, or from someone not verified", async () => {
    const cid = await consultation(h, { audience: ["5号楼"] });
    const [id] = await statements(h, cid, ["Fix the gate"]);
    const outsider = await resident(h, 6101, "en", "3号楼");
    await outsider.send("/rate");
    expect(outsider.last().text).toBe("None of the open consultations is for your building.");
    await outsider.pressData(`rate:${cid}`);
    expect(outsider.lastToast()).toBe("“Parking plan” is for residents of 5号楼 only. Nothing was saved.");
    await outsider.pressData(`sv:${id}:a:0`);
    expect(outsider.lastToast()).toBe("“Parking plan” is for residents of 5号楼 only. Nothing was saved.");

    const insider = await resident(h, 6102, "zh", "5号楼");
    await insider.send("/rate");
    const card = insider.last();
    await h.db.consultation.update({ where: { id: cid }, data: { status: "closed" } });
    await insider.press("赞成");
    expect(insider.lastToast()).toBe("“停车位规划”已经结束。没有保存任何内容。");
    expect(card.buttons).toEqual([]);

    const stranger = h.person({ id: 6103, language_code: "en" });
    await stranger.pressData(`sv:${id}:a:0`);
    expect(stranger.lastToast()).toBe("You are not registered yet. Send /start to register.");
    expect(await h.db.statementVote.count()).toBe(0);
  });

  it("a statement rejected while it is on a card: the press stores nothing and the next one is shown", async () => {
    const { ids, person } = await setUp("en");
    await person.send("/rate");
    const shown = idOf(person.last().text, ids, "en");
    await h.db.statement.update({ where: { id: shown }, data: { status: "rejected" } });
    await person.press("Agree");
    expect(person.lastToast()).toBe("The committee withdrew this statement. Nothing was saved.");
    expect(await h.db.statementVote.count()).toBe(0);
    expect(idOf(person.last().text, ids, "en")).not.toBe(shown);
  });
});

import nock from "nock";
import { describe, expect, it } from "vitest";
import { EXAMPLE_SPEC, committeeMember, seedResident, serveFile, specWith, useHarness } from "../support/park.js";
import { OPERATOR } from "../support/actors.js";

const h = useHarness({ adminIds: [900n], nock: true });

/** Everything a refused spec must leave untouched. */
const snapshot = async () => ({
  consultations: await h.db.consultation.count(),
  polls: await h.db.poll.count(),
  statements: await h.db.statement.count(),
  outbox: await h.db.outboxMessage.count(),
  states: await h.db.chatState.count(),
});
const EMPTY = { consultations: 0, polls: 0, statements: 0, outbox: 0, states: 0 };

async function send(lang: "zh" | "en", body: string, name = "spec.json") {
  const c = await committeeMember(h, lang === "zh" ? 610 : 611, lang);
  serveFile("f", body);
  await c.document(name, "f", Buffer.byteLength(body), "application/json");
  return c.last().text;
}

describe("a spec file that is wrong is refused whole, with every problem's JSON path, and changes nothing", () => {
  it("unknown fields, a title in neither language, a closing time in the past (English)", async () => {
    const text = await send("en", specWith((s) => {
      s.color = "red";
      s.polls[0].weight = 2;
      s.title = { zh: "  ", fr: "Titre" };
      s.closesAt = "2026-11-01T20:00:00+08:00";
    }));
    expect(text.split("\n")).toEqual([
      "The consultation file was not accepted; nothing was changed. Please fix these problems and send it again:",
      "• <code>title.zh</code>: must not be empty",
      "• <code>title</code>: unknown field(s): fr",
      "• <code>title</code>: give the text in at least one language: \"zh\" or \"en\"",
      "• <code>polls[0]</code>: unknown field(s): weight",
      "• unknown field(s): color",
    ]);
    const past = await send("en", specWith((s) => (s.closesAt = "2026-11-01T20:00:00+08:00")));
    expect(past.split("\n")[1]).toBe("• <code>closesAt</code>: “2026-11-01T20:00:00+08:00” has already passed; the closing time must be in the future");
    const neither = await send("en", specWith((s) => (s.title = {})));
    expect(neither.split("\n")[1]).toBe("• <code>title</code>: give the text in at least one language: \"zh\" or \"en\"");
    expect(await snapshot()).toEqual(EMPTY);
  });

  it("a poll without options, with more than 10, a rule that needs owners, a quorum where none applies (Chinese)", async () => {
    const text = await send("zh", specWith((s) => {
      delete s.polls[0].options;
      s.polls[1].options = Array.from({ length: 11 }, (_, i) => ({ zh: `选项${i + 1}` }));
      s.polls[3].options = [];
      s.polls[4].rule = "civil-code-278";
      s.polls[4].quorumPercent = 30;
    }));
    expect(text.split("\n")).toEqual([
      "征询文件未被接受，没有做任何更改。请修正以下问题后重新发送：",
      "• <code>polls[0].options</code>：single 类型的问题需要 \"options\"",
      "• <code>polls[1].options</code>：有 11 个选项；最多 10 个",
      "• <code>polls[3].options</code>：只有 0 个选项；至少需要 2 个",
      "• <code>polls[4].voters</code>：规则“civil-code-278”按业主计票：请设置 \"voters\": \"owners\"",
      "• <code>polls[4].quorumPercent</code>：规则“civil-code-278”不适用法定人数",
    ]);
    expect(await snapshot()).toEqual(EMPTY);
  });

  it("an Art. 278 poll whose audience's roster has units without a floor area names them, registered owner or not", async () => {
    // Nobody registered in 3号楼 304 or 2号楼 203; the totals need their areas all the same.
    await h.services.roster.import(Buffer.from("building,unit,area_m2\n3号楼,304,\n2号楼,203,\n9号楼,902,"), OPERATOR);
    const text = await send("en", EXAMPLE_SPEC.toString("utf8"));
    expect(text.split("\n")).toEqual([
      "The consultation file was not accepted; nothing was changed. Please fix these problems and send it again:",
      "• <code>polls[0]</code>: Art. 278 counts every unit of the audience's buildings by its floor area, but the roster has none for 2 unit(s): 2号楼 203, 3号楼 304. Add the areas to the roster (CSV column area_m2) first",
    ]);
    const zh = await send("zh", EXAMPLE_SPEC.toString("utf8"));
    expect(zh).toContain("• <code>polls[0]</code>：第二百七十八条按所涉楼栋全部单元的专有部分面积计算，但名册中有 2 个单元没有面积：2号楼 203, 3号楼 304。请先在名册中补充面积（CSV 的 area_m2 列）");
    // An owner's own statement of the area is not the roster's: still refused.
    await seedResident(h, { id: 303, building: "3号楼", unit: "304", areaCenti: 4550 });
    expect(await send("en", EXAMPLE_SPEC.toString("utf8"))).toContain("the roster has none for 2 unit(s)");
    // A unit outside the audience (9号楼) does not matter; with the areas on the roster the file is accepted.
    await h.services.roster.import(Buffer.from("building,unit,area_m2\n3号楼,304,45\n2号楼,203,70"), OPERATOR);
    await send("en", EXAMPLE_SPEC.toString("utf8"));
    expect(h.tg.last(611).buttons.map((b) => b.text)).toEqual(["✅ Open it now", "✖ Discard"]);
  });

  it("the property register's totals may not hold less area than the roster's units of the audience", async () => {
    // 1–3号楼 on the roster: 638.25 m².
    const text = await send("en", specWith((s) => (s.polls[0].ownerTotals = { owners: 6, areaM2: 600 })));
    expect(text.split("\n")).toEqual([
      "The consultation file was not accepted; nothing was changed. Please fix these problems and send it again:",
      "• <code>polls[0].ownerTotals.areaM2</code>: 600 m² is less than the roster's units of the audience hold (638.25 m²); the property register's total includes every one of them",
    ]);
    expect(await send("zh", specWith((s) => (s.polls[0].ownerTotals = { owners: 6, areaM2: 600 })))).toContain("• <code>polls[0].ownerTotals.areaM2</code>：600 m² 小于名册中征询对象各单元的面积合计（638.25 m²）；不动产登记的总面积应包括所有这些单元");
    await send("en", specWith((s) => (s.polls[0].ownerTotals = { owners: 6, areaM2: 638.25 })));
    expect(h.tg.last(611).buttons.map((b) => b.text)).toEqual(["✅ Open it now", "✖ Discard"]);
  });

  it("not JSON, not UTF-8, too large, an unknown building", async () => {
    expect(await send("en", "{ \"title\": ")).toMatch(/^The consultation file was not accepted.*\n• the file is not valid JSON \(.+\)$/s);
    const c = await committeeMember(h, 611, "en");
    await c.document("big.json", "big", 300 * 1024, "application/json");
    expect(c.last().text).toContain("• the file is larger than 256 KB");
    const unknown = await send("zh", specWith((s) => (s.audience.buildings = ["1号楼", "7号楼", "1号楼"])));
    expect(unknown.split("\n").slice(1)).toEqual(["• <code>audience.buildings[2]</code>：“1号楼”重复列出"]);
    const seven = await send("zh", specWith((s) => (s.audience.buildings = ["7号楼"])));
    expect(seven.split("\n").slice(1)).toEqual(["• <code>audience.buildings[0]</code>：名册中没有楼栋“7号楼”"]);
    expect(await snapshot()).toEqual(EMPTY);
  });

  it("a resident who sends a spec file is refused and nothing is read", async () => {
    const r = await seedResident(h, { id: 305, lang: "en", building: "1号楼", unit: "101" });
    await r.document("consultation.json", "nope", 100, "application/json");
    expect(r.last().text).toBe("Only committee members can send files to me. Nothing was changed.");
    const zh = await seedResident(h, { id: 306, lang: "zh", building: "1号楼", unit: "102" });
    await zh.document("consultation.json", "nope", 100, "application/json");
    expect(zh.last().text).toBe("只有自治委员会成员可以向我发送文件。没有做任何更改。");
    expect(await snapshot()).toEqual(EMPTY);
  });

  it("a preview discarded, or confirmed twice, creates nothing more than once", async () => {
    const c = await committeeMember(h, 611, "en");
    serveFile("a", EXAMPLE_SPEC);
    await c.document("consultation.json", "a", EXAMPLE_SPEC.length, "application/json");
    const open = c.findButton("✅ Open it now").button.callback_data!;
    await c.press("✖ Discard");
    expect(c.last().text).toBe("Cancelled. Nothing was changed.");
    await c.pressData(open);
    expect(c.lastToast()).toBe("This preview was discarded or replaced by a newer file. To create the consultation, send the file again.");
    expect(await snapshot()).toEqual(EMPTY);

    serveFile("b", EXAMPLE_SPEC);
    await c.document("consultation.json", "b", EXAMPLE_SPEC.length, "application/json");
    const again = c.findButton("✅ Open it now").button.callback_data!;
    await Promise.all([c.pressData(again), c.pressData(again)]);
    expect(await h.db.consultation.count()).toBe(1);
  });
});

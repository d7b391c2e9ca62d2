// /themes counts statements, not words, and merges a term with its translation
// where the committee gave both texts (src/domain/themes/statementThemes.ts).
import { describe, expect, it } from "vitest";
import { useHarness } from "../support/park.js";
import { committeeMember, consultation, statements } from "../support/statements.js";

const h = useHarness({ roster: false });

describe("/themes", () => {
  it("one theme for a term and its translation, counted once per statement; only themes in two or more statements", async () => {
    const cid = await consultation(h);
    await statements(h, cid, [
      { zh: "停车位不够", en: "Not enough parking spaces" },
      { zh: "停车费太贵", en: "Parking fees are too expensive" },
      { zh: "地下车库太暗", en: "The underground garage is too dark" },
      { zh: "增加停车位", en: "Add more parking spaces" },
      { zh: "车库需要照明", en: "The garage needs lighting" },
      { zh: "车库经常漏水" },
      { zh: "这条还在审核：车库车库", status: "pending" },
    ]);
    const en = await committeeMember(h, 8900, "en");
    await en.send("/themes");
    expect(en.last().text).toBe(
      [
        "<b>Themes of “Parking plan”</b>",
        "Terms found in at least two of its 6 published statements (a statement and its translation count once; a term and its translation are one theme):",
        "1. parking — 3 statements",
        "2. 车库 / garage — 3 statements",
        "3. 停车位 / spaces — 2 statements",
      ].join("\n"),
    );
    const zh = await committeeMember(h, 8901, "zh");
    await zh.send(`/themes ${cid}`);
    expect(zh.last().text.split("\n").slice(0, 3)).toEqual([
      "<b>“停车位规划”的主题</b>",
      "在 6 条已公开观点中至少出现于两条的词（一条观点与其译文只算一次；一个词与其译文算作同一主题）：",
      "1. parking — 3 条观点",
    ]);
  });

  it("says when there are too few statements, or no term is shared by two of them", async () => {
    const one = await consultation(h, { titleEn: "Lifts" });
    await statements(h, one, [{ en: "Lifts break down every week" }]);
    const en = await committeeMember(h, 8902, "en");
    await en.send(`/themes ${one}`);
    expect(en.last().text).toBe("“Lifts” has 1 published statement(s): too few for themes yet. A theme needs at least two statements.");
    const two = await consultation(h, { titleEn: "Noise" });
    await statements(h, two, [{ en: "Shops are loud at night" }, { zh: "快递堆在门口" }]);
    await en.send(`/themes ${two}`);
    expect(en.last().text).toBe("No term occurs in two or more of the 2 published statements of “Noise” yet.");
    const zh = await committeeMember(h, 8903, "zh");
    await zh.send(`/themes ${one}`);
    expect(zh.last().text).toBe("“停车位规划”只有 1 条已公开观点，还不足以归纳主题。一个主题至少需要出现在两条观点中。");
  });
});

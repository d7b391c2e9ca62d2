import { describe, expect, it } from "vitest";
import { CHINESE_STOP_WORDS, ENGLISH_STOP_WORDS } from "../../../src/domain/themes/stopWords.js";
import { extractThemes, meaningfulWords } from "../../../src/domain/themes/themes.js";

describe("meaningful words", () => {
  it("segments Chinese and drops stop-words and single characters", () => {
    expect(meaningfulWords("我们需要更多的停车位和充电桩")).toEqual(["停车位", "充电"]);
    expect(meaningfulWords("商住楼的水电费按商业标准收取不合理")).toEqual(["商住楼", "水电费", "商业", "标准", "收取", "不合理"]);
  });

  it("handles traditional Chinese", () => {
    expect(meaningfulWords("類住宅的物業管理費太高，應該降低")).toContain("物業");
    expect(meaningfulWords("類住宅的物業管理費太高，應該降低")).not.toContain("應該");
  });

  it("lowercases English and drops stop-words, numbers and one-letter words", () => {
    expect(meaningfulWords("The parking fees are TOO high, and we don't have 2 spaces!")).toEqual(["parking", "fees", "high", "spaces"]);
    expect(meaningfulWords("The committee's report")).toEqual(["committee", "report"]);
  });

  it("splits mixed text into its Chinese and English parts", () => {
    expect(meaningfulWords("物业费 property fee 太贵")).toEqual(["物业费", "property", "fee", "太贵"]);
    expect(meaningfulWords("小区wifi太慢")).toEqual(["小区", "wifi", "太慢"]);
  });

  it("treats full-width letters like ASCII", () => {
    expect(meaningfulWords("ＰＡＲＫＩＮＧ")).toEqual(["parking"]);
  });
});

describe("extractThemes", () => {
  const statements = [
    "物业管理费太高了",
    "停车位不够，物业也不管",
    "我们希望增加停车位",
    "Parking is a problem; parking fees are high.",
    "停车位应该优先给业主",
  ];

  it("counts terms across statements, most frequent first", () => {
    const themes = extractThemes(statements, { top: 3 });
    expect(themes).toEqual([
      { term: "停车位", count: 3 },
      { term: "物业", count: 2 },
      { term: "parking", count: 2 },
    ]);
  });

  it("keeps the first-seen order among equal counts and honours minCount", () => {
    expect(extractThemes(["alpha beta", "beta alpha gamma"])).toEqual([
      { term: "alpha", count: 2 },
      { term: "beta", count: 2 },
      { term: "gamma", count: 1 },
    ]);
    expect(extractThemes(["alpha beta", "beta alpha gamma"], { minCount: 2 }).map((t) => t.term)).toEqual(["alpha", "beta"]);
  });

  it("returns nothing for nothing", () => {
    expect(extractThemes([])).toEqual([]);
    expect(extractThemes(["the and of", "的 了"])).toEqual([]);
  });

  it("ships compact stop-word lists in both languages", () => {
    expect(CHINESE_STOP_WORDS.has("我们")).toBe(true);
    expect(CHINESE_STOP_WORDS.has("我們")).toBe(true);
    expect(ENGLISH_STOP_WORDS.has("the")).toBe(true);
    expect(CHINESE_STOP_WORDS.size).toBeLessThan(400);
  });
});

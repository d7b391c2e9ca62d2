import { describe, expect, it } from "vitest";
import { extractThemes } from "../../../src/domain/themes/themes.js";
import { statementThemes } from "../../../src/domain/themes/statementThemes.js";

// Five statements the committee gave in both languages, and one in Chinese only.
const PARK = [
  { zh: "停车位不够", en: "Not enough parking spaces" },
  { zh: "停车费太贵", en: "Parking fees are too expensive" },
  { zh: "地下车库太暗", en: "The underground garage is too dark" },
  { zh: "增加停车位", en: "Add more parking spaces" },
  { zh: "车库需要照明", en: "The garage needs lighting" },
  { zh: "车库经常漏水" },
];

describe("themes of statements", () => {
  it("before: counting words per language split one theme in two and listed words seen once", () => {
    const perWord = extractThemes(PARK.flatMap((s) => [s.zh, s.en ?? ""]), { top: 20 });
    expect(perWord.find((t) => t.term === "车库")?.count).toBe(3);
    expect(perWord.find((t) => t.term === "garage")?.count).toBe(2);
    expect(perWord.filter((t) => t.count === 1).length).toBeGreaterThan(5);
  });

  it("merges a term with its translation where the statements give both texts, and counts statements", () => {
    expect(statementThemes(PARK)).toEqual([
      // "parking" is in statements 1, 2 and 4; 停车位 and "spaces" only in 1 and 4: not the same set, not merged.
      { terms: ["parking"], statements: 3 },
      // Both in exactly statements 3 and 5; the Chinese-only statement 6 counts for the theme too.
      { terms: ["车库", "garage"], statements: 3 },
      { terms: ["停车位", "spaces"], statements: 2 },
    ]);
  });

  it("counts a statement and its translation once, and a word repeated in one statement once", () => {
    // Five words, two statements.
    expect(statementThemes([{ zh: "停车 停车 停车", en: "parking" }, { en: "parking parking" }])).toEqual([{ terms: ["parking"], statements: 2 }]);
    expect(statementThemes([{ zh: "停车 停车", en: "parking" }, { zh: "停车", en: "parking parking" }])).toEqual([{ terms: ["停车", "parking"], statements: 2 }]);
    // The same word in both texts (a name, a loan word) is one term of one statement.
    expect(statementThemes([{ zh: "小区wifi太慢", en: "The wifi is slow" }, { en: "Fix the wifi" }])).toEqual([{ terms: ["wifi"], statements: 2 }]);
  });

  it("shows only themes in at least two statements (or the minimum asked for)", () => {
    expect(statementThemes([{ en: "Lifts break down" }, { zh: "电梯经常坏" }])).toEqual([]);
    expect(statementThemes([{ en: "Lifts break down" }], { minStatements: 1 })).toEqual([
      { terms: ["lifts"], statements: 1 },
      { terms: ["break"], statements: 1 },
    ]);
    expect(statementThemes([])).toEqual([]);
  });

  it("does not merge on one statement alone: it cannot tell which word translates which", () => {
    // 小区, 太慢, "wifi" and "slow" all share statement 1 only.
    expect(statementThemes([{ zh: "小区wifi太慢", en: "The slow wifi" }, { zh: "小区很安静" }, { en: "It is slow" }])).toEqual([
      { terms: ["小区"], statements: 2 },
      { terms: ["slow"], statements: 2 },
    ]);
  });

  it("does not merge terms of one language only, nor terms never seen in a statement with both texts", () => {
    const themes = statementThemes([{ zh: "电梯维修" }, { zh: "电梯维修太慢" }, { en: "Lift repairs" }, { en: "Lift repairs are slow" }]);
    expect(themes).toEqual([
      { terms: ["电梯"], statements: 2 },
      { terms: ["维修"], statements: 2 },
      { terms: ["lift"], statements: 2 },
      { terms: ["repairs"], statements: 2 },
    ]);
  });

  it("keeps the first-seen order among equal counts and honours top", () => {
    const themes = statementThemes([{ en: "alpha beta" }, { en: "beta alpha gamma" }, { en: "gamma" }], { top: 2 });
    expect(themes).toEqual([
      { terms: ["alpha"], statements: 2 },
      { terms: ["beta"], statements: 2 },
    ]);
  });
});

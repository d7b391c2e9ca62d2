import { describe, expect, it } from "vitest";
import { characterCount, checkStatementText, MAX_STATEMENT_LENGTH, normalizeStatement, statementLanguage } from "../../../src/domain/statements/text.js";
import { statementTextFor } from "../../../src/domain/statements/statement.js";

describe("statement text rules", () => {
  it("keeps the text with white space squeezed", () => {
    expect(checkStatementText("  More \n\n chargers\tplease  ")).toEqual({ ok: true, text: "More chargers please", normalized: "more chargers please" });
  });

  it("refuses empty and invisible-only text", () => {
    for (const blank of ["", "   ", "\n\t", "\u3000", "\u200B\u200D", "。。。", "!!"]) expect(checkStatementText(blank), JSON.stringify(blank)).toEqual({ ok: false, problem: "empty" });
  });

  it("counts characters as a person does and allows exactly 280", () => {
    expect(characterCount("停车😀")).toBe(3);
    expect(checkStatementText("停".repeat(MAX_STATEMENT_LENGTH)).ok).toBe(true);
    expect(checkStatementText("好😀".repeat(141))).toEqual({ ok: false, problem: "too-long", count: 282, limit: 280 });
    expect(checkStatementText("😀😀😀")).toEqual({ ok: false, problem: "empty" }); // no words, no idea
  });

  it("refuses a question", () => {
    expect(checkStatementText("Should we add parking?")).toEqual({ ok: false, problem: "question" });
    expect(checkStatementText("要不要增加车位？")).toEqual({ ok: false, problem: "question" });
    expect(checkStatementText("Parking? We need more of it.").ok).toBe(true);
  });

  it("normalizes spaces, case, full-width characters and a closing full stop, so duplicates meet", () => {
    const forms = ["More EV chargers in garage B", "  more ev  CHARGERS in garage b. ", "ＭＯＲＥ　ＥＶ chargers in ｇａｒａｇｅ Ｂ。", "More EV chargers in garage B!"];
    for (const f of forms) expect(normalizeStatement(f)).toBe("more ev chargers in garage b");
    expect(normalizeStatement("晚上十点后 禁止鸣笛。")).toBe(normalizeStatement("晚上十点后禁止鸣笛"));
    expect(normalizeStatement("B 车库增加充电桩")).toBe("b车库增加充电桩");
    expect(normalizeStatement("more chargers")).not.toBe(normalizeStatement("more charger"));
  });

  it("tells the language from the script, falling back to the writer's", () => {
    expect(statementLanguage("增加 EV 充电桩", "en")).toBe("zh");
    expect(statementLanguage("More chargers", "zh")).toBe("en");
    expect(statementLanguage("24/7", "zh")).toBe("zh");
  });

  it("shows the reader's language, else the original with which language it is", () => {
    const both = { textZh: "电梯每月检修", textEn: "Service the lifts monthly", originalLanguage: "zh" as const };
    expect(statementTextFor(both, "en")).toEqual({ text: "Service the lifts monthly", original: null });
    const zhOnly = { textZh: "电梯每月检修", textEn: null, originalLanguage: "zh" as const };
    expect(statementTextFor(zhOnly, "en")).toEqual({ text: "电梯每月检修", original: "zh" });
    expect(statementTextFor(zhOnly, "zh")).toEqual({ text: "电梯每月检修", original: null });
  });
});

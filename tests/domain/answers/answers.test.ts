import { describe, expect, it } from "vitest";
import { answerTextFor, checkText, MAX_ANSWER_TEXT, missingLanguage, relayRecipients } from "../../../src/domain/answers/answer.js";
import { advanceRespond, startRespond } from "../../../src/domain/answers/respond.js";

describe("answer rules", () => {
  it("a text is trimmed, must not be empty, and has a limit", () => {
    expect(checkText("  hello ", 10)).toEqual({ ok: true, text: "hello" });
    expect(checkText(" \n ", 10)).toEqual({ ok: false, problem: "empty", max: 10 });
    expect(checkText("x".repeat(11), 10)).toEqual({ ok: false, problem: "too-long", max: 10 });
    // Characters, not UTF-16 units: 10 emoji fit in 10.
    expect(checkText("😀".repeat(10), 10).ok).toBe(true);
  });

  it("a reader gets their language, else the original marked", () => {
    expect(answerTextFor({ zh: "中", en: "E" }, "en")).toEqual({ text: "E", original: false });
    expect(answerTextFor({ zh: "中" }, "en")).toEqual({ text: "中", original: true });
    expect(answerTextFor({ en: "E" }, "zh")).toEqual({ text: "E", original: true });
    expect(missingLanguage({ en: "E" })).toBe("zh");
    expect(missingLanguage({ zh: "中" })).toBe("en");
    expect(missingLanguage({ zh: "中", en: "E" })).toBeNull();
  });

  it("relay recipients: participants, plus the audience when chosen, each once", () => {
    const p = [{ id: 1n, language: "zh" }, { id: 2n, language: "en" }];
    const a = [{ id: 2n, language: "en" }, { id: 3n, language: "zh" }];
    expect(relayRecipients(p, a, "participants").map((r) => r.id)).toEqual([1n, 2n]);
    expect(relayRecipients(p, a, "everyone").map((r) => r.id)).toEqual([1n, 2n, 3n]);
  });
});

describe("the /respond conversation", () => {
  it("Chinese, English (one required), an optional file, then the preview", () => {
    let s = startRespond(4, 2);
    const r1 = advanceRespond(s, { button: "skip" });
    expect(r1.ok && r1.state.step).toBe("en");
    s = r1.ok ? r1.state : s;
    expect(advanceRespond(s, { button: "skip" })).toEqual({ ok: false, problem: { code: "need-one" } });
    expect(advanceRespond(s, { text: "  " })).toEqual({ ok: false, problem: { code: "empty", max: MAX_ANSWER_TEXT } });
    expect(advanceRespond(s, { file: { id: "f", kind: "photo" } })).toEqual({ ok: false, problem: { code: "text-expected" } });
    const r2 = advanceRespond(s, { text: " Answer " });
    expect(r2.ok && r2.state).toMatchObject({ step: "file", en: "Answer", rev: 3 });
    s = r2.ok ? r2.state : s;
    expect(advanceRespond(s, { text: "x" })).toEqual({ ok: false, problem: { code: "file-expected" } });
    const r3 = advanceRespond(s, { file: { id: "f", kind: "document" } });
    expect(r3.ok && r3.state).toMatchObject({ step: "preview", file: { id: "f", kind: "document" }, consultationId: 4, version: 2 });
  });
});

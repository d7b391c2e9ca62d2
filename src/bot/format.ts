import type { Language } from "../domain/language.js";

const formats = new Map<string, Intl.DateTimeFormat>();

/** "2026-11-27 14:05" in the park's time zone, the same shape in both languages. */
export function formatTime(at: Date, lang: Language, timeZone: string): string {
  const key = `${lang}|${timeZone}`;
  let f = formats.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", hourCycle: "h23" });
    formats.set(key, f);
  }
  return f.format(at).replace(",", "");
}

// A sentence ends in one of these, possibly followed by closing quotes or brackets.
const SENTENCE_END = /[.!?。！？…]["'”’）)」』]*$/u;

/**
 * A text (a typed reason, a listed one) made to end as a sentence, so the next
 * sentence does not run into it: "personal information" → "personal information."
 * ("包含个人信息" → "包含个人信息。"); text that already ends one is left as it is.
 */
export function endSentence(text: string, lang: Language): string {
  const trimmed = text.trimEnd();
  if (trimmed === "" || SENTENCE_END.test(trimmed)) return trimmed;
  return trimmed + (lang === "zh" ? "。" : ".");
}

/** Sentences one after the other: separated by a space in English, directly in Chinese (after "。"). */
export function sentences(lang: Language, parts: readonly string[]): string {
  return parts.map((p) => endSentence(p, lang)).filter((p) => p !== "").join(lang === "zh" ? "" : " ");
}

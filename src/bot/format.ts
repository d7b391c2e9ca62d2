import type { Language } from "../domain/language.js";

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

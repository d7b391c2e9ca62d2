// Texts a committee writes in Chinese, English or both. A reader sees their own
// language, or the other one marked as the original, never a machine translation.
import { foldFullWidth, squeezeSpaces } from "../text/normalize.js";
import type { Language } from "../language.js";

/** At least one of the two is present (the spec and /new both check it). */
export interface LocalizedText {
  readonly zh?: string;
  readonly en?: string;
}

export interface ShownText {
  readonly text: string;
  /** The language shown when it is not the reader's (so a renderer can mark it as the original); null otherwise. */
  readonly original: Language | null;
}

export function pickText(t: LocalizedText, lang: Language): ShownText {
  const own = t[lang];
  if (own) return { text: own, original: null };
  const other: Language = lang === "zh" ? "en" : "zh";
  return { text: t[other] ?? "", original: other };
}

/** The language a text was first written in: Chinese when given, else English. */
export function originalLanguage(t: LocalizedText): Language {
  return t.zh ? "zh" : "en";
}

export function hasText(t: LocalizedText | undefined | null): t is LocalizedText {
  return !!t && (!!t.zh || !!t.en);
}

/**
 * The form two options of a poll are compared in: full-width folded, white
 * space squeezed, lower-cased ("Ａ  b" and "a b" are the same option).
 * Statements have their own, stricter form (src/domain/statements/text.ts).
 */
export function comparableText(text: string): string {
  return squeezeSpaces(foldFullWidth(text)).toLowerCase();
}

/** Contains Han characters: used to tell which language a line someone typed is in. */
export function looksChinese(text: string): boolean {
  return /\p{Script=Han}/u.test(text);
}

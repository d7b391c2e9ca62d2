// What a resident's statement must be (domain.md §3): one idea, no question,
// at most 280 characters. Two statements are the same when they only differ in
// spacing, letter case, full-width characters or a closing full stop.

import type { Language } from "../language.js";
import { foldFullWidth, squeezeSpaces } from "../text/normalize.js";

export const MAX_STATEMENT_LENGTH = 280;

/** Characters as a person counts them (code points, so 停 or 😀 is one). */
export function characterCount(text: string): number {
  let n = 0;
  for (const _ of text) n++;
  return n;
}

/** Zero-width and other invisible format characters are not content. */
const INVISIBLE = /[\u200B-\u200D\u2060\uFEFF\u00AD]/g;
const QUESTION = /[?？]\s*$/u;
const CLOSING = /[\s.。!！…]+$/u;

/** Chinese is written without spaces: a space next to a Chinese character or punctuation mark means nothing. */
const SPACE_BY_CJK = /\s+(?=[\p{Script=Han}\u3000-\u303F])|(?<=[\p{Script=Han}\u3000-\u303F])\s+/gu;

/**
 * The form two duplicates share: full-width folded, NFKC, spaces squeezed (and
 * dropped next to Chinese), lowercase, no closing full stop.
 */
export function normalizeStatement(text: string): string {
  return squeezeSpaces(foldFullWidth(text.replace(INVISIBLE, "")).normalize("NFKC")).replace(SPACE_BY_CJK, "").toLowerCase().replace(CLOSING, "");
}

export type StatementTextCheck =
  | { readonly ok: true; readonly text: string; readonly normalized: string }
  | { readonly ok: false; readonly problem: "empty" }
  | { readonly ok: false; readonly problem: "too-long"; readonly count: number; readonly limit: number }
  | { readonly ok: false; readonly problem: "question" };

/** The text as stored (white space squeezed), or why it cannot be a statement. */
export function checkStatementText(raw: string): StatementTextCheck {
  const text = squeezeSpaces(raw.replace(INVISIBLE, "").replace(/\u3000/g, " "));
  const normalized = normalizeStatement(text);
  if (text === "" || !/[\p{L}\p{N}]/u.test(normalized)) return { ok: false, problem: "empty" };
  const count = characterCount(text);
  if (count > MAX_STATEMENT_LENGTH) return { ok: false, problem: "too-long", count, limit: MAX_STATEMENT_LENGTH };
  if (QUESTION.test(text)) return { ok: false, problem: "question" };
  return { ok: true, text, normalized };
}

const HAN = /\p{Script=Han}/u;
const LATIN = /\p{Script=Latin}/u;

/** The language a statement is written in: any Chinese character makes it Chinese; Latin letters English; else the writer's. */
export function statementLanguage(text: string, writer: Language): Language {
  if (HAN.test(text)) return "zh";
  if (LATIN.test(text)) return "en";
  return writer;
}

// Themes of free text: the most frequent meaningful words in a set of statements.
// Chinese runs are segmented into words (jieba); other runs are split into words
// and lowercased. Stop-words, single Chinese characters, one-letter words and
// numbers are left out.

import { segmentChinese } from "./segmenter.js";
import { isStopWord } from "./stopWords.js";

export interface Theme {
  readonly term: string;
  /** Occurrences across all the texts. */
  readonly count: number;
}

export interface ThemeOptions {
  /** How many terms to return (default 10). */
  readonly top?: number;
  /** Leave out terms seen fewer times than this (default 1). */
  readonly minCount?: number;
}

const HAN = /\p{Script=Han}/u;
// A letter or digit that is not Han, so "小区wifi太慢" splits into 小区, wifi and 太慢.
const WORD_CHAR = String.raw`(?:(?!\p{Script=Han})[\p{L}\p{N}])`;
const RUNS = new RegExp(String.raw`(\p{Script=Han}+)|(${WORD_CHAR}+(?:['’\-]${WORD_CHAR}+)*)`, "gu");

function keepChinese(word: string): boolean {
  return [...word].length >= 2 && HAN.test(word) && !isStopWord(word);
}

function keepOther(word: string): boolean {
  if (word.length < 2 || /^[\p{N}.,'’\-]+$/u.test(word)) return false;
  return !isStopWord(word);
}

/** The meaningful words of one text, in order. */
export function meaningfulWords(text: string): string[] {
  const out: string[] = [];
  const normalized = text.normalize("NFKC");
  for (const match of normalized.matchAll(RUNS)) {
    if (match[1] !== undefined) {
      for (const word of segmentChinese(match[1])) if (keepChinese(word)) out.push(word);
    } else if (match[2] !== undefined) {
      const word = match[2].toLowerCase().replace(/’/g, "'").replace(/'s$/, "");
      if (keepOther(word)) out.push(word);
    }
  }
  return out;
}

/** Top terms by count; ties keep the order in which the terms first appear. */
export function extractThemes(texts: readonly string[], options: ThemeOptions = {}): Theme[] {
  const counts = new Map<string, number>();
  for (const text of texts) for (const word of meaningfulWords(text)) counts.set(word, (counts.get(word) ?? 0) + 1);
  const minCount = options.minCount ?? 1;
  return [...counts]
    .map(([term, count], order) => ({ term, count, order }))
    .filter((t) => t.count >= minCount)
    .sort((a, b) => b.count - a.count || a.order - b.order)
    .slice(0, options.top ?? 10)
    .map(({ term, count }) => ({ term, count }));
}

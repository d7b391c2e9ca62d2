// Themes of a consultation's statements, counted by statement rather than by
// word, and across the two languages.
//
// The rule, so that anyone can check a theme by hand:
//  1. A statement is one document: its terms are the meaningful words of its
//     Chinese text together with those of its English text, each counted once —
//     a statement and its translation are one statement, not two.
//  2. A theme is a set of terms. A term's *bilingual set* is the set of
//     statements that have both texts and contain the term in either of them.
//     Terms with the same bilingual set are merged into one theme when that set
//     holds at least two statements (one statement alone cannot tell which word
//     translates which) and the group joins the two texts, i.e. holds a term
//     found in the Chinese texts and a term found in the English texts:
//     "停车位" and "parking", both in exactly statements 1 and 4, where the
//     committee gave both texts, are one theme. Other terms stay alone.
//  3. A theme's count is the number of statements containing any of its terms;
//     only themes in at least `minStatements` (default 2) statements are shown,
//     most statements first, ties in the order the terms first appear.

import { meaningfulWords } from "./themes.js";

export interface StatementTexts {
  readonly zh?: string | null;
  readonly en?: string | null;
}

export interface StatementTheme {
  /** One term, or a term merged with its translation(s): most statements first. */
  readonly terms: readonly string[];
  /** Statements in which any of the terms occurs. */
  readonly statements: number;
}

export interface StatementThemeOptions {
  /** How many themes to return (default 10). */
  readonly top?: number;
  /** Leave out themes found in fewer statements than this (default 2). */
  readonly minStatements?: number;
}

interface TermStats {
  readonly term: string;
  readonly order: number;
  /** Statements containing the term, in either text. */
  readonly docs: Set<number>;
  /** Statements with both texts whose Chinese text contains it. */
  readonly inZh: Set<number>;
  /** Statements with both texts whose English text contains it. */
  readonly inEn: Set<number>;
}

const present = (t: string | null | undefined): t is string => typeof t === "string" && t.trim() !== "";

function termStats(statements: readonly StatementTexts[]): Map<string, TermStats> {
  const terms = new Map<string, TermStats>();
  const stats = (term: string) => {
    let s = terms.get(term);
    if (!s) terms.set(term, (s = { term, order: terms.size, docs: new Set(), inZh: new Set(), inEn: new Set() }));
    return s;
  };
  statements.forEach((s, i) => {
    const bilingual = present(s.zh) && present(s.en);
    for (const [text, side] of [[s.zh, "inZh"], [s.en, "inEn"]] as const) {
      if (!present(text)) continue;
      for (const word of meaningfulWords(text)) {
        const t = stats(word);
        t.docs.add(i);
        if (bilingual) t[side].add(i);
      }
    }
  });
  return terms;
}

const setKey = (ids: Iterable<number>) => [...ids].sort((a, b) => a - b).join(",");

/** Themes of statements, each given in Chinese, English or both (see the rule above). */
export function statementThemes(statements: readonly StatementTexts[], options: StatementThemeOptions = {}): StatementTheme[] {
  const terms = termStats(statements);
  const byBilingualSet = new Map<string, TermStats[]>();
  for (const t of terms.values()) {
    const bilingual = new Set([...t.inZh, ...t.inEn]);
    if (bilingual.size < 2) continue;
    const key = setKey(bilingual);
    byBilingualSet.set(key, [...(byBilingualSet.get(key) ?? []), t]);
  }
  const groups: TermStats[][] = [];
  const merged = new Set<string>();
  for (const group of byBilingualSet.values()) {
    const joinsTexts = group.length > 1 && group.some((t) => t.inZh.size > 0) && group.some((t) => t.inEn.size > 0);
    if (!joinsTexts) continue;
    groups.push(group);
    for (const t of group) merged.add(t.term);
  }
  for (const t of terms.values()) if (!merged.has(t.term)) groups.push([t]);

  const minStatements = options.minStatements ?? 2;
  return groups
    .map((group) => {
      const docs = new Set(group.flatMap((t) => [...t.docs]));
      const ordered = [...group].sort((a, b) => b.docs.size - a.docs.size || a.order - b.order);
      return { terms: ordered.map((t) => t.term), statements: docs.size, order: Math.min(...group.map((t) => t.order)) };
    })
    .filter((t) => t.statements >= minStatements)
    .sort((a, b) => b.statements - a.statements || a.order - b.order)
    .slice(0, options.top ?? 10)
    .map(({ terms: list, statements: n }) => ({ terms: list, statements: n }));
}

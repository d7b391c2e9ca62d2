// The themes of a consultation: terms of its approved statements, counted by
// statement (a statement and its translation once) and merged with their
// translations where the committee gave both texts — the rule is in
// src/domain/themes/statementThemes.ts.

import { statementThemes, type StatementTheme } from "../../domain/themes/index.js";
import type { ConsultationFacts, StatementStore } from "./ports.js";

/** A theme needs at least this many statements: a term of one statement is not a theme. */
export const THEME_MIN_STATEMENTS = 2;

export interface ConsultationThemes {
  readonly consultation: ConsultationFacts;
  readonly statementCount: number;
  readonly themes: StatementTheme[];
}

export async function consultationThemes(statements: StatementStore, consultationId: number, top = 15): Promise<ConsultationThemes | null> {
  const consultation = await statements.consultation(consultationId);
  if (!consultation) return null;
  const approved = await statements.withStatus(consultationId, "approved");
  const themes = statementThemes(
    approved.map((s) => ({ zh: s.textZh, en: s.textEn })),
    { top, minStatements: THEME_MIN_STATEMENTS },
  );
  return { consultation, statementCount: approved.length, themes };
}

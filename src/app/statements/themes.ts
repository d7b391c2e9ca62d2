// The themes of a consultation: the most frequent meaningful words of its
// approved statements, each counted once in the language it was written in
// (a translation would count the same idea twice).

import { extractThemes, type Theme } from "../../domain/themes/index.js";
import { originalText } from "../../domain/statements/statement.js";
import type { ConsultationFacts, StatementStore } from "./ports.js";

export interface ConsultationThemes {
  readonly consultation: ConsultationFacts;
  readonly statementCount: number;
  readonly themes: Theme[];
}

export async function consultationThemes(statements: StatementStore, consultationId: number, top = 15): Promise<ConsultationThemes | null> {
  const consultation = await statements.consultation(consultationId);
  if (!consultation) return null;
  const approved = await statements.withStatus(consultationId, "approved");
  return { consultation, statementCount: approved.length, themes: extractThemes(approved.map(originalText), { top }) };
}

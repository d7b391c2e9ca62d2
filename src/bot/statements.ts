// Rendering shared by the statement features: statement texts in the reader's
// language (or the original with a marker), consultation titles, refusals.

import type { Refusal } from "../app/statements/access.js";
import { consultationTitle } from "../app/statements/access.js";
import type { ConsultationFacts } from "../app/statements/ports.js";
import type { Language } from "../domain/language.js";
import { statementTextFor, type Statement } from "../domain/statements/statement.js";
import { escapeHtml } from "../domain/text/normalize.js";
import type { Translate } from "../i18n.js";
import { clip } from "../domain/text/clip.js";

/** Seeds may be longer than residents' statements; a card must stay far below 4096 characters. */
const MAX_SHOWN = 1000;

/** A statement's text (or a title) cut to what a card shows. */
export const clipShown = (text: string, max = MAX_SHOWN): string => clip(text, max);

/** The statement's words for this reader, plain (for i18next values, which escape them). */
export function statementWords(t: Translate, s: Pick<Statement, "textZh" | "textEn" | "originalLanguage">, lang: Language, max = MAX_SHOWN): string {
  const { text, original } = statementTextFor(s, lang);
  return original ? `${clip(text, max)} ${t(`statement.original.${original}`)}` : clip(text, max);
}

/** The statement as a quoted HTML block, with the original-language marker under it when untranslated. */
export function statementBlock(t: Translate, s: Pick<Statement, "textZh" | "textEn" | "originalLanguage">, lang: Language): string {
  const { text, original } = statementTextFor(s, lang);
  const quote = `<blockquote>${escapeHtml(clipShown(text))}</blockquote>`;
  return original ? `${quote}\n<i>${escapeHtml(t(`statement.original.${original}`))}</i>` : quote;
}

export function titleOf(c: Pick<ConsultationFacts, "id" | "titleZh" | "titleEn">, lang: Language): string {
  return clip(consultationTitle(c, lang), 200);
}

/** A short title for a button. */
export function buttonTitle(c: Pick<ConsultationFacts, "id" | "titleZh" | "titleEn">, lang: Language): string {
  return clip(consultationTitle(c, lang), 48);
}

export function refusalText(t: Translate, lang: Language, r: Refusal): string {
  switch (r.kind) {
    case "not-registered":
      return t("common.notRegistered");
    case "not-verified":
      return t(`statement.refusal.${r.status}`);
    case "unknown-consultation":
      return t("statement.refusal.unknownConsultation");
    case "not-open":
      return t(r.consultation.status === "draft" ? "statement.refusal.notOpenYet" : "statement.refusal.closed", { title: titleOf(r.consultation, lang) });
    case "outside-audience":
      return t("statement.refusal.outsideAudience", { title: titleOf(r.consultation, lang), buildings: (r.consultation.audience ?? []).join(", ") });
    case "no-resident-statements":
      return t("statement.refusal.noResidentStatements", { title: titleOf(r.consultation, lang) });
    case "nothing-open":
      return t("statement.refusal.nothingOpen");
    case "nothing-for-you":
      return t("statement.refusal.nothingForYou");
    case "nothing-takes-statements":
      return t("statement.refusal.nothingTakesStatements");
  }
}

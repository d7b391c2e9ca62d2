import type { SpecProblem } from "../domain/consultations/spec.js";
import type { Translate } from "../i18n.js";

/** One line per spec problem: its JSON path, then what is wrong, in the reader's language (bot: HTML; CLI: plain). */
export function specProblemLines(t: Translate, problems: readonly SpecProblem[], opts: { html: boolean; max?: number }): string[] {
  const max = opts.max ?? Infinity;
  const lines = problems.slice(0, max).map((p) => {
    const what = t(`spec.problem.${p.code}`, { ...p.params });
    if (!p.path) return `• ${what}`;
    const sep = t("spec.pathSeparator");
    return opts.html ? `• <code>${p.path}</code>${sep}${what}` : `• ${p.path}${sep}${what}`;
  });
  if (problems.length > max) lines.push(t("spec.more", { count: problems.length - max }));
  return lines;
}

/** Locale texts carry a few Telegram HTML tags; the terminal shows them without. (Plain readers escape nothing, so no entities appear.) */
export function plainText(text: string): string {
  return text.replace(/<\/?(?:b|i|code|blockquote)>/g, "");
}

import type { RosterProblem } from "../domain/residents/roster.js";
import type { Translate } from "../i18n.js";

/** One line per roster problem, in the reader's language (shared by the bot and the CLI). */
export function rosterProblemLines(t: Translate, problems: readonly RosterProblem[], max = Infinity): string[] {
  const lines = problems.slice(0, max).map((p) => "• " + t(`roster.problem.${p.reason}`, { ...p, columns: "columns" in p ? p.columns.join(", ") : "" }));
  if (problems.length > max) lines.push(t("roster.more", { count: problems.length - max }));
  return lines;
}

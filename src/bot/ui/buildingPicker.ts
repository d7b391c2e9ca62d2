// The audience step of /new and /announce: everyone, or buildings ticked one by one.

import { includesName } from "../../domain/residents/names.js";
import type { Translate } from "../../i18n.js";
import { rowsOf, type Button } from "./grid.js";

/** Telegram allows 100 buttons; the rest of the keyboard needs a few. */
const MAX_BUILDINGS = 90;

/**
 * "Everyone", the known buildings three to a row (☑ those chosen so far; choice `b<index>`), "Done".
 * `button` makes a button of the conversation's own action and revision.
 */
export function buildingPickerRows(t: Translate, buildings: readonly string[], chosen: readonly string[] | null, button: (text: string, choice: string) => Button): Button[][] {
  const picked = chosen ?? [];
  const ticks = buildings.slice(0, MAX_BUILDINGS).map((name, i) => button(`${includesName(picked, name) ? "☑" : "☐"} ${name}`, `b${i}`));
  return [[button(t("newc.everyone"), "all")], ...rowsOf(ticks, 3), [button(t("newc.done"), "done")]];
}

/** The question of the audience step, with the buildings chosen so far under it. */
export function buildingQuestion(t: Translate, question: string, chosen: readonly string[] | null): string {
  return question + (chosen && chosen.length > 0 ? "\n" + t("newc.chosen", { buildings: chosen.join(", ") }) : "");
}

// Buttons of a report message: one per section (edited in place), paging for
// Polls and Statements, and back to the summary.
import { InlineKeyboard } from "grammy";
import type { ReportContent } from "../../../domain/reports/index.js";
import { SECTIONS, sectionPages, type SectionCode } from "../../../presenters/report/sections.js";
import type { Translate } from "../../../i18n.js";
import { callback } from "../../callbacks.js";

export function reportKeyboard(t: Translate, id: number, version: number, content: ReportContent, current: SectionCode | "s" | "fu", page: number): InlineKeyboard {
  const kb = new InlineKeyboard();
  if (current === "po" || current === "st") {
    const pages = sectionPages(content, current);
    if (pages > 1) {
      if (page > 0) kb.text("◀", callback("rp", id, version, current, page - 1));
      kb.text(`${page + 1}/${pages}`, callback("rp", id, version, current, page));
      if (page < pages - 1) kb.text("▶", callback("rp", id, version, current, page + 1));
      kb.row();
    }
  }
  SECTIONS.forEach((s, i) => {
    if (i > 0 && i % 3 === 0) kb.row();
    kb.text((s === current ? "· " : "") + t(`report.section.${s}`), callback("rp", id, version, s, 0));
  });
  // Follow-up is live (the actions as they stand), not part of the frozen snapshot.
  kb.row().text(t("followup.report.button"), callback("rf", id, version));
  if (current !== "s") kb.text(t("report.section.s"), callback("rp", id, version, "s", 0));
  return kb;
}

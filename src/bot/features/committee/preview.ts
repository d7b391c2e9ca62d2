import type { InlineKeyboard } from "grammy";
import { toPollDefinition, type Consultation } from "../../../domain/consultations/consultation.js";
import type { ConsultationDraft } from "../../../domain/consultations/spec.js";
import { audienceText, pollRules, pollTitle, shown, splitMessages } from "../../../presenters/consultation.js";
import type { BotContext } from "../../context.js";
import { readerOf } from "../../pollMessages.js";
import { replyLong } from "./shared.js";

/** The draft as residents will see it, before anything is stored. */
function previewTexts(ctx: BotContext, d: ConsultationDraft): string[] {
  const r = readerOf(ctx);
  const { t } = r;
  const polls = d.polls.map((spec, i) => ({ id: i + 1, consultationId: 0, position: i, spec, definition: toPollDefinition(i + 1, spec), result: null }));
  const c: Consultation = {
    id: 0,
    title: d.title,
    description: d.description,
    status: "draft",
    audience: d.audience,
    opensAt: d.opensAt,
    closesAt: d.closesAt,
    openedAt: null,
    closedAt: null,
    residentStatements: d.residentStatements,
    moderated: d.moderated,
    remindersQueuedAt: null,
    publishedAt: null,
    createdBy: null,
    createdAt: ctx.fs.services.clock.now(),
    polls,
  };
  const head = [t("newc.previewTitle"), "", `<b>${shown(r, d.title)}</b>`];
  if (d.description) head.push(shown(r, d.description));
  head.push("", d.opensAt ? t("newc.opensAt", { time: r.time(d.opensAt) }) : t("newc.opensNow"), t("consultation.closesAt", { time: r.time(d.closesAt) }), audienceText(r, c));
  const blocks = [head.join("\n")];
  for (const p of polls) {
    const lines = [pollTitle(r, c, p), `<i>${pollRules(r, p).join("\n")}</i>`];
    if (p.spec.kind === "scale") lines.push(t("newc.scaleValues"));
    else p.spec.options.forEach((o, i) => lines.push(`${i + 1}. ${shown(r, o)}`));
    blocks.push(lines.join("\n"));
  }
  const statements = [t(d.residentStatements ? (d.moderated ? "newc.statementsModerated" : "newc.statementsOpen") : "newc.statementsNo")];
  if (d.statements.length > 0) statements.push(t("newc.seeds", { count: d.statements.length }), ...d.statements.map((s) => `• ${shown(r, s)}`));
  blocks.push(statements.join("\n"));
  return splitMessages(blocks, 3800);
}

/** The preview of a wizard's or a file's draft, its buttons under the last message. */
export async function sendPreview(ctx: BotContext, d: ConsultationDraft, keyboard: InlineKeyboard) {
  await replyLong(ctx, previewTexts(ctx, d), keyboard);
}

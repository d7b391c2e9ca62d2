import { Composer, InlineKeyboard } from "grammy";
import type { Consultation } from "../../../domain/consultations/consultation.js";
import { closeConfirmText } from "../../../presenters/consultation.js";
import { callback, callbackPattern, pressedArgs } from "../../callbacks.js";
import type { BotContext } from "../../context.js";
import { staffOnly } from "../../guards.js";
import { readerOf } from "../../pollMessages.js";
import { answer, dropButtons, reply } from "../../replies.js";
import { idArg, isCommittee, replyLong, services } from "./shared.js";

/** Why a consultation cannot be closed now, or null if it can. */
function notOpenText(ctx: BotContext, id: number, c: Consultation | null): string | null {
  const { t } = ctx.fs;
  if (!c) return t("consultation.notFound", { id });
  if (c.status === "draft") return t("consultation.notOpenYet", { id, time: ctx.fs.time(c.opensAt ?? c.closesAt) });
  if (c.status !== "open") return t("consultation.alreadyClosed", { id, time: ctx.fs.time(c.closedAt ?? c.closesAt) });
  return null;
}

/** Committee: /close a consultation early, after a confirmation that shows its turnout. */
export function closeFeature(): Composer<BotContext> {
  const c = new Composer<BotContext>();

  c.command(
    "close",
    staffOnly("committee", async (ctx) => {
      const { t } = ctx.fs;
      const id = idArg(ctx);
      if (id === null) return void (await reply(ctx, t("consultation.closeUsage")));
      const cn = await services(ctx).lifecycle.find(id);
      const refusal = notOpenText(ctx, id, cn);
      if (refusal) return void (await reply(ctx, refusal));
      // Voters and turnout per question, counted as the result will count them.
      const preview = await services(ctx).closing.preview(cn!);
      const kb = new InlineKeyboard().text(t("consultation.closeYes"), callback("cl", id, "yes")).text(t("consultation.closeNo"), callback("cl", id, "no"));
      await reply(ctx, closeConfirmText(readerOf(ctx), cn!, preview), kb);
    }),
  );

  c.chatType("private").callbackQuery(callbackPattern("cl"), async (ctx) => {
    const { t } = ctx.fs;
    const [id, yes] = pressedArgs(ctx, "cl");
    if (!(await isCommittee(ctx))) return void (await answer(ctx, t("common.notAllowed", { role: t("roles.committee"), command: "close" })));
    await answer(ctx);
    await dropButtons(ctx);
    if (yes === "no") return void (await reply(ctx, t("consultation.keptOpen", { id })));
    const outcome = await services(ctx).closing.close(id, await ctx.fs.actor());
    if (outcome.kind !== "closed") return void (await reply(ctx, notOpenText(ctx, id, outcome.kind === "not-found" ? null : outcome.consultation)!));
    await replyLong(ctx, services(ctx).broadcasts.committeeResultText(ctx.fs.lang, outcome.consultation));
  });

  return c;
}

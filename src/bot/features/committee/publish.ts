import { Composer, InlineKeyboard } from "grammy";
import { consultationResultText } from "../../../presenters/consultation.js";
import { callback, callbackPattern, pressedArgs } from "../../callbacks.js";
import type { BotContext } from "../../context.js";
import { staffOnly } from "../../guards.js";
import { readerOf } from "../../pollMessages.js";
import { answer, dropButtons, reply } from "../../replies.js";
import { idArg, isCommittee, replyLong, services } from "./shared.js";

/** Committee: /publish a closed consultation's result to its audience, after a confirmation that shows it. */
export function publishFeature(): Composer<BotContext> {
  const c = new Composer<BotContext>();

  c.command(
    "publish",
    staffOnly("committee", async (ctx) => {
      const { t } = ctx.fs;
      const id = idArg(ctx);
      if (id === null) return void (await reply(ctx, t("publish.usage")));
      const cn = await services(ctx).lifecycle.find(id);
      if (!cn) return void (await reply(ctx, t("consultation.notFound", { id })));
      if (cn.status === "draft" || cn.status === "open") return void (await reply(ctx, t("publish.notClosed", { id })));
      const r = readerOf(ctx);
      const reach = await services(ctx).broadcasts.announcementReach(cn.audience);
      const kb = new InlineKeyboard().text(t("publish.yes", { count: reach }), callback("pb", id, "yes")).text(t("publish.no"), callback("pb", id, "no"));
      const head = t(cn.publishedAt ? "publish.again" : "publish.confirm", { id, count: reach, time: cn.publishedAt ? r.time(cn.publishedAt) : "" });
      await replyLong(ctx, [head, ...consultationResultText(r, cn, 3800)], kb);
    }),
  );

  c.chatType("private").callbackQuery(callbackPattern("pb"), async (ctx) => {
    const { t } = ctx.fs;
    const [id, yes] = pressedArgs(ctx, "pb");
    if (!(await isCommittee(ctx))) return void (await answer(ctx, t("common.notAllowed", { role: t("roles.committee"), command: "publish" })));
    await answer(ctx);
    await dropButtons(ctx);
    if (yes === "no") return void (await reply(ctx, t("publish.cancelled")));
    const outcome = await services(ctx).lifecycle.publish(id, await ctx.fs.actor());
    if (outcome.kind === "not-found") return void (await reply(ctx, t("consultation.notFound", { id })));
    if (outcome.kind === "not-closed") return void (await reply(ctx, t("publish.notClosed", { id })));
    await reply(ctx, t(outcome.again ? "publish.queuedAgain" : "publish.queued", { id, recipients: outcome.recipients, queued: outcome.queued }));
  });

  return c;
}

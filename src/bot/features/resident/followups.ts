// /followups (everyone): the follow-up actions of the consultations the person
// voted, wrote or rated in — department, what, due, status, progress, last
// update — in their language; a kind word when there is nothing.
import { Composer } from "grammy";
import { residentLines } from "../../../presenters/followUps.js";
import type { BotContext } from "../../context.js";
import { privateOnly } from "../../guards.js";
import { reply } from "../../replies.js";
import { chunks } from "../official/actions.js";

export function residentFollowUpsFeature(): Composer<BotContext> {
  const c = new Composer<BotContext>();
  c.command(
    "followups",
    privateOnly(async (ctx) => {
      const { t, lang } = ctx.fs;
      const rows = await ctx.fs.services.followUps.actions.residentFollowUps(BigInt(ctx.from!.id));
      if (rows.length === 0) return void (await reply(ctx, t("followup.residentNone")));
      const lines = [t("followup.residentTitle"), ...residentLines(t, lang, rows, ctx.fs.timeZone)];
      for (const m of chunks(lines)) await reply(ctx, m);
    }),
  );
  return c;
}

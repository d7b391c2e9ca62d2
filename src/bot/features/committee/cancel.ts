import { Composer } from "grammy";
import type { BotContext } from "../../context.js";
import { reply } from "../../replies.js";
import { conversationOf } from "../../conversation.js";
import { CANCELLABLE, OPENED } from "./kinds.js";

/** /cancel ends the committee's guided conversations (/new, a spec file's preview, /announce); others pass on. */
export function cancelFeature(): Composer<BotContext> {
  const c = new Composer<BotContext>();
  c.command("cancel", async (ctx, next) => {
    if (ctx.chat.type !== "private") return next();
    const id = BigInt(ctx.from!.id);
    const state = await conversationOf(ctx);
    if (state?.kind === OPENED.name) {
      await ctx.fs.services.conversations.drop(id, OPENED);
      return void (await reply(ctx, ctx.fs.t("newc.nothingToCancel")));
    }
    if (!state || !CANCELLABLE.includes(state.kind)) {
      if (state) return next(); // another feature's conversation
      return void (await reply(ctx, ctx.fs.t("newc.nothingToCancel")));
    }
    await ctx.fs.services.conversations.drop(id, state.kind);
    await reply(ctx, ctx.fs.t("common.cancelled"));
  });
  return c;
}

import { Composer } from "grammy";
import type { BotContext } from "../../context.js";
import { reply } from "../../replies.js";
import { ANNOUNCE, NEW_CONSULTATION, OPENED, SPEC_PREVIEW } from "./kinds.js";
import { services } from "./shared.js";

/** /cancel ends the committee's guided conversations (/new, a spec file's preview, /announce); others pass on. */
export function cancelFeature(): Composer<BotContext> {
  const c = new Composer<BotContext>();
  c.command("cancel", async (ctx, next) => {
    if (ctx.chat.type !== "private") return next();
    const id = BigInt(ctx.from!.id);
    const state = await services(ctx).stores.conversations.get(id);
    if (state?.kind === OPENED) {
      await services(ctx).stores.conversations.take(id, OPENED, state.data);
      return void (await reply(ctx, ctx.fs.t("newc.nothingToCancel")));
    }
    if (!state || ![NEW_CONSULTATION, SPEC_PREVIEW, ANNOUNCE].includes(state.kind)) {
      if (state) return next(); // another feature's conversation
      return void (await reply(ctx, ctx.fs.t("newc.nothingToCancel")));
    }
    await services(ctx).stores.conversations.take(id, state.kind);
    await reply(ctx, ctx.fs.t("common.cancelled"));
  });
  return c;
}

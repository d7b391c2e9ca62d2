// The bot's side of the conversation service (src/app/conversations): the
// sender's stored conversation read once per update, and a lost one (unreadable
// or expired) told to the person in their language.
import type { ChatStateRow, ConversationKind, Held, Reading } from "../app/conversations/index.js";
import type { BotContext } from "./context.js";
import { answer, dropButtons, reply } from "./replies.js";

const loaded = new WeakMap<object, Promise<ChatStateRow | null>>();

/** The sender's stored conversation (any kind, unchecked), read once per update however many features ask. */
export function conversationOf(ctx: BotContext): Promise<ChatStateRow | null> {
  let state = loaded.get(ctx.update);
  if (!state) {
    state = ctx.fs.services.conversations.current(BigInt(ctx.from!.id));
    loaded.set(ctx.update, state);
  }
  return state;
}

/** "What you were doing could not be continued": the conversation was dropped, nothing else happens. */
async function tellLost(ctx: BotContext, kind: string, reason: string): Promise<void> {
  ctx.fs.logger.warn("conversation lost", { kind, reason, update_id: ctx.update.update_id });
  if (ctx.callbackQuery) {
    await answer(ctx);
    await dropButtons(ctx);
  }
  await reply(ctx, ctx.fs.t("common.conversationLost"));
}

/**
 * The sender's conversation of `kind`, checked. A lost one is deleted and the person told
 * (status "lost": the update is handled); "none" leaves the update to other features.
 */
export async function readConversation<S>(ctx: BotContext, kind: ConversationKind<S>): Promise<Reading<S>> {
  const r = await ctx.fs.services.conversations.read(BigInt(ctx.from!.id), kind, await conversationOf(ctx));
  if (r.status === "lost") await tellLost(ctx, kind.name, r.reason);
  return r;
}

/**
 * A press of one of the conversation's buttons, sent at revision `rev`. Answered here unless
 * it is the current step's: none (`gone` is the toast), lost (told), an earlier step's (refused,
 * nothing changes). The current step's press is acknowledged and its buttons dropped.
 */
export async function pressConversation<S extends { readonly rev: number }>(ctx: BotContext, kind: ConversationKind<S>, rev: number, gone: string): Promise<Held<S> | null> {
  const r = await ctx.fs.services.conversations.press(BigInt(ctx.from!.id), kind, rev, await conversationOf(ctx));
  switch (r.status) {
    case "none":
      await answer(ctx, gone);
      return null;
    case "lost":
      await tellLost(ctx, kind.name, r.reason);
      return null;
    case "stale":
      await answer(ctx, ctx.fs.t("common.staleButton"));
      return null;
    case "active":
      await answer(ctx);
      await dropButtons(ctx);
      return r.held;
  }
}

import type { Conversation } from "../app/consultations/ports.js";
import type { z } from "zod";
import type { BotContext } from "./context.js";
import { answer, dropButtons, reply } from "./replies.js";

const loaded = new WeakMap<object, Promise<Conversation | null>>();

/** The sender's guided-conversation state, read once per update however many features ask. */
export function conversationOf(ctx: BotContext): Promise<Conversation | null> {
  let state = loaded.get(ctx.update);
  if (!state) {
    state = ctx.fs.services.consultations.stores.conversations.get(BigInt(ctx.from!.id));
    loaded.set(ctx.update, state);
  }
  return state;
}

/** JSON that does not parse is as unreadable as JSON of the wrong shape. */
function json(data: string): unknown {
  try {
    return JSON.parse(data);
  } catch {
    return undefined;
  }
}

/**
 * The conversation's state, checked against its kind's schema. A row that does not match
 * is no conversation: it is deleted (only if unchanged), and the person is told, in their
 * language, to start again — nothing else happens.
 */
export async function stateOf<T>(ctx: BotContext, state: Conversation, schema: z.ZodType<T>): Promise<T | null> {
  const parsed = schema.safeParse(json(state.data));
  if (parsed.success) return parsed.data;
  ctx.fs.logger.warn("unreadable conversation state dropped", { kind: state.kind, update_id: ctx.update.update_id });
  await ctx.fs.services.consultations.stores.conversations.take(BigInt(ctx.from!.id), state.kind, state.data);
  if (ctx.callbackQuery) {
    await answer(ctx);
    await dropButtons(ctx);
  }
  await reply(ctx, ctx.fs.t("common.conversationLost"));
  return null;
}

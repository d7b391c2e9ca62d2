import type { Conversation } from "../app/consultations/ports.js";
import type { BotContext } from "./context.js";

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

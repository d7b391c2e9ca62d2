import type { InlineKeyboard } from "grammy";
import type { BotContext } from "../context.js";
import { edit } from "../replies.js";

/** A rendered message: its HTML text and its buttons. */
export interface Shown {
  readonly text: string;
  readonly keyboard?: InlineKeyboard;
}

/**
 * Replaces the pressed message with a newly rendered one (the poll as it now stands, the next card).
 * Pressing what is already shown changes nothing: Telegram's "message is not modified" is ignored by edit.
 */
export async function editInPlace(ctx: BotContext, shown: Shown): Promise<void> {
  await edit(ctx, shown.text, shown.keyboard);
}

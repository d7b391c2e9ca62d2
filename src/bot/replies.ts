import type { InlineKeyboard } from "grammy";
import type { BotContext } from "./context.js";

/** Every message is HTML, so user text in it must be escaped (i18next does it for interpolated values). */
export function reply(ctx: BotContext, text: string, keyboard?: InlineKeyboard) {
  return ctx.reply(text, { parse_mode: "HTML", link_preview_options: { is_disabled: true }, ...(keyboard ? { reply_markup: keyboard } : {}) });
}

/**
 * Answers a button press. Telegram shows a spinner until this arrives, so it
 * is sent for every press, with a short text when the press changed nothing.
 */
export async function answer(ctx: BotContext, text?: string) {
  await ctx.answerCallbackQuery(text ? { text, show_alert: false } : undefined).catch(() => undefined);
}

/** Removes the buttons of the message a button was pressed on, so old choices can't be pressed again. */
export async function dropButtons(ctx: BotContext) {
  await ctx.editMessageReplyMarkup({ reply_markup: undefined }).catch(() => undefined);
}

// The one way the bot puts text in front of a person. Every text is Telegram
// HTML (locale strings are written in it, i18next escapes interpolated values,
// presenters escape user and committee text), so every send and edit here uses
// parse mode HTML; where Telegram shows text as is (button-press toasts) the
// same HTML is shown without markup. No feature calls the Bot API's text
// methods itself (tests/unit/renderingPath.test.ts checks).
import { InlineKeyboard, type Api, type InputFile } from "grammy";
import { htmlToPlain } from "../domain/text/html.js";
import type { BotContext } from "./context.js";

const HTML = { parse_mode: "HTML", link_preview_options: { is_disabled: true } } as const;

/** Telegram's limit for the text of a button-press answer. */
export const MAX_TOAST = 200;

/** Sends a message to the chat of the update. */
export function reply(ctx: BotContext, text: string, keyboard?: InlineKeyboard) {
  return ctx.reply(text, { ...HTML, ...(keyboard ? { reply_markup: keyboard } : {}) });
}

/** Sends a message to someone else's chat (a notice, a queued message). */
export function sendTo(api: Api, chatId: number | bigint, text: string, opts: { keyboard?: InlineKeyboard; signal?: AbortSignal } = {}) {
  return api.sendMessage(
    Number(chatId),
    text,
    { ...HTML, ...(opts.keyboard ? { reply_markup: opts.keyboard } : {}) },
    // grammY types the signal with the abort-controller package's class; Node's is what it uses at run time.
    opts.signal as unknown as Parameters<Api["sendMessage"]>[3],
  );
}

/** Sends a file with a caption. */
export function replyDocument(ctx: BotContext, file: InputFile, caption: string) {
  return ctx.replyWithDocument(file, { caption, parse_mode: "HTML" });
}

/** Sends a picture (a chart) with a caption. */
export function replyPhoto(ctx: BotContext, photo: InputFile, caption: string) {
  return ctx.replyWithPhoto(photo, { caption, parse_mode: "HTML" });
}

/** Sends a file Telegram already holds (by its file_id) as a document or a photo, with a caption. */
export function replyStoredFile(ctx: BotContext, kind: "document" | "photo", fileId: string, caption: string) {
  return kind === "photo" ? ctx.replyWithPhoto(fileId, { caption, parse_mode: "HTML" }) : ctx.replyWithDocument(fileId, { caption, parse_mode: "HTML" });
}

const notModified = (e: unknown) => String((e as Error)?.message ?? e).includes("message is not modified");

/**
 * Replaces the text (and buttons: none unless given) of the message a button
 * was pressed on. The same text again is not an error — Telegram refuses it as
 * "message is not modified" and the person already sees it; anything else is
 * logged, because the press was still answered.
 */
export async function edit(ctx: BotContext, text: string, keyboard?: InlineKeyboard): Promise<void> {
  await ctx.editMessageText(text, { ...HTML, reply_markup: keyboard ?? new InlineKeyboard() }).catch((e: unknown) => {
    if (!notModified(e)) ctx.fs.logger.warn("could not edit a message", { error: e, update_id: ctx.update.update_id });
  });
}

/** A toast's text: HTML shown without markup, clipped to Telegram's 200 characters. */
export function toastText(html: string): string {
  const plain = htmlToPlain(html);
  if (plain.length <= MAX_TOAST) return plain;
  let out = "";
  for (const ch of plain) {
    if (out.length + ch.length > MAX_TOAST - 1) break;
    out += ch;
  }
  return out + "…";
}

/**
 * Answers a button press. Telegram shows a spinner until this arrives, so it
 * is sent for every press, with a short text when the press changed nothing.
 */
export async function answer(ctx: BotContext, text?: string) {
  await ctx.answerCallbackQuery(text ? { text: toastText(text), show_alert: false } : undefined).catch(() => undefined);
}

/** Removes the buttons of the message a button was pressed on, so old choices can't be pressed again. */
export async function dropButtons(ctx: BotContext) {
  await ctx.editMessageReplyMarkup({ reply_markup: undefined }).catch(() => undefined);
}

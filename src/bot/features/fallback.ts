import { Composer } from "grammy";
import type { BotContext } from "../context.js";
import { sentences } from "../format.js";
import { answer, reply } from "../replies.js";

/** What no feature handled: unknown commands, unexpected messages, buttons nobody owns. */
export function fallbackFeature(): Composer<BotContext> {
  const c = new Composer<BotContext>();
  const priv = c.chatType("private");
  priv.on("message:text", async (ctx) => {
    const { t } = ctx.fs;
    const command = /^\/([^\s@]+)/.exec(ctx.message.text)?.[1];
    if (command) return void (await reply(ctx, t("common.unknownCommand", { command: command.slice(0, 64) })));
    await reply(ctx, ctx.fs.resident ? t("help.footer") + " /help" : t("common.notRegistered"));
  });
  priv.on("message", async (ctx) => {
    await reply(ctx, ctx.fs.resident ? t2(ctx) : ctx.fs.t("common.notRegistered"));
  });
  c.on("callback_query", async (ctx) => {
    await answer(ctx, ctx.fs.t("common.badButton"));
  });
  return c;
}

const t2 = (ctx: BotContext) => sentences(ctx.fs.lang, [ctx.fs.t("common.textExpected"), ctx.fs.t("help.footer")]) + " /help";

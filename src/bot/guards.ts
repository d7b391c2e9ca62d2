import type { CommandContext, Middleware } from "grammy";
import { NotAllowed } from "../domain/permissions.js";
import type { StaffRole } from "../domain/roles.js";
import type { BotContext } from "./context.js";
import { reply } from "./replies.js";

/** Personal commands only in private chats: a group must never see someone's registration. */
export function privateOnly(handler: (ctx: CommandContext<BotContext>) => Promise<unknown>): Middleware<CommandContext<BotContext>> {
  return async (ctx) => {
    if (ctx.chat.type !== "private") {
      await reply(ctx, ctx.fs.t("common.privateOnly", { bot: ctx.me.username }));
      return;
    }
    await handler(ctx);
  };
}

/** Staff commands: private chat and the role, checked on every use; others get a refusal and nothing changes. */
export function staffOnly(role: StaffRole, handler: (ctx: CommandContext<BotContext>) => Promise<unknown>): Middleware<CommandContext<BotContext>> {
  return privateOnly(async (ctx) => {
    if (!(await ctx.fs.roles()).has(role)) {
      await reply(ctx, ctx.fs.t("common.notAllowed", { role: ctx.fs.t(`roles.${role}`), command: ctx.message?.text.slice(1).split(/[\s@]/)[0] ?? "" }));
      return;
    }
    await handler(ctx);
  });
}

/** Splits the text after a command into words. */
export const commandArgs = (ctx: CommandContext<BotContext>) => ctx.match.trim().split(/\s+/).filter(Boolean);

export type Refused = { readonly kind: "not-allowed" };

/**
 * Runs a use case that decides who may act (src/domain/permissions.ts): its
 * NotAllowed comes back as a "not-allowed" outcome, for the handler to word
 * in the person's language as it words its other refusals. Anything else is thrown on.
 */
export async function orNotAllowed<T>(run: () => Promise<T>): Promise<T | Refused> {
  try {
    return await run();
  } catch (e) {
    if (e instanceof NotAllowed) return { kind: "not-allowed" };
    throw e;
  }
}

// How updates run, whichever way they arrive (long polling through grammY's
// runner, or the webhook): one person's updates one after another, in the
// order they came, different people in parallel; and a count of those under
// way, so a shutdown can wait for them.
import { sequentialize } from "@grammyjs/runner";
import type { Context, Middleware } from "grammy";
import type { Services } from "../app/services.js";
import type { Logger } from "../logger.js";
import type { BotContext } from "./context.js";

/** The update types the bot handles: setWebhook and getUpdates ask Telegram for these only. */
export const ALLOWED_UPDATES = ["message", "callback_query"] as const;

/**
 * The keys an update is ordered under: its chat and its sender. Two updates
 * sharing either wait for each other (a person's private chat, a group's
 * messages, and a person acting in two chats); others run side by side.
 */
export function orderKeys(ctx: Context): string[] {
  const keys: string[] = [];
  if (ctx.chat) keys.push(`chat:${ctx.chat.id}`);
  if (ctx.from) keys.push(`user:${ctx.from.id}`);
  return keys;
}

export function orderedPerChatAndUser(): Middleware<Context> {
  return sequentialize(orderKeys) as Middleware<Context>;
}

/** Updates being handled; `idle()` resolves when none is left (graceful shutdown). */
export class InFlight {
  private readonly running = new Set<Promise<unknown>>();

  get size(): number {
    return this.running.size;
  }

  middleware(): Middleware<Context> {
    return async (_ctx, next) => {
      const task = next();
      this.running.add(task);
      try {
        await task;
      } finally {
        this.running.delete(task);
      }
    };
  }

  /** Resolves true when every update under way finished, false if `timeoutMs` passed first. */
  async idle(timeoutMs: number): Promise<boolean> {
    const deadline = Date.now() + timeoutMs;
    while (this.running.size > 0) {
      const left = deadline - Date.now();
      if (left <= 0) return false;
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([Promise.allSettled([...this.running]), new Promise((r) => (timer = setTimeout(r, left)))]);
      clearTimeout(timer);
    }
    return true;
  }
}

/**
 * Skips an update delivered again (src/app/updates.ts): one statement per update.
 * If storage cannot record it (an outage), the update is handled anyway — the
 * handler then meets the same outage and the person is told.
 */
export function skipRedelivered(deps: { services: Services; logger: Logger }, alongside?: (ctx: BotContext) => void): Middleware<BotContext> {
  const { updates, telemetry } = deps.services;
  return async (ctx, next) => {
    const id = ctx.update.update_id;
    // Work every update needs anyway (the sender's lookup) starts now, beside the claim, not after it.
    alongside?.(ctx);
    let fresh: boolean;
    try {
      fresh = await updates.begin(id);
    } catch (error) {
      deps.logger.warn("could not record the update; handling it anyway", { update_id: id, error });
      return next();
    }
    if (!fresh) {
      telemetry.updateRedelivered();
      deps.logger.info("update delivered again: skipped", { update_id: id });
      return;
    }
    try {
      await next();
    } finally {
      updates.end(id);
    }
  };
}

/**
 * A NUL in a message (U+0000) is refused by PostgreSQL's text type: it becomes U+FFFD, one
 * UTF-16 unit like the NUL, so Telegram's entity offsets (commands, mentions) stay right.
 */
export const withoutNul: Middleware<BotContext> = async (ctx, next) => {
  const m = ctx.message ?? ctx.editedMessage ?? ctx.channelPost;
  if (m) {
    if (m.text?.includes("\u0000")) m.text = m.text.replaceAll("\u0000", "\ufffd");
    if (m.caption?.includes("\u0000")) m.caption = m.caption.replaceAll("\u0000", "\ufffd");
    if (m.document?.file_name?.includes("\u0000")) m.document.file_name = m.document.file_name.replaceAll("\u0000", "\ufffd");
  }
  await next();
};

// How updates run, whichever way they arrive (long polling through grammY's
// runner, or the webhook): one person's updates one after another, in the
// order they came, different people in parallel; and a count of those under
// way, so a shutdown can wait for them.
import { sequentialize } from "@grammyjs/runner";
import type { Context, Middleware } from "grammy";
import type { Services } from "../app/services.js";
import type { Logger } from "../logger.js";
import { languageFromTelegram } from "../domain/language.js";
import type { Translator } from "../i18n.js";
import type { BotContext } from "./context.js";
import { answer, reply } from "./replies.js";

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

export interface FloodLimits {
  /** Updates a person may send at once… */
  burst: number;
  /** …and per second after that. */
  perSecond: number;
  /** One notice per episode: none again within this long. */
  noticeEveryMs: number;
}
/** A person tapping fast sends a few updates a second; 30 a second is a script or a stuck key. */
export const FLOOD_LIMITS: FloodLimits = { burst: 15, perSecond: 5, noticeEveryMs: 30_000 };

/**
 * Per-person flood control (a token bucket per Telegram user, in memory): beyond the limits an
 * update is not handled — a message gets one polite notice per episode, a button press is still
 * answered (Telegram shows a spinner until it is), with a short "too fast". Others are not affected.
 */
export function floodControl(deps: { translator: Translator; logger: Logger; limits?: FloodLimits; now?: () => number }): Middleware<BotContext> {
  const limits = deps.limits ?? FLOOD_LIMITS;
  const now = deps.now ?? (() => performance.now());
  const buckets = new Map<number, { tokens: number; at: number; noticeAt: number }>();
  let sweepAt = now();
  return async (ctx, next) => {
    const id = ctx.from?.id;
    if (id === undefined) return next();
    const t0 = now();
    // Forget people who have been quiet long enough to have a full bucket again.
    if (t0 - sweepAt > 60_000) {
      for (const [k, b] of buckets) if (t0 - b.at > (limits.burst / limits.perSecond) * 1000) buckets.delete(k);
      sweepAt = t0;
    }
    const b = buckets.get(id) ?? { tokens: limits.burst, at: t0, noticeAt: -Infinity };
    b.tokens = Math.min(limits.burst, b.tokens + ((t0 - b.at) / 1000) * limits.perSecond);
    b.at = t0;
    buckets.set(id, b);
    if (b.tokens >= 1) {
      b.tokens -= 1;
      return next();
    }
    const t = deps.translator.forLanguage(languageFromTelegram(ctx.from?.language_code));
    if (ctx.callbackQuery) {
      await answer(ctx, t("flood.tooFast"));
      return;
    }
    if (t0 - b.noticeAt >= limits.noticeEveryMs && ctx.chat?.type === "private") {
      b.noticeAt = t0;
      deps.logger.info("flood control: slowing a person down", { user: id });
      await reply(ctx, t("flood.slowDown")).catch(() => undefined);
    }
  };
}

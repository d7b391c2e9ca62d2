import { GrammyError, HttpError, InlineKeyboard, type Api } from "grammy";
import type { OutboxMessage } from "../app/consultations/ports.js";
import type { MessageSender, SendOutcome } from "../app/consultations/outboxWorker.js";
import { callback } from "./callbacks.js";
import { sendTo } from "./replies.js";

/** Sends queued messages through the Bot API and says what Telegram answered, in the worker's terms. */
export function telegramSender(api: Api, timeoutMs = 30_000): MessageSender {
  return {
    async send(m: OutboxMessage): Promise<SendOutcome> {
      let keyboard: InlineKeyboard | undefined;
      if (m.buttons.length > 0) {
        keyboard = new InlineKeyboard();
        for (const b of m.buttons) keyboard.text(b.text, callback(b.action as Parameters<typeof callback>[0], ...b.args)).row();
      }
      try {
        await sendTo(api, m.chatId, m.text, { ...(keyboard ? { keyboard } : {}), signal: AbortSignal.timeout(timeoutMs) });
        return { kind: "sent" };
      } catch (e) {
        return outcomeOf(e);
      }
    },
  };
}

export function outcomeOf(e: unknown): SendOutcome {
  if (e instanceof GrammyError) {
    if (e.error_code === 429) return { kind: "retry-after", seconds: Math.max(1, e.parameters.retry_after ?? 1) };
    if (e.error_code === 403) return { kind: "blocked", description: e.description };
    if (e.error_code >= 500) return { kind: "error", description: e.description };
    return { kind: "rejected", description: e.description };
  }
  if (e instanceof HttpError) {
    // No answer in time: Telegram may have delivered it. Sending nothing twice comes first.
    const cause = e.error as { name?: string } | undefined;
    if (cause?.name === "AbortError" || cause?.name === "TimeoutError") return { kind: "unknown", description: e.message };
    return { kind: "error", description: e.message };
  }
  return { kind: "error", description: e instanceof Error ? e.message : String(e) };
}

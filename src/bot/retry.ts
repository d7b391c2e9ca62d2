// Direct Bot API calls (replies, edits, toasts) survive a 429 or a network blip,
// but never keep a person waiting long: a reply that comes after ten seconds is
// worse than an honest failure (the error boundary then apologises).
//
// - 429: @grammyjs/auto-retry waits Telegram's retry_after when it is at most
//   RETRY_AFTER_MAX_S, at most MAX_RETRIES times; a longer retry_after fails at once.
// - A network error or a 5xx: retried here after 0.5 s, then 1 s (auto-retry's own
//   back-off for these starts at 3 s and, for network errors, has no limit).
// Bulk sends do not come this way: the outbox has an Api of its own and its own pacing.
import { autoRetry } from "@grammyjs/auto-retry";
import { HttpError, type Api, type Transformer } from "grammy";

export const RETRY_AFTER_MAX_S = 5;
export const MAX_RETRIES = 2;
const BLIP_DELAYS_MS = [500, 1_000];

function pause(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener("abort", () => {
      clearTimeout(timer);
      reject(new Error("aborted while waiting to retry"));
    }, { once: true });
  });
}

/** Retries network errors and 5xx answers twice, quickly. */
export function blipRetry(delays: readonly number[] = BLIP_DELAYS_MS): Transformer {
  return async (prev, method, payload, signal) => {
    for (let attempt = 0; ; attempt++) {
      const last = attempt >= delays.length;
      try {
        const res = await prev(method, payload, signal);
        if (res.ok || res.error_code < 500 || last) return res;
      } catch (e) {
        if (!(e instanceof HttpError) || signal?.aborted || last) throw e;
      }
      await pause(delays[attempt]!, signal as AbortSignal | undefined);
    }
  };
}

/** Installs both on an Api (the bot's, in src/main.ts). */
export function installRetries(api: Api): void {
  // Installed last runs first: auto-retry sees what is left after the blips were retried.
  api.config.use(blipRetry());
  api.config.use(autoRetry({ maxRetryAttempts: MAX_RETRIES, maxDelaySeconds: RETRY_AFTER_MAX_S, rethrowHttpErrors: true, rethrowInternalServerErrors: true }));
}

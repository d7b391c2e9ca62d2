import type { Update } from "grammy/types";
import { TelegramEmulator, type ApiCall } from "../../src/emulator/emulator.js";
import { TEST_TOKEN } from "./telegram.js";
import { noteRefusal } from "./telegramRules.js";

export type FakeApiCall = ApiCall;

const STATE_REFUSALS = /query is too old|message to edit not found|chat not found/;

/**
 * The Bot API for whole-process tests and benchmarks: the product's own
 * Telegram emulator (src/emulator) on 127.0.0.1, with the suite's token, so
 * the tests and `npm run demo` exercise one implementation. Tests push raw
 * updates and read the calls the bot made.
 */
export class FakeBotApi {
  readonly emulator = new TelegramEmulator({ token: TEST_TOKEN, bot: { username: "frontstage_test_bot" }, unknownChats: "create" });
  private readonly listeners = new Set<(call: FakeApiCall) => void>();

  /** Calls the emulator refused as Telegram would; a storage test fails on any but "not modified" (strictTelegram.ts). */
  readonly refused: (FakeApiCall & { description: string })[] = [];

  constructor() {
    this.emulator.on("call", (call: FakeApiCall) => {
      for (const l of this.listeners) l(call);
    });
    this.emulator.on("refused", (call: FakeApiCall, description: string) => {
      // A long poll ended by a newer one or by the bot stopping (409) is the transport, not something the bot sent;
      // a press on a message the emulator never showed, or one answered before a crash and delivered again, is the
      // test's own raw update. What is refused about what the bot wrote (entities, lengths, button data) counts.
      if (call.method === "getUpdates" || STATE_REFUSALS.test(description)) return;
      this.refused.push({ ...call, description });
      noteRefusal(call.method, call.body, description);
    });
  }

  /** Answers every later call of `method` only after `ms` (0 removes the delay): a slow Telegram, or a request in flight. */
  delay(method: string, ms: number): void {
    this.emulator.delay(method, ms);
  }

  get url(): string {
    return this.emulator.url;
  }

  get calls(): FakeApiCall[] {
    return this.emulator.calls;
  }

  start(): Promise<string> {
    return this.emulator.start();
  }

  stop(): Promise<void> {
    return this.emulator.stop();
  }

  /**
   * Posts one update to a bot's webhook as Telegram does (with the secret), and makes the Bot API
   * call the bot handed back in its answer, if any (a button press's answer travels that way).
   */
  async postToWebhook(url: string, secret: string, update: unknown): Promise<{ status: number }> {
    const res = await fetch(url, { method: "POST", headers: { "content-type": "application/json", "x-telegram-bot-api-secret-token": secret }, body: JSON.stringify(update) });
    const body = await res.text();
    if (res.ok && body) await this.emulator.webhookReply(body);
    return { status: res.status };
  }

  /** Queues an update as Telegram would deliver it (its sender becomes a known chat). */
  push(update: Update): void {
    const from = update.message?.from ?? update.callback_query?.from;
    if (from && !this.emulator.user(from.id)) this.emulator.addUser({ id: from.id, first_name: from.first_name, ...(from.language_code ? { language_code: from.language_code } : {}) });
    this.emulator.pushUpdate(update as unknown as Record<string, unknown>);
  }

  /** Resolves with the first call of `method` (optionally matching) made from now on, or already made. */
  waitFor(method: string, match: (body: Record<string, any>) => boolean = () => true, timeoutMs = 10_000): Promise<FakeApiCall> {
    const done = this.calls.find((c) => c.method === method && match(c.body));
    if (done) return Promise.resolve(done);
    return new Promise((resolve, reject) => {
      const listener = (call: FakeApiCall) => {
        if (call.method === method && match(call.body)) {
          clearTimeout(timer);
          this.listeners.delete(listener);
          resolve(call);
        }
      };
      const timer = setTimeout(() => {
        this.listeners.delete(listener);
        reject(new Error(`no ${method} within ${timeoutMs} ms`));
      }, timeoutMs);
      this.listeners.add(listener);
    });
  }
}

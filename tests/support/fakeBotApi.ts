import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { Update } from "grammy/types";
import { NOT_MODIFIED, noteRefusal, refusal, shown, unchanged, type Shown } from "./telegramRules.js";

export interface FakeApiCall {
  method: string;
  body: Record<string, any>;
  at: number;
}

/**
 * A Bot API server on 127.0.0.1 for whole-process tests and benchmarks: it
 * answers getMe and the usual methods, and hands queued updates to getUpdates,
 * holding the long poll open until an update arrives or the poll times out.
 * Like Telegram, it refuses bad HTML, over-long texts, captions and callback
 * answers, callback data over 64 bytes and edits that change nothing
 * (tests/support/telegramRules.ts); refused calls are kept in `refused`.
 */
export class FakeBotApi {
  readonly calls: FakeApiCall[] = [];
  readonly refused: (FakeApiCall & { description: string })[] = [];
  private readonly shownOf = new Map<string, Shown>();
  private server?: Server;
  private queue: Update[] = [];
  private waiting: (() => void)[] = [];
  private listeners: ((call: FakeApiCall) => void)[] = [];
  private messageId = 1;
  url = "";

  async start(): Promise<string> {
    this.server = createServer((req, res) => {
      void this.handle(req).then((answer) => {
        const refused = (answer as { ok?: boolean; error_code?: number }).ok === false;
        res.writeHead(refused ? ((answer as { error_code?: number }).error_code ?? 400) : 200, { "content-type": "application/json" });
        res.end(JSON.stringify(answer));
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, "127.0.0.1", resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this.url;
  }

  async stop(): Promise<void> {
    for (const wake of this.waiting.splice(0)) wake();
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  push(update: Update): void {
    this.queue.push(update);
    for (const wake of this.waiting.splice(0)) wake();
  }

  /** Resolves with the first call of `method` (optionally matching) made from now on, or already made. */
  waitFor(method: string, match: (body: Record<string, any>) => boolean = () => true, timeoutMs = 10_000): Promise<FakeApiCall> {
    const done = this.calls.find((c) => c.method === method && match(c.body));
    if (done) return Promise.resolve(done);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no ${method} within ${timeoutMs} ms`)), timeoutMs);
      this.listeners.push((call) => {
        if (call.method === method && match(call.body)) {
          clearTimeout(timer);
          resolve(call);
        }
      });
    });
  }

  private async handle(req: IncomingMessage): Promise<unknown> {
    const method = (req.url ?? "").split("/").pop() ?? "";
    let raw = "";
    for await (const chunk of req) raw += chunk;
    const body = raw ? (JSON.parse(raw) as Record<string, any>) : {};
    const call = { method, body, at: performance.now() };
    this.calls.push(call);
    for (const l of this.listeners) l(call);
    const refuse = (description: string) => {
      this.refused.push({ ...call, description });
      noteRefusal(method, body, description);
      return { ok: false, error_code: 400, description };
    };
    const bad = refusal(method, body);
    if (bad) return refuse(bad);
    const key = `${body.chat_id}/${body.message_id}`;
    switch (method) {
      case "getMe":
        return { ok: true, result: { id: 42, is_bot: true, first_name: "Frontstage", username: "frontstage_test_bot", can_join_groups: true, can_read_all_group_messages: false, supports_inline_queries: false } };
      case "getUpdates": {
        const offset = Number(body.offset ?? 0);
        this.queue = this.queue.filter((u) => u.update_id >= offset);
        if (this.queue.length === 0) {
          await new Promise<void>((resolve) => {
            const timer = setTimeout(resolve, Math.min(Number(body.timeout ?? 0), 2) * 1000);
            this.waiting.push(() => {
              clearTimeout(timer);
              resolve();
            });
          });
        }
        return { ok: true, result: this.queue.filter((u) => u.update_id >= offset) };
      }
      case "sendMessage": {
        const id = this.messageId++;
        this.shownOf.set(`${body.chat_id}/${id}`, shown(String(body.text), body.parse_mode, body.reply_markup));
        return { ok: true, result: { message_id: id, date: 0, chat: { id: body.chat_id, type: "private" }, text: body.text } };
      }
      case "editMessageText": {
        const before = this.shownOf.get(key);
        const after = shown(String(body.text), body.parse_mode, body.reply_markup);
        if (before && unchanged(before, after)) return refuse(NOT_MODIFIED);
        this.shownOf.set(key, after);
        return { ok: true, result: { message_id: body.message_id, date: 0, chat: { id: body.chat_id, type: "private" }, text: body.text } };
      }
      case "editMessageReplyMarkup": {
        const before = this.shownOf.get(key);
        if (before) {
          const after = { ...before, markup: shown("", undefined, body.reply_markup).markup };
          if (unchanged(before, after)) return refuse(NOT_MODIFIED);
          this.shownOf.set(key, after);
        }
        return { ok: true, result: true };
      }
      default:
        return { ok: true, result: true };
    }
  }
}

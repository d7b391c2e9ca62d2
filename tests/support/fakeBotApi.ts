import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { Update } from "grammy/types";

export interface FakeApiCall {
  method: string;
  body: Record<string, any>;
  at: number;
}

/**
 * A Bot API server on 127.0.0.1 for whole-process tests and benchmarks: it
 * answers getMe and the usual methods, and hands queued updates to getUpdates,
 * holding the long poll open until an update arrives or the poll times out.
 */
export class FakeBotApi {
  readonly calls: FakeApiCall[] = [];
  private server?: Server;
  private queue: Update[] = [];
  private waiting: (() => void)[] = [];
  private listeners: ((call: FakeApiCall) => void)[] = [];
  private messageId = 1;
  private readonly delays = new Map<string, number>();
  url = "";

  /** Answers every later call of `method` only after `ms` (0 removes the delay): a slow Telegram, or a request in flight. */
  delay(method: string, ms: number): void {
    if (ms > 0) this.delays.set(method, ms);
    else this.delays.delete(method);
  }

  async start(): Promise<string> {
    this.server = createServer((req, res) => {
      void this.handle(req).then((answer) => {
        res.writeHead(200, { "content-type": "application/json" });
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
    const delay = this.delays.get(method);
    if (delay) await new Promise((resolve) => setTimeout(resolve, delay));
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
      case "sendMessage":
        return { ok: true, result: { message_id: this.messageId++, date: 0, chat: { id: body.chat_id, type: "private" }, text: body.text } };
      default:
        return { ok: true, result: true };
    }
  }
}

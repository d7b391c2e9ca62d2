// The HTTP side of the bot (Hono on Node's http server): the webhook Telegram
// posts updates to, GET /healthz and GET /metrics. One listener can serve all
// three (the default), or the webhook and health can listen on ports of their own.
import { timingSafeEqual } from "node:crypto";
import type { IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";
import { serve, type ServerType } from "@hono/node-server";
import type { Update } from "grammy/types";
import { Hono, type Context } from "hono";
import { bodyLimit } from "hono/body-limit";
import type { Logger } from "../logger.js";
import type { HealthCheck } from "./health.js";
import type { Metrics } from "./metrics.js";

/** Telegram's webhook header carrying the secret given to setWebhook. */
export const SECRET_HEADER = "x-telegram-bot-api-secret-token";
/**
 * Telegram gives up on a webhook request after some tens of seconds and sends
 * it again. The answer never waits longer than this: an update still running
 * then goes on in the background (it is recorded as processed when it ends).
 */
export const ANSWER_WITHIN_MS = 5_000;
/** Updates are small; a file is sent as an id, never inline. */
const MAX_BODY = 1024 * 1024;

export interface WebhookRoute {
  /** The path of WEBHOOK_URL, e.g. /telegram. */
  path: string;
  secret: string;
  /**
   * Hands one update to the bot; resolves when it was handled. `reply` is the
   * update's webhook answer (grammY's webhook reply envelope): one Bot API call
   * the bot may hand back in the HTTP answer instead of making it itself.
   */
  handle(update: Update, reply?: WebhookReply): Promise<void>;
  /** False while shutting down: Telegram is answered 503 and sends the update again later (to the next process). */
  accepting?: () => boolean;
  answerWithinMs?: number;
}

/**
 * grammY's webhook reply envelope for one request: the first call the bot lets
 * travel this way (src/bot/createBot.ts: the button-press answer) is kept and
 * sent as the body of the HTTP answer, which Telegram then performs — one
 * outgoing request less per press. The answer still waits until the update was
 * handled (acknowledged means stored); once it has left (an update running past
 * ANSWER_WITHIN_MS) `send` is withdrawn and later calls go out as usual.
 */
export interface WebhookReply {
  send?: (payload: string) => Promise<void>;
}

export interface HttpDeps {
  logger: Logger;
  webhook?: WebhookRoute;
  health?: HealthCheck;
  metrics?: Metrics;
}

function sameSecret(given: string | undefined, expected: string): boolean {
  if (given === undefined) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** Node's own request, under @hono/node-server (absent when the app is called with a web Request). */
const incomingOf = (c: Context): IncomingMessage | undefined => (c.env as { incoming?: IncomingMessage } | undefined)?.incoming;

const headerOf = (c: Context, incoming: IncomingMessage | undefined, name: string): string | undefined => {
  if (!incoming) return c.req.header(name);
  const v = incoming.headers[name];
  return Array.isArray(v) ? v.join(", ") : v;
};

/**
 * The body of Node's request as one buffer, or "too large" past `max` bytes (by its content-length,
 * else once that many arrived). Read straight from the socket's stream: the web Request and its
 * ReadableStream that hono/body-limit and c.req.json() would build cost more than the update's handling.
 */
function readBody(incoming: IncomingMessage, max: number): Promise<Buffer | "too large"> {
  const declared = incoming.headers["content-length"];
  if (declared !== undefined && incoming.headers["transfer-encoding"] === undefined && Number.parseInt(declared, 10) > max) return Promise.resolve("too large");
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const done = (r: Buffer | "too large" | Error) => {
      incoming.off("data", onData).off("end", onEnd).off("error", onError).off("close", onClose);
      if (r instanceof Error) reject(r);
      else resolve(r);
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > max) return done("too large");
      chunks.push(chunk);
    };
    const onEnd = () => done(chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, size));
    const onError = (e: Error) => done(e);
    const onClose = () => (incoming.readableEnded ? onEnd() : done(new Error("client connection closed before the body arrived")));
    incoming.on("data", onData).on("end", onEnd).on("error", onError).on("close", onClose);
  });
}

const isUpdate = (body: unknown): body is Update =>
  typeof body === "object" && body !== null && !Array.isArray(body) && Number.isSafeInteger((body as { update_id?: unknown }).update_id) && (body as Update).update_id >= 0;

export function httpApp(deps: HttpDeps): Hono {
  const app = new Hono();
  const { logger } = deps;

  if (deps.webhook) {
    const hook = deps.webhook;
    const answerWithin = hook.answerWithinMs ?? ANSWER_WITHIN_MS;
    const tooLarge = (c: Context) => c.json({ ok: false, error: "body too large" }, 413);
    const limited = bodyLimit({ maxSize: MAX_BODY, onError: tooLarge });
    app.post(
      hook.path,
      // The secret first: a stranger's request is refused before its body is read.
      async (c, next) => {
        const incoming = incomingOf(c);
        if (sameSecret(headerOf(c, incoming, SECRET_HEADER), hook.secret)) return next();
        logger.warn("webhook: request without the right secret token refused", { remote: headerOf(c, incoming, "x-forwarded-for") ?? null, hasHeader: headerOf(c, incoming, SECRET_HEADER) !== undefined });
        return c.json({ ok: false, error: "unauthorized" }, 401);
      },
      // Under Node the handler reads and limits the body itself (readBody); a web Request goes through hono's limit.
      (c, next) => (incomingOf(c) ? next() : limited(c, next)),
      async (c) => {
        const incoming = incomingOf(c);
        let body: unknown;
        try {
          if (incoming) {
            const raw = await readBody(incoming, MAX_BODY);
            if (raw === "too large") return tooLarge(c);
            body = JSON.parse(raw.toString("utf8"));
          } else body = await c.req.json();
        } catch {
          return c.json({ ok: false, error: "malformed JSON" }, 400);
        }
        if (!isUpdate(body)) return c.json({ ok: false, error: "not a Telegram update" }, 400);
        if (hook.accepting && !hook.accepting()) return c.json({ ok: false, error: "shutting down" }, 503);
        const update = body;
        let payload: string | undefined;
        const reply: WebhookReply = {
          send: async (p) => {
            payload = p;
          },
        };
        let timer: NodeJS.Timeout | undefined;
        const late = new Promise<"late">((resolve) => (timer = setTimeout(() => resolve("late"), answerWithin)));
        const handled = hook.handle(update, reply).then(
          () => "done" as const,
          (error: unknown) => {
            // The bot's own error boundary answers users; this is what escaped it.
            logger.error("webhook: update failed", { update_id: update.update_id, error });
            return "done" as const;
          },
        );
        const outcome = await Promise.race([handled, late]);
        clearTimeout(timer);
        delete reply.send;
        if (outcome === "late") logger.warn("webhook: update still running, answered Telegram so it does not resend", { update_id: update.update_id, afterMs: answerWithin });
        return payload === undefined ? c.json({ ok: true }) : c.body(payload, 200, { "content-type": "application/json" });
      },
    );
  }

  if (deps.health) {
    const check = deps.health;
    app.get("/healthz", async (c) => {
      const report = await check();
      return c.json(report, report.ok ? 200 : 503, { "cache-control": "no-store" });
    });
  }

  if (deps.metrics) {
    const metrics = deps.metrics;
    app.get("/metrics", async (c) => c.body(await metrics.text(), 200, { "content-type": metrics.contentType, "cache-control": "no-store" }));
  }

  app.notFound((c) => c.json({ ok: false, error: "not found" }, 404));
  app.onError((error, c) => {
    logger.error("http: request failed", { path: c.req.path, error });
    return c.json({ ok: false, error: "internal error" }, 500);
  });
  return app;
}

export interface Listener {
  readonly port: number;
  /** Stops accepting connections and waits for requests under way (at most `graceMs`, then drops them). */
  close(graceMs?: number): Promise<void>;
}

/** Listens on host:port (port 0: any free port, for tests). */
export function listen(app: Hono, host: string, port: number): Promise<Listener> {
  return new Promise((resolve, reject) => {
    let server: ServerType;
    const onError = (e: Error) => reject(e);
    server = serve({ fetch: app.fetch, hostname: host, port }, (info: AddressInfo) => {
      server.off("error", onError);
      const http = server as import("node:http").Server;
      // Keep-alive connections would hold close() open; idle ones are closed at once.
      resolve({
        port: info.port,
        close: (graceMs = 5_000) =>
          new Promise<void>((done) => {
            const force = setTimeout(() => http.closeAllConnections(), graceMs);
            force.unref();
            http.close(() => {
              clearTimeout(force);
              done();
            });
            http.closeIdleConnections();
          }),
      });
    });
    server.on("error", onError);
  });
}

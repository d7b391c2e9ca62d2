// Sends what the outbox holds, within Telegram's limits, and records every
// outcome before moving on:
// - at most 25 messages a second in total and 1 a second per chat (SendPacer);
// - 429: everything waits exactly `retry_after` seconds, then the message is retried;
// - 403: the person blocked the bot; they are marked unreachable and nothing
//   more is sent to them;
// - other failures: retried with a growing delay, then given up.
// A message is claimed (pending → sending) before it goes out and marked sent
// after. A process that dies in between leaves it "sending"; the next start
// sends such messages again: Telegram may then deliver one twice, which is
// better than a resident never getting the result (see README, Operations).
import { SendPacer, TELEGRAM_LIMITS, type PacerLimits } from "../../domain/outbox/pacer.js";
import type { Logger } from "../../logger.js";
import type { Clock } from "../ports.js";
import type { OutboxMessage, OutboxStore } from "./ports.js";
import type { Signal } from "./signal.js";

export type SendOutcome =
  | { kind: "sent" }
  /** 429 Too Many Requests. */
  | { kind: "retry-after"; seconds: number }
  /** 403: blocked by the user, or the account is gone. */
  | { kind: "blocked"; description: string }
  /** A permanent refusal (400): retrying would not help. */
  | { kind: "rejected"; description: string }
  /** Network trouble before Telegram got it, or a server error: worth retrying. */
  | { kind: "error"; description: string }
  /** No answer (timeout): it may have been delivered, so it is not sent again. */
  | { kind: "unknown"; description: string };

export interface MessageSender {
  send(message: OutboxMessage): Promise<SendOutcome>;
}

export interface OutboxWorkerDeps {
  store: OutboxStore;
  sender: MessageSender;
  clock: Clock;
  logger: Logger;
  /** Emitted when messages are queued. */
  queued?: Signal;
  limits?: PacerLimits;
  /** Sends awaiting Telegram's answer at once (default 8): the pace, not this, sets the rate. */
  maxInFlight?: number;
  /** Waits `ms`; tests pass one that moves a test clock instead. */
  sleep?: (ms: number) => Promise<void>;
  /** Longest idle wait before looking at storage again (default 30 s). */
  idleMs?: number;
}

const MAX_ATTEMPTS = 5;
/**
 * How long a claimed message may stay "sending" before it counts as interrupted: longer than
 * a send can take (the sender gives Telegram 30 s), so a live worker is never overtaken.
 */
export const LEASE_MS = 60_000;
const WINDOW = 200;

export class OutboxWorker {
  private readonly pacer: SendPacer;
  private readonly sleep: (ms: number) => Promise<void>;
  private running = false;
  private loop?: Promise<void>;
  private wake?: () => void;
  private unsubscribe?: () => void;
  private pausedUntil = 0;
  private queue: OutboxMessage[] = [];
  private readonly inFlight = new Map<number, Promise<void>>();
  private readonly busyChats = new Set<bigint>();

  constructor(private readonly deps: OutboxWorkerDeps) {
    this.pacer = new SendPacer(deps.limits ?? TELEGRAM_LIMITS);
    this.sleep = deps.sleep ?? ((ms) => new Promise((r) => setTimeout(r, ms)));
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.unsubscribe = this.deps.queued?.on(() => this.poke());
    this.loop = this.run(false);
  }

  /** Stops taking new messages and waits for the ones on their way to be recorded. */
  async stop(): Promise<void> {
    this.running = false;
    this.unsubscribe?.();
    this.wake?.();
    await this.loop;
    await Promise.all(this.inFlight.values());
  }

  poke(): void {
    this.wake?.();
  }

  /** Sends everything due until nothing is left (tests and the CLI). */
  async drain(): Promise<void> {
    this.running = true;
    try {
      await this.run(true);
    } finally {
      this.running = false;
    }
    await Promise.all(this.inFlight.values());
  }

  private now(): number {
    return this.deps.clock.now().getTime();
  }

  /** Waits `ms`, or less if poked. */
  private async wait(ms: number): Promise<void> {
    if (ms <= 0) return;
    await Promise.race([this.sleep(ms), new Promise<void>((resolve) => (this.wake = resolve))]);
    this.wake = undefined;
  }

  private async run(untilEmpty: boolean): Promise<void> {
    await this.requeueInterrupted();
    let requeuedAt = this.now();
    while (this.running) {
      try {
        // An instance that died mid-send (with several instances, one of the others) leaves
        // messages "sending": once their lease ran out they are sent again.
        if (this.now() - requeuedAt >= LEASE_MS) {
          requeuedAt = this.now();
          await this.requeueInterrupted();
        }
        if (!(await this.step(untilEmpty))) return;
      } catch (e) {
        this.deps.logger.error("outbox step failed", { error: e });
        await this.wait(1000);
      }
    }
  }

  private async requeueInterrupted(): Promise<void> {
    const requeued = await this.deps.store.requeueInterrupted(new Date(this.now()));
    if (requeued > 0) this.deps.logger.warn("outbox: messages interrupted mid-send are sent again (Telegram may have delivered them already)", { count: requeued });
  }

  /** One decision of the loop; false when draining and nothing is left. */
  private async step(untilEmpty: boolean): Promise<boolean> {
    const now = this.now();
    if (this.pausedUntil > now) {
      await this.wait(this.pausedUntil - now);
      return true;
    }
    if (this.queue.length < WINDOW / 4) await this.refill(now);
    const pick = this.queue.find((m) => !this.busyChats.has(m.chatId) && this.pacer.chatFreeAt(String(m.chatId), now) <= now);
    if (!pick) {
      if (this.queue.length > 0) {
        // Everything queued is for chats that got a message less than a second ago.
        const free = Math.min(...this.queue.map((m) => this.pacer.chatFreeAt(String(m.chatId), now)));
        if (this.inFlight.size > 0 && free <= now) await Promise.race(this.inFlight.values());
        else await this.wait(Math.max(1, free - now));
        return true;
      }
      if (this.inFlight.size > 0) {
        await Promise.race(this.inFlight.values());
        return true;
      }
      const next = await this.deps.store.nextDue();
      if (next === null && untilEmpty) return false;
      const until = next === null ? (this.deps.idleMs ?? 30_000) : Math.max(1, next.getTime() - now);
      await this.wait(Math.min(until, this.deps.idleMs ?? 30_000));
      return true;
    }
    const slot = this.pacer.slotAt(now);
    if (slot > now) {
      await this.wait(slot - now);
      return true;
    }
    this.queue.splice(this.queue.indexOf(pick), 1);
    if (!(await this.deps.store.claim(pick.id, new Date(now + LEASE_MS)))) return true;
    this.pacer.take(String(pick.chatId), this.now());
    this.busyChats.add(pick.chatId);
    const sending = this.send(pick).finally(() => {
      this.inFlight.delete(pick.id);
      this.busyChats.delete(pick.chatId);
    });
    this.inFlight.set(pick.id, sending);
    if (this.inFlight.size >= (this.deps.maxInFlight ?? 8)) await Promise.race(this.inFlight.values());
    return true;
  }

  private async refill(now: number): Promise<void> {
    const queued = new Set(this.queue.map((m) => m.id));
    for (const m of await this.deps.store.due(new Date(now), WINDOW)) {
      if (!queued.has(m.id) && !this.inFlight.has(m.id)) this.queue.push(m);
    }
  }

  private async send(m: OutboxMessage): Promise<void> {
    let outcome: SendOutcome;
    try {
      outcome = await this.deps.sender.send(m);
    } catch (e) {
      outcome = { kind: "error", description: e instanceof Error ? e.message : String(e) };
    }
    const now = this.now();
    switch (outcome.kind) {
      case "sent":
        await this.deps.store.markSent(m.id, new Date(now));
        return;
      case "retry-after": {
        // Telegram says how long to wait; everything waits exactly that long, then this message goes again.
        const until = now + outcome.seconds * 1000;
        this.pausedUntil = Math.max(this.pausedUntil, until);
        await this.deps.store.retryLater(m.id, new Date(until), `429: retry after ${outcome.seconds} s`);
        this.deps.logger.warn("outbox: Telegram asked to slow down", { retry_after: outcome.seconds });
        return;
      }
      case "blocked": {
        const dropped = await this.deps.store.markBlocked(m.id, m.chatId, new Date(now), outcome.description);
        this.queue = this.queue.filter((q) => q.chatId !== m.chatId);
        this.deps.logger.info("outbox: recipient unreachable", { chat: m.chatId, dropped });
        return;
      }
      case "rejected":
      case "unknown":
        await this.deps.store.markFailed(m.id, outcome.description);
        this.deps.logger.warn("outbox: message refused", { id: m.id, batch: m.batch, description: outcome.description });
        return;
      case "error": {
        const attempts = m.attempts + 1;
        if (attempts >= MAX_ATTEMPTS) {
          await this.deps.store.markFailed(m.id, outcome.description);
          this.deps.logger.warn("outbox: message given up", { id: m.id, batch: m.batch, description: outcome.description });
        } else {
          await this.deps.store.retryLater(m.id, new Date(now + 2 ** attempts * 1000), outcome.description);
        }
        return;
      }
    }
  }
}

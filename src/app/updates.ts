// Exactly once under redelivery. Telegram delivers every update at least once:
// after a restart before the polling offset was confirmed, or when a webhook
// answer was lost, the same update comes again. Each one is claimed in storage
// before it is handled (one statement); a second delivery finds the claim and
// is skipped: nothing changes, nothing is sent.
//
// A process that dies mid-update leaves its claim "started". When that update
// comes again, a new process takes the claim over and handles it again: what
// the first one did not finish gets done (its transactions either committed or
// did not), at the price that a reply it had already sent may be sent twice.
// Losing the update instead would lose what the person did. Claims are marked
// done shortly after (in batches: it costs no round trip on the vote path) and
// pruned after a day, far longer than Telegram keeps an update.
import { randomUUID } from "node:crypto";
import type { Clock } from "./ports.js";

export interface ProcessedUpdateStore {
  /** True when this process should handle the update: a new id, or one left "started" by another process. */
  claim(updateId: number, owner: string, at: Date): Promise<boolean>;
  finish(updateIds: readonly number[]): Promise<void>;
  /** Deletes claims started before `before`; how many. */
  prune(before: Date): Promise<number>;
  /** Closes what the store opened itself (a driver connection). */
  close?(): Promise<void>;
}

export const KEEP_MS = 24 * 60 * 60 * 1000;
const FLUSH_MS = 100;
const FLUSH_AT = 200;
const PRUNE_EVERY_MS = 60 * 60 * 1000;

export class UpdateLedger {
  /** This process's name on its claims. */
  readonly owner = randomUUID();
  private readonly underway = new Set<number>();
  private done: number[] = [];
  private flushTimer: NodeJS.Timeout | undefined;
  private flushing: Promise<void> = Promise.resolve();
  private pruneTimer: NodeJS.Timeout | undefined;

  /** Told when a "done" mark or a prune could not be written (src/main.ts logs it). */
  onError: ((error: unknown) => void) | undefined;

  constructor(private readonly deps: { store: ProcessedUpdateStore; clock: Clock }) {}

  /** True if the update is to be handled; false for a redelivery (already handled, or under way here). */
  async begin(updateId: number): Promise<boolean> {
    if (this.underway.has(updateId)) return false;
    this.underway.add(updateId);
    try {
      if (await this.deps.store.claim(updateId, this.owner, this.deps.clock.now())) return true;
    } catch (e) {
      this.underway.delete(updateId);
      throw e;
    }
    this.underway.delete(updateId);
    return false;
  }

  /** The update was handled (or failed and was apologised for): recorded as done soon. */
  end(updateId: number): void {
    this.underway.delete(updateId);
    this.done.push(updateId);
    if (this.done.length >= FLUSH_AT) void this.flush();
    else if (!this.flushTimer) {
      this.flushTimer = setTimeout(() => void this.flush(), FLUSH_MS);
      this.flushTimer.unref();
    }
  }

  /** Writes the pending "done" marks now (also at shutdown). */
  flush(): Promise<void> {
    if (this.flushTimer) clearTimeout(this.flushTimer);
    this.flushTimer = undefined;
    const ids = this.done;
    this.done = [];
    this.flushing = this.flushing.then(async () => {
      if (ids.length === 0) return;
      try {
        await this.deps.store.finish(ids);
      } catch (e) {
        // Left "started": after a restart such an update, if delivered again, is handled again.
        this.onError?.(e);
      }
    });
    return this.flushing;
  }

  /** Deletes claims older than a day, now and every hour. */
  startPruning(): void {
    if (this.pruneTimer) return;
    const prune = () => void this.prune().catch((e: unknown) => this.onError?.(e));
    prune();
    this.pruneTimer = setInterval(prune, PRUNE_EVERY_MS);
    this.pruneTimer.unref();
  }

  prune(): Promise<number> {
    return this.deps.store.prune(new Date(this.deps.clock.now().getTime() - KEEP_MS));
  }

  /**
   * Stops pruning, writes what is pending, and closes the store. `{ flush: false }` drops the
   * pending marks instead, as a crash would (tests of what a killed process leaves).
   */
  async close(opts: { flush?: boolean } = {}): Promise<void> {
    if (this.pruneTimer) clearInterval(this.pruneTimer);
    this.pruneTimer = undefined;
    if (opts.flush === false) {
      if (this.flushTimer) clearTimeout(this.flushTimer);
      this.flushTimer = undefined;
      this.done = [];
    }
    await this.flush();
    await this.deps.store.close?.();
  }
}

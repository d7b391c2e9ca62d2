// Work that one task at a time may do across every process on the database —
// an opinion-group analysis, finishing a closing — runs under a lease: a row
// naming its holder and when it runs out. The holder renews it while it works,
// so a long analysis keeps it; a holder that died (kill -9, a lost machine)
// stops renewing, and once the lease ran out another process may take it. A
// lease is a matter of "once", not of correctness: what runs under one is safe
// to run twice (conditional writes), it just should not.
import { randomUUID } from "node:crypto";
import type { Clock } from "./ports.js";

export interface LeaseStore {
  /** Takes the lease if it is free, ran out before `now`, or is already `holder`'s; true if `holder` has it until `until`. */
  acquire(name: string, holder: string, until: Date, now: Date): Promise<boolean>;
  /** Lets go of it, if `holder` still has it. */
  release(name: string, holder: string): Promise<void>;
  /** Whether someone holds it past `now`. */
  isHeld(name: string, now: Date): Promise<boolean>;
}

export interface LeaseOptions {
  /** How long a lease lasts without renewal (default 30 s): how long others wait for a holder that died. */
  ttlMs?: number;
}

export type Leased<T> = { ran: true; value: T } | { ran: false };

const DEFAULT_TTL_MS = 30_000;
const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export class Leases {
  constructor(private readonly deps: { store: LeaseStore; clock: Clock; ttlMs?: number }) {}

  private get ttlMs(): number {
    return this.deps.ttlMs ?? DEFAULT_TTL_MS;
  }

  /**
   * Runs `work` if the lease `name` can be taken now, renewing it every third
   * of its time until the work ends, then lets go; `{ ran: false }` if another
   * task holds it. A renewal that fails does not stop the work (it is safe to
   * run twice); the lease then runs out as if the holder had died.
   */
  async tryRun<T>(name: string, work: () => Promise<T>, opts: LeaseOptions = {}): Promise<Leased<T>> {
    const ttl = opts.ttlMs ?? this.ttlMs;
    const holder = randomUUID();
    const take = () => {
      const now = this.deps.clock.now();
      return this.deps.store.acquire(name, holder, new Date(now.getTime() + ttl), now);
    };
    if (!(await take())) return { ran: false };
    const renewal = setInterval(() => void take().catch(() => undefined), Math.max(1, Math.floor(ttl / 3)));
    renewal.unref();
    try {
      return { ran: true, value: await work() };
    } finally {
      clearInterval(renewal);
      await this.deps.store.release(name, holder).catch(() => undefined);
    }
  }

  /** Waits (checking every `pollMs`) until nobody holds the lease, at most `waitMs` or until `cancelled()`; whether it is free. */
  async waitFree(name: string, opts: { waitMs: number; pollMs?: number; sleep?: (ms: number) => Promise<void>; cancelled?: () => boolean }): Promise<boolean> {
    const sleep = opts.sleep ?? defaultSleep;
    const deadline = performance.now() + opts.waitMs;
    for (;;) {
      if (!(await this.deps.store.isHeld(name, this.deps.clock.now()))) return true;
      if (performance.now() >= deadline || opts.cancelled?.()) return false;
      await sleep(opts.pollMs ?? 100);
    }
  }

  /**
   * Like tryRun, but if another task holds the lease, waits for it (checking
   * every `pollMs`) up to `waitMs`; `{ ran: false }` if it is still held then.
   */
  async run<T>(name: string, work: () => Promise<T>, opts: LeaseOptions & { waitMs: number; pollMs?: number; sleep?: (ms: number) => Promise<void> }): Promise<Leased<T>> {
    const sleep = opts.sleep ?? defaultSleep;
    const deadline = performance.now() + opts.waitMs;
    for (;;) {
      const r = await this.tryRun(name, work, opts);
      if (r.ran || performance.now() >= deadline) return r;
      await sleep(opts.pollMs ?? 100);
    }
  }
}

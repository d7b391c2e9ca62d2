// GET /healthz: is the database answering, and how far behind is the outbox?
import type { OutboxStore } from "../app/consultations/ports.js";
import type { Clock } from "../app/ports.js";

export interface HealthReport {
  /** False when the database did not answer: /healthz then answers 503. */
  ok: boolean;
  database: { ok: true; roundTripMs: number } | { ok: false; error: string };
  /** Messages waiting to be sent, and how long the oldest one due has waited (null: the database did not answer). */
  outbox: { pending: number; failed: number; lagSeconds: number } | null;
  uptimeSeconds: number;
}

export type HealthCheck = () => Promise<HealthReport>;

const round = (n: number, digits: number) => Number(n.toFixed(digits));

function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms)));
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

/** A check that costs one `SELECT 1` and the outbox's counts; a database that takes longer than `timeoutMs` counts as down. */
/** What the check needs of the database: one raw query (a Prisma client, src/db/client.ts). */
export interface Pingable {
  $queryRaw(query: TemplateStringsArray, ...values: unknown[]): Promise<unknown>;
}

export function healthCheck(deps: { prisma: Pingable; outbox: OutboxStore; clock: Clock; timeoutMs?: number }): HealthCheck {
  const timeoutMs = deps.timeoutMs ?? 2_000;
  return async () => {
    const uptimeSeconds = round(process.uptime(), 1);
    const t0 = performance.now();
    try {
      await withTimeout(deps.prisma.$queryRaw`SELECT 1`, timeoutMs);
    } catch (e) {
      return { ok: false, database: { ok: false, error: e instanceof Error ? e.message.split("\n")[0]! : String(e) }, outbox: null, uptimeSeconds };
    }
    const roundTripMs = round(performance.now() - t0, 2);
    let outbox: HealthReport["outbox"] = null;
    try {
      const now = deps.clock.now();
      const { counts, oldestDueAt } = await withTimeout(deps.outbox.stats(now), timeoutMs);
      outbox = { pending: counts.pending + counts.sending, failed: counts.failed, lagSeconds: oldestDueAt ? round(Math.max(0, (now.getTime() - oldestDueAt.getTime()) / 1000), 1) : 0 };
    } catch {
      // The database answered the ping; a slow count alone does not make the bot unhealthy.
    }
    return { ok: true, database: { ok: true, roundTripMs }, outbox, uptimeSeconds };
  };
}

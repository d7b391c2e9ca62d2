// The other instances on one PostgreSQL database (src/app/peers.ts), over
// LISTEN/NOTIFY. An announcement is a NOTIFY through Prisma's pool, sent after
// the change committed; listening needs a connection of its own that stays in
// LISTEN, opened here with the driver (as the vote path's, src/db/driverPath.ts).
// When that connection is cut, announcements made meanwhile are lost for this
// instance: so each time LISTEN is (re)established the listeners are told to
// drop everything. A ping every few seconds notices a connection that died
// without a word (a half-open TCP connection never errors by itself).
import { randomUUID } from "node:crypto";
import type { Client, Notification } from "pg";
import { z } from "zod";
import type { Change, PeerFeed, PeerListener } from "../app/peers.js";
import type { Prisma } from "./repositories/prismaTypes.js";

export const CHANNEL = "frontstage_changes";

export interface PeerFeedOptions {
  /** Told when an announcement or the listening connection failed (src/main.ts logs it). */
  onError?: (error: unknown, what: string) => void;
  /** How often the listening connection is checked (default 5 s), and the longest wait before reconnecting (default 10 s). */
  pingMs?: number;
  maxBackoffMs?: number;
}

// What arrives on the channel is outside input: anyone who may connect can NOTIFY.
const id = z.number().int().positive().max(2 ** 31 - 1);
const Payload = z.discriminatedUnion("t", [
  z.object({ o: z.string().max(64), t: z.literal("consultation"), id }),
  z.object({ o: z.string().max(64), t: z.literal("schedule") }),
  z.object({ o: z.string().max(64), t: z.literal("routing"), id }),
  z.object({ o: z.string().max(64), t: z.literal("staff"), u: z.string().regex(/^[0-9]{1,20}$/) }),
]);

function encode(origin: string, c: Change): string {
  switch (c.topic) {
    case "consultation":
    case "routing":
      return JSON.stringify({ o: origin, t: c.topic, id: c.id });
    case "schedule":
      return JSON.stringify({ o: origin, t: c.topic });
    case "staff":
      return JSON.stringify({ o: origin, t: c.topic, u: c.userId.toString() });
  }
}

function decode(text: string): { origin: string; change: Change } | null {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return null;
  }
  const p = Payload.safeParse(json);
  if (!p.success) return null;
  const v = p.data;
  const change: Change = v.t === "staff" ? { topic: "staff", userId: BigInt(v.u) } : v.t === "schedule" ? { topic: "schedule" } : { topic: v.t, id: v.id };
  return { origin: v.o, change };
}

export class PostgresPeerFeed implements PeerFeed {
  /** This instance's name on its announcements, so it does not act on its own. */
  readonly origin = randomUUID();
  private readonly listeners = new Set<PeerListener>();
  private readonly sending = new Set<Promise<unknown>>();
  private client: Client | undefined;
  private started = false;
  private closed = false;
  private retry: NodeJS.Timeout | undefined;
  private ping: NodeJS.Timeout | undefined;
  private backoffMs = 500;
  /** Whether LISTEN is in place now (for tests and health). */
  listening = false;

  constructor(
    private readonly prisma: Prisma,
    /** Without it this process only announces (the CLI). */
    private readonly databaseUrl: string | null,
    private readonly opts: PeerFeedOptions = {},
  ) {}

  announce(change: Change): void {
    if (this.closed) return;
    const payload = encode(this.origin, change);
    const sent: Promise<unknown> = this.prisma.$executeRaw`SELECT pg_notify(${CHANNEL}, ${payload})`
      .catch((e: unknown) => this.opts.onError?.(e, "announce"))
      .finally(() => this.sending.delete(sent));
    this.sending.add(sent);
  }

  subscribe(listener: PeerListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  start(opts: { onError?: (error: unknown, what: string) => void } = {}): void {
    if (opts.onError) this.opts.onError = opts.onError;
    if (this.started || this.closed || !this.databaseUrl) return;
    this.started = true;
    void this.connect();
  }

  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.retry);
    clearInterval(this.ping);
    await Promise.all([...this.sending]);
    await this.drop();
  }

  private async connect(): Promise<void> {
    if (this.closed) return;
    const { default: pg } = await import("pg");
    const client: Client = new pg.Client({ connectionString: this.databaseUrl!, keepAlive: true, connectionTimeoutMillis: 5_000, query_timeout: 5_000, application_name: "frontstage peers" });
    this.client = client;
    client.on("error", (e) => this.lost(client, e));
    client.on("end", () => this.lost(client, null));
    client.on("notification", (n) => this.heard(n));
    try {
      await client.connect();
      await client.query(`LISTEN ${CHANNEL}`);
    } catch (e) {
      this.lost(client, e);
      return;
    }
    if (this.client !== client || this.closed) return;
    this.listening = true;
    this.backoffMs = 500;
    // Whatever was announced before LISTEN took effect (at start, or while cut off) was not heard.
    for (const l of this.listeners) l.reset();
    clearInterval(this.ping);
    this.ping = setInterval(() => void client.query("SELECT 1").catch((e: unknown) => this.lost(client, e)), this.opts.pingMs ?? 5_000);
    this.ping.unref();
  }

  private heard(n: Notification): void {
    if (n.channel !== CHANNEL || n.payload === undefined) return;
    const got = decode(n.payload);
    if (!got) return this.opts.onError?.(new Error(`not an announcement: ${n.payload.slice(0, 200)}`), "listen");
    if (got.origin === this.origin) return;
    for (const l of this.listeners) l.changed(got.change);
  }

  /** The listening connection failed or ended: drop it and try again, waiting longer each time (up to maxBackoffMs). */
  private lost(client: Client, error: unknown): void {
    if (this.client !== client) return;
    this.client = undefined;
    this.listening = false;
    clearInterval(this.ping);
    client.removeAllListeners("notification");
    client.on("error", () => undefined);
    void client.end().catch(() => undefined);
    if (this.closed) return;
    if (error) this.opts.onError?.(error, "listen");
    const wait = this.backoffMs;
    this.backoffMs = Math.min(this.backoffMs * 2, this.opts.maxBackoffMs ?? 10_000);
    clearTimeout(this.retry);
    this.retry = setTimeout(() => void this.connect(), wait);
    this.retry.unref();
  }

  private async drop(): Promise<void> {
    const client = this.client;
    this.client = undefined;
    this.listening = false;
    if (!client) return;
    client.removeAllListeners("notification");
    client.on("error", () => undefined);
    await client.end().catch(() => undefined);
  }
}

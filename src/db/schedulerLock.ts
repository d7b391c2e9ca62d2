// Which instance runs the scheduler, on PostgreSQL: the one whose connection
// holds a session-level advisory lock. A session lock lives exactly as long as
// its connection, so it needs a connection of its own, opened here with the
// driver (Prisma's pool hands connections around). If the holder dies its
// connection closes and the server frees the lock at once; the others try
// again every few seconds and one of them takes over. A holder whose machine
// vanished without closing anything is noticed by the server's TCP keepalives,
// set short on this session (about 25 s).
import type { Client } from "pg";
import type { SchedulerLock } from "../app/consultations/ports.js";

/** pg_try_advisory_lock(int, int): the first number is Frontstage's ("FSTG"), the second the scheduler. */
export const LOCK_CLASS = 0x46535447;
export const SCHEDULER_LOCK = 1;

export class PostgresSchedulerLock implements SchedulerLock {
  private client: Client | undefined;
  private held = false;
  private closed = false;

  constructor(
    private readonly databaseUrl: string,
    private readonly opts: { onError?: (error: unknown) => void } = {},
  ) {}

  get leading(): boolean {
    return this.held;
  }

  async hold(): Promise<boolean> {
    if (this.closed) return false;
    try {
      const client = this.client ?? (await this.open());
      if (this.held) {
        // The session is alive, so its lock is still ours.
        await client.query("SELECT 1");
        return true;
      }
      const r = await client.query<{ ok: boolean }>("SELECT pg_try_advisory_lock($1, $2) AS ok", [LOCK_CLASS, SCHEDULER_LOCK]);
      this.held = r.rows[0]?.ok === true;
      return this.held;
    } catch (e) {
      this.opts.onError?.(e);
      await this.drop();
      return false;
    }
  }

  /** Closes the connection: the lock is free for another instance at once. */
  async release(): Promise<void> {
    this.closed = true;
    await this.drop();
  }

  private async open(): Promise<Client> {
    const { default: pg } = await import("pg");
    // The process id in the name lets an operator (and the tests) see in pg_stat_activity which process leads.
    const client: Client = new pg.Client({ connectionString: this.databaseUrl, keepAlive: true, connectionTimeoutMillis: 5_000, query_timeout: 5_000, application_name: `frontstage scheduler ${process.pid}` });
    client.on("error", () => {
      // The next hold() finds the connection gone and starts again.
      if (this.client === client) {
        this.client = undefined;
        this.held = false;
      }
    });
    await client.connect();
    this.client = client;
    // Not on every platform or over a Unix socket; where they cannot be set, the system's defaults apply.
    await client.query("SET tcp_keepalives_idle = 10; SET tcp_keepalives_interval = 5; SET tcp_keepalives_count = 3").catch(() => undefined);
    return client;
  }

  private async drop(): Promise<void> {
    const client = this.client;
    this.client = undefined;
    this.held = false;
    if (client) await client.end().catch(() => undefined);
  }
}

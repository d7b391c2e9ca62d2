// Claiming updates (src/app/updates.ts) on a driver connection of its own, the way
// the vote path writes ballots (src/db/driverPath.ts): through Prisma's $executeRaw
// a claim costs ~140 µs of client overhead and, on PostgreSQL, a round trip per
// update; here claims arriving in the same turn of the event loop are written
// together — one transaction on SQLite, one statement on PostgreSQL. The SQL is
// the repository's; a claim returns null when it cannot run now (use Prisma).
import type Database from "better-sqlite3";
import type { Pool } from "pg";
import { sqliteFilePath, type Provider } from "./databaseUrl.js";

export interface UpdateClaims {
  /** True if this process should handle it, false for a redelivery, null if it cannot run now. */
  claim(updateId: number, owner: string, at: Date): Promise<boolean | null>;
  close(): Promise<void>;
}

const SQLITE_CLAIM = `
  INSERT INTO "ProcessedUpdate" ("updateId", "state", "owner", "startedAt") VALUES (?, 'started', ?, ?)
  ON CONFLICT ("updateId") DO UPDATE SET "owner" = excluded."owner", "startedAt" = excluded."startedAt"
  WHERE "ProcessedUpdate"."state" = 'started' AND "ProcessedUpdate"."owner" <> excluded."owner"`;

const PG_CLAIM_MANY = `
  INSERT INTO "ProcessedUpdate" ("updateId", "state", "owner", "startedAt")
  SELECT u, 'started', $2, $3::timestamp(3) FROM unnest($1::bigint[]) AS u
  ON CONFLICT ("updateId") DO UPDATE SET "owner" = excluded."owner", "startedAt" = excluded."startedAt"
  WHERE "ProcessedUpdate"."state" = 'started' AND "ProcessedUpdate"."owner" <> excluded."owner"
  RETURNING "updateId"::text AS id`;

/** Prisma's SQLite adapter stores DateTime as ISO 8601 text with "+00:00"; "timestamp(3)" holds UTC wall time. */
const sqliteTime = (d: Date) => d.toISOString().replace("Z", "+00:00");
const pgTime = (d: Date) => d.toISOString().replace("Z", "");
const isBusy = (e: unknown) => (e as { code?: string }).code?.startsWith("SQLITE_BUSY") === true;

interface Pending {
  updateId: number;
  owner: string;
  at: Date;
  done: (r: boolean | null) => void;
  fail: (e: unknown) => void;
}

export async function openUpdateClaims(provider: Provider, databaseUrl: string): Promise<UpdateClaims> {
  return provider === "sqlite" ? sqliteClaims(databaseUrl) : postgresClaims(databaseUrl);
}

async function sqliteClaims(databaseUrl: string): Promise<UpdateClaims> {
  const { default: Sqlite } = await import("better-sqlite3");
  // No busy wait (it would block the process): busy means "use Prisma, which queues".
  const db: Database.Database = new Sqlite(sqliteFilePath(databaseUrl), { timeout: 0 });
  db.pragma("synchronous = NORMAL");
  const claim = db.prepare(SQLITE_CLAIM);
  const runAll = db.transaction((batch: readonly Pending[]) => batch.map((p) => claim.run(p.updateId, p.owner, sqliteTime(p.at)).changes === 1));
  let pending: Pending[] = [];
  const flush = () => {
    const batch = pending;
    pending = [];
    try {
      const results = runAll(batch);
      batch.forEach((p, i) => p.done(results[i]!));
    } catch (e) {
      if (isBusy(e)) return batch.forEach((p) => p.done(null));
      for (const p of batch) p.fail(e);
    }
  };
  return {
    claim: (updateId, owner, at) =>
      new Promise((done, fail) => {
        if (pending.length === 0) setImmediate(flush);
        pending.push({ updateId, owner, at, done, fail });
      }),
    async close() {
      if (pending.length > 0) flush();
      db.close();
    },
  };
}

async function postgresClaims(databaseUrl: string): Promise<UpdateClaims> {
  const { default: pg } = await import("pg");
  const pool: Pool = new pg.Pool({ connectionString: databaseUrl, max: 4, connectionTimeoutMillis: 5_000, idleTimeoutMillis: 30_000 });
  pool.on("error", () => undefined);
  let closed: Promise<void> | undefined;
  let pending: Pending[] = [];
  const flush = async () => {
    const batch = pending;
    pending = [];
    // One owner per statement (a process has one; tests may run two in one process).
    const byOwner = new Map<string, Pending[]>();
    for (const p of batch) byOwner.set(p.owner, [...(byOwner.get(p.owner) ?? []), p]);
    for (const [owner, group] of byOwner) {
      try {
        const r = await pool.query<{ id: string }>({ name: "frontstage-claim-updates", text: PG_CLAIM_MANY, values: [group.map((p) => String(p.updateId)), owner, pgTime(group[0]!.at)] });
        const claimed = new Set(r.rows.map((row) => Number(row.id)));
        for (const p of group) p.done(claimed.has(p.updateId));
      } catch (e) {
        for (const p of group) p.fail(e);
      }
    }
  };
  return {
    claim: (updateId, owner, at) =>
      new Promise((done, fail) => {
        if (pending.length === 0) setImmediate(() => void flush());
        pending.push({ updateId, owner, at, done, fail });
      }),
    close: () => (closed ??= pool.end()),
  };
}

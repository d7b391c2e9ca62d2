// The vote path's write, every update's sender lookup and the closing's bulk
// reads, on a driver connection of their own with statements prepared once.
// Measured on the 2-core test machine: through Prisma's $executeRaw the ballot
// upsert costs ~140 µs of client overhead before the database sees it, and
// reading 10,000 ballots or 13,000 audience rows costs 40–110 ms of row
// mapping; on the driver the same SQL takes ~60 µs (~17 µs a ballot when
// several arrive together, see below) and a few ms. The sender's lookup was two
// Prisma queries (the user, then the unit): with the one join here the bot's
// CPU per update on the webhook bench went from ~1.3 ms to ~0.6 ms. The
// statements are the same SQL the repositories send through Prisma (the lookup:
// the same columns), and Prisma stays the fallback: a method returns null when
// it cannot run now.
import type Database from "better-sqlite3";
import type { Pool } from "pg";
import type { CastBallot } from "../app/consultations/ports.js";
import { sqliteFilePath, type Provider } from "./databaseUrl.js";
import { storedKey } from "./voterKeys.js";

/** A User row with its unit, as Prisma reads it (src/db/repositories/residents.ts) and residentRow() below maps it. */
export type ResidentRow = {
  id: bigint;
  language: string;
  consentAt: Date;
  status: string;
  step: string | null;
  revision: number;
  draftBuilding: string | null;
  draftCode: string | null;
  unitId: number | null;
  relation: string | null;
  areaCenti: number | null;
  verifiedAt: Date | null;
  verifiedBy: bigint | null;
  remindersMuted: boolean;
  unreachableAt: Date | null;
  createdAt: Date;
  unit: { id: number; building: string; number: string; areaCenti: number | null; codeClaimedById: bigint | null } | null;
};

/** One row of a consultation's audience (shape of the repository's own query). */
export interface AudienceRow {
  id: bigint | number | string;
  relation: string | null;
  areaCenti: number | bigint | null;
  unitId: number | bigint;
  language: string;
  remindersMuted: boolean | number | bigint;
  building: string;
  number: string;
  unitAreaCenti: number | bigint | null;
}

/** A stored ballot as the count reads it: the time as epoch milliseconds. */
export interface BallotRow {
  voterKey: string;
  choice: string;
  at: number;
}

export interface DriverPath {
  /** True if written; false if the statement wrote nothing; null if it cannot run now (use Prisma). */
  castBallot(b: CastBallot): Promise<boolean | null>;
  ballotRows(pollId: number): Promise<BallotRow[] | null>;
  audienceRows(buildings: readonly string[] | null, reachableOnly: boolean): Promise<AudienceRow[] | null>;
  /** The sender's User row with its unit ({ row: null }: no such user), or null if it cannot run now. */
  residentRow(id: bigint): Promise<{ row: ResidentRow | null } | null>;
  close(): Promise<void>;
}

const SQLITE_CAST = `
  INSERT INTO "Ballot" ("pollId", "voterKey", "voterId", "unitId", "choice", "castAt", "createdAt")
  SELECT ?, ?, ?, ?, ?, ?, ?
  WHERE EXISTS (SELECT 1 FROM "Consultation" WHERE "id" = ? AND "status" = 'open')
  ON CONFLICT ("pollId", "voterKey") DO UPDATE SET
    "voterId" = excluded."voterId", "unitId" = excluded."unitId", "choice" = excluded."choice", "castAt" = excluded."castAt"
  WHERE "Ballot"."castAt" = ?`;

/**
 * Several ballots in one statement (and one commit, so one WAL flush): the
 * rows come as arrays. What each single statement checks holds per row: the
 * consultation is open (its row held FOR KEY SHARE, see markClosed), and an
 * existing ballot is replaced only if it is the one the voter saw. That
 * expected time travels in "createdAt" of the proposed row (the DO UPDATE
 * clause sees only that row and the stored one; createdAt is never updated):
 * with no expected ballot it equals "castAt", which the condition excludes.
 * RETURNING names the rows written.
 */
const PG_CAST_MANY = `
  WITH v AS (
    SELECT * FROM unnest($1::int[], $2::text[], $3::bigint[], $4::int[], $5::text[], $6::timestamp(3)[], $7::int[], $8::timestamp(3)[])
      AS v("pollId", "voterKey", "voterId", "unitId", "choice", "castAt", "consultationId", "expected")
  )
  INSERT INTO "Ballot" ("pollId", "voterKey", "voterId", "unitId", "choice", "castAt", "createdAt")
  SELECT v."pollId", v."voterKey", v."voterId", v."unitId", v."choice", v."castAt", COALESCE(v."expected", v."castAt")
  FROM v
  WHERE EXISTS (SELECT 1 FROM "Consultation" c WHERE c."id" = v."consultationId" AND c."status" = 'open' FOR KEY SHARE)
  ON CONFLICT ("pollId", "voterKey") DO UPDATE SET
    "voterId" = excluded."voterId", "unitId" = excluded."unitId", "choice" = excluded."choice", "castAt" = excluded."castAt"
  WHERE "Ballot"."castAt" = excluded."createdAt" AND excluded."createdAt" <> excluded."castAt"
  RETURNING "pollId", "voterKey"`;

const BALLOTS = `SELECT "voterKey", "choice", "castAt" FROM "Ballot" WHERE "pollId" = ? ORDER BY "id"`;
// "castAt" holds UTC wall time, so its epoch is the instant's; as float8 it arrives as a number, not a string to parse.
const PG_BALLOTS = `SELECT "voterKey", "choice", (EXTRACT(EPOCH FROM "castAt") * 1000)::float8 FROM "Ballot" WHERE "pollId" = $1 ORDER BY "id"`;

/** The audience query; `?`/`$n` parameters are added for the buildings. */
// The rows come as arrays in this column order (no object per row; the id as text, since it needs 64 bits).
type AudienceArray = [string, string | null, number | null, number, string, number | boolean, string, string, number | null];
const audienceRow = (a: AudienceArray): AudienceRow => ({
  id: a[0],
  relation: a[1],
  areaCenti: a[2],
  unitId: a[3],
  language: a[4],
  remindersMuted: a[5],
  building: a[6],
  number: a[7],
  unitAreaCenti: a[8],
});

function audienceSql(buildings: number, reachableOnly: boolean, param: (i: number) => string): string {
  const inBuildings = buildings > 0 ? ` AND n."building" IN (${Array.from({ length: buildings }, (_, i) => param(i + 1)).join(", ")})` : "";
  return `SELECT CAST(u."id" AS TEXT) AS "id", u."relation", u."areaCenti", u."unitId", u."language", u."remindersMuted",
                 n."building", n."number", n."areaCenti" AS "unitAreaCenti"
          FROM "User" u JOIN "Unit" n ON n."id" = u."unitId"
          WHERE u."status" = 'verified'${inBuildings}${reachableOnly ? ` AND u."unreachableAt" IS NULL` : ""}
          ORDER BY u."id"`;
}

/**
 * A User with its unit, in one statement (Prisma sends two), the rows as
 * arrays in this column order. 64-bit ids come as text; on PostgreSQL the
 * times come as epoch milliseconds ("timestamp(3)" holds UTC wall time, and
 * pg would read it in the process's time zone).
 */
const residentSql = (pg: boolean) => {
  const time = (c: string) => (pg ? `(EXTRACT(EPOCH FROM u."${c}") * 1000)::float8` : `u."${c}"`);
  return `SELECT CAST(u."id" AS TEXT), u."language", ${time("consentAt")}, u."status", u."step", u."revision", u."draftBuilding",
                 u."draftCode", u."unitId", u."relation", u."areaCenti", ${time("verifiedAt")}, CAST(u."verifiedBy" AS TEXT),
                 u."remindersMuted", ${time("unreachableAt")}, ${time("createdAt")},
                 n."id", n."building", n."number", n."areaCenti", CAST(n."codeClaimedById" AS TEXT)
          FROM "User" u LEFT JOIN "Unit" n ON n."id" = u."unitId"
          WHERE u."id" = ${pg ? "$1" : "?"}`;
};
type Time = string | number;
type ResidentArray = [string, string, Time, string, string | null, number, string | null, string | null, number | null, string | null, number | null, Time | null, string | null, number | boolean, Time | null, Time, number | null, string | null, string | null, number | null, string | null];
// Prisma's SQLite adapter writes DateTime as ISO 8601 text; a number is epoch milliseconds (both read as Prisma reads them).
const time = (t: Time): Date => new Date(t);
const optionalTime = (t: Time | null): Date | null => (t === null ? null : new Date(t));
const optionalId = (t: string | null): bigint | null => (t === null ? null : BigInt(t));
const residentRow = (a: ResidentArray): ResidentRow => ({
  id: BigInt(a[0]),
  language: a[1],
  consentAt: time(a[2]),
  status: a[3],
  step: a[4],
  revision: a[5],
  draftBuilding: a[6],
  draftCode: a[7],
  unitId: a[8],
  relation: a[9],
  areaCenti: a[10],
  verifiedAt: optionalTime(a[11]),
  verifiedBy: optionalId(a[12]),
  remindersMuted: Boolean(a[13]),
  unreachableAt: optionalTime(a[14]),
  createdAt: time(a[15]),
  unit: a[16] === null ? null : { id: a[16], building: a[17]!, number: a[18]!, areaCenti: a[19], codeClaimedById: optionalId(a[20]) },
});

const isBusy = (e: unknown) => (e as { code?: string }).code?.startsWith("SQLITE_BUSY") === true;

/** Prisma's SQLite adapter stores DateTime as ISO 8601 text with "+00:00"; equality on castAt needs the same form. */
const sqliteTime = (d: Date) => d.toISOString().replace("Z", "+00:00");
/** "timestamp(3)" (without time zone) holds UTC wall time, as Prisma writes it. */
const pgTime = (d: Date) => d.toISOString().replace("Z", "");

export async function openDriverPath(provider: Provider, databaseUrl: string): Promise<DriverPath> {
  return provider === "sqlite" ? sqlitePath(databaseUrl) : postgresPath(databaseUrl);
}

async function sqlitePath(databaseUrl: string): Promise<DriverPath> {
  const { default: Sqlite } = await import("better-sqlite3");
  // No busy wait: this driver blocks the whole process while it waits, and the
  // lock holder may be Prisma's connection in this same process (an interactive
  // transaction). Busy means "not now": the caller falls back to Prisma, which queues.
  const db: Database.Database = new Sqlite(sqliteFilePath(databaseUrl), { timeout: 0 });
  db.pragma("synchronous = NORMAL");
  db.pragma("foreign_keys = ON");
  const cast = db.prepare(SQLITE_CAST);
  const ballots = db.prepare(BALLOTS).raw(true);
  const resident = db.prepare(residentSql(false)).raw(true);
  const audience = new Map<string, Database.Statement>();
  const run = (b: CastBallot): boolean => {
    const at = sqliteTime(b.castAt);
    return cast.run(b.pollId, storedKey(b.key), b.voterId, b.unitId, JSON.stringify(b.choice), at, at, b.consultationId, b.expected ? sqliteTime(b.expected) : null).changes === 1;
  };
  // Ballots arriving in the same turn of the event loop are written in one
  // transaction: one commit instead of one each (measured: 62 µs a ballot
  // alone, 17 µs in a group of 8). Each keeps its own statement and outcome.
  const runAll = db.transaction((batch: readonly CastBallot[]) => batch.map(run));
  let pending: { ballot: CastBallot; done: (r: boolean | null) => void; fail: (e: unknown) => void }[] = [];
  const flush = () => {
    const batch = pending;
    pending = [];
    try {
      const results = runAll(batch.map((p) => p.ballot));
      batch.forEach((p, i) => p.done(results[i]!));
    } catch (e) {
      if (isBusy(e)) return batch.forEach((p) => p.done(null));
      // One bad ballot must not fail the others: each alone, in its own commit.
      for (const p of batch) {
        try {
          p.done(run(p.ballot));
        } catch (err) {
          if (isBusy(err)) p.done(null);
          else p.fail(err);
        }
      }
    }
  };
  const read = <T>(f: () => T): T | null => {
    try {
      return f();
    } catch (e) {
      if (isBusy(e)) return null;
      throw e;
    }
  };
  return {
    castBallot: (ballot) =>
      new Promise((done, fail) => {
        if (pending.length === 0) setImmediate(flush);
        pending.push({ ballot, done, fail });
      }),
    async ballotRows(pollId) {
      const rows = read(() => ballots.all(pollId) as [string, string, string][]);
      return rows && rows.map(([voterKey, choice, castAt]) => ({ voterKey, choice, at: Date.parse(castAt) }));
    },
    async audienceRows(buildings, reachableOnly) {
      const key = `${buildings?.length ?? 0}|${reachableOnly}`;
      let statement = audience.get(key);
      if (!statement) {
        statement = db.prepare(audienceSql(buildings?.length ?? 0, reachableOnly, () => "?")).raw(true);
        audience.set(key, statement);
      }
      const rows = read(() => statement.all(...(buildings ?? [])) as AudienceArray[]);
      return rows && rows.map(audienceRow);
    },
    async residentRow(id) {
      const rows = read(() => resident.all(id) as ResidentArray[]);
      return rows && { row: rows[0] ? residentRow(rows[0]) : null };
    },
    async close() {
      if (pending.length > 0) flush();
      db.close();
    },
  };
}

async function postgresPath(databaseUrl: string): Promise<DriverPath> {
  const { default: pg } = await import("pg");
  const pool: Pool = new pg.Pool({ connectionString: databaseUrl, max: 10, connectionTimeoutMillis: 5_000, idleTimeoutMillis: 30_000 });
  // An idle connection dropped by the server must not take the process down; the next query reconnects.
  pool.on("error", () => undefined);
  let closed: Promise<void> | undefined;
  // Ballots arriving in the same turn of the event loop go out as one statement.
  // One ballot per (poll, voter) in a statement (ON CONFLICT cannot touch a row
  // twice): a second press of the same voter waits for the next statement,
  // where it meets the first one's ballot exactly as it would alone.
  let pending: { ballot: CastBallot; done: (r: boolean) => void; fail: (e: unknown) => void }[] = [];
  const flush = async () => {
    const seen = new Set<string>();
    const batch: typeof pending = [];
    const later: typeof pending = [];
    for (const p of pending) {
      const key = `${p.ballot.pollId}|${p.ballot.key}`;
      (seen.has(key) ? later : batch).push(p);
      seen.add(key);
    }
    pending = later;
    if (later.length > 0) setImmediate(() => void flush());
    try {
      const b = batch.map((p) => p.ballot);
      const r = await pool.query<{ pollId: number; voterKey: string }>({
        name: "frontstage-cast-ballots",
        text: PG_CAST_MANY,
        values: [
          b.map((x) => x.pollId),
          b.map((x) => storedKey(x.key)),
          b.map((x) => x.voterId.toString()),
          b.map((x) => x.unitId),
          b.map((x) => JSON.stringify(x.choice)),
          b.map((x) => pgTime(x.castAt)),
          b.map((x) => x.consultationId),
          b.map((x) => (x.expected ? pgTime(x.expected) : null)),
        ],
      });
      const written = new Set(r.rows.map((row) => `${row.pollId}|${row.voterKey}`));
      for (const p of batch) p.done(written.has(`${p.ballot.pollId}|${storedKey(p.ballot.key)}`));
    } catch (e) {
      for (const p of batch) p.fail(e);
    }
  };
  return {
    castBallot: (ballot) =>
      new Promise((done, fail) => {
        if (pending.length === 0) setImmediate(() => void flush());
        pending.push({ ballot, done, fail });
      }),
    async ballotRows(pollId) {
      const r = await pool.query<[string, string, number]>({ name: "frontstage-ballots", text: PG_BALLOTS, values: [pollId], rowMode: "array" });
      return r.rows.map(([voterKey, choice, at]) => ({ voterKey, choice, at }));
    },
    async audienceRows(buildings, reachableOnly) {
      const text = audienceSql(buildings?.length ?? 0, reachableOnly, (i) => `$${i}`);
      return (await pool.query<AudienceArray>({ text, values: [...(buildings ?? [])], rowMode: "array" })).rows.map(audienceRow);
    },
    async residentRow(id) {
      const r = await pool.query<ResidentArray>({ name: "frontstage-resident", text: residentSql(true), values: [id.toString()], rowMode: "array" });
      return { row: r.rows[0] ? residentRow(r.rows[0]) : null };
    },
    close: () => (closed ??= pool.end()),
  };
}

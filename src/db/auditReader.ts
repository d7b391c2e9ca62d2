// Reading the whole audit log for `frontstage audit verify` on a driver
// connection of its own: through Prisma's $queryRaw a million rows of nine
// columns cost ~18 s of row mapping on the 2-core test machine; read as plain
// arrays from better-sqlite3 or pg they cost a fraction of that. Same SQL as
// the repository's page(), keyset-paged by id.
//
// On SQLite verify first screens each page inside the database: SQLite builds
// each row's hashed text (the format of auditHash in src/domain/audit/chain.ts)
// and checks the link to the row before, and only a count, the last id and hash
// and a "suspect" flag cross into JavaScript — one string per row instead of
// nine (measured on the 2-core machine, 1,000,000 rows: ~4.2 s to read the rows
// out, ~1.4 s to hash them; screened ~3.5 s in all). Any page the screen
// doubts (a mismatch, a target with a line break that auditHash JSON-quotes, a
// time SQLite reads otherwise) is read out and checked by the domain's
// verifyChain, which alone names a broken row.
import * as crypto from "node:crypto";
import type { AuditScreen } from "../app/audit/ports.js";
import { GENESIS, type AuditRow } from "../domain/audit/chain.js";
import { sqliteFilePath, type Provider } from "./databaseUrl.js";

export interface AuditPages extends Partial<AuditScreen> {
  page(afterId: number, limit: number): Promise<AuditRow[]>;
  close(): Promise<void>;
}

const SQL = `SELECT "id", "at", "actor", "role", "action", "target", "inputSha256", "prevHash", "hash" FROM "AuditEntry" WHERE "id" > $1 ORDER BY "id" LIMIT $2`;

type Cells = [number | bigint, string | Date, number | bigint | string, string, string, string, string, string, string];

// The hashed text of auditHash, built by SQLite: the time as epoch milliseconds, one field a line.
const SQLITE_TEXT = `a."prevHash" || char(10) || CAST(round(unixepoch(a."at", 'subsec') * 1000) AS INTEGER) || char(10) || a."actor" || char(10) || a."role" || char(10) || a."action" || char(10) || a."target" || char(10) || a."inputSha256"`;
const SQLITE_PREVIOUS = `coalesce((SELECT b."hash" FROM "AuditEntry" b WHERE b."id" < a."id" ORDER BY b."id" DESC LIMIT 1), '${GENESIS}')`;
// One row per page; "hash" is the row of max("id") (SQLite's bare column beside a single max()).
const SQLITE_SCREEN = `SELECT count(*), max("id"), "hash", total("suspect") FROM (
  SELECT a."id", a."hash", CASE
    WHEN a."prevHash" IS NOT ${SQLITE_PREVIOUS} THEN 1
    WHEN instr(a."target", char(10)) > 0 THEN 1
    WHEN a."hash" IS NOT audit_sha256(${SQLITE_TEXT}) THEN 1
    ELSE 0 END AS "suspect"
  FROM "AuditEntry" a WHERE a."id" > ? ORDER BY a."id" LIMIT ?)`;

const oneShot = (crypto as unknown as { hash?: (algorithm: string, data: string, encoding: "hex") => string }).hash;
const sha256 = oneShot ? (text: string) => oneShot("sha256", text, "hex") : (text: string) => crypto.createHash("sha256").update(text, "utf8").digest("hex");

const toRow = (c: Cells): AuditRow => ({ id: Number(c[0]), at: c[1] instanceof Date ? c[1] : new Date(c[1]), actor: BigInt(c[2]), role: c[3], action: c[4], target: c[5], inputSha256: c[6], prevHash: c[7], hash: c[8] });

export async function openAuditPages(provider: Provider, databaseUrl: string): Promise<AuditPages> {
  if (provider === "sqlite") {
    const { default: Sqlite } = await import("better-sqlite3");
    const db = new Sqlite(sqliteFilePath(databaseUrl), { readonly: true, timeout: 5_000 });
    const stmt = db.prepare(SQL.replace("$1", "?").replace("$2", "?")).raw(true);
    db.function("audit_sha256", { deterministic: true }, (text: unknown) => (typeof text === "string" ? sha256(text) : null));
    const screen = db.prepare(SQLITE_SCREEN).raw(true);
    return {
      page: async (afterId, limit) => (stmt.all(afterId, limit) as Cells[]).map(toRow),
      screen: async (afterId, limit) => {
        const [rows, lastId, lastHash, suspect] = screen.get(afterId, limit) as [number, number | null, string | null, number];
        return { rows, lastId: Number(lastId ?? afterId), lastHash: lastHash ?? "", suspect: suspect > 0 };
      },
      close: async () => void db.close(),
    };
  }
  const { default: pg } = await import("pg");
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  return {
    page: async (afterId, limit) => (await client.query<Cells>({ text: SQL, values: [afterId, limit], rowMode: "array" })).rows.map(toRow),
    close: () => client.end(),
  };
}

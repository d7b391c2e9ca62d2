// Reads `_prisma_migrations` with the plain drivers: much cheaper than starting
// the schema engine, and enough to tell whether anything is pending.
import { existsSync } from "node:fs";
import { providerOf, sqliteFilePath } from "./databaseUrl.js";

export interface AppliedMigration {
  name: string;
  checksum: string;
  finished: boolean;
  rolledBack: boolean;
}

const QUERY =
  "SELECT migration_name, checksum, finished_at IS NOT NULL AS finished, rolled_back_at IS NOT NULL AS rolled_back FROM _prisma_migrations";

type Row = { migration_name: string; checksum: string; finished: unknown; rolled_back: unknown };

/** The recorded migrations, or null when the database or the table does not exist yet. */
export async function appliedMigrations(databaseUrl: string): Promise<AppliedMigration[] | null> {
  const rows = providerOf(databaseUrl) === "sqlite" ? await readSqlite(databaseUrl) : await readPostgres(databaseUrl);
  return rows?.map((r) => ({
    name: r.migration_name,
    checksum: r.checksum,
    finished: Boolean(r.finished),
    rolledBack: Boolean(r.rolled_back),
  })) ?? null;
}

async function readSqlite(databaseUrl: string): Promise<Row[] | null> {
  const file = sqliteFilePath(databaseUrl);
  if (file === ":memory:" || !existsSync(file)) return null;
  const { default: Database } = await import("better-sqlite3");
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const table = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = '_prisma_migrations'").get();
    return table ? (db.prepare(QUERY).all() as Row[]) : null;
  } finally {
    db.close();
  }
}

async function readPostgres(databaseUrl: string): Promise<Row[] | null> {
  const { default: pg } = await import("pg");
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    // to_regclass answers null instead of failing when the table is missing,
    // and follows the search_path (a `?schema=` in the URL is not supported here).
    const exists = await client.query<{ t: string | null }>("SELECT to_regclass('_prisma_migrations')::text AS t");
    if (!exists.rows[0]?.t) return null;
    return (await client.query<Row>(QUERY)).rows;
  } finally {
    // Not awaited: closing the socket takes 15–30 ms that start-up need not wait for.
    client.end().catch(() => {});
  }
}

// Creating and dropping whole PostgreSQL databases, for test databases and
// for the scratch database `npm run db:migration` diffs against.
import { randomBytes } from "node:crypto";

export const DEFAULT_PG_ADMIN_URL = "postgresql://postgres@127.0.0.1:5432/postgres";

/** The same server and credentials as `adminUrl`, pointed at another database. */
export function withDatabase(adminUrl: string, database: string): string {
  const url = new URL(adminUrl);
  url.pathname = `/${encodeURIComponent(database)}`;
  return url.toString();
}

export function randomDatabaseName(prefix: string): string {
  return `${prefix}${randomBytes(6).toString("hex")}`;
}

/** Creates `database` (a plain identifier we generated) and returns its URL. */
export async function createDatabase(adminUrl: string, database: string): Promise<string> {
  await onAdmin(adminUrl, `CREATE DATABASE ${quote(database)}`);
  return withDatabase(adminUrl, database);
}

/** Drops `database` even if clients are still connected (PostgreSQL 13+). */
export async function dropDatabase(adminUrl: string, database: string): Promise<void> {
  await onAdmin(adminUrl, `DROP DATABASE IF EXISTS ${quote(database)} WITH (FORCE)`);
}

async function onAdmin(adminUrl: string, sql: string): Promise<void> {
  const { default: pg } = await import("pg");
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

function quote(identifier: string): string {
  if (!/^[a-z_][a-z0-9_]*$/.test(identifier)) throw new Error(`Refusing unusual database name "${identifier}"`);
  return `"${identifier}"`;
}

// Takes the test database away from the bot the way an outage does, and brings
// it back. PostgreSQL: the database stops accepting connections and every open
// one is terminated (what a restart or failover of the server looks like to the
// bot). SQLite: another process holds the write lock (a backup, a migration, a
// stuck process), so every write times out after the busy timeout.
import Sqlite from "better-sqlite3";
import pg from "pg";
import { sqliteFilePath } from "../../src/db/databaseUrl.js";
import { DEFAULT_PG_ADMIN_URL } from "../../src/db/pgAdmin.js";
import { testProvider } from "./database.js";

export interface Outage {
  end(): Promise<void>;
}

export async function takeDatabaseDown(url: string): Promise<Outage> {
  if (testProvider() === "sqlite") {
    const other = new Sqlite(sqliteFilePath(url));
    other.exec("BEGIN IMMEDIATE");
    other.exec('CREATE TABLE "outage_lock" (x)'); // a write, so the lock is really held
    return {
      async end() {
        other.exec("ROLLBACK");
        other.close();
      },
    };
  }
  const name = decodeURIComponent(new URL(url).pathname.slice(1));
  const admin = new pg.Client({ connectionString: process.env.TEST_PG_URL ?? DEFAULT_PG_ADMIN_URL });
  await admin.connect();
  await admin.query(`ALTER DATABASE "${name}" ALLOW_CONNECTIONS false`);
  await admin.query("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()", [name]);
  return {
    async end() {
      await admin.query(`ALTER DATABASE "${name}" ALLOW_CONNECTIONS true`);
      await admin.end();
    },
  };
}

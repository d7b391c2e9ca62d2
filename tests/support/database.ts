// Real databases for storage tests. The provider comes from TEST_DB (set per
// vitest project): "sqlite" (default) uses a fresh file in a temp dir,
// "postgres" a fresh database on the local server (TEST_PG_URL overrides the
// admin URL). Each is migrated with the same migrate() the bot runs.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, beforeEach } from "vitest";
import { openDatabase, type Database } from "../../src/db/client.js";
import { migrate } from "../../src/db/migrate.js";
import { DEFAULT_PG_ADMIN_URL, createDatabase, dropDatabase, randomDatabaseName } from "../../src/db/pgAdmin.js";

export type TestProvider = "sqlite" | "postgres";

export function testProvider(): TestProvider {
  const value = process.env.TEST_DB ?? "sqlite";
  if (value !== "sqlite" && value !== "postgres") throw new Error(`TEST_DB must be "sqlite" or "postgres", got "${value}"`);
  return value;
}

export interface EmptyDatabase {
  url: string;
  /** Deletes the database (and its temp dir); safe to call twice. */
  drop(): Promise<void>;
}

/** A database that exists but has no tables (for SQLite: a path whose file does not exist yet). */
export async function createEmptyDatabase(): Promise<EmptyDatabase> {
  if (testProvider() === "sqlite") {
    const dir = mkdtempSync(path.join(tmpdir(), "frontstage-test-"));
    return { url: `file:${path.join(dir, "test.db")}`, drop: async () => rmSync(dir, { recursive: true, force: true }) };
  }
  const adminUrl = process.env.TEST_PG_URL ?? DEFAULT_PG_ADMIN_URL;
  const name = randomDatabaseName("fs_test_");
  return { url: await createDatabase(adminUrl, name), drop: () => dropDatabase(adminUrl, name) };
}

export interface TestDatabase {
  url: string;
  db: Database;
  /** Empties every model table and restarts ids; much cheaper than a new database. */
  reset(): Promise<void>;
  /** Closes the client and deletes the database. */
  cleanup(): Promise<void>;
}

/** A migrated database with an open client. Call cleanup() in afterAll. */
export async function createTestDatabase(): Promise<TestDatabase> {
  const empty = await createEmptyDatabase();
  try {
    await migrate(empty.url);
    const db = await openDatabase(empty.url, { maxConnections: 4 });
    return {
      url: empty.url,
      db,
      reset: () => resetDatabase(db),
      cleanup: async () => {
        await db.close();
        await empty.drop();
      },
    };
  } catch (error) {
    await empty.drop();
    throw error;
  }
}

/** Deletes all rows of every table except Prisma's migration history. */
export async function resetDatabase(db: Database): Promise<void> {
  const { prisma } = db;
  if (db.provider === "postgresql") {
    const rows = await prisma.$queryRawUnsafe<{ name: string }[]>(
      "SELECT tablename AS name FROM pg_tables WHERE schemaname = current_schema() AND tablename <> '_prisma_migrations'",
    );
    if (rows.length === 0) return;
    // CASCADE follows foreign keys, so the order of the tables does not matter.
    await prisma.$executeRawUnsafe(`TRUNCATE TABLE ${rows.map((r) => `"${r.name}"`).join(", ")} RESTART IDENTITY CASCADE`);
    return;
  }
  const rows = await prisma.$queryRawUnsafe<{ name: string }[]>(
    "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> '_prisma_migrations'",
  );
  const hasSequences = await prisma.$queryRawUnsafe<unknown[]>(
    "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'sqlite_sequence'",
  );
  // Foreign keys are checked at commit instead of per row, when nothing is left
  // to violate them, so the tables can be emptied in any order.
  await prisma.$transaction([
    prisma.$executeRawUnsafe("PRAGMA defer_foreign_keys = ON"),
    ...rows.map((r) => prisma.$executeRawUnsafe(`DELETE FROM "${r.name}"`)),
    // AUTOINCREMENT counters live here; clearing them restarts ids at 1 like PostgreSQL's RESTART IDENTITY.
    ...(hasSequences.length ? [prisma.$executeRawUnsafe("DELETE FROM sqlite_sequence")] : []),
  ]);
}

/**
 * The database of a test file, made once for the file and emptied before each
 * test. The object returned forwards to the one beforeAll made.
 */
export function useTestDatabase(): TestDatabase {
  let current: TestDatabase | undefined;
  beforeAll(async () => {
    current = await createTestDatabase();
  });
  afterAll(() => current?.cleanup());
  beforeEach(() => current!.reset());
  return new Proxy({} as TestDatabase, {
    get: (_, key) => {
      if (!current) throw new Error("the test database exists from beforeAll on");
      return Reflect.get(current, key);
    },
  });
}

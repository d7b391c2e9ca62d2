// migrate() against a real, empty database of the provider under test.
import { createHash } from "node:crypto";
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync, existsSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { openDatabase } from "../../src/db/client.js";
import { migrate } from "../../src/db/migrate.js";
import { defaultPrismaDir } from "../../src/db/migrationFiles.js";
import { createEmptyDatabase, testProvider, type EmptyDatabase } from "../support/database.js";

const provider = testProvider() === "sqlite" ? "sqlite" : "postgresql";
const migrationsDir = path.join(defaultPrismaDir(), provider, "migrations");
const committed = readdirSync(migrationsDir, { withFileTypes: true })
  .filter((e) => e.isDirectory())
  .map((e) => e.name)
  .sort();

let toDrop: EmptyDatabase[] = [];
let tempDirs: string[] = [];
afterEach(async () => {
  await Promise.all(toDrop.map((d) => d.drop()));
  for (const dir of tempDirs) rmSync(dir, { recursive: true, force: true });
  toDrop = [];
  tempDirs = [];
});

async function emptyDatabase(): Promise<string> {
  const empty = await createEmptyDatabase();
  toDrop.push(empty);
  return empty.url;
}

/** A copy of prisma/ we may add migrations to without touching the repository. */
function prismaCopy(): string {
  const dir = mkdtempSync(path.join(tmpdir(), "frontstage-prisma-"));
  tempDirs.push(dir);
  cpSync(defaultPrismaDir(), dir, { recursive: true });
  return dir;
}

function addMigration(prismaDir: string, name: string, sql: string): void {
  mkdirSync(path.join(prismaDir, provider, "migrations", name));
  writeFileSync(path.join(prismaDir, provider, "migrations", name, "migration.sql"), sql);
}

type HistoryRow = Record<string, unknown>;
async function history(url: string): Promise<HistoryRow[]> {
  const db = await openDatabase(url);
  try {
    return await db.prisma.$queryRawUnsafe<HistoryRow[]>('SELECT * FROM "_prisma_migrations" ORDER BY migration_name');
  } finally {
    await db.close();
  }
}

describe(`migrate (${provider})`, () => {
  it("has an init migration and a lockfile naming the provider", () => {
    expect(committed.length).toBeGreaterThan(0);
    expect(committed[0]).toMatch(/^\d{14}_init$/);
    expect(readFileSync(path.join(migrationsDir, "migration_lock.toml"), "utf8")).toContain(`provider = "${provider}"`);
  });

  it("applies every migration to an empty database, and nothing the second time", async () => {
    const url = await emptyDatabase();
    expect(await migrate(url)).toEqual({ applied: committed });
    expect(await migrate(url)).toEqual({ applied: [] });
    const db = await openDatabase(url);
    try {
      expect(await db.prisma.user.count()).toBe(0);
    } finally {
      await db.close();
    }
  });

  it("records migrations in _prisma_migrations the way prisma migrate deploy does", async () => {
    const url = await emptyDatabase();
    await migrate(url);
    const rows = await history(url);
    expect(rows.map((r) => r.migration_name)).toEqual(committed);
    for (const row of rows) {
      const sql = readFileSync(path.join(migrationsDir, String(row.migration_name), "migration.sql"), "utf8");
      expect(Object.keys(row).sort()).toEqual(
        ["applied_steps_count", "checksum", "finished_at", "id", "logs", "migration_name", "rolled_back_at", "started_at"],
      );
      expect(row.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
      expect(row.checksum).toBe(createHash("sha256").update(sql).digest("hex"));
      expect(row.finished_at).not.toBeNull();
      expect(row.rolled_back_at).toBeNull();
      expect(row.logs).toBeNull();
      expect(Number(row.applied_steps_count)).toBe(1);
    }
  });

  it("applies a migration added later, and only that one", async () => {
    const url = await emptyDatabase();
    const prismaDir = prismaCopy();
    await migrate(url, { prismaDir });
    addMigration(prismaDir, "29990101000000_add_note", 'CREATE TABLE "Note" ("id" INTEGER NOT NULL PRIMARY KEY);\n');
    expect(await migrate(url, { prismaDir })).toEqual({ applied: ["29990101000000_add_note"] });
    expect(await migrate(url, { prismaDir })).toEqual({ applied: [] });
  });

  it("rejects a failing migration and refuses to go on until it is resolved", async () => {
    const url = await emptyDatabase();
    const prismaDir = prismaCopy();
    addMigration(prismaDir, "29990101000000_broken", "CREATE TABLE broken (;\n");
    await expect(migrate(url, { prismaDir })).rejects.toThrow(/29990101000000_broken/);
    const failed = (await history(url)).find((r) => r.migration_name === "29990101000000_broken");
    expect(failed?.finished_at).toBeNull();
    // Like `prisma migrate deploy`, a failed migration blocks later runs (P3009).
    await expect(migrate(url, { prismaDir })).rejects.toThrow(/failed migrations/);
  });

  it.runIf(provider === "sqlite")("creates the SQLite file's missing parent directories", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "frontstage-nested-"));
    tempDirs.push(dir);
    const file = path.join(dir, "a", "b", "bot.db");
    expect(await migrate(`file:${file}`)).toEqual({ applied: committed });
    expect(existsSync(file)).toBe(true);
  });
});

// Applies pending migrations at start-up, offline, the way `prisma migrate
// deploy` does (same engine, same `_prisma_migrations` bookkeeping).
//
// The bot migrates on every start and must poll Telegram soon after, so the
// common case — nothing pending — is answered by reading `_prisma_migrations`
// directly (tens of ms); the 5 MB wasm engine is loaded only when there is work.
import { createHash } from "node:crypto";
import { mkdirSync } from "node:fs";
import path from "node:path";
import type { SqlMigrationAwareDriverAdapterFactory } from "@prisma/driver-adapter-utils";
import type { MigrationList } from "@prisma/schema-engine-wasm/schema_engine_bg";
import { providerOf, sqliteFilePath, type Provider } from "./databaseUrl.js";
import { appliedMigrations, type AppliedMigration } from "./migrationHistory.js";
import { defaultPrismaDir, migrationsDir, readMigrations } from "./migrationFiles.js";
import { withSchemaEngine } from "./wasmEngine.js";

export interface MigrateOptions {
  /** The prisma/ folder holding `<provider>/migrations`; defaults to the repository's. */
  prismaDir?: string;
  /** Receives the schema engine's log lines (JSON) when the engine runs. */
  log?: (line: string) => void;
}

export async function migrate(databaseUrl: string, opts: MigrateOptions = {}): Promise<{ applied: string[] }> {
  const provider = providerOf(databaseUrl);
  if (provider === "sqlite") ensureParentDir(databaseUrl);
  const migrations = await readMigrations(migrationsDir(opts.prismaDir ?? defaultPrismaDir(), provider));
  if (upToDate(migrations, await appliedMigrations(databaseUrl))) return { applied: [] };

  const factory = await adapterFactory(provider, databaseUrl);
  const filters = { externalTables: [], externalEnums: [] };
  const options = opts.log ? { log: opts.log } : {};
  const out = await withSchemaEngine(factory, options, (engine) =>
    engine.applyMigrations({ migrationsList: migrations, filters }),
  );
  return { applied: out.appliedMigrationNames };
}

/**
 * True when every local migration is recorded as finished with the same
 * checksum and no attempt is left failed. Anything else goes to the engine,
 * which then decides (apply, or refuse with Prisma's own error).
 */
function upToDate(migrations: MigrationList, history: AppliedMigration[] | null): boolean {
  if (history === null) return false;
  if (history.some((row) => row.finished === false && row.rolledBack === false)) return false;
  const done = new Map(history.filter((row) => row.finished && !row.rolledBack).map((row) => [row.name, row.checksum]));
  return migrations.migrationDirectories.every(({ path: name, migrationFile: { content } }) => {
    return content.tag === "ok" && done.get(name) === checksum(content.value);
  });
}

function checksum(sql: string): string {
  return createHash("sha256").update(sql).digest("hex");
}

function ensureParentDir(databaseUrl: string): void {
  const file = sqliteFilePath(databaseUrl);
  if (file !== ":memory:") mkdirSync(path.dirname(file), { recursive: true });
}

/** The driver adapter the engine talks through; imported lazily, only when migrating. */
async function adapterFactory(provider: Provider, databaseUrl: string): Promise<SqlMigrationAwareDriverAdapterFactory> {
  if (provider === "sqlite") {
    const { PrismaBetterSqlite3 } = await import("@prisma/adapter-better-sqlite3");
    return new PrismaBetterSqlite3({ url: `file:${sqliteFilePath(databaseUrl)}` });
  }
  const { PrismaPg } = await import("@prisma/adapter-pg");
  return new PrismaPg({ connectionString: databaseUrl, max: 2 });
}

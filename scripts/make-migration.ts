// `npm run db:migration -- <name>`: writes the next migration for both providers.
//
// Each provider's existing migrations are applied to a scratch database
// (a temp SQLite file; a throwaway PostgreSQL database), and the engine diffs
// that database against the current schema — the way `prisma migrate dev`
// uses its shadow database, so hand edits in earlier migration.sql files count.
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import pg from "pg";
import { PrismaBetterSqlite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import type { SqlMigrationAwareDriverAdapterFactory } from "@prisma/driver-adapter-utils";
import type { MigrationList } from "@prisma/schema-engine-wasm/schema_engine_bg";
import { expectedSchemas, providers, schemaPath, writeSchemas, type SchemaProvider } from "./prisma-schemas.js";
import { LOCKFILE, MIGRATION_FILE, defaultPrismaDir, lockfileContent, migrationsDir, readMigrations } from "../src/db/migrationFiles.js";
import { DEFAULT_PG_ADMIN_URL, createDatabase, dropDatabase, randomDatabaseName } from "../src/db/pgAdmin.js";
import { withSchemaEngine } from "../src/db/wasmEngine.js";

const filters = { externalTables: [], externalEnums: [] };

/** The SQL that takes a database at the end of `migrations` to `schema`, or null if none. */
export async function nextMigrationSql(provider: SchemaProvider, migrations: MigrationList, schema: string): Promise<string | null> {
  const files = [{ path: "schema.prisma", content: schema }];
  return withScratchDatabase(provider, (factory) =>
    withSchemaEngine(factory, { datamodels: [["schema.prisma", schema]] }, async (engine) => {
      await engine.applyMigrations({ migrationsList: migrations, filters });
      const diff = await engine.diff({
        from: { tag: "schemaDatasource", files, configDir: path.dirname(schemaPath(provider)) },
        to: { tag: "schemaDatamodel", files },
        script: true,
        exitCode: true, // 2 when there is a difference, 0 when there is none
        filters,
      });
      return diff.exitCode === 2 ? diff.stdout : null;
    }),
  );
}

async function withScratchDatabase<T>(
  provider: SchemaProvider,
  use: (factory: SqlMigrationAwareDriverAdapterFactory) => Promise<T>,
): Promise<T> {
  if (provider === "sqlite") {
    const dir = mkdtempSync(path.join(tmpdir(), "frontstage-migration-"));
    try {
      return await use(new PrismaBetterSqlite3({ url: `file:${path.join(dir, "scratch.db")}` }));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  const adminUrl = process.env.MIGRATION_PG_URL ?? process.env.TEST_PG_URL ?? DEFAULT_PG_ADMIN_URL;
  const name = randomDatabaseName("fs_scratch_");
  const pool = new pg.Pool({ connectionString: await createDatabase(adminUrl, name), Client: CharAsTextClient, max: 2 });
  try {
    return await use(new PrismaPg(pool));
  } finally {
    await pool.end();
    await dropDatabase(adminUrl, name);
  }
}

/**
 * The pg adapter cannot map PostgreSQL's internal one-byte `"char"` type
 * (OID 18, e.g. pg_constraint.contype), which the engine's introspection
 * selects: it fails with "Column type 'char' could not be deserialized".
 * Those values already arrive as strings, so reporting the column as text is
 * enough. Only this tool introspects; migrate() at runtime never does.
 */
class CharAsTextClient extends pg.Client {
  override query(...args: unknown[]): any {
    const callback = typeof args.at(-1) === "function" ? (args.pop() as (e: unknown, r?: unknown) => void) : undefined;
    const result = (super.query as (...a: unknown[]) => Promise<pg.QueryResult>)(...args).then((res) => {
      for (const field of res.fields ?? []) if (field.dataTypeID === 18) field.dataTypeID = 25;
      return res;
    });
    if (!callback) return result;
    result.then((res) => callback(null, res), callback);
  }
}

/** `20261127034512`, the UTC timestamp prefix Prisma gives migration folders. */
function timestamp(now = new Date()): string {
  return now.toISOString().replace(/\D/g, "").slice(0, 14);
}

async function main(argv: string[]): Promise<number> {
  const raw = argv.filter((a) => !a.startsWith("-")).join("_");
  const name = raw.trim().replace(/[^A-Za-z0-9_]+/g, "_").replace(/^_+|_+$/g, "");
  if (!name) {
    console.error("usage: npm run db:migration -- <name>   (e.g. add_polls)");
    return 2;
  }
  writeSchemas(); // the diff target is the provider schema; keep it in line with models.prisma
  const schemas = expectedSchemas();
  const prismaDir = defaultPrismaDir();
  const folder = `${timestamp()}_${name}`;
  const pending: { provider: SchemaProvider; dir: string; sql: string }[] = [];
  for (const provider of providers) {
    const dir = migrationsDir(prismaDir, provider);
    const migrations = await readMigrations(dir);
    migrations.lockfile.content ??= lockfileContent(provider); // first migration: no lockfile yet
    const sql = await nextMigrationSql(provider, migrations, schemas.get(schemaPath(provider))!);
    if (sql === null) console.log(`${provider}: no changes`);
    else pending.push({ provider, dir, sql });
  }
  if (pending.length === 0) {
    console.log("no changes");
    return 0;
  }
  for (const { provider, dir, sql } of pending) {
    mkdirSync(path.join(dir, folder), { recursive: true });
    writeFileSync(path.join(dir, folder, MIGRATION_FILE), sql);
    writeFileSync(path.join(dir, LOCKFILE), lockfileContent(provider));
    console.log(`wrote ${path.relative(process.cwd(), path.join(dir, folder, MIGRATION_FILE))}`);
  }
  return 0;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.exitCode = await main(process.argv.slice(2));
}

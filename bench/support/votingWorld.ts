// A park for the voting benchmarks: thousands of verified residents in their
// units, a database opened with a query counter, and helpers to create a
// consultation through the real use cases.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { SqlDriverAdapter, SqlDriverAdapterFactory, Transaction } from "@prisma/driver-adapter-utils";
import { sqliteAdapter, type Database, type DbClient } from "../../src/db/client.js";
import type { Provider } from "../../src/db/databaseUrl.js";
import { migrate } from "../../src/db/migrate.js";
import { DEFAULT_PG_ADMIN_URL, createDatabase, dropDatabase, randomDatabaseName } from "../../src/db/pgAdmin.js";

/** Statements sent to the database since the counter was last read. */
export class QueryCounter {
  count = 0;
  take(): number {
    const n = this.count;
    this.count = 0;
    return n;
  }
}

function counted<T extends object>(target: T, counter: QueryCounter): T {
  return new Proxy(target, {
    get(obj, prop, receiver) {
      const value = Reflect.get(obj, prop, receiver);
      if (prop === "queryRaw" || prop === "executeRaw") {
        return (...args: unknown[]) => {
          counter.count++;
          return (value as (...a: unknown[]) => unknown).apply(obj, args);
        };
      }
      if (prop === "startTransaction") {
        return async (...args: unknown[]) => counted((await (value as (...a: unknown[]) => Promise<Transaction>).apply(obj, args)) as Transaction, counter);
      }
      return typeof value === "function" ? value.bind(obj) : value;
    },
  });
}

function countingFactory(factory: SqlDriverAdapterFactory, counter: QueryCounter): SqlDriverAdapterFactory {
  return {
    provider: factory.provider,
    adapterName: factory.adapterName,
    async connect(): Promise<SqlDriverAdapter> {
      return counted(await factory.connect(), counter);
    },
  };
}

export interface BenchDatabase {
  db: Database;
  url: string;
  counter: QueryCounter;
  drop(): Promise<void>;
}

/** An existing database opened with every statement counted (for the round-trip count of the vote path). */
export async function countingClient(provider: Provider, url: string, counter: QueryCounter): Promise<Database> {
  if (provider === "sqlite") {
    const { PrismaClient } = await import("../../src/db/generated/sqlite/client.js");
    const { factory, othersSeeAllWrites } = await sqliteAdapter(url);
    const prisma = new PrismaClient({ adapter: countingFactory(factory, counter) });
    await prisma.$connect();
    return { provider, prisma, close: () => prisma.$disconnect(), othersSeeAllWrites };
  }
  const { PrismaPg } = await import("@prisma/adapter-pg");
  const { PrismaClient } = await import("../../src/db/generated/postgresql/client.js");
  const factory = new PrismaPg({ connectionString: url, max: 10, connectionTimeoutMillis: 5_000, idleTimeoutMillis: 30_000 });
  const prisma = new PrismaClient({ adapter: countingFactory(factory, counter) }) as unknown as DbClient;
  await prisma.$connect();
  return { provider, prisma, close: () => prisma.$disconnect(), othersSeeAllWrites: () => true };
}

/**
 * A fresh, migrated database for `provider`, opened like src/db/client.ts does
 * (same SQLite pragmas, same PostgreSQL pool) but with every statement counted.
 */
export async function benchDatabase(provider: Provider, opts: { maxConnections?: number } = {}): Promise<BenchDatabase> {
  const counter = new QueryCounter();
  if (provider === "sqlite") {
    const dir = mkdtempSync(join(tmpdir(), "frontstage-bench-"));
    const url = `file:${join(dir, "bench.db")}`;
    await migrate(url);
    const { PrismaClient } = await import("../../src/db/generated/sqlite/client.js");
    const { factory, othersSeeAllWrites } = await sqliteAdapter(url);
    const prisma = new PrismaClient({ adapter: countingFactory(factory, counter) });
    await prisma.$connect();
    return { url, counter, db: { provider, prisma, close: () => prisma.$disconnect(), othersSeeAllWrites }, drop: async () => rmSync(dir, { recursive: true, force: true }) };
  }
  const name = randomDatabaseName("fs_bench_");
  const url = await createDatabase(DEFAULT_PG_ADMIN_URL, name);
  await migrate(url);
  const { PrismaPg } = await import("@prisma/adapter-pg");
  const { PrismaClient } = await import("../../src/db/generated/postgresql/client.js");
  const factory = new PrismaPg({ connectionString: url, max: opts.maxConnections ?? 10, connectionTimeoutMillis: 5_000, idleTimeoutMillis: 30_000 });
  const prisma = new PrismaClient({ adapter: countingFactory(factory, counter) }) as unknown as DbClient;
  await prisma.$connect();
  return { url, counter, db: { provider, prisma, close: () => prisma.$disconnect(), othersSeeAllWrites: () => true }, drop: () => dropDatabase(DEFAULT_PG_ADMIN_URL, name) };
}

/**
 * `count` verified residents, one per unit, in buildings of 100 units
 * ("B1" … "Bn"), owners with the roster's area. Ids start at `firstId`.
 */
export async function seedPark(db: DbClient, count: number, firstId = 100_000_000): Promise<{ ids: bigint[] }> {
  const now = new Date("2026-11-27T02:00:00Z");
  const units = Array.from({ length: count }, (_, i) => ({
    building: `B${Math.floor(i / 100) + 1}`,
    number: String((i % 100) + 101),
    areaCenti: 6000 + ((i * 37) % 6000),
    inviteCode: `C${String(i).padStart(9, "0")}`,
  }));
  for (let i = 0; i < units.length; i += 2000) await db.unit.createMany({ data: units.slice(i, i + 2000) });
  const rows = await db.unit.findMany({ select: { id: true }, orderBy: { id: "asc" } });
  const ids = rows.map((_, i) => BigInt(firstId + i));
  const users = rows.map((u, i) => ({
    id: ids[i]!,
    language: i % 3 === 0 ? "en" : "zh",
    consentAt: now,
    status: "verified",
    step: null,
    unitId: u.id,
    relation: "owner",
    verifiedAt: now,
  }));
  for (let i = 0; i < users.length; i += 2000) await db.user.createMany({ data: users.slice(i, i + 2000) });
  return { ids };
}

/** A consultation spec for the whole park closing in a week. */
export function parkSpec(polls: unknown[]): unknown {
  return { title: { zh: "性能测试", en: "Benchmark" }, closesAt: "2026-12-04T20:00:00+08:00", polls };
}

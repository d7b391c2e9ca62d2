// Opens the Prisma client for DATABASE_URL's provider behind one type.
import type { SqlDriverAdapterFactory } from "@prisma/driver-adapter-utils";
import type { Prisma, PrismaClient as SqlitePrismaClient } from "./generated/sqlite/client.js";
import { providerOf, sqliteFilePath, type Provider } from "./databaseUrl.js";
import { cacheStatements, type CachingDriver } from "./sqliteStatementCache.js";

/**
 * The client repositories are written against, for both providers.
 *
 * Both generated clients come from the same models (tests/db checks the
 * provider schemas against prisma/models.prisma), so their model delegates,
 * arguments and results are the same. Where they differ the PostgreSQL client
 * offers more (`mode: "insensitive"`, `skipDuplicates`, more isolation levels),
 * so the SQLite client's type is the common subset: code that compiles against
 * it runs on PostgreSQL too, which is why the PostgreSQL client is cast to it.
 */
export type DbClient = SqlitePrismaClient;
/** The `tx` of `prisma.$transaction(async (tx) => …)`. */
export type DbTransaction = Prisma.TransactionClient;

export interface Database {
  provider: Provider;
  prisma: DbClient;
  close(): Promise<void>;
  /**
   * True when a read on another connection (src/db/driverPath.ts) sees every
   * write this client has made. Always on PostgreSQL. On SQLite, Prisma's one
   * connection runs queries made outside an open interactive transaction
   * inside it, so their writes stay invisible elsewhere until it commits.
   */
  othersSeeAllWrites(): boolean;
}

export interface OpenOptions {
  /** PostgreSQL pool size (default 10). */
  maxConnections?: number;
}

/**
 * Per-connection SQLite settings. WAL lets readers run beside the one writer
 * and with synchronous=NORMAL was ~4× faster for small writes here; NORMAL is
 * still crash-safe in WAL mode (a power cut may lose the last commits, never
 * corrupt the file). Foreign keys are on by default in the adapter's build but
 * are stated so the behaviour does not depend on it.
 */
const SQLITE_PRAGMAS = "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON;";
const SQLITE_BUSY_TIMEOUT_MS = 5_000;

export async function openDatabase(databaseUrl: string, opts: OpenOptions = {}): Promise<Database> {
  const provider = providerOf(databaseUrl);
  const sqlite = provider === "sqlite" ? await sqliteAdapter(databaseUrl) : null;
  // The generated clients are imported here rather than at the top: a process
  // only ever loads the one for its provider.
  const prisma = sqlite
    ? new (await import("./generated/sqlite/client.js")).PrismaClient({ adapter: sqlite.factory })
    : (new (await import("./generated/postgresql/client.js")).PrismaClient({
        adapter: await postgresAdapter(databaseUrl, opts),
      }) as unknown as DbClient);
  await prisma.$connect(); // fail here on a bad URL, not at the first query
  let closed: Promise<void> | undefined;
  return { provider, prisma, close: () => (closed ??= prisma.$disconnect()), othersSeeAllWrites: sqlite?.othersSeeAllWrites ?? (() => true) };
}

/**
 * Prisma's better-sqlite3 adapter as Frontstage opens it (benchmarks that
 * count statements wrap this same factory): the pragmas and the statement
 * cache on every connection, and whether one of them is inside a transaction.
 */
export async function sqliteAdapter(databaseUrl: string): Promise<{ factory: SqlDriverAdapterFactory; othersSeeAllWrites(): boolean }> {
  const { PrismaBetterSqlite3 } = await import("@prisma/adapter-better-sqlite3");
  const inner = new PrismaBetterSqlite3({ url: `file:${sqliteFilePath(databaseUrl)}`, timeout: SQLITE_BUSY_TIMEOUT_MS });
  const connections = new Set<CachingDriver>();
  // The adapter has no pragma option; applying them in connect() covers every
  // connection the client opens, including after a reconnect. Each connection
  // also keeps its prepared statements (see sqliteStatementCache.ts).
  const factory: SqlDriverAdapterFactory = {
    provider: inner.provider,
    adapterName: inner.adapterName,
    async connect() {
      const adapter = cacheStatements(await inner.connect(), (driver) => connections.add(driver));
      await adapter.executeScript(SQLITE_PRAGMAS);
      return adapter;
    },
  };
  const othersSeeAllWrites = () => {
    for (const c of connections) {
      if (!c.db.open) connections.delete(c); // closed (a reconnect opened another)
      else if (c.inTransaction) return false;
    }
    return true;
  };
  return { factory, othersSeeAllWrites };
}

async function postgresAdapter(databaseUrl: string, opts: OpenOptions): Promise<SqlDriverAdapterFactory> {
  const { PrismaPg } = await import("@prisma/adapter-pg");
  return new PrismaPg({
    connectionString: databaseUrl,
    max: opts.maxConnections ?? 10,
    connectionTimeoutMillis: 5_000, // fail instead of waiting forever on a dead server
    idleTimeoutMillis: 30_000,
  });
}

// Prisma's better-sqlite3 adapter prepares every statement again for every
// query (`client.prepare(sql).bind(args)`): SQLite parses and plans the SQL each
// time, and a profile of the webhook bench put ~2.4 s of the bot's CPU in
// Database.prepare for 10,000 presses. Prisma sends the same few hundred SQL
// texts with `?` parameters, so a statement prepared once can serve them all.
//
// The adapter reaches the driver through one object, `client`, and uses only
// prepare(sql).bind(args) → { reader, columns(), raw().all(), run() },
// prepare("BEGIN").run(), exec() and close(). This facade keeps that surface and caches the unbound statement
// per SQL text (least recently used first out, bounded) with its result
// columns; bind() does not bind the cached statement (better-sqlite3 binds a
// statement once, for good) but returns a view that passes the arguments to
// each execution. Measured on this machine for the User lookup (15 columns):
// ~55–65 µs a query prepared each time, ~24 µs cached.
//
// A schema change on this connection (CREATE, ALTER, DROP, or any script)
// empties the cache. Migrations run before the bot starts, on a connection of
// their own; Prisma names every column it selects, so a statement prepared
// before a migration another process ran still means what it meant (SQLite
// re-prepares it itself when the schema changes).
import type Database from "better-sqlite3";

/** The part of a better-sqlite3 Database the Prisma adapter uses. */
export interface AdapterDriver {
  prepare(sql: string): BoundableStatement;
  exec(sql: string): unknown;
  close(): unknown;
}

interface BoundStatement {
  readonly reader: boolean;
  columns(): Database.ColumnDefinition[];
  raw(): { all(): unknown[][] };
  run(): Database.RunResult;
}

/** A statement as prepare() returns it: runnable without arguments (`prepare("BEGIN").run()`) or bound first. */
interface BoundableStatement extends BoundStatement {
  bind(args: unknown[]): BoundStatement;
}

/** Prisma sends a few hundred distinct SQL texts; IN lists of every length add more, hence a bound. */
const DEFAULT_STATEMENT_CACHE_SIZE = 500;

/** SQL that changes the schema: cached statements and their columns are dropped before it runs. */
const SCHEMA_CHANGE = /^\s*(?:CREATE|ALTER|DROP)\b/i;

interface Entry {
  stmt: Database.Statement;
  /**
   * The result's columns, read once: better-sqlite3 builds five strings per
   * column on every columns() call (~15 µs for the 15 columns of a User row
   * here, as much as running the query). The columns of a SQL text change
   * only with the schema; see SCHEMA_CHANGE and exec().
   */
  columns?: Database.ColumnDefinition[];
}

export class CachingDriver implements AdapterDriver {
  // A Map iterates in insertion order: re-inserting on a hit keeps the least
  // recently used statement first, the one to drop when full.
  readonly #statements = new Map<string, Entry>();

  constructor(
    readonly db: Database.Database,
    readonly capacity: number = DEFAULT_STATEMENT_CACHE_SIZE,
  ) {
    if (!Number.isInteger(capacity) || capacity < 1) throw new RangeError(`statement cache capacity must be a positive integer, not ${capacity}`);
  }

  /**
   * True while a transaction is open on this connection. Prisma's adapter runs
   * a query made outside an interactive transaction on the same connection, so
   * inside whichever transaction is open then: until it commits, another
   * connection does not see that write (see Database.othersSeeAllWrites).
   */
  get inTransaction(): boolean {
    return this.db.inTransaction;
  }

  /** How many prepared statements are kept (for tests and metrics). */
  get size(): number {
    return this.#statements.size;
  }

  prepare(sql: string): BoundableStatement {
    return new Prepared(this.#entry(sql), NO_ARGS);
  }

  exec(sql: string): unknown {
    this.#statements.clear(); // a script may change the schema
    return this.db.exec(sql);
  }

  close(): unknown {
    this.#statements.clear();
    return this.db.close();
  }

  #entry(sql: string): Entry {
    const cached = this.#statements.get(sql);
    if (cached !== undefined) {
      this.#statements.delete(sql);
      this.#statements.set(sql, cached);
      return cached;
    }
    if (SCHEMA_CHANGE.test(sql)) {
      this.#statements.clear();
      return { stmt: this.db.prepare(sql) }; // run once, never kept
    }
    const entry: Entry = { stmt: this.db.prepare(sql) }; // a statement that fails to prepare throws here and is not kept
    if (this.#statements.size >= this.capacity) {
      const oldest = this.#statements.keys().next().value;
      if (oldest !== undefined) this.#statements.delete(oldest);
    }
    this.#statements.set(sql, entry);
    return entry;
  }
}

const NO_ARGS: unknown[] = [];

/** A cached statement with the arguments of one execution (better-sqlite3 takes them per call as an array). */
class Prepared implements BoundableStatement {
  constructor(
    private readonly entry: Entry,
    private readonly args: unknown[],
  ) {}

  get reader(): boolean {
    return this.entry.stmt.reader;
  }

  bind(args: unknown[]): BoundStatement {
    return new Prepared(this.entry, args);
  }

  columns(): Database.ColumnDefinition[] {
    // The adapter only reads them; a frozen array keeps it that way.
    return (this.entry.columns ??= Object.freeze(this.entry.stmt.columns()) as Database.ColumnDefinition[]);
  }

  raw(): { all(): unknown[][] } {
    // raw(true) is a mode of the statement object; only this facade runs the
    // cached statements, and it always wants rows as arrays.
    return { all: () => this.entry.stmt.raw(true).all(this.args) as unknown[][] };
  }

  run(): Database.RunResult {
    return this.entry.stmt.run(this.args);
  }
}

/**
 * Puts a CachingDriver between a connected Prisma better-sqlite3 adapter and
 * its driver. The adapter's `client` field is not in its published types, so
 * it is checked at run time: if a Prisma upgrade renames it, this throws at
 * start instead of silently running without the cache.
 */
export function cacheStatements<T extends object>(adapter: T, created?: (driver: CachingDriver) => void): T {
  const holder = adapter as unknown as { client?: unknown };
  const client = holder.client as Partial<Database.Database> | undefined;
  if (client === undefined || typeof client.prepare !== "function" || typeof client.exec !== "function" || typeof client.close !== "function") {
    throw new Error("the Prisma better-sqlite3 adapter has no `client` driver to cache statements on; check the adapter's version");
  }
  if (client instanceof CachingDriver) return adapter;
  const driver = new CachingDriver(client as Database.Database);
  holder.client = driver;
  created?.(driver);
  return adapter;
}

// The prepared-statement cache put between Prisma's better-sqlite3 adapter and
// the driver: one prepare per SQL text, arguments per execution, bounded.
import Database from "better-sqlite3";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { CachingDriver, cacheStatements } from "../../src/db/sqliteStatementCache.js";

let db: Database.Database;
beforeEach(() => {
  db = new Database(":memory:");
  db.defaultSafeIntegers(true); // as the adapter opens it
  db.exec(`CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT NOT NULL)`);
});
afterEach(() => {
  if (db.open) db.close();
});

describe("CachingDriver", () => {
  it("prepares a SQL text once and runs it with each call's own arguments", () => {
    const driver = new CachingDriver(db);
    const prepare = vi.spyOn(db, "prepare");
    const insert = `INSERT INTO t (id, name) VALUES (?, ?)`;
    expect(driver.prepare(insert).bind([1, "甲"]).run().changes).toBe(1);
    expect(driver.prepare(insert).bind([2, "b"]).run().changes).toBe(1);
    const select = driver.prepare(`SELECT id, name FROM t WHERE id >= ? ORDER BY id`).bind([1]);
    expect(select.reader).toBe(true);
    expect(select.columns().map((c) => c.name)).toEqual(["id", "name"]);
    expect(select.raw().all()).toEqual([[1n, "甲"], [2n, "b"]]);
    expect(driver.prepare(`SELECT id, name FROM t WHERE id >= ? ORDER BY id`).bind([2]).raw().all()).toEqual([[2n, "b"]]);
    expect(prepare).toHaveBeenCalledTimes(2);
    expect(driver.size).toBe(2);
  });

  it("a bound view keeps its own arguments even after the statement is reused", () => {
    const driver = new CachingDriver(db);
    driver.prepare(`INSERT INTO t (id, name) VALUES (?, ?), (?, ?)`).bind([1, "a", 2, "b"]).run();
    const sql = `SELECT name FROM t WHERE id = ?`;
    const first = driver.prepare(sql).bind([1]);
    const second = driver.prepare(sql).bind([2]);
    expect(second.raw().all()).toEqual([["b"]]);
    expect(first.raw().all()).toEqual([["a"]]);
  });

  it("drops the least recently used statement when full", () => {
    const driver = new CachingDriver(db, 2);
    const prepare = vi.spyOn(db, "prepare");
    const q = (n: number) => `SELECT ${n}`;
    driver.prepare(q(1)).bind([]).raw().all();
    driver.prepare(q(2)).bind([]).raw().all();
    driver.prepare(q(1)).bind([]).raw().all(); // 1 is now the most recent
    driver.prepare(q(3)).bind([]).raw().all(); // evicts 2
    expect(driver.size).toBe(2);
    expect(prepare).toHaveBeenCalledTimes(3);
    driver.prepare(q(1)).bind([]).raw().all(); // still cached
    expect(prepare).toHaveBeenCalledTimes(3);
    driver.prepare(q(2)).bind([]).raw().all(); // prepared again
    expect(prepare).toHaveBeenCalledTimes(4);
  });

  it("keeps nothing for SQL that fails to prepare, and reports the driver's error", () => {
    const driver = new CachingDriver(db);
    expect(() => driver.prepare(`SELECT * FROM missing`)).toThrow(/no such table/);
    expect(driver.size).toBe(0);
    db.exec(`CREATE TABLE missing (x INTEGER)`);
    expect(driver.prepare(`SELECT * FROM missing`).bind([]).raw().all()).toEqual([]);
  });

  it("an execution error leaves the cached statement usable", () => {
    const driver = new CachingDriver(db);
    const insert = `INSERT INTO t (id, name) VALUES (?, ?)`;
    driver.prepare(insert).bind([1, "a"]).run();
    expect(() => driver.prepare(insert).bind([1, "again"]).run()).toThrow(/UNIQUE/);
    expect(driver.prepare(insert).bind([2, "b"]).run().changes).toBe(1);
    expect(() => driver.prepare(insert).bind([3]).run()).toThrow(/Too few parameter/);
    expect(driver.prepare(`SELECT count(*) FROM t`).bind([]).raw().all()).toEqual([[2n]]);
  });

  it("reads a statement's columns once", () => {
    const driver = new CachingDriver(db);
    const sql = `SELECT id, name FROM t`;
    const first = driver.prepare(sql).bind([]).columns();
    expect(first.map((c) => [c.name, c.type])).toEqual([["id", "INTEGER"], ["name", "TEXT"]]);
    expect(driver.prepare(sql).bind([]).columns()).toBe(first);
    expect(Object.isFrozen(first)).toBe(true);
  });

  it.each([
    ["a statement it runs", (d: CachingDriver) => d.prepare(`ALTER TABLE t ADD COLUMN note TEXT`).run()],
    ["a script", (d: CachingDriver) => d.exec(`ALTER TABLE t ADD COLUMN note TEXT;`)],
  ])("forgets statements and columns when %s changes the schema", (_, change) => {
    const driver = new CachingDriver(db);
    const sql = `SELECT * FROM t`;
    expect(driver.prepare(sql).bind([]).columns().map((c) => c.name)).toEqual(["id", "name"]);
    change(driver);
    expect(driver.size).toBe(0);
    expect(driver.prepare(sql).bind([]).columns().map((c) => c.name)).toEqual(["id", "name", "note"]);
  });

  it("keeps no schema change itself: running it again runs it again", () => {
    const driver = new CachingDriver(db);
    driver.prepare(`CREATE TABLE u (x INTEGER)`).run();
    expect(driver.size).toBe(0);
    expect(() => driver.prepare(`CREATE TABLE u (x INTEGER)`).run()).toThrow(/already exists/);
    driver.prepare(`  drop table u`).run();
    expect(() => driver.prepare(`SELECT x FROM u`)).toThrow(/no such table/);
  });

  it("close() empties the cache and closes the database", () => {
    const driver = new CachingDriver(db);
    driver.prepare(`SELECT 1`).bind([]).raw().all();
    driver.close();
    expect(driver.size).toBe(0);
    expect(db.open).toBe(false);
  });

  it("refuses a capacity that is not a positive integer", () => {
    expect(() => new CachingDriver(db, 0)).toThrow(RangeError);
    expect(() => new CachingDriver(db, 1.5)).toThrow(RangeError);
  });
});

describe("cacheStatements", () => {
  it("replaces the adapter's driver once", () => {
    const adapter = { client: db };
    cacheStatements(adapter);
    expect(adapter.client).toBeInstanceOf(CachingDriver);
    const first = adapter.client;
    cacheStatements(adapter);
    expect(adapter.client).toBe(first);
  });

  it("fails loudly when the adapter has no driver where it is expected", () => {
    expect(() => cacheStatements({})).toThrow(/no `client` driver/);
    expect(() => cacheStatements({ client: { prepare: 1 } })).toThrow(/no `client` driver/);
  });
});

describe("statements run without bind()", () => {
  it("run as the adapter begins a transaction: prepare(\"BEGIN\").run()", () => {
    const driver = new CachingDriver(db);
    driver.prepare("BEGIN").run();
    driver.prepare(`INSERT INTO t (id, name) VALUES (?, ?)`).bind([1, "a"]).run();
    driver.prepare("ROLLBACK").run();
    driver.prepare("BEGIN").run();
    driver.prepare(`INSERT INTO t (id, name) VALUES (?, ?)`).bind([2, "b"]).run();
    driver.prepare("COMMIT").run();
    expect(driver.prepare(`SELECT id FROM t`).raw().all()).toEqual([[2n]]);
  });
});

import { describe, expect, it } from "vitest";
import { isDatabaseUnavailable } from "../../src/db/repositories/errors.js";

// The shapes the outage tests in tests/bot/outage.test.ts meet on each provider, and what must not count.
describe("isDatabaseUnavailable", () => {
  it("recognises an outage through Prisma's wrapping and the drivers' own errors", () => {
    const adapter = (cause: object) => ({ name: "PrismaClientKnownRequestError", code: "P2039", meta: { driverAdapterError: { name: "DriverAdapterError", cause } } });
    expect(isDatabaseUnavailable(adapter({ kind: "postgres", code: "57P01", severity: "FATAL", message: "terminating connection due to administrator command" }))).toBe(true);
    expect(isDatabaseUnavailable(adapter({ kind: "postgres", code: "55000", severity: "FATAL", message: 'database "x" is not currently accepting connections' }))).toBe(true);
    expect(isDatabaseUnavailable({ name: "PrismaClientKnownRequestError", code: "P1008" })).toBe(true);
    expect(isDatabaseUnavailable({ name: "SqliteError", code: "SQLITE_BUSY", message: "database is locked" })).toBe(true);
    expect(isDatabaseUnavailable(new TypeError("The database connection is not open"))).toBe(true);
    expect(isDatabaseUnavailable(Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:5432"), { code: "ECONNREFUSED" }))).toBe(true);
    expect(isDatabaseUnavailable(new Error("wrapped", { cause: { code: "ECONNRESET" } }))).toBe(true);
  });

  it("does not count a query that was wrong, a constraint, or a bug", () => {
    expect(isDatabaseUnavailable({ name: "PrismaClientKnownRequestError", code: "P2002" })).toBe(false);
    expect(isDatabaseUnavailable({ name: "PrismaClientKnownRequestError", code: "P2039", meta: { driverAdapterError: { cause: { kind: "postgres", code: "23505", severity: "ERROR" } } } })).toBe(false);
    expect(isDatabaseUnavailable(new TypeError("Cannot read properties of undefined (reading 'id')"))).toBe(false);
    expect(isDatabaseUnavailable(null)).toBe(false);
  });
});

/** Prisma's "unique constraint failed" (P2002), the same for both providers. */
export function isUniqueViolation(e: unknown): boolean {
  return typeof e === "object" && e !== null && (e as { code?: unknown }).code === "P2002";
}

// Prisma's codes for "the database is not there right now": can't reach, timed
// out reaching, operation timed out (SQLite: busy past the busy timeout),
// server closed the connection, pool timeout, too many connections, and a
// driver adapter error (P2039: "DriverAdapterError", carrying the driver's own).
const PRISMA_OUTAGE = new Set(["P1001", "P1002", "P1008", "P1017", "P2024", "P2037"]);
const ADAPTER_OUTAGE_KINDS = new Set(["SocketTimeout", "DatabaseNotReachable", "DatabaseDoesNotExist", "DatabaseAccessDenied", "ConnectionClosed", "TlsConnectionError", "TooManyConnections"]);
const SQLITE_OUTAGE = /^SQLITE_(BUSY|LOCKED|IOERR|CANTOPEN|FULL|READONLY|PROTOCOL|NOTADB|CORRUPT)/;
const NODE_OUTAGE = new Set(["ECONNREFUSED", "ECONNRESET", "ETIMEDOUT", "EPIPE", "ENOTFOUND", "EHOSTUNREACH", "ENETUNREACH", "EAI_AGAIN"]);
/** PostgreSQL SQLSTATE classes: connection exception, insufficient resources, operator intervention, system error. */
const PG_OUTAGE = /^(08|53|57P|58)/;
const OUTAGE_MESSAGES = /database connection is not open|Connection terminated|Cannot use a pool after calling end|timeout exceeded when trying to connect|not currently accepting connections|the database system is (starting up|shutting down)/i;

/**
 * Whether an error means the database could not be used at all (down,
 * unreachable, locked, out of space) rather than a query that was wrong: then
 * nothing of the request was saved and trying again later can work. Looks
 * through Prisma's wrapping, the driver adapter's error and `cause` chains.
 */
export function isDatabaseUnavailable(e: unknown, depth = 0): boolean {
  if (typeof e !== "object" || e === null || depth > 5) return false;
  const x = e as { name?: unknown; code?: unknown; kind?: unknown; originalCode?: unknown; severity?: unknown; message?: unknown; meta?: { driverAdapterError?: unknown }; cause?: unknown };
  if (x.name === "PrismaClientInitializationError") return true;
  const code = typeof x.code === "string" ? x.code : undefined;
  const original = typeof x.originalCode === "string" ? x.originalCode : undefined;
  if (code && PRISMA_OUTAGE.has(code)) return true;
  if (typeof x.kind === "string" && ADAPTER_OUTAGE_KINDS.has(x.kind)) return true;
  for (const c of [code, original]) {
    if (!c) continue;
    if (SQLITE_OUTAGE.test(c) || NODE_OUTAGE.has(c)) return true;
    if (/^[0-9A-Z]{5}$/.test(c) && PG_OUTAGE.test(c)) return true;
  }
  // A FATAL from PostgreSQL ends the connection itself.
  if (x.severity === "FATAL") return true;
  if (typeof x.message === "string" && OUTAGE_MESSAGES.test(x.message)) return true;
  return isDatabaseUnavailable(x.meta?.driverAdapterError, depth + 1) || isDatabaseUnavailable(x.cause, depth + 1);
}

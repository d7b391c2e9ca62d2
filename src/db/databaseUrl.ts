// DATABASE_URL decides the provider: `file:` is SQLite, `postgres(ql)://` is PostgreSQL.
import path from "node:path";
import { fileURLToPath } from "node:url";

export type Provider = "sqlite" | "postgresql";

export function providerOf(databaseUrl: string): Provider {
  if (databaseUrl.startsWith("file:")) return "sqlite";
  if (/^postgres(ql)?:\/\//.test(databaseUrl)) return "postgresql";
  throw new Error(`Unsupported DATABASE_URL "${redact(databaseUrl)}": expected file:<path> or postgres(ql)://…`);
}

/**
 * The SQLite file a `file:` URL names, absolute (relative paths are taken from
 * the working directory, as better-sqlite3 does), without Prisma-style `?params`.
 */
export function sqliteFilePath(databaseUrl: string): string {
  if (databaseUrl.startsWith("file://")) return fileURLToPath(databaseUrl.split("?")[0]!);
  const file = databaseUrl.slice("file:".length).split("?")[0]!;
  if (file === "" ) throw new Error("DATABASE_URL file: needs a path");
  return file === ":memory:" ? file : path.resolve(file);
}

/** A URL safe for logs and error messages: the password is masked. */
export function redact(databaseUrl: string): string {
  return databaseUrl.replace(/\/\/([^:/@]+):[^@]*@/, "//$1:***@");
}

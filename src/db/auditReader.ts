// Reading the whole audit log for `frontstage audit verify` on a driver
// connection of its own: through Prisma's $queryRaw a million rows of nine
// columns cost ~18 s of row mapping on the 2-core test machine; read as plain
// arrays from better-sqlite3 or pg they cost a fraction of that. Same SQL as
// the repository's page(), keyset-paged by id.
import type { AuditRow } from "../domain/audit/chain.js";
import { sqliteFilePath, type Provider } from "./databaseUrl.js";

export interface AuditPages {
  page(afterId: number, limit: number): Promise<AuditRow[]>;
  close(): Promise<void>;
}

const SQL = `SELECT "id", "at", "actor", "role", "action", "target", "inputSha256", "prevHash", "hash" FROM "AuditEntry" WHERE "id" > $1 ORDER BY "id" LIMIT $2`;

type Cells = [number | bigint, string | Date, number | bigint | string, string, string, string, string, string, string];

const toRow = (c: Cells): AuditRow => ({ id: Number(c[0]), at: c[1] instanceof Date ? c[1] : new Date(c[1]), actor: BigInt(c[2]), role: c[3], action: c[4], target: c[5], inputSha256: c[6], prevHash: c[7], hash: c[8] });

export async function openAuditPages(provider: Provider, databaseUrl: string): Promise<AuditPages> {
  if (provider === "sqlite") {
    const { default: Sqlite } = await import("better-sqlite3");
    const db = new Sqlite(sqliteFilePath(databaseUrl), { readonly: true, timeout: 5_000 });
    const stmt = db.prepare(SQL.replace("$1", "?").replace("$2", "?")).raw(true);
    return {
      page: async (afterId, limit) => (stmt.all(afterId, limit) as Cells[]).map(toRow),
      close: async () => void db.close(),
    };
  }
  const { default: pg } = await import("pg");
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  return {
    page: async (afterId, limit) => (await client.query<Cells>({ text: SQL, values: [afterId, limit], rowMode: "array" })).rows.map(toRow),
    close: () => client.end(),
  };
}

// The sender's lookup, made for every private message and every button press,
// on a driver connection of its own with the statement prepared once (as the
// vote path's writes, src/db/driverPath.ts): through Prisma's findUnique with
// its unit the lookup was the costliest query of a press (the Prisma client,
// its SQLite adapter preparing the statement anew each time). SQLite only;
// the row has the shape Prisma returns, so the repository maps it the same way.
// It returns undefined when it cannot run now (the repository then asks Prisma).
import type Database from "better-sqlite3";
import { sqliteFilePath } from "./databaseUrl.js";
import type { ResidentRow } from "./repositories/residents.js";

export interface ResidentReader {
  /** The stored person with their unit; null if none; undefined if it cannot run now (use Prisma). */
  find(id: bigint): ResidentRow | null | undefined;
  close(): void;
}

const SQL = `SELECT u."id", u."language", u."consentAt", u."status", u."step", u."revision", u."draftBuilding", u."draftCode", u."unitId",
  u."relation", u."areaCenti", u."verifiedAt", u."verifiedBy", u."remindersMuted", u."unreachableAt", u."createdAt",
  n."id", n."building", n."number", n."areaCenti", n."codeClaimedById"
  FROM "User" u LEFT JOIN "Unit" n ON n."id" = u."unitId" WHERE u."id" = ?`;

type Cell = string | bigint | null;

/** A DateTime as the SQLite adapter writes it (ISO 8601 text), or SQLite's own CURRENT_TIMESTAMP text (UTC), or epoch ms. */
function time(v: Cell): Date | null {
  if (v === null) return null;
  if (typeof v === "bigint") return new Date(Number(v));
  return new Date(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}(:\d{2}(\.\d+)?)?$/.test(v) ? `${v.replace(" ", "T")}Z` : v);
}
const int = (v: Cell): number | null => (v === null ? null : Number(v));
const big = (v: Cell): bigint | null => (v === null ? null : BigInt(v));

export function openResidentReader(databaseUrl: string, Sqlite: typeof Database): ResidentReader {
  const db = new Sqlite(sqliteFilePath(databaseUrl), { readonly: true, timeout: 0 });
  // 64-bit ids arrive as bigints, exactly; the small integers are made numbers below.
  const stmt = db.prepare(SQL).raw(true).safeIntegers(true);
  return {
    find(id) {
      let c: Cell[] | undefined;
      try {
        c = stmt.get(id) as Cell[] | undefined;
      } catch {
        return undefined;
      }
      if (!c) return null;
      const consentAt = time(c[2]!);
      const createdAt = time(c[15]!);
      if (!consentAt || !createdAt || Number.isNaN(consentAt.getTime()) || Number.isNaN(createdAt.getTime())) return undefined;
      return {
        id: BigInt(c[0]!),
        language: String(c[1]),
        consentAt,
        status: String(c[3]),
        step: c[4] === null ? null : String(c[4]),
        revision: Number(c[5]),
        draftBuilding: c[6] === null ? null : String(c[6]),
        draftCode: c[7] === null ? null : String(c[7]),
        unitId: int(c[8]!),
        relation: c[9] === null ? null : String(c[9]),
        areaCenti: int(c[10]!),
        verifiedAt: time(c[11]!),
        verifiedBy: big(c[12]!),
        remindersMuted: c[13] !== null && Number(c[13]) !== 0,
        unreachableAt: time(c[14]!),
        createdAt,
        unit: c[16] === null ? null : { id: Number(c[16]), building: String(c[17]), number: String(c[18]), areaCenti: int(c[19]!), codeClaimedById: big(c[20]!) },
      };
    },
    close: () => void db.close(),
  };
}

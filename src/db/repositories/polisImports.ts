// Storing an imported Pol.is export: the consultation, its statements, its votes
// and the import record, in one transaction (a failure leaves nothing behind).
// Votes go in as multi-row INSERTs of literal values (numbers, our own hex keys and
// ISO times: nothing from the export's text), which is what makes two million of
// them fit in seconds; everything else goes through Prisma.

import type { Provider } from "../databaseUrl.js";
import { isUniqueViolation } from "./errors.js";
import type { Prisma } from "./prismaTypes.js";
import type { NewPolisImport, PolisImportOutcome, PolisImportRecord, PolisImportStore } from "../../app/statements/ports.js";

export type { PolisImportRecord, NewPolisImport, PolisImportOutcome } from "../../app/statements/ports.js";

const ROWS_PER_INSERT = 5_000;
/** SQLite page cache for the import's connection (KiB): the indexes of millions of votes stay in memory. */
const SQLITE_IMPORT_CACHE_KIB = 65_536;
const KEY = /^[a-z0-9-]{1,64}$/;

/** Vote indices sorted by participant, then statement (two stable counting sorts). */
function byParticipantThenStatement(statement: Int32Array, participant: Int32Array, statements: number, participants: number): Int32Array {
  const n = statement.length;
  const byStatement = new Int32Array(n);
  const sStart = new Int32Array(statements + 1);
  for (let i = 0; i < n; i++) sStart[statement[i]! + 1]!++;
  for (let s = 0; s < statements; s++) sStart[s + 1]! += sStart[s]!;
  for (let i = 0; i < n; i++) byStatement[sStart[statement[i]!]!++] = i;
  const pStart = new Int32Array(participants + 1);
  for (let i = 0; i < n; i++) pStart[participant[i]! + 1]!++;
  for (let p = 0; p < participants; p++) pStart[p + 1]! += pStart[p]!;
  const out = new Int32Array(n);
  for (let k = 0; k < n; k++) {
    const i = byStatement[k]!;
    out[pStart[participant[i]!]!++] = i;
  }
  return out;
}

/** The SQL of the vote table's secondary indexes, exactly as the migrations create them. */
const SQLITE_VOTE_INDEXES = [
  'CREATE INDEX "StatementVote_voterId_idx" ON "StatementVote"("voterId")',
  'CREATE INDEX "StatementVote_participant_statementId_vote_idx" ON "StatementVote"("participant", "statementId", "vote")',
];

export class PrismaPolisImportStore implements PolisImportStore {
  constructor(
    private readonly db: Prisma,
    private readonly provider: Provider = "sqlite",
    /** From this many votes on, SQLite imports through a driver connection of its own (see createOnSqliteDriver). */
    private readonly sqliteDriverFrom = 50_000,
  ) {}

  /** The import of this export whose consultation still exists, if any. */
  async findByExport(exportSha256: string): Promise<PolisImportRecord | null> {
    const row = await this.db.polisImport.findUnique({ where: { exportSha256 } });
    if (row === null) return null;
    const exists = await this.db.consultation.findUnique({ where: { id: row.consultationId }, select: { id: true } });
    return exists === null ? null : { consultationId: row.consultationId, importedAt: row.importedAt };
  }

  async create(input: NewPolisImport): Promise<PolisImportOutcome> {
    const { plan, participantKeys } = input;
    for (const key of participantKeys) if (!KEY.test(key)) throw new Error(`participant key ${JSON.stringify(key)} is not a plain key`);
    if (this.provider === "sqlite" && plan.votes.length >= this.sqliteDriverFrom) {
      const rows = await this.db.$queryRawUnsafe<{ name: string; file: string }[]>("PRAGMA database_list");
      const file = rows.find((r) => r.name === "main")?.file;
      if (file) return createOnSqliteDriver(file, input);
    }
    // Times as each provider's column stores them (SQLite: Prisma's ISO text), the last one remembered.
    let lastMs = NaN;
    let lastText = "";
    const time = (ms: number) => {
      if (ms !== lastMs) {
        lastText = isoTime(ms, this.provider === "sqlite" ? "+00:00" : "Z");
        lastMs = ms;
      }
      return lastText;
    };
    try {
      return await this.db.$transaction(
        async (tx) => {
          // An import whose consultation was deleted may be imported again.
          const stale = await tx.polisImport.findUnique({ where: { exportSha256: input.exportSha256 } });
          if (stale !== null) {
            const exists = await tx.consultation.findUnique({ where: { id: stale.consultationId }, select: { id: true } });
            if (exists !== null) return { kind: "duplicate" as const, existing: { consultationId: stale.consultationId, importedAt: stale.importedAt } };
            await tx.polisImport.delete({ where: { id: stale.id } });
          }
          const consultation = await tx.consultation.create({
            data: {
              titleZh: plan.titleZh,
              titleEn: plan.titleEn,
              descriptionZh: plan.descriptionZh,
              descriptionEn: plan.descriptionEn,
              status: "closed",
              opensAt: plan.opensAt,
              openedAt: plan.opensAt,
              closesAt: plan.closesAt,
              closedAt: plan.closesAt,
              residentStatements: true,
              moderated: true,
              createdAt: input.at,
            },
          });
          const rows = await tx.statement.createManyAndReturn({
            data: plan.statements.map((s) => ({
              consultationId: consultation.id,
              seed: s.seed,
              textZh: s.status === "approved" && s.language === "zh" ? s.text : null,
              textEn: s.status === "approved" && s.language === "en" ? s.text : null,
              originalLanguage: s.language,
              normalized: s.normalized,
              status: s.status,
              moderatedAt: s.status === "rejected" ? plan.closesAt : null,
              createdAt: s.createdAt,
            })),
            select: { id: true, normalized: true },
          });
          const idOf = new Map(rows.map((r) => [r.normalized, r.id]));
          const statementId = Int32Array.from(plan.statements, (s) => idOf.get(s.normalized)!);
          const v = plan.votes;
          // Participant by participant (keys sort as the participant index does), each
          // participant's statements in order: the participant index then grows at its
          // end, and the primary key (statement, participant) at one end per statement:
          // 1.6× less work for SQLite than in primary-key order, far less than at random.
          const order = byParticipantThenStatement(v.statement, v.participant, plan.statements.length, plan.participantCount);
          if (this.provider === "sqlite") await tx.$queryRawUnsafe(`PRAGMA cache_size = -${SQLITE_IMPORT_CACHE_KIB}`);
          for (let from = 0; from < v.length; from += ROWS_PER_INSERT) {
            const to = Math.min(v.length, from + ROWS_PER_INSERT);
            const values: string[] = new Array(to - from);
            for (let k = from; k < to; k++) {
              const i = order[k]!;
              values[k - from] = `(${statementId[v.statement[i]!]},'${participantKeys[v.participant[i]!]}',NULL,${v.vote[i]},'${time(v.votedAtMs[i]!)}')`;
            }
            await tx.$executeRawUnsafe(`INSERT INTO "StatementVote" ("statementId","participant","voterId","vote","votedAt") VALUES ${values.join(",")}`);
          }
          if (this.provider === "sqlite") await tx.$queryRawUnsafe("PRAGMA cache_size = -2000"); // SQLite's default again
          await tx.polisImport.create({
            data: {
              exportSha256: input.exportSha256,
              consultationId: consultation.id,
              source: input.source,
              statements: plan.statements.length,
              participants: plan.participantCount,
              votes: v.length,
              importedAt: input.at,
            },
          });
          return { kind: "imported" as const, consultationId: consultation.id };
        },
        { timeout: 600_000, maxWait: 10_000 },
      );
    } catch (e) {
      // Someone imported the same export at the same moment.
      if (isUniqueViolation(e)) {
        const existing = await this.findByExport(input.exportSha256);
        if (existing !== null) return { kind: "duplicate", existing };
      }
      throw e;
    }
  }
}

const sqliteTime = (ms: number) => isoTime(ms, "+00:00");

const TWO = Array.from({ length: 100 }, (_, i) => String(i).padStart(2, "0"));
const THREE = Array.from({ length: 1000 }, (_, i) => String(i).padStart(3, "0"));
const dayPrefix = new Map<number, string>();

/**
 * new Date(ms).toISOString() with `zone` for its "Z" (SQLite's column holds Prisma's
 * "+00:00" form), several times faster: two million votes have two million times.
 */
export function isoTime(ms: number, zone: "Z" | "+00:00"): string {
  const day = Math.floor(ms / 86_400_000);
  let prefix = dayPrefix.get(day);
  if (prefix === undefined) {
    prefix = new Date(day * 86_400_000).toISOString().slice(0, 11);
    if (dayPrefix.size > 100_000) dayPrefix.clear();
    dayPrefix.set(day, prefix);
  }
  let rest = Math.floor(ms - day * 86_400_000);
  const h = Math.floor(rest / 3_600_000);
  rest -= h * 3_600_000;
  const m = Math.floor(rest / 60_000);
  rest -= m * 60_000;
  const sec = Math.floor(rest / 1000);
  return `${prefix}${TWO[h]}:${TWO[m]}:${TWO[sec]}.${THREE[rest - sec * 1000]}${zone}`;
}

/**
 * The same import on a better-sqlite3 connection of its own, for big exports: one
 * transaction, statements prepared once, and two things Prisma cannot do. Foreign
 * keys are off for this connection (a pragma that only works outside a
 * transaction): every vote's statement is inserted just before, in the same
 * transaction, so there is nothing to check, and checking costs a third of the
 * time. When the import brings at least as many votes as the table holds, the
 * vote table's two secondary indexes are dropped and built again after the rows
 * are in (inside the transaction, so other connections never see them missing):
 * building an index from sorted rows is several times cheaper than growing it row
 * by row. Measured on the 2-core machine, 2 M votes: 6 s of CPU instead of 11.
 */
async function createOnSqliteDriver(file: string, input: NewPolisImport): Promise<PolisImportOutcome> {
  const { default: Sqlite } = await import("better-sqlite3");
  const db = new Sqlite(file, { timeout: 5_000 });
  try {
    db.pragma("journal_mode = WAL");
    db.pragma("synchronous = NORMAL");
    db.pragma("foreign_keys = OFF");
    db.pragma(`cache_size = -${SQLITE_IMPORT_CACHE_KIB}`);
    const { plan, participantKeys } = input;
    const at = sqliteTime(input.at.getTime());
    const run = db.transaction((): PolisImportOutcome => {
      const stale = db.prepare('SELECT "id", "consultationId", "importedAt" FROM "PolisImport" WHERE "exportSha256" = ?').get(input.exportSha256) as
        | { id: number; consultationId: number; importedAt: string }
        | undefined;
      if (stale !== undefined) {
        const exists = db.prepare('SELECT 1 FROM "Consultation" WHERE "id" = ?').get(stale.consultationId);
        if (exists !== undefined) return { kind: "duplicate", existing: { consultationId: stale.consultationId, importedAt: new Date(stale.importedAt) } };
        db.prepare('DELETE FROM "PolisImport" WHERE "id" = ?').run(stale.id);
      }
      const consultationId = Number(
        db
          .prepare(
            `INSERT INTO "Consultation" ("titleZh","titleEn","descriptionZh","descriptionEn","status","opensAt","openedAt","closesAt","closedAt","residentStatements","moderated","createdAt","updatedAt")
             VALUES (?,?,?,?,'closed',?,?,?,?,1,1,?,?)`,
          )
          .run(plan.titleZh, plan.titleEn, plan.descriptionZh, plan.descriptionEn, sqliteTime(plan.opensAt.getTime()), sqliteTime(plan.opensAt.getTime()), sqliteTime(plan.closesAt.getTime()), sqliteTime(plan.closesAt.getTime()), at, at)
          .lastInsertRowid,
      );
      const insertStatement = db.prepare(
        `INSERT INTO "Statement" ("consultationId","seed","textZh","textEn","originalLanguage","normalized","status","moderatedAt","createdAt") VALUES (?,?,?,?,?,?,?,?,?)`,
      );
      const statementId = new Int32Array(plan.statements.length);
      plan.statements.forEach((s, i) => {
        statementId[i] = Number(
          insertStatement.run(
            consultationId,
            s.seed ? 1 : 0,
            s.status === "approved" && s.language === "zh" ? s.text : null,
            s.status === "approved" && s.language === "en" ? s.text : null,
            s.language,
            s.normalized,
            s.status,
            s.status === "rejected" ? sqliteTime(plan.closesAt.getTime()) : null,
            sqliteTime(s.createdAt.getTime()),
          ).lastInsertRowid,
        );
      });
      const v = plan.votes;
      const existingVotes = Number((db.prepare('SELECT COALESCE(MAX(rowid), 0) AS n FROM "StatementVote"').get() as { n: number | bigint }).n);
      const rebuild = v.length >= existingVotes;
      if (rebuild) for (const name of ["StatementVote_voterId_idx", "StatementVote_participant_statementId_vote_idx"]) db.exec(`DROP INDEX IF EXISTS "${name}"`);
      const insertVote = db.prepare('INSERT INTO "StatementVote" ("statementId","participant","voterId","vote","votedAt") VALUES (?,?,NULL,?,?)');
      const order = byParticipantThenStatement(v.statement, v.participant, plan.statements.length, plan.participantCount);
      let lastMs = NaN;
      let lastText = "";
      for (let k = 0; k < v.length; k++) {
        const i = order[k]!;
        const ms = v.votedAtMs[i]!;
        if (ms !== lastMs) (lastText = sqliteTime(ms)), (lastMs = ms);
        insertVote.run(statementId[v.statement[i]!]!, participantKeys[v.participant[i]!]!, v.vote[i]!, lastText);
      }
      if (rebuild) for (const sql of SQLITE_VOTE_INDEXES) db.exec(sql);
      db.prepare(
        `INSERT INTO "PolisImport" ("exportSha256","consultationId","source","statements","participants","votes","importedAt") VALUES (?,?,?,?,?,?,?)`,
      ).run(input.exportSha256, consultationId, input.source, plan.statements.length, plan.participantCount, v.length, at);
      return { kind: "imported", consultationId };
    });
    return run.immediate();
  } finally {
    db.close();
  }
}

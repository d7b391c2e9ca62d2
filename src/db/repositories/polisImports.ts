// Storing an imported Pol.is export: the consultation, its statements, its votes
// and the import record, in one transaction (a failure leaves nothing behind).
// Votes go in as multi-row INSERTs of literal values (numbers, our own hex keys and
// ISO times: nothing from the export's text), which is what makes two million of
// them fit in seconds; everything else goes through Prisma.

import type { Provider } from "../databaseUrl.js";
import type { PolisImportPlan } from "../../domain/polis/importPlan.js";
import { isUniqueViolation } from "./errors.js";
import type { Prisma } from "./prismaTypes.js";

export interface PolisImportRecord {
  readonly consultationId: number;
  readonly importedAt: Date;
}

export interface NewPolisImport {
  readonly plan: PolisImportPlan;
  /** One key per plan participant (index → key). */
  readonly participantKeys: readonly string[];
  readonly exportSha256: string;
  readonly source: string;
  readonly at: Date;
}

export type PolisImportOutcome = { readonly kind: "imported"; readonly consultationId: number } | { readonly kind: "duplicate"; readonly existing: PolisImportRecord };

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

export class PrismaPolisImportStore {
  constructor(
    private readonly db: Prisma,
    private readonly provider: Provider = "sqlite",
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
    // Times as each provider's column stores them (SQLite: Prisma's ISO text), the last one remembered.
    let lastMs = NaN;
    let lastText = "";
    const time = (ms: number) => {
      if (ms !== lastMs) {
        const iso = new Date(ms).toISOString();
        lastText = this.provider === "sqlite" ? iso.replace("Z", "+00:00") : iso;
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

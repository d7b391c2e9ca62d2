import type { NewReport, ReportHeader, ReportKind, ReportSourceStore, ReportStore, StoredReport } from "../../app/reports/ports.js";
import { isLanguage, type Language } from "../../domain/language.js";
import type { ParticipationMember } from "../../domain/reports/index.js";
import { empty, join, raw, sqltag as sql } from "@prisma/client/runtime/client";
import { canonicalRanks, type VoteColumns } from "../../domain/consensus/voteColumns.js";
import type { Provider } from "../databaseUrl.js";
import { isUniqueViolation } from "./errors.js";
import type { Prisma } from "./prismaTypes.js";

type Row = {
  id: number;
  consultationId: number;
  version: number;
  kind: string;
  createdAt: Date;
  submittedBy: bigint;
  engineVersion: string;
  sha256: string;
  titleZh: string | null;
  titleEn: string | null;
  eligible: number | null;
  tookPart: number | null;
};

const header = { id: true, consultationId: true, version: true, kind: true, createdAt: true, submittedBy: true, engineVersion: true, sha256: true, titleZh: true, titleEn: true, eligible: true, tookPart: true } as const;

function toHeader(r: Row): ReportHeader {
  return {
    id: r.id,
    consultationId: r.consultationId,
    version: r.version,
    kind: (r.kind === "interim" ? "interim" : "final") as ReportKind,
    createdAt: r.createdAt,
    submittedBy: r.submittedBy,
    engineVersion: r.engineVersion,
    sha256: r.sha256,
    title: { ...(r.titleZh ? { zh: r.titleZh } : {}), ...(r.titleEn ? { en: r.titleEn } : {}) },
    eligible: r.eligible,
    tookPart: r.tookPart,
  };
}

export class PrismaReportStore implements ReportStore {
  constructor(private readonly db: Prisma) {}

  async create(r: NewReport): Promise<ReportHeader | null> {
    try {
      const row = await this.db.reportSnapshot.create({
        data: {
          consultationId: r.consultationId,
          version: r.version,
          kind: r.kind,
          createdAt: r.createdAt,
          submittedBy: r.submittedBy,
          engineVersion: r.engineVersion,
          parameters: r.parameters,
          content: r.content,
          sha256: r.sha256,
          titleZh: r.title.zh ?? null,
          titleEn: r.title.en ?? null,
          eligible: r.eligible,
          tookPart: r.tookPart,
        },
        select: header,
      });
      return toHeader(row);
    } catch (e) {
      if (isUniqueViolation(e)) return null;
      throw e;
    }
  }

  async latestVersion(consultationId: number): Promise<number> {
    const row = await this.db.reportSnapshot.findFirst({ where: { consultationId }, orderBy: { version: "desc" }, select: { version: true } });
    return row?.version ?? 0;
  }

  async find(consultationId: number, version?: number): Promise<StoredReport | null> {
    const row = await this.db.reportSnapshot.findFirst({ where: { consultationId, ...(version === undefined ? {} : { version }) }, orderBy: { version: "desc" } });
    return row && { ...toHeader(row), parameters: row.parameters, content: row.content };
  }

  async versions(consultationId: number): Promise<ReportHeader[]> {
    return (await this.db.reportSnapshot.findMany({ where: { consultationId }, orderBy: { version: "desc" }, select: header })).map(toHeader);
  }

  async list(offset: number, limit: number): Promise<{ reports: ReportHeader[]; total: number }> {
    const [rows, total] = await Promise.all([
      this.db.reportSnapshot.findMany({ orderBy: [{ createdAt: "desc" }, { id: "desc" }], skip: offset, take: limit, select: header }),
      this.db.reportSnapshot.count(),
    ]);
    return { reports: rows.map(toHeader), total };
  }

  async all(): Promise<ReportHeader[]> {
    return (await this.db.reportSnapshot.findMany({ orderBy: [{ createdAt: "asc" }, { id: "asc" }], select: header })).map(toHeader);
  }

  async markSubmitted(consultationId: number): Promise<boolean> {
    const r = await this.db.consultation.updateMany({ where: { id: consultationId, status: "closed" }, data: { status: "submitted" } });
    return r.count === 1;
  }

  async markRead(snapshotId: number, userId: bigint, at: Date): Promise<void> {
    try {
      await this.db.reportRead.create({ data: { snapshotId, userId, readAt: at } });
    } catch (e) {
      if (!isUniqueViolation(e)) throw e; // read before: the first time is what counts
    }
  }

  async readBy(userId: bigint, snapshotIds: readonly number[]): Promise<Set<number>> {
    if (snapshotIds.length === 0) return new Set();
    const rows = await this.db.reportRead.findMany({ where: { userId, snapshotId: { in: [...snapshotIds] } }, select: { snapshotId: true } });
    return new Set(rows.map((r) => r.snapshotId));
  }
}

const lang = (v: string): Language => (isLanguage(v) ? v : "en");

/** A vote as 2 agree, 0 disagree, 1 anything else (a pass, as it always counted): statement · 4 + this, one number. */
const PACKED_VOTE_SQLITE = raw(`CASE "vote" WHEN 1 THEN 2 WHEN -1 THEN 0 ELSE 1 END`);
const PACKED_VOTE_PG = raw(`CASE v."vote" WHEN 1 THEN 2 WHEN -1 THEN 0 ELSE 1 END`);

export class PrismaReportSourceStore implements ReportSourceStore {
  constructor(
    private readonly db: Prisma,
    private readonly provider: Provider,
  ) {}

  /**
   * Every vote of the consultation as the engine's columns: one string per participant
   * from the database, each vote packed into one number (statement · 4 + 0 disagree,
   * 1 pass, 2 agree), parsed digit by digit into typed arrays (no object, no substring
   * per vote: two million votes take 10 MB instead of hundreds), participants numbered
   * in their ids' canonical order.
   *
   * On SQLite the rows come from the covering index on (participant, statementId, vote)
   * in its order: no sort and no table lookup (the table scan with GROUP BY's temporary
   * B-tree cost 2.5 s of CPU for two million votes, this 0.6 s). The statement filter
   * is a range on the ids (the "+" keeps SQLite from reaching for the primary key,
   * which would fetch every row at random; an IN list cost another 0.5 s there),
   * made exact here: a vote on another consultation's statement inside the range is dropped.
   */
  async engineVotes(consultationId: number): Promise<VoteColumns> {
    const ids = (await this.db.statement.findMany({ where: { consultationId }, select: { id: true } })).map((s) => s.id);
    if (ids.length === 0) return { length: 0, participantId: new Int32Array(0), statementId: new Int32Array(0), vote: new Int8Array(0) };
    let lo = ids[0]!;
    let hi = lo;
    for (const id of ids) (lo = Math.min(lo, id)), (hi = Math.max(hi, id));
    const mine = new Uint8Array(hi - lo + 1);
    for (const id of ids) mine[id - lo] = 1;
    const rows =
      this.provider === "postgresql"
        ? await this.db.$queryRaw<{ p: string; v: string }[]>`
            SELECT v."participant" AS p, string_agg((v."statementId" * 4 + ${PACKED_VOTE_PG})::text, ',') AS v
            FROM "StatementVote" v JOIN "Statement" s ON s."id" = v."statementId"
            WHERE s."consultationId" = ${consultationId} GROUP BY v."participant"`
        : await this.db.$queryRaw<{ p: string; v: string }[]>`
            SELECT "participant" AS p, group_concat("statementId" * 4 + ${PACKED_VOTE_SQLITE}) AS v
            FROM "StatementVote"
            WHERE +"statementId" BETWEEN ${lo} AND ${hi} GROUP BY "participant"`;
    // Sized once: a row of n votes has n − 1 commas. Growing columns by doubling (and trimming
    // them at the end) allocated three times the columns' 18 MB for two million votes, garbage
    // that stayed in the worker's RSS until the report was built.
    let total = 0;
    for (const row of rows) {
      const v = row.v;
      if (v.length === 0) continue;
      total++;
      for (let i = v.indexOf(","); i !== -1; i = v.indexOf(",", i + 1)) total++;
    }
    // Participants are numbered by row first, then by canonical rank among those with a vote kept.
    const participantId = new Int32Array(total);
    const statementId = new Int32Array(total);
    const vote = new Int8Array(total);
    let length = 0;
    const kept: string[] = [];
    for (let r = 0; r < rows.length; r++) {
      const v = rows[r]!.v;
      const n = v.length;
      let row = -1;
      let i = 0;
      while (i < n) {
        let packed = 0;
        let ch = v.charCodeAt(i);
        while (ch >= 48 && ch <= 57) {
          packed = packed * 10 + (ch - 48);
          ch = v.charCodeAt(++i);
        }
        i++; // the comma (or the end)
        const statement = Math.floor(packed / 4);
        const code = packed - statement * 4;
        if (statement < lo || statement > hi || mine[statement - lo] === 0) continue;
        if (row === -1) row = kept.push(rows[r]!.p) - 1;
        participantId[length] = row;
        statementId[length] = statement;
        vote[length++] = code === 2 ? 1 : code === 0 ? -1 : 0;
      }
      rows[r]!.v = ""; // let the long string go as soon as it is read
    }
    const rank = canonicalRanks(kept);
    const rankOf = Int32Array.from(kept, (p) => rank.get(p)!);
    for (let k = 0; k < length; k++) participantId[k] = rankOf[participantId[k]!]!;
    // Votes on another consultation's statements inside the id range were skipped: trim (rare).
    if (length === total) return { length, participantId, statementId, vote };
    return { length, participantId: participantId.slice(0, length), statementId: statementId.slice(0, length), vote: vote.slice(0, length) };
  }

  async participation(consultationId: number, buildings: readonly string[] | null): Promise<ParticipationMember[]> {
    const inBuildings = buildings ? sql` AND n."building" IN (${join([...buildings])})` : empty;
    // EXISTS, not COUNT: whether someone took part stops at their first ballot or vote
    // (counting a resident's 200 statement votes, 10,000 times over, took seconds on SQLite).
    const rows = await this.db.$queryRaw<{ building: string; relation: string | null; language: string; tookPart: number | bigint | boolean }[]>`
      SELECT n."building", u."relation", u."language",
        (EXISTS (SELECT 1 FROM "Ballot" b JOIN "Poll" p ON p."id" = b."pollId" WHERE p."consultationId" = ${consultationId} AND b."voterId" = u."id")
          OR EXISTS (SELECT 1 FROM "StatementVote" v JOIN "Statement" s ON s."id" = v."statementId" WHERE s."consultationId" = ${consultationId} AND v."voterId" = u."id")) AS "tookPart"
      FROM "User" u JOIN "Unit" n ON n."id" = u."unitId"
      WHERE u."status" = 'verified'${inBuildings}`;
    return rows.map((r) => ({ building: r.building, relation: r.relation, language: r.language, tookPart: Number(r.tookPart) > 0 }));
  }

  async unitNumbers(): Promise<string[]> {
    return (await this.db.unit.findMany({ distinct: ["number"], select: { number: true } })).map((u) => u.number);
  }

  async officials(): Promise<{ id: bigint; language: Language | null }[]> {
    const grants = await this.db.roleGrant.findMany({ where: { role: "official" }, select: { userId: true }, orderBy: { userId: "asc" } });
    const users = await this.db.user.findMany({ where: { id: { in: grants.map((g) => g.userId) } }, select: { id: true, language: true } });
    const languages = new Map(users.map((u) => [u.id, lang(u.language)] as const));
    return grants.map((g) => ({ id: g.userId, language: languages.get(g.userId) ?? null }));
  }

  async statusCounts(): Promise<Record<string, number>> {
    const rows = await this.db.consultation.groupBy({ by: ["status"], _count: { _all: true } });
    return Object.fromEntries(rows.map((r) => [r.status, r._count._all]));
  }
}

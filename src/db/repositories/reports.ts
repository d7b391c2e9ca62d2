import type { NewReport, ReportHeader, ReportKind, ReportSourceStore, ReportStore, StoredReport } from "../../app/reports/ports.js";
import { isLanguage, type Language } from "../../domain/language.js";
import type { ParticipationMember } from "../../domain/reports/index.js";
import { empty, join, sqltag as sql } from "@prisma/client/runtime/client";
import { canonicalRanks, VoteColumnsBuilder, type VoteColumns } from "../../domain/consensus/voteColumns.js";
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

export class PrismaReportSourceStore implements ReportSourceStore {
  constructor(
    private readonly db: Prisma,
    private readonly provider: Provider,
  ) {}

  /**
   * Every vote of the consultation as the engine's columns: one string per participant
   * from the database, parsed digit by digit into typed arrays (no object, no substring
   * per vote: two million votes take 10 MB instead of hundreds), participants numbered
   * in their ids' canonical order.
   */
  async engineVotes(consultationId: number): Promise<VoteColumns> {
    const rows =
      this.provider === "postgresql"
        ? await this.db.$queryRaw<{ p: string; v: string }[]>`
            SELECT v."participant" AS p, string_agg(v."statementId"::text || ':' || v."vote"::text, ',') AS v
            FROM "StatementVote" v JOIN "Statement" s ON s."id" = v."statementId"
            WHERE s."consultationId" = ${consultationId} GROUP BY v."participant"`
        : await this.db.$queryRaw<{ p: string; v: string }[]>`
            SELECT "participant" AS p, group_concat("statementId" || ':' || "vote", ',') AS v
            FROM "StatementVote" NOT INDEXED
            WHERE "statementId" IN (SELECT "id" FROM "Statement" WHERE "consultationId" = ${consultationId}) GROUP BY "participant"`;
    const rank = canonicalRanks(rows.map((r) => r.p));
    const out = new VoteColumnsBuilder();
    for (const row of rows) {
      const participant = rank.get(row.p)!;
      const v = row.v;
      const n = v.length;
      let i = 0;
      while (i < n) {
        let statement = 0;
        let ch = v.charCodeAt(i);
        while (ch !== 58 /* : */) {
          statement = statement * 10 + (ch - 48);
          ch = v.charCodeAt(++i);
        }
        ch = v.charCodeAt(++i);
        // "1", "-1" or "0" (anything else counts as a pass, as before)
        const vote = ch === 45 /* - */ ? (v.charCodeAt(i + 1) === 49 ? -1 : 0) : ch === 49 ? 1 : 0;
        while (i < n && v.charCodeAt(i) !== 44 /* , */) i++;
        i++;
        out.push(participant, statement, vote);
      }
      row.v = ""; // let the long string go as soon as it is read
    }
    return out.build();
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

import type { ActionChange, ActionObservation, ActionUpdate, FollowUpStore, NewAction, ResidentFollowUp, UpdateKind } from "../../app/actions/followUpPorts.js";
import type { Department } from "../../domain/actions/department.js";
import { isActionStatus, type ActionStatus, type FollowUpAction } from "../../domain/actions/followUp.js";
import { isLanguage, type Language } from "../../domain/language.js";
import { isUniqueViolation } from "./errors.js";
import type { Prisma } from "./prismaTypes.js";

interface Row {
  id: number;
  consultationId: number;
  departmentId: number;
  whatZh: string | null;
  whatEn: string | null;
  due: string;
  status: string;
  progress: number | bigint;
  dropReason: string | null;
  pollIds: string;
  statementIds: string;
  createdBy: bigint | number;
  createdAt: Date | string | number;
  updatedAt: Date | string | number;
  lastNote: string | null;
  doneAt: Date | string | number | null;
  revision: number | bigint;
}

const ids = (json: string): number[] => {
  try {
    const v: unknown = JSON.parse(json);
    return Array.isArray(v) ? v.filter((x): x is number => Number.isInteger(x)) : [];
  } catch {
    return [];
  }
};
/** Raw queries give SQLite's DateTime back as a number (ms) or text; Prisma's own queries as a Date. */
const date = (v: Date | string | number): Date => (v instanceof Date ? v : new Date(typeof v === "string" && /^\d+$/.test(v) ? Number(v) : v));

function toAction(r: Row): FollowUpAction {
  return {
    id: Number(r.id),
    consultationId: Number(r.consultationId),
    departmentId: Number(r.departmentId),
    what: { ...(r.whatZh ? { zh: r.whatZh } : {}), ...(r.whatEn ? { en: r.whatEn } : {}) },
    due: r.due,
    status: isActionStatus(r.status) ? r.status : "planned",
    progress: Number(r.progress),
    dropReason: r.dropReason,
    pollIds: ids(r.pollIds),
    statementIds: ids(r.statementIds),
    createdBy: BigInt(r.createdBy),
    createdAt: date(r.createdAt),
    updatedAt: date(r.updatedAt),
    lastNote: r.lastNote,
    doneAt: r.doneAt === null ? null : date(r.doneAt),
    revision: Number(r.revision),
  };
}

export class PrismaFollowUpStore implements FollowUpStore {
  constructor(private readonly db: Prisma) {}

  async create(a: NewAction): Promise<FollowUpAction> {
    const row = await this.db.followUpAction.create({
      data: {
        consultationId: a.consultationId,
        departmentId: a.departmentId,
        whatZh: a.what.zh ?? null,
        whatEn: a.what.en ?? null,
        due: a.due,
        pollIds: JSON.stringify(a.pollIds),
        statementIds: JSON.stringify(a.statementIds),
        createdBy: a.createdBy,
        createdAt: a.at,
        updatedAt: a.at,
        updates: { create: { at: a.at, actor: a.createdBy, kind: "created", status: "planned", progress: 0 } },
      },
    });
    return toAction(row);
  }

  async find(id: number): Promise<FollowUpAction | null> {
    const row = await this.db.followUpAction.findUnique({ where: { id } });
    return row ? toAction(row) : null;
  }

  async list(consultationId: number | null): Promise<FollowUpAction[]> {
    return (await this.db.followUpAction.findMany({ where: consultationId === null ? {} : { consultationId }, orderBy: { id: "asc" } })).map(toAction);
  }

  async change(id: number, revision: number, c: ActionChange): Promise<FollowUpAction | null> {
    const changed = await this.db.$transaction(async (tx) => {
      const r = await tx.followUpAction.updateMany({
        where: { id, revision },
        data: {
          status: c.status,
          progress: c.progress,
          updatedAt: c.at,
          revision: { increment: 1 },
          ...(c.dropReason !== undefined ? { dropReason: c.dropReason } : {}),
          ...(c.note ? { lastNote: c.note } : {}),
          ...(c.status === "done" ? { doneAt: c.at } : {}),
        },
      });
      if (r.count !== 1) return false;
      await tx.followUpUpdate.create({ data: { actionId: id, at: c.at, actor: c.actor, kind: c.kind, status: c.status, progress: c.progress, note: c.note ?? c.dropReason ?? null } });
      return true;
    });
    return changed ? this.find(id) : null;
  }

  async history(id: number): Promise<ActionUpdate[]> {
    const rows = await this.db.followUpUpdate.findMany({ where: { actionId: id }, orderBy: [{ at: "asc" }, { id: "asc" }] });
    return rows.map((r) => ({ at: r.at, actor: r.actor, kind: r.kind as UpdateKind, status: r.status && isActionStatus(r.status) ? (r.status as ActionStatus) : null, progress: r.progress, note: r.note }));
  }

  async observe(id: number, o: ActionObservation): Promise<void> {
    await this.db.observation.create({ data: { actionId: id, at: o.at, actor: o.actor, text: o.text } });
  }

  async observations(id: number): Promise<ActionObservation[]> {
    return (await this.db.observation.findMany({ where: { actionId: id }, orderBy: [{ at: "asc" }, { id: "asc" }] })).map((r) => ({ at: r.at, actor: r.actor, text: r.text }));
  }

  async observationCounts(actionIds: readonly number[]): Promise<Map<number, number>> {
    if (actionIds.length === 0) return new Map();
    const rows = await this.db.observation.groupBy({ by: ["actionId"], where: { actionId: { in: [...actionIds] } }, _count: { _all: true } });
    return new Map(rows.map((r) => [r.actionId, r._count._all]));
  }

  /** One round trip: the consultations the resident took part in are a subquery. */
  async forResident(userId: bigint): Promise<ResidentFollowUp[]> {
    const rows = await this.db.$queryRaw<(Row & { depZh: string; depEn: string; titleZh: string | null; titleEn: string | null })[]>`
      SELECT a.*, d."nameZh" AS "depZh", d."nameEn" AS "depEn", c."titleZh" AS "titleZh", c."titleEn" AS "titleEn"
      FROM "FollowUpAction" a
      JOIN "Department" d ON d."id" = a."departmentId"
      JOIN "Consultation" c ON c."id" = a."consultationId"
      WHERE a."consultationId" IN (
        SELECT p."consultationId" FROM "Ballot" b JOIN "Poll" p ON p."id" = b."pollId" WHERE b."voterId" = ${userId}
        UNION SELECT s."consultationId" FROM "Statement" s WHERE s."authorId" = ${userId} AND s."seed" = false
        UNION SELECT s."consultationId" FROM "StatementVote" v JOIN "Statement" s ON s."id" = v."statementId" WHERE v."voterId" = ${userId})
      ORDER BY a."consultationId" DESC, a."id" ASC`;
    return rows.map((r) => ({
      action: toAction(r),
      department: { zh: r.depZh, en: r.depEn },
      title: { ...(r.titleZh ? { zh: r.titleZh } : {}), ...(r.titleEn ? { en: r.titleEn } : {}) },
    }));
  }

  async notifiable(consultationId: number): Promise<{ id: bigint; language: Language }[]> {
    const rows = await this.db.$queryRaw<{ id: bigint | number; language: string }[]>`
      SELECT u."id", u."language" FROM "User" u
      WHERE u."unreachableAt" IS NULL AND u."remindersMuted" = false AND (
        u."id" IN (SELECT b."voterId" FROM "Ballot" b JOIN "Poll" p ON p."id" = b."pollId" WHERE p."consultationId" = ${consultationId} AND b."voterId" IS NOT NULL)
        OR u."id" IN (SELECT s."authorId" FROM "Statement" s WHERE s."consultationId" = ${consultationId} AND s."authorId" IS NOT NULL AND s."seed" = false)
        OR u."id" IN (SELECT v."voterId" FROM "StatementVote" v JOIN "Statement" s ON s."id" = v."statementId" WHERE s."consultationId" = ${consultationId} AND v."voterId" IS NOT NULL))
      ORDER BY u."id"`;
    return rows.map((r) => ({ id: BigInt(r.id), language: isLanguage(r.language) ? r.language : "zh" }));
  }

  async answerTimes(): Promise<{ submittedAt: Date; answeredAt: Date }[]> {
    const answers = await this.db.reportAnswer.findMany({ select: { consultationId: true, reportVersion: true, answeredAt: true } });
    if (answers.length === 0) return [];
    const snaps = await this.db.reportSnapshot.findMany({ where: { consultationId: { in: [...new Set(answers.map((a) => a.consultationId))] } }, select: { consultationId: true, version: true, createdAt: true } });
    const at = new Map(snaps.map((s) => [`${s.consultationId}:${s.version}`, s.createdAt]));
    return answers.flatMap((a) => {
      const submittedAt = at.get(`${a.consultationId}:${a.reportVersion}`);
      return submittedAt ? [{ submittedAt, answeredAt: a.answeredAt }] : [];
    });
  }

  async unrelayedAnswers(): Promise<{ consultationId: number; reportVersion: number; answeredAt: Date }[]> {
    return this.db.reportAnswer.findMany({ where: { status: "awaiting" }, select: { consultationId: true, reportVersion: true, answeredAt: true }, orderBy: { id: "asc" } });
  }

  async takeDigest(day: string, at: Date): Promise<boolean> {
    try {
      await this.db.digestRun.create({ data: { day, at } });
      return true;
    } catch (e) {
      if (isUniqueViolation(e)) return false;
      throw e;
    }
  }

  async setDigestRecipients(day: string, count: number): Promise<void> {
    await this.db.digestRun.update({ where: { day }, data: { recipients: count } });
  }

  async departments(): Promise<Department[]> {
    return (await this.db.department.findMany({ orderBy: { id: "asc" } })).map((r) => ({ id: r.id, name: { zh: r.nameZh, en: r.nameEn }, removedAt: r.removedAt }));
  }

  async statements(consultationId: number): Promise<{ id: number; text: { zh?: string; en?: string } }[]> {
    const rows = await this.db.statement.findMany({ where: { consultationId, status: "approved" }, orderBy: { id: "asc" }, select: { id: true, textZh: true, textEn: true } });
    return rows.map((r) => ({ id: r.id, text: { ...(r.textZh ? { zh: r.textZh } : {}), ...(r.textEn ? { en: r.textEn } : {}) } }));
  }

  async digestTaken(day: string): Promise<boolean> {
    return (await this.db.digestRun.count({ where: { day } })) > 0;
  }
}

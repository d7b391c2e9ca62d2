import type { AnswerStore, NewAnswer } from "../../app/answers/ports.js";
import type { Answer, AnswerStatus, AttachmentKind, RelayScope } from "../../domain/answers/answer.js";
import { isLanguage, type Language } from "../../domain/language.js";
import type { Prisma } from "./prismaTypes.js";

interface Row {
  id: number;
  consultationId: number;
  reportVersion: number;
  textZh: string | null;
  textEn: string | null;
  translated: string | null;
  fileId: string | null;
  fileKind: string | null;
  answeredBy: bigint;
  answeredAt: Date;
  status: string;
  returnNote: string | null;
  relayedAt: Date | null;
  relayScope: string | null;
  relayedTo: number | null;
}

function toAnswer(r: Row): Answer {
  return {
    id: r.id,
    consultationId: r.consultationId,
    reportVersion: r.reportVersion,
    text: { ...(r.textZh ? { zh: r.textZh } : {}), ...(r.textEn ? { en: r.textEn } : {}) },
    translated: r.translated && isLanguage(r.translated) ? r.translated : null,
    file: r.fileId ? { id: r.fileId, kind: (r.fileKind ?? "document") as AttachmentKind } : null,
    answeredBy: r.answeredBy,
    answeredAt: r.answeredAt,
    status: r.status as AnswerStatus,
    returnNote: r.returnNote,
    relayedAt: r.relayedAt,
    relayScope: r.relayScope as RelayScope | null,
    relayedTo: r.relayedTo,
  };
}

export class PrismaAnswerStore implements AnswerStore {
  constructor(private readonly db: Prisma) {}

  async create(a: NewAnswer): Promise<Answer> {
    const row = await this.db.reportAnswer.create({
      data: { consultationId: a.consultationId, reportVersion: a.reportVersion, textZh: a.text.zh ?? null, textEn: a.text.en ?? null, fileId: a.file?.id ?? null, fileKind: a.file?.kind ?? null, answeredBy: a.answeredBy, answeredAt: a.answeredAt },
    });
    return toAnswer(row);
  }

  async find(id: number): Promise<Answer | null> {
    const row = await this.db.reportAnswer.findUnique({ where: { id } });
    return row ? toAnswer(row) : null;
  }

  async forConsultation(consultationId: number): Promise<Answer[]> {
    return (await this.db.reportAnswer.findMany({ where: { consultationId }, orderBy: { id: "desc" } })).map(toAnswer);
  }

  async relayedFor(consultationIds: readonly number[]): Promise<Map<number, Answer>> {
    const out = new Map<number, Answer>();
    if (consultationIds.length === 0) return out;
    const rows = await this.db.reportAnswer.findMany({ where: { consultationId: { in: [...consultationIds] }, status: "relayed" }, orderBy: { id: "desc" } });
    for (const r of rows) if (!out.has(r.consultationId)) out.set(r.consultationId, toAnswer(r));
    return out;
  }

  async translate(id: number, lang: Language, text: string): Promise<boolean> {
    const field = lang === "zh" ? "textZh" : "textEn";
    const r = await this.db.reportAnswer.updateMany({ where: { id, status: "awaiting", [field]: null }, data: { [field]: text, translated: lang } });
    return r.count === 1;
  }

  async sendBack(id: number, by: bigint, note: string, at: Date): Promise<boolean> {
    const r = await this.db.reportAnswer.updateMany({ where: { id, status: "awaiting" }, data: { status: "returned", returnNote: note, returnedBy: by, returnedAt: at } });
    return r.count === 1;
  }

  async markRelayed(id: number, by: bigint, scope: RelayScope, at: Date): Promise<boolean> {
    const r = await this.db.reportAnswer.updateMany({ where: { id, status: "awaiting" }, data: { status: "relayed", relayedBy: by, relayedAt: at, relayScope: scope } });
    return r.count === 1;
  }

  async setRelayedTo(id: number, count: number): Promise<void> {
    await this.db.reportAnswer.update({ where: { id }, data: { relayedTo: count } });
  }

  async markConsultationAnswered(consultationId: number): Promise<void> {
    await this.db.consultation.updateMany({ where: { id: consultationId, status: "submitted" }, data: { status: "answered" } });
  }

  /** One query over ballots, statements and statement votes (ten thousand participants: one round trip). */
  async participants(consultationId: number): Promise<{ id: bigint; language: Language }[]> {
    const rows = await this.db.$queryRaw<{ id: bigint | number; language: string }[]>`
      SELECT u."id", u."language" FROM "User" u
      WHERE u."unreachableAt" IS NULL AND (
        u."id" IN (SELECT b."voterId" FROM "Ballot" b JOIN "Poll" p ON p."id" = b."pollId" WHERE p."consultationId" = ${consultationId} AND b."voterId" IS NOT NULL)
        OR u."id" IN (SELECT s."authorId" FROM "Statement" s WHERE s."consultationId" = ${consultationId} AND s."authorId" IS NOT NULL AND s."seed" = false)
        OR u."id" IN (SELECT v."voterId" FROM "StatementVote" v JOIN "Statement" s ON s."id" = v."statementId" WHERE s."consultationId" = ${consultationId} AND v."voterId" IS NOT NULL))
      ORDER BY u."id"`;
    return rows.map((r) => ({ id: BigInt(r.id), language: isLanguage(r.language) ? r.language : "zh" }));
  }
}

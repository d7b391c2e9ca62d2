import type { ConsultationStore } from "../../app/consultations/ports.js";
import { CONSULTATION_STATUSES, toPollDefinition } from "../../domain/consultations/consultation.js";
import type { Consultation, ConsultationStatus, Poll, PollSpec, StoredPollResult } from "../../domain/consultations/consultation.js";
import type { ConsultationDraft } from "../../domain/consultations/spec.js";
import { originalLanguage } from "../../domain/consultations/texts.js";
import { normalizeStatement } from "../../domain/statements/text.js";
import type { LocalizedText } from "../../domain/consultations/texts.js";
import { parseAudience } from "../../domain/consultations/audience.js";
import type { Provider } from "../databaseUrl.js";
import type { Prisma } from "./prismaTypes.js";

const withPolls = { polls: { orderBy: { position: "asc" } } } as const;

type PollRow = { id: number; consultationId: number; position: number; kind: string; definition: string; result: string | null };
type Row = {
  id: number;
  titleZh: string | null;
  titleEn: string | null;
  descriptionZh: string | null;
  descriptionEn: string | null;
  status: string;
  audienceBuildings: string | null;
  opensAt: Date | null;
  closesAt: Date;
  openedAt: Date | null;
  closedAt: Date | null;
  residentStatements: boolean;
  moderated: boolean;
  remindersQueuedAt: Date | null;
  publishedAt: Date | null;
  createdBy: bigint | null;
  createdAt: Date;
  polls: PollRow[];
};

const localized = (zh: string | null, en: string | null): LocalizedText => ({ ...(zh ? { zh } : {}), ...(en ? { en } : {}) });

/** Poll.definition holds the PollSpec with a format version, so a later change can read old rows. */
interface StoredDefinition extends PollSpec {
  readonly v: 1;
}

function toPoll(row: PollRow): Poll {
  const { v: _v, ...spec } = JSON.parse(row.definition) as StoredDefinition;
  return {
    id: row.id,
    consultationId: row.consultationId,
    position: row.position,
    spec,
    definition: toPollDefinition(row.id, spec),
    result: row.result === null ? null : (JSON.parse(row.result) as StoredPollResult),
  };
}

export function toConsultation(row: Row): Consultation {
  const status = (CONSULTATION_STATUSES as readonly string[]).includes(row.status) ? (row.status as ConsultationStatus) : "closed";
  return {
    id: row.id,
    title: localized(row.titleZh, row.titleEn),
    description: row.descriptionZh || row.descriptionEn ? localized(row.descriptionZh, row.descriptionEn) : null,
    status,
    audience: parseAudience(row.audienceBuildings),
    opensAt: row.opensAt,
    closesAt: row.closesAt,
    openedAt: row.openedAt,
    closedAt: row.closedAt,
    residentStatements: row.residentStatements,
    moderated: row.moderated,
    remindersQueuedAt: row.remindersQueuedAt,
    publishedAt: row.publishedAt,
    createdBy: row.createdBy,
    createdAt: row.createdAt,
    polls: row.polls.map(toPoll),
  };
}

export class PrismaConsultationStore implements ConsultationStore {
  constructor(
    private readonly db: Prisma,
    private readonly provider: Provider,
  ) {}

  async create(d: ConsultationDraft, meta: { createdBy: bigint | null; status: "draft" | "open"; openedAt: Date | null; at: Date }): Promise<Consultation> {
    const id = await this.db.$transaction(async (tx) => {
      const c = await tx.consultation.create({
        data: {
          titleZh: d.title.zh ?? null,
          titleEn: d.title.en ?? null,
          descriptionZh: d.description?.zh ?? null,
          descriptionEn: d.description?.en ?? null,
          status: meta.status,
          audienceBuildings: d.audience ? JSON.stringify(d.audience) : null,
          opensAt: d.opensAt,
          closesAt: d.closesAt,
          openedAt: meta.openedAt,
          residentStatements: d.residentStatements,
          moderated: d.moderated,
          createdBy: meta.createdBy,
          createdAt: meta.at,
        },
      });
      await tx.poll.createMany({
        data: d.polls.map((p, position) => ({
          consultationId: c.id,
          position,
          kind: p.kind,
          definition: JSON.stringify({ v: 1, ...p } satisfies StoredDefinition),
        })),
      });
      if (d.statements.length > 0) {
        await tx.statement.createMany({
          data: d.statements.map((s) => {
            const lang = originalLanguage(s);
            return {
              consultationId: c.id,
              authorId: meta.createdBy,
              seed: true,
              textZh: s.zh ?? null,
              textEn: s.en ?? null,
              originalLanguage: lang,
              // The statements feature's form, so a resident's statement repeating a seed is found as a duplicate.
              normalized: normalizeStatement(s[lang] ?? ""),
              status: "approved",
              moderatedBy: meta.createdBy,
              moderatedAt: meta.at,
              createdAt: meta.at,
            };
          }),
        });
      }
      return c.id;
    });
    return (await this.find(id))!;
  }

  async find(id: number): Promise<Consultation | null> {
    const row = await this.db.consultation.findUnique({ where: { id }, include: withPolls });
    return row && toConsultation(row);
  }

  async findByPoll(pollId: number): Promise<Consultation | null> {
    const poll = await this.db.poll.findUnique({ where: { id: pollId }, select: { consultation: { include: withPolls } } });
    return poll && toConsultation(poll.consultation);
  }

  async list(limit: number): Promise<Consultation[]> {
    const rows = await this.db.consultation.findMany({ include: withPolls, orderBy: { id: "desc" }, take: limit });
    return rows.map(toConsultation);
  }

  async listOpen(): Promise<Consultation[]> {
    const rows = await this.db.consultation.findMany({ where: { status: "open" }, include: withPolls, orderBy: { closesAt: "asc" } });
    return rows.map(toConsultation);
  }

  async listActive(): Promise<Consultation[]> {
    const rows = await this.db.consultation.findMany({ where: { status: { in: ["draft", "open"] } }, include: withPolls, orderBy: { id: "asc" } });
    return rows.map(toConsultation);
  }

  async markOpen(id: number, at: Date): Promise<boolean> {
    const r = await this.db.consultation.updateMany({ where: { id, status: "draft" }, data: { status: "open", openedAt: at } });
    return r.count === 1;
  }

  async markClosed(id: number, at: Date): Promise<boolean> {
    if (this.provider === "sqlite") {
      // One writer at a time: a ballot statement runs wholly before or after this one.
      const r = await this.db.consultation.updateMany({ where: { id, status: "open" }, data: { status: "closed", closedAt: at } });
      return r.count === 1;
    }
    return this.db.$transaction(async (tx) => {
      // FOR UPDATE waits for ballot statements holding FOR KEY SHARE on the row and blocks new ones until commit.
      await tx.$queryRaw`SELECT "id" FROM "Consultation" WHERE "id" = ${id} FOR UPDATE`;
      const r = await tx.consultation.updateMany({ where: { id, status: "open" }, data: { status: "closed", closedAt: at } });
      return r.count === 1;
    });
  }

  async storeResult(pollId: number, result: StoredPollResult): Promise<boolean> {
    const r = await this.db.poll.updateMany({ where: { id: pollId, result: null }, data: { result: JSON.stringify(result) } });
    return r.count === 1;
  }

  async markRemindersQueued(id: number, at: Date): Promise<boolean> {
    const r = await this.db.consultation.updateMany({ where: { id, remindersQueuedAt: null }, data: { remindersQueuedAt: at } });
    return r.count === 1;
  }

  async markPublished(id: number, at: Date): Promise<void> {
    await this.db.consultation.updateMany({ where: { id, publishedAt: null }, data: { publishedAt: at } });
  }

  async unfinishedClosings(): Promise<number[]> {
    const rows = await this.db.consultation.findMany({ where: { status: "closed", polls: { some: { result: null } } }, select: { id: true }, orderBy: { id: "asc" } });
    return rows.map((r) => r.id);
  }

  approvedStatementCount(id: number): Promise<number> {
    return this.db.statement.count({ where: { consultationId: id, status: "approved" } });
  }
}

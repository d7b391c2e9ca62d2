import { randomUUID } from "node:crypto";
import type { ResidentStore } from "../../app/ports.js";
import { isLanguage, type Language } from "../../domain/language.js";
import type { Registration, RegistrationPatch, RegistrationStatus, RegistrationStep, Relation } from "../../domain/residents/registration.js";
import type { Resident } from "../../domain/residents/resident.js";
import type { DriverPath, ResidentRow } from "../driverPath.js";
import { isUniqueViolation } from "./errors.js";
import type { Prisma } from "./prismaTypes.js";

const include = { unit: { select: { id: true, building: true, number: true, areaCenti: true, codeClaimedById: true } } } as const;

export function toResident(row: ResidentRow): Resident {
  const { unit } = row;
  return {
    id: row.id,
    language: (isLanguage(row.language) ? row.language : "en") as Language,
    consentAt: row.consentAt,
    status: row.status as RegistrationStatus,
    step: row.step as RegistrationStep | null,
    revision: row.revision,
    draftBuilding: row.draftBuilding,
    draftCode: row.draftCode,
    unitId: row.unitId,
    relation: row.relation as Relation | null,
    areaCenti: row.areaCenti,
    verifiedAt: row.verifiedAt,
    verifiedBy: row.verifiedBy,
    remindersMuted: row.remindersMuted,
    unreachableAt: row.unreachableAt,
    createdAt: row.createdAt,
    unit: unit && { id: unit.id, building: unit.building, number: unit.number, areaCenti: unit.areaCenti },
    codeVerified: unit !== null && unit.codeClaimedById === row.id,
  };
}

export class PrismaResidentStore implements ResidentStore {
  constructor(
    private readonly db: Prisma,
    /**
     * The driver connection (src/db/driverPath.ts), when the database URL is
     * known: every update looks up its sender, and there one prepared join
     * replaces Prisma's two queries (the user, then the unit).
     */
    private readonly driver: (() => Promise<DriverPath>) | null = null,
    /** Whether the driver connection sees every write Prisma made (Database.othersSeeAllWrites). */
    private readonly othersSeeAllWrites: () => boolean = () => true,
  ) {}

  async find(id: bigint): Promise<Resident | null> {
    // A person not found there may be one whose registration is still inside
    // a transaction of Prisma's connection: only a found row is taken as read.
    const fast = this.driver && this.othersSeeAllWrites() ? await (await this.driver()).residentRow(id) : null;
    if (fast?.row) return toResident(fast.row);
    const row = await this.db.user.findUnique({ where: { id }, include });
    return row && toResident(row);
  }

  async create(id: bigint, r: Registration, consentAt: Date): Promise<boolean> {
    try {
      await this.db.user.create({ data: { id, consentAt, ...r } });
      return true;
    } catch (e) {
      if (isUniqueViolation(e)) return false;
      throw e;
    }
  }

  async update(id: bigint, expectedRevision: number, patch: RegistrationPatch): Promise<boolean> {
    const { unitId, ...rest } = patch;
    const data = unitId === undefined ? rest : { ...rest, unitId };
    const res = await this.db.user.updateMany({ where: { id, revision: expectedRevision }, data });
    return res.count === 1;
  }

  async claimCodeAndPlace(id: bigint, expectedRevision: number, unitId: number, patch: RegistrationPatch) {
    return this.db.$transaction(async (tx) => {
      const claimed = await tx.unit.updateMany({ where: { id: unitId, codeClaimedById: null }, data: { codeClaimedById: id } });
      if (claimed.count !== 1) return "code-taken" as const;
      const moved = await tx.user.updateMany({ where: { id, revision: expectedRevision }, data: { ...patch, unitId } });
      if (moved.count !== 1) throw new StaleRevision();
      return "ok" as const;
    }).catch((e: unknown) => {
      if (e instanceof StaleRevision) return "stale" as const;
      throw e;
    });
  }

  async setLanguage(id: bigint, language: Language): Promise<void> {
    await this.db.user.updateMany({ where: { id }, data: { language } });
  }

  /**
   * Deletes the person and cuts every link to what they did: their ballots and
   * statement votes get one fresh random key (so a person's votes still count
   * as one participant in the analysis) and lose the Telegram id; statements
   * they wrote lose their author; queued messages and chat state go.
   */
  async erase(id: bigint): Promise<boolean> {
    const anonymous = "a" + randomUUID().replaceAll("-", "");
    const db = this.db;
    const results = await db.$transaction([
      db.user.deleteMany({ where: { id } }),
      db.unit.updateMany({ where: { codeClaimedById: id }, data: { codeClaimedById: null } }),
      db.roleGrant.deleteMany({ where: { userId: id } }),
      db.staffLanguage.deleteMany({ where: { userId: id } }),
      db.roleGrant.updateMany({ where: { grantedBy: id }, data: { grantedBy: null } }),
      db.user.updateMany({ where: { verifiedBy: id }, data: { verifiedBy: null } }),
      db.ballot.updateMany({ where: { voterKey: `u${id}` }, data: { voterKey: anonymous } }),
      db.ballot.updateMany({ where: { voterId: id }, data: { voterId: null } }),
      db.statementVote.updateMany({ where: { voterId: id }, data: { participant: anonymous, voterId: null } }),
      db.statement.updateMany({ where: { authorId: id }, data: { authorId: null } }),
      db.statement.updateMany({ where: { moderatedBy: id }, data: { moderatedBy: null } }),
      db.consultation.updateMany({ where: { createdBy: id }, data: { createdBy: null } }),
      db.chatState.deleteMany({ where: { userId: id } }),
      db.outboxMessage.deleteMany({ where: { chatId: id } }),
    ]);
    return results[0].count === 1;
  }

  async listPending(limit: number) {
    const [rows, total] = await Promise.all([
      this.db.user.findMany({ where: { status: "pending" }, include, orderBy: [{ updatedAt: "asc" }, { id: "asc" }], take: limit }),
      this.db.user.count({ where: { status: "pending" } }),
    ]);
    return { residents: rows.map(toResident), total };
  }
}

class StaleRevision extends Error {}

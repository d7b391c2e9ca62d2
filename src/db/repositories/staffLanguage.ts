import type { StaffLanguageRow, StaffLanguageStore } from "../../app/ports.js";
import { isLanguage } from "../../domain/language.js";
import type { Prisma } from "./prismaTypes.js";

export class PrismaStaffLanguageStore implements StaffLanguageStore {
  constructor(private readonly db: Prisma) {}

  async find(userId: bigint): Promise<StaffLanguageRow | null> {
    const row = await this.db.staffLanguage.findUnique({ where: { userId }, select: { chosen: true, telegramCode: true } });
    return row && { chosen: isLanguage(row.chosen) ? row.chosen : null, telegramCode: row.telegramCode };
  }

  async save(userId: bigint, patch: Partial<StaffLanguageRow>): Promise<void> {
    await this.db.staffLanguage.upsert({ where: { userId }, create: { userId, ...patch }, update: patch });
  }

  async update(userId: bigint, patch: Partial<StaffLanguageRow>): Promise<boolean> {
    return (await this.db.staffLanguage.updateMany({ where: { userId }, data: patch })).count === 1;
  }

  async remove(userId: bigint): Promise<void> {
    await this.db.staffLanguage.deleteMany({ where: { userId } });
  }
}

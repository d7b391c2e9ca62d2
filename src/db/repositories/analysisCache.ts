import type { AnalysisCacheStore, CachedAnalysis } from "../../app/statements/ports.js";
import type { Prisma } from "./prismaTypes.js";

export class PrismaAnalysisCacheStore implements AnalysisCacheStore {
  constructor(private readonly db: Prisma) {}

  read(consultationId: number): Promise<CachedAnalysis | null> {
    return this.db.analysisCache.findUnique({ where: { consultationId } });
  }

  async computedAt(consultationId: number): Promise<Date | null> {
    return (await this.db.analysisCache.findUnique({ where: { consultationId }, select: { computedAt: true } }))?.computedAt ?? null;
  }

  async write(entry: CachedAnalysis): Promise<void> {
    const { consultationId, ...rest } = entry;
    await this.db.analysisCache.upsert({ where: { consultationId }, create: entry, update: rest });
  }
}

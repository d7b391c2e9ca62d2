import type { AnalysisCacheStore, CachedAnalysis } from "../../app/statements/ports.js";
import type { Prisma } from "./prismaTypes.js";

export class PrismaAnalysisCacheStore implements AnalysisCacheStore {
  constructor(private readonly db: Prisma) {}

  read(consultationId: number): Promise<CachedAnalysis | null> {
    return this.db.analysisCache.findUnique({ where: { consultationId } });
  }

  status(consultationId: number): Promise<{ computedAt: Date; voteCount: number } | null> {
    return this.db.analysisCache.findUnique({ where: { consultationId }, select: { computedAt: true, voteCount: true } });
  }

  async write(entry: CachedAnalysis): Promise<void> {
    const { consultationId, ...rest } = entry;
    await this.db.analysisCache.upsert({ where: { consultationId }, create: entry, update: rest });
  }
}

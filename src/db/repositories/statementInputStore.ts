import type { ChatState, ChatStateStore } from "../../app/statements/ports.js";
import type { Prisma } from "./prismaTypes.js";

/** ChatState rows as the statement inputs use them (JSON data, cleared only if still of the same kind). */
export class PrismaStatementInputStore implements ChatStateStore {
  constructor(private readonly db: Prisma) {}

  async get(userId: bigint): Promise<ChatState | null> {
    const row = await this.db.chatState.findUnique({ where: { userId } });
    if (!row) return null;
    let data: unknown = null;
    try {
      data = JSON.parse(row.data);
    } catch {
      data = null;
    }
    return { kind: row.kind, data, updatedAt: row.updatedAt };
  }

  async set(userId: bigint, kind: string, data: unknown): Promise<void> {
    const json = JSON.stringify(data ?? null);
    await this.db.chatState.upsert({ where: { userId }, create: { userId, kind, data: json }, update: { kind, data: json } });
  }

  async clear(userId: bigint, kind: string): Promise<void> {
    await this.db.chatState.deleteMany({ where: { userId, kind } });
  }
}

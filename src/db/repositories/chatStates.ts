import type { ChatStateRow, ChatStateStore } from "../../app/conversations/ports.js";
import { isUniqueViolation } from "./errors.js";
import type { Prisma } from "./prismaTypes.js";

/**
 * Every guided conversation in the ChatState table. Every move is a compare-and-set
 * on the stored data, so two presses of one button, or a press on an older message,
 * never apply twice. `updatedAt` is written from the service's clock (not the
 * database's), so a conversation's lifetime is judged on one clock.
 */
export class PrismaChatStateStore implements ChatStateStore {
  constructor(private readonly db: Prisma) {}

  async get(userId: bigint): Promise<ChatStateRow | null> {
    const row = await this.db.chatState.findUnique({ where: { userId }, select: { kind: true, data: true, updatedAt: true } });
    return row ? { kind: row.kind, data: row.data, at: row.updatedAt } : null;
  }

  async put(userId: bigint, kind: string, data: string, at: Date): Promise<void> {
    try {
      await this.db.chatState.upsert({ where: { userId }, create: { userId, kind, data, updatedAt: at }, update: { kind, data, updatedAt: at } });
    } catch (e) {
      // Two starts at the same moment: the other one's insert won; overwrite it.
      if (!isUniqueViolation(e)) throw e;
      await this.db.chatState.update({ where: { userId }, data: { kind, data, updatedAt: at } });
    }
  }

  async replace(userId: bigint, kind: string, from: string, to: string, at: Date): Promise<boolean> {
    return (await this.db.chatState.updateMany({ where: { userId, kind, data: from }, data: { data: to, updatedAt: at } })).count === 1;
  }

  async take(userId: bigint, kind: string, from?: string): Promise<boolean> {
    return (await this.db.chatState.deleteMany({ where: { userId, kind, ...(from !== undefined ? { data: from } : {}) } })).count === 1;
  }
}

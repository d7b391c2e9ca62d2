import type { Conversation, ConversationStore } from "../../app/consultations/ports.js";
import { isUniqueViolation } from "./errors.js";
import type { Prisma } from "./prismaTypes.js";

/**
 * Guided conversations (/new, /announce) in the ChatState table. Every move is
 * a compare-and-set on the stored data (which carries a revision), so two
 * presses of one button, or a press on an older message, never apply twice.
 */
export class PrismaConversationStore implements ConversationStore {
  constructor(private readonly db: Prisma) {}

  async get(userId: bigint): Promise<Conversation | null> {
    return this.db.chatState.findUnique({ where: { userId }, select: { kind: true, data: true } });
  }

  async put(userId: bigint, kind: string, data: string): Promise<void> {
    try {
      await this.db.chatState.upsert({ where: { userId }, create: { userId, kind, data }, update: { kind, data } });
    } catch (e) {
      // Two starts at the same moment: the other one's insert won; overwrite it.
      if (!isUniqueViolation(e)) throw e;
      await this.db.chatState.update({ where: { userId }, data: { kind, data } });
    }
  }

  async replace(userId: bigint, kind: string, from: string, to: string): Promise<boolean> {
    return (await this.db.chatState.updateMany({ where: { userId, kind, data: from }, data: { data: to } })).count === 1;
  }

  async take(userId: bigint, kind: string, from?: string): Promise<boolean> {
    return (await this.db.chatState.deleteMany({ where: { userId, kind, ...(from !== undefined ? { data: from } : {}) } })).count === 1;
  }
}

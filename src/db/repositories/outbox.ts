import { join, sqltag as sql } from "@prisma/client/runtime/client";
import type { OutboxButton, OutboxDraft, OutboxMessage, OutboxStatus, OutboxStore } from "../../app/consultations/ports.js";
import type { Prisma } from "./prismaTypes.js";

/** Rows per INSERT: 8 values each stays far below either database's parameter limit. */
const CHUNK = 500;

const parseButtons = (json: string | null): OutboxButton[] => (json ? (JSON.parse(json) as OutboxButton[]) : []);

export class PrismaOutboxStore implements OutboxStore {
  constructor(private readonly db: Prisma) {}

  /**
   * INSERT … ON CONFLICT, because Prisma's createMany cannot skip duplicates on
   * SQLite. The unique (batch, chatId) is what makes queuing a batch again (a
   * second /publish, a restart mid-queue) add only the new ones; a row that
   * failed is queued again, sent or blocked ones are left alone.
   */
  async enqueue(messages: readonly OutboxDraft[], notBefore: Date): Promise<number> {
    let added = 0;
    for (let i = 0; i < messages.length; i += CHUNK) {
      const rows = messages.slice(i, i + CHUNK).map(
        (m) => sql`(${m.batch}, ${m.chatId}, ${m.text}, ${m.buttons?.length ? JSON.stringify(m.buttons) : null}, 'pending', 0, ${notBefore}, ${notBefore})`,
      );
      added += await this.db.$executeRaw`
        INSERT INTO "OutboxMessage" ("batch", "chatId", "text", "keyboard", "status", "attempts", "notBefore", "createdAt")
        VALUES ${join(rows)}
        ON CONFLICT ("batch", "chatId") DO UPDATE SET
          "text" = excluded."text", "keyboard" = excluded."keyboard", "status" = 'pending', "attempts" = 0, "error" = NULL, "notBefore" = excluded."notBefore"
        WHERE "OutboxMessage"."status" = 'failed'`;
    }
    return added;
  }

  async due(now: Date, limit: number): Promise<OutboxMessage[]> {
    const rows = await this.db.outboxMessage.findMany({
      where: { status: "pending", notBefore: { lte: now } },
      orderBy: { id: "asc" },
      take: limit,
      select: { id: true, batch: true, chatId: true, text: true, keyboard: true, attempts: true, notBefore: true },
    });
    return rows.map((r) => ({ id: r.id, batch: r.batch, chatId: r.chatId, text: r.text, buttons: parseButtons(r.keyboard), attempts: r.attempts, notBefore: r.notBefore }));
  }

  async nextDue(): Promise<Date | null> {
    const row = await this.db.outboxMessage.findFirst({ where: { status: "pending" }, orderBy: { notBefore: "asc" }, select: { notBefore: true } });
    return row?.notBefore ?? null;
  }

  async claim(id: number, leaseUntil: Date): Promise<boolean> {
    const r = await this.db.outboxMessage.updateMany({ where: { id, status: "pending" }, data: { status: "sending", attempts: { increment: 1 }, notBefore: leaseUntil } });
    return r.count === 1;
  }

  async markSent(id: number, at: Date): Promise<void> {
    await this.db.outboxMessage.updateMany({ where: { id }, data: { status: "sent", sentAt: at, error: null } });
  }

  async retryLater(id: number, notBefore: Date, error: string): Promise<void> {
    await this.db.outboxMessage.updateMany({ where: { id }, data: { status: "pending", notBefore, error: error.slice(0, 500) } });
  }

  async markFailed(id: number, error: string): Promise<void> {
    await this.db.outboxMessage.updateMany({ where: { id }, data: { status: "failed", error: error.slice(0, 500) } });
  }

  async markBlocked(id: number, chatId: bigint, at: Date, error: string): Promise<number> {
    const [, others] = await this.db.$transaction([
      this.db.outboxMessage.updateMany({ where: { id }, data: { status: "blocked", error: error.slice(0, 500) } }),
      this.db.outboxMessage.updateMany({ where: { chatId, status: "pending" }, data: { status: "blocked", error: "the person blocked the bot" } }),
      this.db.user.updateMany({ where: { id: chatId }, data: { unreachableAt: at } }),
    ]);
    return others.count;
  }

  async requeueInterrupted(now: Date): Promise<number> {
    const r = await this.db.outboxMessage.updateMany({ where: { status: "sending", notBefore: { lt: now } }, data: { status: "pending", notBefore: now, error: "interrupted while sending: sent again" } });
    return r.count;
  }

  async stats(now: Date): Promise<{ counts: Record<OutboxStatus, number>; oldestDueAt: Date | null }> {
    const [rows, oldest] = await Promise.all([
      this.db.outboxMessage.groupBy({ by: ["status"], _count: { _all: true } }),
      this.db.outboxMessage.findFirst({ where: { status: "pending", notBefore: { lte: now } }, orderBy: { notBefore: "asc" }, select: { notBefore: true } }),
    ]);
    const counts: Record<OutboxStatus, number> = { pending: 0, sending: 0, sent: 0, blocked: 0, failed: 0 };
    for (const r of rows) if (r.status in counts) counts[r.status as OutboxStatus] = r._count._all;
    return { counts, oldestDueAt: oldest?.notBefore ?? null };
  }

  async progress(prefix: string): Promise<Record<OutboxStatus, number>> {
    const rows = await this.db.outboxMessage.groupBy({ by: ["status"], where: { batch: { startsWith: prefix } }, _count: { _all: true } });
    const out: Record<OutboxStatus, number> = { pending: 0, sending: 0, sent: 0, blocked: 0, failed: 0 };
    for (const r of rows) if (r.status in out) out[r.status as OutboxStatus] = r._count._all;
    return out;
  }
}

import type { AuditStore } from "../../app/audit/ports.js";
import type { AuditContent, AuditRow } from "../../domain/audit/chain.js";
import type { Prisma } from "./prismaTypes.js";

type Raw = { id: number | bigint; at: Date | string | number; actor: bigint | number | string; role: string; action: string; target: string; inputSha256: string; prevHash: string; hash: string };

/** SQLite hands DateTime back as a number (ms) or text through raw queries; PostgreSQL as a Date. */
const dateOf = (v: Date | string | number) => (v instanceof Date ? v : new Date(typeof v === "string" && /^\d+$/.test(v) ? Number(v) : v));

function toRow(r: Raw): AuditRow {
  return { id: Number(r.id), at: dateOf(r.at), actor: BigInt(r.actor), role: r.role, action: r.action, target: r.target, inputSha256: r.inputSha256, prevHash: r.prevHash, hash: r.hash };
}

export class PrismaAuditStore implements AuditStore {
  constructor(private readonly db: Prisma) {}

  async lastHash(): Promise<string | null> {
    const row = await this.db.auditEntry.findFirst({ orderBy: { id: "desc" }, select: { hash: true } });
    return row?.hash ?? null;
  }

  async append(row: AuditContent & { prevHash: string; hash: string }): Promise<AuditRow> {
    return toRow(await this.db.auditEntry.create({ data: { ...row } }));
  }

  /** Plain rows, no Prisma model mapping: a million of them are read for verification. */
  async page(afterId: number, limit: number): Promise<AuditRow[]> {
    const rows = await this.db.$queryRaw<Raw[]>`
      SELECT "id", "at", "actor", "role", "action", "target", "inputSha256", "prevHash", "hash"
      FROM "AuditEntry" WHERE "id" > ${afterId} ORDER BY "id" LIMIT ${limit}`;
    return rows.map(toRow);
  }

  async latest(limit: number): Promise<AuditRow[]> {
    return (await this.db.auditEntry.findMany({ orderBy: { id: "desc" }, take: limit })).map(toRow);
  }

  async since(since: Date): Promise<AuditRow[]> {
    return (await this.db.auditEntry.findMany({ where: { at: { gte: since } }, orderBy: { id: "asc" } })).map(toRow);
  }

  count(): Promise<number> {
    return this.db.auditEntry.count();
  }
}

import type { LeaseStore } from "../../app/leases.js";
import { isUniqueViolation } from "./errors.js";
import type { Prisma } from "./prismaTypes.js";

/**
 * Leases as rows of "Lease". Taking a free one is an insert (the primary key
 * lets one of two racing inserts win); taking one that ran out, or renewing
 * one's own, is an update conditional on exactly that — so of two processes
 * that both see it run out, one gets it.
 */
export class PrismaLeaseStore implements LeaseStore {
  constructor(private readonly db: Prisma) {}

  async acquire(name: string, holder: string, until: Date, now: Date): Promise<boolean> {
    const r = await this.db.lease.updateMany({ where: { name, OR: [{ holder }, { expiresAt: { lte: now } }] }, data: { holder, expiresAt: until } });
    if (r.count === 1) return true;
    try {
      await this.db.lease.create({ data: { name, holder, expiresAt: until } });
      return true;
    } catch (e) {
      if (isUniqueViolation(e)) return false; // held by someone else
      throw e;
    }
  }

  async release(name: string, holder: string): Promise<void> {
    await this.db.lease.deleteMany({ where: { name, holder } });
  }

  async isHeld(name: string, now: Date): Promise<boolean> {
    return (await this.db.lease.count({ where: { name, expiresAt: { gt: now } } })) > 0;
  }
}

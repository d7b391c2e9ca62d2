import type { RoleStore } from "../../app/ports.js";
import { isStaffRole, type StaffRole } from "../../domain/roles.js";
import { isUniqueViolation } from "./errors.js";
import type { Prisma } from "./prismaTypes.js";

export class PrismaRoleStore implements RoleStore {
  constructor(private readonly db: Prisma) {}

  async rolesOf(userId: bigint): Promise<StaffRole[]> {
    const rows = await this.db.roleGrant.findMany({ where: { userId }, select: { role: true } });
    return rows.map((r) => r.role).filter(isStaffRole);
  }

  async grant(userId: bigint, role: StaffRole, grantedBy: bigint | null): Promise<boolean> {
    try {
      await this.db.roleGrant.create({ data: { userId, role, grantedBy } });
      return true;
    } catch (e) {
      if (isUniqueViolation(e)) return false;
      throw e;
    }
  }

  async revoke(userId: bigint, role: StaffRole): Promise<boolean> {
    return (await this.db.roleGrant.deleteMany({ where: { userId, role } })).count === 1;
  }

  async staff() {
    const rows = await this.db.roleGrant.findMany({ orderBy: [{ userId: "asc" }, { role: "asc" }] });
    const byUser = new Map<bigint, StaffRole[]>();
    for (const r of rows) if (isStaffRole(r.role)) byUser.set(r.userId, [...(byUser.get(r.userId) ?? []), r.role]);
    return [...byUser].map(([userId, roles]) => ({ userId, roles }));
  }
}

import { actorId, auditRole, authorize, type Actor } from "../domain/permissions.js";
import { Roles, type StaffRole } from "../domain/roles.js";
import type { RoleStore } from "./ports.js";
import type { AuditSink } from "./audit/log.js";

export type RoleChange =
  | { kind: "granted" | "revoked" | "unchanged"; userId: bigint; role: StaffRole; roles: Roles }
  | { kind: "config-admin" | "self-admin"; userId: bigint; role: StaffRole };

/** Granting and revoking staff roles; admins named in the configuration cannot be revoked here. */
export class RoleService {
  constructor(private readonly deps: { roles: RoleStore; configuredAdmins: readonly bigint[]; /** After a change, e.g. to keep or drop the staff member's stored language. */ onChange?: (userId: bigint, roles: Roles) => Promise<void>; audit?: AuditSink }) {}

  isConfiguredAdmin(userId: bigint): boolean {
    return this.deps.configuredAdmins.includes(userId);
  }

  async rolesOf(userId: bigint): Promise<Roles> {
    return new Roles(await this.deps.roles.rolesOf(userId), this.isConfiguredAdmin(userId));
  }

  async grant(userId: bigint, role: StaffRole, actor: Actor): Promise<RoleChange> {
    authorize(actor, "role.grant");
    const by = actorId(actor);
    const changed = await this.deps.roles.grant(userId, role, by);
    const roles = await this.rolesOf(userId);
    if (changed) await this.deps.onChange?.(userId, roles);
    if (changed) await this.deps.audit?.record({ actor: by, role: auditRole(actor, "role.grant"), action: "role.grant", target: `user:${userId}`, input: { role } });
    return { kind: changed ? "granted" : "unchanged", userId, role, roles };
  }

  async revoke(userId: bigint, role: StaffRole, actor: Actor): Promise<RoleChange> {
    authorize(actor, "role.revoke");
    const by = actorId(actor);
    if (role === "admin" && this.isConfiguredAdmin(userId)) return { kind: "config-admin", userId, role };
    if (role === "admin" && by === userId) return { kind: "self-admin", userId, role };
    const changed = await this.deps.roles.revoke(userId, role);
    const roles = await this.rolesOf(userId);
    if (changed) await this.deps.onChange?.(userId, roles);
    if (changed) await this.deps.audit?.record({ actor: by, role: auditRole(actor, "role.revoke"), action: "role.revoke", target: `user:${userId}`, input: { role } });
    return { kind: changed ? "revoked" : "unchanged", userId, role, roles };
  }

  /** Everyone who should have a staff menu: granted roles and configured admins. */
  async staff(): Promise<{ userId: bigint; roles: Roles }[]> {
    const granted = await this.deps.roles.staff();
    const ids = new Set([...granted.map((s) => s.userId), ...this.deps.configuredAdmins]);
    return [...ids].map((userId) => ({
      userId,
      roles: new Roles(granted.find((s) => s.userId === userId)?.roles ?? [], this.isConfiguredAdmin(userId)),
    }));
  }
}

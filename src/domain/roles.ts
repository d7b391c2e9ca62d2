/** Staff roles are granted; "resident" follows from a verified registration. */
export const STAFF_ROLES = ["committee", "official", "admin"] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];
export type Role = "resident" | StaffRole;

export function isStaffRole(value: string): value is StaffRole {
  return (STAFF_ROLES as readonly string[]).includes(value);
}

/** What a user may do: the roles they hold, with admins from the configuration added. */
export class Roles {
  private readonly held: ReadonlySet<StaffRole>;

  constructor(granted: Iterable<StaffRole>, readonly isConfiguredAdmin = false) {
    const set = new Set(granted);
    if (isConfiguredAdmin) set.add("admin");
    this.held = set;
  }

  /** Admins may do everything staff may do: they run the installation. */
  has(role: StaffRole): boolean {
    return this.held.has(role) || (role !== "admin" && this.held.has("admin"));
  }

  get isStaff(): boolean {
    return this.held.size > 0;
  }

  /** The roles as granted, in a stable order, for display. */
  list(): StaffRole[] {
    return STAFF_ROLES.filter((r) => this.held.has(r));
  }
}

export type RoleCommand =
  | { ok: true; userId: bigint; role: StaffRole }
  | { ok: false; problem: "usage" }
  | { ok: false; problem: "bad-id" | "bad-role"; value: string };

/** Arguments of `/grant`, `/revoke` and `frontstage role grant|revoke`: `<telegram id> <role>`. */
export function parseRoleCommand(args: readonly string[]): RoleCommand {
  if (args.length !== 2) return { ok: false, problem: "usage" };
  const [id, role] = args as [string, string];
  if (!/^[1-9]\d{0,18}$/.test(id) || BigInt(id) > 9_223_372_036_854_775_807n) return { ok: false, problem: "bad-id", value: id };
  const r = role.toLowerCase();
  if (!isStaffRole(r)) return { ok: false, problem: "bad-role", value: role };
  return { ok: true, userId: BigInt(id), role: r };
}

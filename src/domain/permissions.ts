// Who may do what: one table of every staff action and the roles that may
// take it. Use cases check it before they change or reveal anything; the bot's
// menus and /help come from the command table (src/domain/commands.ts), whose
// staff commands name the actions they take, so the two cannot disagree
// (tests/domain/permissions.test.ts).
import { Roles, type StaffRole } from "./roles.js";

/** Every staff action, with the roles that may take it (admins may take every committee and official action too: Roles.has). */
export const PERMISSIONS = {
  "role.grant": ["admin"],
  "role.revoke": ["admin"],
  "resident.pending": ["committee"],
  "resident.verify": ["committee"],
  "roster.import": ["committee"],
  "roster.codes": ["committee"],
  "consultation.create": ["committee"],
  "consultation.list": ["committee"],
  "consultation.open": ["committee"],
  "consultation.close": ["committee"],
  "consultation.publish": ["committee"],
  "announce": ["committee"],
  "statement.moderate": ["committee"],
  "report.submit": ["committee"],
  "report.read": ["official", "committee"],
  "answer.respond": ["official"],
  "answer.relay": ["committee"],
  "department.list": ["official", "committee"],
  "followUp.assign": ["official"],
  "followUp.update": ["official"],
  "followUp.observe": ["committee"],
  "followUp.list": ["official", "committee"],
  "department.change": ["admin"],
  "audit.read": ["admin"],
} as const satisfies Record<string, readonly StaffRole[]>;

export type Action = keyof typeof PERMISSIONS;
export const ACTIONS = Object.keys(PERMISSIONS) as Action[];

/** What the scheduler does on its own: opening at the opening time, closing at the closing time. */
const SYSTEM_ACTIONS: ReadonlySet<Action> = new Set<Action>(["consultation.open", "consultation.close"]);

/**
 * Who acts: a person with the roles they hold now, the operator at the command
 * line (who runs the installation and may do everything), or the scheduler.
 */
export type Actor =
  | { readonly kind: "person"; readonly userId: bigint; readonly roles: Roles }
  | { readonly kind: "operator" }
  | { readonly kind: "system" };

export const OPERATOR: Actor = Object.freeze({ kind: "operator" });
export const SYSTEM: Actor = Object.freeze({ kind: "system" });

export function person(userId: bigint, roles: Roles): Actor {
  return { kind: "person", userId, roles };
}

/** The person's Telegram id, null for the operator and the scheduler (as stored in `by` columns and the audit log). */
export function actorId(actor: Actor): bigint | null {
  return actor.kind === "person" ? actor.userId : null;
}

export function rolesFor(action: Action): readonly StaffRole[] {
  return PERMISSIONS[action];
}

export function can(actor: Actor, action: Action): boolean {
  if (actor.kind === "operator") return true;
  if (actor.kind === "system") return SYSTEM_ACTIONS.has(action);
  return PERMISSIONS[action].some((r) => actor.roles.has(r));
}

/** A use case refused: the actor may not take this action. Nothing was changed. */
export class NotAllowed extends Error {
  override readonly name = "NotAllowed";
  constructor(
    readonly action: Action,
    readonly actor: Actor,
  ) {
    super(`not allowed: ${action} by ${actor.kind === "person" ? `user ${actor.userId}` : actor.kind}`);
  }

  /** The role to name in the refusal ("Only committee members may …"). */
  get role(): StaffRole {
    return PERMISSIONS[this.action][0];
  }
}

/** Throws NotAllowed unless the actor may take the action; call before any write. */
export function authorize(actor: Actor, action: Action): void {
  if (!can(actor, action)) throw new NotAllowed(action, actor);
}

/** The audit log's role for an actor taking an action: operator, system, or the role the table names that they hold. */
export function auditRole(actor: Actor, action: Action): "operator" | "system" | StaffRole {
  if (actor.kind !== "person") return actor.kind;
  return PERMISSIONS[action].find((r) => actor.roles.has(r)) ?? PERMISSIONS[action][0];
}

export const isNotAllowed = (e: unknown): e is NotAllowed => e instanceof NotAllowed;

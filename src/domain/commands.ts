import type { Action } from "./permissions.js";
import { Roles, type StaffRole } from "./roles.js";

/** Who may use a command: anyone in a private chat, or holders of a staff role (of any of several). */
export type Audience = "everyone" | StaffRole | readonly StaffRole[];

export interface CommandSpec {
  /** Lowercase a–z, 0–9 and _ (Telegram's rule for command names). */
  name: string;
  audience: Audience;
  /**
   * The staff actions the command (and its buttons) takes, from the action
   * table in permissions.ts: its audience may take each of them, residents
   * none (tests/domain/permissions.test.ts checks the two agree).
   */
  actions?: readonly Action[];
}

/**
 * Every command of the bot, in the order menus and /help show them.
 * Descriptions live in the locales under `commands.<name>`.
 */
export const COMMANDS: readonly CommandSpec[] = [
  { name: "start", audience: "everyone" },
  { name: "help", audience: "everyone" },
  { name: "me", audience: "everyone" },
  { name: "lang", audience: "everyone" },
  { name: "forget", audience: "everyone" },
  { name: "vote", audience: "everyone" },
  { name: "mute", audience: "everyone" },
  { name: "unmute", audience: "everyone" },
  { name: "opinion", audience: "everyone" },
  { name: "rate", audience: "everyone" },
  { name: "mystance", audience: "everyone" },
  { name: "followups", audience: "everyone" },
  { name: "pending", audience: "committee", actions: ["resident.pending", "resident.verify"] },
  { name: "codes", audience: "committee", actions: ["roster.codes", "roster.import"] },
  { name: "new", audience: "committee", actions: ["consultation.create", "consultation.open"] },
  { name: "consultations", audience: "committee", actions: ["consultation.list"] },
  { name: "close", audience: "committee", actions: ["consultation.close"] },
  { name: "publish", audience: "committee", actions: ["consultation.publish"] },
  { name: "announce", audience: "committee", actions: ["announce"] },
  { name: "cancel", audience: "committee" },
  { name: "moderate", audience: "committee", actions: ["statement.moderate"] },
  { name: "themes", audience: "committee", actions: ["statement.moderate"] },
  { name: "submit", audience: "committee", actions: ["report.submit"] },
  { name: "reports", audience: "official", actions: ["report.read"] },
  { name: "report", audience: "official", actions: ["report.read"] },
  { name: "chart", audience: "official", actions: ["report.read"] },
  { name: "export", audience: "official", actions: ["report.read"] },
  { name: "dashboard", audience: "official", actions: ["report.read"] },
  { name: "respond", audience: "official", actions: ["answer.respond"] },
  { name: "departments", audience: "official", actions: ["department.list"] },
  { name: "assign", audience: "official", actions: ["followUp.assign"] },
  { name: "actions", audience: ["committee", "official"], actions: ["followUp.list", "followUp.update", "followUp.observe"] },
  { name: "grant", audience: "admin", actions: ["role.grant"] },
  { name: "revoke", audience: "admin", actions: ["role.revoke"] },
  { name: "audit", audience: "admin", actions: ["audit.read"] },
];

export function commandSpec(name: string): CommandSpec | undefined {
  return COMMANDS.find((c) => c.name === name);
}

export function mayUse(spec: CommandSpec, roles: Roles): boolean {
  const a = spec.audience;
  return a === "everyone" || (typeof a === "string" ? roles.has(a) : a.some((r) => roles.has(r)));
}

/** Exactly the commands a user with these roles may use, in menu order. */
export function commandsFor(roles: Roles): CommandSpec[] {
  return COMMANDS.filter((c) => mayUse(c, roles));
}

/** Actions no command names: relaying an answer (buttons on the official's answer), changing departments (the CLI only). */
export const ACTIONS_WITHOUT_COMMAND: readonly Action[] = ["answer.relay", "department.change"];

/** The command a refusal names for an action: the first whose audience is one of the action's roles. */
export function commandFor(action: Action): CommandSpec | undefined {
  return COMMANDS.find((c) => c.actions?.includes(action));
}

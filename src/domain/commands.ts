import { Roles, type StaffRole } from "./roles.js";

/** Who may use a command: anyone in a private chat, or holders of a staff role (of any of several). */
export type Audience = "everyone" | StaffRole | readonly StaffRole[];

export interface CommandSpec {
  /** Lowercase a–z, 0–9 and _ (Telegram's rule for command names). */
  name: string;
  audience: Audience;
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
  { name: "pending", audience: "committee" },
  { name: "codes", audience: "committee" },
  { name: "new", audience: "committee" },
  { name: "consultations", audience: "committee" },
  { name: "close", audience: "committee" },
  { name: "publish", audience: "committee" },
  { name: "announce", audience: "committee" },
  { name: "cancel", audience: "committee" },
  { name: "moderate", audience: "committee" },
  { name: "themes", audience: "committee" },
  { name: "submit", audience: "committee" },
  { name: "reports", audience: "official" },
  { name: "report", audience: "official" },
  { name: "chart", audience: "official" },
  { name: "export", audience: "official" },
  { name: "dashboard", audience: "official" },
  { name: "respond", audience: "official" },
  { name: "departments", audience: "official" },
  { name: "assign", audience: "official" },
  { name: "actions", audience: ["committee", "official"] },
  { name: "grant", audience: "admin" },
  { name: "revoke", audience: "admin" },
  { name: "audit", audience: "admin" },
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

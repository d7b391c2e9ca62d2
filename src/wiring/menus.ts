// The command menus a process outside the bot (the CLI) refreshes after a role
// change: the bot's CommandMenus on a grammY Api of its own, behind app's port.
import { Api } from "grammy";
import type { CommandMenuSync } from "../app/ports.js";
import { CommandMenus } from "../bot/menus.js";
import { translator } from "../i18n.js";

export function telegramMenuSync(token: string, apiRoot: string): CommandMenuSync {
  const menus = new CommandMenus(new Api(token, { apiRoot }), translator());
  return { refresh: (userId, roles) => menus.refresh(userId, roles) };
}

import type { Api } from "grammy";
import type { BotCommand } from "grammy/types";
import { commandsFor } from "../domain/commands.js";
import { LANGUAGES } from "../domain/language.js";
import { htmlToPlain } from "../domain/text/html.js";
import { Roles } from "../domain/roles.js";
import type { Translator } from "../i18n.js";

/** Menu descriptions are plain text for Telegram: the locale's HTML without markup ("&lt;number&gt;" shows as "<number>"). */
function list(roles: Roles, translator: Translator, lang: "zh" | "en"): BotCommand[] {
  return commandsFor(roles).map((c) => ({ command: c.name, description: htmlToPlain(translator.t(lang, `commands.${c.name}`)) }));
}

/**
 * Command menus, per scope and language: resident commands for every private
 * chat; a staff member's own chat gets their role's commands. Telegram picks
 * the list by the client's language, so each list is set for zh and en, and
 * once without a language as the English fallback.
 */
export class CommandMenus {
  constructor(private readonly api: Api, private readonly translator: Translator) {}

  async setDefaults(): Promise<void> {
    const resident = new Roles([]);
    const scope = { type: "all_private_chats" } as const;
    await this.api.setMyCommands(list(resident, this.translator, "en"), { scope });
    for (const lang of LANGUAGES) await this.api.setMyCommands(list(resident, this.translator, lang), { scope, language_code: lang });
  }

  /** A staff member's own menu; without staff roles their chat falls back to the resident menu. */
  async refresh(userId: bigint, roles: Roles): Promise<void> {
    const scope = { type: "chat", chat_id: Number(userId) } as const;
    if (!roles.isStaff) {
      await this.api.deleteMyCommands({ scope });
      for (const lang of LANGUAGES) await this.api.deleteMyCommands({ scope, language_code: lang });
      return;
    }
    await this.api.setMyCommands(list(roles, this.translator, "en"), { scope });
    for (const lang of LANGUAGES) await this.api.setMyCommands(list(roles, this.translator, lang), { scope, language_code: lang });
  }
}

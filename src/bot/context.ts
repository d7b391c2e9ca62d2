import type { Context } from "grammy";
import type { Services } from "../app/services.js";
import type { Language } from "../domain/language.js";
import type { Resident } from "../domain/residents/resident.js";
import type { Actor } from "../domain/permissions.js";
import type { Roles } from "../domain/roles.js";
import type { Translate, Translator } from "../i18n.js";
import type { Logger } from "../logger.js";
import type { CommandMenus } from "./menus.js";

/** What every handler can rely on; filled in by the first middleware of the bot. */
export interface Frontstage {
  services: Services;
  translator: Translator;
  logger: Logger;
  menus: CommandMenus;
  timeZone: string;
  /** The sender as stored, loaded once per update (null for strangers and in groups). */
  resident: Resident | null;
  /** The user's language: their choice once registered, else their Telegram client's. */
  lang: Language;
  t: Translate;
  /** The sender's staff roles, read on first use and memoised for the update. */
  roles(): Promise<Roles>;
  /** The sender as the use cases see them: their id and roles (src/domain/permissions.ts). */
  actor(): Promise<Actor>;
  /** Switches `lang` and `t` after the user changed language mid-update. */
  useLanguage(lang: Language): void;
  /** Downloads a file a user sent, through the configured Bot API server. */
  download(fileId: string): Promise<Uint8Array>;
  /** Formats a moment for this user. */
  time(at: Date): string;
}

export type BotContext = Context & { fs: Frontstage };

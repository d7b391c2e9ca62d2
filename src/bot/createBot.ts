import { Bot, type BotConfig, type Middleware } from "grammy";
import type { UserFromGetMe } from "grammy/types";
import type { Services } from "../app/services.js";
import { languageFromTelegram, type Language } from "../domain/language.js";
import type { Roles } from "../domain/roles.js";
import { NotAllowed, person } from "../domain/permissions.js";
import { commandFor } from "../domain/commands.js";
import type { Resident } from "../domain/residents/resident.js";
import type { Translate, Translator } from "../i18n.js";
import type { Logger } from "../logger.js";
import { formatTime } from "../presenters/time.js";
import { parseCallback } from "./callbacks.js";
import type { BotContext } from "./context.js";
import { adminFeature } from "./features/admin.js";
import { committeeFeature } from "./features/committee.js";
import { announceFeature } from "./features/announce.js";
import { consultationsFeature } from "./features/committee/consultations.js";
import { reachabilityFeature, votePressesFeature, votingFeature } from "./features/voting.js";
import { fallbackFeature } from "./features/fallback.js";
import { moderationFeature } from "./features/moderation.js";
import { officialFeature } from "./features/official/index.js";
import { answersFeature } from "./features/official/answers.js";
import { assignFeature } from "./features/official/assign.js";
import { actionsFeature } from "./features/official/actions.js";
import { residentFollowUpsFeature } from "./features/resident/followups.js";
import { opinionFeature } from "./features/opinion.js";
import { ratingFeature } from "./features/rating.js";
import { statementInputFeature } from "./features/statementInput.js";
import { profileFeature } from "./features/profile.js";
import { registrationFeature } from "./features/registration.js";
import { CommandMenus } from "./menus.js";
import { answer, reply } from "./replies.js";
import { skipRedelivered, withoutNul } from "./runtime.js";

export const MAX_TEXT = 4096;

export interface BotDeps {
  token: string;
  apiRoot: string;
  services: Services;
  translator: Translator;
  logger: Logger;
  timeZone: string;
  /** Preset in tests and benchmarks so no getMe call is made. */
  botInfo?: UserFromGetMe;
  /** Lets tests and benchmarks replace the HTTP client. */
  client?: BotConfig<BotContext>["client"];
  /** Run before everything else, outside the error boundary (src/main.ts: metrics, updates under way, order per chat and user). */
  before?: Middleware<BotContext>[];
}

/** The stored sender, looked up once per update (started beside the redelivery check: see runtime.ts). */
const residentLookups = new WeakMap<object, Promise<Resident | null>>();
function lookUpResident(deps: BotDeps, ctx: BotContext): Promise<Resident | null> {
  let found = residentLookups.get(ctx.update);
  if (!found) {
    const from = ctx.from;
    // Only private chats and button presses need the stored person; group chatter costs no query.
    const needsResident = from && !from.is_bot && (ctx.chat?.type === "private" || ctx.callbackQuery !== undefined);
    found = needsResident ? deps.services.registration.find(BigInt(from.id)) : Promise.resolve(null);
    // A redelivered update never reads it: its failure must not go unhandled.
    found.catch(() => undefined);
    residentLookups.set(ctx.update, found);
  }
  return found;
}

/** Fills `ctx.fs`: the sender as stored (one query), their language, and lazily their roles. */
function frontstage(deps: BotDeps, menus: CommandMenus): Middleware<BotContext> {
  return async (ctx, next) => {
    const from = ctx.from;
    const resident = await lookUpResident(deps, ctx);
    const needsResident = from && !from.is_bot && (ctx.chat?.type === "private" || ctx.callbackQuery !== undefined);
    // Someone without a resident record (staff, a newcomer) has a language too: /lang, else Telegram's as last seen.
    let lang: Language = resident?.language ?? (needsResident ? await deps.services.languages.ofNonResident(BigInt(from.id), from.language_code) : languageFromTelegram(from?.language_code));
    let roles: Promise<Roles> | undefined;
    ctx.fs = {
      services: deps.services,
      translator: deps.translator,
      logger: deps.logger,
      menus,
      timeZone: deps.timeZone,
      resident,
      lang,
      t: deps.translator.forLanguage(lang),
      roles: () => (roles ??= deps.services.roles.rolesOf(BigInt(from?.id ?? 0))),
      actor: async () => person(BigInt(from?.id ?? 0), await (roles ??= deps.services.roles.rolesOf(BigInt(from?.id ?? 0)))),
      useLanguage(next) {
        lang = next;
        this.lang = next;
        this.t = deps.translator.forLanguage(next);
      },
      time: (at) => formatTime(at, deps.timeZone),
      download: async (fileId) => {
        const file = await ctx.api.getFile(fileId);
        if (!file.file_path) throw new Error("Telegram returned no file_path");
        const res = await fetch(`${deps.apiRoot}/file/bot${deps.token}/${file.file_path}`);
        if (!res.ok) throw new Error(`file download answered ${res.status}`);
        return new Uint8Array(await res.arrayBuffer());
      },
    };
    await next();
  };
}

/** Refuses what no handler should see: over-long texts and callback data that does not parse. */
const gate: Middleware<BotContext> = async (ctx, next) => {
  const text = ctx.message?.text ?? ctx.message?.caption;
  if (text !== undefined && text.length > MAX_TEXT) {
    await reply(ctx, ctx.fs.t("common.tooLong", { count: text.length, limit: MAX_TEXT }));
    return;
  }
  if (ctx.callbackQuery && !parseCallback(ctx.callbackQuery.data)) {
    await answer(ctx, ctx.fs.t("common.badButton"));
    return;
  }
  await next();
};

/** The refusal the guards give ("Only committee members may use /close …"), for a refusal that came from the use case itself. */
async function refuse(ctx: BotContext, e: NotAllowed, t: Translate): Promise<void> {
  const text = t("common.notAllowed", { role: t(`roles.${e.role}`), command: commandFor(e.action)?.name ?? "" });
  if (ctx.callbackQuery) await answer(ctx, text);
  else if (ctx.chat) await reply(ctx, text).catch(() => undefined);
}

export function createBot(deps: BotDeps): Bot<BotContext> {
  const bot = new Bot<BotContext>(deps.token, {
    ...(deps.botInfo ? { botInfo: deps.botInfo } : {}),
    // In webhook mode a button press's answer travels back in the HTTP answer to Telegram (src/server/http.ts):
    // its outcome is never read (answer() ignores it) and it is the first call of most presses.
    client: { apiRoot: deps.apiRoot, canUseWebhookReply: (method) => method === "answerCallbackQuery", ...deps.client },
  });
  const menus = new CommandMenus(bot.api, deps.translator);

  if (deps.before?.length) bot.use(...deps.before);
  // An update Telegram delivers again changes nothing and sends nothing.
  bot.use(skipRedelivered(deps, (ctx) => void lookUpResident(deps, ctx)), withoutNul);
  // One failing update never takes the bot down: it is logged with its id and the user gets an apology.
  bot.errorBoundary(async (err) => {
    const ctx = err.ctx;
    // A use case refused (src/domain/permissions.ts): nothing changed; the person is told in their language, as the guards do.
    if (err.error instanceof NotAllowed) return refuse(ctx, err.error, ctx.fs?.t ?? deps.translator.forLanguage(languageFromTelegram(ctx.from?.language_code)));
    deps.services.telemetry.updateFailed();
    deps.logger.error("update failed", { update_id: ctx.update.update_id, error: err.error });
    const t = ctx.fs?.t ?? deps.translator.forLanguage(languageFromTelegram(ctx.from?.language_code));
    // Only an outage is known not to have saved anything; any other failure may have stopped halfway.
    const apology = t(deps.services.isStorageOutage(err.error) ? "outage.notSaved" : "common.apology");
    if (ctx.callbackQuery) await answer(ctx, apology);
    else if (ctx.chat) await reply(ctx, apology).catch(() => undefined);
  }).use(frontstage(deps, menus), gate, reachabilityFeature(), votePressesFeature(), registrationFeature(), profileFeature(), answersFeature(), assignFeature(), actionsFeature(), residentFollowUpsFeature(), committeeFeature(), adminFeature(), consultationsFeature(), votingFeature(), announceFeature(), opinionFeature(), ratingFeature(), moderationFeature(), statementInputFeature(), officialFeature(), fallbackFeature());

  bot.catch((err) => deps.logger.error("unhandled bot error", { update_id: err.ctx.update.update_id, error: err.error }));
  return bot;
}

export { CommandMenus };

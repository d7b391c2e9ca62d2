import { Composer, InlineKeyboard } from "grammy";
import type { Decision, ModerationItem } from "../../app/statements/moderation.js";
import { THEME_MIN_STATEMENTS } from "../../app/statements/themes.js";
import type { StatementTheme } from "../../domain/themes/index.js";
import type { Language } from "../../domain/language.js";
import { isRejectReason, otherLanguage, REJECT_REASONS, type Statement } from "../../domain/statements/statement.js";
import type { Translate } from "../../i18n.js";
import { callback, callbackPattern, pressedArgs } from "../callbacks.js";
import type { BotContext } from "../context.js";
import { endSentence, sentences } from "../format.js";
import { commandArgs, staffOnly } from "../guards.js";
import { answer, dropButtons, edit, reply, sendTo } from "../replies.js";
import { buttonTitle, clipShown, statementBlock, statementWords, titleOf } from "../statements.js";
import { cancelKeyboard, toast } from "./opinion.js";

type Queue = "pending" | "untranslated";

/** A rejection reason in the reader's language: a listed one is translated, a typed one shown as typed. */
export function reasonText(t: Translate, reason: string | null): string {
  if (isRejectReason(reason)) return t(`moderation.reason.${reason}`);
  return reason ?? t("common.none");
}

function cardText(ctx: BotContext, item: ModerationItem, queue: Queue): string {
  const { t, lang } = ctx.fs;
  const s = item.statement;
  const title = item.consultation ? titleOf(item.consultation, lang) : `#${s.consultationId}`;
  const other = otherLanguage(s.originalLanguage);
  const otherText = other === "zh" ? s.textZh : s.textEn;
  const languageName = (l: Language) => t(`statement.language.${l}`);
  const lines = [
    t(queue === "pending" ? "moderation.queue" : "moderation.untranslatedQueue", { count: item.total }),
    "",
    t("moderation.header", { id: s.id, title }),
    s.seed ? t("moderation.seed") : t("moderation.written", { time: ctx.fs.time(s.createdAt) }),
    "",
    statementBlock(t, s, lang),
    "",
    otherText ? t("moderation.translation", { language: languageName(other), text: clipShown(otherText) }) : t("moderation.noTranslation", { language: languageName(other) }),
  ];
  if (s.status !== "pending") lines.push(t("moderation.statusLine", { status: t(`moderation.status.${s.status}`) }));
  return lines.join("\n");
}

function cardKeyboard(ctx: BotContext, s: Statement, queue: Queue): InlineKeyboard {
  const { t } = ctx.fs;
  const kb = new InlineKeyboard();
  if (queue === "pending" && s.status === "pending") kb.text(t("moderation.approve"), callback("mod", "ok", s.id)).text(t("moderation.reject"), callback("mod", "no", s.id)).row();
  kb.text(t("moderation.translate"), callback("mod", "tr", s.id));
  kb.text(t("moderation.skip"), queue === "pending" ? callback("mod", "skip", s.id) : callback("mtq", s.id));
  return kb;
}

async function sendItem(ctx: BotContext, item: ModerationItem | null, queue: Queue) {
  const { t } = ctx.fs;
  if (!item) return void (await reply(ctx, t("moderation.noMore")));
  await reply(ctx, cardText(ctx, item, queue), cardKeyboard(ctx, item.statement, queue));
}

/** What /moderate shows first (and after the last decision): the oldest pending statement, or what else needs doing. */
async function start(ctx: BotContext) {
  const { t } = ctx.fs;
  const moderation = ctx.fs.services.statements.moderation;
  const first = await moderation.nextPending(await ctx.fs.actor());
  if (first) return sendItem(ctx, first, "pending");
  const { untranslated } = await moderation.counts();
  if (untranslated === 0) return void (await reply(ctx, t("moderation.none")));
  await reply(ctx, t("moderation.noneButUntranslated", { count: untranslated }), new InlineKeyboard().text(t("moderation.translateQueue"), callback("mtq", 0)));
}

/** Tells the author, in their language, what the committee decided. */
async function notifyAuthor(ctx: BotContext, decision: Extract<Decision, { kind: "done" }>): Promise<boolean> {
  const author = decision.author;
  if (!author) return false;
  const lang = author.language;
  const t = ctx.fs.translator.forLanguage(lang);
  const vars = {
    title: decision.consultation ? titleOf(decision.consultation, lang) : `#${decision.statement.consultationId}`,
    text: statementWords(t, decision.statement, lang),
    reason: endSentence(reasonText(t, decision.statement.rejectReason), lang),
  };
  const text = t(decision.statement.status === "approved" ? "opinion.approvedNotice" : "opinion.rejectedNotice", vars);
  try {
    await sendTo(ctx.api, author.id, text);
    return true;
  } catch (e) {
    ctx.fs.logger.warn("could not tell an author about moderation", { error: e, update_id: ctx.update.update_id });
    return false;
  }
}

/** After a decision: the card shows the outcome (no buttons), the author is told, and the next pending one follows. */
export async function renderDecision(ctx: BotContext, statementId: number, decision: Decision, inPlace: boolean) {
  const { t } = ctx.fs;
  if (decision.kind === "unknown") {
    if (inPlace) {
      await answer(ctx, toast(t("moderation.unknown", { id: statementId })));
      await dropButtons(ctx);
    } else await reply(ctx, t("moderation.unknown", { id: statementId }));
    return;
  }
  if (decision.kind === "already") {
    const text = t("moderation.already", { id: statementId, status: t(`moderation.status.${decision.statement.status}`) });
    if (inPlace) {
      await answer(ctx, toast(text));
      await dropButtons(ctx);
    } else await reply(ctx, text);
    return;
  }
  const told = await notifyAuthor(ctx, decision);
  const s = decision.statement;
  const lang = ctx.fs.lang;
  const decided = s.status === "approved" ? t("moderation.approved", { id: s.id }) : t("moderation.rejected", { id: s.id, reason: endSentence(reasonText(t, s.rejectReason), lang) });
  const outcome = sentences(lang, told ? [decided, t("moderation.authorTold")] : [decided]);
  if (inPlace) {
    await answer(ctx);
    const item: ModerationItem = { statement: s, consultation: decision.consultation, total: 0 };
    const body = cardText(ctx, item, "pending").split("\n").slice(2).join("\n");
    await edit(ctx, `${outcome}\n\n${body}`);
  } else await reply(ctx, outcome);
  await start(ctx);
}

/** Rights are checked again on every press: a role may have been revoked since the card was sent. */
async function committeeOnly(ctx: BotContext, command: "moderate" | "themes" = "moderate"): Promise<boolean> {
  if ((await ctx.fs.roles()).has("committee")) return true;
  await answer(ctx, toast(ctx.fs.t("common.notAllowed", { role: ctx.fs.t("roles.committee"), command })));
  return false;
}

/** /moderate and /themes: the committee's work on residents' statements. */
export function moderationFeature(): Composer<BotContext> {
  const c = new Composer<BotContext>();
  const moderation = (ctx: BotContext) => ctx.fs.services.statements.moderation;

  c.command("moderate", staffOnly("committee", start));

  const buttons = c.chatType("private");
  buttons.callbackQuery(callbackPattern("mod"), async (ctx) => {
    if (!(await committeeOnly(ctx))) return;
    const { t } = ctx.fs;
    const [verb, id] = pressedArgs(ctx, "mod");
    const me = await ctx.fs.actor();
    switch (verb) {
      case "ok":
        return renderDecision(ctx, id, await moderation(ctx).approve(me, id), true);
      case "no": {
        const item = await moderation(ctx).view(me, id);
        if (!item) return renderDecision(ctx, id, { kind: "unknown" }, true);
        if (item.statement.status !== "pending") return renderDecision(ctx, id, { kind: "already", statement: item.statement }, true);
        const kb = new InlineKeyboard();
        for (const reason of REJECT_REASONS) kb.text(t(`moderation.reason.${reason}`), callback("mrj", id, reason)).row();
        kb.text(t("moderation.typeReason"), callback("mrj", id, "typed")).row().text(t("moderation.back"), callback("mod", "back", id));
        await answer(ctx);
        await edit(ctx, `${cardText(ctx, item, "pending")}\n\n${t("moderation.chooseReason", { id })}`, kb);
        return;
      }
      case "back": {
        const item = await moderation(ctx).view(me, id);
        if (!item) return renderDecision(ctx, id, { kind: "unknown" }, true);
        const { pending: total } = await moderation(ctx).counts();
        await answer(ctx);
        await edit(ctx, cardText(ctx, { ...item, total }, "pending"), cardKeyboard(ctx, item.statement, "pending"));
        return;
      }
      case "tr": {
        const s = await moderation(ctx).beginTranslation(me, id);
        if (!s) return renderDecision(ctx, id, { kind: "unknown" }, true);
        await answer(ctx);
        const original = s.originalLanguage === "zh" ? s.textZh : s.textEn;
        await reply(
          ctx,
          t("moderation.translatePrompt", { id, language: t(`statement.language.${otherLanguage(s.originalLanguage)}`), text: clipShown(original ?? "") }),
          cancelKeyboard(ctx),
        );
        return;
      }
      case "skip": {
        await answer(ctx);
        await dropButtons(ctx);
        return sendItem(ctx, await moderation(ctx).nextPending(me, id), "pending");
      }
    }
  });

  buttons.callbackQuery(callbackPattern("mrj"), async (ctx) => {
    if (!(await committeeOnly(ctx))) return;
    const { t } = ctx.fs;
    const [id, reason] = pressedArgs(ctx, "mrj");
    const me = await ctx.fs.actor();
    if (reason !== "typed") return renderDecision(ctx, id, await moderation(ctx).reject(me, id, reason), true);
    const s = await moderation(ctx).beginTypedReason(me, id);
    if (!s) return renderDecision(ctx, id, { kind: "unknown" }, true);
    if (s.status !== "pending") return renderDecision(ctx, id, { kind: "already", statement: s }, true);
    await answer(ctx);
    await reply(ctx, t("moderation.reasonPrompt", { id }), cancelKeyboard(ctx));
  });

  buttons.callbackQuery(callbackPattern("mtq"), async (ctx) => {
    if (!(await committeeOnly(ctx))) return;
    const [after] = pressedArgs(ctx, "mtq");
    await answer(ctx);
    await dropButtons(ctx);
    await sendItem(ctx, await moderation(ctx).nextUntranslated(await ctx.fs.actor(), after), "untranslated");
  });

  c.command(
    "themes",
    staffOnly("committee", async (ctx) => {
      const { t, lang } = ctx.fs;
      const [arg] = commandArgs(ctx);
      if (arg !== undefined) {
        if (!/^\d{1,9}$/.test(arg)) return void (await reply(ctx, t("themes.usage")));
        return void (await reply(ctx, await themesText(ctx, Number(arg))));
      }
      const open = await ctx.fs.services.statements.openConsultations();
      if (open.length === 0) return void (await reply(ctx, t("themes.noneOpen")));
      if (open.length === 1) return void (await reply(ctx, await themesText(ctx, open[0]!.id)));
      const kb = new InlineKeyboard();
      for (const consultation of open) kb.text(buttonTitle(consultation, lang), callback("th", consultation.id)).row();
      await reply(ctx, t("themes.choose"), kb);
    }),
  );

  buttons.callbackQuery(callbackPattern("th"), async (ctx) => {
    if (!(await committeeOnly(ctx, "themes"))) return;
    const [id] = pressedArgs(ctx, "th");
    await answer(ctx);
    await dropButtons(ctx);
    await reply(ctx, await themesText(ctx, id));
  });
  return c;
}

async function themesText(ctx: BotContext, consultationId: number): Promise<string> {
  const { t, lang } = ctx.fs;
  const found = await ctx.fs.services.statements.consultationThemes(consultationId);
  if (!found) return t("themes.unknown", { id: consultationId });
  const title = titleOf(found.consultation, lang);
  if (found.statementCount === 0) return t("themes.none", { title });
  if (found.statementCount < THEME_MIN_STATEMENTS) return t("themeList.tooFew", { title, count: found.statementCount });
  if (found.themes.length === 0) return t("themeList.noneShared", { title, count: found.statementCount });
  // A merged theme shows its first four terms (most statements first); more would read as a list, not a theme.
  const terms = (th: StatementTheme) => th.terms.slice(0, 4).join(" / ") + (th.terms.length > 4 ? " / …" : "");
  return [
    t("themeList.title", { title, count: found.statementCount }),
    ...found.themes.map((th, i) => t("themeList.item", { rank: i + 1, terms: terms(th), count: th.statements })),
  ].join("\n");
}

import { Composer, InlineKeyboard } from "grammy";
import type { Submission } from "../../app/statements/opinions.js";
import type { ConsultationFacts } from "../../app/statements/ports.js";
import { MAX_STATEMENT_LENGTH } from "../../domain/statements/text.js";
import { callback, callbackPattern, pressedArgs } from "../callbacks.js";
import type { BotContext } from "../context.js";
import { privateOnly } from "../guards.js";
import { answer, dropButtons, reply } from "../replies.js";
import { buttonTitle, refusalText, statementWords, titleOf } from "../statements.js";
import { clip } from "../../domain/text/clip.js";

/** Telegram shows at most 200 characters in a button's answer. */
export const toast = (text: string) => clip(text, 200);

export const cancelKeyboard = (ctx: BotContext) => new InlineKeyboard().text(ctx.fs.t("opinion.cancel"), callback("stx"));

async function prompt(ctx: BotContext, consultation: ConsultationFacts) {
  const { t, lang } = ctx.fs;
  const text = [
    t("opinion.prompt", { title: titleOf(consultation, lang), limit: MAX_STATEMENT_LENGTH }),
    "",
    t(consultation.moderated ? "opinion.promptModerated" : "opinion.promptUnmoderated"),
  ].join("\n");
  await reply(ctx, text, cancelKeyboard(ctx));
}

/** What the resident sees after sending a statement. */
export async function renderSubmission(ctx: BotContext, outcome: Submission) {
  const { t, lang } = ctx.fs;
  switch (outcome.kind) {
    case "refused":
      return void (await reply(ctx, refusalText(t, lang, outcome.refusal)));
    case "invalid": {
      const c = outcome.check;
      const text = c.problem === "too-long" ? t("opinion.tooLong", { count: c.count, limit: c.limit }) : t(c.problem === "empty" ? "opinion.empty" : "opinion.question");
      return void (await reply(ctx, text, cancelKeyboard(ctx)));
    }
    case "duplicate": {
      const key = { approved: "opinion.duplicateApproved", pending: "opinion.duplicatePending", rejected: "opinion.duplicateRejected" }[outcome.existing.status];
      return void (await reply(ctx, t(key, { text: statementWords(t, outcome.existing, lang) }), cancelKeyboard(ctx)));
    }
    case "yours": {
      const key = { approved: "ownStatement.published", pending: "ownStatement.pending", rejected: "ownStatement.rejected" }[outcome.existing.status];
      return void (await reply(ctx, t(key, { text: statementWords(t, outcome.existing, lang) })));
    }
    case "saved": {
      const vars = { title: titleOf(outcome.consultation, lang), text: statementWords(t, outcome.statement, lang) };
      return void (await reply(ctx, t(outcome.statement.status === "approved" ? "opinion.savedPublished" : "opinion.savedPending", vars)));
    }
  }
}

/** /opinion: a verified resident of the audience writes one statement. */
export function opinionFeature(): Composer<BotContext> {
  const c = new Composer<BotContext>();

  c.command(
    "opinion",
    privateOnly(async (ctx) => {
      const { t, lang, resident } = ctx.fs;
      const opinions = ctx.fs.services.statements.opinions;
      const choice = await opinions.choose(resident);
      if (choice.kind === "refused") return void (await reply(ctx, refusalText(t, lang, choice.refusal)));
      if (choice.kind === "choose") {
        const kb = new InlineKeyboard();
        for (const consultation of choice.consultations) kb.text(buttonTitle(consultation, lang), callback("op", consultation.id)).row();
        return void (await reply(ctx, t("opinion.choose"), kb));
      }
      const inline = ctx.match.trim();
      if (inline !== "") {
        const outcome = await opinions.submit(resident, choice.consultation.id, inline);
        // Something to fix: the next message is the corrected statement.
        if (outcome.kind === "invalid" || outcome.kind === "duplicate") await opinions.beginWriting(resident!, choice.consultation.id);
        return renderSubmission(ctx, outcome);
      }
      const target = await opinions.beginWriting(resident!, choice.consultation.id);
      if (target.kind === "refused") return void (await reply(ctx, refusalText(t, lang, target.refusal)));
      await prompt(ctx, target.consultation);
    }),
  );

  const buttons = c.chatType("private");
  // Also attached by the consultation view: the rights and the consultation's state are checked here.
  buttons.callbackQuery(callbackPattern("op"), async (ctx) => {
    const { t, lang, resident } = ctx.fs;
    const [consultationId] = pressedArgs(ctx, "op");
    if (!resident) return void (await answer(ctx, toast(t("common.notRegistered"))));
    const target = await ctx.fs.services.statements.opinions.beginWriting(resident, consultationId);
    if (target.kind === "refused") return void (await answer(ctx, toast(refusalText(t, lang, target.refusal))));
    await answer(ctx);
    await prompt(ctx, target.consultation);
  });

  // Cancel a typed input of any kind this feature family asks for.
  buttons.callbackQuery(callbackPattern("stx"), async (ctx) => {
    const id = BigInt(ctx.from.id);
    const s = ctx.fs.services.statements;
    await s.opinions.cancelWriting(id);
    await s.moderation.cancelInput(id);
    await answer(ctx);
    await dropButtons(ctx);
    await reply(ctx, ctx.fs.t("opinion.cancelled"));
  });
  return c;
}

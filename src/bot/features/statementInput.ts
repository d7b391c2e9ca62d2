import { Composer } from "grammy";
import type { BotContext } from "../context.js";
import { reply } from "../replies.js";
import { renderDecision } from "./moderation.js";
import { cancelKeyboard, renderSubmission } from "./opinion.js";
import { statementBlock } from "../statements.js";

/**
 * Text typed into a statement input: a resident's statement, a committee
 * member's rejection reason or translation. Commands pass through (they are
 * handled, or named as unknown, elsewhere); so do inputs of other features.
 */
export function statementInputFeature(): Composer<BotContext> {
  const c = new Composer<BotContext>();
  const priv = c.chatType("private");

  // /cancel (the consultations feature passes it on when the conversation is not one of its own).
  priv.command("cancel", async (ctx, next) => {
    const userId = BigInt(ctx.from.id);
    const s = ctx.fs.services.statements;
    const input = await s.inputs.current(userId);
    if (!input) return next();
    if (input.kind === "statement") await s.opinions.cancelWriting(userId);
    else await s.moderation.cancelInput(userId);
    await reply(ctx, ctx.fs.t("opinion.cancelled"));
  });

  priv.on("message:text", async (ctx, next) => {
    const text = ctx.message.text;
    if (text.startsWith("/")) return next();
    const userId = BigInt(ctx.from.id);
    const s = ctx.fs.services.statements;
    const input = await s.inputs.current(userId);
    if (!input) return next();
    const { t } = ctx.fs;
    switch (input.kind) {
      case "statement":
        return renderSubmission(ctx, await s.opinions.submit(ctx.fs.resident, input.consultationId, text));
      case "reject-reason": {
        // The committee role is checked again: it may have been revoked while typing.
        if (!(await ctx.fs.roles()).has("committee")) {
          await s.moderation.cancelInput(userId);
          return next();
        }
        if (text.trim() === "") return void (await reply(ctx, t("moderation.reasonEmpty"), cancelKeyboard(ctx)));
        return renderDecision(ctx, input.statementId, await s.moderation.reject(await ctx.fs.actor(), input.statementId, text), false);
      }
      case "translation": {
        if (!(await ctx.fs.roles()).has("committee")) {
          await s.moderation.cancelInput(userId);
          return next();
        }
        const outcome = await s.moderation.translate(await ctx.fs.actor(), input.statementId, text);
        if (outcome.kind === "unknown") return void (await reply(ctx, t("moderation.unknown", { id: input.statementId })));
        if (outcome.kind === "invalid") {
          const message = outcome.problem === "too-long" ? t("opinion.tooLong", { count: outcome.count, limit: outcome.limit }) : t("opinion.empty");
          return void (await reply(ctx, message, cancelKeyboard(ctx)));
        }
        const saved = t("moderation.translated", { id: input.statementId, language: t(`statement.language.${outcome.language}`) });
        return void (await reply(ctx, `${saved}\n\n${statementBlock(t, outcome.statement, outcome.language)}`));
      }
    }
  });

  // A photo or sticker while a statement is expected.
  priv.on("message", async (ctx, next) => {
    if (ctx.message.text !== undefined) return next();
    const input = await ctx.fs.services.statements.inputs.current(BigInt(ctx.from.id));
    if (!input) return next();
    await reply(ctx, ctx.fs.t("common.textExpected"), cancelKeyboard(ctx));
  });
  return c;
}

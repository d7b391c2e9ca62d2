// The committee's side of a government answer: Relay (to participants, or to
// the whole audience), Add translation, Send back with a note. Each press
// checks the role again (a revoked member changes nothing) and the answer's
// state (a second Relay sends nothing); typed translations and notes go
// through the conversation store like every other typed input.
import { Composer, InlineKeyboard } from "grammy";
import type { Answer } from "../../../domain/answers/answer.js";
import type { AnswerRefusal, SendBackOutcome, TranslateOutcome } from "../../../app/answers/index.js";
import { callback, callbackPattern, pressedArgs } from "../../callbacks.js";
import type { BotContext } from "../../context.js";
import { z } from "zod";
import { HOUR_MS, defineConversation } from "../../../app/conversations/index.js";
import { conversationOf, readConversation } from "../../conversation.js";
import { answer, reply } from "../../replies.js";
import { orNotAllowed, type Refused } from "../../guards.js";

const typedFor = z.object({ answerId: z.number().int().positive() });
/** A committee member typing an answer's translation, or a note sending it back; lapses like any typed input, after an hour. */
export const ANSWER_TRANSLATION = defineConversation({ name: "answer-translation", schema: typedFor, lifetimeMs: HOUR_MS });
export const ANSWER_NOTE = defineConversation({ name: "answer-note", schema: typedFor, lifetimeMs: HOUR_MS });
const kindOf = (name: string | undefined) => (name === ANSWER_TRANSLATION.name ? ANSWER_TRANSLATION : name === ANSWER_NOTE.name ? ANSWER_NOTE : null);
const refusedRole = (ctx: BotContext, command: string) => ctx.fs.t("common.notAllowed", { role: ctx.fs.t("roles.committee"), command });

function notAwaiting(ctx: BotContext, a: Answer): string {
  if (a.status === "relayed") return ctx.fs.t("answer.alreadyRelayed", { id: a.consultationId, time: ctx.fs.time(a.relayedAt!) });
  return ctx.fs.t("answer.alreadyReturned", { id: a.consultationId });
}

function refusal(ctx: BotContext, o: AnswerRefusal | Refused, command: string): string {
  if (o.kind === "not-allowed") return refusedRole(ctx, command);
  return ctx.fs.t("answer.unknown");
}

/** The committee's buttons for an answer, as a keyboard (the outbox builds the same from its drafts). */
async function choices(ctx: BotContext, a: Answer): Promise<InlineKeyboard> {
  const kb = new InlineKeyboard();
  for (const b of ctx.fs.services.answers.committeeButtons(ctx.fs.lang, a)) kb.text(b.text, callback(b.action as "ar", ...b.args)).row();
  return kb;
}

export function relayAnswerFeature(): Composer<BotContext> {
  const c = new Composer<BotContext>();
  const priv = c.chatType("private");

  priv.callbackQuery(callbackPattern("ar"), async (ctx) => {
    const [id, scope] = pressedArgs(ctx, "ar");
    const o = await orNotAllowed(async () => ctx.fs.services.answers.relay(await ctx.fs.actor(), id, scope === "e" ? "everyone" : "participants"));
    if (o.kind === "relayed") {
      await answer(ctx, ctx.fs.t("answer.relayedToast"));
      return void (await reply(ctx, ctx.fs.t(scope === "e" ? "answer.relayedEveryone" : "answer.relayedParticipants", { id: o.answer.consultationId, count: o.recipients })));
    }
    await answer(ctx, o.kind === "not-awaiting" ? notAwaiting(ctx, o.answer) : refusal(ctx, o, "relay"));
  });

  priv.callbackQuery(callbackPattern("at"), async (ctx) => {
    const [id] = pressedArgs(ctx, "at");
    const o = await orNotAllowed(async () => ctx.fs.services.answers.translationTarget(await ctx.fs.actor(), id));
    if (o.kind === "complete") return void (await answer(ctx, ctx.fs.t("answer.bothLanguages")));
    if (o.kind === "not-awaiting") return void (await answer(ctx, notAwaiting(ctx, o.answer)));
    if (o.kind !== "target") return void (await answer(ctx, refusal(ctx, o, "translate")));
    await answer(ctx);
    await ctx.fs.services.conversations.start(BigInt(ctx.from.id), ANSWER_TRANSLATION, { answerId: id });
    await reply(ctx, ctx.fs.t("answer.askTranslation", { id: o.answer.consultationId, language: ctx.fs.t(`newc.language.${o.lang}`) }));
  });

  priv.callbackQuery(callbackPattern("ak"), async (ctx) => {
    const [id] = pressedArgs(ctx, "ak");
    const o = await orNotAllowed(async () => ctx.fs.services.answers.translationTarget(await ctx.fs.actor(), id));
    if (o.kind === "not-awaiting") return void (await answer(ctx, notAwaiting(ctx, o.answer)));
    if (o.kind !== "target" && o.kind !== "complete") return void (await answer(ctx, refusal(ctx, o, "send back")));
    await answer(ctx);
    await ctx.fs.services.conversations.start(BigInt(ctx.from.id), ANSWER_NOTE, { answerId: id });
    await reply(ctx, ctx.fs.t("answer.askNote"));
  });

  priv.command("cancel", async (ctx, next) => {
    const kind = kindOf((await conversationOf(ctx))?.kind);
    if (!kind) return next();
    await ctx.fs.services.conversations.drop(BigInt(ctx.from.id), kind);
    await reply(ctx, ctx.fs.t("answer.cancelled"));
  });

  priv.on("message:text", async (ctx, next) => {
    if (ctx.message.text.startsWith("/")) return next();
    const kind = kindOf((await conversationOf(ctx))?.kind);
    if (!kind) return next();
    const r = await readConversation(ctx, kind);
    if (r.status !== "active") return;
    const { t } = ctx.fs;
    const userId = BigInt(ctx.from.id);
    const actor = await ctx.fs.actor();
    const { answerId } = r.held.state;
    const answers = ctx.fs.services.answers;
    const o = await orNotAllowed<TranslateOutcome | SendBackOutcome>(() => (kind === ANSWER_TRANSLATION ? answers.translate(actor, answerId, ctx.message.text) : answers.sendBack(actor, answerId, ctx.message.text)));
    // A text problem keeps the conversation: the person types again.
    if (o.kind === "text") return void (await reply(ctx, t(o.problem === "empty" ? "answer.problem.empty" : "answer.problem.tooLong", { max: o.max })));
    await ctx.fs.services.conversations.end(userId, r.held);
    switch (o.kind) {
      case "translated":
        return void (await reply(ctx, t("answer.translated", { language: t(`newc.language.${o.lang}`) }) + "\n\n" + (await committeeView(ctx, o.answer)), await choices(ctx, o.answer)));
      case "returned":
        return void (await reply(ctx, t("answer.returned", { id: o.answer.consultationId })));
      case "complete":
        return void (await reply(ctx, t("answer.bothLanguages")));
      case "not-awaiting":
        return void (await reply(ctx, notAwaiting(ctx, o.answer)));
      default:
        return void (await reply(ctx, refusal(ctx, o, kind === ANSWER_NOTE ? "send back" : "translate")));
    }
  });
  return c;
}

async function committeeView(ctx: BotContext, a: Answer): Promise<string> {
  const consultation = await ctx.fs.services.consultations.lifecycle.find(a.consultationId);
  return consultation ? ctx.fs.services.answers.committeeText(ctx.fs.lang, a, consultation) : "";
}

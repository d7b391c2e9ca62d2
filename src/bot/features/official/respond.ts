// /respond <number> (official): the town government's answer to a submitted
// report, step by step — Chinese (or skip), English (or skip; one is
// required), one optional document or photo, then a preview to send or
// cancel. The state lives in the conversation store, so a restart loses
// nothing; every step's buttons carry its revision, so old buttons are refused.
import { Composer, InlineKeyboard } from "grammy";
import { advanceRespond, startRespond, type RespondInput, type RespondProblem, type RespondState } from "../../../domain/answers/respond.js";
import { pickText } from "../../../domain/consultations/texts.js";
import { callback, callbackPattern, pressedArgs } from "../../callbacks.js";
import type { BotContext } from "../../context.js";
import { z } from "zod";
import { DAY_MS, defineConversation, type Held } from "../../../app/conversations/index.js";
import { conversationOf, pressConversation, readConversation } from "../../conversation.js";
import { orNotAllowed, staffOnly } from "../../guards.js";
import { answer, dropButtons, reply } from "../../replies.js";
import { numberArg } from "./access.js";

const count = z.number().int().nonnegative();
const respondStateSchema: z.ZodType<RespondState> = z.object({
  rev: count,
  consultationId: count,
  version: count,
  step: z.enum(["zh", "en", "file", "preview"]),
  zh: z.string().optional(),
  en: z.string().optional(),
  file: z.object({ id: z.string().min(1), kind: z.enum(["photo", "document"]) }).optional(),
});

/** An official's answer, written step by step; left alone for a day, it is lost. */
export const RESPOND = defineConversation({ name: "respond", schema: respondStateSchema, lifetimeMs: DAY_MS });
const refusedRole = (ctx: BotContext) => ctx.fs.t("common.notAllowed", { role: ctx.fs.t("roles.official"), command: "respond" });

function problemText(ctx: BotContext, p: RespondProblem): string {
  const { t } = ctx.fs;
  switch (p.code) {
    case "empty":
      return t("answer.problem.empty");
    case "too-long":
      return t("answer.problem.tooLong", { max: p.max });
    case "need-one":
      return t("answer.problem.needOne");
    case "text-expected":
      return t("common.textExpected");
    case "file-expected":
      return t("answer.problem.fileExpected");
  }
}

async function prompt(ctx: BotContext, s: RespondState, prefix?: string): Promise<void> {
  const { t } = ctx.fs;
  const kb = new InlineKeyboard();
  let question: string;
  switch (s.step) {
    case "zh":
    case "en":
      question = t(`answer.ask.${s.step}`, { id: s.consultationId, version: s.version });
      kb.text(t("answer.skip"), callback("rs", s.rev, "skip")).row();
      break;
    case "file":
      question = t("answer.ask.file");
      kb.text(t("answer.noFile"), callback("rs", s.rev, "skip")).row();
      break;
    case "preview": {
      const blocks = (["zh", "en"] as const).filter((l) => s[l]).map((l) => t("answer.languageBlock", { language: t(`newc.language.${l}`), text: s[l] }));
      question = [t("answer.preview", { id: s.consultationId, version: s.version }), ...blocks, ...(s.file ? [t("answer.attachmentLine", { kind: t(`answer.kind.${s.file.kind}`) })] : [])].join("\n\n");
      kb.text(t("answer.send"), callback("rs", s.rev, "send")).row();
      break;
    }
  }
  kb.text(t("newc.cancel"), callback("rs", s.rev, "cancel"));
  await reply(ctx, [prefix, question].filter(Boolean).join("\n\n"), kb);
}

async function move(ctx: BotContext, held: Held<RespondState>, input: RespondInput): Promise<void> {
  const s = held.state;
  const r = advanceRespond(s, input);
  if (!r.ok) return prompt(ctx, s, problemText(ctx, r.problem));
  if (!(await ctx.fs.services.conversations.move(BigInt(ctx.from!.id), held, r.state))) return void (await reply(ctx, ctx.fs.t("common.staleButton")));
  await prompt(ctx, r.state);
}

/**
 * The respond conversation of the sender, if an official is in one (a revoked official's is
 * dropped): null passes the message on; "lost" means the person was told it could not go on.
 */
async function current(ctx: BotContext): Promise<Held<RespondState> | "lost" | null> {
  if ((await conversationOf(ctx))?.kind !== RESPOND.name) return null;
  if (!(await ctx.fs.roles()).has("official")) {
    await ctx.fs.services.conversations.drop(BigInt(ctx.from!.id), RESPOND);
    return null;
  }
  const r = await readConversation(ctx, RESPOND);
  return r.status === "active" ? r.held : r.status === "lost" ? "lost" : null;
}

export function respondFeature(): Composer<BotContext> {
  const c = new Composer<BotContext>();
  const priv = c.chatType("private");

  c.command(
    "respond",
    staffOnly("official", async (ctx) => {
      const { t } = ctx.fs;
      const id = numberArg(ctx.match);
      if (id === null) return void (await reply(ctx, t("answer.usage")));
      const checked = await orNotAllowed(async () => ctx.fs.services.answers.check(await ctx.fs.actor(), id));
      if (checked.kind === "not-allowed") return void (await reply(ctx, refusedRole(ctx)));
      if (checked.kind !== "ok") return void (await reply(ctx, t("answer.notSubmitted", { id })));
      const { state: s } = await ctx.fs.services.conversations.start(BigInt(ctx.from!.id), RESPOND, startRespond(id, checked.version));
      await prompt(ctx, s, t("answer.start", { id, title: pickText(checked.consultation.title, ctx.fs.lang).text, version: checked.version }));
    }),
  );

  priv.command("cancel", async (ctx, next) => {
    if ((await conversationOf(ctx))?.kind !== RESPOND.name) return next();
    await ctx.fs.services.conversations.drop(BigInt(ctx.from.id), RESPOND);
    await reply(ctx, ctx.fs.t("answer.cancelled"));
  });

  priv.callbackQuery(callbackPattern("rs"), async (ctx) => {
    const { t } = ctx.fs;
    const [rev, choice] = pressedArgs(ctx, "rs");
    if (!(await ctx.fs.roles()).has("official")) return void (await answer(ctx, refusedRole(ctx)));
    const userId = BigInt(ctx.from.id);
    const held = await pressConversation(ctx, RESPOND, rev, t("newc.expired"));
    if (!held) return;
    const s = held.state;
    const conversations = ctx.fs.services.conversations;
    if (choice === "cancel") {
      await conversations.end(userId, held);
      return void (await reply(ctx, t("answer.cancelled")));
    }
    if (choice === "send") {
      if (s.step !== "preview") return void (await prompt(ctx, s));
      // Taking the conversation first: a second press sends nothing.
      if (!(await conversations.end(userId, held))) return void (await reply(ctx, t("common.staleButton")));
      const actor = await ctx.fs.actor();
      const o = await orNotAllowed(() => ctx.fs.services.answers.respond(actor, { consultationId: s.consultationId, version: s.version, text: { ...(s.zh ? { zh: s.zh } : {}), ...(s.en ? { en: s.en } : {}) }, file: s.file ?? null }));
      if (o.kind === "sent") return void (await reply(ctx, t("answer.sent", { id: s.consultationId, version: s.version, count: o.notified })));
      if (o.kind === "empty") return void (await reply(ctx, t("answer.problem.empty")));
      if (o.kind === "not-allowed") return void (await reply(ctx, refusedRole(ctx)));
      return void (await reply(ctx, t("answer.notSubmitted", { id: s.consultationId })));
    }
    await move(ctx, held, { button: "skip" });
  });

  priv.on("message:text", async (ctx, next) => {
    if (ctx.message.text.startsWith("/")) return next();
    const held = await current(ctx);
    if (held === null) return next();
    if (held !== "lost") await move(ctx, held, { text: ctx.message.text });
  });

  // Runs before the committee's file handlers: an official's document here is the town's notice, not a roster.
  priv.on(["message:document", "message:photo"], async (ctx, next) => {
    const held = await current(ctx);
    if (held === null) return next();
    if (held === "lost") return;
    const photo = ctx.message.photo?.at(-1);
    const file = photo ? { id: photo.file_id, kind: "photo" as const } : { id: ctx.message.document!.file_id, kind: "document" as const };
    await move(ctx, held, { file });
  });

  // A sticker, voice message… while the answer is being written.
  priv.on("message", async (ctx, next) => {
    const held = await current(ctx);
    if (held === null) return next();
    if (held === "lost") return;
    const s = held.state;
    await prompt(ctx, s, ctx.fs.t(s.step === "file" ? "answer.problem.fileExpected" : "common.textExpected"));
  });
  return c;
}

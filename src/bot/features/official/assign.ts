// /assign <number> (official): a follow-up action step by step, like /new —
// the department (buttons), what will be done in Chinese and/or English, the
// due date, the report items it answers (buttons), then a confirmation. The
// state is a ChatState row checked with zod (stateOf); every step's buttons
// carry its revision, so old buttons are refused and a second press creates nothing.
import { Composer, InlineKeyboard } from "grammy";
import { z } from "zod";
import { advanceAssign, startAssign, type AssignInput, type AssignProblem, type AssignState } from "../../../domain/actions/assign.js";
import { pickText } from "../../../domain/consultations/texts.js";
import { clip } from "../../../domain/text/clip.js";
import type { AssignCheck } from "../../../app/actions/followUps.js";
import { callback, callbackPattern, pressedArgs } from "../../callbacks.js";
import type { BotContext } from "../../context.js";
import { DAY_MS, defineConversation, type Held } from "../../../app/conversations/index.js";
import { conversationOf, pressConversation, readConversation } from "../../conversation.js";
import { orNotAllowed, staffOnly } from "../../guards.js";
import { answer, reply } from "../../replies.js";
import { numberArg } from "./access.js";

const assignStateSchema: z.ZodType<AssignState> = z.object({
  rev: z.number().int().positive(),
  consultationId: z.number().int().positive(),
  step: z.enum(["department", "zh", "en", "due", "items", "confirm"]),
  departmentId: z.number().int().positive().optional(),
  zh: z.string().optional(),
  en: z.string().optional(),
  due: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).optional(),
  items: z.array(z.string().regex(/^[ps]\d{1,9}$/)).max(20),
});

/** An official assigning a follow-up action, step by step; waits a day for the next step, like /new. */
export const ASSIGN = defineConversation({ name: "assign", schema: assignStateSchema, lifetimeMs: DAY_MS });
const conversations = (ctx: BotContext) => ctx.fs.services.conversations;
const followUps = (ctx: BotContext) => ctx.fs.services.followUps.actions;
const refusedRole = (ctx: BotContext) => ctx.fs.t("common.notAllowed", { role: ctx.fs.t("roles.official"), command: "assign" });

export function assignProblemText(ctx: BotContext, p: AssignProblem): string {
  const { t } = ctx.fs;
  switch (p.code) {
    case "empty":
      return t("followup.problem.empty");
    case "too-long":
      return t("followup.problem.tooLong", { max: p.max });
    case "need-one":
      return t("followup.problem.needOne");
    case "unknown-department":
      return t("followup.problem.unknownDepartment");
    case "unknown-item":
      return t("followup.problem.unknownItem");
    case "too-many-items":
      return t("followup.problem.tooManyItems", { max: p.max });
    case "buttons-expected":
      return t("followup.problem.buttonsExpected");
    case "text-expected":
      return t("common.textExpected");
    case "unparseable":
      return t("followup.problem.unparseable");
    case "past":
      return t("followup.problem.past", { today: p.today });
  }
}

async function prompt(ctx: BotContext, s: AssignState, ok: Extract<AssignCheck, { kind: "ok" }>, prefix?: string): Promise<void> {
  const { t, lang } = ctx.fs;
  const kb = new InlineKeyboard();
  let question: string;
  switch (s.step) {
    case "department":
      question = t("followup.ask.department");
      ok.departments.forEach((d, i) => {
        if (i > 0 && i % 2 === 0) kb.row();
        kb.text(clip(d.name[lang], 30), callback("as", s.rev, `d${d.id}`));
      });
      kb.row();
      break;
    case "zh":
    case "en":
      question = t(`followup.ask.${s.step}`);
      kb.text(t("followup.skip"), callback("as", s.rev, "skip")).row();
      break;
    case "due":
      question = t("followup.ask.due");
      break;
    case "items":
      question = [t("followup.ask.items"), t("followup.chosen", { count: s.items.length })].join("\n");
      for (const item of ok.items) kb.text(`${s.items.includes(item.key) ? "✓ " : ""}${item.key.startsWith("p") ? "📊" : "💬"} ${clip(pickText(item.text, lang).text, 40)}`, callback("as", s.rev, item.key)).row();
      kb.text(t("followup.done"), callback("as", s.rev, "done")).row();
      break;
    case "confirm": {
      const dep = ok.departments.find((d) => d.id === s.departmentId);
      question = [t("followup.ask.confirm"), t("followup.preview", { department: dep?.name[lang] ?? "?", what: pickText({ ...(s.zh ? { zh: s.zh } : {}), ...(s.en ? { en: s.en } : {}) }, lang).text, due: s.due, count: s.items.length })].join("\n\n");
      kb.text(t("followup.create"), callback("as", s.rev, "create")).row();
      break;
    }
  }
  kb.text(t("followup.cancel"), callback("as", s.rev, "cancel"));
  await reply(ctx, [prefix, question].filter(Boolean).join("\n\n"), kb);
}

async function move(ctx: BotContext, held: Held<AssignState>, input: AssignInput): Promise<void> {
  const s = held.state;
  const ok = await orNotAllowed(async () => followUps(ctx).assignCheck(await ctx.fs.actor(), s.consultationId));
  if (ok.kind !== "ok") return void (await reply(ctx, checkText(ctx, ok, s.consultationId)));
  const r = advanceAssign(s, input, { now: ctx.fs.services.clock.now(), timeZone: ctx.fs.timeZone, departments: ok.departments.map((d) => d.id), items: ok.items.map((i) => i.key) });
  if (!r.ok) return prompt(ctx, s, ok, assignProblemText(ctx, r.problem));
  if (!(await conversations(ctx).move(BigInt(ctx.from!.id), held, r.state))) return void (await reply(ctx, ctx.fs.t("common.staleButton")));
  await prompt(ctx, r.state, ok);
}

function checkText(ctx: BotContext, c: Exclude<AssignCheck, { kind: "ok" }>, id: number): string {
  if (c.kind === "not-allowed") return refusedRole(ctx);
  if (c.kind === "no-departments") return ctx.fs.t("followup.noDepartments");
  if (c.kind === "not-found") return ctx.fs.t("followup.notFound");
  return ctx.fs.t("followup.notSubmitted", { id });
}

/** The sender's /assign state, if they are in one and still an official (a revoked official's is dropped). */
async function current(ctx: BotContext): Promise<Held<AssignState> | "handled" | null> {
  const state = await conversationOf(ctx);
  if (state?.kind !== ASSIGN.name) return null;
  if (!(await ctx.fs.roles()).has("official")) {
    await conversations(ctx).drop(BigInt(ctx.from!.id), ASSIGN);
    return null;
  }
  const r = await readConversation(ctx, ASSIGN);
  return r.status === "active" ? r.held : r.status === "lost" ? "handled" : null;
}

export function assignFeature(): Composer<BotContext> {
  const c = new Composer<BotContext>();
  const priv = c.chatType("private");

  c.command(
    "assign",
    staffOnly("official", async (ctx) => {
      const { t } = ctx.fs;
      const id = numberArg(ctx.match);
      if (id === null) return void (await reply(ctx, t("followup.usage")));
      const ok = await orNotAllowed(async () => followUps(ctx).assignCheck(await ctx.fs.actor(), id));
      if (ok.kind !== "ok") return void (await reply(ctx, checkText(ctx, ok, id)));
      const s = startAssign(id);
      await conversations(ctx).start(BigInt(ctx.from!.id), ASSIGN, s);
      await prompt(ctx, s, ok, t("followup.start", { id, title: pickText(ok.consultation.title, ctx.fs.lang).text }));
    }),
  );

  priv.command("cancel", async (ctx, next) => {
    const state = await conversationOf(ctx);
    if (state?.kind !== ASSIGN.name) return next();
    await conversations(ctx).drop(BigInt(ctx.from.id), ASSIGN);
    await reply(ctx, ctx.fs.t("followup.cancelled"));
  });

  priv.callbackQuery(callbackPattern("as"), async (ctx) => {
    const { t } = ctx.fs;
    const [rev, choice] = pressedArgs(ctx, "as");
    if (!(await ctx.fs.roles()).has("official")) return void (await answer(ctx, refusedRole(ctx)));
    const userId = BigInt(ctx.from.id);
    const held = await pressConversation(ctx, ASSIGN, rev, t("newc.expired"));
    if (!held) return;
    const s = held.state;
    if (choice === "cancel") {
      await conversations(ctx).end(userId, held);
      return void (await reply(ctx, t("followup.cancelled")));
    }
    if (choice === "create") {
      if (s.step !== "confirm") return void (await reply(ctx, t("followup.problem.buttonsExpected")));
      // Taking the conversation first: a second press creates nothing.
      if (!(await conversations(ctx).end(userId, held))) return void (await reply(ctx, t("common.staleButton")));
      const actor = await ctx.fs.actor();
      const o = await orNotAllowed(() => followUps(ctx).create(actor, { consultationId: s.consultationId, departmentId: s.departmentId ?? 0, what: { ...(s.zh ? { zh: s.zh } : {}), ...(s.en ? { en: s.en } : {}) }, due: s.due ?? "", items: s.items }));
      switch (o.kind) {
        case "created": {
          const dep = (await ctx.fs.services.departments.list(await ctx.fs.actor())).find((d) => d.id === o.action.departmentId);
          return void (await reply(ctx, t("followup.created", { id: o.action.id, department: dep?.name[ctx.fs.lang] ?? "", due: o.action.due, consultation: o.action.consultationId })));
        }
        case "unknown-department":
          return void (await reply(ctx, t("followup.problem.unknownDepartment")));
        case "unknown-item":
          return void (await reply(ctx, t("followup.problem.unknownItem")));
        case "what":
          return void (await reply(ctx, t(o.problem === "need-one" ? "followup.problem.needOne" : o.problem === "empty" ? "followup.problem.empty" : "followup.problem.tooLong", { max: o.max })));
        case "due":
          return void (await reply(ctx, assignProblemText(ctx, o.problem)));
        default:
          return void (await reply(ctx, checkText(ctx, o, s.consultationId)));
      }
    }
    const input: AssignInput = choice === "skip" || choice === "done" ? { button: choice } : choice.startsWith("d") ? { department: Number(choice.slice(1)) } : { item: choice };
    await move(ctx, held, input);
  });

  priv.on("message:text", async (ctx, next) => {
    if (ctx.message.text.startsWith("/")) return next();
    const cur = await current(ctx);
    if (cur === null) return next();
    if (cur === "handled") return;
    await move(ctx, cur, { text: ctx.message.text });
  });

  // A sticker, photo… while an action is being assigned.
  priv.on("message", async (ctx, next) => {
    if (ctx.message.text !== undefined) return next();
    const state = await conversationOf(ctx);
    if (state?.kind !== ASSIGN.name) return next();
    await reply(ctx, ctx.fs.t("common.textExpected"));
  });
  return c;
}

// /actions [number] (officials and the committee): follow-up actions, one line
// each, with a button per action that opens its card — history, the
// committee's observations, and buttons: officials start, finish or drop it
// (with a reason) and set its progress or a note; committee members add an
// observation. Typed values go through a ChatState row checked with zod.
// Every press is checked again (role, the action's revision), so a forged or
// outdated button changes nothing.
import { Composer, InlineKeyboard } from "grammy";
import { z } from "zod";
import { MAX_NOTE, nextStatuses, type FollowUpAction } from "../../../domain/actions/followUp.js";
import type { ChangeOutcome, ObserveOutcome } from "../../../app/actions/followUps.js";
import { actionCard, actionLine, statusText } from "../../../presenters/followUps.js";
import { splitMessages } from "../../../presenters/consultation.js";
import { callback, callbackPattern, pressedArgs } from "../../callbacks.js";
import type { BotContext } from "../../context.js";
import { HOUR_MS, defineConversation } from "../../../app/conversations/index.js";
import { conversationOf, readConversation } from "../../conversation.js";
import { orNotAllowed, privateOnly } from "../../guards.js";
import { answer, reply } from "../../replies.js";
import { numberArg } from "./access.js";

/** Buttons of one list message; more: /actions <number> narrows to one consultation. */
const LIST_BUTTONS = 30;
const MESSAGE_ROOM = 3800;

const inputSchema = z.object({ actionId: z.number().int().positive(), rev: z.number().int().nonnegative(), op: z.enum(["drop", "progress", "note", "observe"]) });
type Input = z.infer<typeof inputSchema>;
/** A typed progress, note, drop reason or observation; lapses like any typed input, after an hour. */
export const FOLLOWUP_INPUT = defineConversation({ name: "followup-input", schema: inputSchema, lifetimeMs: HOUR_MS });

const conversations = (ctx: BotContext) => ctx.fs.services.conversations;
const followUps = (ctx: BotContext) => ctx.fs.services.followUps.actions;

/** Lines joined into as few messages as fit Telegram's limit (room left for a header). */
export const chunks = (lines: readonly string[], room = MESSAGE_ROOM): string[] => splitMessages(lines, room, "\n");

async function showCard(ctx: BotContext, id: number, prefix?: string): Promise<void> {
  const { t, lang } = ctx.fs;
  const v = await orNotAllowed(async () => followUps(ctx).view(await ctx.fs.actor(), id));
  if (v.kind === "not-allowed") return void (await reply(ctx, t("followup.notAllowed", { command: "actions" })));
  if (v.kind === "not-found") return void (await reply(ctx, t("followup.notFound")));
  const a = v.entry.action;
  const kb = new InlineKeyboard();
  if (v.rights.update) {
    const next = nextStatuses(a.status);
    if (next.includes("in_progress")) kb.text(t("followup.button.start"), callback("fa", a.id, a.revision, "start"));
    if (next.includes("done")) kb.text(t("followup.button.done"), callback("fa", a.id, a.revision, "done"));
    if (next.includes("dropped")) kb.text(t("followup.button.drop"), callback("fa", a.id, a.revision, "drop"));
    if (next.length > 0) kb.row().text(t("followup.button.progress"), callback("fa", a.id, a.revision, "progress"));
    kb.text(t("followup.button.note"), callback("fa", a.id, a.revision, "note")).row();
  }
  if (v.rights.observe) kb.text(t("followup.button.observe"), callback("fa", a.id, a.revision, "observe"));
  const card = actionCard(t, lang, a, v.entry.department, v.history, v.observations, ctx.fs.services.clock.now(), ctx.fs.timeZone);
  await reply(ctx, [prefix, card].filter(Boolean).join("\n\n"), kb);
}

async function changed(ctx: BotContext, id: number, o: ChangeOutcome | ObserveOutcome): Promise<void> {
  const { t } = ctx.fs;
  switch (o.kind) {
    case "changed":
      return showCard(ctx, id, [t("followup.updated", { id }), ...(o.notified > 0 ? [t("followup.notified", { count: o.notified })] : [])].join(" "));
    case "observed":
      return showCard(ctx, id, t("followup.observed", { id }));
    case "stale":
      return showCard(ctx, id, t("followup.stale"));
    case "not-found":
      return void (await reply(ctx, t("followup.notFound")));
    case "not-allowed":
      return void (await reply(ctx, t("followup.notAllowedUpdate")));
    case "text":
      return void (await reply(ctx, t(o.problem === "empty" ? "followup.problem.empty" : "followup.problem.tooLong", { max: o.max })));
    case "progress":
      if (o.problem.code === "out-of-range") return void (await reply(ctx, t("followup.problem.outOfRange", { min: o.problem.min, max: o.problem.max })));
      if (o.problem.code === "final") return void (await reply(ctx, t("followup.problem.final", { status: t(`followup.status.${o.problem.status}`) })));
      return void (await reply(ctx, t("followup.problem.notANumber")));
    case "transition": {
      const p = o.problem;
      if (p.code === "final") return void (await reply(ctx, t("followup.problem.final", { status: t(`followup.status.${p.status}`) })));
      if (p.code === "not-allowed") return void (await reply(ctx, t("followup.problem.notAllowedTransition", { from: t(`followup.status.${p.from}`), to: t(`followup.status.${p.to}`) })));
      if (p.code === "reason-needed") return void (await reply(ctx, t("followup.problem.reasonNeeded")));
      return void (await reply(ctx, t(p.problem === "empty" ? "followup.problem.empty" : "followup.problem.tooLong", { max: p.max })));
    }
  }
}

/** The typed value of an input the person was asked for. */
async function typed(ctx: BotContext, input: Input, text: string): Promise<void> {
  const userId = BigInt(ctx.from!.id);
  const actor = await ctx.fs.actor();
  const s = followUps(ctx);
  const o = await orNotAllowed<Awaited<ReturnType<typeof s.observe>> | Awaited<ReturnType<typeof s.setStatus>>>(() =>
    input.op === "observe"
      ? s.observe(actor, input.actionId, text)
      : input.op === "progress"
        ? s.setProgress(actor, input.actionId, input.rev, text)
        : input.op === "note"
          ? s.addNote(actor, input.actionId, input.rev, text)
          : s.setStatus(actor, input.actionId, input.rev, "dropped", text),
  );
  // Bad input keeps the question open so the person can type again; anything else ends it.
  const retry = o.kind === "text" || o.kind === "progress" || (o.kind === "transition" && o.problem.code === "reason");
  if (!retry) await conversations(ctx).drop(userId, FOLLOWUP_INPUT);
  await changed(ctx, input.actionId, o);
}

export function actionsFeature(): Composer<BotContext> {
  const c = new Composer<BotContext>();
  const priv = c.chatType("private");

  c.command(
    "actions",
    privateOnly(async (ctx) => {
      const { t, lang } = ctx.fs;
      const arg = ctx.match.trim();
      const id = arg === "" ? null : numberArg(arg);
      if (arg !== "" && id === null) return void (await reply(ctx, t("followup.listUsage")));
      const o = await orNotAllowed(async () => followUps(ctx).list(await ctx.fs.actor(), id));
      if (o.kind !== "ok") return void (await reply(ctx, t("followup.notAllowed", { command: "actions" })));
      if (o.entries.length === 0) return void (await reply(ctx, t("followup.listNone")));
      const now = ctx.fs.services.clock.now();
      const lines = [
        t("followup.listTitle", { count: o.entries.length, scope: id === null ? "" : t("followup.listScope", { id }) }),
        ...o.entries.map((e) => actionLine(t, lang, e.action, e.department, now, ctx.fs.timeZone) + (e.observations > 0 ? " " + t("followup.observations", { count: e.observations }) : "")),
      ];
      const messages = chunks(lines);
      const shown = o.entries.slice(-LIST_BUTTONS);
      const kb = new InlineKeyboard();
      shown.forEach((e, i) => {
        if (i > 0 && i % 5 === 0) kb.row();
        kb.text(t("followup.open", { id: e.action.id }), callback("fv", e.action.id));
      });
      for (const [i, m] of messages.entries()) await reply(ctx, m, i === messages.length - 1 ? kb : undefined);
    }),
  );

  priv.callbackQuery(callbackPattern("fv"), async (ctx) => {
    const [id] = pressedArgs(ctx, "fv");
    const roles = await ctx.fs.roles();
    if (!roles.has("official") && !roles.has("committee")) return void (await answer(ctx, ctx.fs.t("followup.notAllowed", { command: "actions" })));
    if (!(await orNotAllowed(async () => ctx.fs.services.followUps.actions.view(await ctx.fs.actor(), id))).kind.startsWith("ok")) return void (await answer(ctx, ctx.fs.t("followup.notFound")));
    await answer(ctx);
    await showCard(ctx, id);
  });

  priv.callbackQuery(callbackPattern("fa"), async (ctx) => {
    const { t } = ctx.fs;
    const [id, rev, op] = pressedArgs(ctx, "fa");
    const roles = await ctx.fs.roles();
    if (op === "observe" ? !roles.has("committee") : !roles.has("official")) return void (await answer(ctx, t(op === "observe" ? "followup.notAllowedObserve" : "followup.notAllowedUpdate")));
    const action = await orNotAllowed(async () => followUps(ctx).view(await ctx.fs.actor(), id));
    if (action.kind !== "ok") return void (await answer(ctx, t("followup.notFound")));
    const a: FollowUpAction = action.entry.action;
    if (op !== "observe" && a.revision !== rev) {
      await answer(ctx, t("common.staleButton"));
      return showCard(ctx, id, t("followup.stale"));
    }
    await answer(ctx);
    if (op === "start" || op === "done") return changed(ctx, id, await orNotAllowed(async () => followUps(ctx).setStatus(await ctx.fs.actor(), id, rev, op === "start" ? "in_progress" : "done")));
    await conversations(ctx).start(BigInt(ctx.from.id), FOLLOWUP_INPUT, { actionId: id, rev, op } satisfies Input);
    const key = op === "progress" ? "followup.askProgress" : op === "note" ? "followup.askNote" : op === "drop" ? "followup.askDrop" : "followup.askObserve";
    await reply(ctx, t(key, { id, max: MAX_NOTE, status: statusText(t, a) }));
  });

  priv.command("cancel", async (ctx, next) => {
    const state = await conversationOf(ctx);
    if (state?.kind !== FOLLOWUP_INPUT.name) return next();
    await conversations(ctx).drop(BigInt(ctx.from.id), FOLLOWUP_INPUT);
    await reply(ctx, ctx.fs.t("followup.inputCancelled"));
  });

  priv.on("message:text", async (ctx, next) => {
    if (ctx.message.text.startsWith("/")) return next();
    const r = await readConversation(ctx, FOLLOWUP_INPUT);
    if (r.status === "none") return next();
    if (r.status === "active") await typed(ctx, r.held.state, ctx.message.text);
  });
  return c;
}

import { Composer, InlineKeyboard } from "grammy";
import type { CastOutcome, PollView } from "../../app/consultations/voting.js";
import { choiceOfMask, rankingOf, ranksOf } from "../../domain/consultations/voting.js";
import { callback, callbackPattern, pressedArgs } from "../callbacks.js";
import type { BotContext } from "../context.js";
import { privateOnly } from "../guards.js";
import { consultationIntro, pollMessage, readerOf, versionOf, type Draft } from "../pollMessages.js";
import { answer, reply } from "../replies.js";
import { clip } from "../../domain/text/clip.js";
import { editInPlace } from "../ui/editInPlace.js";
import { label, shown, splitMessages } from "../../presenters/consultation.js";

const MAX_LISTED = 20;

/** The poll as it now stands, in place of the pressed message. */
const edit = (ctx: BotContext, view: PollView, draft?: Draft) => editInPlace(ctx, pollMessage(ctx, view, draft));

/** The vote toasts have no values: translated once per language, not on every press. */
const toasts = new Map<string, string>();
function toast(ctx: BotContext, key: "vote.recorded" | "vote.changed" | "vote.already" | "vote.stale" | "pollView.unitBallotTaken"): string {
  const id = `${ctx.fs.lang}|${key}`;
  let text = toasts.get(id);
  if (text === undefined) toasts.set(id, (text = ctx.fs.t(key)));
  return text;
}

/** Answers a press that cast (or tried to cast) a ballot, and shows the poll as it now stands. */
async function castAnswer(ctx: BotContext, outcome: CastOutcome) {
  switch (outcome.kind) {
    case "recorded":
      await answer(ctx, toast(ctx, outcome.replaced === "own" ? "vote.changed" : outcome.replaced === "unit-mate" ? "pollView.unitBallotTaken" : "vote.recorded"));
      return edit(ctx, outcome.view);
    case "unchanged":
      await answer(ctx, toast(ctx, "vote.already"));
      return edit(ctx, outcome.view);
    case "stale":
      await answer(ctx, toast(ctx, "vote.stale"));
      return edit(ctx, outcome.view);
    case "refused":
      await answer(ctx, refusalText(ctx, outcome.reason, outcome.view));
      if (outcome.view) await edit(ctx, outcome.view);
  }
}

function refusalText(ctx: BotContext, reason: string, view: PollView | null): string {
  const max = view?.poll.spec.maxChoices ?? 0;
  return ctx.fs.t(`vote.refused.${reason}`, { max });
}

/** The person pressing, if they are registered at all. */
function voter(ctx: BotContext) {
  const r = ctx.fs.resident;
  return r && r.status !== "registering" ? r : null;
}

/**
 * Someone the outbox marked unreachable (they had blocked the bot) wrote to
 * it again, so Telegram delivers to them again: bulk sends include them anew.
 * Costs nothing for everyone else (the resident is already loaded).
 */
export function reachabilityFeature(): Composer<BotContext> {
  const c = new Composer<BotContext>();
  c.use(async (ctx, next) => {
    const r = ctx.fs.resident;
    if (r?.unreachableAt) await ctx.fs.services.consultations.broadcasts.markReachable(r.id);
    await next();
  });
  return c;
}

/** Residents voting: /vote, and /mute and /unmute for reminders (the poll buttons: votePressesFeature). */
export function votingFeature(): Composer<BotContext> {
  const c = new Composer<BotContext>();

  c.command(
    "vote",
    privateOnly(async (ctx) => {
      const { t } = ctx.fs;
      const r = ctx.fs.resident;
      if (!r) return void (await reply(ctx, t("common.notRegistered")));
      if (r.status !== "verified") return void (await reply(ctx, t("vote.refused.not-verified")));
      const list = (await ctx.fs.services.consultations.voting.openFor(r)).slice(0, MAX_LISTED);
      if (list.length === 0) return void (await reply(ctx, t("vote.none")));
      const reader = readerOf(ctx);
      const lines = [t("vote.listTitle"), ""];
      const kb = new InlineKeyboard();
      for (const { consultation: cn, voted } of list) {
        lines.push(t(voted ? "vote.listVoted" : "vote.listNotYet", { id: cn.id, time: reader.time(cn.closesAt) }) + " " + shown(reader, cn.title));
        kb.text(`${voted ? "✅" : "🗳"} #${cn.id} ${clip(label(ctx.fs.lang, cn.title), 40)}`, callback("vo", cn.id)).row();
      }
      // Twenty long titles could pass Telegram's 4096 characters: split, with the buttons under the last part.
      const parts = splitMessages([lines.join("\n")]);
      for (const [i, part] of parts.entries()) await reply(ctx, part, i === parts.length - 1 ? kb : undefined);
    }),
  );

  for (const [command, muted] of [["mute", true], ["unmute", false]] as const) {
    c.command(
      command,
      privateOnly(async (ctx) => {
        const { t } = ctx.fs;
        if (!ctx.fs.resident) return void (await reply(ctx, t("common.notRegistered")));
        await ctx.fs.services.consultations.broadcasts.muteReminders(ctx.fs.resident.id, muted);
        await reply(ctx, t(muted ? "reminder.muted" : "reminder.unmuted"));
      }),
    );
  }
  return c;
}

/**
 * The poll buttons (vo, vp, vm, vr, vs). src/bot/createBot.ts puts them right after the sender is
 * known, ahead of the other features: no other feature handles these prefixes, and a press — the
 * bot's most frequent update — then skips the filters of every command and button of the rest.
 */
export function votePressesFeature(): Composer<BotContext> {
  const c = new Composer<BotContext>();
  const priv = c.chatType("private");

  priv.callbackQuery(callbackPattern("vo"), async (ctx) => {
    const { t } = ctx.fs;
    const [id] = pressedArgs(ctx, "vo");
    const r = voter(ctx);
    if (!r) return void (await answer(ctx, t("common.notRegistered")));
    const view = await ctx.fs.services.consultations.voting.view(r, id);
    if (!view) return void (await answer(ctx, t("vote.unknownConsultation")));
    const cn = view.consultation;
    if (view.closed) return void (await answer(ctx, t(`vote.refused.${view.closed}`)));
    if (view.polls.every((p) => p.refusal !== null)) return void (await answer(ctx, t(`vote.refused.${view.polls[0]?.refusal ?? "not-in-audience"}`)));
    await answer(ctx);
    const intro = consultationIntro(ctx, cn);
    await reply(ctx, intro.text, intro.keyboard);
    for (const p of view.polls) {
      const m = pollMessage(ctx, p);
      await reply(ctx, m.text, m.keyboard);
    }
  });

  // Single choice and scale: one press is the ballot.
  priv.callbackQuery(callbackPattern("vp"), async (ctx) => {
    const [pollId, ver, option] = pressedArgs(ctx, "vp");
    const r = voter(ctx);
    if (!r) return void (await answer(ctx, ctx.fs.t("common.notRegistered")));
    await castAnswer(ctx, await ctx.fs.services.consultations.voting.cast(r, pollId, [option], ver === 0 ? null : new Date(ver)));
  });

  // Multiple choice: toggling only edits the message; the selection travels in the buttons.
  priv.callbackQuery(callbackPattern("vm"), async (ctx) => {
    const { t } = ctx.fs;
    const [pollId, ver, mask, option] = pressedArgs(ctx, "vm");
    const view = await currentView(ctx, pollId, ver);
    if (!view) return;
    const n = view.poll.spec.options.length;
    if (view.poll.spec.kind !== "multiple" || option >= n || mask >= 1 << n) return void (await answer(ctx, t("vote.refused.unknown-option")));
    const next = mask ^ (1 << option);
    const max = view.poll.spec.maxChoices ?? n;
    if (choiceOfMask(next, n).length > max) return void (await answer(ctx, t("vote.refused.too-many-choices", { max })));
    await answer(ctx);
    await edit(ctx, view, { mask: next });
  });

  // Ranked choice: a press gives the option the next rank, or takes its rank back.
  priv.callbackQuery(callbackPattern("vr"), async (ctx) => {
    const { t } = ctx.fs;
    const [pollId, ver, ranks, option] = pressedArgs(ctx, "vr");
    const view = await currentView(ctx, pollId, ver);
    if (!view) return;
    const n = view.poll.spec.options.length;
    if (view.poll.spec.kind !== "ranked") return void (await answer(ctx, t("vote.refused.unknown-option")));
    const ranking = rankingOf(ranks, n);
    if (!ranking.ok) return void (await answer(ctx, t(`vote.refused.${ranking.error}`)));
    let order = ranking.value;
    if (option === "c") order = [];
    else if (option >= n) return void (await answer(ctx, t("vote.refused.unknown-option")));
    else order = order.includes(option) ? order.filter((o) => o !== option) : [...order, option];
    await answer(ctx);
    await edit(ctx, view, { ranks: ranksOf(order, n) });
  });

  // Submit: the selection or ranking becomes the ballot, through the same checks as every vote.
  priv.callbackQuery(callbackPattern("vs"), async (ctx) => {
    const { t } = ctx.fs;
    const [pollId, ver, payload] = pressedArgs(ctx, "vs");
    const r = voter(ctx);
    if (!r) return void (await answer(ctx, t("common.notRegistered")));
    const found = await ctx.fs.services.consultations.cache.poll(pollId);
    if (!found) return void (await answer(ctx, t("vote.refused.unknown-poll")));
    const n = found.poll.spec.options.length;
    let choice: number[];
    if (payload.startsWith("m")) {
      const mask = parseInt(payload.slice(1), 36);
      if (found.poll.spec.kind !== "multiple" || mask >= 1 << n) return void (await answer(ctx, t("vote.refused.unknown-option")));
      choice = choiceOfMask(mask, n);
    } else {
      if (found.poll.spec.kind !== "ranked") return void (await answer(ctx, t("vote.refused.unknown-option")));
      const ranking = rankingOf(payload.slice(1), n);
      if (!ranking.ok) return void (await answer(ctx, t(`vote.refused.${ranking.error}`)));
      choice = ranking.value;
    }
    await castAnswer(ctx, await ctx.fs.services.consultations.voting.cast(r, pollId, choice, ver === 0 ? null : new Date(ver)));
  });
  return c;
}

/**
 * The poll as it stands for the person pressing a toggle, or null after
 * answering why not: rights and state are checked on every press, and a
 * message whose ballot is not the stored one is outdated.
 */
async function currentView(ctx: BotContext, pollId: number, ver: number): Promise<PollView | null> {
  const { t } = ctx.fs;
  const r = voter(ctx);
  if (!r) {
    await answer(ctx, t("common.notRegistered"));
    return null;
  }
  const view = await ctx.fs.services.consultations.voting.viewPoll(r, pollId);
  if (!view || view.refusal) {
    await answer(ctx, t(`vote.refused.${view?.refusal ?? "unknown-poll"}`));
    return null;
  }
  if (view.closed) {
    await answer(ctx, t(`vote.refused.${view.closed}`));
    await edit(ctx, view);
    return null;
  }
  if (versionOf(view) !== ver.toString(36)) {
    await answer(ctx, t("vote.stale"));
    await edit(ctx, view);
    return null;
  }
  return view;
}


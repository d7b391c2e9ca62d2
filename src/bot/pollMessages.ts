// How a poll looks in the chat: its question and rules, where the person's
// ballot stands, and the buttons to vote. Button data carries the time of the
// ballot shown (so an outdated message is refused) and, for multiple and
// ranked choice, the selection so far (so toggling stores nothing).
import { InlineKeyboard } from "grammy";
import type { PollView } from "../app/consultations/voting.js";
import type { Consultation } from "../domain/consultations/consultation.js";
import { choiceOfMask, maskOf, rankingOf, ranksOf } from "../domain/consultations/voting.js";
import { SCALE_MAX, SCALE_MIN } from "../domain/polls/index.js";
import { consultationHeader, label, optionLabel, pollRules, pollTitle, type Reader } from "../presenters/consultation.js";
import { callback } from "./callbacks.js";
import type { BotContext } from "./context.js";

export function readerOf(ctx: BotContext): Reader {
  return { t: ctx.fs.t, lang: ctx.fs.lang, time: ctx.fs.time };
}

/** The version of the ballot a message shows: its time in ms, base 36; "0" for none. */
export function versionOf(view: Pick<PollView, "ballot">): string {
  return view.ballot ? view.ballot.castAt.getTime().toString(36) : "0";
}

/** What a person has selected but not submitted yet. */
export type Draft = { mask: number } | { ranks: string };

function choiceText(r: Reader, view: PollView, choice: readonly number[]): string {
  const { poll } = view;
  if (poll.spec.kind === "ranked") return choice.map((o, i) => `${i + 1}. ${optionLabel(r, poll, o)}`).join("  ");
  return choice.map((o) => optionLabel(r, poll, o)).join(r.lang === "zh" ? "、" : ", ");
}

/**
 * The question and its rules never change while a consultation exists, and
 * every press re-renders them: kept per poll (object) and language, they cost
 * one lookup instead of half a dozen translations.
 */
const heads = new WeakMap<object, Map<string, string>>();

function pollHead(r: Reader, c: Consultation, poll: PollView["poll"], canVote: boolean): string {
  let perLanguage = heads.get(poll);
  if (!perLanguage) heads.set(poll, (perLanguage = new Map()));
  const key = canVote ? r.lang : `${r.lang}|info`;
  let head = perLanguage.get(key);
  if (head === undefined) {
    // The first rule says how to vote ("Choose one option."): not for someone who may not vote in it.
    const rules = pollRules(r, poll);
    head = `${pollTitle(r, c, poll)}\n<i>${(canVote ? rules : rules.slice(1)).join("\n")}</i>`;
    perLanguage.set(key, head);
  }
  return head;
}

export function pollMessage(ctx: BotContext, view: PollView, draft?: Draft): { text: string; keyboard?: InlineKeyboard } {
  const r = readerOf(ctx);
  const { t } = r;
  const { consultation: c, poll, ballot } = view;
  const lines = [pollHead(r, c, poll, view.refusal === null)];

  if (view.live) {
    const total = view.live.reduce((s, x) => s + x.votes, 0);
    lines.push("", t(poll.spec.kind === "ranked" ? "vote.liveRanked" : "vote.live", { count: total }));
    for (const x of view.live) lines.push(t("vote.liveCount", { option: optionLabel(r, poll, x.option), votes: x.votes }));
  }

  lines.push("");
  const open = c.status === "open" && c.closesAt.getTime() > ctx.fs.services.clock.now().getTime();
  // Nothing was pressed yet: say who votes, not that nothing was recorded.
  if (view.refusal) lines.push(t(`pollView.cannotVote.${view.refusal}`));
  else if (!open) lines.push(t(c.status === "draft" ? "vote.refused.not-open" : "vote.closedNow"));
  else if (ballot && view.ballotIsMine) lines.push(t("vote.yours", { choice: choiceText(r, view, ballot.choice), time: r.time(ballot.castAt), closes: r.time(c.closesAt) }));
  else if (ballot) lines.push(t("vote.unitVoted", { time: r.time(ballot.castAt) }));
  else lines.push(t("vote.notYet", { closes: r.time(c.closesAt) }));
  if (view.refusal || !open) return { text: lines.join("\n") };

  const mine = ballot && view.ballotIsMine ? ballot.choice : [];
  const ver = versionOf(view);
  const kb = new InlineKeyboard();
  switch (poll.spec.kind) {
    case "single":
      poll.spec.options.forEach((o, i) => kb.text(`${mine.includes(i) ? "✓ " : ""}${label(r.lang, o)}`, callback("vp", poll.id, ver, i)).row());
      break;
    case "scale":
      for (let v = SCALE_MIN; v <= SCALE_MAX; v++) kb.text(`${mine.includes(v) ? "✓ " : ""}${v}`, callback("vp", poll.id, ver, v));
      break;
    case "multiple": {
      const mask = draft && "mask" in draft ? draft.mask : maskOf(mine);
      const chosen = choiceOfMask(mask, poll.spec.options.length);
      if (draft && mask !== maskOf(mine)) lines.push(chosen.length > 0 ? t("vote.selection", { choice: choiceText(r, view, chosen) }) : t("vote.selectionEmpty"));
      poll.spec.options.forEach((o, i) => kb.text(`${chosen.includes(i) ? "☑" : "☐"} ${label(r.lang, o)}`, callback("vm", poll.id, ver, mask.toString(36), i)).row());
      kb.text(t("vote.submit", { count: chosen.length, max: poll.spec.maxChoices ?? poll.spec.options.length }), callback("vs", poll.id, ver, `m${mask.toString(36)}`));
      break;
    }
    case "ranked": {
      const n = poll.spec.options.length;
      const ranks = draft && "ranks" in draft ? draft.ranks : ranksOf(mine, n);
      const ranking = rankingOf(ranks, n);
      const order = ranking.ok ? ranking.value : [];
      if (draft && ranks !== ranksOf(mine, n)) lines.push(order.length > 0 ? t("vote.ranking", { choice: choiceText(r, view, order) }) : t("vote.rankingEmpty"));
      else if (mine.length === 0) lines.push(t("vote.rankHint"));
      poll.spec.options.forEach((o, i) => {
        const rank = order.indexOf(i);
        kb.text(`${rank >= 0 ? `${rank + 1}. ` : ""}${label(r.lang, o)}`, callback("vr", poll.id, ver, ranks, i)).row();
      });
      kb.text(t("vote.startOver"), callback("vr", poll.id, ver, ranks, "c")).text(t("vote.submitRanking"), callback("vs", poll.id, ver, `r${ranks}`));
      break;
    }
  }
  return { text: lines.join("\n"), keyboard: kb };
}

/** The first message of a consultation opened to vote: what it is about, and the statement buttons if any. */
export function consultationIntro(ctx: BotContext, c: Consultation): { text: string; keyboard?: InlineKeyboard } {
  const r = readerOf(ctx);
  const text = consultationHeader(r, c) + "\n\n" + r.t("vote.intro", { count: c.polls.length });
  if (!c.residentStatements || c.status !== "open") return { text };
  const kb = new InlineKeyboard().text(r.t("vote.writeStatement"), callback("op", c.id)).text(r.t("vote.rateStatements"), callback("rate", c.id));
  return { text, keyboard: kb };
}

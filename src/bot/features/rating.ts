import { Composer, InlineKeyboard } from "grammy";
import type { Card, StanceOutcome } from "../../app/statements/rating.js";
import type { ConsultationChoice } from "../../app/statements/access.js";
import { stanceThreshold } from "../../domain/statements/stance.js";
import type { VoteChoice } from "../../domain/statements/statement.js";
import { callback, callbackPattern, pressedArgs } from "../callbacks.js";
import type { BotContext } from "../context.js";
import { privateOnly } from "../guards.js";
import { answer, dropButtons, reply } from "../replies.js";
import { editInPlace } from "../ui/editInPlace.js";
import { buttonTitle, refusalText, statementBlock, statementWords, titleOf } from "../statements.js";
import { toast } from "./opinion.js";

const CODE = { agree: "a", disagree: "d", pass: "p" } as const;
const CHOICE = { a: "agree", d: "disagree", p: "pass" } as const;

/** A stance lists up to six statements: each is cut so the message stays far below 4096 characters. */
const STANCE_STATEMENT_MAX = 400;

/** The card: one statement (or "done"), with the vote buttons. */
export function renderCard(ctx: BotContext, card: Card): { text: string; keyboard: InlineKeyboard } {
  const { t, lang } = ctx.fs;
  const title = titleOf(card.consultation, lang);
  const kb = new InlineKeyboard();
  const extras = (showChange: boolean) => {
    kb.row();
    if (showChange && card.lastVoted !== null) kb.text(t("rate.changeLast"), callback("sl", card.lastVoted, card.token));
    if (card.canStance) kb.text(t("rate.stance"), callback("stance", card.consultation.id));
  };
  if (card.kind === "done") {
    extras(true);
    return { text: card.total === 0 ? t("rate.empty", { title }) : t("rate.done", { title, total: card.total }), keyboard: kb };
  }
  const lines = [t("rate.header", { title, rated: card.rated, total: card.total }), "", statementBlock(t, card.statement, lang), ""];
  lines.push(card.current ? t("rate.current", { vote: t(`statement.vote.${card.current}`) }) : t("rate.ask"));
  if (!card.canStance && card.total > 0) lines.push("", t("rate.stanceHint", { count: stanceThreshold(card.total) - card.rated }));
  for (const choice of ["agree", "disagree", "pass"] as const) {
    const label = t(`statement.vote.${choice}`);
    kb.text(card.current === choice ? `✓ ${label}` : label, callback("sv", card.statement.id, CODE[choice], card.token));
  }
  if (card.current) {
    kb.row().text(t("rate.keep"), callback("rn", card.consultation.id));
    if (card.canStance) kb.text(t("rate.stance"), callback("stance", card.consultation.id));
  } else extras(true);
  return { text: lines.join("\n"), keyboard: kb };
}

async function sendCard(ctx: BotContext, card: Card) {
  const { text, keyboard } = renderCard(ctx, card);
  await reply(ctx, text, keyboard);
}

/** Replaces the pressed message with the card (the next statement takes the place of the one voted on). */
async function showInPlace(ctx: BotContext, card: Card) {
  await editInPlace(ctx, renderCard(ctx, card));
}

export function stanceText(ctx: BotContext, outcome: Extract<StanceOutcome, { kind: "stance" }>): string {
  const { t, lang } = ctx.fs;
  const { stance } = outcome;
  const lines = [t("stance.title", { title: titleOf(outcome.consultation, lang) }), ""];
  switch (stance.kind) {
    case "too-few-votes":
      lines.push(t("stance.tooFew", { votes: stance.votes, needed: stance.needed }));
      break;
    case "no-analysis":
      lines.push(t("stance.noAnalysis"));
      break;
    case "no-groups":
      lines.push(t("stance.noGroups", { count: stance.clusteredCount }));
      break;
    case "not-placed":
      lines.push(t("stance.notPlaced"));
      break;
    case "placed": {
      const g = stance.group;
      if (g.suppressed) {
        lines.push(t("stance.suppressed"));
      } else {
        lines.push(t("stance.group", { label: g.label, size: g.size, clustered: stance.clusteredCount, groups: stance.groupCount }), "", t("stance.apart"));
        const apart = g.representative.filter((r) => outcome.statements.has(r.statementId)).slice(0, 3);
        for (const r of apart) {
          const text = statementWords(t, outcome.statements.get(r.statementId)!, lang, STANCE_STATEMENT_MAX);
          lines.push(t(r.direction === "agree" ? "stance.apartAgree" : "stance.apartDisagree", { text, percent: r.percent, others: r.othersPercent }));
        }
        if (apart.length === 0) lines.push(t("stance.apartNone"));
      }
      lines.push("", t("stance.common"));
      const common = stance.commonGround.filter((c) => outcome.statements.has(c.statementId)).slice(0, 3);
      for (const c of common) {
        lines.push(t("stance.commonItem", { text: statementWords(t, outcome.statements.get(c.statementId)!, lang, STANCE_STATEMENT_MAX), percent: c.lowestGroupPercent }));
      }
      if (common.length === 0) lines.push(t("stance.commonNone"));
      break;
    }
  }
  if (outcome.computedAt && stance.kind !== "too-few-votes") lines.push("", t("stance.asOf", { time: ctx.fs.time(outcome.computedAt) }));
  return lines.join("\n");
}

async function pick(ctx: BotContext, choice: ConsultationChoice, action: "rate" | "stance", question: string): Promise<number | null> {
  const { t, lang } = ctx.fs;
  if (choice.kind === "refused") {
    await reply(ctx, refusalText(t, lang, choice.refusal));
    return null;
  }
  if (choice.kind === "choose") {
    const kb = new InlineKeyboard();
    for (const consultation of choice.consultations) kb.text(buttonTitle(consultation, lang), callback(action, consultation.id)).row();
    await reply(ctx, question, kb);
    return null;
  }
  return choice.consultation.id;
}

/** /rate and /mystance: rating residents' statements one at a time, and where one stands. */
export function ratingFeature(): Composer<BotContext> {
  const c = new Composer<BotContext>();
  const rating = (ctx: BotContext) => ctx.fs.services.statements.rating;

  c.command(
    "rate",
    privateOnly(async (ctx) => {
      const id = await pick(ctx, await rating(ctx).choose(ctx.fs.resident), "rate", ctx.fs.t("rate.choose"));
      if (id === null) return;
      const outcome = await rating(ctx).next(ctx.fs.resident, id);
      if (outcome.kind === "refused") return void (await reply(ctx, refusalText(ctx.fs.t, ctx.fs.lang, outcome.refusal)));
      await sendCard(ctx, outcome.card);
    }),
  );

  c.command(
    "mystance",
    privateOnly(async (ctx) => {
      const id = await pick(ctx, await rating(ctx).choose(ctx.fs.resident), "stance", ctx.fs.t("rate.choose"));
      if (id === null) return;
      const outcome = await rating(ctx).stance(ctx.fs.resident, id);
      if (outcome.kind === "refused") return void (await reply(ctx, refusalText(ctx.fs.t, ctx.fs.lang, outcome.refusal)));
      await reply(ctx, stanceText(ctx, outcome));
    }),
  );

  const buttons = c.chatType("private");

  // A new card (from a picker or the consultation view).
  buttons.callbackQuery(callbackPattern("rate"), async (ctx) => {
    const [id] = pressedArgs(ctx, "rate");
    const outcome = await rating(ctx).next(ctx.fs.resident, id);
    if (outcome.kind === "refused") return void (await answer(ctx, toast(refusalText(ctx.fs.t, ctx.fs.lang, outcome.refusal))));
    await answer(ctx);
    await sendCard(ctx, outcome.card);
  });

  // The next card, in place of this one ("keep my vote").
  buttons.callbackQuery(callbackPattern("rn"), async (ctx) => {
    const [id] = pressedArgs(ctx, "rn");
    const outcome = await rating(ctx).next(ctx.fs.resident, id);
    if (outcome.kind === "refused") {
      await answer(ctx, toast(refusalText(ctx.fs.t, ctx.fs.lang, outcome.refusal)));
      return void (await dropButtons(ctx));
    }
    await answer(ctx);
    await showInPlace(ctx, outcome.card);
  });

  buttons.callbackQuery(callbackPattern("sv"), async (ctx) => {
    const { t, lang } = ctx.fs;
    const [statementId, code, token] = pressedArgs(ctx, "sv");
    const choice: VoteChoice = CHOICE[code];
    const outcome = await rating(ctx).vote(ctx.fs.resident, statementId, choice, token);
    switch (outcome.kind) {
      case "refused":
        await answer(ctx, toast(refusalText(t, lang, outcome.refusal)));
        return void (await dropButtons(ctx));
      case "unavailable": {
        const key = { unknown: "rate.unknownStatement", pending: "rate.pendingStatement", rejected: "rate.rejectedStatement" }[outcome.reason];
        await answer(ctx, toast(t(key)));
        if (outcome.card) await showInPlace(ctx, outcome.card);
        else await dropButtons(ctx);
        return;
      }
      case "stale":
        await answer(ctx, toast(t("rate.stale")));
        return void (await showInPlace(ctx, outcome.card));
      case "saved": {
        const vote = t(`statement.vote.${outcome.choice}`);
        const changed = outcome.previous !== null && outcome.previous !== outcome.choice;
        await answer(ctx, changed ? t("rate.changed", { previous: t(`statement.vote.${outcome.previous}`), vote }) : t("rate.saved", { vote }));
        return void (await showInPlace(ctx, outcome.card));
      }
    }
  });

  buttons.callbackQuery(callbackPattern("sl"), async (ctx) => {
    const [statementId, token] = pressedArgs(ctx, "sl");
    const outcome = await rating(ctx).changeVote(ctx.fs.resident, statementId, token);
    if (outcome.kind === "refused") {
      await answer(ctx, toast(refusalText(ctx.fs.t, ctx.fs.lang, outcome.refusal)));
      return void (await dropButtons(ctx));
    }
    await answer(ctx, outcome.stale ? toast(ctx.fs.t("rate.stale")) : undefined);
    await showInPlace(ctx, outcome.card);
  });

  buttons.callbackQuery(callbackPattern("stance"), async (ctx) => {
    const [id] = pressedArgs(ctx, "stance");
    const outcome = await rating(ctx).stance(ctx.fs.resident, id);
    if (outcome.kind === "refused") return void (await answer(ctx, toast(refusalText(ctx.fs.t, ctx.fs.lang, outcome.refusal))));
    await answer(ctx);
    await reply(ctx, stanceText(ctx, outcome));
  });
  return c;
}

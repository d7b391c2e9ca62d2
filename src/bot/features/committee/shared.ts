// What the committee's consultation features share: their services, the role check on a press,
// spec problems as chat lines, long replies, the text of a created consultation, the id argument.

import type { InlineKeyboard } from "grammy";
import type { Consultation } from "../../../domain/consultations/consultation.js";
import type { SpecProblem } from "../../../domain/consultations/spec.js";
import { label, splitMessages } from "../../../presenters/consultation.js";
import { specProblemLines as problemLines } from "../../../presenters/spec.js";
import type { BotContext } from "../../context.js";
import { commandArgs } from "../../guards.js";
import { readerOf } from "../../pollMessages.js";
import { reply } from "../../replies.js";

const MAX_PROBLEMS = 30;

export const services = (ctx: BotContext) => ctx.fs.services.consultations;
export const isCommittee = async (ctx: BotContext) => (await ctx.fs.roles()).has("committee");

/** Spec problems as HTML lines for a chat message. */
export function specProblemLines(t: BotContext["fs"]["t"], problems: readonly SpecProblem[]): string[] {
  return problemLines(t, problems, { html: true, max: MAX_PROBLEMS });
}

/** Sends the parts in order, the keyboard under the last one. */
export async function replyLong(ctx: BotContext, parts: readonly string[], keyboard?: InlineKeyboard) {
  for (const [i, text] of parts.entries()) await reply(ctx, text, i === parts.length - 1 ? keyboard : undefined);
}

/** A heading and one line per problem, split into messages that fit Telegram's 4096 characters. */
export async function replyProblems(ctx: BotContext, heading: string, problems: readonly SpecProblem[], footer?: string) {
  const lines = [heading, ...specProblemLines(ctx.fs.t, problems)];
  if (footer) lines.push("", footer);
  await replyLong(ctx, splitMessages([lines.join("\n")]));
}

export function createdText(ctx: BotContext, c: Consultation): string {
  const r = readerOf(ctx);
  const vars = { id: c.id, title: label(r.lang, c.title), closes: r.time(c.closesAt), polls: c.polls.length };
  return c.status === "open" ? r.t("newc.created", vars) : r.t("newc.scheduled", { ...vars, opens: r.time(c.opensAt ?? c.closesAt) });
}

/** The consultation id of `/close 12` or `/publish #12`, or null. */
export function idArg(ctx: Parameters<typeof commandArgs>[0]): number | null {
  const args = commandArgs(ctx);
  const raw = (args[0] ?? "").replace(/^#/, "");
  return args.length === 1 && /^\d{1,9}$/.test(raw) ? Number(raw) : null;
}

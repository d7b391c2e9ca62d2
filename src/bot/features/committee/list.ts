import { Composer } from "grammy";
import type { PollTurnout } from "../../../app/consultations/consultations.js";
import type { Consultation } from "../../../domain/consultations/consultation.js";
import { label, shown, splitMessages } from "../../../presenters/consultation.js";
import type { BotContext } from "../../context.js";
import { staffOnly } from "../../guards.js";
import { readerOf } from "../../pollMessages.js";
import { reply } from "../../replies.js";
import { clip } from "../../../domain/text/clip.js";
import { replyLong, services } from "./shared.js";

const OVERVIEW = 20;

function overviewBlock(ctx: BotContext, c: Consultation, turnout: readonly PollTurnout[]): string {
  const r = readerOf(ctx);
  const { t } = r;
  const when =
    c.status === "draft"
      ? t("consultation.opensAtShort", { time: r.time(c.opensAt ?? c.closesAt) })
      : c.status === "open"
        ? t("consultation.closesAtShort", { time: r.time(c.closesAt) })
        : t("consultation.closedAtShort", { time: r.time(c.closedAt ?? c.closesAt) });
  const lines = [`<b>#${c.id}</b> ${t(`consultation.status.${c.status}`)} · ${when}${c.publishedAt ? " · " + t("consultation.published") : ""}`, shown(r, c.title)];
  for (const p of c.polls) {
    const x = turnout.find((tu) => tu.pollId === p.id);
    const percent = x && x.eligible > 0 ? Math.round((x.ballots * 100) / x.eligible) : 0;
    lines.push(t("consultation.turnout", { n: p.position + 1, question: clip(label(r.lang, p.spec.question), 60), ballots: x?.ballots ?? 0, eligible: x?.eligible ?? 0, percent }));
  }
  return lines.join("\n");
}

/** Committee: /consultations, the latest consultations with their turnout per question. */
export function listFeature(): Composer<BotContext> {
  const c = new Composer<BotContext>();
  c.command(
    "consultations",
    staffOnly("committee", async (ctx) => {
      const { t } = ctx.fs;
      const list = await services(ctx).lifecycle.overview(await ctx.fs.actor(), OVERVIEW);
      if (list.length === 0) return void (await reply(ctx, t("consultation.noneYet")));
      const blocks = [t("consultation.listTitle", { count: list.length })];
      for (const { consultation: cn, turnout } of list) blocks.push(overviewBlock(ctx, cn, turnout));
      await replyLong(ctx, splitMessages(blocks));
    }),
  );
  return c;
}

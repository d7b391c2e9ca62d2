// /report <number> [version]: the summary of a submitted report, with a
// button per section; every press edits the message in place, from the stored
// snapshot only, after checking the reader's rights again.
import { Composer } from "grammy";
import type { OpenOutcome } from "../../../app/reports/index.js";
import { pickText } from "../../../domain/consultations/texts.js";
import { reportSection, sectionPages } from "../../../presenters/report/sections.js";
import { callbackPattern, pressedArgs } from "../../callbacks.js";
import type { BotContext } from "../../context.js";
import { readerOf } from "../../pollMessages.js";
import { answer, edit, reply } from "../../replies.js";
import { backstageOnly, mayPress, reportArgs } from "./access.js";
import { reportKeyboard } from "./keyboards.js";
import { summaryWithAnswer } from "./answerStatus.js";
import { orNotAllowed, type Refused } from "../../guards.js";
import { followUpSection } from "../../../presenters/followUps.js";

/** Why a report cannot be shown, in the reader's language; null when it can. */
export function openRefusal(ctx: BotContext, outcome: OpenOutcome | Refused): string | null {
  const { t } = ctx.fs;
  switch (outcome.kind) {
    case "report":
      return null;
    case "not-allowed":
      return t("official.notAllowed", { command: "report" });
    case "unknown-version":
      return t("official.unknownVersion", { id: outcome.id, version: outcome.version, versions: outcome.versions.join(", ") });
    case "never-submitted": {
      if (outcome.recent.length === 0) return t("official.neverSubmittedNone", { id: outcome.id });
      const list = outcome.recent.map((r) => t("official.existing", { id: r.consultationId, version: r.version, title: pickText(r.title, ctx.fs.lang).text }));
      return [t("official.neverSubmitted", { id: outcome.id }), ...list].join("\n");
    }
  }
}

export function reportFeature(): Composer<BotContext> {
  const c = new Composer<BotContext>();

  c.command(
    "report",
    backstageOnly("report", async (ctx) => {
      const args = reportArgs(ctx.match);
      if (!args) return void (await reply(ctx, ctx.fs.t("official.reportUsage")));
      const outcome = await orNotAllowed(async () => ctx.fs.services.reports.viewing.open(await ctx.fs.actor(), args.id, args.version));
      const refusal = openRefusal(ctx, outcome);
      if (refusal || outcome.kind !== "report") return void (await reply(ctx, refusal!));
      const { report, content } = outcome;
      await reply(ctx, await summaryWithAnswer(ctx, report, content), reportKeyboard(ctx.fs.t, report.consultationId, report.version, content, "s", 0));
    }),
  );

  // The notice's button: the summary in a new message.
  c.chatType("private").callbackQuery(callbackPattern("ro"), async (ctx) => {
    if (!(await mayPress(ctx, "report"))) return;
    const [id, version] = pressedArgs(ctx, "ro");
    const outcome = await orNotAllowed(async () => ctx.fs.services.reports.viewing.open(await ctx.fs.actor(), id, version));
    const refusal = openRefusal(ctx, outcome);
    if (refusal || outcome.kind !== "report") return void (await answer(ctx, refusal!.split("\n")[0]!.slice(0, 190)));
    await answer(ctx);
    await reply(ctx, await summaryWithAnswer(ctx, outcome.report, outcome.content), reportKeyboard(ctx.fs.t, id, version, outcome.content, "s", 0));
  });

  c.chatType("private").callbackQuery(callbackPattern("rp"), async (ctx) => {
    if (!(await mayPress(ctx, "report"))) return;
    const [id, version, section, pressedPage] = pressedArgs(ctx, "rp");
    const outcome = await orNotAllowed(async () => ctx.fs.services.reports.viewing.open(await ctx.fs.actor(), id, version));
    const refusal = openRefusal(ctx, outcome);
    if (refusal || outcome.kind !== "report") return void (await answer(ctx, refusal!.split("\n")[0]!.slice(0, 190)));
    const { report, content } = outcome;
    const page = section === "s" ? 0 : Math.min(pressedPage, sectionPages(content, section) - 1);
    const r = readerOf(ctx);
    const text = section === "s" ? await summaryWithAnswer(ctx, report, content) : reportSection(r, report, content, section, page);
    await answer(ctx);
    const keyboard = reportKeyboard(ctx.fs.t, id, version, content, section, page);
    await edit(ctx, text, keyboard);
  });

  // The Follow-up section: the consultation's actions as they stand now.
  c.chatType("private").callbackQuery(callbackPattern("rf"), async (ctx) => {
    if (!(await mayPress(ctx, "report"))) return;
    const [id, version] = pressedArgs(ctx, "rf");
    const outcome = await orNotAllowed(async () => ctx.fs.services.reports.viewing.open(await ctx.fs.actor(), id, version));
    const refusal = openRefusal(ctx, outcome);
    if (refusal || outcome.kind !== "report") return void (await answer(ctx, refusal!.split("\n")[0]!.slice(0, 190)));
    const entries = await ctx.fs.services.followUps.actions.forReport(id);
    await answer(ctx);
    const keyboard = reportKeyboard(ctx.fs.t, id, version, outcome.content, "fu", 0);
    await edit(ctx, followUpSection(ctx.fs.t, ctx.fs.lang, id, entries, ctx.fs.services.clock.now(), ctx.fs.timeZone), keyboard);
  });

  return c;
}

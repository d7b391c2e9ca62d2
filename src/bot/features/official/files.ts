// Shared by /chart and /export: the report the command names (checked like
// /report), a reader for files (plain text: no HTML escaping), and running
// the rendering off the update's path.
import type { CommandContext } from "grammy";
import { plainTranslator, translator } from "../../../i18n.js";
import type { Reader } from "../../../presenters/consultation.js";
import type { BotContext } from "../../context.js";
import { reply } from "../../replies.js";
import { reportArgs } from "./access.js";
import { openRefusal } from "./report.js";
import { orNotAllowed } from "../../guards.js";

/** Files and charts are plain text; Markdown is rendered from the HTML messages. */
export function fileReader(ctx: BotContext, html = false): Reader {
  const t = (html ? translator() : plainTranslator()).forLanguage(ctx.fs.lang);
  return { t, lang: ctx.fs.lang, time: ctx.fs.time };
}

/** The report of `/<command> <number> [version]`, or null after telling the person why not. */
export async function commandReport(ctx: CommandContext<BotContext>, usageKey: string) {
  const args = reportArgs(ctx.match);
  if (!args) {
    await reply(ctx, ctx.fs.t(usageKey));
    return null;
  }
  const outcome = await orNotAllowed(async () => ctx.fs.services.reports.viewing.open(await ctx.fs.actor(), args.id, args.version));
  const refusal = openRefusal(ctx, outcome);
  if (refusal || outcome.kind !== "report") {
    await reply(ctx, refusal!);
    return null;
  }
  return outcome;
}

export function background(ctx: BotContext, job: () => Promise<void>) {
  ctx.fs.services.reports.jobs.run(job, async (error) => {
    ctx.fs.logger.error("report job failed", { update_id: ctx.update.update_id, error });
    await reply(ctx, ctx.fs.t("common.apology"));
  });
}

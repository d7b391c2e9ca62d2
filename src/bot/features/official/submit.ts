// /submit <number> (committee): a preview of the report as it would be
// frozen, then on confirmation the snapshot is built and stored and every
// official is told. Both builds run off the update's path: the person gets
// "preparing…" at once.
import { Composer, InlineKeyboard } from "grammy";
import type { SubmitOutcome } from "../../../app/reports/index.js";
import { reportSummary } from "../../../presenters/report/summary.js";
import { callback, callbackPattern, pressedArgs } from "../../callbacks.js";
import type { BotContext } from "../../context.js";
import { orNotAllowed, staffOnly, type Refused } from "../../guards.js";
import { readerOf } from "../../pollMessages.js";
import { answer, dropButtons, reply } from "../../replies.js";
import { numberArg } from "./access.js";

function refusalText(ctx: BotContext, o: Exclude<SubmitOutcome, { kind: "submitted" }> | Refused): string {
  const { t } = ctx.fs;
  switch (o.kind) {
    case "not-allowed":
      return t("common.notAllowed", { role: t("roles.committee"), command: "submit" });
    case "not-found":
      return t("consultation.notFound", { id: o.id });
    case "draft":
      return t("official.submitDraft", { id: o.consultation.id });
    case "outdated":
      return t("official.submitOutdated", { version: o.latest });
  }
}

/** Runs a build off the update's path; a failure is logged and the person told. */
function background(ctx: BotContext, job: () => Promise<void>) {
  ctx.fs.services.reports.jobs.run(job, async (error) => {
    ctx.fs.logger.error("report job failed", { update_id: ctx.update.update_id, error });
    await reply(ctx, ctx.fs.t("common.apology"));
  });
}

export function submitFeature(): Composer<BotContext> {
  const c = new Composer<BotContext>();

  c.command(
    "submit",
    staffOnly("committee", async (ctx) => {
      const { t } = ctx.fs;
      const id = numberArg(ctx.match);
      if (id === null) return void (await reply(ctx, t("official.submitUsage")));
      const actor = await ctx.fs.actor();
      await reply(ctx, t("official.preparingPreview", { id }));
      background(ctx, async () => {
        const p = await orNotAllowed(() => ctx.fs.services.reports.submission.preview(actor, id));
        if (p.kind !== "preview") return void (await reply(ctx, refusalText(ctx, p)));
        const header = { id: 0, consultationId: id, version: p.version, kind: p.content.kind, createdAt: ctx.fs.services.clock.now(), submittedBy: BigInt(ctx.from!.id), engineVersion: "—", sha256: "—", title: p.content.consultation.title, eligible: 0, tookPart: 0 };
        const kb = new InlineKeyboard().text(t("official.submitYes", { version: p.version }), callback("sb", id, p.version, "yes")).row().text(t("official.submitNo"), callback("sb", id, p.version, "no"));
        const head = t(p.content.kind === "interim" ? "official.previewInterim" : "official.preview", { id, version: p.version });
        await reply(ctx, head + "\n\n" + reportSummary(readerOf(ctx), header, p.content, { limit: 3600 }), kb);
      });
    }),
  );

  c.chatType("private").callbackQuery(callbackPattern("sb"), async (ctx) => {
    const { t } = ctx.fs;
    if (!(await ctx.fs.roles()).has("committee")) return void (await answer(ctx, t("common.notAllowed", { role: t("roles.committee"), command: "submit" })));
    const [id, version, yes] = pressedArgs(ctx, "sb");
    await dropButtons(ctx);
    if (yes === "no") {
      await answer(ctx);
      return void (await reply(ctx, t("official.submitCancelled", { id })));
    }
    await answer(ctx, t("official.preparing"));
    await reply(ctx, t("official.preparingSnapshot", { id, version }));
    const actor = await ctx.fs.actor();
    background(ctx, async () => {
      const o = await orNotAllowed(() => ctx.fs.services.reports.submission.submit(actor, id, version));
      if (o.kind !== "submitted") return void (await reply(ctx, refusalText(ctx, o)));
      const kb = new InlineKeyboard().text(t("report.openButton"), callback("ro", id, o.report.version));
      await reply(ctx, t("official.submitted", { id, version: o.report.version, kind: t(`report.kind.${o.report.kind}`), count: o.notified, hash: o.report.sha256 }), kb);
    });
  });

  return c;
}

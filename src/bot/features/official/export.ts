// /export <number> [version]: the report as documents — the whole report as
// PDF (charts embedded), the XLSX workbook, the same tables as CSV files (BOM)
// in a zip, the whole report as Markdown, and the statements in Pol.is's format —
// rendered from the stored snapshot off the update's path.
import { Composer, InputFile } from "grammy";
import { reportFile, type ReportFormat } from "../../../presenters/report/files.js";
import { actionsTable } from "../../../presenters/followUps.js";
import { reportPolisZip } from "../../../presenters/report/polis.js";
import type { BotContext } from "../../context.js";
import { reply, replyDocument } from "../../replies.js";
import { backstageOnly } from "./access.js";
import { background, commandReport, fileReader } from "./files.js";

export const EXPORT_FORMATS: readonly ReportFormat[] = ["pdf", "xlsx", "csv", "md"];

export function exportFeature(): Composer<BotContext> {
  const c = new Composer<BotContext>();
  c.command(
    "export",
    backstageOnly("export", async (ctx) => {
      const opened = await commandReport(ctx, "official.exportUsage");
      if (!opened) return;
      const { report, content } = opened;
      await reply(ctx, ctx.fs.t("official.preparingFiles", { id: report.consultationId, version: report.version }));
      const actions = actionsTable(fileReader(ctx), await ctx.fs.services.followUps.actions.forReport(report.consultationId), ctx.fs.services.clock.now(), ctx.fs.timeZone);
      background(ctx, async () => {
        for (const format of EXPORT_FORMATS) {
          const file = await reportFile(fileReader(ctx), report, content, format, fileReader(ctx, true), ctx.fs.services.reports.renderer, [actions]);
          const caption = ctx.fs.t(`official.fileCaption.${format}`, { id: report.consultationId, version: report.version, hash: report.sha256.slice(0, 16) });
          await replyDocument(ctx, new InputFile(file.data, file.name), caption);
        }
        const polis = await reportPolisZip(fileReader(ctx), report, content);
        await replyDocument(ctx, new InputFile(polis.data, polis.name), ctx.fs.t("official.fileCaption.polis", { id: report.consultationId, version: report.version, hash: report.sha256.slice(0, 16) }));
      });
    }),
  );
  return c;
}

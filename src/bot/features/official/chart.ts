// /chart <number> [version]: the report's charts as PNG photos, rendered from
// the stored snapshot off the update's path.
import { Composer, InputFile } from "grammy";
import { reportCharts } from "../../../presenters/report/charts.js";
import type { BotContext } from "../../context.js";
import { reply, replyPhoto } from "../../replies.js";
import { backstageOnly } from "./access.js";
import { background, commandReport, fileReader } from "./files.js";

export function chartFeature(): Composer<BotContext> {
  const c = new Composer<BotContext>();
  c.command(
    "chart",
    backstageOnly("chart", async (ctx) => {
      const opened = await commandReport(ctx, "official.chartUsage");
      if (!opened) return;
      const { report, content } = opened;
      const charts = reportCharts(fileReader(ctx), report, content);
      await reply(ctx, ctx.fs.t("official.preparingCharts", { count: charts.length, id: report.consultationId, version: report.version }));
      background(ctx, async () => {
        for (const chart of charts) {
          const { png } = await ctx.fs.services.reports.renderer.render({ kind: "chart", spec: chart.spec });
          await replyPhoto(ctx, new InputFile(png, `${chart.key}.png`), chart.caption);
        }
      });
    }),
  );
  return c;
}

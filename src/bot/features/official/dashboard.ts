// /dashboard: one picture and a short text across consultations.
import { Composer, InputFile } from "grammy";
import { followUpFiguresText } from "../../../presenters/followUps.js";
import { dashboardChart, dashboardText } from "../../../presenters/report/dashboard.js";
import type { BotContext } from "../../context.js";
import { readerOf } from "../../pollMessages.js";
import { reply, replyPhoto } from "../../replies.js";
import { backstageOnly } from "./access.js";
import { background, fileReader } from "./files.js";

export function dashboardFeature(): Composer<BotContext> {
  const c = new Composer<BotContext>();
  c.command(
    "dashboard",
    backstageOnly("dashboard", async (ctx) => {
      if (ctx.match.trim() !== "") return void (await reply(ctx, ctx.fs.t("dashboard.usage")));
      const data = await ctx.fs.services.reports.viewing.dashboard(await ctx.fs.actor());
      const figures = await ctx.fs.services.followUps.actions.figures();
      await reply(ctx, [dashboardText(readerOf(ctx), data), followUpFiguresText(ctx.fs.t, figures)].join("\n\n"));
      const spec = dashboardChart(fileReader(ctx), data);
      if (spec) background(ctx, async () => void (await replyPhoto(ctx, new InputFile((await ctx.fs.services.reports.renderer.render({ kind: "chart", spec })).png, "dashboard.png"), ctx.fs.t("dashboard.caption"))));
    }),
  );
  return c;
}

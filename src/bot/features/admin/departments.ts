// /departments (staff): the departments follow-up actions go to, in the
// reader's language; admins keep them with `frontstage department …`.
import { Composer } from "grammy";
import type { BotContext } from "../../context.js";
import { privateOnly } from "../../guards.js";
import { reply } from "../../replies.js";

export function departmentsFeature(): Composer<BotContext> {
  const c = new Composer<BotContext>();
  c.command(
    "departments",
    privateOnly(async (ctx) => {
      const { t } = ctx.fs;
      const roles = await ctx.fs.roles();
      if (!roles.isStaff) return void (await reply(ctx, t("common.notAllowed", { role: t("roles.official"), command: "departments" })));
      const list = await ctx.fs.services.departments.list(await ctx.fs.actor());
      const lines = list.length === 0 ? [t("departments.noneBot")] : [t("departments.title", { count: list.length }), "", ...list.map((d) => t("departments.item", { id: d.id, name: d.name[ctx.fs.lang], other: d.name[ctx.fs.lang === "zh" ? "en" : "zh"] }))];
      if (roles.has("admin")) lines.push("", t("departments.adminHint"));
      await reply(ctx, lines.join("\n"));
    }),
  );
  return c;
}

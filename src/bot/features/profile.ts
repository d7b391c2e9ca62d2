import { Composer, InlineKeyboard } from "grammy";
import { commandsFor } from "../../domain/commands.js";
import { formatArea } from "../../domain/residents/area.js";
import { callback, callbackPattern, pressedArgs } from "../callbacks.js";
import type { BotContext } from "../context.js";
import { privateOnly } from "../guards.js";
import { answer, dropButtons, reply } from "../replies.js";
import { renderStep } from "./registration.js";

/** What a person can see and do about themselves: /me, /lang, /forget, /help. */
export function profileFeature(): Composer<BotContext> {
  const c = new Composer<BotContext>();

  c.command(
    "me",
    privateOnly(async (ctx) => {
      const { t, resident: r } = ctx.fs;
      const roles = await ctx.fs.roles();
      if (!r && !roles.isStaff) return void (await reply(ctx, t("me.nothing")));
      const lines = [t("me.title"), t("me.telegramId", { id: String(ctx.from!.id) })];
      if (r) {
        lines.push(
          t("me.language", { language: r.language === "zh" ? "中文" : "English" }),
          t("me.consent", { time: ctx.fs.time(r.consentAt) }),
          t("me.status", { status: t(`status.${r.status}`) }),
          r.unit ? t("me.unit", { building: r.unit.building, unit: r.unit.number }) : t("me.noUnit"),
          t("me.relation", { relation: r.relation ? t(`relation.${r.relation}`) : t("common.none") }),
        );
        if (r.relation === "owner") lines.push(r.areaCenti !== null ? t("me.area", { area: formatArea(r.areaCenti) }) : t("me.noArea"));
        if (r.verifiedAt) lines.push(t(r.codeVerified ? "me.verifiedByCode" : "me.verified", { time: ctx.fs.time(r.verifiedAt) }));
        lines.push(t("me.reminders", { state: t(r.remindersMuted ? "me.remindersOff" : "me.remindersOn") }), t("me.registered", { time: ctx.fs.time(r.createdAt) }));
      }
      if (roles.isStaff) lines.push(t("me.roles", { roles: roles.list().map((role) => t(`roles.name.${role}`)).join(", ") }));
      if (roles.isStaff) lines.push(t("auditLog.meNote"));
      lines.push("", t("me.footer"));
      await reply(ctx, lines.join("\n"));
    }),
  );

  c.command(
    "lang",
    privateOnly(async (ctx) => {
      const kb = new InlineKeyboard().text("中文", callback("setlang", "zh")).text("English", callback("setlang", "en"));
      await reply(ctx, ctx.fs.t("language.current"), kb);
    }),
  );
  c.chatType("private").callbackQuery(callbackPattern("setlang"), async (ctx) => {
    const [lang] = pressedArgs(ctx, "setlang");
    const after = await ctx.fs.services.registration.changeLanguage(BigInt(ctx.from.id), lang);
    // Without a resident record (staff, a newcomer) the choice is kept apart from registration.
    if (!after) await ctx.fs.services.languages.choose(BigInt(ctx.from.id), lang);
    ctx.fs.useLanguage(lang);
    await answer(ctx);
    await dropButtons(ctx);
    await reply(ctx, ctx.fs.t("language.changed"));
    // Someone mid-registration sees the question they were at, now in their language.
    if (after?.status === "registering") await renderStep(ctx, { kind: "prompt", resident: after });
  });

  c.command(
    "forget",
    privateOnly(async (ctx) => {
      const { t, resident: r } = ctx.fs;
      if (!(await ctx.fs.services.privacy.holdsAnything(BigInt(ctx.from!.id)))) return void (await reply(ctx, t("forget.nothing")));
      const kb = new InlineKeyboard().text(t("forget.yes"), callback("forget", "yes", r?.revision ?? 0)).row().text(t("forget.no"), callback("forget", "no", r?.revision ?? 0));
      await reply(ctx, t("forget.confirm"), kb);
    }),
  );
  c.chatType("private").callbackQuery(callbackPattern("forget"), async (ctx) => {
    const [choice, rev] = pressedArgs(ctx, "forget");
    const { t } = ctx.fs;
    if ((ctx.fs.resident?.revision ?? 0) !== rev) return void (await answer(ctx, t("common.staleButton")));
    await answer(ctx);
    await dropButtons(ctx);
    if (choice === "no") return void (await reply(ctx, t("forget.kept")));
    const id = BigInt(ctx.from.id);
    await ctx.fs.services.privacy.forget(id);
    ctx.fs.services.languages.forget(id);
    await ctx.fs.menus.refresh(id, await ctx.fs.services.roles.rolesOf(id)).catch((e: unknown) => ctx.fs.logger.warn("menu refresh failed", { error: e }));
    await reply(ctx, t("forget.done"));
  });

  c.command("help", async (ctx) => {
    const { t } = ctx.fs;
    const roles = await ctx.fs.roles();
    // In a group the sender is not loaded for every message; /help is worth the one query.
    const resident = ctx.fs.resident ?? (ctx.chat?.type !== "private" && ctx.from ? await ctx.fs.services.registration.find(BigInt(ctx.from.id)) : null);
    // Exactly the person's roles: "resident" only for someone registered as one (verified or waiting), never for staff alone.
    const isResident = resident !== null && (resident.status === "verified" || resident.status === "pending");
    const held = [...(isResident ? ["resident"] : []), ...roles.list()].map((r) => t(`roles.name.${r}`));
    const lines = [held.length > 0 ? t("help.title", { roles: held.join(ctx.fs.lang === "zh" ? "、" : ", ") }) : t("help.titleGuest"), ""];
    for (const cmd of commandsFor(roles)) lines.push(`/${cmd.name} — ${t(`commands.${cmd.name}`)}`);
    lines.push("", t("help.footer"));
    await reply(ctx, lines.join("\n"));
  });
  return c;
}

import { Composer } from "grammy";
import type { RoleChange } from "../../app/roles.js";
import { parseRoleCommand } from "../../domain/roles.js";
import type { BotContext } from "../context.js";
import { commandArgs, staffOnly } from "../guards.js";
import { reply, sendTo } from "../replies.js";

/** Admins grant and revoke staff roles; the person's menu and a notice follow every change. */
export function adminFeature(): Composer<BotContext> {
  const c = new Composer<BotContext>();
  for (const command of ["grant", "revoke"] as const) {
    c.command(
      command,
      staffOnly("admin", async (ctx) => {
        const { t } = ctx.fs;
        const parsed = parseRoleCommand(commandArgs(ctx));
        if (!parsed.ok) {
          const key = { usage: "grant.usage", "bad-id": "grant.badId", "bad-role": "grant.badRole" }[parsed.problem];
          return void (await reply(ctx, t(key, { command, value: "value" in parsed ? parsed.value : "" }) + (parsed.problem === "usage" ? "" : "\n" + t("grant.usage", { command }))));
        }
        const by = await ctx.fs.actor();
        const change = command === "grant" ? await ctx.fs.services.roles.grant(parsed.userId, parsed.role, by) : await ctx.fs.services.roles.revoke(parsed.userId, parsed.role, by);
        await reply(ctx, t(replyKey(change, command), { id: String(change.userId), role: t(`roles.name.${change.role}`) }));
        if (change.kind === "granted" || change.kind === "revoked") await announce(ctx, change);
      }),
    );
  }
  return c;
}

function replyKey(change: RoleChange, command: "grant" | "revoke"): string {
  switch (change.kind) {
    case "granted":
      return "grant.granted";
    case "revoked":
      return "grant.revoked";
    case "config-admin":
      return "grant.configAdmin";
    case "self-admin":
      return "grant.selfAdmin";
    case "unchanged":
      return command === "grant" ? "grant.already" : "grant.notHeld";
  }
}

async function announce(ctx: BotContext, change: Extract<RoleChange, { roles: unknown }>) {
  const { services, translator, menus, logger } = ctx.fs;
  await menus.refresh(change.userId, change.roles).catch((e: unknown) => logger.warn("menu refresh failed", { error: e }));
  // The person may never have started the bot; then Telegram refuses and that is fine.
  const lang = (await services.registration.find(change.userId))?.language ?? (await services.languages.staffLanguage(change.userId)) ?? "en";
  const key = change.kind === "granted" ? "grant.notifyGranted" : "grant.notifyRevoked";
  await sendTo(ctx.api, change.userId, translator.t(lang, key, { role: translator.t(lang, `roles.name.${change.role}`) })).catch(() => undefined);
}

// /audit [number] (admin): the newest rows of the audit log — time, actor,
// role, action, target, the start of the row's hash — newest first.
import { Composer } from "grammy";
import type { BotContext } from "../../context.js";
import { staffOnly } from "../../guards.js";
import { reply } from "../../replies.js";

export const AUDIT_DEFAULT = 10;
/** 25 rows of ~150 characters stay well inside one message. */
export const AUDIT_MAX = 25;

export function auditFeature(): Composer<BotContext> {
  const c = new Composer<BotContext>();
  c.command(
    "audit",
    staffOnly("admin", async (ctx) => {
      const { t } = ctx.fs;
      const arg = ctx.match.trim();
      const n = arg === "" ? AUDIT_DEFAULT : /^\d{1,3}$/.test(arg) ? Number(arg) : NaN;
      if (!Number.isInteger(n) || n < 1 || n > AUDIT_MAX) return void (await reply(ctx, t("auditLog.usage", { max: AUDIT_MAX })));
      const rows = await ctx.fs.services.audit.latest(await ctx.fs.actor(), n);
      if (rows.length === 0) return void (await reply(ctx, t("auditLog.empty")));
      const lines = rows.map((r) =>
        t("auditLog.row", { id: r.id, time: ctx.fs.time(r.at), actor: r.actor === 0n ? t("auditLog.operator") : String(r.actor), role: r.role, action: r.action, target: r.target, hash: r.hash.slice(0, 12) }),
      );
      await reply(ctx, [t("auditLog.title", { count: rows.length }), "", ...lines, "", t("auditLog.hint")].join("\n"));
    }),
  );
  return c;
}

// Who may use the back-stage's commands and buttons: officials (and admins),
// and committee members for the reports their committee submitted. Residents
// and strangers get a clear refusal; nothing changes.
import type { CommandContext, Middleware } from "grammy";
import type { Viewer } from "../../../app/reports/index.js";
import type { BotContext } from "../../context.js";
import { privateOnly } from "../../guards.js";
import { answer, reply } from "../../replies.js";

const refusal = (ctx: BotContext, command: string) => ctx.fs.t("official.notAllowed", { command });

/** A back-stage command: private chat, and a viewer's role checked on every use. */
export function backstageOnly(command: string, handler: (ctx: CommandContext<BotContext>, viewer: Viewer) => Promise<unknown>): Middleware<CommandContext<BotContext>> {
  return privateOnly(async (ctx) => {
    const viewer = await ctx.fs.services.reports.viewing.viewer(await ctx.fs.actor());
    if (!viewer) return void (await reply(ctx, refusal(ctx, command)));
    await handler(ctx, viewer);
  });
}

/** The same check for a button press (a role may have been revoked since the message was sent). */
export async function mayPress(ctx: BotContext, command: string): Promise<Viewer | null> {
  const viewer = await ctx.fs.services.reports.viewing.viewer(await ctx.fs.actor());
  if (!viewer) await answer(ctx, refusal(ctx, command));
  return viewer;
}

/** `<number> [version]`: a consultation number ("12" or "#12") and an optional version ("2" or "v2"); null for anything else. */
export function reportArgs(text: string): { id: number; version?: number } | null {
  const m = /^#?(\d{1,9})(?:\s+v?(\d{1,9}))?$/i.exec(text.trim());
  if (!m) return null;
  return { id: Number(m[1]), ...(m[2] ? { version: Number(m[2]) } : {}) };
}

/** `<number>` alone. */
export function numberArg(text: string): number | null {
  const m = /^#?(\d{1,9})$/.exec(text.trim());
  return m ? Number(m[1]) : null;
}

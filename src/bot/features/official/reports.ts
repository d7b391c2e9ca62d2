// /reports: every submitted report, newest first — title in the reader's
// language, version, interim/final, when, new/read — paged with buttons.
import { Composer, InlineKeyboard } from "grammy";
import { pickText } from "../../../domain/consultations/texts.js";
import { callback, callbackPattern, pressedArgs } from "../../callbacks.js";
import type { BotContext } from "../../context.js";
import { answer, edit, reply } from "../../replies.js";
import { backstageOnly, mayPress } from "./access.js";
import { orNotAllowed } from "../../guards.js";

export const REPORTS_PER_PAGE = 8;

async function page(ctx: BotContext, n: number): Promise<{ text: string; keyboard?: InlineKeyboard } | null> {
  const { t } = ctx.fs;
  const listed = await orNotAllowed(async () => ctx.fs.services.reports.viewing.list(await ctx.fs.actor(), n * REPORTS_PER_PAGE, REPORTS_PER_PAGE));
  if (listed.kind !== "list") return null;
  if (listed.total === 0) return { text: t("official.noReports") };
  const pages = Math.ceil(listed.total / REPORTS_PER_PAGE);
  const lines = [t("official.listTitle", { count: listed.total, page: n + 1, pages }), ""];
  const kb = new InlineKeyboard();
  const answered = await ctx.fs.services.answers.relayedFor(listed.reports.map((r) => r.consultationId));
  listed.reports.forEach((r, i) => {
    lines.push(
      t("official.listItem", {
        mark: r.read ? "" : "🆕 ",
        id: r.consultationId,
        title: pickText(r.title, ctx.fs.lang).text,
        version: r.version,
        kind: t(`report.kind.${r.kind}`),
        time: ctx.fs.time(r.createdAt),
        state: t(r.read ? "official.read" : "official.new"),
      }),
    );
    const answer = answered.get(r.consultationId);
    if (answer?.relayedAt) lines.push(t("answer.listLine", { time: ctx.fs.time(answer.relayedAt) }));
    if (i > 0 && i % 4 === 0) kb.row();
    kb.text(`#${r.consultationId} v${r.version}`, callback("ro", r.consultationId, r.version));
  });
  if (pages > 1) {
    kb.row();
    if (n > 0) kb.text("◀", callback("rl", n - 1));
    kb.text(`${n + 1}/${pages}`, callback("rl", n));
    if (n < pages - 1) kb.text("▶", callback("rl", n + 1));
  }
  lines.push("", t("official.listHint"));
  return { text: lines.join("\n"), keyboard: kb };
}

export function reportsFeature(): Composer<BotContext> {
  const c = new Composer<BotContext>();
  c.command(
    "reports",
    backstageOnly("reports", async (ctx) => {
      if (ctx.match.trim() !== "") return void (await reply(ctx, ctx.fs.t("official.reportsUsage")));
      const p = await page(ctx, 0);
      if (p) await reply(ctx, p.text, p.keyboard);
    }),
  );
  c.chatType("private").callbackQuery(callbackPattern("rl"), async (ctx) => {
    if (!(await mayPress(ctx, "reports"))) return;
    const [n] = pressedArgs(ctx, "rl");
    const p = await page(ctx, n);
    if (!p) return;
    await answer(ctx);
    await edit(ctx, p.text, p.keyboard);
  });
  return c;
}

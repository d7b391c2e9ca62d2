import { Composer, InlineKeyboard, InputFile } from "grammy";
import type { RosterImport } from "../../app/roster.js";
import { formatArea } from "../../domain/residents/area.js";
import type { Resident } from "../../domain/residents/resident.js";
import { ROSTER_MAX_BYTES } from "../../domain/residents/roster.js";
import { rosterProblemLines } from "../../presenters/roster.js";
import { callback, callbackPattern, pressedArgs } from "../callbacks.js";
import type { BotContext } from "../context.js";
import { staffOnly } from "../guards.js";
import { answer, dropButtons, edit, reply, replyDocument, sendTo } from "../replies.js";

const PENDING_PAGE = 10;
const MAX_PROBLEMS_SHOWN = 20;

function pendingItem(ctx: BotContext, r: Resident): string {
  const { t } = ctx.fs;
  return t("pending.item", {
    building: r.unit?.building ?? "?",
    unit: r.unit?.number ?? "?",
    relation: r.relation ? t(`relation.${r.relation}`) : t("common.none"),
    area: r.areaCenti !== null ? ` · ${formatArea(r.areaCenti)} m²` : "",
    id: String(r.id),
    time: ctx.fs.time(r.createdAt),
  });
}

export function rosterResultText(ctx: BotContext, result: RosterImport): string {
  const { t } = ctx.fs;
  if (result.ok) return t("roster.imported", result);
  return [t("roster.rejected"), ...rosterProblemLines(t, result.problems, MAX_PROBLEMS_SHOWN)].join("\n");
}

/** The committee's tools: verifying registrations, the roster, the invite codes. */
export function committeeFeature(): Composer<BotContext> {
  const c = new Composer<BotContext>();

  c.command(
    "pending",
    staffOnly("committee", async (ctx) => {
      const { t } = ctx.fs;
      const { residents, total } = await ctx.fs.services.verification.pending(await ctx.fs.actor(), PENDING_PAGE);
      if (total === 0) return void (await reply(ctx, t("pending.none")));
      await reply(ctx, t("pending.header", { count: total }));
      for (const r of residents) {
        const kb = new InlineKeyboard().text(t("pending.verify"), callback("reg", "verify", r.id, r.revision)).text(t("pending.reject"), callback("reg", "reject", r.id, r.revision));
        await reply(ctx, pendingItem(ctx, r), kb);
      }
      if (total > residents.length) await reply(ctx, t("pending.more", { count: total - residents.length }));
    }),
  );

  c.chatType("private").callbackQuery(callbackPattern("reg"), async (ctx) => {
    const { t } = ctx.fs;
    // Rights are checked again on every press: a role may have been revoked since the list was sent.
    if (!(await ctx.fs.roles()).has("committee")) return void (await answer(ctx, t("common.notAllowed", { role: t("roles.committee"), command: "pending" })));
    const [verb, residentId, rev] = pressedArgs(ctx, "reg");
    const outcome = await ctx.fs.services.verification.decide(await ctx.fs.actor(), residentId, rev, verb === "verify");
    if (outcome.kind === "gone") {
      await answer(ctx, t("pending.gone"));
      await dropButtons(ctx);
      return;
    }
    const r = outcome.resident;
    const vars = { building: r.unit?.building ?? "?", unit: r.unit?.number ?? "?", time: ctx.fs.time(ctx.fs.services.clock.now()) };
    await answer(ctx);
    await edit(ctx, t(outcome.verified ? "pending.verified" : "pending.rejected", vars));
    // The resident hears the outcome in their own language.
    const notice = ctx.fs.translator.t(r.language, outcome.verified ? "registration.verifiedNotice" : "registration.rejectedNotice", vars);
    await sendTo(ctx.api, r.id, notice).catch((e: unknown) => ctx.fs.logger.warn("could not notify resident", { error: e }));
  });

  c.command(
    "codes",
    staffOnly("committee", async (ctx) => {
      const { t } = ctx.fs;
      const { count, csv } = await ctx.fs.services.roster.codesCsv(await ctx.fs.actor());
      if (count === 0) return void (await reply(ctx, t("roster.codesEmpty")));
      await replyDocument(ctx, new InputFile(Buffer.from(csv, "utf8"), "invite-codes.csv"), t("roster.codesCaption", { count }));
    }),
  );

  // Files: a committee member's CSV is a roster; nobody else may send files.
  c.chatType("private").on("message:document", async (ctx, next) => {
    const { t } = ctx.fs;
    if (ctx.fs.resident?.status === "registering") return next();
    if (!(await ctx.fs.roles()).has("committee")) return void (await reply(ctx, t("roster.staffOnly")));
    const doc = ctx.message.document;
    const name = (doc.file_name ?? "").toLowerCase();
    if (!name.endsWith(".csv") && doc.mime_type !== "text/csv") return next();
    if ((doc.file_size ?? 0) > ROSTER_MAX_BYTES) return void (await reply(ctx, rosterResultText(ctx, { ok: false, problems: [{ line: 0, reason: "too-large" }] })));
    const bytes = await ctx.fs.download(doc.file_id).catch((e: unknown) => {
      ctx.fs.logger.warn("file download failed", { error: e, update_id: ctx.update.update_id });
      return null;
    });
    if (!bytes) return void (await reply(ctx, t("roster.downloadFailed")));
    await reply(ctx, rosterResultText(ctx, await ctx.fs.services.roster.import(bytes, await ctx.fs.actor())));
  });
  return c;
}


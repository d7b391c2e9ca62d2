import { randomInt } from "node:crypto";
import { Composer, InlineKeyboard } from "grammy";
import type { ChatStateRow } from "../../../app/conversations/index.js";
import type { Consultation } from "../../../domain/consultations/consultation.js";
import { SPEC_MAX_BYTES } from "../../../domain/consultations/spec.js";
import { label } from "../../../presenters/consultation.js";
import { callback } from "../../callbacks.js";
import type { BotContext } from "../../context.js";
import { answer, dropButtons, reply } from "../../replies.js";
import { clip } from "../../../domain/text/clip.js";
import { pressConversation, readConversation } from "../../conversation.js";
import { OPENED, SPEC_PREVIEW } from "./kinds.js";
import { sendPreview } from "./preview.js";
import { createdText, isCommittee, replyProblems, services, specProblemLines } from "./shared.js";
import type { SpecPreviewState } from "./states.js";

/** Choices of a spec file's preview buttons ("open"/"cancel" on previews sent before they had their own). */
const FILE_OPEN = "file-open";
const FILE_DISCARD = "file-discard";


async function rememberOpened(ctx: BotContext, rev: number, c: Consultation): Promise<void> {
  await ctx.fs.services.conversations.start(BigInt(ctx.from!.id), OPENED, { rev, id: c.id });
}

/** A press on the buttons of a preview that was opened already: which consultation it became, and where it stands. */
async function alreadyOpened(ctx: BotContext, id: number): Promise<void> {
  const c = await services(ctx).lifecycle.find(id);
  if (!c) return void (await answer(ctx, ctx.fs.t("common.staleButton")));
  // answer() shows the HTML text as plain text (a title with & or < as written) and keeps it within Telegram's 200 characters.
  const vars = { id: c.id, title: clip(label(ctx.fs.lang, c.title), 60), closes: ctx.fs.time(c.closesAt), opens: ctx.fs.time(c.opensAt ?? c.closesAt) };
  await answer(ctx, ctx.fs.t(c.status === "open" ? "previewAgain.open" : c.status === "draft" ? "previewAgain.draft" : "previewAgain.closed", vars));
}

/** A spec-file preview's buttons share the `nw` action: open (or schedule) it, or discard it. */
async function specPressed(ctx: BotContext, rev: number, choice: string): Promise<void> {
  const { t } = ctx.fs;
  const held = await pressConversation(ctx, SPEC_PREVIEW, rev, t("previewAgain.fileGone"));
  if (!held) return;
  const conversations = ctx.fs.services.conversations;
  const userId = BigInt(ctx.from!.id);
  if (choice !== FILE_OPEN && choice !== "open") {
    await conversations.end(userId, held);
    return void (await reply(ctx, t("common.cancelled")));
  }
  const checked = await services(ctx).lifecycle.validate(held.state.spec);
  if (!checked.ok) return replyProblems(ctx, t("spec.rejected"), checked.error);
  if (!(await conversations.end(userId, held))) return void (await reply(ctx, t("common.staleButton")));
  const created = await services(ctx).lifecycle.create(checked.value, await ctx.fs.actor());
  if (!created.ok) return replyProblems(ctx, t("spec.rejected"), created.error);
  await rememberOpened(ctx, held.state.rev, created.value);
  await reply(ctx, createdText(ctx, created.value));
}

/**
 * A press of an `nw` button that belongs to a file's preview (pending, opened already, or gone):
 * answered here, and true. False leaves the press to /new.
 */
export async function pressedOnFilePreview(ctx: BotContext, state: ChatStateRow | null, rev: number, choice: string): Promise<boolean> {
  if (state?.kind === SPEC_PREVIEW.name) {
    await specPressed(ctx, rev, choice);
    return true;
  }
  if (state?.kind === OPENED.name) {
    const opened = await readConversation(ctx, OPENED);
    if (opened.status === "lost" && opened.reason === "unreadable") return true;
    if (opened.status === "active" && opened.held.state.rev === rev) {
      await alreadyOpened(ctx, opened.held.state.id);
      return true;
    }
  }
  // The person sent a file: "send /new" would be the wrong advice.
  if (choice !== FILE_OPEN && choice !== FILE_DISCARD) return false;
  await answer(ctx, ctx.fs.t("previewAgain.fileGone"));
  return true;
}

/** Committee: a consultation sent as a JSON spec file, previewed before it is opened or scheduled. */
export function specUploadFeature(): Composer<BotContext> {
  const c = new Composer<BotContext>();

  // A spec file. The committee feature has already refused files from everyone else.
  c.chatType("private").on("message:document", async (ctx, next) => {
    const { t } = ctx.fs;
    const doc = ctx.message.document;
    const name = (doc.file_name ?? "").toLowerCase();
    if (!name.endsWith(".json") && doc.mime_type !== "application/json") return next();
    if (!(await isCommittee(ctx))) return void (await reply(ctx, t("spec.staffOnly")));
    if ((doc.file_size ?? 0) > SPEC_MAX_BYTES) return void (await reply(ctx, [t("spec.rejected"), ...specProblemLines(t, [{ path: "", code: "file-too-large", params: { max: SPEC_MAX_BYTES / 1024 } }])].join("\n")));
    const bytes = await ctx.fs.download(doc.file_id).catch((e: unknown) => {
      ctx.fs.logger.warn("file download failed", { error: e, update_id: ctx.update.update_id });
      return null;
    });
    if (!bytes) return void (await reply(ctx, t("spec.downloadFailed")));
    const parsed = await services(ctx).lifecycle.parse(bytes);
    if (!parsed.ok) return replyProblems(ctx, t("spec.rejected"), parsed.error);
    const state: SpecPreviewState = { v: 1, rev: randomInt(1, 1_000_000_000), spec: JSON.parse(new TextDecoder().decode(bytes).replace(/^\uFEFF/, "")) };
    await ctx.fs.services.conversations.start(BigInt(ctx.from.id), SPEC_PREVIEW, state);
    const kb = new InlineKeyboard().text(t(parsed.value.opensAt ? "newc.schedule" : "newc.open"), callback("nw", state.rev, FILE_OPEN)).row().text(t("newc.discard"), callback("nw", state.rev, FILE_DISCARD));
    await sendPreview(ctx, parsed.value, kb);
  });

  return c;
}

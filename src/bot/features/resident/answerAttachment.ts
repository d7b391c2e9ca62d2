// The attachment of a government answer (the town's notice), sent on a press
// of the answer's button: the answer's message itself goes through the outbox
// as text, so ten thousand residents do not each get a file they did not ask for.
import { Composer } from "grammy";
import { callbackPattern, pressedArgs } from "../../callbacks.js";
import type { BotContext } from "../../context.js";
import { answer, replyStoredFile } from "../../replies.js";

export function answerAttachmentFeature(): Composer<BotContext> {
  const c = new Composer<BotContext>();
  c.chatType("private").callbackQuery(callbackPattern("af"), async (ctx) => {
    const [id] = pressedArgs(ctx, "af");
    const file = await ctx.fs.services.answers.attachment(id);
    if (!file) return void (await answer(ctx, ctx.fs.t("answer.noAttachment")));
    await answer(ctx);
    await replyStoredFile(ctx, file.kind, file.id, ctx.fs.t("answer.attachmentCaption"));
  });
  return c;
}

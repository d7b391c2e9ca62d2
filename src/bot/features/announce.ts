import { Composer } from "grammy";
import { advanceAnnouncement, startAnnouncement, type AnnouncementProblem, type AnnouncementState } from "../../domain/consultations/announcement.js";
import { raw, shown } from "../../presenters/consultation.js";
import { callback, callbackPattern, pressedArgs } from "../callbacks.js";
import type { BotContext } from "../context.js";
import type { Held } from "../../app/conversations/index.js";
import { conversationOf, pressConversation, readConversation } from "../conversation.js";
import { staffOnly } from "../guards.js";
import { readerOf } from "../pollMessages.js";
import { answer, dropButtons, reply } from "../replies.js";
import { buildingPickerRows, buildingQuestion } from "../ui/buildingPicker.js";
import { keyboardOf, type Button } from "../ui/grid.js";
import { ANNOUNCE } from "./committee/kinds.js";

async function prompt(ctx: BotContext, s: AnnouncementState, prefix?: string): Promise<void> {
  const { t } = ctx.fs;
  const b = (text: string, choice: string): Button => ({ text, data: callback("an", s.rev, choice) });
  const rows: Button[][] = [];
  let question: string;
  switch (s.step) {
    case "audience": {
      const buildings = await ctx.fs.services.consultations.broadcasts.knownBuildings(await ctx.fs.actor());
      question = buildingQuestion(t, t("announce.ask.audience"), s.audience);
      rows.push(...buildingPickerRows(t, buildings, s.audience, b));
      break;
    }
    case "langs":
      question = t("announce.ask.langs");
      rows.push([b("中文", "zh"), b("English", "en")], [b("中文 + English", "both")]);
      break;
    case "text":
      question = t("announce.ask.text", { language: t(`newc.language.${s.langs[s.li] ?? "zh"}`) });
      break;
    case "preview": {
      const reach = await ctx.fs.services.consultations.broadcasts.announcementReach(s.audience);
      const r = readerOf(ctx);
      question = [
        t("announce.preview", { count: reach, audience: s.audience ? s.audience.join(", ") : t("announce.everyone") }),
        "",
        t("announce.message", raw({ text: shown(r, s.text) })),
      ].join("\n");
      rows.push([b(t("announce.send", { count: reach }), "send")], [b(t("newc.cancel"), "cancel")]);
      break;
    }
  }
  const kb = keyboardOf(rows);
  const footer = s.step === "preview" ? undefined : t("newc.footer");
  await reply(ctx, [prefix, question, footer].filter(Boolean).join("\n\n"), rows.length > 0 ? kb : undefined);
}

const problemText = (ctx: BotContext, p: AnnouncementProblem) => {
  const { code, ...vars } = p;
  return ctx.fs.t(`announce.problem.${code}`, vars);
};

async function move(ctx: BotContext, held: Held<AnnouncementState>, input: { text: string } | { button: string }) {
  const s = held.state;
  const buildings = await ctx.fs.services.consultations.broadcasts.knownBuildings(await ctx.fs.actor());
  const r = advanceAnnouncement(s, input, buildings);
  if (!r.ok) return prompt(ctx, s, problemText(ctx, r.problem));
  if (!(await ctx.fs.services.conversations.move(BigInt(ctx.from!.id), held, r.state))) return void (await reply(ctx, ctx.fs.t("common.staleButton")));
  await prompt(ctx, r.state);
}

/** Committee: /announce to all verified residents or to chosen buildings, through the outbox. */
export function announceFeature(): Composer<BotContext> {
  const c = new Composer<BotContext>();
  const priv = c.chatType("private");

  c.command(
    "announce",
    staffOnly("committee", async (ctx) => {
      const { state } = await ctx.fs.services.conversations.start(BigInt(ctx.from!.id), ANNOUNCE, startAnnouncement());
      await prompt(ctx, state);
    }),
  );

  priv.callbackQuery(callbackPattern("an"), async (ctx) => {
    const { t } = ctx.fs;
    const [rev, choice] = pressedArgs(ctx, "an");
    if (!(await ctx.fs.roles()).has("committee")) return void (await answer(ctx, t("common.notAllowed", { role: t("roles.committee"), command: "announce" })));
    const userId = BigInt(ctx.from.id);
    const held = await pressConversation(ctx, ANNOUNCE, rev, t("newc.expired"));
    if (!held) return;
    const conversations = ctx.fs.services.conversations;
    if (choice === "cancel") {
      await conversations.end(userId, held);
      return void (await reply(ctx, t("common.cancelled")));
    }
    if (held.state.step === "preview" && choice === "send") {
      // Ending the conversation first: a second press sends nothing.
      if (!(await conversations.end(userId, held))) return void (await reply(ctx, t("common.staleButton")));
      const sent = await ctx.fs.services.consultations.broadcasts.announce(held.state.text, held.state.audience, await ctx.fs.actor());
      return void (await reply(ctx, t("announce.queued", { recipients: sent.recipients })));
    }
    await move(ctx, held, { button: choice });
  });

  priv.on("message:text", async (ctx, next) => {
    if (ctx.message.text.startsWith("/")) return next();
    if ((await conversationOf(ctx))?.kind !== ANNOUNCE.name) return next();
    if (!(await ctx.fs.roles()).has("committee")) {
      await ctx.fs.services.conversations.drop(BigInt(ctx.from.id), ANNOUNCE);
      return next();
    }
    const r = await readConversation(ctx, ANNOUNCE);
    if (r.status === "active") await move(ctx, r.held, { text: ctx.message.text });
  });
  return c;
}

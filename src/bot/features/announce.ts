import { Composer } from "grammy";
import { advanceAnnouncement, startAnnouncement, type AnnouncementProblem, type AnnouncementState } from "../../domain/consultations/announcement.js";
import { raw, shown } from "../../presenters/consultation.js";
import { callback, callbackPattern, pressedArgs } from "../callbacks.js";
import type { BotContext } from "../context.js";
import { conversationOf, stateOf } from "../conversation.js";
import { staffOnly } from "../guards.js";
import { readerOf } from "../pollMessages.js";
import { answer, dropButtons, reply } from "../replies.js";
import { buildingPickerRows, buildingQuestion } from "../ui/buildingPicker.js";
import { keyboardOf, type Button } from "../ui/grid.js";
import { ANNOUNCE } from "./committee/kinds.js";
import { announcementStateSchema } from "./committee/states.js";

const store = (ctx: BotContext) => ctx.fs.services.consultations.stores.conversations;

async function prompt(ctx: BotContext, s: AnnouncementState, prefix?: string): Promise<void> {
  const { t } = ctx.fs;
  const b = (text: string, choice: string): Button => ({ text, data: callback("an", s.rev, choice) });
  const rows: Button[][] = [];
  let question: string;
  switch (s.step) {
    case "audience": {
      const buildings = await ctx.fs.services.consultations.stores.audience.knownBuildings();
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

async function move(ctx: BotContext, rawState: string, s: AnnouncementState, input: { text: string } | { button: string }) {
  const buildings = await ctx.fs.services.consultations.stores.audience.knownBuildings();
  const r = advanceAnnouncement(s, input, buildings);
  if (!r.ok) return prompt(ctx, s, problemText(ctx, r.problem));
  if (!(await store(ctx).replace(BigInt(ctx.from!.id), ANNOUNCE, rawState, JSON.stringify(r.state)))) return void (await reply(ctx, ctx.fs.t("common.staleButton")));
  await prompt(ctx, r.state);
}

/** Committee: /announce to all verified residents or to chosen buildings, through the outbox. */
export function announceFeature(): Composer<BotContext> {
  const c = new Composer<BotContext>();
  const priv = c.chatType("private");

  c.command(
    "announce",
    staffOnly("committee", async (ctx) => {
      const s = startAnnouncement();
      await store(ctx).put(BigInt(ctx.from!.id), ANNOUNCE, JSON.stringify(s));
      await prompt(ctx, s);
    }),
  );

  priv.callbackQuery(callbackPattern("an"), async (ctx) => {
    const { t } = ctx.fs;
    const [rev, choice] = pressedArgs(ctx, "an");
    if (!(await ctx.fs.roles()).has("committee")) return void (await answer(ctx, t("common.notAllowed", { role: t("roles.committee"), command: "announce" })));
    const userId = BigInt(ctx.from.id);
    const state = await store(ctx).get(userId);
    if (state?.kind !== ANNOUNCE) return void (await answer(ctx, t("newc.expired")));
    const s = await stateOf(ctx, state, announcementStateSchema);
    if (!s) return;
    if (s.rev !== rev) return void (await answer(ctx, t("common.staleButton")));
    await answer(ctx);
    await dropButtons(ctx);
    if (choice === "cancel") {
      await store(ctx).take(userId, ANNOUNCE, state.data);
      return void (await reply(ctx, t("common.cancelled")));
    }
    if (s.step === "preview" && choice === "send") {
      // Taking the conversation first: a second press sends nothing.
      if (!(await store(ctx).take(userId, ANNOUNCE, state.data))) return void (await reply(ctx, t("common.staleButton")));
      const sent = await ctx.fs.services.consultations.broadcasts.announce(s.text, s.audience, await ctx.fs.actor());
      return void (await reply(ctx, t("announce.queued", { recipients: sent.recipients })));
    }
    await move(ctx, state.data, s, { button: choice });
  });

  priv.on("message:text", async (ctx, next) => {
    if (ctx.message.text.startsWith("/")) return next();
    const state = await conversationOf(ctx);
    if (state?.kind !== ANNOUNCE) return next();
    if (!(await ctx.fs.roles()).has("committee")) {
      await store(ctx).take(BigInt(ctx.from.id), ANNOUNCE);
      return next();
    }
    const s = await stateOf(ctx, state, announcementStateSchema);
    if (s) await move(ctx, state.data, s, { text: ctx.message.text });
  });
  return c;
}

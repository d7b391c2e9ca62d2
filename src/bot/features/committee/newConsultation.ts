import { Composer, InlineKeyboard } from "grammy";
import { draftToSpec } from "../../../domain/consultations/spec.js";
import { advance, startWizard, type WizardState } from "../../../domain/consultations/wizard.js";
import { callback, callbackPattern, pressedArgs } from "../../callbacks.js";
import type { BotContext } from "../../context.js";
import type { Held } from "../../../app/conversations/index.js";
import { conversationOf, pressConversation, readConversation } from "../../conversation.js";
import { staffOnly } from "../../guards.js";
import { answer, dropButtons, reply } from "../../replies.js";
import { NEW_CONSULTATION } from "./kinds.js";
import { sendPreview } from "./preview.js";
import { createdText, isCommittee, replyProblems, services, specProblemLines } from "./shared.js";
import { pressedOnFilePreview } from "./specUpload.js";
import { wizardButtons, wizardProblemText, wizardQuestion } from "./wizardSteps.js";

/** Asks the question of the current step (or shows the preview at the end). */
async function prompt(ctx: BotContext, s: WizardState, prefix?: string): Promise<void> {
  const buildings = await services(ctx).lifecycle.audienceBuildings(await ctx.fs.actor());
  if (s.step === "preview") {
    const checked = await services(ctx).lifecycle.validate(wizardSpec(s));
    if (prefix) await reply(ctx, prefix);
    if (!checked.ok) {
      const kb = new InlineKeyboard().text(ctx.fs.t("newc.restart"), callback("nw", s.rev, "restart")).text(ctx.fs.t("newc.cancel"), callback("nw", s.rev, "cancel"));
      return void (await reply(ctx, [ctx.fs.t("newc.invalid"), ...specProblemLines(ctx.fs.t, checked.error)].join("\n"), kb));
    }
    return sendPreview(ctx, checked.value, wizardButtons(ctx, s, buildings)!);
  }
  const text = [prefix, wizardQuestion(ctx, s), ctx.fs.t("newc.footer")].filter(Boolean).join("\n\n");
  await reply(ctx, text, wizardButtons(ctx, s, buildings));
}

/** The wizard's answers as a spec, so they are checked exactly like a file. */
function wizardSpec(s: WizardState) {
  return draftToSpec({
    title: s.title,
    description: s.description.zh || s.description.en ? s.description : null,
    audience: s.audience,
    closesAt: new Date(s.closesAt ?? 0),
    residentStatements: s.residentStatements,
    moderated: s.moderated,
    statements: s.seeds,
    polls: s.polls,
  });
}

/** Roster units of the chosen audience without a floor area, which an Art. 278 poll cannot be counted without. */
async function units(ctx: BotContext, s: WizardState) {
  return services(ctx).lifecycle.unitsWithoutArea(await ctx.fs.actor(), s.audience);
}

/** Applies an answer to the stored conversation, if it is still the one the person answered. */
async function answerWizard(ctx: BotContext, held: Held<WizardState>, input: { text: string } | { button: string }): Promise<void> {
  const s = held.state;
  const buildings = await services(ctx).lifecycle.audienceBuildings(await ctx.fs.actor());
  const result = advance(s, input, {
    now: ctx.fs.services.clock.now(),
    timeZone: ctx.fs.timeZone,
    buildings,
    ...(s.step === "rule" ? { unitsWithoutArea: await units(ctx, s) } : {}),
  });
  if (!result.ok) return prompt(ctx, s, wizardProblemText(ctx, result.problem));
  const moved = await ctx.fs.services.conversations.move(BigInt(ctx.from!.id), held, result.state);
  if (!moved) return void (await reply(ctx, ctx.fs.t("common.staleButton")));
  await prompt(ctx, result.state);
}

async function openWizard(ctx: BotContext, held: Held<WizardState>): Promise<void> {
  const { t } = ctx.fs;
  const s = held.state;
  const checked = await services(ctx).lifecycle.validate(wizardSpec(s));
  if (!checked.ok) return replyProblems(ctx, t("newc.invalid"), checked.error);
  // Taking the state first makes a second press (or a press on a copy of the preview) create nothing.
  if (!(await ctx.fs.services.conversations.end(BigInt(ctx.from!.id), held))) return void (await reply(ctx, t("common.staleButton")));
  const created = await services(ctx).lifecycle.create(checked.value, await ctx.fs.actor());
  if (!created.ok) return replyProblems(ctx, t("newc.invalid"), created.error, t("newc.startAgain"));
  await reply(ctx, createdText(ctx, created.value));
}

/** Committee: /new, a consultation built step by step; its `nw` buttons are shared with a spec file's preview. */
export function newConsultationFeature(): Composer<BotContext> {
  const c = new Composer<BotContext>();
  const priv = c.chatType("private");

  c.command(
    "new",
    staffOnly("committee", async (ctx) => {
      const { state } = await ctx.fs.services.conversations.start(BigInt(ctx.from!.id), NEW_CONSULTATION, startWizard());
      await prompt(ctx, state, ctx.fs.t("newc.welcome"));
    }),
  );

  priv.callbackQuery(callbackPattern("nw"), async (ctx) => {
    const { t } = ctx.fs;
    const [rev, choice] = pressedArgs(ctx, "nw");
    if (!(await isCommittee(ctx))) return void (await answer(ctx, t("common.notAllowed", { role: t("roles.committee"), command: "new" })));
    if (await pressedOnFilePreview(ctx, await conversationOf(ctx), rev, choice)) return;
    const held = await pressConversation(ctx, NEW_CONSULTATION, rev, t("newc.expired"));
    if (!held) return;
    const conversations = ctx.fs.services.conversations;
    if (choice === "cancel") {
      await conversations.end(BigInt(ctx.from.id), held);
      return void (await reply(ctx, t("common.cancelled")));
    }
    if (choice === "restart") {
      // The revision goes on counting: the first run's buttons stay outdated.
      const fresh = await conversations.move(BigInt(ctx.from.id), held, { ...startWizard(), rev: held.state.rev + 1 });
      if (fresh) await prompt(ctx, fresh.state);
      return;
    }
    if (held.state.step === "preview" && choice === "open") return openWizard(ctx, held);
    await answerWizard(ctx, held, { button: choice });
  });

  // Text answers to /new. Other conversations (statements, announcements) and commands pass through.
  priv.on("message:text", async (ctx, next) => {
    if (ctx.message.text.startsWith("/")) return next();
    if ((await conversationOf(ctx))?.kind !== NEW_CONSULTATION.name) return next();
    if (!(await isCommittee(ctx))) {
      await ctx.fs.services.conversations.drop(BigInt(ctx.from.id), NEW_CONSULTATION);
      return next();
    }
    const r = await readConversation(ctx, NEW_CONSULTATION);
    if (r.status === "active") await answerWizard(ctx, r.held, { text: ctx.message.text });
  });

  return c;
}

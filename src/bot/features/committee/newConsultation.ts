import { Composer, InlineKeyboard } from "grammy";
import { draftToSpec } from "../../../domain/consultations/spec.js";
import { advance, startWizard, type WizardState } from "../../../domain/consultations/wizard.js";
import { callback, callbackPattern, pressedArgs } from "../../callbacks.js";
import type { BotContext } from "../../context.js";
import { conversationOf, stateOf } from "../../conversation.js";
import { staffOnly } from "../../guards.js";
import { answer, dropButtons, reply } from "../../replies.js";
import { NEW_CONSULTATION } from "./kinds.js";
import { sendPreview } from "./preview.js";
import { createdText, isCommittee, replyProblems, services, specProblemLines } from "./shared.js";
import { pressedOnFilePreview } from "./specUpload.js";
import { wizardStateSchema } from "./states.js";
import { wizardButtons, wizardProblemText, wizardQuestion } from "./wizardSteps.js";

/** Asks the question of the current step (or shows the preview at the end). */
async function prompt(ctx: BotContext, s: WizardState, prefix?: string): Promise<void> {
  const buildings = await services(ctx).stores.audience.knownBuildings();
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
  return (await services(ctx).stores.audience.roster(s.audience)).withoutArea;
}

/** Applies an answer to the stored conversation, if it is still the one the person answered. */
async function answerWizard(ctx: BotContext, raw: string, s: WizardState, input: { text: string } | { button: string }): Promise<void> {
  const buildings = await services(ctx).stores.audience.knownBuildings();
  const result = advance(s, input, {
    now: ctx.fs.services.clock.now(),
    timeZone: ctx.fs.timeZone,
    buildings,
    ...(s.step === "rule" ? { unitsWithoutArea: await units(ctx, s) } : {}),
  });
  if (!result.ok) return prompt(ctx, s, wizardProblemText(ctx, result.problem));
  const moved = await services(ctx).stores.conversations.replace(BigInt(ctx.from!.id), NEW_CONSULTATION, raw, JSON.stringify(result.state));
  if (!moved) return void (await reply(ctx, ctx.fs.t("common.staleButton")));
  await prompt(ctx, result.state);
}

async function openWizard(ctx: BotContext, raw: string, s: WizardState): Promise<void> {
  const { t } = ctx.fs;
  const checked = await services(ctx).lifecycle.validate(wizardSpec(s));
  if (!checked.ok) return replyProblems(ctx, t("newc.invalid"), checked.error);
  // Taking the state first makes a second press (or a press on a copy of the preview) create nothing.
  if (!(await services(ctx).stores.conversations.take(BigInt(ctx.from!.id), NEW_CONSULTATION, raw))) return void (await reply(ctx, t("common.staleButton")));
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
      const s = startWizard();
      await services(ctx).stores.conversations.put(BigInt(ctx.from!.id), NEW_CONSULTATION, JSON.stringify(s));
      await prompt(ctx, s, ctx.fs.t("newc.welcome"));
    }),
  );

  priv.callbackQuery(callbackPattern("nw"), async (ctx) => {
    const { t } = ctx.fs;
    const [rev, choice] = pressedArgs(ctx, "nw");
    if (!(await isCommittee(ctx))) return void (await answer(ctx, t("common.notAllowed", { role: t("roles.committee"), command: "new" })));
    const state = await services(ctx).stores.conversations.get(BigInt(ctx.from.id));
    if (await pressedOnFilePreview(ctx, state, rev, choice)) return;
    if (state?.kind !== NEW_CONSULTATION) return void (await answer(ctx, t("newc.expired")));
    const s = await stateOf(ctx, state, wizardStateSchema);
    if (!s) return;
    if (s.rev !== rev) return void (await answer(ctx, t("common.staleButton")));
    await answer(ctx);
    await dropButtons(ctx);
    if (choice === "cancel") {
      await services(ctx).stores.conversations.take(BigInt(ctx.from.id), NEW_CONSULTATION, state.data);
      return void (await reply(ctx, t("common.cancelled")));
    }
    if (choice === "restart") {
      const fresh = startWizard();
      if (!(await services(ctx).stores.conversations.replace(BigInt(ctx.from.id), NEW_CONSULTATION, state.data, JSON.stringify(fresh)))) return;
      return prompt(ctx, fresh);
    }
    if (s.step === "preview" && choice === "open") return openWizard(ctx, state.data, s);
    await answerWizard(ctx, state.data, s, { button: choice });
  });

  // Text answers to /new. Other conversations (statements, announcements) and commands pass through.
  priv.on("message:text", async (ctx, next) => {
    if (ctx.message.text.startsWith("/")) return next();
    const state = await conversationOf(ctx);
    if (state?.kind !== NEW_CONSULTATION) return next();
    if (!(await isCommittee(ctx))) {
      await services(ctx).stores.conversations.take(BigInt(ctx.from.id), NEW_CONSULTATION);
      return next();
    }
    const s = await stateOf(ctx, state, wizardStateSchema);
    if (s) await answerWizard(ctx, state.data, s, { text: ctx.message.text });
  });

  return c;
}

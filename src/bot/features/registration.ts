import { Composer, InlineKeyboard } from "grammy";
import type { Problem, Step } from "../../app/registration.js";
import { formatArea } from "../../domain/residents/area.js";
import { RELATIONS } from "../../domain/residents/registration.js";
import type { Resident } from "../../domain/residents/resident.js";
import { callback, callbackPattern, pressedArgs } from "../callbacks.js";
import type { BotContext } from "../context.js";
import { privateOnly } from "../guards.js";
import { grid } from "../ui/grid.js";
import { answer, dropButtons, reply } from "../replies.js";

/** Telegram allows 100 buttons per keyboard; beyond that residents type a code or ask the committee. */
const MAX_BUILDING_BUTTONS = 90;

async function prompt(ctx: BotContext, r: Resident, prefix: string[] = []) {
  const { t } = ctx.fs;
  const lines = [...prefix];
  let kb: InlineKeyboard | undefined;
  switch (r.step) {
    case "language":
      lines.push(t("language.ask"));
      kb = new InlineKeyboard().text("中文", callback("lang", "zh", r.revision)).text("English", callback("lang", "en", r.revision));
      break;
    case "unit": {
      if (r.draftBuilding) {
        lines.push(t("registration.askNumber", { building: r.draftBuilding }));
        break;
      }
      const buildings = (await ctx.fs.services.registration.buildings()).slice(0, MAX_BUILDING_BUTTONS);
      if (buildings.length === 0) {
        lines.push(t("registration.askUnitNoRoster"));
        break;
      }
      lines.push(t("registration.askUnit"));
      kb = grid(buildings.map((b, i) => ({ text: b, data: callback("bld", r.revision, i) })), 3);
      break;
    }
    case "relation":
      lines.push(t("registration.askRelation"));
      kb = grid(RELATIONS.map((rel) => ({ text: t(`relation.${rel}`), data: callback("rel", r.revision, rel) })), 2);
      break;
    case "area": {
      const listed = r.unit?.areaCenti ?? null;
      kb = new InlineKeyboard();
      if (listed !== null) {
        lines.push(t("registration.askAreaKnown", { area: formatArea(listed) }));
        kb.text(t("registration.useListedArea", { area: formatArea(listed) }), callback("area", r.revision, "listed"));
      } else lines.push(t("registration.askArea"));
      kb.text(t("registration.skipArea"), callback("area", r.revision, "skip"));
      break;
    }
    case null:
      break;
  }
  await reply(ctx, lines.join("\n\n"), kb);
}

function problemText(ctx: BotContext, p: Problem): string {
  const { t } = ctx.fs;
  switch (p.kind) {
    case "code-wrong":
      return t("registration.codeWrong", { code: p.code });
    case "code-used":
      return t("registration.codeUsed");
    case "choose-building-first":
      return t("registration.chooseBuildingFirst");
    case "unknown-building":
      return t("registration.unknownBuilding");
    case "unit-not-found":
      return t("registration.unitNotFound", { building: p.building, unit: p.unit });
    case "area":
      return t({ "not-a-number": "registration.areaNotNumber", "out-of-range": "registration.areaOutOfRange", "too-precise": "registration.areaTooPrecise" }[p.reason]);
    case "wrong-step":
      return t("common.textExpected");
    case "not-text":
      return t("registration.photoInstead");
  }
}

const unitVars = (r: Resident) => ({ building: r.unit?.building ?? "", unit: r.unit?.number ?? "" });

/** Renders the outcome of a registration use case: one message, with the next step's question. */
export async function renderStep(ctx: BotContext, step: Step): Promise<void> {
  const { t } = ctx.fs;
  if ("resident" in step) ctx.fs.useLanguage(step.resident.language);
  switch (step.kind) {
    case "consent-needed": {
      const kb = new InlineKeyboard().text(t("consent.agree"), callback("consent", "yes", step.code)).row().text(t("consent.decline"), callback("consent", "no", null));
      await reply(ctx, t("consent.text"), kb);
      return;
    }
    case "prompt": {
      const prefix: string[] = [];
      const note = step.note;
      if (note?.kind === "consent-recorded") prefix.push(t("consent.recorded", { time: ctx.fs.time(note.at) }));
      if (note?.kind === "rejected-restart") prefix.push(t("registration.rejectedRestart"));
      if (note?.kind === "code-accepted") prefix.push(t("registration.codeAccepted", { building: note.unit.building, unit: note.unit.number }));
      if (note?.kind === "unit-accepted") prefix.push(t("registration.unitAccepted", { building: note.unit.building, unit: note.unit.number }));
      await prompt(ctx, step.resident, prefix);
      return;
    }
    case "invalid":
      await prompt(ctx, step.resident, [problemText(ctx, step.problem)]);
      return;
    case "done":
      await reply(ctx, t(step.resident.status === "verified" ? "registration.doneVerified" : "registration.donePending", unitVars(step.resident)));
      return;
    case "already-verified":
      await reply(ctx, t("registration.alreadyVerified", unitVars(step.resident)));
      return;
    case "already-pending":
      await reply(ctx, t("registration.alreadyPending"));
      return;
    case "stale":
      await reply(ctx, t("common.staleButton"));
      return;
    case "not-registered":
      await reply(ctx, t("common.notRegistered"));
      return;
  }
}

/** A button press: the press is answered, old buttons removed when it did something, then the next step shown. */
async function pressed(ctx: BotContext, step: Step) {
  if (step.kind === "stale" || step.kind === "not-registered") {
    await answer(ctx, ctx.fs.t(step.kind === "stale" ? "common.staleButton" : "common.notRegistered"));
    return;
  }
  await answer(ctx);
  await dropButtons(ctx);
  await renderStep(ctx, step);
}

export function registrationFeature(): Composer<BotContext> {
  const c = new Composer<BotContext>();
  const reg = (ctx: BotContext) => ctx.fs.services.registration;

  c.command(
    "start",
    privateOnly(async (ctx) => {
      const payload = ctx.match.trim();
      await renderStep(ctx, await reg(ctx).start(BigInt(ctx.from!.id), payload === "" ? null : payload));
    }),
  );

  const buttons = c.chatType("private");
  buttons.callbackQuery(callbackPattern("consent"), async (ctx) => {
    const [choice, code] = pressedArgs(ctx, "consent");
    if (choice === "no") {
      await answer(ctx);
      await dropButtons(ctx);
      if (!ctx.fs.resident) await reply(ctx, ctx.fs.t("consent.declined"));
      return;
    }
    await pressed(ctx, await reg(ctx).consent(BigInt(ctx.from.id), ctx.fs.lang, code));
  });
  buttons.callbackQuery(callbackPattern("lang"), async (ctx) => {
    const [lang, rev] = pressedArgs(ctx, "lang");
    await pressed(ctx, await reg(ctx).chooseLanguage(BigInt(ctx.from.id), rev, lang));
  });
  buttons.callbackQuery(callbackPattern("bld"), async (ctx) => {
    const [rev, index] = pressedArgs(ctx, "bld");
    const building = (await ctx.fs.services.registration.buildings())[index];
    if (building === undefined) return void (await answer(ctx, ctx.fs.t("common.staleButton")));
    await pressed(ctx, await reg(ctx).chooseBuilding(BigInt(ctx.from.id), rev, building));
  });
  buttons.callbackQuery(callbackPattern("rel"), async (ctx) => {
    const [rev, relation] = pressedArgs(ctx, "rel");
    await pressed(ctx, await reg(ctx).chooseRelation(BigInt(ctx.from.id), rev, relation));
  });
  buttons.callbackQuery(callbackPattern("area"), async (ctx) => {
    const [rev, button] = pressedArgs(ctx, "area");
    await pressed(ctx, await reg(ctx).giveArea(BigInt(ctx.from.id), { button, revision: rev }));
  });

  // Text while a registration is unfinished answers the current step.
  const registering = c.chatType("private").filter((ctx) => ctx.fs.resident?.status === "registering" && ctx.fs.resident.step !== null);
  registering.on("message:text", async (ctx, next) => {
    const r = ctx.fs.resident!;
    const text = ctx.message.text;
    if (text.startsWith("/")) return next(); // an unknown command: the fallback names it
    if (r.step === "unit") return renderStep(ctx, await reg(ctx).submitUnitText(r.id, text));
    if (r.step === "area") return renderStep(ctx, await reg(ctx).giveArea(r.id, { text }));
    await renderStep(ctx, { kind: "prompt", resident: r });
  });
  registering.on("message", async (ctx, next) => {
    if (ctx.message.text !== undefined) return next();
    await renderStep(ctx, { kind: "invalid", resident: ctx.fs.resident!, problem: { kind: "not-text" } });
  });
  return c;
}

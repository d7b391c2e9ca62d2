import { randomInt } from "node:crypto";
import { Composer, InlineKeyboard } from "grammy";
import type { PollTurnout } from "../../app/consultations/consultations.js";
import { toPollDefinition, type Consultation } from "../../domain/consultations/consultation.js";
import { SPEC_MAX_BYTES, draftToSpec, type ConsultationDraft, type SpecProblem } from "../../domain/consultations/spec.js";
import { includesName } from "../../domain/residents/names.js";
import { advance, askedLanguage, rulesFor, startWizard, type WizardProblem, type WizardState } from "../../domain/consultations/wizard.js";
import { closeConfirmText, consultationResultText, label, pollRules, pollTitle, shown, audienceText, splitMessages } from "../../presenters/consultation.js";
import { specProblemLines as problemLines } from "../../presenters/spec.js";
import { callback, callbackPattern, pressedArgs } from "../callbacks.js";
import type { BotContext } from "../context.js";
import { conversationOf } from "../conversation.js";
import { commandArgs, staffOnly } from "../guards.js";
import { readerOf } from "../pollMessages.js";
import { answer, dropButtons, reply } from "../replies.js";

/** ChatState kinds of this feature. */
export const NEW_CONSULTATION = "new-consultation";
export const SPEC_PREVIEW = "consultation-spec";
export const ANNOUNCE = "announce";
/**
 * Left after a spec file's preview was opened: which one, so a second press of its
 * buttons names the consultation instead of saying a conversation ended (the person sent a file).
 * It is replaced by the next /new, file or /cancel, and no other feature reads it.
 */
export const OPENED = "consultation-opened";
/** Choices of a spec file's preview buttons ("open"/"cancel" on previews sent before they had their own). */
const FILE_OPEN = "file-open";
const FILE_DISCARD = "file-discard";
const MAX_PROBLEMS = 30;
const OVERVIEW = 20;

interface SpecPreviewState {
  readonly v: 1;
  readonly rev: number;
  /** The spec as sent, validated again when the committee member confirms. */
  readonly spec: unknown;
}

const services = (ctx: BotContext) => ctx.fs.services.consultations;
const isCommittee = async (ctx: BotContext) => (await ctx.fs.roles()).has("committee");

/** Spec problems as HTML lines for a chat message. */
function specProblemLines(t: BotContext["fs"]["t"], problems: readonly SpecProblem[]): string[] {
  return problemLines(t, problems, { html: true, max: MAX_PROBLEMS });
}

/** The draft as residents will see it, before anything is stored. */
function previewTexts(ctx: BotContext, d: ConsultationDraft): string[] {
  const r = readerOf(ctx);
  const { t } = r;
  const polls = d.polls.map((spec, i) => ({ id: i + 1, consultationId: 0, position: i, spec, definition: toPollDefinition(i + 1, spec), result: null }));
  const c: Consultation = {
    id: 0,
    title: d.title,
    description: d.description,
    status: "draft",
    audience: d.audience,
    opensAt: d.opensAt,
    closesAt: d.closesAt,
    openedAt: null,
    closedAt: null,
    residentStatements: d.residentStatements,
    moderated: d.moderated,
    remindersQueuedAt: null,
    publishedAt: null,
    createdBy: null,
    createdAt: ctx.fs.services.clock.now(),
    polls,
  };
  const head = [t("newc.previewTitle"), "", `<b>${shown(r, d.title)}</b>`];
  if (d.description) head.push(shown(r, d.description));
  head.push("", d.opensAt ? t("newc.opensAt", { time: r.time(d.opensAt) }) : t("newc.opensNow"), t("consultation.closesAt", { time: r.time(d.closesAt) }), audienceText(r, c));
  const blocks = [head.join("\n")];
  for (const p of polls) {
    const lines = [pollTitle(r, c, p), `<i>${pollRules(r, p).join("\n")}</i>`];
    if (p.spec.kind === "scale") lines.push(t("newc.scaleValues"));
    else p.spec.options.forEach((o, i) => lines.push(`${i + 1}. ${shown(r, o)}`));
    blocks.push(lines.join("\n"));
  }
  const statements = [t(d.residentStatements ? (d.moderated ? "newc.statementsModerated" : "newc.statementsOpen") : "newc.statementsNo")];
  if (d.statements.length > 0) statements.push(t("newc.seeds", { count: d.statements.length }), ...d.statements.map((s) => `• ${shown(r, s)}`));
  blocks.push(statements.join("\n"));
  return splitMessages(blocks, 3800);
}

async function sendPreview(ctx: BotContext, d: ConsultationDraft, keyboard: InlineKeyboard) {
  const parts = previewTexts(ctx, d);
  for (const [i, text] of parts.entries()) await reply(ctx, text, i === parts.length - 1 ? keyboard : undefined);
}

async function replyLong(ctx: BotContext, parts: readonly string[], keyboard?: InlineKeyboard) {
  for (const [i, text] of parts.entries()) await reply(ctx, text, i === parts.length - 1 ? keyboard : undefined);
}

/** A heading and one line per problem, split into messages that fit Telegram's 4096 characters. */
async function replyProblems(ctx: BotContext, heading: string, problems: readonly SpecProblem[], footer?: string) {
  const lines = [heading, ...specProblemLines(ctx.fs.t, problems)];
  if (footer) lines.push("", footer);
  await replyLong(ctx, splitMessages([lines.join("\n")]));
}

function createdText(ctx: BotContext, c: Consultation): string {
  const r = readerOf(ctx);
  const vars = { id: c.id, title: label(r.lang, c.title), closes: r.time(c.closesAt), polls: c.polls.length };
  return c.status === "open" ? r.t("newc.created", vars) : r.t("newc.scheduled", { ...vars, opens: r.time(c.opensAt ?? c.closesAt) });
}

// --- /new -----------------------------------------------------------------------

function wizardButtons(ctx: BotContext, s: WizardState, buildings: readonly string[]): InlineKeyboard | undefined {
  const { t } = ctx.fs;
  const b = (text: string, choice: string) => ({ text, data: callback("nw", s.rev, choice) });
  const rows: { text: string; data: string }[][] = [];
  switch (s.step) {
    case "langs":
      rows.push([b("中文", "zh"), b("English", "en")], [b("中文 + English", "both")]);
      break;
    case "description":
      rows.push([b(t("newc.skip"), "skip")]);
      break;
    case "audience": {
      rows.push([b(t("newc.everyone"), "all")]);
      const chosen = s.audience ?? [];
      const row: { text: string; data: string }[] = [];
      buildings.slice(0, 90).forEach((name, i) => row.push(b(`${includesName(chosen, name) ? "☑" : "☐"} ${name}`, `b${i}`)));
      for (let i = 0; i < row.length; i += 3) rows.push(row.slice(i, i + 3));
      rows.push([b(t("newc.done"), "done")]);
      break;
    }
    case "closes":
      rows.push([3, 7, 14].map((d) => b(t("newc.inDays", { count: d }), `d${d}`)));
      break;
    case "kind":
      rows.push([b(t("newc.kind.single"), "single"), b(t("newc.kind.multiple"), "multiple")], [b(t("newc.kind.scale"), "scale"), b(t("newc.kind.ranked"), "ranked")]);
      break;
    case "maxChoices": {
      const n = s.poll.options.length;
      const row = Array.from({ length: n }, (_, i) => b(String(i + 1), String(i + 1)));
      for (let i = 0; i < row.length; i += 5) rows.push(row.slice(i, i + 5));
      break;
    }
    case "voters":
      rows.push([b(t("newc.voters.residents"), "residents")], [b(t("newc.voters.owners"), "owners")], [b(t("newc.voters.unit"), "unit")]);
      break;
    case "rule":
      for (const rule of rulesFor(s.poll.kind ?? "single", s.poll.voters ?? "residents")) {
        rows.push([b(t(s.poll.kind === "ranked" && rule === "plurality" ? "newc.rule.ranked" : `newc.rule.${rule}`), rule)]);
      }
      break;
    case "quorum":
      rows.push([b(t("newc.noQuorum"), "none"), b("25%", "q25"), b("50%", "q50")]);
      break;
    case "results":
      rows.push([b(t("newc.resultsHidden"), "hidden")], [b(t("newc.resultsLive"), "live")]);
      break;
    case "more":
      rows.push([b(t("newc.addPoll"), "poll"), b(t("newc.noMorePolls"), "done")]);
      break;
    case "statements":
      rows.push([b(t("newc.statementsModeratedButton"), "moderated")], [b(t("newc.statementsOpenButton"), "open")], [b(t("newc.statementsNoButton"), "no")]);
      break;
    case "seeds":
      rows.push([b(t("newc.skip"), "skip")]);
      break;
    case "preview":
      rows.push([b(t("newc.open"), "open")], [b(t("newc.restart"), "restart"), b(t("newc.cancel"), "cancel")]);
      break;
    default:
      return undefined;
  }
  const kb = new InlineKeyboard();
  rows.forEach((row, i) => {
    if (i > 0) kb.row();
    for (const x of row) kb.text(x.text, x.data);
  });
  return kb;
}

function wizardQuestion(ctx: BotContext, s: WizardState): string {
  const { t } = ctx.fs;
  const language = t(`newc.language.${askedLanguage(s)}`);
  const n = s.polls.length + 1;
  switch (s.step) {
    case "langs":
      return t("newc.ask.langs");
    case "title":
      return t("newc.ask.title", { language });
    case "description":
      return t("newc.ask.description", { language });
    case "audience":
      return t("newc.ask.audience") + (s.audience && s.audience.length > 0 ? "\n" + t("newc.chosen", { buildings: s.audience.join(", ") }) : "");
    case "closes":
      return t("newc.ask.closes", { zone: ctx.fs.timeZone });
    case "question":
      return t("newc.ask.question", { n, language });
    case "kind":
      return t("newc.ask.kind", { n });
    case "options":
      return s.li === 0 ? t("newc.ask.options", { language }) : t("newc.ask.optionsAgain", { language, count: s.poll.options.length });
    case "labels":
      return t("newc.ask.labels", { language });
    case "maxChoices":
      return t("newc.ask.maxChoices", { count: s.poll.options.length });
    case "voters":
      return t("newc.ask.voters");
    case "rule":
      return t("newc.ask.rule");
    case "quorum":
      return t("newc.ask.quorum");
    case "results":
      return t("newc.ask.results");
    case "more":
      return t("newc.ask.more", { n: s.polls.length });
    case "statements":
      return t("newc.ask.statements");
    case "seeds":
      return t("newc.ask.seeds");
    case "preview":
      return "";
  }
}

function wizardProblemText(ctx: BotContext, p: WizardProblem): string {
  const { code, ...vars } = p;
  return ctx.fs.t(`newc.problem.${code}`, vars);
}

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
  const created = await services(ctx).lifecycle.create(checked.value, BigInt(ctx.from!.id));
  if (!created.ok) return replyProblems(ctx, t("newc.invalid"), created.error, t("newc.startAgain"));
  await reply(ctx, createdText(ctx, created.value));
}

interface OpenedState {
  readonly rev: number;
  readonly id: number;
}

async function rememberOpened(ctx: BotContext, rev: number, c: Consultation): Promise<void> {
  const state: OpenedState = { rev, id: c.id };
  await services(ctx).stores.conversations.put(BigInt(ctx.from!.id), OPENED, JSON.stringify(state));
}

/** A press on the buttons of a preview that was opened already: which consultation it became, and where it stands. */
async function alreadyOpened(ctx: BotContext, id: number): Promise<void> {
  const c = await services(ctx).lifecycle.find(id);
  if (!c) return void (await answer(ctx, ctx.fs.t("common.staleButton")));
  // answer() shows the HTML text as plain text (a title with & or < as written) and keeps it within Telegram's 200 characters.
  const vars = { id: c.id, title: clip(label(ctx.fs.lang, c.title), 60), closes: ctx.fs.time(c.closesAt), opens: ctx.fs.time(c.opensAt ?? c.closesAt) };
  await answer(ctx, ctx.fs.t(c.status === "open" ? "previewAgain.open" : c.status === "draft" ? "previewAgain.draft" : "previewAgain.closed", vars));
}

/** Committee: create consultations (/new, spec files), list, close, publish. */
export function consultationsFeature(): Composer<BotContext> {
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

  c.command("cancel", async (ctx, next) => {
    if (ctx.chat.type !== "private") return next();
    const id = BigInt(ctx.from!.id);
    const state = await services(ctx).stores.conversations.get(id);
    if (state?.kind === OPENED) {
      await services(ctx).stores.conversations.take(id, OPENED, state.data);
      return void (await reply(ctx, ctx.fs.t("newc.nothingToCancel")));
    }
    if (!state || ![NEW_CONSULTATION, SPEC_PREVIEW, ANNOUNCE].includes(state.kind)) {
      if (state) return next(); // another feature's conversation
      return void (await reply(ctx, ctx.fs.t("newc.nothingToCancel")));
    }
    await services(ctx).stores.conversations.take(id, state.kind);
    await reply(ctx, ctx.fs.t("common.cancelled"));
  });

  priv.callbackQuery(callbackPattern("nw"), async (ctx) => {
    const { t } = ctx.fs;
    const [rev, choice] = pressedArgs(ctx, "nw");
    if (!(await isCommittee(ctx))) return void (await answer(ctx, t("common.notAllowed", { role: t("roles.committee"), command: "new" })));
    const state = await services(ctx).stores.conversations.get(BigInt(ctx.from.id));
    if (state?.kind === SPEC_PREVIEW) return specPressed(ctx, state.data, rev, choice);
    if (state?.kind === OPENED) {
      const opened = JSON.parse(state.data) as OpenedState;
      if (opened.rev === rev) return alreadyOpened(ctx, opened.id);
    }
    // The person sent a file: "send /new" would be the wrong advice.
    if (choice === FILE_OPEN || choice === FILE_DISCARD) return void (await answer(ctx, t("previewAgain.fileGone")));
    if (state?.kind !== NEW_CONSULTATION) return void (await answer(ctx, t("newc.expired")));
    const s = JSON.parse(state.data) as WizardState;
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
    await answerWizard(ctx, state.data, JSON.parse(state.data) as WizardState, { text: ctx.message.text });
  });

  // A spec file. The committee feature has already refused files from everyone else.
  priv.on("message:document", async (ctx, next) => {
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
    await services(ctx).stores.conversations.put(BigInt(ctx.from.id), SPEC_PREVIEW, JSON.stringify(state));
    const kb = new InlineKeyboard().text(t(parsed.value.opensAt ? "newc.schedule" : "newc.open"), callback("nw", state.rev, FILE_OPEN)).row().text(t("newc.discard"), callback("nw", state.rev, FILE_DISCARD));
    await sendPreview(ctx, parsed.value, kb);
  });

  c.command(
    "consultations",
    staffOnly("committee", async (ctx) => {
      const { t } = ctx.fs;
      const list = await services(ctx).lifecycle.overview(OVERVIEW);
      if (list.length === 0) return void (await reply(ctx, t("consultation.noneYet")));
      const blocks = [t("consultation.listTitle", { count: list.length })];
      for (const { consultation: cn, turnout } of list) blocks.push(overviewBlock(ctx, cn, turnout));
      await replyLong(ctx, splitMessages(blocks));
    }),
  );

  c.command(
    "close",
    staffOnly("committee", async (ctx) => {
      const { t } = ctx.fs;
      const id = idArg(ctx);
      if (id === null) return void (await reply(ctx, t("consultation.closeUsage")));
      const cn = await services(ctx).lifecycle.find(id);
      const refusal = notOpenText(ctx, id, cn);
      if (refusal) return void (await reply(ctx, refusal));
      // Voters and turnout per question, counted as the result will count them.
      const preview = await services(ctx).closing.preview(cn!);
      const kb = new InlineKeyboard().text(t("consultation.closeYes"), callback("cl", id, "yes")).text(t("consultation.closeNo"), callback("cl", id, "no"));
      await reply(ctx, closeConfirmText(readerOf(ctx), cn!, preview), kb);
    }),
  );

  priv.callbackQuery(callbackPattern("cl"), async (ctx) => {
    const { t } = ctx.fs;
    const [id, yes] = pressedArgs(ctx, "cl");
    if (!(await isCommittee(ctx))) return void (await answer(ctx, t("common.notAllowed", { role: t("roles.committee"), command: "close" })));
    await answer(ctx);
    await dropButtons(ctx);
    if (yes === "no") return void (await reply(ctx, t("consultation.keptOpen", { id })));
    const outcome = await services(ctx).closing.close(id, BigInt(ctx.from.id));
    if (outcome.kind !== "closed") return void (await reply(ctx, notOpenText(ctx, id, outcome.kind === "not-found" ? null : outcome.consultation)!));
    await replyLong(ctx, services(ctx).broadcasts.committeeResultText(ctx.fs.lang, outcome.consultation));
  });

  c.command(
    "publish",
    staffOnly("committee", async (ctx) => {
      const { t } = ctx.fs;
      const id = idArg(ctx);
      if (id === null) return void (await reply(ctx, t("publish.usage")));
      const cn = await services(ctx).lifecycle.find(id);
      if (!cn) return void (await reply(ctx, t("consultation.notFound", { id })));
      if (cn.status === "draft" || cn.status === "open") return void (await reply(ctx, t("publish.notClosed", { id })));
      const r = readerOf(ctx);
      const reach = await services(ctx).broadcasts.announcementReach(cn.audience);
      const kb = new InlineKeyboard().text(t("publish.yes", { count: reach }), callback("pb", id, "yes")).text(t("publish.no"), callback("pb", id, "no"));
      const head = t(cn.publishedAt ? "publish.again" : "publish.confirm", { id, count: reach, time: cn.publishedAt ? r.time(cn.publishedAt) : "" });
      await replyLong(ctx, [head, ...consultationResultText(r, cn, 3800)], kb);
    }),
  );

  priv.callbackQuery(callbackPattern("pb"), async (ctx) => {
    const { t } = ctx.fs;
    const [id, yes] = pressedArgs(ctx, "pb");
    if (!(await isCommittee(ctx))) return void (await answer(ctx, t("common.notAllowed", { role: t("roles.committee"), command: "publish" })));
    await answer(ctx);
    await dropButtons(ctx);
    if (yes === "no") return void (await reply(ctx, t("publish.cancelled")));
    const outcome = await services(ctx).lifecycle.publish(id, BigInt(ctx.from!.id));
    if (outcome.kind === "not-found") return void (await reply(ctx, t("consultation.notFound", { id })));
    if (outcome.kind === "not-closed") return void (await reply(ctx, t("publish.notClosed", { id })));
    await reply(ctx, t(outcome.again ? "publish.queuedAgain" : "publish.queued", { id, recipients: outcome.recipients, queued: outcome.queued }));
  });

  return c;
}

/** A spec-file preview's buttons share the `nw` action: open (or schedule) it, or discard it. */
async function specPressed(ctx: BotContext, raw: string, rev: number, choice: string): Promise<void> {
  const { t } = ctx.fs;
  const state = JSON.parse(raw) as SpecPreviewState;
  if (state.rev !== rev) return void (await answer(ctx, t("common.staleButton")));
  await answer(ctx);
  await dropButtons(ctx);
  const userId = BigInt(ctx.from!.id);
  if (choice !== FILE_OPEN && choice !== "open") {
    await services(ctx).stores.conversations.take(userId, SPEC_PREVIEW, raw);
    return void (await reply(ctx, t("common.cancelled")));
  }
  const checked = await services(ctx).lifecycle.validate(state.spec);
  if (!checked.ok) return replyProblems(ctx, t("spec.rejected"), checked.error);
  if (!(await services(ctx).stores.conversations.take(userId, SPEC_PREVIEW, raw))) return void (await reply(ctx, t("common.staleButton")));
  const created = await services(ctx).lifecycle.create(checked.value, userId);
  if (!created.ok) return replyProblems(ctx, t("spec.rejected"), created.error);
  await rememberOpened(ctx, state.rev, created.value);
  await reply(ctx, createdText(ctx, created.value));
}

function idArg(ctx: Parameters<typeof commandArgs>[0]): number | null {
  const args = commandArgs(ctx);
  const raw = (args[0] ?? "").replace(/^#/, "");
  return args.length === 1 && /^\d{1,9}$/.test(raw) ? Number(raw) : null;
}

/** Why a consultation cannot be closed now, or null if it can. */
function notOpenText(ctx: BotContext, id: number, c: Consultation | null): string | null {
  const { t } = ctx.fs;
  if (!c) return t("consultation.notFound", { id });
  if (c.status === "draft") return t("consultation.notOpenYet", { id, time: ctx.fs.time(c.opensAt ?? c.closesAt) });
  if (c.status !== "open") return t("consultation.alreadyClosed", { id, time: ctx.fs.time(c.closedAt ?? c.closesAt) });
  return null;
}

function overviewBlock(ctx: BotContext, c: Consultation, turnout: readonly PollTurnout[]): string {
  const r = readerOf(ctx);
  const { t } = r;
  const when =
    c.status === "draft"
      ? t("consultation.opensAtShort", { time: r.time(c.opensAt ?? c.closesAt) })
      : c.status === "open"
        ? t("consultation.closesAtShort", { time: r.time(c.closesAt) })
        : t("consultation.closedAtShort", { time: r.time(c.closedAt ?? c.closesAt) });
  const lines = [`<b>#${c.id}</b> ${t(`consultation.status.${c.status}`)} · ${when}${c.publishedAt ? " · " + t("consultation.published") : ""}`, shown(r, c.title)];
  for (const p of c.polls) {
    const x = turnout.find((tu) => tu.pollId === p.id);
    const percent = x && x.eligible > 0 ? Math.round((x.ballots * 100) / x.eligible) : 0;
    lines.push(t("consultation.turnout", { n: p.position + 1, question: clip(label(r.lang, p.spec.question), 60), ballots: x?.ballots ?? 0, eligible: x?.eligible ?? 0, percent }));
  }
  return lines.join("\n");
}

function clip(text: string, max: number): string {
  const chars = [...text];
  return chars.length <= max ? text : chars.slice(0, max - 1).join("") + "…";
}

// The government's answer, relayed by the front-stage: an official answers a
// submitted report; the committee is told (outbox, their language) and
// relays it — to everyone who took part, or to the whole audience — adds a
// translation, or sends it back with a note the official receives. Muted
// residents still get answers (they asked to be heard); blocked ones are
// skipped by the recipient queries, as for every bulk send.
import { answerTextFor, checkText, MAX_ANSWER_TEXT, MAX_NOTE_TEXT, missingLanguage, relayRecipients, type Answer, type AttachmentKind, type RelayScope, type TextProblem } from "../../domain/answers/answer.js";
import type { Consultation } from "../../domain/consultations/consultation.js";
import { pickText } from "../../domain/consultations/texts.js";
import type { Language } from "../../domain/language.js";
import type { Translator } from "../../i18n.js";
import { formatTime } from "../../presenters/time.js";
import type { Clock } from "../ports.js";
import type { RoleService } from "../roles.js";
import type { AudienceStore, ConsultationStore, OutboxButton, OutboxDraft, OutboxStore } from "../consultations/ports.js";
import type { Signal } from "../consultations/signal.js";
import type { ReportStore } from "../reports/ports.js";
import type { AnswerStore } from "./ports.js";
import type { AuditSink } from "../audit/log.js";
import { actorId, auditRole, authorize, type Actor } from "../../domain/permissions.js";

export interface AnswerDeps {
  answers: AnswerStore;
  reports: Pick<ReportStore, "find">;
  consultations: Pick<ConsultationStore, "find">;
  audience: Pick<AudienceStore, "committee" | "recipients" | "languageOf">;
  outbox: OutboxStore;
  roles: Pick<RoleService, "rolesOf">;
  translator: Translator;
  timeZone: string;
  clock: Clock;
  queued: Signal;
  audit?: AuditSink;
}

/** Refusals of a request the actor may make (one they may not make throws NotAllowed). */
export type AnswerRefusal = { readonly kind: "not-submitted"; readonly id: number } | { readonly kind: "not-found" };

export type RespondCheck = { readonly kind: "ok"; readonly version: number; readonly consultation: Consultation } | AnswerRefusal;

export interface AnswerDraft {
  readonly consultationId: number;
  readonly version: number;
  readonly text: { readonly zh?: string; readonly en?: string };
  readonly file: { readonly id: string; readonly kind: AttachmentKind } | null;
}

export type RespondOutcome = { readonly kind: "sent"; readonly answer: Answer; readonly notified: number } | { readonly kind: "empty" } | AnswerRefusal;

export type RelayOutcome =
  | { readonly kind: "relayed"; readonly answer: Answer; readonly recipients: number }
  /** Relayed already (a second press) or sent back: nothing was sent. */
  | { readonly kind: "not-awaiting"; readonly answer: Answer }
  | AnswerRefusal;

export type TranslateOutcome =
  | { readonly kind: "translated"; readonly answer: Answer; readonly lang: Language }
  | { readonly kind: "complete" }
  | { readonly kind: "text"; readonly problem: TextProblem; readonly max: number }
  | { readonly kind: "not-awaiting"; readonly answer: Answer }
  | AnswerRefusal;

export type SendBackOutcome =
  | { readonly kind: "returned"; readonly answer: Answer }
  | { readonly kind: "text"; readonly problem: TextProblem; readonly max: number }
  | { readonly kind: "not-awaiting"; readonly answer: Answer }
  | AnswerRefusal;

/** The actor as stored in `by` columns (the operator as 0, as in the audit log). */
const who = (actor: Actor): bigint => actorId(actor) ?? 0n;

export class AnswerService {
  constructor(private readonly deps: AnswerDeps) {}

  private t(lang: Language) {
    return this.deps.translator.forLanguage(lang);
  }

  private async queue(drafts: OutboxDraft[]): Promise<number> {
    const added = await this.deps.outbox.enqueue(drafts, this.deps.clock.now());
    if (added > 0) this.deps.queued.emit();
    return added;
  }

  /** Whether `actor` may answer consultation `id`'s report now, and which version they would answer (the latest). */
  async check(actor: Actor, id: number): Promise<RespondCheck> {
    authorize(actor, "answer.respond");
    const consultation = await this.deps.consultations.find(id);
    const report = consultation ? await this.deps.reports.find(id) : null;
    if (!consultation || !report) return { kind: "not-submitted", id };
    return { kind: "ok", version: report.version, consultation };
  }

  /** Stores the answer with the version it answers and tells every committee member. */
  async respond(actor: Actor, draft: AnswerDraft): Promise<RespondOutcome> {
    const checked = await this.check(actor, draft.consultationId);
    if (checked.kind !== "ok") return checked;
    if (!(await this.deps.reports.find(draft.consultationId, draft.version))) return { kind: "not-submitted", id: draft.consultationId };
    const text: { zh?: string; en?: string } = {};
    for (const lang of ["zh", "en"] as const) {
      const given = draft.text[lang];
      if (given === undefined) continue;
      const ok = checkText(given, MAX_ANSWER_TEXT);
      if (ok.ok) text[lang] = ok.text;
    }
    if (!text.zh && !text.en) return { kind: "empty" };
    const answer = await this.deps.answers.create({ consultationId: draft.consultationId, reportVersion: draft.version, text, file: draft.file, answeredBy: who(actor), answeredAt: this.deps.clock.now() });
    await this.deps.audit?.record({ actor: actorId(actor), role: auditRole(actor, "answer.respond"), action: "answer.respond", target: `report:${draft.consultationId}:v${draft.version}`, input: { text, file: draft.file } });
    const notified = await this.notifyCommittee(answer, checked.consultation);
    return { kind: "sent", answer, notified };
  }

  /** The committee's copy: the answer in both languages as written, and the choices. */
  committeeText(lang: Language, a: Answer, c: Consultation): string {
    const t = this.t(lang);
    const parts = [
      t("answer.committeeNotice", { id: c.id, title: pickText(c.title, lang).text, version: a.reportVersion, time: formatTime(a.answeredAt, this.deps.timeZone) }),
      ...(["zh", "en"] as const).filter((l) => a.text[l]).map((l) => t("answer.languageBlock", { language: t(`newc.language.${l}`), text: a.text[l] })),
      ...(a.file ? [t("answer.attachmentLine", { kind: t(`answer.kind.${a.file.kind}`) })] : []),
      t("answer.committeeHint"),
    ];
    return parts.join("\n\n");
  }

  committeeButtons(lang: Language, a: Answer): OutboxButton[] {
    const t = this.t(lang);
    return [
      { text: t("answer.relayParticipants"), action: "ar", args: [a.id, "p"] },
      { text: t("answer.relayEveryone"), action: "ar", args: [a.id, "e"] },
      ...(missingLanguage(a.text) ? [{ text: t("answer.translateButton"), action: "at", args: [a.id] }] : []),
      { text: t("answer.sendBackButton"), action: "ak", args: [a.id] },
      ...(a.file ? [{ text: t("answer.fileButton"), action: "af", args: [a.id] }] : []),
    ];
  }

  private async notifyCommittee(a: Answer, c: Consultation): Promise<number> {
    const members = await this.deps.audience.committee();
    const drafts = members.map((m) => {
      const lang = m.language ?? "zh";
      return { batch: `answer-committee:${a.id}`, chatId: m.id, text: this.committeeText(lang, a, c), buttons: this.committeeButtons(lang, a) };
    });
    return this.queue(drafts);
  }

  /** What a resident reads: the introduction, the answer in their language (or the original, marked). */
  residentText(lang: Language, a: Answer, c: Consultation): string {
    const t = this.t(lang);
    const shown = answerTextFor(a.text, lang);
    const parts = [t("answer.residentIntro", { id: c.id, title: pickText(c.title, lang).text }), t("answer.residentText", { text: shown.text })];
    if (shown.original) parts.push(t("answer.originalMark", { language: t(`newc.language.${lang === "zh" ? "en" : "zh"}`) }));
    if (a.file) parts.push(t("answer.attachmentLine", { kind: t(`answer.kind.${a.file.kind}`) }));
    return parts.join("\n\n");
  }

  private async committeeMember(actor: Actor, answerId: number): Promise<{ answer: Answer } | AnswerRefusal> {
    authorize(actor, "answer.relay");
    const answer = await this.deps.answers.find(answerId);
    if (!answer) return { kind: "not-found" };
    return { answer };
  }

  /**
   * Relays the answer: taken first (awaiting → relayed) so a second press, or
   * two members pressing at once, sends nothing more; then queued for each
   * recipient in their language, and the consultation is answered.
   */
  async relay(actor: Actor, answerId: number, scope: RelayScope): Promise<RelayOutcome> {
    const found = await this.committeeMember(actor, answerId);
    if (!("answer" in found)) return found;
    const c = await this.deps.consultations.find(found.answer.consultationId);
    if (!c) return { kind: "not-found" };
    if (!(await this.deps.answers.markRelayed(answerId, who(actor), scope, this.deps.clock.now()))) return { kind: "not-awaiting", answer: (await this.deps.answers.find(answerId)) ?? found.answer };
    await this.deps.audit?.record({ actor: actorId(actor), role: auditRole(actor, "answer.relay"), action: "answer.relay", target: `answer:${answerId}`, input: { scope } });
    const answer = (await this.deps.answers.find(answerId))!;
    const participants = await this.deps.answers.participants(c.id);
    const audience = scope === "everyone" ? (await this.deps.audience.recipients(c.audience)).map((r) => ({ id: r.userId, language: r.language })) : [];
    const recipients = relayRecipients(participants, audience, scope);
    const texts = { zh: this.residentText("zh", answer, c), en: this.residentText("en", answer, c) };
    const buttons = (lang: Language): OutboxButton[] => (answer.file ? [{ text: this.t(lang)("answer.fileButton"), action: "af", args: [answer.id] }] : []);
    const perLang = { zh: buttons("zh"), en: buttons("en") };
    await this.queue(recipients.map((r) => ({ batch: `answer:${answer.id}`, chatId: r.id, text: texts[r.language], buttons: perLang[r.language] })));
    await this.deps.answers.setRelayedTo(answerId, recipients.length);
    await this.deps.answers.markConsultationAnswered(c.id);
    return { kind: "relayed", answer: { ...answer, relayedTo: recipients.length }, recipients: recipients.length };
  }

  /** Which language a translation of this answer would be written in, if the actor may add one. */
  async translationTarget(actor: Actor, answerId: number): Promise<{ kind: "target"; lang: Language; answer: Answer } | { kind: "complete" } | { kind: "not-awaiting"; answer: Answer } | AnswerRefusal> {
    const found = await this.committeeMember(actor, answerId);
    if (!("answer" in found)) return found;
    if (found.answer.status !== "awaiting") return { kind: "not-awaiting", answer: found.answer };
    const lang = missingLanguage(found.answer.text);
    return lang ? { kind: "target", lang, answer: found.answer } : { kind: "complete" };
  }

  async translate(actor: Actor, answerId: number, input: string): Promise<TranslateOutcome> {
    const target = await this.translationTarget(actor, answerId);
    if (target.kind !== "target") return target;
    const checked = checkText(input, MAX_ANSWER_TEXT);
    if (!checked.ok) return { kind: "text", problem: checked.problem, max: checked.max };
    if (!(await this.deps.answers.translate(answerId, target.lang, checked.text))) return { kind: "not-awaiting", answer: target.answer };
    await this.deps.audit?.record({ actor: actorId(actor), role: auditRole(actor, "answer.relay"), action: "answer.translate", target: `answer:${answerId}`, input: { lang: target.lang, text: checked.text } });
    return { kind: "translated", answer: (await this.deps.answers.find(answerId))!, lang: target.lang };
  }

  /** awaiting → returned; the official gets the note (outbox, their language). */
  async sendBack(actor: Actor, answerId: number, input: string): Promise<SendBackOutcome> {
    const found = await this.committeeMember(actor, answerId);
    if (!("answer" in found)) return found;
    if (found.answer.status !== "awaiting") return { kind: "not-awaiting", answer: found.answer };
    const checked = checkText(input, MAX_NOTE_TEXT);
    if (!checked.ok) return { kind: "text", problem: checked.problem, max: checked.max };
    if (!(await this.deps.answers.sendBack(answerId, who(actor), checked.text, this.deps.clock.now()))) return { kind: "not-awaiting", answer: found.answer };
    await this.deps.audit?.record({ actor: actorId(actor), role: auditRole(actor, "answer.relay"), action: "answer.send-back", target: `answer:${answerId}`, input: { note: checked.text } });
    const official = found.answer.answeredBy;
    const lang = (await this.deps.audience.languageOf([official])).get(official) ?? "zh";
    const text = this.t(lang)("answer.returnedToOfficial", { id: found.answer.consultationId, version: found.answer.reportVersion, note: checked.text });
    await this.queue([{ batch: `answer-back:${answerId}`, chatId: official, text }]);
    return { kind: "returned", answer: (await this.deps.answers.find(answerId))! };
  }

  /** An answer's attachment, for anyone who got the answer (the town's notice is public). */
  async attachment(answerId: number): Promise<Answer["file"]> {
    const a = await this.deps.answers.find(answerId);
    return a && (a.status === "relayed" || a.status === "awaiting") ? a.file : null;
  }

  forConsultation(id: number): Promise<Answer[]> {
    return this.deps.answers.forConsultation(id);
  }

  relayedFor(ids: readonly number[]): Promise<Map<number, Answer>> {
    return this.deps.answers.relayedFor(ids);
  }
}

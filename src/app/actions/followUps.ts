// Follow-up actions (issue 10 §2): who does what by when. Officials assign an
// action to a department for a submitted report and update its status,
// progress and notes; each change is kept with its time and actor. The
// committee sees every action and adds observations from the ground; residents
// read the actions of the consultations they took part in and are told once
// (outbox, muteable) when one is done or dropped. Every staff change is audited.
import { splitItems } from "../../domain/actions/assign.js";
import type { Department } from "../../domain/actions/department.js";
import { checkNote, isFinal, MAX_ITEMS, MAX_WHAT_TEXT, medianDays, onTimeShare, parseDueDate, parseProgress, transition, type ActionStatus, type DueProblem, type FollowUpAction, type ProgressProblem, type TransitionProblem } from "../../domain/actions/followUp.js";
import { checkText, type TextProblem } from "../../domain/answers/answer.js";
import type { Consultation } from "../../domain/consultations/consultation.js";
import type { Language } from "../../domain/language.js";
import type { Translator } from "../../i18n.js";
import { residentNotice } from "../../presenters/followUps.js";
import type { AuditSink } from "../audit/log.js";
import type { ConsultationStore, OutboxStore } from "../consultations/ports.js";
import type { Signal } from "../consultations/signal.js";
import type { Clock } from "../ports.js";
import type { ReportStore } from "../reports/ports.js";
import { actorId, auditRole, authorize, can, type Actor } from "../../domain/permissions.js";
import type { ActionObservation, ActionUpdate, FollowUpStore, ResidentFollowUp } from "./followUpPorts.js";

export interface FollowUpDeps {
  store: FollowUpStore;
  consultations: Pick<ConsultationStore, "find">;
  reports: Pick<ReportStore, "find">;
  outbox: OutboxStore;
  translator: Translator;
  timeZone: string;
  clock: Clock;
  queued: Signal;
  audit?: AuditSink;
}

/** A report item an action may answer: "p<poll id>" or "s<statement id>", with its text. */
export interface ReportItem {
  readonly key: string;
  readonly text: { readonly zh?: string; readonly en?: string };
}

export type FollowUpRefusal = { readonly kind: "not-allowed" } | { readonly kind: "not-found" };

export type AssignCheck =
  | { readonly kind: "ok"; readonly consultation: Consultation; readonly departments: Department[]; readonly items: ReportItem[] }
  | { readonly kind: "not-submitted"; readonly id: number }
  | { readonly kind: "no-departments" }
  | FollowUpRefusal;

export interface ActionDraft {
  readonly consultationId: number;
  readonly departmentId: number;
  readonly what: { readonly zh?: string; readonly en?: string };
  /** As typed or as stored (YYYY-MM-DD); checked again. */
  readonly due: string;
  /** "p<id>" / "s<id>". */
  readonly items: readonly string[];
}

export type CreateOutcome =
  | { readonly kind: "created"; readonly action: FollowUpAction }
  | { readonly kind: "unknown-department" }
  | { readonly kind: "unknown-item" }
  | { readonly kind: "what"; readonly problem: TextProblem | "need-one"; readonly max: number }
  | { readonly kind: "due"; readonly problem: DueProblem }
  | Exclude<AssignCheck, { kind: "ok" }>;

/** What the reader may do with the actions they see. */
export interface ActionRights {
  readonly update: boolean;
  readonly observe: boolean;
}

export interface ActionEntry {
  readonly action: FollowUpAction;
  readonly department: Department;
  readonly observations: number;
}

export type ListOutcome = { readonly kind: "ok"; readonly rights: ActionRights; readonly entries: ActionEntry[] } | FollowUpRefusal;

export type ViewOutcome =
  | { readonly kind: "ok"; readonly rights: ActionRights; readonly entry: ActionEntry; readonly history: ActionUpdate[]; readonly observations: ActionObservation[] }
  | FollowUpRefusal;

export type ChangeOutcome =
  | { readonly kind: "changed"; readonly action: FollowUpAction; readonly notified: number }
  /** The action changed since the message was shown (a second press, another official). */
  | { readonly kind: "stale"; readonly action: FollowUpAction }
  | { readonly kind: "transition"; readonly problem: TransitionProblem }
  | { readonly kind: "progress"; readonly problem: ProgressProblem }
  | { readonly kind: "text"; readonly problem: TextProblem; readonly max: number }
  | FollowUpRefusal;

export type ObserveOutcome = { readonly kind: "observed"; readonly action: FollowUpAction } | { readonly kind: "text"; readonly problem: TextProblem; readonly max: number } | FollowUpRefusal;

export type { FollowUpFigures } from "../../domain/actions/history.js";
import type { FollowUpFigures } from "../../domain/actions/history.js";

export class FollowUpService {
  constructor(private readonly deps: FollowUpDeps) {}

  get timeZone(): string {
    return this.deps.timeZone;
  }

  private rights(actor: Actor): ActionRights {
    return { update: can(actor, "followUp.update"), observe: can(actor, "followUp.observe") };
  }

  private async departmentMap(): Promise<Map<number, Department>> {
    return new Map((await this.deps.store.departments()).map((d) => [d.id, d]));
  }

  private async items(c: Consultation): Promise<ReportItem[]> {
    const polls = c.polls.map((p) => ({ key: `p${p.id}`, text: p.spec.question }));
    const statements = (await this.deps.store.statements(c.id)).map((s) => ({ key: `s${s.id}`, text: s.text }));
    return [...polls, ...statements];
  }

  /** Whether `actor` may assign actions for consultation `id` now: an official, a submitted report, a department to assign to. */
  async assignCheck(actor: Actor, id: number): Promise<AssignCheck> {
    authorize(actor, "followUp.assign");
    const consultation = await this.deps.consultations.find(id);
    if (!consultation || !(await this.deps.reports.find(id))) return { kind: "not-submitted", id };
    const departments = (await this.deps.store.departments()).filter((d) => d.removedAt === null);
    if (departments.length === 0) return { kind: "no-departments" };
    return { kind: "ok", consultation, departments, items: await this.items(consultation) };
  }

  async create(actor: Actor, draft: ActionDraft): Promise<CreateOutcome> {
    const checked = await this.assignCheck(actor, draft.consultationId);
    if (checked.kind !== "ok") return checked;
    if (!checked.departments.some((d) => d.id === draft.departmentId)) return { kind: "unknown-department" };
    const what: { zh?: string; en?: string } = {};
    for (const lang of ["zh", "en"] as const) {
      const given = draft.what[lang];
      if (given === undefined) continue;
      const t = checkText(given, MAX_WHAT_TEXT);
      if (!t.ok) return { kind: "what", problem: t.problem, max: t.max };
      what[lang] = t.text;
    }
    if (!what.zh && !what.en) return { kind: "what", problem: "need-one", max: MAX_WHAT_TEXT };
    const due = parseDueDate(draft.due, this.deps.clock.now(), this.deps.timeZone);
    if (!due.ok) return { kind: "due", problem: due.problem };
    const known = new Set(checked.items.map((i) => i.key));
    const items = [...new Set(draft.items)];
    if (items.length > MAX_ITEMS || items.some((i) => !known.has(i))) return { kind: "unknown-item" };
    const { pollIds, statementIds } = splitItems(items);
    const action = await this.deps.store.create({ consultationId: draft.consultationId, departmentId: draft.departmentId, what, due: due.due, pollIds, statementIds, createdBy: actorId(actor) ?? 0n, at: this.deps.clock.now() });
    await this.deps.audit?.record({ actor: actorId(actor), role: auditRole(actor, "followUp.assign"), action: "action.create", target: `action:${action.id}`, input: { consultationId: draft.consultationId, departmentId: draft.departmentId, what, due: due.due, pollIds, statementIds } });
    return { kind: "created", action };
  }

  /** Every action (of one consultation, or all), for officials and the committee. */
  async list(actor: Actor, consultationId: number | null): Promise<ListOutcome> {
    authorize(actor, "followUp.list");
    const rights = this.rights(actor);
    const [actions, departments] = await Promise.all([this.deps.store.list(consultationId), this.departmentMap()]);
    const counts = await this.deps.store.observationCounts(actions.map((a) => a.id));
    return { kind: "ok", rights, entries: actions.flatMap((a) => (departments.has(a.departmentId) ? [{ action: a, department: departments.get(a.departmentId)!, observations: counts.get(a.id) ?? 0 }] : [])) };
  }

  async view(actor: Actor, id: number): Promise<ViewOutcome> {
    authorize(actor, "followUp.list");
    const rights = this.rights(actor);
    const action = await this.deps.store.find(id);
    const department = action ? (await this.departmentMap()).get(action.departmentId) : undefined;
    if (!action || !department) return { kind: "not-found" };
    const [history, observations] = await Promise.all([this.deps.store.history(id), this.deps.store.observations(id)]);
    return { kind: "ok", rights, entry: { action, department, observations: observations.length }, history, observations };
  }

  private async official(actor: Actor, id: number): Promise<FollowUpAction | FollowUpRefusal> {
    authorize(actor, "followUp.update");
    return (await this.deps.store.find(id)) ?? { kind: "not-found" };
  }

  /** A status change from the message showing `revision`; done or dropped tells the participants once. */
  async setStatus(actor: Actor, id: number, revision: number, to: ActionStatus, reason?: string): Promise<ChangeOutcome> {
    const a = await this.official(actor, id);
    if ("kind" in a) return a;
    if (a.revision !== revision) return { kind: "stale", action: a };
    const t = transition(a, to, reason);
    if (!t.ok) return { kind: "transition", problem: t.problem };
    const changed = await this.deps.store.change(id, revision, { kind: "status", status: t.status, progress: t.progress, ...(t.status === "dropped" ? { dropReason: t.dropReason } : {}), actor: actorId(actor) ?? 0n, at: this.deps.clock.now() });
    if (!changed) return { kind: "stale", action: (await this.deps.store.find(id)) ?? a };
    await this.deps.audit?.record({ actor: actorId(actor), role: auditRole(actor, "followUp.update"), action: "action.update", target: `action:${id}`, input: { status: t.status, progress: t.progress, reason: t.dropReason } });
    const notified = isFinal(changed.status) ? await this.notifyResidents(changed) : 0;
    return { kind: "changed", action: changed, notified };
  }

  async setProgress(actor: Actor, id: number, revision: number, text: string): Promise<ChangeOutcome> {
    const a = await this.official(actor, id);
    if ("kind" in a) return a;
    if (a.revision !== revision) return { kind: "stale", action: a };
    const p = parseProgress(a, text);
    if (!p.ok) return { kind: "progress", problem: p.problem };
    const changed = await this.deps.store.change(id, revision, { kind: "progress", status: p.status, progress: p.progress, actor: actorId(actor) ?? 0n, at: this.deps.clock.now() });
    if (!changed) return { kind: "stale", action: (await this.deps.store.find(id)) ?? a };
    await this.deps.audit?.record({ actor: actorId(actor), role: auditRole(actor, "followUp.update"), action: "action.update", target: `action:${id}`, input: { progress: p.progress, status: p.status } });
    return { kind: "changed", action: changed, notified: 0 };
  }

  async addNote(actor: Actor, id: number, revision: number, text: string): Promise<ChangeOutcome> {
    const a = await this.official(actor, id);
    if ("kind" in a) return a;
    if (a.revision !== revision) return { kind: "stale", action: a };
    const n = checkNote(text);
    if (!n.ok) return { kind: "text", problem: n.problem, max: n.max };
    const changed = await this.deps.store.change(id, revision, { kind: "note", status: a.status, progress: a.progress, note: n.text, actor: actorId(actor) ?? 0n, at: this.deps.clock.now() });
    if (!changed) return { kind: "stale", action: (await this.deps.store.find(id)) ?? a };
    await this.deps.audit?.record({ actor: actorId(actor), role: auditRole(actor, "followUp.update"), action: "action.update", target: `action:${id}`, input: { note: n.text } });
    return { kind: "changed", action: changed, notified: 0 };
  }

  /** The committee's observation from the ground; officials see it on the action. */
  async observe(actor: Actor, id: number, text: string): Promise<ObserveOutcome> {
    authorize(actor, "followUp.observe");
    const action = await this.deps.store.find(id);
    if (!action) return { kind: "not-found" };
    const n = checkNote(text);
    if (!n.ok) return { kind: "text", problem: n.problem, max: n.max };
    await this.deps.store.observe(id, { at: this.deps.clock.now(), actor: actorId(actor) ?? 0n, text: n.text });
    await this.deps.audit?.record({ actor: actorId(actor), role: auditRole(actor, "followUp.observe"), action: "action.observe", target: `action:${id}`, input: { text: n.text } });
    return { kind: "observed", action };
  }

  /** A resident's own follow-ups: the actions of the consultations they voted, wrote or rated in (one query). */
  residentFollowUps(userId: bigint): Promise<ResidentFollowUp[]> {
    return this.deps.store.forResident(userId);
  }

  /** Told once: the batch is the action's, and a final status never changes again. */
  private async notifyResidents(a: FollowUpAction): Promise<number> {
    const c = await this.deps.consultations.find(a.consultationId);
    const department = (await this.departmentMap()).get(a.departmentId);
    if (!c || !department) return 0;
    const people = await this.deps.store.notifiable(a.consultationId);
    const texts: Record<Language, string> = {
      zh: residentNotice(this.deps.translator.forLanguage("zh"), "zh", a, department, c.title),
      en: residentNotice(this.deps.translator.forLanguage("en"), "en", a, department, c.title),
    };
    const added = await this.deps.outbox.enqueue(people.map((p) => ({ batch: `followup:${a.id}`, chatId: p.id, text: texts[p.language] })), this.deps.clock.now());
    if (added > 0) this.deps.queued.emit();
    return added;
  }

  /** The dashboard's figures: median days from submission to answer, share done on time. */
  async figures(): Promise<FollowUpFigures> {
    const [actions, answerTimes] = await Promise.all([this.deps.store.list(null), this.deps.store.answerTimes()]);
    const byStatus: Record<ActionStatus, number> = { planned: 0, in_progress: 0, done: 0, dropped: 0 };
    for (const a of actions) byStatus[a.status]++;
    return { medianDaysToAnswer: medianDays(answerTimes), onTime: onTimeShare(actions, this.deps.clock.now(), this.deps.timeZone), total: actions.length, byStatus };
  }

  /** The actions of one consultation with their departments (the report's Follow-up section, the XLSX sheet). */
  async forReport(consultationId: number): Promise<{ action: FollowUpAction; department: Department }[]> {
    const [actions, departments] = await Promise.all([this.deps.store.list(consultationId), this.departmentMap()]);
    return actions.flatMap((a) => (departments.has(a.departmentId) ? [{ action: a, department: departments.get(a.departmentId)! }] : []));
  }
}

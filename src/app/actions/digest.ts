// The officials' daily digest (issue 10 §2): at 09:00 in the park's time zone,
// one message per official (outbox, their language) listing overdue actions and
// answers the committee has not relayed yet; nothing when there is nothing.
// A scheduler job: only the leader runs it. It never sends a day's digest twice,
// across restarts or instances: every message is queued under the day's batch
// (unique per chat in the outbox), and the day is marked taken (DigestRun) after.
import type { Department } from "../../domain/actions/department.js";
import { digestDay, isOverdue, nextDigestAt } from "../../domain/actions/followUp.js";
import type { Language } from "../../domain/language.js";
import type { Translator } from "../../i18n.js";
import { actionLine } from "../../presenters/followUps.js";
import { formatTime } from "../../presenters/time.js";
import type { AudienceStore, OutboxStore } from "../consultations/ports.js";
import type { ScheduledJob } from "../consultations/scheduler.js";
import type { Signal } from "../consultations/signal.js";
import type { Clock } from "../ports.js";
import type { RoleService } from "../roles.js";
import type { FollowUpStore } from "./followUpPorts.js";

export interface DigestDeps {
  store: FollowUpStore;
  roles: Pick<RoleService, "staff">;
  audience: Pick<AudienceStore, "languageOf">;
  outbox: OutboxStore;
  translator: Translator;
  timeZone: string;
  clock: Clock;
  queued: Signal;
}

export type DigestOutcome = { readonly kind: "sent"; readonly day: string; readonly recipients: number } | { readonly kind: "nothing"; readonly day: string } | { readonly kind: "not-due" } | { readonly kind: "done-already"; readonly day: string };

export class DigestService implements ScheduledJob {
  readonly name = "follow-up digest";

  constructor(private readonly deps: DigestDeps) {}

  /** The scheduler's tick: sends today's digest if due and not sent; returns the next 09:00. */
  async run(): Promise<Date> {
    await this.sendDue();
    return nextDigestAt(this.deps.clock.now(), this.deps.timeZone);
  }

  async sendDue(): Promise<DigestOutcome> {
    const now = this.deps.clock.now();
    const day = digestDay(now, this.deps.timeZone);
    if (day === null) return { kind: "not-due" };
    if (await this.deps.store.digestTaken(day)) return { kind: "done-already", day };
    const [actions, departments, unrelayed] = await Promise.all([this.deps.store.list(null), this.deps.store.departments(), this.deps.store.unrelayedAnswers()]);
    const overdue = actions.filter((a) => isOverdue(a, now, this.deps.timeZone));
    const byId = new Map<number, Department>(departments.map((d) => [d.id, d]));
    let recipients = 0;
    if (overdue.length + unrelayed.length > 0) {
      const officials = (await this.deps.roles.staff()).filter((s) => s.roles.list().includes("official")).map((s) => s.userId);
      const languages = await this.deps.audience.languageOf(officials);
      const text = (lang: Language) => {
        const t = this.deps.translator.forLanguage(lang);
        const parts = [t("followup.digest.title", { day })];
        if (overdue.length > 0) parts.push([t("followup.digest.overdue", { count: overdue.length }), ...overdue.flatMap((a) => (byId.has(a.departmentId) ? [actionLine(t, lang, a, byId.get(a.departmentId)!, now, this.deps.timeZone)] : []))].join("\n"));
        if (unrelayed.length > 0) parts.push([t("followup.digest.unrelayed", { count: unrelayed.length }), ...unrelayed.map((u) => t("followup.digest.answerLine", { id: u.consultationId, version: u.reportVersion, time: formatTime(u.answeredAt, this.deps.timeZone) }))].join("\n"));
        parts.push(t("followup.digest.hint"));
        return parts.join("\n\n");
      };
      const texts = { zh: text("zh"), en: text("en") };
      recipients = await this.deps.outbox.enqueue(officials.map((id) => ({ batch: `digest:${day}`, chatId: id, text: texts[languages.get(id) ?? "zh"] })), now);
      if (recipients > 0) this.deps.queued.emit();
    }
    // Taken after queueing: a crash in between queues nothing twice (the batch is unique per chat) and the next tick marks it.
    if (await this.deps.store.takeDigest(day, now)) await this.deps.store.setDigestRecipients(day, recipients);
    return overdue.length + unrelayed.length > 0 ? { kind: "sent", day, recipients } : { kind: "nothing", day };
  }
}


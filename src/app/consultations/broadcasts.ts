// Every bulk send — opening notices, reminders, results, announcements — is
// rendered here once per language and queued in the outbox, one row per
// recipient (and message part). The unique (batch, chat) of the outbox makes
// each of these safe to run again: only people not yet queued are added.
import { randomBytes } from "node:crypto";
import type { Consultation } from "../../domain/consultations/consultation.js";
import { remindersWanted } from "../../domain/consultations/consultation.js";
import type { LocalizedText } from "../../domain/consultations/texts.js";
import { pollKey } from "../../domain/consultations/voting.js";
import type { AudienceMember, VoterProfile } from "../../domain/consultations/voting.js";
import { LANGUAGES, type Language } from "../../domain/language.js";
import type { VoterKey } from "../../domain/polls/index.js";
import type { Translator } from "../../i18n.js";
import { consultationHeader, consultationResultText, raw, shown, type Reader } from "../../presenters/consultation.js";
import { formatTime } from "../../presenters/time.js";
import type { Clock } from "../ports.js";
import type { AudienceStore, BallotStore, ConsultationStore, OutboxButton, OutboxDraft, OutboxStore } from "./ports.js";
import type { Signal } from "./signal.js";
import type { AuditSink } from "../audit/log.js";
import { actorId, auditRole, authorize, type Actor } from "../../domain/permissions.js";

export interface BroadcastDeps {
  audit?: AuditSink;
  audience: AudienceStore;
  consultations: Pick<ConsultationStore, "approvedStatementCount">;
  ballots: BallotStore;
  outbox: OutboxStore;
  translator: Translator;
  timeZone: string;
  clock: Clock;
  configuredAdmins: readonly bigint[];
  /** Emitted after queuing, so the worker starts at once. */
  queued: Signal;
}

type StatementsLine = "openedStatements.writeAndRate" | "openedStatements.writeFirst" | "openedStatements.rateOnly";

export function profileOf(m: AudienceMember): VoterProfile {
  return {
    id: m.userId,
    status: "verified",
    relation: m.relation,
    areaCenti: m.areaCenti,
    unit: { id: m.unitId, building: m.building, number: m.number, areaCenti: m.unitAreaCenti },
  };
}

/** The keys a member votes under in each poll they may vote in. */
export function memberKeys(c: Consultation, m: AudienceMember): { pollId: number; key: VoterKey }[] {
  const profile = profileOf(m);
  const out: { pollId: number; key: VoterKey }[] = [];
  for (const poll of c.polls) {
    const k = pollKey(c, poll, profile);
    if (k.ok) out.push({ pollId: poll.id, key: k.value });
  }
  return out;
}

export class BroadcastService {
  constructor(private readonly deps: BroadcastDeps) {}

  reader(lang: Language): Reader {
    return { t: this.deps.translator.forLanguage(lang), lang, time: (at) => formatTime(at, this.deps.timeZone) };
  }

  private voteButton(lang: Language, c: Consultation): OutboxButton[] {
    return [{ text: this.reader(lang).t("vote.openButton"), action: "vo", args: [c.id] }];
  }

  private async queue(drafts: OutboxDraft[]): Promise<number> {
    const added = await this.deps.outbox.enqueue(drafts, this.deps.clock.now());
    if (added > 0) this.deps.queued.emit();
    return added;
  }

  /**
   * What the opening notice says about statements, exactly as far as it holds:
   * /opinion only if residents may write, /rate as soon as there is something to rate.
   */
  private async statementsPart(c: Consultation): Promise<{ line: StatementsLine; write: boolean; rate: boolean } | null> {
    const rate = (await this.deps.consultations.approvedStatementCount(c.id)) > 0;
    const write = c.residentStatements;
    if (!write && !rate) return null;
    return { line: write ? (rate ? "openedStatements.writeAndRate" : "openedStatements.writeFirst") : "openedStatements.rateOnly", write, rate };
  }

  /**
   * Tells the audience's residents that a consultation opened: those who may vote
   * in a question are asked for their vote; the others (a tenant when only owners
   * vote) for their opinion, with the statement buttons — only if it collects statements.
   */
  async opened(c: Consultation): Promise<number> {
    const recipients = await this.deps.audience.recipients(c.audience);
    const statements = await this.statementsPart(c);
    const notice = (headline: "vote.openedNotice" | "openedStatements.headline") =>
      perLanguage((lang) => {
        const r = this.reader(lang);
        return r.t(headline) + (statements ? "\n" + r.t(statements.line) : "") + "\n\n" + consultationHeader(r, c);
      });
    const voters = notice("vote.openedNotice");
    const others = statements ? notice("openedStatements.headline") : null;
    const statementButtons = (lang: Language): OutboxButton[] => {
      const t = this.reader(lang).t;
      return [
        ...(statements?.write ? [{ text: t("vote.writeStatement"), action: "op", args: [c.id] }] : []),
        ...(statements?.rate ? [{ text: t("vote.rateStatements"), action: "rate", args: [c.id] }] : []),
      ];
    };
    const drafts = recipients.flatMap((m) => {
      if (memberKeys(c, m).length > 0) return [{ batch: `open:${c.id}`, chatId: m.userId, text: voters[m.language], buttons: this.voteButton(m.language, c) }];
      return others ? [{ batch: `open:${c.id}`, chatId: m.userId, text: others[m.language], buttons: statementButtons(m.language) }] : [];
    });
    return this.queue(drafts);
  }

  /**
   * One reminder to each eligible resident who has not voted in every poll
   * they may vote in, unless they muted reminders. None for consultations
   * open for less than a day: the opening notice was reminder enough.
   */
  async remind(c: Consultation): Promise<number> {
    if (!remindersWanted(c)) return 0;
    const recipients = (await this.deps.audience.recipients(c.audience)).filter((m) => !m.remindersMuted);
    const voted = await this.deps.ballots.keysByPoll(c.polls.map((p) => p.id));
    const texts = perLanguage((lang) => {
      const r = this.reader(lang);
      return r.t("reminder.text", raw({ title: shown(r, c.title), time: r.time(c.closesAt), id: c.id }));
    });
    const drafts: OutboxDraft[] = [];
    for (const m of recipients) {
      const keys = memberKeys(c, m);
      if (keys.length === 0 || keys.every((k) => voted.get(k.pollId)?.has(k.key))) continue;
      drafts.push({ batch: `remind:${c.id}`, chatId: m.userId, text: texts[m.language], buttons: this.voteButton(m.language, c) });
    }
    return this.queue(drafts);
  }

  /** The result to every committee member (and admin) at once, in their language. */
  async committeeResult(c: Consultation, exclude: bigint | null = null): Promise<number> {
    const members = new Map<bigint, Language>();
    for (const m of await this.deps.audience.committee()) members.set(m.id, m.language ?? "zh");
    const admins = this.deps.configuredAdmins.filter((id) => !members.has(id));
    const languages = await this.deps.audience.languageOf(admins);
    for (const id of admins) members.set(id, languages.get(id) ?? "zh");
    if (exclude !== null) members.delete(exclude);
    const parts = perLanguage((lang) => this.committeeResultText(lang, c));
    const drafts: OutboxDraft[] = [];
    for (const [id, lang] of members) parts[lang].forEach((text, i) => drafts.push({ batch: part(`closed:${c.id}`, i), chatId: id, text }));
    return this.queue(drafts);
  }

  /** What the committee reads when a consultation closes. */
  committeeResultText(lang: Language, c: Consultation): string[] {
    const r = this.reader(lang);
    const parts = consultationResultText(r, c, 3900);
    parts[parts.length - 1] += "\n\n" + r.t("result.publishHint", { id: c.id });
    return parts;
  }

  /** The result to every resident of the audience, each in their language. */
  async publish(c: Consultation): Promise<{ recipients: number; queued: number }> {
    const recipients = await this.deps.audience.recipients(c.audience);
    const parts = perLanguage((lang) => consultationResultText(this.reader(lang), c));
    const drafts: OutboxDraft[] = [];
    for (const m of recipients) parts[m.language].forEach((text, i) => drafts.push({ batch: part(`publish:${c.id}`, i), chatId: m.userId, text }));
    return { recipients: recipients.length, queued: await this.queue(drafts) };
  }

  /** The roster's buildings, as an announcement's audience may name them (/announce). */
  async knownBuildings(actor: Actor): Promise<string[]> {
    authorize(actor, "announce");
    return this.deps.audience.knownBuildings();
  }

  /** The resident wrote to the bot again after the outbox found them unreachable: bulk sends include them anew. */
  markReachable(residentId: bigint): Promise<void> {
    return this.deps.audience.clearUnreachable(residentId);
  }

  /** /mute and /unmute: whether the resident gets consultation reminders. */
  muteReminders(residentId: bigint, muted: boolean): Promise<boolean> {
    return this.deps.audience.setRemindersMuted(residentId, muted);
  }

  /** How many residents an announcement to these buildings would reach. */
  async announcementReach(buildings: readonly string[] | null): Promise<number> {
    return (await this.deps.audience.recipients(buildings)).length;
  }

  /** A committee message to all verified residents or to some buildings. */
  async announce(text: LocalizedText, buildings: readonly string[] | null, actor: Actor): Promise<{ recipients: number; queued: number; batch: string }> {
    authorize(actor, "announce");
    const batch = `announce:${this.deps.clock.now().getTime().toString(36)}-${randomBytes(3).toString("hex")}`;
    const recipients = await this.deps.audience.recipients(buildings);
    const texts = perLanguage((lang) => {
      const r = this.reader(lang);
      return r.t("announce.message", raw({ text: shown(r, text) }));
    });
    const drafts = recipients.map((m) => ({ batch, chatId: m.userId, text: texts[m.language] }));
    await this.deps.audit?.record({ actor: actorId(actor), role: auditRole(actor, "announce"), action: "announce", target: batch, input: { text, buildings } });
    return { recipients: recipients.length, queued: await this.queue(drafts), batch };
  }
}

function perLanguage<T>(render: (lang: Language) => T): Record<Language, T> {
  const out = {} as Record<Language, T>;
  for (const lang of LANGUAGES) out[lang] = render(lang);
  return out;
}

/** Part 1 keeps the plain batch name; later parts of a long message get "#2", "#3", … */
const part = (batch: string, index: number) => (index === 0 ? batch : `${batch}#${index + 1}`);

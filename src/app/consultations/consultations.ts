// Creating consultations (from a spec file, the CLI or /new), opening them,
// listing them with turnout, and publishing their results.
import type { Consultation, StoredPollResult } from "../../domain/consultations/consultation.js";
import { parseSpecFile, validateSpec } from "../../domain/consultations/spec.js";
import type { ConsultationDraft, SpecProblem } from "../../domain/consultations/spec.js";
import { unitList } from "../../domain/consultations/wizard.js";
import { areaText } from "../../domain/residents/area.js";
import { isCivilCode278 } from "../../domain/polls/index.js";
import { err, ok } from "../../domain/polls/result.js";
import type { Result } from "../../domain/polls/result.js";
import { findName } from "../../domain/residents/names.js";
import type { Clock } from "../ports.js";
import type { BroadcastService } from "./broadcasts.js";
import type { ConsultationCache } from "./cache.js";
import type { AudienceStore, BallotStore, ConsultationStore, RosterScope } from "./ports.js";
import type { Signal } from "./signal.js";
import type { AuditSink } from "../audit/log.js";
import { actorId, auditRole, authorize, type Actor } from "../../domain/permissions.js";

export interface ConsultationDeps {
  audit?: AuditSink;
  consultations: ConsultationStore;
  ballots: BallotStore;
  audience: AudienceStore;
  broadcasts: BroadcastService;
  cache: ConsultationCache;
  clock: Clock;
  timeZone: string;
  scheduleChanged: Signal;
  /** The results an open consultation would have if it closed now (ClosingService.preview), so turnout is counted as results are. */
  preview: (c: Consultation) => Promise<ReadonlyMap<number, StoredPollResult>>;
}

export interface PollTurnout {
  readonly pollId: number;
  readonly ballots: number;
  readonly eligible: number;
}

export type PublishOutcome =
  | { kind: "queued"; consultation: Consultation; recipients: number; queued: number; again: boolean }
  | { kind: "not-found" }
  | { kind: "not-closed"; consultation: Consultation };

export class ConsultationService {
  constructor(private readonly deps: ConsultationDeps) {}

  /** A spec file's bytes → a draft, or every problem with its JSON path (shape, rules and the park's data). */
  async parse(bytes: Uint8Array): Promise<Result<ConsultationDraft, SpecProblem[]>> {
    const parsed = parseSpecFile(bytes, { now: this.deps.clock.now(), timeZone: this.deps.timeZone });
    if (!parsed.ok) return parsed;
    return this.check(parsed.value);
  }

  /** The same for a spec already parsed as JSON (what /new assembles). */
  async validate(spec: unknown): Promise<Result<ConsultationDraft, SpecProblem[]>> {
    const parsed = validateSpec(spec, { now: this.deps.clock.now(), timeZone: this.deps.timeZone });
    if (!parsed.ok) return parsed;
    return this.check(parsed.value);
  }

  /**
   * What only the park's data can tell: every building of the audience is on
   * the roster (matched whatever their case or width; the draft comes back with
   * the roster's spelling of each, which is what is stored and shown), and an
   * Art. 278 poll can be counted: its totals are every roster unit's area in
   * the audience's buildings, registered or not, so every unit needs one (the
   * problem names those that have none).
   */
  async check(draft: ConsultationDraft): Promise<Result<ConsultationDraft, SpecProblem[]>> {
    const problems: SpecProblem[] = [];
    let d = draft;
    if (d.audience) {
      const known = await this.deps.audience.knownBuildings();
      const spelled = d.audience.map((b, i) => {
        const name = findName(known, b);
        if (name === undefined) problems.push({ path: `audience.buildings[${i}]`, code: "unknown-building", params: { building: b } });
        return name ?? b;
      });
      d = { ...d, audience: spelled };
    }
    if (d.polls.some((p) => isCivilCode278(p.rule))) {
      const roster = await this.deps.audience.roster(d.audience);
      const { withoutArea } = roster;
      d.polls.forEach((p, i) => {
        if (!isCivilCode278(p.rule)) return;
        if (withoutArea.count > 0) {
          problems.push({ path: `polls[${i}]`, code: "units-without-area", params: { units: unitList(withoutArea), count: withoutArea.count } });
        }
        // The register's total area covers every roster unit in scope, so it cannot be smaller (closing would fall back to the roster's).
        if (p.ownerTotals && p.ownerTotals.areaCenti < roster.areaCenti) {
          problems.push({ path: `polls[${i}].ownerTotals.areaM2`, code: "owner-totals-below-roster", params: { area: areaText(p.ownerTotals.areaCenti), rosterArea: areaText(roster.areaCenti) } });
        }
      });
    }
    return problems.length > 0 ? err(problems) : ok(d);
  }

  /**
   * Stores a checked draft: open at once (the audience is told), or a draft
   * the scheduler opens at its opening time. The park's data is checked again,
   * since it may have changed while the committee member looked at a preview.
   */
  async create(draft: ConsultationDraft, actor: Actor): Promise<Result<Consultation, SpecProblem[]>> {
    authorize(actor, "consultation.create");
    const by = actorId(actor);
    const checked = await this.check(draft);
    if (!checked.ok) return checked;
    const d = checked.value;
    const now = this.deps.clock.now();
    const openNow = d.opensAt === null || d.opensAt.getTime() <= now.getTime();
    const c = await this.deps.consultations.create(openNow ? { ...d, opensAt: null } : d, {
      createdBy: by,
      status: openNow ? "open" : "draft",
      openedAt: openNow ? now : null,
      at: now,
    });
    if (openNow) await this.deps.broadcasts.opened(c);
    await this.deps.audit?.record({ actor: by, role: auditRole(actor, "consultation.create"), action: openNow ? "consultation.create-open" : "consultation.create", target: `consultation:${c.id}`, input: draft });
    this.deps.scheduleChanged.emit();
    return ok(c);
  }

  /** draft → open at its opening time (the scheduler): the audience is told first, so a crash in between tells nobody twice. */
  async open(c: Consultation, actor: Actor): Promise<boolean> {
    authorize(actor, "consultation.open");
    const now = this.deps.clock.now();
    await this.deps.broadcasts.opened({ ...c, status: "open", openedAt: now });
    const opened = await this.deps.consultations.markOpen(c.id, now);
    if (opened) this.deps.cache.changed(c.id);
    else this.deps.cache.invalidate(c.id);
    if (opened) await this.deps.audit?.record({ actor: actorId(actor), role: auditRole(actor, "consultation.open"), action: "consultation.open", target: `consultation:${c.id}`, input: { opensAt: c.opensAt } });
    return opened;
  }

  find(id: number): Promise<Consultation | null> {
    return this.deps.consultations.find(id);
  }

  /** The roster's buildings, as a new consultation's audience may name them (/new). */
  async audienceBuildings(actor: Actor): Promise<string[]> {
    authorize(actor, "consultation.create");
    return this.deps.audience.knownBuildings();
  }

  /** Roster units of an audience (null: everyone) without a floor area, which an Art. 278 poll cannot be counted without. */
  async unitsWithoutArea(actor: Actor, buildings: readonly string[] | null): Promise<RosterScope["withoutArea"]> {
    authorize(actor, "consultation.create");
    return (await this.deps.audience.roster(buildings)).withoutArea;
  }

  /**
   * The newest consultations with ballots and eligible voters per poll: as
   * stored at closing for closed ones, and for open ones as closing would
   * count them now (Art. 278: owners over the roster, like its result).
   */
  async overview(actor: Actor, limit: number): Promise<{ consultation: Consultation; turnout: PollTurnout[] }[]> {
    authorize(actor, "consultation.list");
    const list = await this.deps.consultations.list(limit);
    const out: { consultation: Consultation; turnout: PollTurnout[] }[] = [];
    for (const c of list) {
      const live = c.status === "draft" || c.status === "open";
      const results = live ? await this.deps.preview(c) : new Map(c.polls.flatMap((p) => (p.result ? [[p.id, p.result] as const] : [])));
      out.push({ consultation: c, turnout: c.polls.map((p) => ({ pollId: p.id, ballots: results.get(p.id)?.result.ballots ?? 0, eligible: results.get(p.id)?.result.eligible ?? 0 })) });
    }
    return out;
  }

  /** Queues the result to every resident of the audience; again later, only to those who were not queued yet. */
  async publish(id: number, actor: Actor): Promise<PublishOutcome> {
    authorize(actor, "consultation.publish");
    const by = actorId(actor);
    const c = await this.deps.consultations.find(id);
    if (!c) return { kind: "not-found" };
    if (c.status === "draft" || c.status === "open" || c.polls.some((p) => p.result === null)) return { kind: "not-closed", consultation: c };
    const again = c.publishedAt !== null;
    const { recipients, queued } = await this.deps.broadcasts.publish(c);
    await this.deps.consultations.markPublished(id, this.deps.clock.now());
    // A /publish that queued nothing (pressed again, or the same update delivered again after a crash) changed nothing to audit.
    if (!again || queued > 0) await this.deps.audit?.record({ actor: by, role: auditRole(actor, "consultation.publish"), action: "consultation.publish", target: `consultation:${id}`, input: { again, queued } });
    return { kind: "queued", consultation: c, recipients, queued, again };
  }
}

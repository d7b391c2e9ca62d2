// Closing a consultation: stop the votes, count every poll by its rule, store
// each result with the counts it came from, and tell the committee at once.
import type { Consultation, Poll, StoredPollResult } from "../../domain/consultations/consultation.js";
import { audienceVoters, formerVoters } from "../../domain/consultations/voting.js";
import type { AudienceMember } from "../../domain/consultations/voting.js";
import { computePollResult, isCivilCode278, validateBallot } from "../../domain/polls/index.js";
import type { Clock } from "../ports.js";
import type { BroadcastService } from "./broadcasts.js";
import type { ConsultationCache } from "./cache.js";
import type { AudienceStore, BallotStore, ConsultationStore, RosterScope } from "./ports.js";
import type { Signal } from "./signal.js";
import type { AuditSink } from "../audit/log.js";
import type { Leases } from "../leases.js";
import { actorId, auditRole, authorize, type Actor } from "../../domain/permissions.js";

export type CloseOutcome =
  | { kind: "closed"; consultation: Consultation }
  | { kind: "not-found" }
  | { kind: "not-open"; consultation: Consultation }
  | { kind: "already-closed"; consultation: Consultation };

export interface ClosingDeps {
  audit?: AuditSink;
  consultations: ConsultationStore;
  ballots: BallotStore;
  audience: AudienceStore;
  broadcasts: BroadcastService;
  cache: ConsultationCache;
  clock: Clock;
  scheduleChanged: Signal;
  /**
   * A closing is done under the lease "closing:<id>", so that of a /close and
   * the scheduler (in this process or another instance) one closes and
   * finishes it, and the other does not finish it again: the committee member
   * who closed gets the result as the answer to their command, and must not
   * get it a second time from a finish that does not know them.
   */
  leases?: Leases;
}

/** How long a /close waits for another task closing the same consultation before it answers. */
const WAIT_FOR_OTHER_CLOSING_MS = 5_000;

export class ClosingService {
  constructor(private readonly deps: ClosingDeps) {}

  /**
   * Closes an open consultation now (the scheduler at the closing time, or a
   * committee member early, or the operator). A committee member gets the
   * result as the answer to their command rather than through the outbox.
   */
  async close(id: number, actor: Actor): Promise<CloseOutcome> {
    authorize(actor, "consultation.close");
    const by = actor;
    const c = await this.deps.consultations.find(id);
    if (!c) return { kind: "not-found" };
    if (c.status === "draft") return { kind: "not-open", consultation: c };
    if (c.status !== "open") return { kind: "already-closed", consultation: c };
    if (!this.deps.leases) return this.closeOpen(c, by);
    const leased = await this.deps.leases.run(`closing:${id}`, () => this.closeOpen(c, by), { waitMs: WAIT_FOR_OTHER_CLOSING_MS });
    if (leased.ran) return leased.value;
    // Still held after the wait: its holder died before it closed anything, or is slow. Closing is a
    // conditional write, so closing without the lease is still right (at worst the result is queued twice for one person).
    const now = await this.deps.consultations.find(id);
    if (!now) return { kind: "not-found" };
    return now.status === "open" ? this.closeOpen(now, by) : { kind: "already-closed", consultation: now };
  }

  /**
   * Finishes a closing that was interrupted (the scheduler, for a consultation
   * closed without every result): false if another task is at it now (it is
   * tried again later, and finished here once that task's lease ran out).
   */
  async resume(id: number): Promise<boolean> {
    if (!this.deps.leases) {
      await this.finish(id);
      return true;
    }
    return (await this.deps.leases.tryRun(`closing:${id}`, () => this.finish(id))).ran;
  }

  private async closeOpen(c: Consultation, by: Actor): Promise<CloseOutcome> {
    const id = c.id;
    const at = this.deps.clock.now();
    const closed = await this.deps.consultations.markClosed(id, at);
    if (closed) this.deps.cache.changed(id);
    else this.deps.cache.invalidate(id);
    if (!closed) {
      const now = await this.deps.consultations.find(id);
      return now ? { kind: "already-closed", consultation: now } : { kind: "not-found" };
    }
    this.deps.scheduleChanged.emit();
    await this.deps.audit?.record({ actor: actorId(by), role: auditRole(by, "consultation.close"), action: "consultation.close", target: `consultation:${id}`, input: { at } });
    return { kind: "closed", consultation: await this.finish(id, actorId(by), { ...c, status: "closed", closedAt: at }) };
  }

  /**
   * Counts every poll that has no result yet, then queues the committee's
   * copy. Safe to run again: results are written once, and the outbox queues
   * each committee member once; the scheduler reruns it for a closing that a
   * crash interrupted.
   */
  async finish(id: number, by: bigint | null = null, loaded?: Consultation): Promise<Consultation> {
    const c = loaded ?? (await this.deps.consultations.find(id));
    if (!c) throw new Error(`consultation ${id} vanished while closing`);
    const missing = c.polls.filter((p) => p.result === null);
    const computed = new Map<number, StoredPollResult>();
    let raced = false;
    if (missing.length > 0) {
      // Everything a count needs is read at once (on PostgreSQL the queries overlap), then counted poll by poll.
      const scope = this.scopeOf(c, missing);
      const [members, roster, ...inputs] = await Promise.all([scope.members, scope.roster, ...missing.map((poll) => this.ballotsOf(poll))]);
      const at = this.deps.clock.now();
      for (const [i, poll] of missing.entries()) {
        const result = await this.count(poll, { members, roster }, at, inputs[i]!);
        if (await this.deps.consultations.storeResult(poll.id, result)) computed.set(poll.id, result);
        else raced = true; // stored meanwhile by another process: its result is the one that counts
      }
    }
    // Results are part of what the cache keeps: whoever read the consultation in between reads it again.
    if (computed.size > 0) this.deps.cache.changed(id);
    const done = raced ? (await this.deps.consultations.find(id))! : { ...c, polls: c.polls.map((p) => (computed.has(p.id) ? { ...p, result: computed.get(p.id)! } : p)) };
    await this.deps.broadcasts.committeeResult(done, by);
    return done;
  }

  /**
   * The results these polls would have if the consultation closed now,
   * counted exactly as closing counts them (for the /close confirmation's
   * turnout); nothing is stored.
   */
  async preview(c: Consultation): Promise<Map<number, StoredPollResult>> {
    const scope = this.scopeOf(c, c.polls);
    const [members, roster, ...inputs] = await Promise.all([scope.members, scope.roster, ...c.polls.map((poll) => this.ballotsOf(poll))]);
    const at = this.deps.clock.now();
    const out = new Map<number, StoredPollResult>();
    for (const [i, poll] of c.polls.entries()) out.set(poll.id, await this.count(poll, { members, roster }, at, inputs[i]!));
    return out;
  }

  /** The audience as it is now, and — if an Art. 278 poll needs it — the roster of its buildings (one aggregate query). */
  private scopeOf(c: Consultation, polls: readonly Poll[]) {
    return {
      members: this.deps.audience.members(c.audience),
      roster: polls.some((p) => isCivilCode278(p.spec.rule)) ? this.deps.audience.roster(c.audience) : Promise.resolve(null),
    };
  }

  /** A poll's ballots, and those of people who used /forget since with the floor areas of their units. */
  private async ballotsOf(poll: Poll) {
    const [events, formerBallots] = await Promise.all([this.deps.ballots.events(poll.id), this.deps.ballots.former(poll.id)]);
    const units = await this.deps.audience.units([...new Set(formerBallots.flatMap((b) => (b.unitId === null ? [] : [b.unitId])))]);
    return { events, formerBallots, units };
  }

  /** One poll's result from its stored ballots, the audience as it is now and (Art. 278) the roster of its buildings. */
  private async count(poll: Poll, scope: { members: readonly AudienceMember[]; roster: RosterScope | null }, at: Date, loaded: Awaited<ReturnType<ClosingService["ballotsOf"]>>): Promise<StoredPollResult> {
    const { events, formerBallots, units } = loaded;
    const weigh = isCivilCode278(poll.spec.rule);
    const current = audienceVoters(scope.members, weigh);
    // People who voted and then used /forget: their ballots still count, as nobody's.
    const areas = new Map([...units].map(([id, u]) => [id, u.areaCenti] as const));
    const former = formerVoters(poll.spec.voters, weigh, formerBallots, current.voters, areas);
    const voters = [...current.voters, ...former.voters];
    // Ballots were checked when cast; a stored one that is not valid (edited by hand) is left out rather than failing the count.
    const ballots = events.filter((b) => validateBallot(poll.definition, b.choice).ok);
    if (!weigh) {
      const r = computePollResult({ poll: poll.definition, voters, ballots });
      if (!r.ok) throw new Error(`poll ${poll.id} cannot be counted: ${JSON.stringify(r.error)}`);
      return { result: r.value, unitsWithoutArea: [], notes: [], computedAt: at.toISOString() };
    }
    // Art. 278: the roster's units with an area are the totals (creation refused units without one; a unit
    // whose area was removed since is left out of the totals and of the count, and named).
    const roster = scope.roster!;
    const named = [...new Set([...roster.withoutArea.names, ...current.unitsWithoutArea, ...former.unitsWithoutArea.map((id) => units.get(id)?.label ?? `#${id}`)])].sort();
    const totals = poll.spec.ownerTotals;
    const input = { poll: poll.definition, voters, ballots, roster: { units: roster.units, areaCenti: roster.areaCenti } };
    let r = computePollResult({ ...input, ...(totals ? { ownerTotals: { owners: totals.owners, areaCenti: totals.areaCenti } } : {}) });
    const notes: "register-too-small"[] = [];
    if (!r.ok && r.error.code === "owner-totals-too-small") {
      notes.push("register-too-small");
      r = computePollResult(input);
    }
    if (!r.ok) throw new Error(`poll ${poll.id} cannot be counted: ${JSON.stringify(r.error)}`);
    return {
      result: r.value,
      unitsWithoutArea: named,
      ...(roster.withoutArea.count > named.length ? { unitsWithoutAreaCount: roster.withoutArea.count } : {}),
      notes,
      computedAt: at.toISOString(),
    };
  }
}

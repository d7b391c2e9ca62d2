// Residents voting: which consultations they may vote in, what their ballots
// are, and casting one. A press costs the resident lookup (done by the bot's
// first middleware) and one ballot statement; definitions come from the cache.
import type { Consultation, Poll } from "../../domain/consultations/consultation.js";
import { checkBallot, pollKey, votingOpen } from "../../domain/consultations/voting.js";
import type { BallotProblem, Refusal, VoterProfile } from "../../domain/consultations/voting.js";
import { countOptions, SCALE_MAX, SCALE_MIN } from "../../domain/polls/index.js";
import type { OptionCount, VoterKey } from "../../domain/polls/index.js";
import type { Clock } from "../ports.js";
import type { Telemetry } from "../telemetry.js";
import type { ConsultationCache } from "./cache.js";
import type { BallotStore, ConsultationStore, StoredBallot } from "./ports.js";

export interface PollView {
  readonly consultation: Consultation;
  readonly poll: Poll;
  /** The key the person votes under, or why they may not vote in this poll. */
  readonly key: VoterKey | null;
  readonly refusal: Refusal | null;
  /** The ballot under their key: their own, or in one-ballot-per-unit polls possibly a unit-mate's. */
  readonly ballot: StoredBallot | null;
  /** False when the unit's ballot was cast by someone else: they see that the unit voted, not how. */
  readonly ballotIsMine: boolean;
  /** Counts so far, for polls with live results. */
  readonly live: OptionCount[] | null;
  /** Why no vote is taken now ("not-open": a draft; "closed": closed or past its closing time), null while voting is open. */
  readonly closed: "not-open" | "closed" | null;
}

export type CastOutcome =
  /**
   * `replaced`: the ballot this one took the place of — null (none), "own" (the person changed
   * their vote) or "unit-mate" (in a one-ballot-per-unit poll, the unit's ballot is now theirs).
   */
  | { kind: "recorded"; view: PollView; replaced: "own" | "unit-mate" | null }
  /** The same ballot was already stored (a second press of the same button). */
  | { kind: "unchanged"; view: PollView }
  /** The ballot changed since the message was shown (another press, a unit-mate): nothing was recorded. */
  | { kind: "stale"; view: PollView }
  | { kind: "refused"; reason: Refusal | BallotProblem | "unknown-poll"; view: PollView | null };

export interface VotingDeps {
  consultations: ConsultationStore;
  ballots: BallotStore;
  cache: ConsultationCache;
  clock: Clock;
  telemetry?: Telemetry;
}

export class VotingService {
  constructor(private readonly deps: VotingDeps) {}

  /** Open consultations the person may vote in (at least one poll), with whether they voted in all of those polls. */
  async openFor(v: VoterProfile): Promise<{ consultation: Consultation; voted: boolean; polls: number }[]> {
    const open = (await this.deps.consultations.listOpen()).filter((c) => votingOpen(c, this.deps.clock.now()).ok);
    const mine = open.map((c) => ({ consultation: c, keys: c.polls.flatMap((p) => keyOf(c, p, v)) }));
    const withPolls = mine.filter((m) => m.keys.length > 0);
    const ballots = await this.deps.ballots.forKeys(
      withPolls.flatMap((m) => m.keys.map((k) => k.pollId)),
      [...new Set(withPolls.flatMap((m) => m.keys.map((k) => k.key)))],
    );
    const has = new Set(ballots.map((b) => `${b.pollId}|${b.key}`));
    return withPolls.map((m) => ({ consultation: m.consultation, polls: m.keys.length, voted: m.keys.every((k) => has.has(`${k.pollId}|${k.key}`)) }));
  }

  /** A consultation as this person sees it: every poll with their key or refusal and their ballot. */
  async view(v: VoterProfile, id: number): Promise<{ consultation: Consultation; polls: PollView[]; closed: "not-open" | "closed" | null } | null> {
    const c = await this.deps.cache.get(id);
    if (!c) return null;
    const keys = c.polls.flatMap((p) => keyOf(c, p, v));
    const ballots = await this.deps.ballots.forKeys(keys.map((k) => k.pollId), [...new Set(keys.map((k) => k.key))]);
    const polls: PollView[] = [];
    for (const poll of c.polls) {
      const k = pollKey(c, poll, v);
      const ballot = k.ok ? (ballots.find((b) => b.pollId === poll.id && b.key === k.value) ?? null) : null;
      polls.push(await this.pollView(c, poll, v, k.ok ? k.value : null, k.ok ? null : k.error, ballot));
    }
    return { consultation: c, polls, closed: this.closed(c) };
  }

  /** One poll as this person sees it now (after a refused or outdated press). */
  async viewPoll(v: VoterProfile, pollId: number): Promise<PollView | null> {
    const found = await this.deps.cache.poll(pollId);
    if (!found) return null;
    const { consultation: c, poll } = found;
    const k = pollKey(c, poll, v);
    const ballot = k.ok ? await this.deps.ballots.find(poll.id, k.value) : null;
    return this.pollView(c, poll, v, k.ok ? k.value : null, k.ok ? null : k.error, ballot);
  }

  /** The "voting is open" rule (the domain's votingOpen) at this instant. */
  private closed(c: Consultation): "not-open" | "closed" | null {
    const open = votingOpen(c, this.deps.clock.now());
    return open.ok ? null : open.error === "not-open" ? "not-open" : "closed";
  }

  private async pollView(c: Consultation, poll: Poll, v: VoterProfile, key: VoterKey | null, refusal: Refusal | null, ballot: StoredBallot | null): Promise<PollView> {
    return {
      consultation: c,
      poll,
      key,
      refusal,
      ballot,
      ballotIsMine: ballot !== null && (ballot.voterId === v.id || ballot.key === `user:${v.id}`),
      live: await this.liveCounts(c, poll),
      closed: this.closed(c),
    };
  }

  private async liveCounts(c: Consultation, poll: Poll): Promise<OptionCount[] | null> {
    if (poll.spec.results !== "live" || c.status !== "open") return null;
    const groups = await this.deps.ballots.choiceCounts(poll.id);
    if (poll.spec.kind === "scale") {
      const out: OptionCount[] = [];
      for (let v = SCALE_MIN; v <= SCALE_MAX; v++) out.push({ option: v, votes: groups.filter((g) => g.choice[0] === v).reduce((s, g) => s + g.count, 0) });
      return out;
    }
    // Ranked polls show first preferences while open; the runoff is run at closing.
    const choices = groups.flatMap((g) => Array.from({ length: g.count }, () => (poll.spec.kind === "ranked" ? g.choice.slice(0, 1) : g.choice)));
    return countOptions(poll.spec.options.length, choices);
  }

  /**
   * Casts or changes a ballot. `expected` is the time of the ballot the
   * message showed (null: none); if the stored one differs, the message was
   * outdated and nothing is recorded. Every check runs again on every press.
   */
  async cast(v: VoterProfile, pollId: number, choice: readonly number[], expected: Date | null): Promise<CastOutcome> {
    const found = await this.deps.cache.poll(pollId);
    if (!found) return { kind: "refused", reason: "unknown-poll", view: null };
    let { consultation: c } = found;
    const { poll } = found;
    const now = this.deps.clock.now();
    let open = votingOpen(c, now);
    if (!open.ok && c.status === "draft") {
      // The cache may be behind (opened since): ask storage once. Closed is final, and an open
      // consultation past its closing time is refused even if the scheduler has not closed it yet.
      c = (await this.deps.cache.refresh(c.id)) ?? c;
      open = votingOpen(c, now);
    }
    if (!open.ok) return { kind: "refused", reason: open.error, view: await this.viewPoll(v, pollId) };
    const k = pollKey(c, poll, v);
    if (!k.ok) return { kind: "refused", reason: k.error, view: await this.viewPoll(v, pollId) };
    const valid = checkBallot(poll, choice);
    if (!valid.ok) return { kind: "refused", reason: valid.error, view: await this.viewPoll(v, pollId) };

    // Each stored ballot gets a distinct time, so a time identifies the ballot a message showed.
    const castAt = new Date(Math.max(now.getTime(), (expected?.getTime() ?? 0) + 1));
    // Whose ballot is replaced matters only in unit polls, and is read only there (not on the common path).
    const previous = expected !== null && k.value.startsWith("unit:") ? await this.deps.ballots.find(pollId, k.value) : null;
    const stored = await this.deps.ballots.cast({
      consultationId: c.id,
      pollId,
      key: k.value,
      voterId: v.id,
      unitId: v.unit?.id ?? null,
      choice: valid.value,
      castAt,
      expected,
    });
    if (stored) {
      this.deps.telemetry?.ballotRecorded();
      const ballot: StoredBallot = { pollId, key: k.value, voterId: v.id, choice: [...valid.value], castAt };
      const unitPoll = k.value.startsWith("unit:");
      const replaced = expected === null || (unitPoll && previous === null) ? null : unitPoll && previous!.voterId !== v.id ? "unit-mate" : "own";
      return { kind: "recorded", replaced, view: await this.pollView(c, poll, v, k.value, null, ballot) };
    }

    // Nothing written: closed meanwhile, or the ballot is not the one the message showed.
    const fresh = (await this.deps.cache.refresh(c.id)) ?? c;
    const still = votingOpen(fresh, now);
    if (!still.ok) return { kind: "refused", reason: still.error, view: await this.viewPoll(v, pollId) };
    const view = await this.viewPoll(v, pollId);
    if (view && view.ballot && view.ballotIsMine && sameChoice(view.ballot.choice, valid.value)) return { kind: "unchanged", view };
    return { kind: "stale", view: view! };
  }
}

function keyOf(c: Consultation, poll: Poll, v: VoterProfile): { pollId: number; key: VoterKey }[] {
  const k = pollKey(c, poll, v);
  return k.ok ? [{ pollId: poll.id, key: k.value }] : [];
}

const sameChoice = (a: readonly number[], b: readonly number[]) => a.length === b.length && a.every((x, i) => x === b[i]);

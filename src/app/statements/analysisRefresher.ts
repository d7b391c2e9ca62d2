// Keeps every consultation's analysis fresh in the background, never inside a
// resident's button press (the press only reads what this wrote).
//
// A consultation is recomputed when:
// - it is open and at least max(10, 5 % of the votes last analysed) new votes
//   arrived (votes cast in this process are counted as they come; a periodic
//   check also counts the database, for votes cast elsewhere);
// - the committee approved or rejected one of its statements;
// - it closed after its last analysis saw fewer votes than it now has (the
//   final picture must contain every vote);
// - someone asks (refreshNow, e.g. the CLI).
// Requests are debounced and run one at a time, so a burst of votes costs one analysis.
//
// Several instances on one database: an analysis runs under the lease
// "analysis:<consultation>", so two instances never analyse the same
// consultation at once. One that finds the lease taken waits for the other to
// finish and takes its stored result, unless that analysis began reading
// before this one was asked for (then votes it was asked for may be missing,
// and it analyses again). The time an analysis began reading is its computedAt.

import { analyzeConversation } from "../../domain/consensus/analyze.js";
import type { ConversationStatement, ConversationVote, VoteValue } from "../../domain/consensus/types.js";
import { buildSnapshot, parseSnapshot, type AnalysisSnapshot } from "../../domain/statements/snapshot.js";
import type { Leases } from "../leases.js";
import type { Clock } from "../ports.js";
import type { Telemetry } from "../telemetry.js";
import type { AnalysisCacheStore, StatementStore } from "./ports.js";
import type { RoutingTables } from "./routingTables.js";

export interface RefresherOptions {
  /** Wait this long after a request before computing, so requests coalesce (default 2 s). */
  readonly debounceMs?: number;
  /** How often the database is checked for votes cast elsewhere (default 60 s). */
  readonly intervalMs?: number;
  /** Recompute after at least this many new votes … (default 10) */
  readonly minNewVotes?: number;
  /** … or this share of the votes last analysed, whichever is larger (default 0.05). */
  readonly newVoteShare?: number;
  readonly onError?: (error: unknown, consultationId: number) => void;
}

interface Wanted {
  readonly at?: Date;
  readonly votes?: number;
}

/** Whether a stored analysis answers what was asked for. */
const answers = (w: Wanted, stored: { computedAt: Date; voteCount: number }) =>
  (w.at === undefined || stored.computedAt.getTime() >= w.at.getTime()) && (w.votes === undefined || stored.voteCount >= w.votes);

/** How long an instance waits for another's analysis of the same consultation before it analyses itself. */
const MAX_WAIT_FOR_OTHER_MS = 10 * 60_000;

const VALUE: Record<number, VoteValue> = { 1: "agree", [-1]: "disagree", 0: "pass" };
/** Votes only arrive while open; one more analysis after closing takes the last ones in (also if a report was submitted at once). */
const CHECKED_STATES = ["open", "closed", "submitted", "answered"];

export interface AnalysisResult {
  snapshot: AnalysisSnapshot;
  /** Votes read, counted or not (the cache's voteCount). */
  voteCount: number;
}

/**
 * Reads a consultation's approved statements and votes and analyses them. Seconds of work at
 * millions of votes: src/main.ts runs it in a worker thread (analysisThread.ts), tests here.
 */
export async function computeAnalysis(statements: Pick<StatementStore, "approvedIds" | "withStatus" | "analysisVotes">, consultationId: number): Promise<AnalysisResult> {
  const [approved, rejected, votes] = await Promise.all([
    statements.approvedIds(consultationId),
    statements.withStatus(consultationId, "rejected"),
    statements.analysisVotes(consultationId),
  ]);
  // Rejected statements are moderated out; those that have votes (an imported Pol.is
  // conversation's moderated-out comments) count as Pol.is counts them: columns of zeros.
  const input: ConversationStatement<number>[] = [...approved.map((s) => ({ id: s.id, seed: s.seed })), ...rejected.map((s) => ({ id: s.id, moderatedOut: true }))];
  const ids = new Set(input.map((s) => s.id));
  const counted: ConversationVote<string, number>[] = [];
  for (const v of votes) if (ids.has(v.statementId)) counted.push({ participantId: v.participant, statementId: v.statementId, vote: VALUE[v.vote]! });
  return { snapshot: buildSnapshot(analyzeConversation({ statements: input, votes: counted }), votes.length), voteCount: votes.length };
}

export class AnalysisRefresher {
  private timer: NodeJS.Timeout | undefined;
  private readonly debounce = new Map<number, NodeJS.Timeout>();
  /** Votes cast in this process since the consultation's last analysis. */
  private readonly newVotes = new Map<number, number>();
  /** Votes each consultation's last analysis saw. */
  private readonly analysedVotes = new Map<number, number>();
  private readonly queue = new Set<number>();
  /**
   * What would answer each queued consultation: an analysis that began reading after it was asked for
   * (`at`: a request, a vote here, a moderation), and one that saw at least the votes the periodic check
   * counted (`votes`: the check found it stale). Another instance's analysis that does is used as it is.
   */
  private readonly wanted = new Map<number, Wanted>();
  private running: Promise<void> | undefined;
  private started = false;
  /** stop() was called: nothing waits for another instance any more. */
  private stopped = false;
  private readonly opts: Required<Omit<RefresherOptions, "onError">> & { onError?: RefresherOptions["onError"] };

  constructor(
    private readonly deps: {
      statements: StatementStore;
      cache: AnalysisCacheStore;
      routing: RoutingTables;
      clock: Clock;
      telemetry?: Telemetry;
      /** Reads and analyses one consultation somewhere else (src/main.ts: a worker thread); by default here, on this thread. */
      analyze?: (consultationId: number) => Promise<AnalysisResult>;
      /** Ends what `analyze` started (the worker), at stop(). */
      closeAnalyzer?: () => Promise<void>;
      /** One analysis of a consultation at a time across instances (see above). */
      leases?: Leases;
    },
    options: RefresherOptions = {},
  ) {
    this.opts = { debounceMs: 2_000, intervalMs: 60_000, minNewVotes: 10, newVoteShare: 0.05, ...options };
  }

  /** Starts the periodic check (from src/main.ts). Until then requests are only remembered. */
  start(options: Pick<RefresherOptions, "onError"> = {}): void {
    if (this.started) return;
    this.started = true;
    this.stopped = false;
    if (options.onError) this.opts.onError = options.onError;
    this.timer = setInterval(() => void this.check().catch((e: unknown) => this.opts.onError?.(e, 0)), this.opts.intervalMs);
    this.timer.unref();
    for (const id of this.queue) this.schedule(id);
    void this.check().catch((e: unknown) => this.opts.onError?.(e, 0));
  }

  /** Stops the timers and waits for an analysis under way; safe to call twice. */
  async stop(): Promise<void> {
    this.started = false;
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    for (const t of this.debounce.values()) clearTimeout(t);
    this.debounce.clear();
    await this.running;
    await this.deps.closeAnalyzer?.();
  }

  /** Threshold of new votes for a consultation whose last analysis saw `analysed` votes. */
  threshold(analysed: number): number {
    return Math.max(this.opts.minNewVotes, Math.ceil(this.opts.newVoteShare * analysed));
  }

  /** A vote was stored: count it, and ask for an analysis once enough arrived. */
  noteVote(consultationId: number): void {
    const count = (this.newVotes.get(consultationId) ?? 0) + 1;
    this.newVotes.set(consultationId, count);
    const analysed = this.analysedVotes.get(consultationId);
    // Unknown baseline (first vote since start): the periodic check decides from the database.
    if (analysed === undefined ? count >= this.opts.minNewVotes : count >= this.threshold(analysed)) this.request(consultationId);
  }

  /** Asks for an analysis soon (debounced). */
  request(consultationId: number): void {
    this.enqueue(consultationId);
    if (this.started) this.schedule(consultationId);
  }

  private schedule(consultationId: number): void {
    if (this.debounce.has(consultationId)) return;
    const t = setTimeout(() => {
      this.debounce.delete(consultationId);
      void this.drain();
    }, this.opts.debounceMs);
    t.unref();
    this.debounce.set(consultationId, t);
  }

  /** Compares every analysed consultation's votes with its cache and queues those that need it. */
  async check(): Promise<void> {
    for (const c of await this.deps.statements.consultationsIn(CHECKED_STATES)) {
      const [cached, count] = await Promise.all([this.deps.cache.status(c.id), this.deps.statements.voteCount(c.id)]);
      if (cached) this.analysedVotes.set(c.id, cached.voteCount);
      const seen = cached?.voteCount ?? 0;
      const stale = c.status === "open" ? (cached ? count - seen >= this.threshold(seen) : count > 0) : count !== seen || !cached;
      if (stale && (count > 0 || !cached)) this.enqueue(c.id, { votes: count });
    }
    await this.drain();
  }

  private enqueue(consultationId: number, why: Wanted = { at: this.deps.clock.now() }): void {
    this.queue.add(consultationId);
    const had = this.wanted.get(consultationId) ?? {};
    this.wanted.set(consultationId, {
      // The earliest request not answered yet, and the most votes counted.
      ...(had.at || why.at ? { at: had.at ?? why.at! } : {}),
      ...(had.votes !== undefined || why.votes !== undefined ? { votes: Math.max(had.votes ?? 0, why.votes ?? 0) } : {}),
    });
  }

  /** Computes and stores one consultation's analysis now (or takes the one another instance is computing, if it began after this call). */
  async refreshNow(consultationId: number): Promise<AnalysisSnapshot | null> {
    return this.refresh(consultationId, { at: this.deps.clock.now() });
  }

  private async refresh(consultationId: number, wanted: Wanted): Promise<AnalysisSnapshot | null> {
    this.queue.delete(consultationId);
    let result: AnalysisSnapshot | null = null;
    const previous = this.running;
    const run = (async () => {
      await previous;
      result = await this.once(consultationId, wanted);
    })();
    this.running = run.catch(() => undefined);
    await run;
    return result;
  }

  /** Analyses under the lease; if another instance holds it, waits for it and uses its result when that will do. */
  private async once(consultationId: number, wanted: Wanted): Promise<AnalysisSnapshot | null> {
    const { leases } = this.deps;
    if (!leases) return this.timed(consultationId);
    const name = `analysis:${consultationId}`;
    for (;;) {
      const r = await leases.tryRun(name, () => this.timed(consultationId));
      if (r.ran) return r.value;
      const free = await leases.waitFree(name, { waitMs: MAX_WAIT_FOR_OTHER_MS, pollMs: 200, cancelled: () => this.stopped });
      // Stopping: the other instance's result is stored anyway.
      if (!free && this.stopped) return null;
      const status = await this.deps.cache.status(consultationId);
      if (status && answers(wanted, status)) {
        this.settled(consultationId, status.computedAt, status.voteCount);
        const row = await this.deps.cache.read(consultationId);
        return row ? parseSnapshot(row.data) : null;
      }
    }
  }

  private async timed(consultationId: number): Promise<AnalysisSnapshot | null> {
    const started = performance.now();
    try {
      const result = await this.compute(consultationId);
      this.deps.telemetry?.analysisFinished((performance.now() - started) / 1000, true);
      return result;
    } catch (e) {
      this.deps.telemetry?.analysisFinished((performance.now() - started) / 1000, false);
      throw e;
    }
  }

  private async drain(): Promise<void> {
    while (this.queue.size > 0) {
      const id = this.queue.values().next().value!;
      try {
        await this.refresh(id, this.wanted.get(id) ?? { at: this.deps.clock.now() });
      } catch (e) {
        this.opts.onError?.(e, id);
      }
    }
  }

  /** An analysis that began reading at `at` is stored: requests made before then are answered. */
  private settled(consultationId: number, at: Date, voteCount: number): void {
    const wanted = this.wanted.get(consultationId);
    if (wanted && answers(wanted, { computedAt: at, voteCount })) this.wanted.delete(consultationId);
    this.newVotes.set(consultationId, 0);
    this.analysedVotes.set(consultationId, voteCount);
  }

  private async compute(consultationId: number): Promise<AnalysisSnapshot | null> {
    const { cache, routing, clock } = this.deps;
    // The analysis holds what was stored when it began reading: that is the time it is "as of".
    const computedAt = clock.now();
    const { snapshot, voteCount } = await (this.deps.analyze ? this.deps.analyze(consultationId) : computeAnalysis(this.deps.statements, consultationId));
    await cache.write({ consultationId, computedAt, voteCount, data: JSON.stringify(snapshot) });
    this.settled(consultationId, computedAt, voteCount);
    routing.accept(consultationId, snapshot, computedAt);
    return snapshot;
  }
}

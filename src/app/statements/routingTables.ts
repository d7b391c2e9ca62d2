// The routing table of each consultation, kept in memory so choosing the next
// statement costs no analysis and no extra query: priorities come from the
// cached analysis (AnalysisCache), statements approved since then join with a
// new statement's boost, and statements no longer approved drop out. Before a
// consultation's first analysis, priorities come from live vote counts with
// extremity 0. An entry is rebuilt when the refresher writes a new analysis,
// when the committee moderates, or at most `ttlMs` after it was built (so
// statements added by another process, e.g. seeds published by /new, appear).
// Another instance on the database that moderates or writes an analysis says
// so through the peer feed, and the entry is rebuilt here too.

import { prepareRouting, SEED_PRIORITY, statementPriority, type RoutingTable } from "../../domain/consensus/routing.js";
import { parseSnapshot, type AnalysisSnapshot } from "../../domain/statements/snapshot.js";
import type { Statement } from "../../domain/statements/statement.js";
import { soloFeed, type PeerFeed } from "../peers.js";
import type { AnalysisCacheStore, StatementStore } from "./ports.js";

export interface RoutingEntry {
  readonly table: RoutingTable<number>;
  /** The approved statements the table draws from, so a card needs no query for its text. */
  readonly statements: ReadonlyMap<number, Statement>;
  /** The cached analysis, or null before the first one. */
  readonly snapshot: AnalysisSnapshot | null;
  readonly computedAt: Date | null;
}

interface Held extends RoutingEntry {
  readonly builtAt: number;
}

/** A statement approved after the analysis: no votes seen yet as far as routing knows. */
const FRESH_PRIORITY = statementPriority(0, 0, 0, 0);

export class RoutingTables {
  private readonly held = new Map<number, Held>();
  private readonly building = new Map<number, Promise<Held>>();
  /** Bumped by invalidate(), so a build that started before it is not kept. */
  private readonly generation = new Map<number, number>();
  private readonly snapshots = new Map<number, { computedAt: number; snapshot: AnalysisSnapshot | null }>();
  private readonly ttlMs: number;
  private readonly monotonic: () => number;

  private readonly peers: PeerFeed;

  constructor(private readonly deps: { statements: StatementStore; cache: AnalysisCacheStore; ttlMs?: number; monotonic?: () => number; peers?: PeerFeed }) {
    this.ttlMs = deps.ttlMs ?? 15_000;
    this.monotonic = deps.monotonic ?? (() => performance.now());
    this.peers = deps.peers ?? soloFeed;
    this.peers.subscribe({
      changed: (c) => {
        if (c.topic === "routing") this.invalidate(c.id);
      },
      reset: () => this.clear(),
    });
  }

  async get(consultationId: number): Promise<RoutingEntry> {
    const held = this.held.get(consultationId);
    if (held && this.monotonic() - held.builtAt < this.ttlMs) return held;
    let pending = this.building.get(consultationId);
    if (!pending) {
      const build: Promise<Held> = this.build(consultationId).finally(() => {
        if (this.building.get(consultationId) === build) this.building.delete(consultationId);
      });
      this.building.set(consultationId, (pending = build));
    }
    return pending;
  }

  /** The next get() rebuilds the table (after moderation, or a new analysis). */
  invalidate(consultationId: number): void {
    this.held.delete(consultationId);
    this.building.delete(consultationId);
    this.generation.set(consultationId, (this.generation.get(consultationId) ?? 0) + 1);
  }

  /** This process changed the consultation's statements (stored already): rebuilt here and in the other instances. */
  changed(consultationId: number): void {
    this.invalidate(consultationId);
    this.peers.announce({ topic: "routing", id: consultationId });
  }

  /** Every table is rebuilt at its next use. */
  clear(): void {
    for (const id of new Set([...this.held.keys(), ...this.building.keys()])) this.invalidate(id);
  }

  /** The refresher hands over the analysis it just wrote, so nobody here parses it again (the other instances read it). */
  accept(consultationId: number, snapshot: AnalysisSnapshot, computedAt: Date): void {
    this.snapshots.set(consultationId, { computedAt: computedAt.getTime(), snapshot });
    this.changed(consultationId);
  }

  private async snapshot(consultationId: number): Promise<{ snapshot: AnalysisSnapshot | null; computedAt: Date | null }> {
    const computedAt = (await this.deps.cache.status(consultationId))?.computedAt;
    if (!computedAt) return { snapshot: null, computedAt: null };
    const known = this.snapshots.get(consultationId);
    if (known && known.computedAt === computedAt.getTime()) return { snapshot: known.snapshot, computedAt };
    const row = await this.deps.cache.read(consultationId);
    const snapshot = row ? parseSnapshot(row.data) : null;
    const at = row?.computedAt ?? computedAt;
    this.snapshots.set(consultationId, { computedAt: at.getTime(), snapshot });
    return { snapshot, computedAt: at };
  }

  private async build(consultationId: number): Promise<Held> {
    const startedAt = this.monotonic();
    const generation = this.generation.get(consultationId) ?? 0;
    const [{ snapshot, computedAt }, approved] = await Promise.all([this.snapshot(consultationId), this.deps.statements.withStatus(consultationId, "approved")]);
    let table: RoutingTable<number>;
    if (snapshot) {
      const cached = new Map<number, number>();
      snapshot.statementIds.forEach((id, i) => cached.set(id, snapshot.priorities[i]!));
      const priorities = new Float64Array(approved.length);
      approved.forEach((s, i) => (priorities[i] = s.seed ? SEED_PRIORITY : (cached.get(s.id) ?? FRESH_PRIORITY)));
      table = { statementIds: approved.map((s) => s.id), priorities };
    } else {
      const totals = approved.length ? await this.deps.statements.voteTotals(consultationId) : new Map();
      table = prepareRouting(
        approved.map((s) => {
          const t = totals.get(s.id) ?? { agree: 0, disagree: 0, pass: 0 };
          return { statementId: s.id, seen: t.agree + t.disagree + t.pass, agree: t.agree, pass: t.pass, extremity: 0, seed: s.seed };
        }),
      );
    }
    const held: Held = { table, statements: new Map(approved.map((s) => [s.id, s])), snapshot, computedAt, builtAt: startedAt };
    if ((this.generation.get(consultationId) ?? 0) === generation) this.held.set(consultationId, held);
    return held;
  }
}

import type { Consultation, Poll } from "../../domain/consultations/consultation.js";
import { soloFeed, type PeerFeed } from "../peers.js";
import type { ConsultationStore } from "./ports.js";

/**
 * Consultations and their polls, kept in memory for the vote path: a press
 * costs the resident lookup and the ballot statement, nothing else. Texts,
 * polls and audience never change once a consultation exists; its status does,
 * so every status change drops the entry — here, and through the peer feed in
 * every other instance on the database — and a ballot statement refused by the
 * database (status changed elsewhere) does too. An entry is read again after
 * `ttlMs` whatever happened, for a change nobody announced (the CLI on SQLite,
 * a process that died right after its write). Drafts are not kept: they become
 * open at their opening time.
 */
export class ConsultationCache {
  private readonly byId = new Map<number, { consultation: Consultation; at: number }>();
  private readonly byPoll = new Map<number, number>();
  private readonly limit: number;
  private readonly ttlMs: number;
  private readonly peers: PeerFeed;
  private readonly monotonic: () => number;
  /** Bumped by every drop, so a read that began before one does not keep what it read (it may be older than the drop). */
  private generation = 0;

  constructor(
    private readonly store: ConsultationStore,
    opts: { limit?: number; ttlMs?: number; peers?: PeerFeed; monotonic?: () => number } = {},
  ) {
    this.limit = opts.limit ?? 500;
    this.ttlMs = opts.ttlMs ?? 30_000;
    this.peers = opts.peers ?? soloFeed;
    this.monotonic = opts.monotonic ?? (() => performance.now());
    this.peers.subscribe({
      changed: (c) => {
        if (c.topic === "consultation") this.invalidate(c.id);
      },
      reset: () => this.clear(),
    });
  }

  async get(id: number): Promise<Consultation | null> {
    const hit = this.byId.get(id);
    if (hit && this.monotonic() - hit.at < this.ttlMs) return hit.consultation;
    if (hit) this.evict(id);
    const generation = this.generation;
    const c = await this.store.find(id);
    if (c) this.remember(c, generation);
    return c;
  }

  async poll(pollId: number): Promise<{ consultation: Consultation; poll: Poll } | null> {
    const cid = this.byPoll.get(pollId);
    const generation = this.generation;
    const c = cid !== undefined ? await this.get(cid) : await this.store.findByPoll(pollId);
    if (!c) return null;
    if (cid === undefined) this.remember(c, generation);
    const poll = c.polls.find((p) => p.id === pollId);
    return poll ? { consultation: c, poll } : null;
  }

  /** Reads the consultation again from storage. */
  async refresh(id: number): Promise<Consultation | null> {
    this.invalidate(id);
    return this.get(id);
  }

  /** This process changed the consultation (stored already): dropped here and in the other instances. */
  changed(id: number): void {
    this.invalidate(id);
    this.peers.announce({ topic: "consultation", id });
  }

  /** Dropped here only (read again at the next use). */
  invalidate(id: number): void {
    this.generation++;
    this.evict(id);
  }

  /** Makes room (not a change: reads under way may keep what they read). */
  private evict(id: number): void {
    const hit = this.byId.get(id);
    if (!hit) return;
    this.byId.delete(id);
    for (const p of hit.consultation.polls) this.byPoll.delete(p.id);
  }

  clear(): void {
    this.generation++;
    this.byId.clear();
    this.byPoll.clear();
  }

  private remember(c: Consultation, generation: number): void {
    // A draft opens at its time, possibly in another process: it is read again each time until then.
    if (c.status === "draft" || generation !== this.generation) return;
    if (this.byId.size >= this.limit) {
      const oldest = this.byId.keys().next().value;
      if (oldest !== undefined) this.evict(oldest);
    }
    this.byId.set(c.id, { consultation: c, at: this.monotonic() });
    for (const p of c.polls) this.byPoll.set(p.id, c.id);
  }
}

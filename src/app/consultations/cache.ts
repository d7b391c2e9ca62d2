import type { Consultation, Poll } from "../../domain/consultations/consultation.js";
import type { ConsultationStore } from "./ports.js";

/**
 * Consultations and their polls, kept in memory for the vote path: a press
 * costs the resident lookup and the ballot statement, nothing else. Texts,
 * polls and audience never change once a consultation exists; its status does,
 * so every status change in this process drops the entry, and a ballot
 * statement refused by the database (status changed elsewhere) does too.
 * Drafts are not kept: they become open at their opening time.
 */
export class ConsultationCache {
  private readonly byId = new Map<number, Consultation>();
  private readonly byPoll = new Map<number, number>();

  constructor(
    private readonly store: ConsultationStore,
    private readonly limit = 500,
  ) {}

  async get(id: number): Promise<Consultation | null> {
    const hit = this.byId.get(id);
    if (hit) return hit;
    const c = await this.store.find(id);
    if (c) this.remember(c);
    return c;
  }

  async poll(pollId: number): Promise<{ consultation: Consultation; poll: Poll } | null> {
    const cid = this.byPoll.get(pollId);
    const c = cid !== undefined ? await this.get(cid) : await this.store.findByPoll(pollId);
    if (!c) return null;
    if (cid === undefined) this.remember(c);
    const poll = c.polls.find((p) => p.id === pollId);
    return poll ? { consultation: c, poll } : null;
  }

  /** Reads the consultation again from storage. */
  async refresh(id: number): Promise<Consultation | null> {
    this.invalidate(id);
    return this.get(id);
  }

  invalidate(id: number): void {
    const c = this.byId.get(id);
    if (!c) return;
    this.byId.delete(id);
    for (const p of c.polls) this.byPoll.delete(p.id);
  }

  private remember(c: Consultation): void {
    // A draft opens at its time, possibly in another process: it is read again each time until then.
    if (c.status === "draft") return;
    if (this.byId.size >= this.limit) {
      const oldest = this.byId.keys().next().value;
      if (oldest !== undefined) this.invalidate(oldest);
    }
    this.byId.set(c.id, c);
    for (const p of c.polls) this.byPoll.set(p.id, c.id);
  }
}

// The audit log of staff actions: appended by the use cases, one row per
// action, chained by hash (src/domain/audit/chain.ts). Appends are queued one
// after another in this process, so two actions at once never fork the chain.
import { auditHash, GENESIS, inputDigest, verifyChain, type AuditRow, type ChainBreak } from "../../domain/audit/chain.js";
import type { Clock } from "../ports.js";
import type { AuditScreen, AuditStore } from "./ports.js";
import { authorize, type Actor } from "../../domain/permissions.js";

/** operator: the command line; system: the scheduler acting on a time a committee member set. */
export type AuditRole = "committee" | "official" | "admin" | "operator" | "system";

export interface AuditEvent {
  /** The staff member (null: the operator at the command line, stored as 0). */
  readonly actor: bigint | null;
  readonly role: AuditRole;
  readonly action: string;
  readonly target: string;
  /** What the action was given; only its SHA-256 is kept. */
  readonly input?: unknown;
}

/** What use cases depend on: one call per staff action. */
export interface AuditSink {
  record(event: AuditEvent): Promise<void>;
}

export const VERIFY_PAGE = 50_000;

export class AuditLog implements AuditSink {
  private tail: Promise<unknown> = Promise.resolve();

  constructor(private readonly deps: { store: AuditStore; clock: Clock }) {}

  record(event: AuditEvent): Promise<void> {
    const next = this.tail.then(async () => {
      const prevHash = (await this.deps.store.lastHash()) ?? GENESIS;
      const content = { at: this.deps.clock.now(), actor: event.actor ?? 0n, role: event.role, action: event.action, target: event.target, inputSha256: inputDigest(event.input ?? null) };
      await this.deps.store.append({ ...content, prevHash, hash: auditHash(prevHash, content) });
    });
    this.tail = next.catch(() => undefined);
    return next;
  }

  /**
   * Recomputes the whole chain, page by page (the next page is read while this
   * one is hashed); `reader` may be a faster reader of the same rows (src/db/auditReader.ts).
   */
  async verify(actor: Actor, reader: Pick<AuditStore, "page"> & Partial<AuditScreen> = this.deps.store): Promise<{ ok: true; rows: number } | { ok: false; broken: ChainBreak; rows: number }> {
    authorize(actor, "audit.read");
    if (reader.screen) return this.screened(reader as Pick<AuditStore, "page"> & AuditScreen);
    let prev = GENESIS;
    let rows = 0;
    let page = await reader.page(0, VERIFY_PAGE);
    while (page.length > 0) {
      const following = page.length === VERIFY_PAGE ? reader.page(page[page.length - 1]!.id, VERIFY_PAGE) : Promise.resolve([] as AuditRow[]);
      const checked = verifyChain(page, prev);
      if (!checked.ok) {
        await following.catch(() => undefined);
        return { ok: false, broken: checked.broken, rows: rows + checked.checked };
      }
      rows += checked.checked;
      prev = checked.last;
      page = await following;
    }
    return { ok: true, rows };
  }

  /** verify through the driver's screen: only a page it flags is read out and checked here. */
  private async screened(reader: Pick<AuditStore, "page"> & AuditScreen): Promise<{ ok: true; rows: number } | { ok: false; broken: ChainBreak; rows: number }> {
    let prev = GENESIS;
    let after = 0;
    let rows = 0;
    for (;;) {
      const s = await reader.screen(after, VERIFY_PAGE);
      if (s.rows === 0) return { ok: true, rows };
      if (!s.suspect) {
        rows += s.rows;
        prev = s.lastHash;
        after = s.lastId;
        continue;
      }
      const page = await reader.page(after, VERIFY_PAGE);
      if (page.length === 0) return { ok: true, rows };
      const checked = verifyChain(page, prev);
      if (!checked.ok) return { ok: false, broken: checked.broken, rows: rows + checked.checked };
      rows += checked.checked;
      prev = checked.last;
      after = page[page.length - 1]!.id;
    }
  }

  async latest(actor: Actor, limit: number): Promise<AuditRow[]> {
    authorize(actor, "audit.read");
    return this.deps.store.latest(limit);
  }

  async since(actor: Actor, since: Date): Promise<AuditRow[]> {
    authorize(actor, "audit.read");
    return this.deps.store.since(since);
  }
}

/** For use cases built without a log. */
export const noAudit: AuditSink = { record: async () => {} };

import type { AuditContent, AuditRow } from "../../domain/audit/chain.js";

export interface AuditStore {
  /** The newest row's hash, or null when the log is empty. */
  lastHash(): Promise<string | null>;
  append(row: AuditContent & { prevHash: string; hash: string }): Promise<AuditRow>;
  /** Rows with id > `afterId`, in id order. */
  page(afterId: number, limit: number): Promise<AuditRow[]>;
  /** The newest `limit` rows, newest first. */
  latest(limit: number): Promise<AuditRow[]>;
  /** Rows at or after `since`, oldest first. */
  since(since: Date): Promise<AuditRow[]>;
  count(): Promise<number>;
}

/**
 * A first pass a database driver may offer verify: it checks `limit` rows
 * after `afterId` inside the database, and hands back only a summary. A page
 * it marks suspect is checked again by the domain's verifyChain, which alone
 * names a broken row; so the screen may be cautious but never decides.
 */
export interface AuditScreen {
  screen(afterId: number, limit: number): Promise<{ rows: number; lastId: number; lastHash: string; suspect: boolean }>;
}

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

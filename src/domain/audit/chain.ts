// The audit log's chain: each row's hash covers the previous row's hash and
// the row's own content, so editing, deleting or reordering any row breaks
// every hash after it, and verification names the first row that no longer
// fits. Pure: hashing is computation, not I/O.
import { createHash } from "node:crypto";

/** The previous hash of the first row. */
export const GENESIS = "0".repeat(64);

export interface AuditContent {
  readonly at: Date;
  readonly actor: bigint;
  readonly role: string;
  readonly action: string;
  readonly target: string;
  readonly inputSha256: string;
}

export interface AuditRow extends AuditContent {
  readonly id: number;
  readonly prevHash: string;
  readonly hash: string;
}

const sha256 = (text: string) => createHash("sha256").update(text, "utf8").digest("hex");

/** SHA-256 of the previous hash and the content, fields separated by newlines (none may hold one but the target, which is escaped). */
export function auditHash(prevHash: string, c: AuditContent): string {
  return sha256([prevHash, c.at.toISOString(), String(c.actor), c.role, c.action, JSON.stringify(c.target), c.inputSha256].join("\n"));
}

/** Canonical JSON: object keys sorted, bigints as strings, so the same input always has the same digest. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) => {
    if (typeof v === "bigint") return v.toString();
    if (v instanceof Uint8Array) return { sha256: createHash("sha256").update(v).digest("hex"), bytes: v.length };
    if (v && typeof v === "object" && !Array.isArray(v) && !(v instanceof Date)) return Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
    return v;
  }) ?? "null";
}

export const inputDigest = (input: unknown) => sha256(canonicalJson(input));

export type ChainBreak = { readonly id: number; readonly reason: "link" | "hash" };

/**
 * Checks rows in id order, continuing from `prevHash` (the last good hash of
 * the page before). Returns the first break, or the hash to continue from.
 */
export function verifyChain(rows: Iterable<AuditRow>, prevHash: string): { ok: true; last: string; checked: number } | { ok: false; broken: ChainBreak; checked: number } {
  let prev = prevHash;
  let checked = 0;
  for (const r of rows) {
    if (r.prevHash !== prev) return { ok: false, broken: { id: r.id, reason: "link" }, checked };
    if (auditHash(prev, r) !== r.hash) return { ok: false, broken: { id: r.id, reason: "hash" }, checked };
    prev = r.hash;
    checked++;
  }
  return { ok: true, last: prev, checked };
}

// `frontstage audit --since <date> --format csv|json`: the rows as written, with their hashes.
import type { AuditRow } from "../../domain/audit/chain.js";

const FIELDS = ["id", "at", "actor", "role", "action", "target", "inputSha256", "prevHash", "hash"] as const;

/** Quoted when needed; a leading = + - @ is defused so a spreadsheet never runs it. */
function csvCell(v: string): string {
  const safe = /^[=+\-@]/.test(v) ? "'" + v : v;
  return /[",\n\r']/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

function plain(r: AuditRow): Record<(typeof FIELDS)[number], string | number> {
  return { id: r.id, at: r.at.toISOString(), actor: r.actor.toString(), role: r.role, action: r.action, target: r.target, inputSha256: r.inputSha256, prevHash: r.prevHash, hash: r.hash };
}

export function auditCsv(rows: readonly AuditRow[]): string {
  return [FIELDS.join(","), ...rows.map((r) => FIELDS.map((f) => csvCell(String(plain(r)[f]))).join(","))].join("\n") + "\n";
}

export function auditJson(rows: readonly AuditRow[]): string {
  return JSON.stringify(rows.map(plain), null, 2) + "\n";
}

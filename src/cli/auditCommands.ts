// `frontstage audit verify` and `frontstage audit --since <date> --format csv|json [--out <file>]`.
import { writeFile } from "node:fs/promises";
import { resolve } from "node:path";
import type { Services } from "../app/services.js";
import { auditCsv, auditJson } from "../app/audit/export.js";
import { CliError, type CliIo, type CliT } from "./io.js";
import { openAuditPages, providerOf } from "../wiring/database.js";
import { OPERATOR } from "../domain/permissions.js";

export async function runAuditVerify(io: CliIo, t: CliT, positionals: string[], databaseUrl: string, services: () => Promise<Services>): Promise<void> {
  if (positionals.length > 0) throw new CliError(t("cli.usage.auditVerify"));
  const audit = (await services()).audit;
  const started = Date.now();
  const reader = await openAuditPages(providerOf(databaseUrl), databaseUrl);
  const result = await audit.verify(OPERATOR, reader).finally(() => reader.close());
  if (!result.ok) throw new CliError(t(result.broken.reason === "hash" ? "cli.auditBrokenHash" : "cli.auditBrokenLink", { id: result.broken.id, rows: result.rows }));
  io.out(t("cli.auditVerified", { rows: result.rows, ms: Date.now() - started }));
}

/** A day (2026-11-01) or a full ISO time; nothing else. */
function parseSince(value: string): Date | null {
  if (!/^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})?)?$/.test(value)) return null;
  const d = new Date(/T/.test(value) ? value : `${value}T00:00:00Z`);
  return Number.isNaN(d.getTime()) ? null : d;
}

export async function runAuditExport(io: CliIo, t: CliT, positionals: string[], values: Record<string, string | boolean | undefined>, services: () => Promise<Services>): Promise<void> {
  const { since, format, out } = values;
  if (positionals.length > 0 || typeof since !== "string" || (format !== "csv" && format !== "json")) throw new CliError(t("cli.usage.auditExport"));
  const from = parseSince(since);
  if (!from) throw new CliError(t("cli.auditBadSince", { value: since }) + "\n" + t("cli.usage.auditExport"));
  const rows = await (await services()).audit.since(OPERATOR, from);
  const text = format === "csv" ? auditCsv(rows) : auditJson(rows);
  if (typeof out === "string" && out !== "") {
    await writeFile(resolve(io.cwd, out), text, "utf8");
    io.out(t("cli.auditWritten", { count: rows.length, file: out }));
  } else io.out(text.trimEnd());
}

// `frontstage analyze <dir> [--json]`, `frontstage export polis <consultation> <dir>` and
// `frontstage import polis <dir> [--title-zh …] [--title-en …]`.

import { resolve } from "node:path";
import { analyzePolisDirectory, PolisExportFileError, PolisNoVotesFileError } from "../app/analysis/polisDirectory.js";
import type { Services } from "../app/services.js";
import { buildConsensusReportModel } from "../domain/consensus/reportModel.js";
import { PolisFormatError } from "../domain/polis/errors.js";
import type { PolisNote } from "../domain/polis/types.js";
import { consensusReportLines } from "../presenters/consensusReport.js";
import { polisComparisonLines } from "../presenters/polisComparison.js";
import { LIMITS } from "../domain/consultations/spec.js";
import { CliError, type CliIo, type CliT } from "./io.js";

/** Analyses a Pol.is export folder: a report in the terminal's language, or the JSON object of analyzePolisExport. */
export async function runAnalyze(io: CliIo, t: CliT, positionals: readonly string[], json: boolean): Promise<void> {
  if (positionals.length !== 1) throw new CliError(t("cli.usage.analyze"));
  const dir = positionals[0]!;
  let result;
  try {
    result = await analyzePolisDirectory(resolve(io.cwd, dir));
  } catch (e) {
    if (e instanceof PolisExportFileError) throw new CliError(t("polisInterop.fileError", { file: e.file, path: e.path }));
    if (e instanceof PolisNoVotesFileError) throw new CliError(t("polisInterop.noVotes", { dir }));
    if (e instanceof PolisFormatError) throw new CliError(t("analysis.cli.formatError", { file: e.file, line: e.line, reason: e.reason }));
    throw e;
  }
  for (const note of result.data.notes) io.err(noteText(t, note));
  if (json) return void io.out(JSON.stringify(result.json, null, 2));
  const bodies = new Map(result.data.comments.map((c) => [c.commentId, c.body]));
  const model = buildConsensusReportModel(result.analysis, (id) => bodies.get(id));
  io.out([...consensusReportLines(t, model, dir), "", ...polisComparisonLines(t, result.json.polis)].join("\n"));
}

/** A note about the reading, on stderr so that --json output stays JSON. */
export function noteText(t: CliT, note: PolisNote): string {
  return note.kind === "ignored-columns"
    ? t("polisInterop.note.ignoredColumns", { file: note.file, columns: note.columns.map((c) => `"${c}"`).join(", ") })
    : t("polisInterop.note.votesFromMatrix", { votes: note.votes });
}

/** Writes one of our consultations as a Pol.is export (participants renumbered, nothing identifying). */
export async function runExportPolis(io: CliIo, t: CliT, positionals: readonly string[], services: () => Promise<Services>): Promise<void> {
  if (positionals.length !== 2) throw new CliError(t("cli.usage.exportPolis"));
  const [id, dir] = positionals as [string, string];
  if (!/^\d{1,9}$/.test(id)) throw new CliError(t("export.cli.badId", { value: id }) + "\n" + t("cli.usage.exportPolis"));
  const consultationId = Number(id);
  let summary;
  try {
    summary = await (await services()).statements.exportPolis(consultationId, resolve(io.cwd, dir));
  } catch (e) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === "string" && /^E[A-Z]+$/.test(code)) throw new CliError(t("export.cli.cannotWrite", { dir, reason: code }));
    throw e;
  }
  if (!summary) throw new CliError(t("export.cli.unknown", { id: consultationId }));
  io.out(t("export.cli.done", { id: consultationId, dir, ...summary }));
}

/** Imports a Pol.is export folder as a closed consultation. */
export async function runImportPolis(
  io: CliIo,
  t: CliT,
  positionals: readonly string[],
  values: { readonly "title-zh"?: string | boolean | undefined; readonly "title-en"?: string | boolean | undefined },
  services: () => Promise<Services>,
): Promise<void> {
  if (positionals.length !== 1) throw new CliError(t("cli.usage.importPolis"));
  const dir = positionals[0]!;
  const options: { titleZh?: string; titleEn?: string } = {};
  for (const [flag, key] of [
    ["title-zh", "titleZh"],
    ["title-en", "titleEn"],
  ] as const) {
    const raw = values[flag];
    if (raw === undefined) continue;
    const title = typeof raw === "string" ? raw.trim() : "";
    if (title === "" || title.length > LIMITS.title) throw new CliError(t("polisInterop.import.badTitle", { flag: `--${flag}`, max: LIMITS.title }));
    options[key] = title;
  }
  let result;
  try {
    result = await (await services()).statements.importPolis(resolve(io.cwd, dir), options);
  } catch (e) {
    if (e instanceof PolisExportFileError) throw new CliError(t("polisInterop.fileError", { file: e.file, path: e.path }));
    if (e instanceof PolisNoVotesFileError) throw new CliError(t("polisInterop.import.noVotes", { dir }));
    if (e instanceof PolisFormatError) throw new CliError(t("polisInterop.import.formatError", { file: e.file, line: e.line, reason: e.reason }));
    throw e;
  }
  for (const note of result.notes) io.err(noteText(t, note));
  if (result.kind === "duplicate") throw new CliError(t("polisInterop.import.duplicate", { id: result.consultationId, at: result.importedAt.toISOString() }));
  const lines = [t("polisInterop.import.done", { dir, id: result.consultationId, statements: result.statements, participants: result.participants, votes: result.votes })];
  if (result.moderatedOut > 0) lines.push(t("polisInterop.import.moderatedOut", { count: result.moderatedOut }));
  io.out(lines.join("\n"));
}

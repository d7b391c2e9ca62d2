// `frontstage report submit <number>` and `frontstage report <number> --format … --out …`:
// the committee's hand-off and the officials' files, from the terminal.
import { writeFile } from "node:fs/promises";
import { resolve } from "node:path";
import type { Services } from "../app/services.js";
import { pickText } from "../domain/consultations/texts.js";
import { plainTranslator, translator } from "../i18n.js";
import { reportFile, type ReportFormat } from "../presenters/report/files.js";
import { actionsTable } from "../presenters/followUps.js";
import { formatTime } from "../presenters/time.js";
import { CliError, cliLanguage, type CliIo, type CliT } from "./io.js";
import { NotAllowed, OPERATOR, person } from "../domain/permissions.js";

type Load = () => Promise<Services>;
export const REPORT_FORMATS = ["pdf", "xlsx", "csv", "json", "md"] as const;

const numberOf = (raw: string | undefined) => (raw !== undefined && /^#?\d{1,9}$/.test(raw) ? Number(raw.replace("#", "")) : null);

export async function runReportSubmit(io: CliIo, t: CliT, positionals: readonly string[], by: string | undefined, admins: readonly bigint[], load: Load): Promise<void> {
  const id = positionals.length === 1 ? numberOf(positionals[0]) : null;
  if (id === null) throw new CliError(t("cli.usage.reportSubmit"));
  if (by !== undefined && !/^[1-9]\d{0,18}$/.test(by)) throw new CliError(t("grant.badId", { value: by }) + "\n" + t("cli.usage.reportSubmit"));
  const submitter = by !== undefined ? BigInt(by) : admins[0];
  if (submitter === undefined) throw new CliError(t("report.cli.noActor"));
  const services = await load();
  // The report names who submitted it: that person, with the roles they hold, acts (not the operator).
  const actor = person(submitter, await services.roles.rolesOf(submitter));
  const o = await services.reports.submission.submit(actor, id).catch((e: unknown) => {
    if (e instanceof NotAllowed) throw new CliError(t("common.notAllowed", { role: t("roles.committee"), command: "submit" }));
    throw e;
  });
  switch (o.kind) {
    case "submitted":
      return void io.out(t("report.cli.submitted", { id, version: o.report.version, kind: t(`report.kind.${o.report.kind}`), count: o.notified, hash: o.report.sha256 }));
    case "not-found":
      throw new CliError(t("consultation.notFound", { id }));
    case "draft":
      throw new CliError(t("official.submitDraft", { id }));
    case "outdated":
      throw new CliError(t("official.submitOutdated", { version: o.latest }));
  }
}

export async function runReportExport(io: CliIo, t: CliT, positionals: readonly string[], values: Record<string, string | boolean | undefined>, load: Load): Promise<void> {
  const id = positionals.length === 1 ? numberOf(positionals[0]) : null;
  const format = values.format;
  const out = values.out;
  const version = values.version;
  if (id === null || typeof format !== "string" || typeof out !== "string" || out === "") throw new CliError(t("cli.usage.report"));
  if (!(REPORT_FORMATS as readonly string[]).includes(format)) throw new CliError(t("report.cli.badFormat", { format, formats: REPORT_FORMATS.join(", ") }));
  if (version !== undefined && (typeof version !== "string" || !/^v?\d{1,9}$/.test(version))) throw new CliError(t("report.cli.badVersion", { version: String(version) }));
  const services = await load();
  const lang = cliLanguage(io.env);
  // The operator at the command line reads every report; writing a file marks nothing as read.
  const found = await services.reports.viewing.forFile(OPERATOR, id, version === undefined ? undefined : Number(String(version).replace("v", "")));
  if (found.kind === "never-submitted") {
    const recent = found.recent.map((r) => `  #${r.consultationId} v${r.version} ${pickText(r.title, lang).text}`);
    throw new CliError([t("report.cli.none", { id }), ...recent].join("\n"));
  }
  if (found.kind === "unknown-version") throw new CliError(t("official.unknownVersion", { id, version: found.version, versions: found.versions.join(", ") }));
  const { report, content } = found;
  // Files are rendered as the bot renders them (Telegram HTML turned into Markdown for .md).
  const time = (at: Date) => formatTime(at, services.consultations.timeZone);
  const plain = { t: plainTranslator().forLanguage(lang), lang, time };
  const html = { t: translator().forLanguage(lang), lang, time };
  const actions = actionsTable(plain, await services.followUps.actions.forReport(id), services.clock.now(), services.consultations.timeZone);
  const file = await reportFile(plain, report, content, format as ReportFormat, html, undefined, [actions]);
  await writeFile(resolve(io.cwd, out), file.data);
  io.out(t("report.cli.written", { file: out, id, version: report.version, format, hash: report.sha256 }));
}

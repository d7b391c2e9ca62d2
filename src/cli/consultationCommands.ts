// `frontstage consultation create|list|close|result`: the same use cases as the
// bot, printed as plain text in the terminal's language.
import { readFile } from "node:fs/promises";
import { resolve } from "node:path";
import type { Services } from "../app/services.js";
import type { Consultation } from "../domain/consultations/consultation.js";
import { languageFromTelegram } from "../domain/language.js";
import { consultationResultText, label, type Reader } from "../presenters/consultation.js";
import { plainText, specProblemLines } from "../presenters/spec.js";
import { formatTime } from "../presenters/time.js";
import { CliError, type CliIo, type CliT } from "./io.js";
import { OPERATOR } from "../domain/permissions.js";

type Load = () => Promise<Services>;

function reader(io: CliIo, t: CliT, timeZone: string): Reader {
  const lang = languageFromTelegram((io.env.LC_ALL || io.env.LC_MESSAGES || io.env.LANG || "").replace("_", "-"));
  return { t, lang, time: (at) => formatTime(at, timeZone), plain: true };
}

function idOf(t: CliT, usage: string, positionals: readonly string[]): number {
  const raw = (positionals[0] ?? "").replace(/^#/, "");
  if (positionals.length !== 1 || !/^\d{1,9}$/.test(raw)) throw new CliError(t(`cli.usage.${usage}`));
  return Number(raw);
}

export async function runConsultationCreate(io: CliIo, t: CliT, positionals: readonly string[], load: Load): Promise<void> {
  const [file] = positionals;
  if (!file || positionals.length !== 1) throw new CliError(t("cli.usage.consultationCreate"));
  let bytes: Uint8Array;
  try {
    bytes = await readFile(resolve(io.cwd, file));
  } catch {
    throw new CliError(t("cli.cannotRead", { file }));
  }
  const services = await load();
  const { lifecycle, timeZone } = services.consultations;
  const r = reader(io, t, timeZone);
  const parsed = await lifecycle.parse(bytes);
  const created = parsed.ok ? await lifecycle.create(parsed.value, OPERATOR) : parsed;
  if (!created.ok) throw new CliError([t("consultation.cli.rejected", { file }), ...specProblemLines(t, created.error, { html: false })].join("\n"));
  const c = created.value;
  const vars = { id: c.id, title: label(r.lang, c.title), closes: r.time(c.closesAt), opens: r.time(c.opensAt ?? c.closesAt), polls: c.polls.length, statements: parsed.ok ? parsed.value.statements.length : 0 };
  io.out(t(c.status === "open" ? "consultation.cli.created" : "consultation.cli.scheduled", vars));
}

export async function runConsultationList(io: CliIo, t: CliT, positionals: readonly string[], load: Load): Promise<void> {
  if (positionals.length > 0) throw new CliError(t("cli.usage.consultationList"));
  const services = await load();
  const r = reader(io, t, services.consultations.timeZone);
  const list = await services.consultations.lifecycle.overview(OPERATOR, 50);
  if (list.length === 0) return void io.out(t("consultation.cli.none"));
  const lines = list.map(({ consultation: c, turnout }) => {
    const when = c.status === "draft" ? t("consultation.opensAtShort", { time: r.time(c.opensAt ?? c.closesAt) }) : c.status === "open" ? t("consultation.closesAtShort", { time: r.time(c.closesAt) }) : t("consultation.closedAtShort", { time: r.time(c.closedAt ?? c.closesAt) });
    const head = t("consultation.cli.line", { id: c.id, status: t(`consultation.status.${c.status}`), when, title: label(r.lang, c.title) });
    const polls = c.polls.map((p) => {
      const x = turnout.find((tu) => tu.pollId === p.id);
      const percent = x && x.eligible > 0 ? Math.round((x.ballots * 100) / x.eligible) : 0;
      return t("consultation.turnout", { n: p.position + 1, question: label(r.lang, p.spec.question), ballots: x?.ballots ?? 0, eligible: x?.eligible ?? 0, percent });
    });
    return [head, ...polls].join("\n");
  });
  io.out(plainText(lines.join("\n\n")));
}

export async function runConsultationClose(io: CliIo, t: CliT, positionals: readonly string[], load: Load): Promise<void> {
  const id = idOf(t, "consultationClose", positionals);
  const services = await load();
  const r = reader(io, t, services.consultations.timeZone);
  const outcome = await services.consultations.closing.close(id, OPERATOR);
  if (outcome.kind === "not-found") throw new CliError(t("consultation.cli.notFound", { id }));
  if (outcome.kind === "not-open") throw new CliError(plainText(t("consultation.notOpenYet", { id, time: r.time(outcome.consultation.opensAt ?? outcome.consultation.closesAt) })));
  if (outcome.kind === "already-closed") throw new CliError(plainText(t("consultation.alreadyClosed", { id, time: r.time(outcome.consultation.closedAt ?? outcome.consultation.closesAt) })));
  io.out(resultText(r, outcome.consultation) + "\n\n" + t("consultation.cli.closed", { id }));
}

export async function runConsultationResult(io: CliIo, t: CliT, positionals: readonly string[], load: Load): Promise<void> {
  const id = idOf(t, "consultationResult", positionals);
  const services = await load();
  const r = reader(io, t, services.consultations.timeZone);
  const c = await services.consultations.lifecycle.find(id);
  if (!c) throw new CliError(t("consultation.cli.notFound", { id }));
  if (c.polls.some((p) => p.result === null)) throw new CliError(t("consultation.cli.notClosed", { id }));
  io.out(resultText(r, c));
}

function resultText(r: Reader, c: Consultation): string {
  return plainText(consultationResultText(r, c, Number.MAX_SAFE_INTEGER).join("\n\n"));
}

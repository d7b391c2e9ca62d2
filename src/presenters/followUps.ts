// How follow-up actions read, in the bot, the outbox's notices, the digest and
// the report: one line per action in lists, a card with its history and the
// committee's observations, a resident's notice. Locale texts are Telegram HTML;
// interpolated values are escaped by the translator.
import type { Department } from "../domain/actions/department.js";
import { isOverdue, type FollowUpAction } from "../domain/actions/followUp.js";
import { pickText } from "../domain/consultations/texts.js";
import type { Language } from "../domain/language.js";
import type { Translate } from "../i18n.js";
import type { ActionObservation, ActionUpdate, FollowUpFigures } from "../domain/actions/history.js";
import type { Table } from "../render/tables/index.js";
import { formatTime } from "./time.js";
import { escapeHtml } from "../domain/text/html.js";

type Localized = { readonly zh?: string; readonly en?: string };

export const whatText = (what: Localized, lang: Language) => pickText(what, lang).text;

export function statusText(t: Translate, a: Pick<FollowUpAction, "status" | "progress">): string {
  return a.status === "in_progress" ? t("followup.statusProgress", { progress: a.progress }) : t(`followup.status.${a.status}`);
}

/** "#3 住建 · Install chargers — due 2027-03-31 · in progress (40 %) · overdue" */
export function actionLine(t: Translate, lang: Language, a: FollowUpAction, department: Department, now: Date, timeZone: string): string {
  return t("followup.line", {
    id: a.id,
    department: department.name[lang],
    what: whatText(a.what, lang),
    due: a.due,
    status: statusText(t, a),
    overdue: isOverdue(a, now, timeZone) ? t("followup.overdueMark") : "",
    interpolation: { skipOnVariables: true },
  }).replace(/\s+$/, "");
}

/** An action with everything officials and the committee see: its history and the observations from the ground. */
export function actionCard(t: Translate, lang: Language, a: FollowUpAction, department: Department, history: readonly ActionUpdate[], observations: readonly ActionObservation[], now: Date, timeZone: string): string {
  const parts = [
    t("followup.cardTitle", { id: a.id, consultation: a.consultationId }),
    actionLine(t, lang, a, department, now, timeZone),
    ...(a.what.zh && a.what.en ? [t("followup.otherLanguage", { text: a.what[lang === "zh" ? "en" : "zh"] })] : []),
    ...(a.dropReason ? [t("followup.dropReason", { reason: a.dropReason })] : []),
    ...(a.pollIds.length + a.statementIds.length > 0 ? [t("followup.answers", { polls: a.pollIds.length, statements: a.statementIds.length })] : []),
    t("followup.historyTitle"),
    ...history.map((h) => t(`followup.history.${h.kind}`, { time: formatTime(h.at, timeZone), status: h.status ? statusText(t, { status: h.status, progress: h.progress ?? 0 }) : "", progress: h.progress ?? 0, note: h.note ?? "" })),
  ];
  if (observations.length > 0) parts.push(t("followup.observationsTitle"), ...observations.map((o) => t("followup.observationLine", { time: formatTime(o.at, timeZone), text: o.text })));
  return parts.join("\n");
}

/** What a resident is told once when an action of their consultation is done or dropped. */
export function residentNotice(t: Translate, lang: Language, a: FollowUpAction, department: Department, title: Localized): string {
  const key = a.status === "dropped" ? "followup.notice.dropped" : "followup.notice.done";
  return t(key, { id: a.consultationId, title: pickText(title, lang).text, department: department.name[lang], what: whatText(a.what, lang), reason: a.dropReason ?? "" });
}

/**
 * A locale text compiled once: translated with a marker per value, then each
 * use only puts the (escaped) values in. /followups renders hundreds of lines;
 * a translator call per value would cost more than the query.
 */
function compile(t: Translate, key: string, names: readonly string[], escape: (v: string) => string): (values: Record<string, string | number>) => string {
  const marked = t(key, Object.fromEntries(names.map((n) => [n, `\u0001${n}\u0001`])));
  const parts = marked.split("\u0001");
  return (values) => parts.map((p, i) => (i % 2 === 1 ? escape(String(values[p] ?? "")) : p)).join("");
}

/** Every line of a resident's /followups, grouped by consultation, with the templates compiled once. */
export function residentLines(t: Translate, lang: Language, rows: readonly { action: FollowUpAction; department: { zh: string; en: string }; title: Localized }[], timeZone: string, escape: (v: string) => string = escapeHtml): string[] {
  const line = compile(t, "followup.residentLine", ["department", "what", "due", "status", "updated"], escape);
  const note = compile(t, "followup.lastNote", ["note"], escape);
  const heading = compile(t, "followup.residentConsultation", ["id", "title"], escape);
  const inProgress = compile(t, "followup.statusProgress", ["progress"], (v) => v);
  const statuses = { planned: t("followup.status.planned"), done: t("followup.status.done"), dropped: t("followup.status.dropped") };
  const times = new Map<number, string>();
  const lines: string[] = [];
  let consultation = -1;
  for (const r of rows) {
    const a = r.action;
    if (a.consultationId !== consultation) {
      consultation = a.consultationId;
      lines.push(heading({ id: consultation, title: pickText(r.title, lang).text }));
    }
    let updated = times.get(a.updatedAt.getTime());
    if (updated === undefined) times.set(a.updatedAt.getTime(), (updated = formatTime(a.updatedAt, timeZone)));
    // The status is already locale text (HTML-safe): inserted as is.
    const status = a.status === "in_progress" ? inProgress({ progress: a.progress }) : statuses[a.status];
    const text = line({ department: r.department[lang], what: whatText(a.what, lang), due: a.due, status: "\u0002", updated }).replace("\u0002", status);
    lines.push(a.lastNote ? `${text}\n${note({ note: a.lastNote })}` : text);
  }
  return lines;
}

/** A resident's /followups entry: department, what, due, status, progress, last update. */
export function residentLine(t: Translate, lang: Language, a: FollowUpAction, department: { zh: string; en: string }, timeZone: string): string {
  return t("followup.residentLine", { department: department[lang], what: whatText(a.what, lang), due: a.due, status: statusText(t, a), updated: formatTime(a.updatedAt, timeZone) }) + (a.lastNote ? "\n" + t("followup.lastNote", { note: a.lastNote }) : "");
}

/** The report's Follow-up section (live, unlike the frozen rest): every action of the consultation. */
export function followUpSection(t: Translate, lang: Language, consultationId: number, entries: readonly { action: FollowUpAction; department: Department }[], now: Date, timeZone: string): string {
  const lines = [t("followup.report.title") + ` · #${consultationId}`, t("followup.report.hint"), ""];
  if (entries.length === 0) lines.push(t("followup.report.none"));
  for (const e of entries) {
    lines.push(actionLine(t, lang, e.action, e.department, now, timeZone));
    if (e.action.dropReason) lines.push("  " + t("followup.dropReason", { reason: e.action.dropReason }));
    else if (e.action.lastNote) lines.push(t("followup.lastNote", { note: e.action.lastNote }));
  }
  // One message: a long list is cut at Telegram's limit, the XLSX has them all.
  let text = lines.join("\n");
  if (text.length > 3900) text = text.slice(0, text.lastIndexOf("\n", 3900)) + "\n…";
  return text;
}

/** The XLSX's Actions sheet: one row per action; no person is named (not even the official). */
export function actionsTable(r: { t: Translate; lang: Language; time: (at: Date) => string }, entries: readonly { action: FollowUpAction; department: Department }[], now: Date, timeZone: string): Table {
  const { t } = r;
  return {
    name: t("followup.sheet.name"),
    columns: [
      { header: "#", kind: "int" },
      { header: t("followup.sheet.department"), kind: "text" },
      { header: t("followup.sheet.what"), kind: "text" },
      { header: t("followup.sheet.due"), kind: "text" },
      { header: t("followup.sheet.status"), kind: "text" },
      { header: t("followup.sheet.progress"), kind: "percent" },
      { header: t("followup.sheet.overdue"), kind: "text" },
      { header: t("followup.sheet.doneAt"), kind: "text" },
      { header: t("followup.sheet.reason"), kind: "text" },
      { header: t("followup.sheet.items"), kind: "text" },
      { header: t("followup.sheet.updated"), kind: "text" },
    ],
    rows: entries.map(({ action: a, department: d }) => [
      a.id,
      d.name[r.lang],
      whatText(a.what, r.lang),
      a.due,
      t(`followup.status.${a.status}`),
      a.progress / 100,
      isOverdue(a, now, timeZone) ? t("followup.sheet.yes") : "",
      a.doneAt ? r.time(a.doneAt) : "",
      a.dropReason ?? "",
      [...a.pollIds.map((id) => `P${id}`), ...a.statementIds.map((id) => `S${id}`)].join(" "),
      r.time(a.updatedAt),
    ]),
  };
}

/** The dashboard's follow-up lines. */
export function followUpFiguresText(t: Translate, f: FollowUpFigures): string {
  return [
    t("followup.dashboard.title"),
    f.medianDaysToAnswer === null ? t("followup.dashboard.medianNone") : t("followup.dashboard.median", { days: f.medianDaysToAnswer }),
    f.onTime.share === null ? t("followup.dashboard.onTimeNone") : t("followup.dashboard.onTime", { percent: Math.round(f.onTime.share * 1000) / 10, onTime: f.onTime.onTime, counted: f.onTime.counted }),
    t("followup.dashboard.counts", { total: f.total, ...f.byStatus }),
  ].join("\n");
}

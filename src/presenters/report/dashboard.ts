// /dashboard: across consultations — how many are in each state, turnout of
// each submitted report over time, and how many reports wait to be read.
// From report headers (what the snapshots froze) and consultation states only.
import type { ReportHeader } from "../../domain/reports/header.js";
import { pickText } from "../../domain/consultations/texts.js";
import { CONSULTATION_STATUSES } from "../../domain/consultations/consultation.js";
import type { ChartSpec } from "../../render/charts/index.js";
import type { Reader } from "../consultation.js";
import { clip } from "../../domain/text/clip.js";

export interface DashboardData {
  readonly statuses: Readonly<Record<string, number>>;
  /** Every report, oldest first. */
  readonly reports: readonly ReportHeader[];
  readonly unread: number;
}

/** The latest version of each consultation's report, oldest first. */
function latest(reports: readonly ReportHeader[]): ReportHeader[] {
  const byConsultation = new Map<number, ReportHeader>();
  for (const r of reports) if ((byConsultation.get(r.consultationId)?.version ?? 0) < r.version) byConsultation.set(r.consultationId, r);
  return [...byConsultation.values()].sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime() || a.id - b.id);
}

const turnout = (r: ReportHeader) => (r.eligible !== null && r.tookPart !== null && r.eligible > 0 ? r.tookPart / r.eligible : null);

export function dashboardText(r: Reader, d: DashboardData): string {
  const { t } = r;
  const states = CONSULTATION_STATUSES.filter((s) => (d.statuses[s] ?? 0) > 0).map((s) => `${t(`consultation.status.${s}`)} ${d.statuses[s]}`);
  const lines = [t("dashboard.title"), "", t("dashboard.statuses", { states: states.join(" · ") || t("report.none") }), t("dashboard.reports", { count: d.reports.length, unread: d.unread })];
  const last = latest(d.reports).slice(-10);
  if (last.length > 0) {
    lines.push("", t("dashboard.turnoutTitle"));
    for (const x of last) {
      const share = turnout(x);
      lines.push(t("dashboard.turnoutLine", { id: x.consultationId, title: clip(pickText(x.title, r.lang).text, 40), version: x.version, time: r.time(x.createdAt), turnout: share === null ? "—" : `${Math.round(share * 1000) / 10}%` }));
    }
  } else lines.push("", t("official.noReports"));
  return lines.join("\n");
}

/** Turnout of each consultation's latest report over time, or null when there is none. */
export function dashboardChart(r: Reader, d: DashboardData): ChartSpec | null {
  const last = latest(d.reports);
  if (last.length === 0) return null;
  return {
    kind: "line",
    title: r.t("dashboard.chartTitle"),
    subtitle: r.t("dashboard.chartSubtitle", { count: d.reports.length, unread: d.unread }),
    categories: last.map((x) => `#${x.consultationId} ${r.time(x.createdAt).slice(0, 10)}`),
    series: [{ name: r.t("report.table.turnout"), values: last.map(turnout) }],
    valueFormat: "percent",
  };
}

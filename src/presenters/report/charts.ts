// A report's charts as chart specs (src/render/charts) in the reader's
// language: each poll's result (bars; ranked: the rounds; scale: the
// distribution; Art. 278: the fractions against their thresholds), the
// opinion map and participation by building. From the snapshot only.
import type { ReportHeader } from "../../domain/reports/header.js";
import { pickText } from "../../domain/consultations/texts.js";
import type { ReportContent, ReportPoll } from "../../domain/reports/index.js";
import type { ChartSpec } from "../../render/charts/index.js";
import { optionLabel, type Reader } from "../consultation.js";
import { clip } from "../../domain/text/clip.js";
import { asConsultation } from "./common.js";

export interface ReportChart {
  /** File-name-safe key, e.g. "poll-1", "map". */
  readonly key: string;
  readonly spec: ChartSpec;
  /** ≤ 1024 characters (a photo's caption), plain text. */
  readonly caption: string;
}

const text = (r: Reader, t: { zh?: string; en?: string }) => pickText(t, r.lang).text;

function pollCharts(r: Reader, h: ReportHeader, c: ReportContent, p: ReportPoll, subtitle: string): ReportChart[] {
  const { t } = r;
  const poll = asConsultation(c).polls[p.number - 1]!;
  const title = clip(`${t("report.chart.poll", { n: p.number })} ${text(r, p.question)}`, 70);
  const outcome = t(`report.outcomeShort.${p.result.outcome}`) + (p.result.winners.length ? `: ${p.result.winners.map((w) => optionLabel(r, poll, w)).join(", ")}` : "");
  const caption = clip(`#${h.consultationId} ${title}\n${t("report.chart.ballots", { ballots: p.result.ballots, eligible: p.result.eligible })} · ${outcome}`, 1000);
  const out: ReportChart[] = [];
  const categories = p.result.counts.map((x) => clip(optionLabel(r, poll, x.option), 40));
  if (p.kind === "ranked" && p.result.rounds && p.result.rounds.length > 0) {
    const rounds = p.result.rounds;
    out.push({
      key: `poll-${p.number}-rounds`,
      caption,
      spec: {
        kind: "rounds",
        title,
        subtitle,
        rounds: rounds.map((x) => t("report.table.round", { round: x.round })),
        options: p.options.map((_, o) => ({ name: clip(optionLabel(r, poll, o), 30), votes: rounds.map((x) => x.tallies.find((y) => y.option === o)?.votes ?? null) })),
        threshold: { label: t("report.chart.majority"), values: rounds.map((x) => Math.floor(x.continuing / 2) + 1) },
      },
    });
  } else {
    out.push({
      key: `poll-${p.number}`,
      caption,
      spec: { kind: "bar", title, subtitle, orientation: p.kind === "scale" ? "vertical" : "horizontal", categories, series: [{ name: t("report.chart.votes"), values: p.result.counts.map((x) => x.votes) }], valueFormat: "count" },
    });
  }
  const checks = p.result.checks.filter((x) => x.fraction.denominator > 0);
  if (checks.length > 0 && (p.result.owners || checks.some((x) => x.id === "quorum"))) {
    out.push({
      key: `poll-${p.number}-thresholds`,
      caption: clip(`${caption}\n${t("report.chart.thresholdsCaption")}`, 1000),
      spec: {
        kind: "thresholds",
        title: clip(`${t("report.chart.poll", { n: p.number })} ${t("report.chart.thresholds")}`, 70),
        subtitle,
        bars: checks.map((x) => ({
          label: t(`report.table.check.${x.id}`) + (x.option !== null ? ` ${clip(optionLabel(r, poll, x.option), 20)}` : ""),
          value: x.fraction.numerator / x.fraction.denominator,
          threshold: { value: x.threshold.numerator / x.threshold.denominator, label: `${x.comparator === ">" ? ">" : "≥"} ${x.threshold.numerator}/${x.threshold.denominator}` },
          met: x.met,
        })),
        legend: { met: t("report.chart.met"), notMet: t("report.chart.notMet") },
      },
    });
  }
  return out;
}

export function reportCharts(r: Reader, h: ReportHeader, c: ReportContent): ReportChart[] {
  const { t } = r;
  const subtitle = t("report.chart.subtitle", { id: h.consultationId, version: h.version, hash: h.sha256.slice(0, 12) });
  const charts = c.polls.flatMap((p) => pollCharts(r, h, c, p, subtitle));
  const o = c.opinions;
  if (o.map.length > 0) {
    const labels = [...new Set(o.map.map((p) => p.group))].sort((a, b) => (a === null ? 1 : b === null ? -1 : a.localeCompare(b)));
    charts.push({
      key: "map",
      caption: t("report.chart.mapCaption", { id: h.consultationId }),
      spec: {
        kind: "scatter",
        title: t("report.chart.map"),
        subtitle,
        groups: labels.map((label) => ({ label: label === null ? t("report.chart.ungrouped") : t("report.chart.group", { label }), points: o.map.filter((p) => p.group === label).map((p) => [p.x, p.y] as const), ...(label === null ? { color: "#999999" } : {}) })),
      },
    });
  }
  const byBuilding = c.participation.byBuilding;
  if (byBuilding.length > 0) {
    charts.push({
      key: "participation",
      caption: t("report.chart.participationCaption", { id: h.consultationId }),
      spec: {
        kind: "bar",
        title: t("report.chart.participation"),
        subtitle,
        orientation: "horizontal",
        categories: byBuilding.map((b) => b.key),
        series: [
          { name: t("report.table.eligible"), values: byBuilding.map((b) => b.eligible) },
          { name: t("report.table.tookPart"), values: byBuilding.map((b) => b.tookPart) },
        ],
        valueFormat: "count",
      },
    });
  }
  return charts;
}

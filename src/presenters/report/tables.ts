// A report as generic tables (src/render/tables) in the reader's language:
// the sheets Summary, Participation, Polls, Statements, Groups — what the XLSX
// workbook and the CSV files hold. From the snapshot's content only.
import type { ReportHeader } from "../../domain/reports/header.js";
import { pickText } from "../../domain/consultations/texts.js";
import type { LocalizedText } from "../../domain/consultations/texts.js";
import type { BreakdownRow, ReportContent } from "../../domain/reports/index.js";
import type { Cell, Table } from "../../render/tables/index.js";
import { optionLabel, type Reader } from "../consultation.js";
import { asConsultation } from "./common.js";

const text = (r: Reader, t: LocalizedText) => pickText(t, r.lang).text;
const share = (n: number, d: number): Cell => (d === 0 ? null : n / d);

function summary(r: Reader, h: ReportHeader, c: ReportContent): Table {
  const { t } = r;
  const p = c.participation;
  const rows: Cell[][] = [
    [t("report.table.consultation"), `#${h.consultationId}`],
    [t("report.table.title"), text(r, c.consultation.title)],
    [t("report.table.version"), String(h.version)],
    [t("report.table.kind"), t(`report.kind.${h.kind}`)],
    [t("report.table.submitted"), r.time(h.createdAt)],
    [t("report.table.eligible"), p.eligible],
    [t("report.table.tookPart"), p.tookPart],
    [t("report.table.statements"), String(c.statements.length)],
    [t("report.table.participants"), c.opinions.participants],
    [t("report.table.groups"), String(c.opinions.groups.length)],
    [t("report.table.sha256"), h.sha256],
    [t("report.table.engine"), h.engineVersion],
  ];
  for (const poll of c.polls) rows.push([t("report.table.poll", { n: poll.number }), `${text(r, poll.question)} — ${t(`report.outcomeShort.${poll.result.outcome}`)}`]);
  return { name: t("report.table.sheet.summary"), columns: [{ header: t("report.table.item"), kind: "text" }, { header: t("report.table.value"), kind: "text" }], rows };
}

function participation(r: Reader, c: ReportContent): Table {
  const { t } = r;
  const rows: Cell[][] = [];
  const add = (dimension: string, list: readonly BreakdownRow[], label: (k: string) => string) => {
    for (const row of list) rows.push([dimension, label(row.key), row.eligible, row.tookPart, typeof row.eligible === "number" && typeof row.tookPart === "number" ? share(row.tookPart, row.eligible) : null]);
  };
  add(t("report.pa.byBuilding"), c.participation.byBuilding, (k) => k);
  add(t("report.pa.byRelation"), c.participation.byRelation, (k) => t(k === "unknown" ? "report.pa.unknown" : `relation.${k}`));
  add(t("report.pa.byLanguage"), c.participation.byLanguage, (k) => t(`report.pa.lang.${k === "zh" || k === "en" ? k : "other"}`));
  const p = c.participation;
  rows.push([t("report.table.all"), "", p.eligible, p.tookPart, p.turnout ? share(p.turnout.numerator, p.turnout.denominator) : null]);
  return {
    name: t("report.table.sheet.participation"),
    columns: [
      { header: t("report.table.breakdown"), kind: "text" },
      { header: t("report.table.category"), kind: "text" },
      { header: t("report.table.eligible"), kind: "int" },
      { header: t("report.table.tookPart"), kind: "int" },
      { header: t("report.table.turnout"), kind: "percent" },
    ],
    rows,
  };
}

function polls(r: Reader, c: ReportContent): Table {
  const { t } = r;
  const { polls: ps } = asConsultation(c);
  const rows: Cell[][] = [];
  c.polls.forEach((p, i) => {
    const poll = ps[i]!;
    const q = text(r, p.question);
    for (const x of p.result.counts) rows.push([p.number, q, optionLabel(r, poll, x.option), x.votes, p.result.ballots, share(x.votes, p.result.ballots), ""]);
    for (const round of p.result.rounds ?? []) {
      rows.push([p.number, q, t("report.table.round", { round: round.round }), null, round.continuing, null, round.tallies.map((x) => `${optionLabel(r, poll, x.option)} ${x.votes}`).join(" · ")]);
    }
    for (const ch of p.result.checks) {
      rows.push([p.number, q, t(`report.table.check.${ch.id}`), ch.fraction.numerator, ch.fraction.denominator, share(ch.fraction.numerator, ch.fraction.denominator), `${ch.met ? "✓" : "✗"} ${ch.comparator === ">" ? ">" : "≥"} ${ch.threshold.numerator}/${ch.threshold.denominator}`]);
    }
    rows.push([p.number, q, t("report.table.outcome"), p.result.ballots, p.result.eligible, share(p.result.ballots, p.result.eligible), t(`report.outcomeShort.${p.result.outcome}`) + (p.result.winners.length ? `: ${p.result.winners.map((w) => optionLabel(r, poll, w)).join(", ")}` : "")]);
  });
  return {
    name: t("report.table.sheet.polls"),
    columns: [
      { header: t("report.table.pollNumber"), kind: "int" },
      { header: t("report.table.question"), kind: "text" },
      { header: t("report.table.item"), kind: "text" },
      { header: t("report.table.count"), kind: "int" },
      { header: t("report.table.of"), kind: "int" },
      { header: t("report.table.share"), kind: "percent" },
      { header: t("report.table.note"), kind: "text" },
    ],
    rows,
  };
}

function statements(r: Reader, c: ReportContent): Table {
  const { t } = r;
  const labels = c.opinions.groups.filter((g) => g.described).map((g) => g.label);
  const columns = [
    { header: t("report.table.number"), kind: "int" as const },
    { header: t("report.table.statement"), kind: "text" as const },
    { header: t("report.table.language"), kind: "text" as const },
    { header: t("report.table.author"), kind: "text" as const },
    { header: t("report.table.agree"), kind: "int" as const },
    { header: t("report.table.disagree"), kind: "int" as const },
    { header: t("report.table.pass"), kind: "int" as const },
    ...labels.flatMap((l) => [t("report.table.agree"), t("report.table.disagree"), t("report.table.pass")].map((h) => ({ header: `${l}: ${h}`, kind: "int" as const }))),
  ];
  const rows = c.statements.map((s): Cell[] => [
    s.number,
    text(r, s.text),
    t(`report.pa.lang.${s.original}`),
    t(s.seed ? "report.table.byCommittee" : "report.table.byResident"),
    s.overall.agree,
    s.overall.disagree,
    s.overall.pass,
    ...labels.flatMap((l) => {
      const g = s.byGroup[l];
      return g ? [g.agree, g.disagree, g.pass] : [null, null, null];
    }),
  ]);
  return { name: t("report.table.sheet.statements"), columns, rows };
}

function groups(r: Reader, c: ReportContent): Table {
  const { t } = r;
  const rows: Cell[][] = [];
  for (const g of c.opinions.groups) {
    if (!g.described || g.representative.length === 0) {
      rows.push([g.label, g.size, g.described ? "" : t("report.table.notDescribed"), null, "", null, null]);
      continue;
    }
    for (const s of g.representative) rows.push([g.label, g.size, t(`report.table.${s.direction}`), s.number, text(r, s.text), s.percent / 100, s.othersPercent / 100]);
  }
  return {
    name: t("report.table.sheet.groups"),
    columns: [
      { header: t("report.table.group"), kind: "text" },
      { header: t("report.table.size"), kind: "int" },
      { header: t("report.table.direction"), kind: "text" },
      { header: t("report.table.number"), kind: "int" },
      { header: t("report.table.statement"), kind: "text" },
      { header: t("report.table.groupShare"), kind: "percent" },
      { header: t("report.table.othersShare"), kind: "percent" },
    ],
    rows,
  };
}

export function reportTables(r: Reader, header: ReportHeader, content: ReportContent): Table[] {
  return [summary(r, header, content), participation(r, content), polls(r, content), statements(r, content), groups(r, content)];
}

// The report's sections, each one message (≤ 4096 characters) in the reader's
// language. Polls and Statements are paged; every other section fits one page.
import type { ReportHeader } from "../../domain/reports/header.js";
import type { BreakdownRow, ReportContent } from "../../domain/reports/index.js";
import { pollResultText, type Reader } from "../consultation.js";
import { asConsultation, b, count, esc, fit, shownPct, statementLine } from "./common.js";
import { reportFooter, reportHeading } from "./summary.js";

export const SECTIONS = ["pa", "po", "gr", "co", "gi", "dv", "un", "th", "st", "mo"] as const;
export type SectionCode = (typeof SECTIONS)[number];

export const STATEMENTS_PER_PAGE = 8;
const noEscape = { interpolation: { escapeValue: false } };
const groupShares = (r: Reader, by: Readonly<Record<string, number | null>>) =>
  Object.entries(by)
    .map(([label, p]) => `${label} ${p === null ? "—" : `${p}%`}`)
    .join(" · ") || r.t("common.none");

/** How many pages a section has. */
export function sectionPages(content: ReportContent, section: SectionCode): number {
  if (section === "po") return Math.max(1, content.polls.length);
  if (section === "st") return Math.max(1, Math.ceil(content.statements.length / STATEMENTS_PER_PAGE));
  return 1;
}

function breakdown(r: Reader, title: string, rows: readonly BreakdownRow[], keyLabel: (k: string) => string): string[] {
  if (rows.length === 0) return [b(r, title), r.t("report.pa.withheld")];
  return [b(r, title), ...rows.map((row) => r.t("report.pa.row", { key: keyLabel(row.key), tookPart: count(row.tookPart), eligible: count(row.eligible), percent: shownPct(row.tookPart, row.eligible) }))];
}

function participation(r: Reader, c: ReportContent): string[] {
  const p = c.participation;
  const lines = [r.t("report.pa.total", { tookPart: count(p.tookPart), eligible: count(p.eligible), percent: shownPct(p.tookPart, p.eligible) }), r.t("report.pa.definition"), ""];
  lines.push(...breakdown(r, r.t("report.pa.byBuilding"), p.byBuilding, (k) => k));
  lines.push("", ...breakdown(r, r.t("report.pa.byRelation"), p.byRelation, (k) => r.t(k === "unknown" ? "report.pa.unknown" : `relation.${k}`)));
  lines.push("", ...breakdown(r, r.t("report.pa.byLanguage"), p.byLanguage, (k) => r.t(`report.pa.lang.${k === "zh" || k === "en" ? k : "other"}`)));
  lines.push("", r.t("report.pa.suppression"));
  return lines;
}

function polls(r: Reader, c: ReportContent, page: number): string[] {
  if (c.polls.length === 0) return [r.t("report.noPolls")];
  const { consultation, polls: ps } = asConsultation(c);
  const poll = ps[page]!;
  const rp = c.polls[page]!;
  const lines = [pollResultText(r, consultation, poll, poll.result!)];
  if (rp.unitsWithoutArea > 0) lines.push(r.t("report.po.unitsWithoutArea", { count: rp.unitsWithoutArea }));
  if (rp.source === "interim") lines.push(r.t("report.po.interim"));
  return lines;
}

function groups(r: Reader, c: ReportContent): string[] {
  const o = c.opinions;
  if (o.participants === 0) return [r.t(c.statements.length === 0 ? "report.noStatements" : "report.noStatementVotes")];
  const lines = [r.t("report.gr.intro", { participants: count(o.participants), clustered: count(o.clustered) })];
  if (o.groups.length < 2) return [...lines, "", r.t("report.noGroups")];
  for (const g of o.groups) {
    lines.push("", b(r, r.t("report.gr.group", { label: g.label, size: count(g.size) })));
    if (!g.described) {
      lines.push(r.t("report.gr.suppressed"));
      continue;
    }
    if (g.representative.length === 0) lines.push(r.t("report.none"));
    for (const s of g.representative) {
      lines.push(r.t(`report.gr.${s.direction}`, { ...noEscape, text: statementLine(r, s, 160), percent: s.percent, others: s.othersPercent }));
    }
  }
  return lines;
}

function list<T>(r: Reader, c: ReportContent, items: readonly T[], line: (item: T) => string, intro: string): string[] {
  if (c.statements.length === 0) return [r.t("report.noStatements")];
  if (c.opinions.participants === 0) return [r.t("report.noStatementVotes")];
  return [intro, ...(items.length > 0 ? items.map(line) : [r.t("report.none")])];
}

function statements(r: Reader, c: ReportContent, page: number): string[] {
  if (c.statements.length === 0) return [r.t("report.noStatements")];
  const pages = sectionPages(c, "st");
  const lines = [r.t("report.st.intro", { count: c.statements.length, page: page + 1, pages })];
  for (const s of c.statements.slice(page * STATEMENTS_PER_PAGE, (page + 1) * STATEMENTS_PER_PAGE)) {
    const seen = s.overall.agree + s.overall.disagree + s.overall.pass;
    lines.push("", statementLine(r, s, 280) + (s.seed ? " " + r.t("report.st.seed") : ""));
    lines.push(r.t("report.st.counts", { agree: s.overall.agree, disagree: s.overall.disagree, pass: s.overall.pass, seen }));
    const per = Object.entries(s.byGroup).map(([label, g]) => `${label} ${g.agree}/${g.disagree}/${g.pass}`);
    if (per.length > 0) lines.push(r.t("report.st.byGroup", { groups: per.join(" · ") }));
  }
  return lines;
}

function themes(r: Reader, c: ReportContent): string[] {
  if (c.statements.length === 0) return [r.t("report.noStatements")];
  if (c.themes.length === 0) return [r.t("report.th.none")];
  const han = /\p{Script=Han}/u;
  const zh = c.themes.filter((t) => han.test(t.term));
  const en = c.themes.filter((t) => !han.test(t.term));
  const line = (ts: typeof c.themes) => ts.map((t) => `${esc(r, t.term)} (${t.count})`).join(" · ");
  const lines = [r.t("report.th.intro")];
  if (zh.length > 0) lines.push(r.t("report.th.zh", { ...noEscape, terms: line(zh) }));
  if (en.length > 0) lines.push(r.t("report.th.en", { ...noEscape, terms: line(en) }));
  return lines;
}

/** The body of one section (no heading, no footer). */
export function sectionBody(r: Reader, c: ReportContent, section: SectionCode, page: number): string[] {
  const o = c.opinions;
  switch (section) {
    case "pa":
      return participation(r, c);
    case "po":
      return polls(r, c, page);
    case "gr":
      return groups(r, c);
    case "co":
      if (c.statements.length === 0 || o.participants === 0) return list(r, c, [], () => "", "");
      return [
        ...list(r, c, o.consensus.agree, (s) => r.t("report.item.percent", { ...noEscape, text: statementLine(r, s), percent: s.percent }), b(r, r.t("report.co.agree"))),
        "",
        ...list(r, c, o.consensus.disagree, (s) => r.t("report.item.percent", { ...noEscape, text: statementLine(r, s), percent: s.percent }), b(r, r.t("report.co.disagree"))),
      ];
    case "gi":
      if (o.groups.filter((g) => g.described).length < 2 && o.participants !== 0) return [r.t("report.noGroups")];
      return list(r, c, o.groupInformed, (s) => r.t("report.item.groups", { ...noEscape, text: statementLine(r, s), groups: groupShares(r, s.agreeByGroup) }), r.t("report.gi.intro"));
    case "dv":
      if (o.groups.filter((g) => g.described).length < 2 && o.participants !== 0) return [r.t("report.noGroups")];
      return list(r, c, o.divisive, (s) => r.t("report.item.spread", { ...noEscape, text: statementLine(r, s), groups: groupShares(r, s.agreeByGroup), spread: s.spread }), r.t("report.dv.intro"));
    case "un":
      return list(r, c, o.uncertainty, (s) => r.t("report.item.passed", { ...noEscape, text: statementLine(r, s), percent: s.passPercent, seen: s.seen }), r.t("report.un.intro"));
    case "th":
      return themes(r, c);
    case "st":
      return statements(r, c, page);
    case "mo": {
      const m = c.moderation;
      return [r.t("report.mo.counts", { ...m }), r.t("report.mo.seeds", { count: m.seeds })];
    }
  }
}

/** One section as a message: the report's heading, the section, the footer. */
export function reportSection(r: Reader, report: ReportHeader, content: ReportContent, section: SectionCode, page: number): string {
  const pages = sectionPages(content, section);
  const title = r.t(`report.section.${section}`) + (pages > 1 ? ` (${page + 1}/${pages})` : "");
  return fit([...reportHeading(r, report, content), "", b(r, title), ...sectionBody(r, content, section, Math.min(page, pages - 1))], 3900) + "\n\n" + reportFooter(r, report);
}

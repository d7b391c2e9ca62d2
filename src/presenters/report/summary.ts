// The report's summary: one message (≤ 4096 characters) with the headline
// figures, what changed since the previous version, and the footer that names
// the snapshot (version, SHA-256, engine).
import type { ReportHeader } from "../../domain/reports/header.js";
import type { ReportContent } from "../../domain/reports/index.js";
import { hasChanges } from "../../domain/reports/index.js";
import { pickText } from "../../domain/consultations/texts.js";
import { optionLabel, shown, type Reader } from "../consultation.js";
import { clip } from "../../domain/text/clip.js";
import { asConsultation, b, count, fit, shownPct, statementLine } from "./common.js";

const noEscape = { interpolation: { escapeValue: false } };

export function reportHeading(r: Reader, report: Pick<ReportHeader, "consultationId" | "version" | "kind" | "createdAt">, content: ReportContent): string[] {
  return [
    r.t("report.heading", { id: report.consultationId, version: report.version, kind: r.t(`report.kind.${report.kind}`) }),
    b(r, shown(r, content.consultation.title)),
    r.t("report.submittedAt", { time: r.time(report.createdAt) }),
  ];
}

export function reportFooter(r: Reader, report: Pick<ReportHeader, "version" | "sha256" | "engineVersion">): string {
  return r.t("report.footer", { version: report.version, hash: report.sha256, engine: report.engineVersion });
}

/** One line per poll: its question (clipped) and its decision. */
export function pollOutcomeLines(r: Reader, content: ReportContent): string[] {
  const { polls } = asConsultation(content);
  return content.polls.map((p, i) => {
    const poll = polls[i]!;
    const names = p.result.winners.map((w) => optionLabel(r, poll, w)).join(r.lang === "zh" ? "、" : ", ");
    const key = p.result.outcome === "winner" && p.kind === "ranked" ? "runoffWinner" : p.result.outcome === "failed" && p.result.owners ? "failed278" : p.result.outcome;
    const question = clip(pickText(p.question, r.lang).text, 80);
    return r.t("report.pollLine", { n: p.number, question, ballots: p.result.ballots, eligible: p.result.eligible, outcome: r.t(`result.outcome.${key}`, { options: names }) });
  });
}

export function changeLines(r: Reader, content: ReportContent): string[] {
  const c = content.changes;
  if (!c) return [];
  if (!hasChanges(c)) return [r.t("report.changes.none", { version: c.since })];
  const lines = [b(r, r.t("report.changes.title", { version: c.since }))];
  const [e0, e1] = c.participation.eligible.map(count);
  const [t0, t1] = c.participation.tookPart.map(count);
  if (e0 !== e1 || t0 !== t1) lines.push(r.t("report.changes.participation", { before: t0, after: t1, eligibleBefore: e0, eligibleAfter: e1 }));
  for (const p of c.polls) {
    if (p.ballots[0] !== p.ballots[1]) lines.push(r.t("report.changes.ballots", { n: p.number, before: p.ballots[0], after: p.ballots[1] }));
    if (p.outcome[0] !== p.outcome[1] || JSON.stringify(p.winners[0]) !== JSON.stringify(p.winners[1])) {
      lines.push(r.t("report.changes.outcome", { n: p.number, before: r.t(`report.outcomeShort.${p.outcome[0]}`), after: r.t(`report.outcomeShort.${p.outcome[1]}`) }));
    }
  }
  const sizes = (list: readonly Parameters<typeof count>[0][]) => (list.length === 0 ? r.t("report.noGroupsShort") : list.map(count).join(" / "));
  if (JSON.stringify(c.groups.before) !== JSON.stringify(c.groups.after)) lines.push(r.t("report.changes.groups", { before: sizes(c.groups.before), after: sizes(c.groups.after) }));
  for (const t of c.consensus.entered) lines.push(r.t("report.changes.entered", { ...noEscape, text: statementLine(r, { number: 0, text: t }, 120).replace(/^#0 /, "") }));
  for (const t of c.consensus.left) lines.push(r.t("report.changes.left", { ...noEscape, text: statementLine(r, { number: 0, text: t }, 120).replace(/^#0 /, "") }));
  return lines;
}

/** The summary message of one report version. */
export function reportSummary(r: Reader, report: ReportHeader, content: ReportContent, opts: { file?: boolean; limit?: number } = {}): string {
  const p = content.participation;
  const o = content.opinions;
  const lines = [...reportHeading(r, report, content), ""];
  lines.push(r.t("report.summary.participation", { tookPart: count(p.tookPart), eligible: count(p.eligible), percent: shownPct(p.tookPart, p.eligible) }));
  if (content.polls.length > 0) lines.push("", b(r, r.t("report.section.po")), ...pollOutcomeLines(r, content));
  lines.push("");
  if (content.statements.length === 0) lines.push(r.t("report.noStatements"));
  else if (o.participants === 0) lines.push(r.t("report.summary.statementsNoVotes", { count: content.statements.length }));
  else {
    lines.push(r.t("report.summary.statements", { count: content.statements.length, participants: count(o.participants) }));
    lines.push(o.groups.length < 2 ? r.t("report.noGroups") : r.t("report.summary.groups", { count: o.groups.length, sizes: o.groups.map((g) => `${g.label} ${count(g.size)}`).join(" · ") }));
    const top = o.consensus.agree.slice(0, 3);
    if (top.length > 0) lines.push(r.t("report.summary.consensus"), ...top.map((c) => r.t("report.item.percent", { ...noEscape, text: statementLine(r, c, 140), percent: c.percent })));
  }
  const changes = changeLines(r, content);
  if (changes.length > 0) lines.push("", ...changes);
  if (opts.file) return lines.join("\n");
  lines.push("", r.t("report.summary.sections"), "", reportFooter(r, report));
  return fit(lines, opts.limit ?? 4000);
}

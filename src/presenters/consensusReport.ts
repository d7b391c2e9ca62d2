// A consensus analysis as plain text lines for a person at a terminal (the CLI's
// `frontstage analyze`). Groups smaller than 5 are named as such and not described.

import type { ConsensusReportModel } from "../domain/consensus/reportModel.js";
import type { Translate } from "../i18n.js";

const oneLine = (text: string) => text.replace(/\s+/g, " ").trim();

export function consensusReportLines(t: Translate, model: ConsensusReportModel<number>, dir: string): string[] {
  const lines = [
    t("analysis.cli.title", { dir }),
    t("analysis.cli.summary", { participants: model.participantCount, statements: model.statementCount, clustered: model.clusteredCount }),
    "",
  ];
  if (model.groups.length < 2) lines.push(t("analysis.cli.noGroups"));
  else {
    lines.push(t("analysis.cli.groups", { count: model.groups.length }));
    for (const g of model.groups) {
      if (g.belowPrivacyThreshold) {
        lines.push(t("analysis.cli.groupSuppressed", { label: g.label }));
        continue;
      }
      lines.push(t("analysis.cli.group", { label: g.label, size: g.memberCount }));
      for (const r of g.representative) {
        lines.push(t(r.direction === "agree" ? "analysis.cli.repAgree" : "analysis.cli.repDisagree", { percent: r.percent, seen: r.seen, id: r.statementId, text: oneLine(r.text) }));
      }
      if (g.representative.length === 0) lines.push(t("analysis.cli.none"));
    }
  }
  const section = <T>(title: string, items: readonly T[], line: (item: T) => string) => {
    lines.push("", title, ...(items.length ? items.map(line) : [t("analysis.cli.none")]));
  };
  section(t("analysis.cli.consensusAgree"), model.consensus.agree, (c) => t("analysis.cli.consensusItem", { id: c.statementId, percent: c.percent, seen: c.seen, text: oneLine(c.text) }));
  section(t("analysis.cli.consensusDisagree"), model.consensus.disagree, (c) => t("analysis.cli.consensusItem", { id: c.statementId, percent: c.percent, seen: c.seen, text: oneLine(c.text) }));
  if (model.groups.length >= 2) {
    section(t("analysis.cli.gic"), model.groupInformedConsensus, (c) => {
      const percents = model.groups
        .filter((g) => !g.belowPrivacyThreshold)
        .map((g) => `${g.label} ${c.agreePercentByGroup[g.id] === null ? "–" : `${c.agreePercentByGroup[g.id]}%`}`)
        .join(" · ");
      return t("analysis.cli.gicItem", { id: c.statementId, percents, text: oneLine(c.text) });
    });
  }
  section(t("analysis.cli.uncertainty"), model.uncertainty, (u) => t("analysis.cli.uncertaintyItem", { id: u.statementId, percent: u.passPercent, seen: u.seen, text: oneLine(u.text) }));
  return lines;
}

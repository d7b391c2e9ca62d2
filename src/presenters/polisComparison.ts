// Pol.is's own figures beside ours, as lines for the terminal (`frontstage analyze`).

import type { PolisComparison } from "../domain/polis/comparison.js";
import type { Translate } from "../i18n.js";

const sizes = (list: readonly number[]) => list.join(" + ");

export function polisComparisonLines(t: Translate, c: PolisComparison): string[] {
  const lines = [t("polisInterop.compare.title")];
  const ours = { ours: c.ours.count, oursSizes: sizes(c.ours.sizes) };
  if (c.polis === null) lines.push(t("polisInterop.compare.noPolisGroups", ours));
  else lines.push(t("polisInterop.compare.groups", { ...ours, polis: c.polis.count, polisSizes: sizes(c.polis.sizes) }));
  if (c.adjustedRandIndex !== null) {
    lines.push(t("polisInterop.compare.ari", { value: c.adjustedRandIndex.value.toFixed(3), participants: c.adjustedRandIndex.participants }));
  }
  const gic = c.groupInformedConsensusSpearman;
  if (gic === null) lines.push(t("polisInterop.compare.noGic"));
  else if (gic.value === null) lines.push(t("polisInterop.compare.gicNone"));
  else lines.push(t("polisInterop.compare.gic", { value: gic.value.toFixed(3), statements: gic.statements }));
  return lines;
}

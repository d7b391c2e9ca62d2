// The privacy module's functions, in the shape the report builder takes.
import { createTextMasker, suppressBreakdown } from "../../domain/privacy/index.js";
import type { ReportPrivacy } from "../../domain/reports/index.js";

/** Suppression with the column's total published (the report shows every total), masking with the park's unit numbers. */
export function reportPrivacy(unitNumbers: readonly string[]): ReportPrivacy {
  const masker = createTextMasker(unitNumbers);
  return { suppress: (counts) => suppressBreakdown(counts).cells, mask: (text) => masker.mask(text) };
}

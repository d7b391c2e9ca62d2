// The privacy module's functions, in the shape the report builder takes.
import { COMPLEMENTARY_COUNT, createTextMasker, suppressBreakdown } from "../../domain/privacy/index.js";
import type { ReportPrivacy } from "../../domain/reports/index.js";

/**
 * Suppression with the column's total published (the report shows every
 * total), masking with the park's unit numbers. A column the module cannot
 * make safe at all (e.g. four categories of one person each: even with every
 * count withheld, the total pins them) is not published: null.
 */
export function reportPrivacy(unitNumbers: readonly string[]): ReportPrivacy {
  const masker = createTextMasker(unitNumbers);
  return {
    suppress: (counts) => {
      try {
        const b = suppressBreakdown(counts);
        return { cells: b.cells, total: b.total ?? COMPLEMENTARY_COUNT };
      } catch (e) {
        if (e instanceof Error && e.message.includes("nothing left to withhold")) return null;
        throw e;
      }
    },
    mask: (text) => masker.mask(text),
  };
}

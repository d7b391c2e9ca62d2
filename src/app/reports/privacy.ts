// The privacy module's functions, in the shape the report builder takes.
import { COMPLEMENTARY_COUNT, createTextMasker, protectBreakdown } from "../../domain/privacy/index.js";
import type { ReportPrivacy } from "../../domain/reports/index.js";

/**
 * Suppression with the column's total published (the report shows every
 * total), masking with the park's unit numbers. A column the module calls
 * unsafe (e.g. four categories of one person each: even with every count
 * withheld, the total pins them) is not published: null.
 */
export function reportPrivacy(unitNumbers: readonly string[]): ReportPrivacy {
  const masker = createTextMasker(unitNumbers);
  return {
    suppress: (counts) => {
      const result = protectBreakdown(counts);
      if (!result.ok) return null;
      return { cells: result.value.cells, total: result.value.total ?? COMPLEMENTARY_COUNT };
    },
    mask: (text) => masker.mask(text),
  };
}

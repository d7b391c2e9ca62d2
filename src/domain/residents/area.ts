import { foldFullWidth } from "../text/normalize.js";

/** Floor areas are kept in hundredths of a square metre so rules compare exact integers. */
export const MIN_AREA_CENTI = 100;
export const MAX_AREA_CENTI = 1_000_000;

export type AreaParse = { ok: true; centi: number } | { ok: false; reason: "not-a-number" | "out-of-range" | "too-precise" };

/**
 * Reads "85", "85.5", "85,50", "85.5 m²", "85.5㎡", "85.5平方米" or "85.5 平米".
 * At most two decimals; 1 to 10,000 m².
 */
export function parseArea(input: string): AreaParse {
  const text = foldFullWidth(input)
    .trim()
    .replace(/\s*(m²|m2|㎡|平方米|平米|sqm|sq\.? ?m)$/i, "")
    .replace(",", ".")
    .trim();
  const match = /^(\d{1,7})(?:\.(\d+))?$/.exec(text);
  if (!match) return { ok: false, reason: "not-a-number" };
  const decimals = match[2] ?? "";
  if (decimals.replace(/0+$/, "").length > 2) return { ok: false, reason: "too-precise" };
  const centi = Number(match[1]) * 100 + Number((decimals + "00").slice(0, 2));
  if (centi < MIN_AREA_CENTI || centi > MAX_AREA_CENTI) return { ok: false, reason: "out-of-range" };
  return { ok: true, centi };
}

/** 8550 → "85.5", 10000 → "100". */
export function formatArea(centi: number): string {
  const whole = Math.floor(centi / 100);
  const rest = centi % 100;
  if (rest === 0) return String(whole);
  return `${whole}.${String(rest).padStart(2, "0").replace(/0$/, "")}`;
}

/** An area in m² with thousands grouped, for totals: 101555 → "1,015.55". */
export function areaText(centi: number): string {
  const [whole, decimals] = formatArea(centi).split(".");
  const grouped = whole!.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  return decimals === undefined ? grouped : `${grouped}.${decimals}`;
}

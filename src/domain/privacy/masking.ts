// Masking of contact details and unit numbers in resident-written text before
// an official reads it (PIPL: minimum necessary — a statement's idea reaches the
// back-stage, the way to reach its author does not). What is masked:
//   - Chinese mobile numbers: 1[3-9]x + 8 digits, spaces or dashes anywhere, with
//     +86 / 0086 / (+86) / 86 in front;
//   - landlines with an area code: 010-12345678, (021) 6123 4567, 0755-8888 6666转123;
//   - 18-digit resident ID numbers (last character may be X), also spaced 6-8-4,
//     and any other run of 15–19 digits (old 15-digit IDs, bank cards);
//   - e-mail addresses; QQ numbers and WeChat ids written after "QQ" / "微信" / "WeChat" / "vx";
//   - the roster's unit numbers ("1203", "B-502", "3号楼1203室"), also typed as
//     "b502", "B 502", "1203室", "Room 1203", with full-width characters.
// Ordinary numbers stay: years, dates, percentages, areas, money, vote counts.
// Each match becomes MASK, whatever its length (the length itself can identify).

import { nameKey } from "../residents/names.js";
import { foldFullWidth } from "../text/normalize.js";

/** Language-neutral replacement for a masked detail. */
export const MASK = "●●●";

const SEP = "[\\s\\-–—.]";

const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/g;
/** Contact handles after their keyword; only the value (group "value") is masked. */
const QQ = /(?<![A-Za-z])(?:QQ|扣扣)\s*(?:号码?|号|id)?\s*[:：=]?\s*(?<value>[1-9]\d{4,10})(?!\d)/dgi;
const WECHAT = /(?<![A-Za-z])(?:微信号?|wechat|weixin|vx|wx)\s*(?:号|id)?\s*[:：=]?\s*(?<value>[A-Za-z](?=[A-Za-z0-9_-]*[0-9_-])[A-Za-z0-9_-]{5,19})(?![A-Za-z0-9_-])/dgi;
const RESIDENT_ID = new RegExp(
  `(?<![0-9A-Za-z])[1-9]\\d{5}${SEP}?(?:18|19|20)\\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\\d|3[01])${SEP}?\\d{3}[0-9Xx](?![0-9A-Za-z])`,
  "g",
);
const LONG_DIGITS = /(?<![0-9.,])\d{15,19}[Xx]?(?![0-9.,])/g;
const MOBILE = new RegExp(`(?<![0-9])(?:(?:\\(\\s*)?(?:\\+|00)?86(?:\\s*\\))?${SEP}*)?1[3-9]\\d(?:${SEP}?\\d){8}(?![0-9])`, "g");
const LANDLINE = new RegExp(
  `(?<![0-9])(?:\\(\\s*0\\d{2,3}\\s*\\)|0\\d{2,3})${SEP}?\\d{3,4}${SEP}?\\d{4}(?:\\s*(?:转|ext\\.?|x|#)\\s*\\d{1,6})?(?![0-9])`,
  "g",
);

/** Runs of letters and digits, joined by at most one separator each, that may be a unit number. */
const UNIT_CANDIDATE = /[A-Za-z0-9]+(?:[\s\-–—_/#·]?[A-Za-z0-9]+)*/g;

const MAX_UNIT_PIECES = 4;

/** What follows a number that makes it a quantity, not a unit. */
const QUANTITY_AFTER =
  /^\s*(?:[.,]\d|%|‰|㎡|m²|m2\b|平|元|块|万|亿|千|百|年|月|日|天|周|小时|分钟|秒|岁|人|位|户|票|次|个|条|项|张|台|辆|米|公里|公斤|斤|度|倍|成|votes?\b|people\b|persons?\b|residents?\b|years?\b|months?\b|days?\b|hours?\b|minutes?\b|yuan\b|rmb\b|sqm\b|square\b|km\b|kg\b|cm\b|mm\b|times\b|percent\b|households?\b)/i;
/** What precedes a number that makes it money or a measure. */
const QUANTITY_BEFORE = /(?:(?:[¥￥$€£]|RMB|CNY)\s*|\d[.,])$/i;

/** The identifying keys of one roster unit: its full name and each number within it (≥ 2 characters). */
function unitKeys(unit: string): string[] {
  const folded = nameKey(unit);
  const keys = new Set<string>();
  const compact = compactKey(folded);
  if (/^[A-Z0-9]+$/.test(compact) && /\d/.test(compact) && compact.length >= 2) keys.add(compact);
  for (const run of folded.match(/[A-Z0-9]+(?:[\s\-–—_/#·][A-Z0-9]+)*/g) ?? []) {
    const key = compactKey(run);
    if (/\d/.test(key) && key.length >= 3) keys.add(key);
  }
  return [...keys];
}

function compactKey(text: string): string {
  return text.replace(/[\s\-–—_/#·]/g, "").toUpperCase();
}

export interface TextMasker {
  /** The text with every detail replaced by MASK. */
  mask(text: string): string;
}

/**
 * Compiles a masker for one park: the unit names (as on the roster; building
 * names are not masked — a building holds many households). Compile once per
 * report and mask every statement with it.
 */
export function createTextMasker(units: readonly string[] = []): TextMasker {
  const keys = new Set<string>();
  for (const u of units) for (const k of unitKeys(u)) keys.add(k);
  return { mask: (text) => maskText(text, keys) };
}

/** One-off masking (compiles the unit list each call; prefer createTextMasker for many texts). */
export function maskPersonalData(text: string, units: readonly string[] = []): string {
  return createTextMasker(units).mask(text);
}

interface Span {
  readonly start: number;
  readonly end: number;
}

function maskText(text: string, unitKeySet: ReadonlySet<string>): string {
  // Full-width folding keeps every UTF-16 index, so spans found in the folded
  // text apply to the original.
  const folded = foldFullWidth(text);
  const spans: Span[] = [];
  const taken = (start: number, end: number) => spans.some((s) => start < s.end && s.start < end);
  const collect = (pattern: RegExp, trim = false) => {
    for (const m of folded.matchAll(pattern)) {
      const value = m.indices?.groups?.["value"];
      let start = value ? value[0] : m.index;
      let end = value ? value[1] : m.index + m[0].length;
      if (trim) {
        while (end > start && /\s/.test(folded[end - 1]!)) end--;
        while (start < end && /\s/.test(folded[start]!)) start++;
      }
      if (!taken(start, end)) spans.push({ start, end });
    }
  };
  collect(EMAIL);
  collect(QQ);
  collect(WECHAT);
  collect(RESIDENT_ID);
  collect(LONG_DIGITS);
  collect(MOBILE, true);
  collect(LANDLINE, true);
  if (unitKeySet.size > 0) for (const span of unitSpans(folded, unitKeySet)) if (!taken(span.start, span.end)) spans.push(span);
  if (spans.length === 0) return text;
  spans.sort((a, b) => a.start - b.start);
  let out = "";
  let at = 0;
  for (const s of spans) {
    out += text.slice(at, s.start) + MASK;
    at = s.end;
  }
  return out + text.slice(at);
}

/**
 * Unit numbers: each run of letters/digits is looked up whole, then by its
 * pieces (letters and digits split apart), longest first — so "3-1203",
 * "Room1203" and "B502室" find "1203" and "B502". A bare number followed by a
 * measure ("2024年", "1203 votes") or inside a decimal is a quantity, not a unit.
 */
function unitSpans(folded: string, keys: ReadonlySet<string>): Span[] {
  const spans: Span[] = [];
  for (const m of folded.matchAll(UNIT_CANDIDATE)) {
    const run = m[0];
    const base = m.index;
    // Pieces: maximal letter or digit blocks with their positions.
    const pieces = [...run.matchAll(/[A-Za-z]+|[0-9]+/g)].map((p) => ({ start: base + p.index, end: base + p.index + p[0].length }));
    const found: Span[] = [];
    // A unit name has a few pieces ("B", "502"; "3", "1203"): longer combinations are never looked up.
    for (let len = Math.min(pieces.length, MAX_UNIT_PIECES); len >= 1; len--) {
      for (let i = 0; i + len <= pieces.length; i++) {
        const start = pieces[i]!.start;
        const end = pieces[i + len - 1]!.end;
        if (found.some((f) => start < f.end && f.start < end)) continue;
        const key = compactKey(folded.slice(start, end));
        if (!keys.has(key)) continue;
        if (/^\d+$/.test(key) && isQuantity(folded, start, end)) continue;
        found.push({ start, end });
      }
    }
    spans.push(...found);
  }
  return spans;
}

function isQuantity(text: string, start: number, end: number): boolean {
  return QUANTITY_AFTER.test(text.slice(end, end + 12)) || QUANTITY_BEFORE.test(text.slice(Math.max(0, start - 6), start));
}

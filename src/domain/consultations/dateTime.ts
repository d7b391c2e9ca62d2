// Times the committee types or writes in a spec. With an offset ("+08:00", "Z")
// the moment is exact; without one it is the park's wall-clock time.

const WITH_OFFSET = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,3})?)?(Z|[+-]\d{2}:?\d{2})$/i;
const LOCAL = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ](\d{1,2}):(\d{2})(?::(\d{2}))?)?$/;

/**
 * "2026-12-15T20:00:00+08:00", "2026-12-15T12:00Z", "2026-12-15 20:00" or
 * "2026-12-15" (end of that day is not assumed: a bare date means 00:00, so
 * callers who accept bare dates should say so). Returns null when the text is
 * not one of these or names a day that does not exist.
 */
export function parseDateTime(text: string, timeZone: string): Date | null {
  // "2026/12/15", "2026.12.15" and full-width "：" are common when typing; only the date's separators are touched.
  const s = text.trim().replace(/^(\d{4})[./／](\d{1,2})[./／](\d{1,2})/, "$1-$2-$3").replace(/：/g, ":");
  const exact = WITH_OFFSET.exec(s);
  if (exact) {
    const [, y, mo, d, h, mi, sec] = exact;
    if (!validParts(+y!, +mo!, +d!, +h!, +mi!, +(sec ?? 0))) return null;
    const iso = s.replace(" ", "T").replace(/([+-]\d{2})(\d{2})$/, "$1:$2");
    const at = new Date(iso);
    return Number.isNaN(at.getTime()) ? null : at;
  }
  const local = LOCAL.exec(s);
  if (!local) return null;
  const [, y, mo, d, h, mi, sec] = local.map((v) => (v === undefined ? undefined : Number(v)));
  const parts = { y: y!, mo: mo!, d: d!, h: h ?? 0, mi: mi ?? 0, s: sec ?? 0 };
  if (!validParts(parts.y, parts.mo, parts.d, parts.h, parts.mi, parts.s)) return null;
  return zonedToUtc(parts, timeZone);
}

function validParts(y: number, mo: number, d: number, h: number, mi: number, s: number): boolean {
  if (mo < 1 || mo > 12 || d < 1 || h > 23 || mi > 59 || s > 59) return false;
  return d <= new Date(Date.UTC(y, mo, 0)).getUTCDate();
}

/** The UTC moment at which the wall clock in `timeZone` shows these parts. */
export function zonedToUtc(p: { y: number; mo: number; d: number; h: number; mi: number; s: number }, timeZone: string): Date {
  const wall = Date.UTC(p.y, p.mo - 1, p.d, p.h, p.mi, p.s);
  // Two passes settle daylight-saving transitions; Asia/Shanghai needs one.
  let guess = wall - offsetMs(wall, timeZone);
  guess = wall - offsetMs(guess, timeZone);
  return new Date(guess);
}

const formatters = new Map<string, Intl.DateTimeFormat>();

/** How far `timeZone`'s wall clock is ahead of UTC at `at` (ms). */
export function offsetMs(at: number, timeZone: string): number {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat("en-US", { timeZone, hourCycle: "h23", year: "numeric", month: "numeric", day: "numeric", hour: "numeric", minute: "numeric", second: "numeric" });
    formatters.set(timeZone, f);
  }
  const parts = Object.fromEntries(f.formatToParts(new Date(at)).map((x) => [x.type, x.value]));
  const asUtc = Date.UTC(+parts.year!, +parts.month! - 1, +parts.day!, +parts.hour!, +parts.minute!, +parts.second!);
  return asUtc - (at - (at % 1000));
}

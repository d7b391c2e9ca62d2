const formats = new Map<string, Intl.DateTimeFormat>();
const RECENT_MINUTES = 64;
const recentTexts = new Map<string, Map<number, string>>();

/**
 * "2026-11-27 14:05" in the park's time zone, the same shape in both languages:
 * the one format of times, in the bot (ctx.fs.time), bulk sends and the CLI.
 */
export function formatTime(at: Date, timeZone: string): string {
  const ms = at.getTime();
  // The text changes once a minute: a vote press shows its ballot's time and the closing time, the
  // same minutes for everyone pressing then, so the few recent ones are kept per zone (since 1970,
  // when zone offsets are whole minutes).
  const minute = ms >= 0 ? Math.floor(ms / 60_000) : null;
  let recent = recentTexts.get(timeZone);
  const known = minute === null ? undefined : recent?.get(minute);
  if (known !== undefined) return known;
  let f = formats.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", hourCycle: "h23" });
    formats.set(timeZone, f);
  }
  const text = f.format(at).replace(",", "");
  if (minute !== null) {
    if (!recent) recentTexts.set(timeZone, (recent = new Map()));
    if (recent.size >= RECENT_MINUTES) recent.delete(recent.keys().next().value!);
    recent.set(minute, text);
  }
  return text;
}

const formats = new Map<string, Intl.DateTimeFormat>();

/**
 * "2026-11-27 14:05" in the park's time zone, the same shape in both languages:
 * the one format of times, in the bot (ctx.fs.time), bulk sends and the CLI.
 */
export function formatTime(at: Date, timeZone: string): string {
  let f = formats.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", hourCycle: "h23" });
    formats.set(timeZone, f);
  }
  return f.format(at).replace(",", "");
}

import type { Language } from "../domain/language.js";

const formats = new Map<string, Intl.DateTimeFormat>();

/** "2026-11-27 14:05" in the park's time zone, the same shape in both languages. */
export function formatTime(at: Date, lang: Language, timeZone: string): string {
  const key = `${lang}|${timeZone}`;
  let f = formats.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", hourCycle: "h23" });
    formats.set(key, f);
  }
  return f.format(at).replace(",", "");
}

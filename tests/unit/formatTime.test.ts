import { describe, expect, it } from "vitest";
import { formatTime } from "../../src/presenters/time.js";

const plain = (at: Date, timeZone: string) =>
  new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", hourCycle: "h23" }).format(at).replace(",", "");

describe("formatTime", () => {
  it("shows the minute in the zone, the same whether the minute was shown before or not", () => {
    expect(formatTime(new Date("2026-11-27T06:05:59.999Z"), "Asia/Shanghai")).toBe("2026-11-27 14:05");
    const start = Date.parse("2026-11-27T06:00:00Z");
    for (const zone of ["Asia/Shanghai", "Asia/Kolkata", "Asia/Kathmandu", "UTC"]) {
      // Twice over more minutes than are kept: seconds and milliseconds around each boundary.
      for (let round = 0; round < 2; round++) {
        for (let ms = start; ms < start + 100 * 60_000; ms += 29_999) expect(formatTime(new Date(ms), zone)).toBe(plain(new Date(ms), zone));
      }
    }
    expect(formatTime(new Date("1900-01-01T00:00:00Z"), "Asia/Shanghai")).toBe(plain(new Date("1900-01-01T00:00:00Z"), "Asia/Shanghai"));
  });
});

import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { isoTime } from "../../src/db/repositories/polisImports.js";

describe("isoTime", () => {
  it("is toISOString, with SQLite's +00:00 when asked", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 4_102_444_800_000 }), (ms) => {
        expect(isoTime(ms, "Z")).toBe(new Date(ms).toISOString());
        expect(isoTime(ms, "+00:00")).toBe(new Date(ms).toISOString().replace("Z", "+00:00"));
      }),
      { numRuns: 2000 },
    );
    expect(isoTime(1500232652930, "Z")).toBe("2017-07-16T19:17:32.930Z");
  });
});

import { describe, expect, it } from "vitest";
import { createSeededRandom } from "../../../src/domain/consensus/random.js";

describe("createSeededRandom", () => {
  it("repeats the same sequence for the same seed", () => {
    const a = createSeededRandom(42);
    const b = createSeededRandom(42);
    const xs = Array.from({ length: 5 }, () => a());
    expect(Array.from({ length: 5 }, () => b())).toEqual(xs);
  });

  it("gives another sequence for another seed", () => {
    const a = createSeededRandom(1);
    const b = createSeededRandom(2);
    expect(a()).not.toBe(b());
  });

  it("stays in [0, 1) and looks uniform", () => {
    const r = createSeededRandom(7);
    let sum = 0;
    for (let i = 0; i < 20_000; i++) {
      const x = r();
      expect(x).toBeGreaterThanOrEqual(0);
      expect(x).toBeLessThan(1);
      sum += x;
    }
    expect(sum / 20_000).toBeCloseTo(0.5, 1);
  });
});

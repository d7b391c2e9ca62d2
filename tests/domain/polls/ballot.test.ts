import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { multipleChoice, rankingFromRankMap, validateBallot } from "../../../src/domain/polls/index.js";
import type { PollDefinition } from "../../../src/domain/polls/index.js";
import { options } from "./fixtures.js";

const single: PollDefinition = { id: "s", kind: "single", options: options(3), voters: "residents", rule: "plurality" };
const multiple: PollDefinition = { id: "m", kind: "multiple", options: options(5), maxChoices: 3, voters: "residents", rule: "plurality" };
const scale: PollDefinition = { id: "c", kind: "scale", labels: { low: "no", high: "yes" }, voters: "residents", rule: "none" };
const ranked: PollDefinition = { id: "r", kind: "ranked", options: options(4), voters: "residents", rule: "plurality" };

const code = (poll: PollDefinition, choice: number[]) => {
  const v = validateBallot(poll, choice);
  return v.ok ? "ok" : v.error;
};

describe("validateBallot", () => {
  it("single choice: exactly one known option", () => {
    expect(code(single, [2])).toBe("ok");
    expect(code(single, [])).toBe("empty");
    expect(code(single, [3])).toBe("unknown-option");
    expect(code(single, [-1])).toBe("unknown-option");
    expect(code(single, [0.5])).toBe("unknown-option");
    expect(code(single, [0, 1])).toBe("too-many-choices");
  });

  it("multiple choice: ascending distinct options, at most maxChoices", () => {
    expect(code(multiple, [0])).toBe("ok");
    expect(code(multiple, [0, 2, 4])).toBe("ok");
    expect(code(multiple, [0, 1, 2, 3])).toBe("too-many-choices");
    expect(code(multiple, [2, 0])).toBe("not-canonical");
    expect(code(multiple, [1, 1])).toBe("duplicate-option");
    expect(code(multiple, [5])).toBe("unknown-option");
    expect(code(multiple, multipleChoice([4, 0, 4, 2]))).toBe("ok");
    expect(multipleChoice([4, 0, 4, 2])).toEqual([0, 2, 4]);
  });

  it("scale: one value 1…5", () => {
    expect(code(scale, [1])).toBe("ok");
    expect(code(scale, [5])).toBe("ok");
    expect(code(scale, [0])).toBe("scale-out-of-range");
    expect(code(scale, [6])).toBe("scale-out-of-range");
    expect(code(scale, [2.5])).toBe("scale-out-of-range");
    expect(code(scale, [3, 4])).toBe("too-many-choices");
  });

  it("ranked: a full or partial ranking without repeats", () => {
    expect(code(ranked, [2, 0, 3, 1])).toBe("ok");
    expect(code(ranked, [3])).toBe("ok");
    expect(code(ranked, [1, 1])).toBe("duplicate-option");
    expect(code(ranked, [0, 4])).toBe("unknown-option");
    expect(code(ranked, [])).toBe("empty");
  });

  it("accepts exactly the canonical encodings of a multiple-choice poll", () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -1, max: 6 }), { maxLength: 6 }), (choice) => {
        const canonical =
          choice.length >= 1 &&
          choice.length <= 3 &&
          choice.every((o, i) => o >= 0 && o < 5 && (i === 0 || (choice[i - 1] as number) < o));
        expect(validateBallot(multiple, choice).ok).toBe(canonical);
      }),
    );
  });
});

describe("rankingFromRankMap", () => {
  const rank = (map: Parameters<typeof rankingFromRankMap>[1]) => rankingFromRankMap(4, map);

  it("orders options by rank, from a record or from pairs", () => {
    expect(rank({ "2": 1, "0": 2, "3": 3 })).toEqual({ ok: true, value: [2, 0, 3] });
    expect(rank([[1, 2], [3, 1]])).toEqual({ ok: true, value: [3, 1] });
    expect(rank({ "0": 4, "1": 3, "2": 2, "3": 1 })).toEqual({ ok: true, value: [3, 2, 1, 0] });
  });

  it("refuses gaps, duplicate ranks and options, unknown options and bad ranks", () => {
    expect(rank({})).toEqual({ ok: false, error: { code: "empty" } });
    expect(rank({ "0": 1, "1": 3 })).toEqual({ ok: false, error: { code: "gap", rank: 2 } });
    expect(rank({ "0": 2 })).toEqual({ ok: false, error: { code: "gap", rank: 1 } });
    expect(rank({ "0": 1, "1": 1 })).toEqual({ ok: false, error: { code: "duplicate-rank", rank: 1 } });
    expect(rank([[0, 1], [0, 2]])).toEqual({ ok: false, error: { code: "duplicate-option", option: 0 } });
    expect(rank({ "4": 1 })).toEqual({ ok: false, error: { code: "unknown-option", option: "4" } });
    expect(rank({ "01": 1 })).toEqual({ ok: false, error: { code: "unknown-option", option: "01" } });
    expect(rank([[-1, 1]])).toEqual({ ok: false, error: { code: "unknown-option", option: "-1" } });
    expect(rank({ "0": 0 })).toEqual({ ok: false, error: { code: "invalid-rank", option: 0, rank: 0 } });
    expect(rank({ "0": 1.5 })).toEqual({ ok: false, error: { code: "invalid-rank", option: 0, rank: 1.5 } });
  });

  it("turns any ranking into a rank map and back", () => {
    fc.assert(
      fc.property(fc.shuffledSubarray([0, 1, 2, 3], { minLength: 1 }), (ranking) => {
        const pairs = ranking.map((o, i) => [o, i + 1] as const);
        const back = rank(pairs);
        expect(back).toEqual({ ok: true, value: ranking });
        if (back.ok) expect(code(ranked, back.value)).toBe("ok");
      }),
    );
  });
});

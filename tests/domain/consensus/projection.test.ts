import { describe, expect, it } from "vitest";
import { projectParticipants, sparsityScale } from "../../../src/domain/consensus/projection.js";
import { AGREE, buildSparseVotes, centerVotes, DISAGREE } from "../../../src/domain/consensus/voteMatrix.js";

describe("sparsity-aware projection", () => {
  it("scales by sqrt(n_statements / max(n_votes, 1))", () => {
    expect(sparsityScale(4, 1)).toBe(2);
    expect(sparsityScale(4, 4)).toBe(1);
    expect(sparsityScale(4, 0)).toBe(2);
  });

  it("projects with only the statements voted on, then scales", () => {
    // 2 participants × 4 statements. p0 votes agree on s0 only; p1 disagree on s0, agree on s1..s3.
    const votes = buildSparseVotes(
      2,
      4,
      Int32Array.from([0, 1, 1, 1, 1]),
      Int32Array.from([0, 0, 1, 2, 3]),
      Int8Array.from([AGREE, DISAGREE, AGREE, AGREE, AGREE]),
    );
    const m = centerVotes(votes);
    // means: s0 0, s1 −1, s2 −1, s3 −1 → centred p0: s0 −1; p1: s0 +1, s1..s3 0
    const c1 = Float64Array.from([0.5, 0.5, 0.5, 0.5]);
    const c2 = Float64Array.from([1, 0, 0, 0]);
    const points = projectParticipants(m, [c1, c2]);
    // p0: dot (−0.5, −1) × sqrt(4/1) = (−1, −2); p1: dot (0.5, 1) × sqrt(4/4) = (0.5, 1)
    expect(Array.from(points)).toEqual([-1, -2, 0.5, 1]);
  });

  it("counts moderated-out statements as Pol.is does: columns of zeros, among the statements and among everyone's votes", () => {
    const votes = buildSparseVotes(2, 4, Int32Array.from([0, 1, 1, 1, 1]), Int32Array.from([0, 0, 1, 2, 3]), Int8Array.from([AGREE, DISAGREE, AGREE, AGREE, AGREE]));
    const m = centerVotes(votes);
    const c1 = Float64Array.from([0.5, 0.5, 0.5, 0.5]);
    const c2 = Float64Array.from([1, 0, 0, 0]);
    // Two zeroed columns: p0 scaled by sqrt((4 + 2) / (1 + 2)) = sqrt(2), p1 by sqrt(6 / 6) = 1.
    const points = projectParticipants(m, [c1, c2], 2);
    expect(points[0]).toBeCloseTo(-0.5 * Math.SQRT2, 12);
    expect(points[1]).toBeCloseTo(-1 * Math.SQRT2, 12);
    expect(Array.from(points.subarray(2))).toEqual([0.5, 1]);
  });
});

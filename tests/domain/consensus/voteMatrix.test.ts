import { describe, expect, it } from "vitest";
import {
  AGREE,
  buildSparseVotes,
  centerVotes,
  centeredEntries,
  columnMeans,
  denseFilledMatrix,
  DISAGREE,
  PASS,
  rowVoteCounts,
  selectRows,
} from "../../../src/domain/consensus/voteMatrix.js";

// 3 participants × 3 statements:
//        s0    s1    s2
//   p0   A     D     .
//   p1   D     .     P
//   p2   A     A     A
const matrix = buildSparseVotes(
  3,
  3,
  Int32Array.from([0, 0, 1, 1, 2, 2, 2]),
  Int32Array.from([0, 1, 0, 2, 0, 1, 2]),
  Int8Array.from([AGREE, DISAGREE, DISAGREE, PASS, AGREE, AGREE, AGREE]),
);

describe("vote matrix", () => {
  it("codes agree −1, disagree +1, pass 0", () => {
    expect([AGREE, DISAGREE, PASS]).toEqual([-1, 1, 0]);
  });

  it("fills missing cells with the column mean", () => {
    // column means: s0 (−1 + 1 − 1)/3 = −1/3, s1 (1 − 1)/2 = 0, s2 (0 − 1)/2 = −1/2
    expect(Array.from(columnMeans(matrix))).toEqual([-1 / 3, 0, -0.5]);
    expect(Array.from(denseFilledMatrix(matrix))).toEqual([-1, 1, -0.5, 1, 0, 0, -1, -1, -1]);
  });

  it("centres to v − mean on voted cells only (missing cells are exactly 0)", () => {
    const c = centerVotes(matrix);
    expect(Array.from(centeredEntries(c))).toEqual([-1 + 1 / 3, 1, 1 + 1 / 3, 0.5, -1 + 1 / 3, -1, -0.5]);
  });

  it("counts votes per row", () => {
    expect(Array.from(rowVoteCounts(matrix))).toEqual([2, 2, 3]);
  });

  it("keeps the later of two votes on the same cell and drops moderated-out columns (−1)", () => {
    const m = buildSparseVotes(
      2,
      2,
      Int32Array.from([0, 0, 0, 1]),
      Int32Array.from([1, -1, 1, 0]),
      Int8Array.from([AGREE, AGREE, DISAGREE, PASS]),
    );
    expect(Array.from(m.rowStart)).toEqual([0, 1, 2]);
    expect(Array.from(m.column)).toEqual([1, 0]);
    expect(Array.from(m.value)).toEqual([DISAGREE, PASS]);
  });

  it("sorts each row by column, whatever the order of the votes", () => {
    const m = buildSparseVotes(1, 3, Int32Array.from([0, 0, 0]), Int32Array.from([2, 0, 1]), Int8Array.from([AGREE, PASS, DISAGREE]));
    expect(Array.from(m.column)).toEqual([0, 1, 2]);
    expect(Array.from(m.value)).toEqual([PASS, DISAGREE, AGREE]);
  });

  it("builds the same matrix from votes already in row and column order as from the same votes shuffled", () => {
    // Row-major, columns increasing, with repeats (the later wins) and a moderated-out column (−1).
    const rows = [0, 0, 0, 0, 1, 1, 3, 3, 3];
    const cols = [0, 2, 2, -1, 1, 3, 0, 1, 3];
    const vals = [AGREE, PASS, DISAGREE, AGREE, DISAGREE, AGREE, PASS, AGREE, DISAGREE];
    const ordered = buildSparseVotes(4, 4, Int32Array.from(rows), Int32Array.from(cols), Int8Array.from(vals));
    const shuffle = [6, 3, 4, 0, 8, 1, 7, 2, 5]; // 1 before 2 keeps the later vote on (0, 2) later
    const shuffled = buildSparseVotes(4, 4, Int32Array.from(shuffle, (i) => rows[i]!), Int32Array.from(shuffle, (i) => cols[i]!), Int8Array.from(shuffle, (i) => vals[i]!));
    for (const m of [ordered, shuffled]) {
      expect(Array.from(m.rowStart)).toEqual([0, 2, 4, 4, 7]);
      expect(Array.from(m.column)).toEqual([0, 2, 1, 3, 0, 1, 3]);
      expect(Array.from(m.value)).toEqual([AGREE, DISAGREE, DISAGREE, AGREE, PASS, AGREE, DISAGREE]);
    }
  });

  it("selects rows in the order asked", () => {
    const sub = selectRows(matrix, Int32Array.from([2, 0]));
    expect(sub.rowCount).toBe(2);
    expect(Array.from(denseFilledMatrix(sub, new Float64Array([9, 9, 9])))).toEqual([-1, -1, -1, -1, 1, 9]);
  });
});

import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  COMPLEMENTARY_COUNT,
  formatPublishedCount,
  protectBreakdown,
  protectTable,
  isSuppressed,
  publishedShare,
  SMALL_COUNT,
  suppressBreakdown,
  suppressTable,
  type PublishedCount,
  type SuppressedTable,
  UnsafeTableError,
} from "../../../src/domain/privacy/smallCells.js";

const S = SMALL_COUNT;
const C = COMPLEMENTARY_COUNT;

describe("small cells, one line (participation by building)", () => {
  it("shows 1–4 as <5 and hides the next-smallest building so the total gives nothing away", () => {
    expect(suppressBreakdown([12, 3, 20, 7])).toEqual({ cells: [12, S, 20, C], total: 42 });
  });

  it("without a published total, only the small cells are hidden", () => {
    expect(suppressBreakdown([12, 3, 20, 7], { total: false })).toEqual({ cells: [12, S, 20, 7], total: null });
  });

  it("shows zeros as 0 and never uses a zero as the complement", () => {
    expect(suppressBreakdown([0, 3, 0, 8])).toEqual({ cells: [0, S, 0, C], total: 11 });
    expect(suppressBreakdown([0, 0, 9])).toEqual({ cells: [0, 0, 9], total: 9 });
  });

  it("with nothing else to hide, withholds the total", () => {
    // 3 + 0: the total would be the small cell itself
    expect(suppressBreakdown([3, 0])).toEqual({ cells: [S, 0], total: S });
    // 12 + 3 + nothing: the complement is 12, enough
    expect(suppressBreakdown([12, 3])).toEqual({ cells: [C, S], total: 15 });
  });

  it("keeps hiding while the known ranges pin a small cell", () => {
    // 1 and 5 hidden, total 36 → the two sum to 6; "<5" ≥ 1 and "*" ≥ 5 forces 1 + 5: hide 30 too
    expect(suppressBreakdown([1, 5, 30])).toEqual({ cells: [S, C, C], total: 36 });
    // two small cells summing to 8 can only be 4 + 4
    expect(suppressBreakdown([4, 4, 20])).toEqual({ cells: [S, S, C], total: 28 });
    // a small total is itself withheld, and 1 + 1 under a "<5" total could be many things
    expect(suppressBreakdown([1, 1])).toEqual({ cells: [S, S], total: S });
    // 3 + 4 = 7 could be 3 + 4 or 4 + 3: safe as it is
    expect(suppressBreakdown([3, 4, 50])).toEqual({ cells: [S, S, 50], total: 57 });
  });

  it("leaves a table without small cells alone", () => {
    expect(suppressBreakdown([5, 6, 100])).toEqual({ cells: [5, 6, 100], total: 111 });
    expect(suppressBreakdown([])).toEqual({ cells: [], total: 0 });
  });

  it("renders the marks", () => {
    const out = suppressBreakdown([12, 3, 20, 7]).cells.map((c) => formatPublishedCount(c));
    expect(out).toEqual(["12", "<5", "20", "*"]);
    expect(formatPublishedCount(1234, (n) => n.toLocaleString("en"))).toBe("1,234");
  });

  it("withholds a share computed from a withheld count", () => {
    const took = suppressBreakdown([12, 3, 20, 7]);
    const eligible = [20, 10, 25, 9];
    expect(took.cells.map((c, i) => publishedShare(c, eligible[i]!))).toEqual([0.6, S, 0.8, C]);
    expect(publishedShare(0, 0)).toBeNull();
    expect(publishedShare(5, S)).toEqual(S);
  });

  it("refuses counts that are not whole numbers ≥ 0, and ragged tables", () => {
    expect(() => suppressBreakdown([1.5])).toThrow(RangeError);
    expect(() => suppressBreakdown([-1])).toThrow(RangeError);
    expect(() => suppressTable([[1, 2], [3]])).toThrow(RangeError);
  });
});

describe("small cells, tables no withholding protects", () => {
  it("answers unsafe instead of publishing, and suppressBreakdown throws a typed error", () => {
    // four categories of one person each: even with every count and the total withheld, each must be 1
    expect(protectBreakdown([1, 1, 1, 1])).toEqual({ ok: false, reason: "unsafe" });
    expect(() => suppressBreakdown([1, 1, 1, 1])).toThrow(UnsafeTableError);
    // a column of one small count and zeros, with both totals: the total is the cell
    expect(protectTable([[0, 0], [4, 0]], { rowTotals: true, columnTotals: true })).toEqual({
      ok: true,
      value: { cells: [[0, 0], [S, 0]], rowTotals: [0, S], columnTotals: [S, 0], grandTotal: S },
    });
  });

  it("says unsafe only when withholding everything would still pin a small cell", () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.constant(0), fc.constant(1), fc.integer({ min: 1, max: 4 })), { minLength: 1, maxLength: 6 }), (counts) => {
        const result = protectBreakdown(counts);
        const pinnedAnyway = !noSmallCellDerivable([counts], everythingWithheld([counts], { rowTotals: true }));
        return result.ok !== pinnedAnyway;
      }),
      { numRuns: 300 },
    );
  });

  it("is safe again once the total is not published", () => {
    expect(protectBreakdown([1, 1, 1, 1], { total: false })).toEqual({ ok: true, value: { cells: [S, S, S, S], total: null } });
    expect(protectBreakdown([12, 3, 20, 7])).toEqual({ ok: true, value: { cells: [12, S, 20, C], total: 42 } });
  });
});

describe("small cells, two dimensions (building × relation)", () => {
  it("hides a rectangle so neither the row nor the column total recovers the small cell", () => {
    const t = suppressTable(
      [
        [20, 3, 11],
        [15, 9, 30],
        [40, 12, 8],
      ],
      { rowTotals: true, columnTotals: true },
    );
    // the small 3 at (0,1) needs a partner in row 0 and in column 1; then those partners need partners too
    expect(t.cells[0]![1]).toEqual(S);
    const hiddenInRow = (r: number) => t.cells[r]!.filter(isSuppressed).length;
    const hiddenInColumn = (c: number) => t.cells.map((row) => row[c]!).filter(isSuppressed).length;
    for (let r = 0; r < 3; r++) expect(hiddenInRow(r)).not.toBe(1);
    for (let c = 0; c < 3; c++) expect(hiddenInColumn(c)).not.toBe(1);
    expect(t.rowTotals).toEqual([34, 54, 60]);
    expect(t.columnTotals).toEqual([75, 24, 49]);
    expect(t.grandTotal).toBe(148);
    expect(noSmallCellDerivable([[20, 3, 11], [15, 9, 30], [40, 12, 8]], t)).toBe(true);
  });

  it("no small cell is worked out by combining lines (rows + columns + grand total)", () => {
    // Found by the property below (fast-check seed 922436168). With the row
    // totals 9 and 6 and the column total 12 withheld but the grand total 23
    // published, a reader adding the lines up learns (0,0) + (2,0) = 8, so both
    // "<5" are 4: no single line pins them, only the lines together do.
    const counts = [
      [4, 5, 0],
      [1, 5, 2],
      [4, 2, 0],
    ];
    const t = suppressTable(counts, { rowTotals: true, columnTotals: true });
    for (const [r, c] of [[0, 0], [1, 0], [1, 2], [2, 0], [2, 1]] as const) expect(t.cells[r]![c]).toEqual(S);
    expect(t.grandTotal).toBe(23);
    expect(noSmallCellDerivable(counts, t)).toBe(true);
  });

  it("only row totals: each row is its own line", () => {
    const t = suppressTable([[10, 2, 30], [8, 9, 10]], { rowTotals: true });
    expect(t.cells).toEqual([[C, S, 30], [8, 9, 10]]);
    expect(t.columnTotals).toBeNull();
    expect(t.grandTotal).toBeNull();
  });

  it("no totals: only small cells", () => {
    const t = suppressTable([[10, 2], [0, 9]]);
    expect(t).toEqual({ cells: [[10, S], [0, 9]], rowTotals: null, columnTotals: null, grandTotal: null });
  });
});

// ---------------------------------------------------------------------------
// An exact reader: knows every published number and total, that "<5" is 1–4
// and "*" is 5 or more (at most the park's size), and tries every value of each
// small cell for a consistent filling of the whole table. (What the reader
// learns elsewhere — e.g. a turnout printed in a summary — must be published as
// a total of the same table, so it takes part in the suppression.)

interface Unknown {
  readonly key: string;
  readonly lo: number;
  readonly hi: number;
  readonly truth: number;
}

interface Equation {
  /** Σ coefficient·x + constant = 0 */
  readonly terms: { readonly key: string; readonly coefficient: 1 | -1 }[];
  readonly constant: number;
}

function readerModel(
  counts: readonly (readonly number[])[],
  published: SuppressedTable,
): { unknowns: Unknown[]; equations: Equation[] } {
  // The reader does not know a withheld total; any generous bound will do.
  const cap = 4 * counts.flat().reduce((a, b) => a + b, 0) + 20;
  const unknowns: Unknown[] = [];
  const value = (key: string, p: PublishedCount, truth: number): { key: string; known: number | null } => {
    if (!isSuppressed(p)) {
      expect(p).toBe(truth); // published numbers are the truth
      return { key, known: p };
    }
    unknowns.push(p.reason === "small" ? { key, lo: 1, hi: 4, truth } : { key, lo: 5, hi: Math.max(5, cap), truth });
    return { key, known: null };
  };
  const rowSum = (r: number) => counts[r]!.reduce((a, b) => a + b, 0);
  const colSum = (c: number) => counts.reduce((a, row) => a + row[c]!, 0);
  const cells = published.cells.map((row, r) => row.map((p, c) => value(`c${r},${c}`, p, counts[r]![c]!)));
  const rowTotals = published.rowTotals?.map((p, r) => value(`r${r}`, p, rowSum(r))) ?? null;
  const colTotals = published.columnTotals?.map((p, c) => value(`k${c}`, p, colSum(c))) ?? null;
  const grand = published.grandTotal === null ? null : value("g", published.grandTotal, counts.flat().reduce((a, b) => a + b, 0));
  const equations: Equation[] = [];
  const equation = (parts: { key: string; known: number | null }[], total: { key: string; known: number | null }) => {
    const terms: Equation["terms"] = [];
    let constant = 0;
    for (const p of parts) {
      if (p.known === null) terms.push({ key: p.key, coefficient: 1 });
      else constant += p.known;
    }
    if (total.known === null) terms.push({ key: total.key, coefficient: -1 });
    else constant -= total.known;
    equations.push({ terms, constant });
  };
  if (rowTotals) cells.forEach((row, r) => equation(row, rowTotals[r]!));
  if (colTotals) colTotals.forEach((t, c) => equation(cells.map((row) => row[c]!), t));
  if (grand && rowTotals && colTotals) {
    equation(rowTotals, grand);
    equation(colTotals, grand);
  }
  return { unknowns, equations };
}

/** Is there a filling of every unknown, within its range, satisfying every equation, with `fixed` set? */
function feasible(unknowns: Unknown[], equations: Equation[], fixed: Map<string, number>): boolean {
  const order = unknowns.filter((u) => !fixed.has(u.key));
  const assigned = new Map(fixed);
  const range = new Map(unknowns.map((u) => [u.key, u]));
  const consistent = (): boolean =>
    equations.every((e) => {
      let min = e.constant;
      let max = e.constant;
      for (const t of e.terms) {
        const a = assigned.get(t.key);
        if (a !== undefined) {
          min += t.coefficient * a;
          max += t.coefficient * a;
        } else {
          const u = range.get(t.key)!;
          min += t.coefficient === 1 ? u.lo : -u.hi;
          max += t.coefficient === 1 ? u.hi : -u.lo;
        }
      }
      return min <= 0 && 0 <= max;
    });
  const search = (i: number): boolean => {
    if (!consistent()) return false;
    if (i === order.length) return true;
    const u = order[i]!;
    for (let v = u.lo; v <= u.hi; v++) {
      assigned.set(u.key, v);
      if (search(i + 1)) return true;
    }
    assigned.delete(u.key);
    return false;
  };
  return search(0);
}

function noSmallCellDerivable(counts: readonly (readonly number[])[], published: SuppressedTable): boolean {
  const { unknowns, equations } = readerModel(counts, published);
  for (const u of unknowns) {
    if (u.lo !== 1) continue; // only small counts must stay hidden; a "*" being worked out reveals ≥ 5 people
    let possible = 0;
    for (let v = 1; v <= 4 && possible < 2; v++) if (feasible(unknowns, equations, new Map([[u.key, v]]))) possible++;
    if (possible < 2) return false;
  }
  return true;
}

/** The table with every non-zero count and total withheld: the most any suppression could do. */
function everythingWithheld(counts: readonly (readonly number[])[], totals: { rowTotals?: boolean; columnTotals?: boolean }): SuppressedTable {
  const hide = (n: number): PublishedCount => (n === 0 ? 0 : n < 5 ? S : C);
  const sum = (values: readonly number[]) => values.reduce((a, b) => a + b, 0);
  const columns = counts[0]?.length ?? 0;
  const rowTotals = totals.rowTotals ? counts.map((row) => hide(sum(row))) : null;
  const columnTotals = totals.columnTotals ? Array.from({ length: columns }, (_, c) => hide(sum(counts.map((row) => row[c]!)))) : null;
  return { cells: counts.map((row) => row.map(hide)), rowTotals, columnTotals, grandTotal: rowTotals && columnTotals ? hide(sum(counts.map(sum))) : null };
}

const count = fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 4 }), fc.integer({ min: 5, max: 14 }));

describe("small cells, properties", () => {
  it("1-D: published numbers are true, 1–4 never shows, and no small cell can be worked out", () => {
    fc.assert(
      fc.property(fc.array(count, { minLength: 0, maxLength: 7 }), fc.boolean(), (counts, total) => {
        const result = protectBreakdown(counts, { total });
        // "unsafe" must be honest: even withholding everything, a small cell is pinned
        if (!result.ok) return !noSmallCellDerivable([counts], everythingWithheld([counts], { rowTotals: total }));
        const b = result.value;
        const table: SuppressedTable = { cells: [b.cells], rowTotals: b.total === null ? null : [b.total], columnTotals: null, grandTotal: null };
        b.cells.forEach((c, i) => {
          if (counts[i]! >= 1 && counts[i]! <= 4) expect(c).toEqual(S);
          if (counts[i] === 0) expect(c).toBe(0);
        });
        return noSmallCellDerivable([counts], table);
      }),
      { numRuns: 300 },
    );
  });

  it("2-D: with any combination of totals, no small cell can be worked out", () => {
    const table = fc
      .tuple(fc.integer({ min: 1, max: 3 }), fc.integer({ min: 1, max: 4 }))
      .chain(([rows, cols]) => fc.array(fc.array(count, { minLength: cols, maxLength: cols }), { minLength: rows, maxLength: rows }));
    fc.assert(
      fc.property(table, fc.boolean(), fc.boolean(), (counts, rowTotals, columnTotals) => {
        const result = protectTable(counts, { rowTotals, columnTotals });
        if (!result.ok) return !noSmallCellDerivable(counts, everythingWithheld(counts, { rowTotals, columnTotals }));
        const t = result.value;
        for (const [r, row] of t.cells.entries()) {
          for (const [c, cell] of row.entries()) {
            const truth = counts[r]![c]!;
            if (truth >= 1 && truth <= 4) expect(cell).toEqual(S);
            if (isSuppressed(cell) && cell.reason === "complementary") expect(truth).toBeGreaterThanOrEqual(5);
          }
        }
        return noSmallCellDerivable(counts, t);
      }),
      { numRuns: 300 },
    );
  });
});

// Small-cell suppression for the breakdowns officials see (PIPL: de-identified
// aggregates only). A count of 1–4 people is never published; it becomes
// `{ suppressed: true, reason: "small" }` and renders as "<5". Whenever a line
// of the table (a row or a column) publishes its total, enough further cells
// are withheld (`reason: "complementary"`, rendered "*") that no small count
// can be worked out from the total by subtraction, nor pinned by its known
// range (1–4) combined with the other withheld cells' known ranges.
//
// Zero is published as 0: "nobody" identifies no one, and hiding zeros would
// make every sparse table unreadable. A zero is never used as a complementary
// cell either (withholding a known 0 protects nothing).

/** A count of people this small (1 … SMALLEST_PUBLISHED_COUNT − 1) is never published. */
export const SMALLEST_PUBLISHED_COUNT = 5;

export type SuppressionReason = "small" | "complementary";

/** A withheld count. Renderers print "<5" for `small` and "*" for `complementary`. */
export interface SuppressedCount {
  readonly suppressed: true;
  readonly reason: SuppressionReason;
}

export type PublishedCount = number | SuppressedCount;

export const SMALL_COUNT: SuppressedCount = Object.freeze({ suppressed: true, reason: "small" });
export const COMPLEMENTARY_COUNT: SuppressedCount = Object.freeze({ suppressed: true, reason: "complementary" });

/** What a renderer prints for a withheld count (language-neutral). */
export const SUPPRESSION_MARK: Readonly<Record<SuppressionReason, string>> = Object.freeze({ small: "<5", complementary: "*" });

export function isSuppressed(value: unknown): value is SuppressedCount {
  return typeof value === "object" && value !== null && (value as { suppressed?: unknown }).suppressed === true;
}

export function isSmallCount(count: number): boolean {
  return count >= 1 && count < SMALLEST_PUBLISHED_COUNT;
}

/** A count as text: the number, or the suppression mark. */
export function formatPublishedCount(value: PublishedCount, formatNumber: (n: number) => string = String): string {
  return isSuppressed(value) ? SUPPRESSION_MARK[value.reason] : formatNumber(value);
}

export interface SuppressedBreakdown {
  /** One per input count, in order. */
  readonly cells: PublishedCount[];
  /** The sum of the counts (possibly withheld), or null when no total is published. */
  readonly total: PublishedCount | null;
}

export interface SuppressedTable {
  readonly cells: PublishedCount[][];
  /** One per row when row totals are published, else null. */
  readonly rowTotals: PublishedCount[] | null;
  /** One per column when column totals are published, else null. */
  readonly columnTotals: PublishedCount[] | null;
  /** Published when both row and column totals are. */
  readonly grandTotal: PublishedCount | null;
}

export interface TableTotals {
  readonly rowTotals?: boolean;
  readonly columnTotals?: boolean;
}

/**
 * A one-dimensional breakdown ("took part, by building"), with its total
 * published unless `{ total: false }`.
 */
export function suppressBreakdown(counts: readonly number[], options: { readonly total?: boolean } = {}): SuppressedBreakdown {
  const withTotal = options.total ?? true;
  const table = suppressTable([counts], { rowTotals: withTotal });
  return { cells: table.cells[0] ?? [], total: table.rowTotals ? table.rowTotals[0]! : null };
}

// ---------------------------------------------------------------------------
// The table is modelled as a grid of "slots" (cells and the totals that are
// published), and a list of lines: each line says Σ parts = total.

interface Slot {
  readonly value: number;
  /** Part cells are preferred as complements; totals are the last resort. */
  readonly isTotal: boolean;
  hidden: SuppressionReason | null;
  /** Indices of the lines this slot belongs to. */
  readonly lines: number[];
}

interface Line {
  readonly parts: number[];
  readonly total: number;
}

/**
 * A two-dimensional breakdown (rows × columns, e.g. building × relation to the
 * unit), with the row and/or column totals the caller will publish. Totals are
 * computed here from the counts, so they always match.
 */
export function suppressTable(counts: readonly (readonly number[])[], totals: TableTotals = {}): SuppressedTable {
  const rows = counts.length;
  const columns = rows === 0 ? 0 : counts[0]!.length;
  for (const row of counts) {
    if (row.length !== columns) throw new RangeError("every row needs the same number of cells");
    for (const c of row) if (!Number.isInteger(c) || c < 0) throw new RangeError(`a count must be a whole number ≥ 0, got ${c}`);
  }
  const withRow = totals.rowTotals ?? false;
  const withColumn = totals.columnTotals ?? false;

  const slots: Slot[] = [];
  const lines: Line[] = [];
  const add = (value: number, isTotal: boolean): number => {
    slots.push({ value, isTotal, hidden: isSmallCount(value) ? "small" : null, lines: [] });
    return slots.length - 1;
  };
  const cell: number[][] = counts.map((row) => row.map((v) => add(v, false)));
  const rowTotal = withRow ? counts.map((row) => add(sum(row), true)) : null;
  const columnTotal = withColumn ? Array.from({ length: columns }, (_, c) => add(sum(counts.map((row) => row[c]!)), true)) : null;
  const grand = withRow && withColumn ? add(sum(counts.map(sum)), true) : null;

  const addLine = (parts: number[], total: number) => {
    const index = lines.length;
    lines.push({ parts, total });
    for (const s of [...parts, total]) slots[s]!.lines.push(index);
  };
  if (rowTotal) cell.forEach((row, r) => addLine(row, rowTotal[r]!));
  if (columnTotal) for (let c = 0; c < columns; c++) addLine(cell.map((row) => row[c]!), columnTotal[c]!);
  if (grand !== null) {
    addLine(rowTotal!, grand);
    addLine(columnTotal!, grand);
  }

  protect(slots, lines);

  const out = (s: number): PublishedCount => {
    const slot = slots[s]!;
    return slot.hidden === null ? slot.value : slot.hidden === "small" ? SMALL_COUNT : COMPLEMENTARY_COUNT;
  };
  return {
    cells: cell.map((row) => row.map(out)),
    rowTotals: rowTotal ? rowTotal.map(out) : null,
    columnTotals: columnTotal ? columnTotal.map(out) : null,
    grandTotal: grand === null ? null : out(grand),
  };
}

function sum(values: readonly number[]): number {
  let s = 0;
  for (const v of values) s += v;
  return s;
}

/**
 * Adds complementary suppressions until no small cell is exposed: first the
 * classic rule (a line with a published total never hides exactly one cell),
 * then an interval audit (what a reader can deduce from every published total
 * and every withheld cell's known range) until no small count is pinned to one
 * value. Terminates: each round hides one more slot, and a line whose total is
 * withheld exposes nothing by itself.
 */
function protect(slots: Slot[], lines: Line[]): void {
  for (;;) {
    const lone = lines.findIndex((line) => !isHidden(slots, line.total) && hiddenParts(slots, line).length === 1);
    if (lone >= 0) {
      hideComplement(slots, lines, lone);
      continue;
    }
    const pinned = pinnedSmallSlot(slots, lines);
    if (pinned === null) return;
    // Widen the tightest line through the pinned slot that still publishes its total.
    const through = slots[pinned]!.lines.filter((l) => !isHidden(slots, lines[l]!.total));
    if (through.length === 0) {
      // Pinned through withheld totals' ranges: withhold more further out.
      hideComplement(slots, lines, slots[pinned]!.lines[0]!);
      continue;
    }
    through.sort((a, b) => hiddenParts(slots, lines[a]!).length - hiddenParts(slots, lines[b]!).length);
    hideComplement(slots, lines, through[0]!);
  }
}

function isHidden(slots: Slot[], s: number): boolean {
  return slots[s]!.hidden !== null;
}

function hiddenParts(slots: Slot[], line: Line): number[] {
  return line.parts.filter((s) => isHidden(slots, s));
}

/**
 * Hides one more slot of a line: the smallest published non-zero part,
 * preferring one whose other line already withholds a cell (so one complement
 * often protects both lines); when no part is left, the line's total.
 */
function hideComplement(slots: Slot[], lines: Line[], lineIndex: number): void {
  const line = lines[lineIndex]!;
  const candidates = line.parts.filter((s) => !isHidden(slots, s) && slots[s]!.value > 0);
  if (candidates.length > 0) {
    const score = (s: number) => {
      const others = slots[s]!.lines.filter((l) => l !== lineIndex);
      const helps = others.some((l) => hiddenParts(slots, lines[l]!).length > 0 || isHidden(slots, lines[l]!.total));
      return { helps, value: slots[s]!.value };
    };
    candidates.sort((a, b) => {
      const sa = score(a);
      const sb = score(b);
      if (sa.helps !== sb.helps) return sa.helps ? -1 : 1;
      return sa.value - sb.value || a - b;
    });
    slots[candidates[0]!]!.hidden = "complementary";
    return;
  }
  if (!isHidden(slots, line.total)) {
    slots[line.total]!.hidden = "complementary";
    return;
  }
  // Every slot of this line is withheld already: the nearest line (through
  // shared slots) that still publishes something non-zero gives up a slot.
  const seen = new Set<number>([lineIndex]);
  const queue = [lineIndex];
  while (queue.length > 0) {
    const current = lines[queue.shift()!]!;
    for (const s of [...current.parts, current.total]) {
      for (const l of slots[s]!.lines) {
        if (seen.has(l)) continue;
        seen.add(l);
        const other = lines[l]!;
        if ([...other.parts, other.total].some((t) => !isHidden(slots, t) && slots[t]!.value > 0)) {
          hideComplement(slots, lines, l);
          return;
        }
        queue.push(l);
      }
    }
  }
  throw new Error("small-cell suppression: nothing left to withhold");
}

/** The range a reader knows a withheld slot lies in before reading any total. */
function priorRange(slot: Slot): [number, number] {
  return slot.hidden === "small" ? [1, SMALLEST_PUBLISHED_COUNT - 1] : [SMALLEST_PUBLISHED_COUNT, Number.POSITIVE_INFINITY];
}

/**
 * Bounds propagation over every line (Σ parts − total = 0), as a reader with
 * the published table would do it. Returns a small slot whose range shrank to a
 * single value, or null.
 */
function pinnedSmallSlot(slots: Slot[], lines: Line[]): number | null {
  const lo = new Map<number, number>();
  const hi = new Map<number, number>();
  slots.forEach((slot, s) => {
    if (slot.hidden === null) return;
    const [a, b] = priorRange(slot);
    lo.set(s, a);
    hi.set(s, b);
  });
  const rounds = 4 * lines.length + 4;
  for (let round = 0, changed = true; changed && round < rounds; round++) {
    changed = false;
    for (const line of lines) {
      // Terms: +1 for parts, −1 for the total; known terms go into the constant.
      const terms: { slot: number; sign: 1 | -1 }[] = [];
      let constant = 0;
      for (const p of line.parts) {
        if (isHidden(slots, p)) terms.push({ slot: p, sign: 1 });
        else constant += slots[p]!.value;
      }
      if (isHidden(slots, line.total)) terms.push({ slot: line.total, sign: -1 });
      else constant -= slots[line.total]!.value;
      if (terms.length === 0) continue;
      // Σ sign·x = −constant. Bounds of each term sign·x, summed with the
      // infinite ones counted apart (so "all but this term" stays exact).
      const bounds = terms.map((t) => {
        const a = lo.get(t.slot)!;
        const b = hi.get(t.slot)!;
        return t.sign === 1 ? { min: a, max: b } : { min: -b, max: -a };
      });
      const minSum = boundSum(bounds.map((x) => x.min));
      const maxSum = boundSum(bounds.map((x) => x.max));
      terms.forEach((t, i) => {
        const own = bounds[i]!;
        const minOthers = without(minSum, own.min);
        const maxOthers = without(maxSum, own.max);
        // sign·x = −constant − others
        const termLo = -constant - maxOthers;
        const termHi = -constant - minOthers;
        const newLo = t.sign === 1 ? termLo : -termHi;
        const newHi = t.sign === 1 ? termHi : -termLo;
        if (newLo > lo.get(t.slot)!) {
          lo.set(t.slot, newLo);
          changed = true;
        }
        if (newHi < hi.get(t.slot)!) {
          hi.set(t.slot, newHi);
          changed = true;
        }
      });
    }
  }
  for (const [s, a] of lo) {
    if (slots[s]!.hidden === "small" && a >= hi.get(s)!) return s;
  }
  return null;
}

interface BoundSum {
  readonly finite: number;
  readonly plusInfinite: number;
  readonly minusInfinite: number;
}

function boundSum(values: readonly number[]): BoundSum {
  let finite = 0;
  let plusInfinite = 0;
  let minusInfinite = 0;
  for (const v of values) {
    if (v === Number.POSITIVE_INFINITY) plusInfinite++;
    else if (v === Number.NEGATIVE_INFINITY) minusInfinite++;
    else finite += v;
  }
  return { finite, plusInfinite, minusInfinite };
}

/** The sum of every value but one (that one given). */
function without(total: BoundSum, value: number): number {
  const plus = total.plusInfinite - (value === Number.POSITIVE_INFINITY ? 1 : 0);
  const minus = total.minusInfinite - (value === Number.NEGATIVE_INFINITY ? 1 : 0);
  if (plus > 0 && minus > 0) return Number.NaN;
  if (plus > 0) return Number.POSITIVE_INFINITY;
  if (minus > 0) return Number.NEGATIVE_INFINITY;
  return total.finite - (Number.isFinite(value) ? value : 0);
}

/**
 * A share of two published counts (0–1), withheld when either count is: a
 * turnout of 30% next to "10 eligible" would give the hidden "<5" away as 3.
 * Null when the whole is 0.
 */
export function publishedShare(part: PublishedCount, whole: PublishedCount): number | SuppressedCount | null {
  if (isSuppressed(part)) return part;
  if (isSuppressed(whole)) return whole;
  return whole === 0 ? null : part / whole;
}

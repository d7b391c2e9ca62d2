// Small-cell suppression for the breakdowns officials see (PIPL: de-identified
// aggregates only). A count of 1–4 people is never published; it becomes
// `{ suppressed: true, reason: "small" }` and renders as "<5". Whenever a line
// of the table (a row or a column) publishes its total, enough further cells
// are withheld (`reason: "complementary"`, rendered "*") that no small count
// can be worked out from the total by subtraction, nor pinned by its known
// range (1–4) combined with the other withheld cells' known ranges — by any
// combination of lines, not one line at a time (the audit is exact). A table
// no withholding can protect is answered `{ ok: false, reason: "unsafe" }`.
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
 * What the privacy module answers for a table or breakdown: the protected
 * table, or `unsafe` when no withholding can protect it — even with every
 * non-zero count and total withheld, the reader could still work out a small
 * count (e.g. four categories of one person each under a withheld "<5" total:
 * each must be 1). Such a table must not be published at all.
 */
export type Protection<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly reason: "unsafe" };

/** Thrown by `suppressBreakdown`/`suppressTable` for a table `protectTable` calls unsafe. */
export class UnsafeTableError extends Error {
  constructor() {
    super("small-cell suppression: no withholding protects this table");
    this.name = "UnsafeTableError";
  }
}

/**
 * A one-dimensional breakdown ("took part, by building"), with its total
 * published unless `{ total: false }`.
 */
export function protectBreakdown(counts: readonly number[], options: { readonly total?: boolean } = {}): Protection<SuppressedBreakdown> {
  const withTotal = options.total ?? true;
  const result = protectTable([counts], { rowTotals: withTotal });
  if (!result.ok) return result;
  const table = result.value;
  return { ok: true, value: { cells: table.cells[0] ?? [], total: table.rowTotals ? table.rowTotals[0]! : null } };
}

/** `protectBreakdown` for callers whose breakdown is known to be protectable; throws `UnsafeTableError` otherwise. */
export function suppressBreakdown(counts: readonly number[], options: { readonly total?: boolean } = {}): SuppressedBreakdown {
  const result = protectBreakdown(counts, options);
  if (!result.ok) throw new UnsafeTableError();
  return result.value;
}

/** `protectTable` for callers whose table is known to be protectable; throws `UnsafeTableError` otherwise. */
export function suppressTable(counts: readonly (readonly number[])[], totals: TableTotals = {}): SuppressedTable {
  const result = protectTable(counts, totals);
  if (!result.ok) throw new UnsafeTableError();
  return result.value;
}

// ---------------------------------------------------------------------------
// The table is modelled as a grid of "slots" (cells and the totals that are
// published), and a list of lines: each line says Σ parts = total.
//
// The same table is also a circulation in a small network: source → row i
// (the row total), row i → column j (the cell), column j → sink (the column
// total), sink → source (the grand total). Every slot is an arc whose flow the
// reader knows exactly (published) or only within a range ("<5": 1–4, "*": 5
// or more); a total that is not published is an arc free in [0, ∞). What the
// reader can deduce is exactly the set of feasible circulations; its matrix is
// totally unimodular, so the values a cell can take form an interval of whole
// numbers, and "is this value possible?" is one max-flow.

interface Slot {
  readonly value: number;
  /** Part cells are preferred as complements; totals are the last resort. */
  readonly isTotal: boolean;
  hidden: SuppressionReason | null;
  /** Indices of the lines this slot belongs to. */
  readonly lines: number[];
  /** The slot's arc in the network. */
  readonly from: number;
  readonly to: number;
}

interface Line {
  readonly parts: number[];
  readonly total: number;
}

interface Network {
  readonly nodes: number;
  readonly slots: Slot[];
  /** Arcs of totals that are not published: any flow ≥ 0. */
  readonly free: readonly { readonly from: number; readonly to: number }[];
}

/**
 * A two-dimensional breakdown (rows × columns, e.g. building × relation to the
 * unit), with the row and/or column totals the caller will publish. Totals are
 * computed here from the counts, so they always match.
 */
export function protectTable(counts: readonly (readonly number[])[], totals: TableTotals = {}): Protection<SuppressedTable> {
  const rows = counts.length;
  const columns = rows === 0 ? 0 : counts[0]!.length;
  for (const row of counts) {
    if (row.length !== columns) throw new RangeError("every row needs the same number of cells");
    for (const c of row) if (!Number.isInteger(c) || c < 0) throw new RangeError(`a count must be a whole number ≥ 0, got ${c}`);
  }
  const withRow = totals.rowTotals ?? false;
  const withColumn = totals.columnTotals ?? false;

  // Nodes: 0 source, 1 sink, 2 … rows+1 the rows, then the columns.
  const SOURCE = 0;
  const SINK = 1;
  const rowNode = (r: number) => 2 + r;
  const columnNode = (c: number) => 2 + rows + c;
  const slots: Slot[] = [];
  const free: { from: number; to: number }[] = [];
  const lines: Line[] = [];
  const add = (value: number, isTotal: boolean, from: number, to: number): number => {
    slots.push({ value, isTotal, hidden: isSmallCount(value) ? "small" : null, lines: [], from, to });
    return slots.length - 1;
  };
  const cell: number[][] = counts.map((row, r) => row.map((v, c) => add(v, false, rowNode(r), columnNode(c))));
  const rowTotal = withRow ? counts.map((row, r) => add(sum(row), true, SOURCE, rowNode(r))) : null;
  if (!withRow) for (let r = 0; r < rows; r++) free.push({ from: SOURCE, to: rowNode(r) });
  const columnTotal = withColumn ? Array.from({ length: columns }, (_, c) => add(sum(counts.map((row) => row[c]!)), true, columnNode(c), SINK)) : null;
  if (!withColumn) for (let c = 0; c < columns; c++) free.push({ from: columnNode(c), to: SINK });
  const grand = withRow && withColumn ? add(sum(counts.map(sum)), true, SINK, SOURCE) : null;
  if (grand === null) free.push({ from: SINK, to: SOURCE });

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

  if (!protect({ nodes: 2 + rows + columns, slots, free }, lines)) return { ok: false, reason: "unsafe" };

  const out = (s: number): PublishedCount => {
    const slot = slots[s]!;
    return slot.hidden === null ? slot.value : slot.hidden === "small" ? SMALL_COUNT : COMPLEMENTARY_COUNT;
  };
  return {
    ok: true,
    value: {
      cells: cell.map((row) => row.map(out)),
      rowTotals: rowTotal ? rowTotal.map(out) : null,
      columnTotals: columnTotal ? columnTotal.map(out) : null,
      grandTotal: grand === null ? null : out(grand),
    },
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
 * then an exact audit (every value each withheld small count could take, given
 * every published number and every withheld slot's known range) until no small
 * count is pinned to one value. Each round withholds one more non-zero slot,
 * so it ends; false when every non-zero slot is withheld and a small count is
 * still pinned (withholding only ever widens what the reader must consider, so
 * nothing else could help: the table is unsafe).
 */
function protect(network: Network, lines: Line[]): boolean {
  const { slots } = network;
  for (;;) {
    const lone = lines.findIndex((line) => !isHidden(slots, line.total) && hiddenParts(slots, line).length === 1);
    if (lone >= 0 && hideComplement(slots, lines, lone)) continue;
    const pinned = pinnedSmallSlot(network);
    if (pinned === null) return true;
    if (hideToUnpin(network, lines, pinned)) continue;
    // No single slot frees it: widen the tightest line through the pinned slot
    // that still publishes its total, else withhold further out.
    const through = slots[pinned]!.lines.filter((l) => !isHidden(slots, lines[l]!.total));
    through.sort((a, b) => hiddenParts(slots, lines[a]!).length - hiddenParts(slots, lines[b]!).length);
    const line = through[0] ?? slots[pinned]!.lines[0];
    if (line !== undefined && hideComplement(slots, lines, line)) continue;
    // Still nothing: any published non-zero slot, cells first, smallest first.
    const rest = slots
      .map((_, s) => s)
      .filter((s) => !isHidden(slots, s) && slots[s]!.value > 0)
      .sort((a, b) => Number(slots[a]!.isTotal) - Number(slots[b]!.isTotal) || slots[a]!.value - slots[b]!.value || a - b);
    if (rest.length === 0) return false;
    slots[rest[0]!]!.hidden = "complementary";
  }
}

function isHidden(slots: Slot[], s: number): boolean {
  return slots[s]!.hidden !== null;
}

function hiddenParts(slots: Slot[], line: Line): number[] {
  return line.parts.filter((s) => isHidden(slots, s));
}

/**
 * Withholds the one published non-zero slot that frees the pinned small
 * count, if some single slot does: a cell before a total, the smallest count
 * first (it costs the reader least), sharing a line with the pinned slot first.
 */
function hideToUnpin(network: Network, lines: Line[], pinned: number): boolean {
  const { slots } = network;
  const near = new Set(slots[pinned]!.lines.flatMap((l) => [...lines[l]!.parts, lines[l]!.total]));
  const candidates = slots
    .map((_, s) => s)
    .filter((s) => !isHidden(slots, s) && slots[s]!.value > 0)
    .sort(
      (a, b) =>
        Number(slots[a]!.isTotal) - Number(slots[b]!.isTotal) ||
        Number(!near.has(a)) - Number(!near.has(b)) ||
        slots[a]!.value - slots[b]!.value ||
        a - b,
    );
  for (const s of candidates) {
    slots[s]!.hidden = "complementary";
    if (!isPinned(network, pinned)) return true;
    slots[s]!.hidden = null;
  }
  return false;
}

/**
 * Hides one more slot of a line: the smallest published non-zero part,
 * preferring one whose other line already withholds a cell (so one complement
 * often protects both lines); when no part is left, the line's total; when the
 * whole line is withheld, a slot of the nearest line that still publishes
 * something non-zero. False when nothing connected to the line is left.
 */
function hideComplement(slots: Slot[], lines: Line[], lineIndex: number): boolean {
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
    return true;
  }
  if (!isHidden(slots, line.total) && slots[line.total]!.value > 0) {
    slots[line.total]!.hidden = "complementary";
    return true;
  }
  const seen = new Set<number>([lineIndex]);
  const queue = [lineIndex];
  while (queue.length > 0) {
    const current = lines[queue.shift()!]!;
    for (const s of [...current.parts, current.total]) {
      for (const l of slots[s]!.lines) {
        if (seen.has(l)) continue;
        seen.add(l);
        const other = lines[l]!;
        if ([...other.parts, other.total].some((t) => !isHidden(slots, t) && slots[t]!.value > 0)) return hideComplement(slots, lines, l);
        queue.push(l);
      }
    }
  }
  return false;
}

/** The range a reader knows a slot lies in: its value if published, else what its mark says. */
function knownRange(slot: Slot): [number, number] {
  if (slot.hidden === null) return [slot.value, slot.value];
  return slot.hidden === "small" ? [1, SMALLEST_PUBLISHED_COUNT - 1] : [SMALLEST_PUBLISHED_COUNT, Number.POSITIVE_INFINITY];
}

/** The first withheld small count the reader can pin to one value, or null. */
function pinnedSmallSlot(network: Network): number | null {
  const index = network.slots.findIndex((slot, s) => slot.hidden === "small" && isPinned(network, s));
  return index < 0 ? null : index;
}

/**
 * Can the reader tell this withheld small count's value? Its possible values
 * form an interval of whole numbers containing the truth, so it is free
 * exactly when one neighbour of the truth (within 1–4) is possible too.
 */
function isPinned(network: Network, s: number): boolean {
  const truth = network.slots[s]!.value;
  for (const v of [truth - 1, truth + 1]) {
    if (v >= 1 && v < SMALLEST_PUBLISHED_COUNT && feasible(network, s, v)) return false;
  }
  return true;
}

/**
 * Is there a filling of the table consistent with everything published, with
 * slot `fixed` set to `value`? A circulation with lower bounds, decided by one
 * max-flow (Edmonds–Karp) from a super source to a super sink.
 */
function feasible(network: Network, fixed: number, value: number): boolean {
  const n = network.nodes + 2;
  const superSource = network.nodes;
  const superSink = network.nodes + 1;
  const head: number[][] = Array.from({ length: n }, () => []);
  const to: number[] = [];
  const capacity: number[] = [];
  const link = (u: number, v: number, c: number) => {
    head[u]!.push(to.length);
    to.push(v);
    capacity.push(c);
    head[v]!.push(to.length);
    to.push(u);
    capacity.push(0);
  };
  const excess = new Array<number>(network.nodes).fill(0);
  const arc = (from: number, to: number, lo: number, hi: number) => {
    if (hi > lo) link(from, to, hi - lo);
    excess[to]! += lo;
    excess[from]! -= lo;
  };
  network.slots.forEach((slot, s) => {
    const [lo, hi] = s === fixed ? [value, value] : knownRange(slot);
    arc(slot.from, slot.to, lo, hi);
  });
  for (const f of network.free) arc(f.from, f.to, 0, Number.POSITIVE_INFINITY);
  let needed = 0;
  excess.forEach((e, v) => {
    if (e > 0) {
      link(superSource, v, e);
      needed += e;
    } else if (e < 0) link(v, superSink, -e);
  });
  let flow = 0;
  for (;;) {
    const via = new Array<number>(n).fill(-1);
    const queue = [superSource];
    via[superSource] = -2;
    for (let q = 0; q < queue.length && via[superSink] === -1; q++) {
      const u = queue[q]!;
      for (const e of head[u]!) {
        if (capacity[e]! > 0 && via[to[e]!] === -1) {
          via[to[e]!] = e;
          queue.push(to[e]!);
        }
      }
    }
    if (via[superSink] === -1) break;
    let push = Number.POSITIVE_INFINITY;
    for (let v = superSink; v !== superSource; v = to[via[v]! ^ 1]!) push = Math.min(push, capacity[via[v]!]!);
    for (let v = superSink; v !== superSource; v = to[via[v]! ^ 1]!) {
      capacity[via[v]!]! -= push;
      capacity[via[v]! ^ 1]! += push;
    }
    flow += push;
  }
  return flow === needed;
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

// The vote matrix: participants × statements (moderated-out statements already
// dropped), coded the way Pol.is's math codes it: agree −1, disagree +1, pass 0.
//
// It is stored sparse (compressed rows) because residents vote on a fraction of
// the statements. That costs nothing in exactness: after the missing cells are
// filled with the column mean and the matrix is mean-centred, every missing cell
// is exactly 0, so the centred matrix has the same non-zeros as the vote list.

export const AGREE = -1;
export const DISAGREE = 1;
export const PASS = 0;

export interface SparseVotes {
  readonly rowCount: number;
  readonly columnCount: number;
  /** Row r's entries are [rowStart[r], rowStart[r+1]). Length rowCount + 1. */
  readonly rowStart: Int32Array;
  readonly column: Int32Array;
  /** Internal coding: −1 agree, +1 disagree, 0 pass. */
  readonly value: Int8Array;
}

/**
 * Builds compressed rows from vote triples. Entries with column < 0 are skipped
 * (votes on moderated-out statements). When a (row, column) pair repeats, the
 * later triple wins. Within a row, entries are sorted by column.
 *
 * `handOver`: the caller gives `columns` and `values` away (never reads or writes
 * them again), so triples already in row order become the matrix's own arrays
 * rather than being copied.
 */
export function buildSparseVotes(
  rowCount: number,
  columnCount: number,
  rows: Int32Array,
  columns: Int32Array,
  values: Int8Array,
  handOver = false,
): SparseVotes {
  const n = rows.length;
  if (inRowOrder(rows, columns)) {
    // Votes read participant by participant in statement order, none moderated out: the
    // triples already are the compressed rows (what the general path below would build,
    // without its scratch copies of two million entries).
    const rowStart = new Int32Array(rowCount + 1);
    for (let i = 0; i < n; i++) rowStart[rows[i]! + 1]!++;
    for (let r = 0; r < rowCount; r++) rowStart[r + 1]! += rowStart[r]!;
    return handOver && columns.length === n && values.length === n
      ? { rowCount, columnCount, rowStart, column: columns, value: values }
      : { rowCount, columnCount, rowStart, column: columns.slice(0, n), value: values.slice(0, n) };
  }
  const count = new Int32Array(rowCount + 1);
  for (let i = 0; i < n; i++) if (columns[i]! >= 0) count[rows[i]! + 1]!++;
  for (let r = 0; r < rowCount; r++) count[r + 1]! += count[r]!;
  const cursor = count.slice(0, rowCount);
  const rawColumn = new Int32Array(count[rowCount]!);
  const rawValue = new Int8Array(count[rowCount]!);
  for (let i = 0; i < n; i++) {
    const c = columns[i]!;
    if (c < 0) continue;
    const at = cursor[rows[i]!]!++;
    rawColumn[at] = c;
    rawValue[at] = values[i]!;
  }
  // Deduplicate per row: slotOf[c] remembers where column c sits in the row being
  // compacted; stamp tells whether that memory belongs to this row.
  const stamp = new Int32Array(columnCount).fill(-1);
  const slotOf = new Int32Array(columnCount);
  const rowStart = new Int32Array(rowCount + 1);
  let out = 0;
  // Whether every row already runs by increasing column (votes read participant by
  // participant in statement order do): then the sort below has nothing to do.
  let sorted = true;
  for (let r = 0; r < rowCount; r++) {
    rowStart[r] = out;
    let previous = -1;
    for (let k = count[r]!, end = count[r + 1]!; k < end; k++) {
      const c = rawColumn[k]!;
      if (stamp[c] === r) {
        rawValue[slotOf[c]!] = rawValue[k]!;
      } else {
        stamp[c] = r;
        slotOf[c] = out;
        rawColumn[out] = c;
        rawValue[out] = rawValue[k]!;
        out++;
        if (c < previous) sorted = false;
        previous = c;
      }
    }
  }
  rowStart[rowCount] = out;
  if (sorted) return { rowCount, columnCount, rowStart, column: rawColumn.slice(0, out), value: rawValue.slice(0, out) };
  // Sort each row by column with one counting-sort pass through the columns, so
  // the floating-point sums downstream run in the same order whatever the order
  // of the votes (same votes, bit-identical analysis).
  const columnStart = new Int32Array(columnCount + 1);
  for (let k = 0; k < out; k++) columnStart[rawColumn[k]! + 1]!++;
  for (let c = 0; c < columnCount; c++) columnStart[c + 1]! += columnStart[c]!;
  const byColumnRow = new Int32Array(out);
  const byColumnValue = new Int8Array(out);
  const columnCursor = columnStart.slice(0, columnCount);
  for (let r = 0; r < rowCount; r++) {
    for (let k = rowStart[r]!, end = rowStart[r + 1]!; k < end; k++) {
      const at = columnCursor[rawColumn[k]!]!++;
      byColumnRow[at] = r;
      byColumnValue[at] = rawValue[k]!;
    }
  }
  const column = new Int32Array(out);
  const value = new Int8Array(out);
  const rowCursor = rowStart.slice(0, rowCount);
  for (let c = 0; c < columnCount; c++) {
    for (let k = columnStart[c]!, end = columnStart[c + 1]!; k < end; k++) {
      const at = rowCursor[byColumnRow[k]!]!++;
      column[at] = c;
      value[at] = byColumnValue[k]!;
    }
  }
  return { rowCount, columnCount, rowStart, column, value };
}

/** Whether the rows never decrease, each row's columns strictly increase (no repeated cell), and no column is < 0. */
function inRowOrder(rows: Int32Array, columns: Int32Array): boolean {
  for (let i = 0; i < rows.length; i++) {
    const c = columns[i]!;
    if (c < 0) return false;
    if (i > 0 && (rows[i]! < rows[i - 1]! || (rows[i] === rows[i - 1] && c <= columns[i - 1]!))) return false;
  }
  return true;
}

/** Number of votes in each row. */
export function rowVoteCounts(votes: SparseVotes): Int32Array {
  const counts = new Int32Array(votes.rowCount);
  for (let r = 0; r < votes.rowCount; r++) counts[r] = votes.rowStart[r + 1]! - votes.rowStart[r]!;
  return counts;
}

/** The rows listed in `rows`, in that order. */
export function selectRows(votes: SparseVotes, rows: Int32Array): SparseVotes {
  const rowStart = new Int32Array(rows.length + 1);
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i]!;
    rowStart[i + 1] = rowStart[i]! + votes.rowStart[r + 1]! - votes.rowStart[r]!;
  }
  const column = new Int32Array(rowStart[rows.length]!);
  const value = new Int8Array(rowStart[rows.length]!);
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i]!;
    const from = votes.rowStart[r]!;
    const to = votes.rowStart[r + 1]!;
    column.set(votes.column.subarray(from, to), rowStart[i]!);
    value.set(votes.value.subarray(from, to), rowStart[i]!);
  }
  return { rowCount: rows.length, columnCount: votes.columnCount, rowStart, column, value };
}

/** Mean vote of each column over the rows that voted on it; 0 for a column nobody voted on. */
export function columnMeans(votes: SparseVotes): Float64Array {
  const sum = new Float64Array(votes.columnCount);
  const n = new Float64Array(votes.columnCount);
  const { column, value } = votes;
  for (let k = 0; k < column.length; k++) {
    const c = column[k]!;
    sum[c]! += value[k]!;
    n[c]!++;
  }
  for (let c = 0; c < votes.columnCount; c++) sum[c] = n[c]! > 0 ? sum[c]! / n[c]! : 0;
  return sum;
}

/**
 * The mean-centred, mean-filled matrix in sparse form: same layout as `votes`, the
 * entry at k being value[k] − center[column[k]], computed where it is used (the very
 * subtraction that would have filled a Float64Array: the same bits). Two million
 * votes keep their 1-byte codes instead of 16 MB of doubles, and the PCA's copy by
 * columns another 16 MB; `value` may hold any numbers (tests: already centred, center 0).
 */
export interface CenteredMatrix {
  readonly rowCount: number;
  readonly columnCount: number;
  readonly rowStart: Int32Array;
  readonly column: Int32Array;
  readonly value: Int8Array | Float64Array;
  readonly center: Float64Array;
}

export function centerVotes(votes: SparseVotes, center: Float64Array = columnMeans(votes)): CenteredMatrix {
  return { rowCount: votes.rowCount, columnCount: votes.columnCount, rowStart: votes.rowStart, column: votes.column, value: votes.value, center };
}

/** The centred entries as one array (tests and small matrices). */
export function centeredEntries(m: CenteredMatrix): Float64Array {
  const x = new Float64Array(m.value.length);
  for (let k = 0; k < x.length; k++) x[k] = m.value[k]! - m.center[m.column[k]!]!;
  return x;
}

/**
 * The dense matrix with missing cells filled by their column mean (row-major).
 * For small matrices and tests: the engine itself works on the sparse form.
 */
export function denseFilledMatrix(votes: SparseVotes, center: Float64Array = columnMeans(votes)): Float64Array {
  const dense = new Float64Array(votes.rowCount * votes.columnCount);
  for (let r = 0; r < votes.rowCount; r++) {
    dense.set(center, r * votes.columnCount);
    for (let k = votes.rowStart[r]!, end = votes.rowStart[r + 1]!; k < end; k++) {
      dense[r * votes.columnCount + votes.column[k]!] = votes.value[k]!;
    }
  }
  return dense;
}

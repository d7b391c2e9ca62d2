// A generic table: what a CSV file, an XLSX sheet and a PDF table all show.
// Cells are plain values; a withheld count (privacy module) is a cell too and
// every renderer prints its mark ("<5", "*").

import { formatPublishedCount, isSuppressed, type SuppressedCount } from "../../domain/privacy/smallCells.js";

/** text: as is; int: whole number; decimal: up to 2 places; percent: a share 0–1 shown as %. */
export type ColumnKind = "text" | "int" | "decimal" | "percent";

export interface Column {
  readonly header: string;
  readonly kind: ColumnKind;
  /** Width in characters (a CJK character counts 2); measured from the content when absent. */
  readonly width?: number;
}

export type Cell = string | number | null | SuppressedCount;

export interface Table {
  /** Sheet name in a workbook, file name stem for CSV. */
  readonly name: string;
  readonly columns: readonly Column[];
  readonly rows: readonly (readonly Cell[])[];
}

/** A cell as text for people (PDF) and for CSV: numbers in plain digits, shares as percent, withheld counts as marks. */
export function cellText(cell: Cell, kind: ColumnKind, options: { grouping?: boolean } = {}): string {
  if (cell === null) return "";
  if (isSuppressed(cell)) return formatPublishedCount(cell);
  if (typeof cell === "string") return cell;
  if (!Number.isFinite(cell)) return "";
  // Hand-rolled: Number#toLocaleString costs microseconds per call, too much for 200,000 cells.
  const grouping = options.grouping ?? false;
  switch (kind) {
    case "int":
      return group(String(Math.round(cell)), grouping);
    case "decimal":
      return group(String(Math.round(cell * 100) / 100), grouping);
    case "percent":
      return `${Math.round(cell * 1000) / 10}%`;
    case "text":
      return String(cell);
  }
}

/** Thousands separators for a plain decimal string ("-1234.5" → "-1,234.5"). */
function group(digits: string, grouping: boolean): string {
  if (!grouping) return digits;
  const match = /^(-?)(\d+)(.*)$/.exec(digits);
  if (!match) return digits;
  const [, sign, whole, rest] = match;
  return sign! + whole!.replace(/\B(?=(\d{3})+(?!\d))/g, ",") + rest!;
}

/**
 * Columns as wide as East Asian text needs: wide and full-width characters
 * (CJK, kana, Hangul, full-width forms) count 2, others 1.
 */
export function displayWidth(text: string): number {
  let width = 0;
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    width += isWide(code) ? 2 : 1;
  }
  return width;
}

function isWide(code: number): boolean {
  return (
    (code >= 0x1100 && code <= 0x115f) ||
    (code >= 0x2e80 && code <= 0x303e) ||
    (code >= 0x3041 && code <= 0x33ff) ||
    (code >= 0x3400 && code <= 0x4dbf) ||
    (code >= 0x4e00 && code <= 0x9fff) ||
    (code >= 0xa000 && code <= 0xa4cf) ||
    (code >= 0xac00 && code <= 0xd7a3) ||
    (code >= 0xf900 && code <= 0xfaff) ||
    (code >= 0xfe30 && code <= 0xfe4f) ||
    (code >= 0xff00 && code <= 0xff60) ||
    (code >= 0xffe0 && code <= 0xffe6) ||
    (code >= 0x1f300 && code <= 0x1faff) ||
    (code >= 0x20000 && code <= 0x3fffd)
  );
}

export function validateTable(table: Table): void {
  const n = table.columns.length;
  if (n === 0) throw new RangeError(`table "${table.name}" has no columns`);
  table.rows.forEach((row, i) => {
    if (row.length !== n) throw new RangeError(`table "${table.name}" row ${i + 1} has ${row.length} cells, expected ${n}`);
  });
}

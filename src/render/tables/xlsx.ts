// An XLSX workbook, one sheet per table: header row bold and frozen, widths
// fitted to the content (CJK counts double), numbers stored as numbers with a
// number format, withheld counts as their marks, and the snapshot's version and
// hash in the workbook's properties and in every sheet's printed footer.

import { isSuppressed, SUPPRESSION_MARK } from "../../domain/privacy/smallCells.js";
import { cellText, displayWidth, validateTable, type Cell, type ColumnKind, type Table } from "./table.js";

export interface WorkbookMeta {
  readonly title: string;
  readonly subject?: string;
  /** e.g. "v2 · sha256 3f5a…" — printed in every sheet's footer and stored as the workbook's description. */
  readonly footer: string;
  /** Stored as the workbook's creation time (pass the snapshot's time; nothing here reads the clock). */
  readonly created: Date;
  readonly creator?: string;
  readonly keywords?: string;
}

const NUMBER_FORMAT: Readonly<Record<Exclude<ColumnKind, "text">, string>> = {
  int: "#,##0",
  decimal: "#,##0.00",
  percent: "0.0%",
};

const MIN_WIDTH = 6;
const MAX_WIDTH = 60;
/** Rows measured for column widths (the rest rarely change them, and measuring costs). */
const MEASURED_ROWS = 2000;
const ROWS_PER_YIELD = 1000;

type ExcelModule = typeof import("exceljs");
type ExcelStyle = import("exceljs").Style;
let excel: Promise<ExcelModule> | null = null;
// exceljs is CommonJS: its exports sit on `default` when imported from ESM.
const loadExcel = () => (excel ??= import("exceljs").then((m) => (m as unknown as { default?: ExcelModule }).default ?? m));

/** Excel's sheet-name rules: ≤ 31 characters, none of []:*?/\, unique ignoring case. */
export function sheetNames(names: readonly string[]): string[] {
  const used = new Set<string>();
  return names.map((raw) => {
    const base = raw.replace(/[[\]:*?/\\]/g, "_").replace(/^'+|'+$/g, "").trim().slice(0, 31) || "Sheet";
    let name = base;
    for (let i = 2; used.has(name.toLowerCase()); i++) {
      const suffix = ` (${i})`;
      name = base.slice(0, 31 - suffix.length) + suffix;
    }
    used.add(name.toLowerCase());
    return name;
  });
}

/** In Excel header/footer codes "&" starts a code; a literal one is "&&". */
function footerText(text: string): string {
  return text.replace(/&/g, "&&");
}

function columnWidth(table: Table, index: number): number {
  const column = table.columns[index]!;
  if (column.width !== undefined) return Math.max(1, Math.min(255, column.width));
  let widest = displayWidth(column.header) + 2; // room for the bold header
  const rows = Math.min(table.rows.length, MEASURED_ROWS);
  for (let r = 0; r < rows; r++) {
    const text = cellText(table.rows[r]![index]!, column.kind, { grouping: true });
    widest = Math.max(widest, displayWidth(text));
  }
  return Math.max(MIN_WIDTH, Math.min(MAX_WIDTH, widest + 2));
}

function excelValue(cell: Cell): string | number | null {
  if (cell === null) return null;
  if (isSuppressed(cell)) return SUPPRESSION_MARK[cell.reason];
  if (typeof cell === "number") return Number.isFinite(cell) ? cell : null;
  return cell; // a string in a number column stays as written
}

export async function toXlsx(tables: readonly Table[], meta: WorkbookMeta): Promise<Buffer> {
  for (const t of tables) validateTable(t);
  if (tables.length === 0) throw new RangeError("a workbook needs at least one table");
  const ExcelJS = await loadExcel();
  // The streaming writer: several times faster than the in-memory workbook for
  // 10,000-row sheets, and it never holds every cell object at once.
  const { PassThrough } = await import("node:stream");
  const sink = new PassThrough();
  const chunks: Buffer[] = [];
  sink.on("data", (chunk: Buffer) => chunks.push(chunk));
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: sink, useStyles: true, useSharedStrings: false });
  workbook.creator = meta.creator ?? "Frontstage";
  workbook.lastModifiedBy = meta.creator ?? "Frontstage";
  workbook.created = meta.created;
  workbook.modified = meta.created;
  workbook.title = meta.title;
  workbook.subject = meta.subject ?? "";
  workbook.description = meta.footer;
  workbook.keywords = meta.keywords ?? "";

  const names = sheetNames(tables.map((t) => t.name));
  for (const [t, table] of tables.entries()) {
    const sheet = workbook.addWorksheet(names[t]!, {
      views: [{ state: "frozen", ySplit: 1, xSplit: 0 }],
      headerFooter: { oddFooter: `&L${footerText(meta.footer)}&R&P / &N`, evenFooter: `&L${footerText(meta.footer)}&R&P / &N` },
      pageSetup: { orientation: "landscape", fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: "1:1" },
    });
    // No font name: the reader's Excel picks its own CJK font (the PDF's font is not on their machine).
    const styles = table.columns.map((c) => ({
      ...(c.kind === "text"
        ? { alignment: { vertical: "top" as const, wrapText: true } }
        : { numFmt: NUMBER_FORMAT[c.kind], alignment: { horizontal: "right" as const, vertical: "top" as const } }),
    }));
    sheet.columns = table.columns.map((_, i) => ({ key: String(i), width: columnWidth(table, i), style: styles[i]! }));
    const header = sheet.addRow(table.columns.map((c) => c.header));
    header.font = { bold: true };
    header.alignment = { vertical: "middle", wrapText: true };
    header.fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFEFEFEF" } };
    header.commit();
    // One style object per column and kind of value, shared by its cells: exceljs looks a style up by
    // object first, and otherwise renders it to XML to find its number — for every cell (half the time).
    // Per kind of value because exceljs's number for a style without a number format depends on the first cell's type.
    const shared = table.columns.map(() => new Map<string, Partial<ExcelStyle>>());
    for (const [r, row] of table.rows.entries()) {
      const added = sheet.addRow(row.map((cell) => excelValue(cell)));
      added.eachCell({ includeEmpty: true }, (cell, column) => {
        const byKind = shared[column - 1];
        if (!byKind) return;
        const kind = typeof cell.value;
        let style = byKind.get(kind);
        if (!style) byKind.set(kind, (style = { ...cell.style }));
        cell.style = style;
      });
      added.commit();
      // Let the event loop (and the zip stream) run now and then when this runs on the bot's thread.
      if (r % ROWS_PER_YIELD === ROWS_PER_YIELD - 1) await new Promise<void>((resolve) => setImmediate(resolve));
    }
    if (table.rows.length > 0) sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: table.columns.length } };
    sheet.commit();
  }
  await workbook.commit();
  return Buffer.concat(chunks);
}

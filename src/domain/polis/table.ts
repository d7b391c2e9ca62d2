// Reading a CSV file with a header into named columns, with errors that name the
// file and the line. Shared by the four Pol.is files.

import { CsvSyntaxError, parseCsv, type CsvRecord } from "./csv.js";
import { PolisFormatError } from "./errors.js";

export interface Table {
  readonly file: string;
  readonly header: string[];
  readonly rows: CsvRecord[];
  /** Column index of each header name. */
  readonly columns: Map<string, number>;
}

export function parseRecords(file: string, text: string): CsvRecord[] {
  try {
    return parseCsv(text);
  } catch (error) {
    if (error instanceof CsvSyntaxError) throw new PolisFormatError(file, error.line, error.reason);
    throw error;
  }
}

export function readTable(file: string, text: string, required: readonly string[]): Table {
  const records = parseRecords(file, text);
  const head = records[0];
  if (head === undefined) throw new PolisFormatError(file, 1, "the file is empty (no header line)");
  const header = head.fields.map((h) => h.trim());
  const columns = new Map<string, number>();
  header.forEach((name, i) => {
    if (!columns.has(name)) columns.set(name, i);
  });
  const missing = required.filter((name) => !columns.has(name));
  if (missing.length > 0) {
    throw new PolisFormatError(file, head.line, `missing column${missing.length > 1 ? "s" : ""} ${missing.join(", ")}`);
  }
  return { file, header, rows: records.slice(1), columns };
}

export function field(table: Table, row: CsvRecord, name: string): string {
  const at = table.columns.get(name);
  return at === undefined ? "" : (row.fields[at] ?? "");
}

const INTEGER = /^-?\d+$/;

export function integerField(table: Table, row: CsvRecord, name: string): number {
  const raw = field(table, row, name).trim();
  if (!INTEGER.test(raw)) throw new PolisFormatError(table.file, row.line, `${name} "${raw}" is not an integer`);
  const value = Number(raw);
  if (!Number.isSafeInteger(value)) throw new PolisFormatError(table.file, row.line, `${name} "${raw}" is too large`);
  return value;
}

/** An integer, or `fallback` when the column is absent or the cell empty. */
export function optionalIntegerField(table: Table, row: CsvRecord, name: string, fallback: number): number {
  if (!table.columns.has(name) || field(table, row, name).trim() === "") return fallback;
  return integerField(table, row, name);
}

export function numberField(table: Table, row: CsvRecord, name: string): number {
  const raw = field(table, row, name).trim();
  const value = raw === "" ? NaN : Number(raw);
  if (!Number.isFinite(value)) throw new PolisFormatError(table.file, row.line, `${name} "${raw}" is not a number`);
  return value;
}

/** A Pol.is vote cell: 1 agree, −1 disagree, 0 pass. */
export function voteField(file: string, line: number, name: string, raw: string): -1 | 0 | 1 {
  const v = raw.trim();
  if (v === "1") return 1;
  if (v === "-1") return -1;
  if (v === "0" || v === "-0") return 0;
  throw new PolisFormatError(file, line, `${name} "${v}" is not a vote (-1, 0 or 1)`);
}

// The small Pol.is files (comments.csv, summary.csv) as records of strings, with
// typed cells whose errors name the file and the line.

import { CsvRecordCollector, type CsvRecord } from "../text/csv.js";
import { PolisFormatError } from "./errors.js";
import { PolisCsvInput, type Header } from "./fields.js";

const encoder = new TextEncoder();

/** Collects a small file's records; push chunks, then `records()`. */
export class PolisRecordInput {
  private readonly collector = new CsvRecordCollector();
  private readonly input: PolisCsvInput;
  constructor(readonly file: string) {
    this.input = new PolisCsvInput(file, this.collector);
  }
  push(chunk: Uint8Array): void {
    this.input.push(chunk);
  }
  records(): CsvRecord[] {
    this.input.end();
    return this.collector.records;
  }
}

export function parseRecords(file: string, text: string | Uint8Array): CsvRecord[] {
  const input = new PolisRecordInput(file);
  input.push(typeof text === "string" ? encoder.encode(text) : text);
  return input.records();
}

export function cell(header: Header, row: CsvRecord, name: string): string {
  const at = header.index.get(name);
  return at === undefined ? "" : (row.fields[at] ?? "");
}

const INTEGER = /^-?\d+$/;

export function integerCell(file: string, header: Header, row: CsvRecord, name: string): number {
  const raw = cell(header, row, name).trim();
  if (!INTEGER.test(raw)) throw new PolisFormatError(file, row.line, `${name} "${raw}" is not an integer`);
  const value = Number(raw);
  if (!Number.isSafeInteger(value)) throw new PolisFormatError(file, row.line, `${name} "${raw}" is too large`);
  return value;
}

/** An integer, or `fallback` when the column is absent or the cell empty. */
export function optionalIntegerCell(file: string, header: Header, row: CsvRecord, name: string, fallback: number): number {
  if (!header.index.has(name) || cell(header, row, name).trim() === "") return fallback;
  return integerCell(file, header, row, name);
}

/** A number, or undefined when the column is absent or the cell empty. */
export function optionalNumberCell(file: string, header: Header, row: CsvRecord, name: string): number | undefined {
  const raw = cell(header, row, name).trim();
  if (raw === "") return undefined;
  const value = Number(raw);
  if (!Number.isFinite(value)) throw new PolisFormatError(file, row.line, `${name} "${raw}" is not a number`);
  return value;
}

const TRUE = new Set(["1", "true", "t", "yes"]);
const FALSE = new Set(["0", "false", "f", "no"]);

/** A yes/no cell (1/0, true/false, t/f), or undefined when the column is absent or the cell empty. */
export function optionalBooleanCell(file: string, header: Header, row: CsvRecord, name: string): boolean | undefined {
  const raw = cell(header, row, name).trim();
  if (raw === "") return undefined;
  const lower = raw.toLowerCase();
  if (TRUE.has(lower)) return true;
  if (FALSE.has(lower)) return false;
  throw new PolisFormatError(file, row.line, `${name} "${raw}" is not true or false`);
}

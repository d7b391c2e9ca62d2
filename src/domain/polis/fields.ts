// Reading the fields of a Pol.is file: a CSV tokenizer whose syntax errors name
// the file, checks for encodings that are not UTF-8, header columns by name, and
// numbers parsed straight from the bytes (no string per cell).

import { CsvSyntaxError, CsvTokenizer, fieldText, utf16Signature, type CsvSink } from "../text/csv.js";
import { PolisFormatError } from "./errors.js";

/**
 * A Pol.is file fed in chunks: refuses a 0-byte file, UTF-16, and bytes that are
 * not UTF-8 (GBK…), each as a PolisFormatError naming the file and the line.
 */
export class PolisCsvInput {
  private readonly tokenizer: CsvTokenizer;
  private bytes = 0;
  constructor(
    readonly file: string,
    sink: CsvSink,
  ) {
    this.tokenizer = new CsvTokenizer(sink);
  }

  push(chunk: Uint8Array): void {
    if (chunk.length === 0) return;
    if (this.bytes === 0 && utf16Signature(chunk) !== null) {
      throw new PolisFormatError(this.file, 1, "the file is in UTF-16, not UTF-8 (save it as CSV UTF-8)");
    }
    this.bytes += chunk.length;
    this.guard(() => this.tokenizer.push(chunk));
  }

  end(): void {
    if (this.bytes === 0) throw new PolisFormatError(this.file, 1, "the file is empty (0 bytes)");
    this.guard(() => this.tokenizer.end());
  }

  private guard(f: () => void): void {
    try {
      f();
    } catch (error) {
      if (error instanceof CsvSyntaxError) throw new PolisFormatError(this.file, error.line, error.text);
      throw error;
    }
  }
}

const SPACE = 0x20;
const TAB = 0x09;

/**
 * The integer written in bytes[start, end) (spaces around allowed), or NaN when it
 * is not one: "12", "-3"; not "1.0", "", "1e3". Only 32-bit integers: Pol.is ids
 * and votes are small, and larger values come back as NaN too (see integerText).
 */
export function parseIntegerBytes(bytes: Uint8Array, start: number, end: number): number {
  while (start < end && (bytes[start] === SPACE || bytes[start] === TAB)) start++;
  while (end > start && (bytes[end - 1] === SPACE || bytes[end - 1] === TAB)) end--;
  if (start === end) return NaN;
  let negative = false;
  if (bytes[start] === 0x2d) {
    negative = true;
    start++;
    if (start === end) return NaN;
  }
  if (end - start > 10) return NaN;
  let value = 0;
  for (let i = start; i < end; i++) {
    const d = bytes[i]! - 0x30;
    if (d < 0 || d > 9) return NaN;
    value = value * 10 + d;
  }
  if (value > 2147483647) return NaN;
  return negative ? -value : value;
}

/** True when bytes[start, end) is empty or only spaces. */
export function isBlank(bytes: Uint8Array, start: number, end: number): boolean {
  for (let i = start; i < end; i++) if (bytes[i] !== SPACE && bytes[i] !== TAB) return false;
  return true;
}

const INTEGER = /^-?\d+$/;

/** Why `raw` (a cell that parseIntegerBytes refused) is not an id: for the message. */
export function integerProblem(name: string, raw: string): string {
  const v = raw.trim();
  return INTEGER.test(v) ? `${name} "${v}" is too large` : `${name} "${v}" is not an integer`;
}

/** The cell's text, trimmed, for messages. */
export function cellText(bytes: Uint8Array, start: number, end: number, escaped: boolean): string {
  return fieldText(bytes, start, end, escaped).trim();
}

/** A Pol.is vote cell: 1 agree, −1 disagree, 0 pass; NaN for anything else. */
export function parseVoteBytes(bytes: Uint8Array, start: number, end: number): number {
  const v = parseIntegerBytes(bytes, start, end);
  return v === 1 || v === -1 || v === 0 ? v : NaN;
}

/** A vote in text: 1, −1, 0 (−0 too), else a PolisFormatError. */
export function voteText(file: string, line: number, name: string, raw: string): -1 | 0 | 1 {
  const v = raw.trim();
  if (v === "1") return 1;
  if (v === "-1") return -1;
  if (v === "0" || v === "-0") return 0;
  throw new PolisFormatError(file, line, `${name} "${v}" is not a vote (-1, 0 or 1)`);
}

/** The header's columns by name (first occurrence wins) and the names as written. */
export interface Header {
  readonly names: string[];
  readonly index: Map<string, number>;
}

export function readHeader(fields: readonly string[]): Header {
  const names = fields.map((h) => h.trim());
  const index = new Map<string, number>();
  names.forEach((name, i) => {
    if (!index.has(name)) index.set(name, i);
  });
  return { names, index };
}

export function requireColumns(file: string, line: number, header: Header, required: readonly string[]): void {
  const missing = required.filter((name) => !header.index.has(name));
  if (missing.length > 0) throw new PolisFormatError(file, line, `missing column${missing.length > 1 ? "s" : ""} ${missing.join(", ")}`);
}

/** True for a header name that is a comment-id (a vote column of participants-votes.csv). */
export function isIntegerName(name: string): boolean {
  return INTEGER.test(name);
}

/** Header names that are not known (nor, with `numbersAreData`, a comment-id): read as nothing, reported once. */
export function unknownColumns(header: Header, known: readonly string[], numbersAreData = false): string[] {
  return header.names.filter((name) => name !== "" && !known.includes(name) && !(numbersAreData && INTEGER.test(name)));
}

/** A non-negative whole number of up to 15 digits (a timestamp in ms) from bytes; NaN otherwise (see numberText). */
export function parseTimestampBytes(bytes: Uint8Array, start: number, end: number): number {
  while (start < end && (bytes[start] === SPACE || bytes[start] === TAB)) start++;
  while (end > start && (bytes[end - 1] === SPACE || bytes[end - 1] === TAB)) end--;
  if (start === end || end - start > 15) return NaN;
  let value = 0;
  for (let i = start; i < end; i++) {
    const d = bytes[i]! - 0x30;
    if (d < 0 || d > 9) return NaN;
    value = value * 10 + d;
  }
  return value;
}

/** Any finite number written as text, or NaN. */
export function numberText(raw: string): number {
  const v = raw.trim();
  return v === "" ? NaN : Number(v);
}

// The project's one CSV module (RFC 4180): comma-separated, fields optionally in
// double quotes, "" for a quote inside quotes, commas and line breaks allowed
// inside quoted fields, an optional UTF-8 byte-order mark, LF, CRLF or CR line
// ends, blank lines skipped.
//
// The core is a push tokenizer over UTF-8 bytes: it hands each field to a sink as
// a byte range, so a reader of a 100 MB file can parse numbers straight from the
// bytes, chunk by chunk, without a string or an array per row. `parseCsv` builds
// records of strings on top of it for small files (rosters, comments).

/** One record of a CSV file and the line it starts on (1-based), for error messages. */
export interface CsvRecord {
  line: number;
  fields: string[];
}

export type CsvSyntaxReason = "unclosed-quote" | "stray-quote" | "text-after-quote" | "not-utf8" | "field-too-long";

const REASON_TEXT: Record<CsvSyntaxReason, string> = {
  "unclosed-quote": "a quoted field is never closed",
  "stray-quote": "a quote inside an unquoted field",
  "text-after-quote": "unexpected text after a closing quote",
  "not-utf8": "the text is not UTF-8 (GBK or another legacy encoding? save it as UTF-8)",
  "field-too-long": "a field longer than 1 MiB (is a quote never closed?)",
};

export class CsvSyntaxError extends Error {
  override readonly name = "CsvSyntaxError";
  /** An English description of the reason, for messages that name file and line. */
  readonly text: string;
  constructor(
    /** 1-based line: where the offending field (or quote) starts. */
    readonly line: number,
    readonly reason: CsvSyntaxReason,
  ) {
    super(`CSV syntax error on line ${line}: ${reason}`);
    this.text = REASON_TEXT[reason];
  }
}

/** Receives the fields of a CSV text in order. */
export interface CsvSink {
  /**
   * One field: bytes[start, end), quotes around it already removed. `escaped` is
   * true when it holds doubled quotes ("") still to be collapsed (see fieldText).
   * The bytes are only valid during the call.
   */
  field(bytes: Uint8Array, start: number, end: number, escaped: boolean): void;
  /** The end of a record that started on `line`. Blank lines make no record. */
  endRecord(line: number): void;
}

const QUOTE = 0x22;
const COMMA = 0x2c;
const LF = 0x0a;
const CR = 0x0d;
/** 1 for the bytes an unquoted field cannot simply run over: , " LF CR and every byte ≥ 0x80. */
const SPECIAL = new Uint8Array(256);
for (const b of [COMMA, QUOTE, LF, CR]) SPECIAL[b] = 1;
SPECIAL.fill(1, 0x80);
/** A field that does not end within this many bytes of carried-over text is refused. */
const MAX_CARRY = 1 << 20;

/** Length of the valid UTF-8 sequence at bytes[i] (a byte ≥ 0x80), 0 when it runs past `n`, −1 when invalid. */
function utf8SequenceLength(bytes: Uint8Array, i: number, n: number): number {
  const b = bytes[i]!;
  let need: number;
  let min: number;
  if (b >= 0xc2 && b <= 0xdf) (need = 1), (min = 0x80);
  else if (b >= 0xe0 && b <= 0xef) (need = 2), (min = 0x800);
  else if (b >= 0xf0 && b <= 0xf4) (need = 3), (min = 0x10000);
  else return -1;
  let cp = b & (0x3f >> need);
  for (let k = 1; k <= need; k++) {
    if (i + k >= n) {
      // Incomplete at the end of the buffer: fine if what is there so far is valid.
      for (let j = i + 1; j < n; j++) if ((bytes[j]! & 0xc0) !== 0x80) return -1;
      return 0;
    }
    const c = bytes[i + k]!;
    if ((c & 0xc0) !== 0x80) return -1;
    cp = (cp << 6) | (c & 0x3f);
  }
  if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return -1;
  return need + 1;
}

/**
 * Feeds UTF-8 bytes, in chunks of any size, to a CsvSink. Throws CsvSyntaxError
 * (with the line) on broken quotes and on bytes that are not UTF-8.
 */
export class CsvTokenizer {
  private carry: Uint8Array | null = null;
  private line = 1;
  private recordLine = 1;
  private fieldsInRecord = 0;
  private started = false;
  private skipLf = false;
  private done = false;

  constructor(private readonly sink: CsvSink) {}

  /** Reused for carry + chunk, so that big files make no garbage and the scan sees one kind of array. */
  private scratch = new Uint8Array(0);

  push(chunk: Uint8Array): void {
    if (this.done) throw new Error("CsvTokenizer: push after end");
    const carried = this.carry === null ? 0 : this.carry.length;
    const n = carried + chunk.length;
    if (this.scratch.length < n) this.scratch = new Uint8Array(Math.max(n, this.scratch.length * 2));
    if (this.carry !== null) this.scratch.set(this.carry);
    this.scratch.set(chunk, carried);
    this.carry = null;
    this.run(this.scratch, n, false);
  }

  end(): void {
    if (this.done) return;
    const rest = this.carry ?? new Uint8Array(0);
    this.carry = null;
    this.run(rest, rest.length, true);
    if (this.fieldsInRecord > 0) {
      // A record cut off right after a comma ends with an empty field.
      this.sink.field(rest, 0, 0, false);
      this.sink.endRecord(this.recordLine);
      this.fieldsInRecord = 0;
    }
    this.done = true;
  }

  private run(bytes: Uint8Array, n: number, final: boolean): void {
    let pos = 0;
    if (!this.started) {
      if (n < 3 && !final && (n === 0 || bytes[0] === 0xef)) {
        this.carry = bytes.slice(0, n);
        return;
      }
      this.started = true;
      if (n >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) pos = 3;
    }
    const sink = this.sink;
    let line = this.line;
    while (pos < n) {
      if (this.skipLf) {
        this.skipLf = false;
        if (bytes[pos] === LF) {
          pos++;
          continue;
        }
      }
      const fieldStart = pos;
      const fieldLine = line;
      if (this.fieldsInRecord === 0) this.recordLine = line;
      let start: number;
      let end: number;
      let escaped = false;
      let c: number;
      if (bytes[pos] === QUOTE) {
        // Quoted field: up to the quote that is not doubled.
        let j = pos + 1;
        let closed = -1;
        while (j < n) {
          c = bytes[j]!;
          if (c === QUOTE) {
            if (j + 1 < n && bytes[j + 1] === QUOTE) {
              escaped = true;
              j += 2;
              continue;
            }
            if (j + 1 >= n && !final) break; // cannot tell "" from " yet
            closed = j;
            break;
          }
          if (c === LF) line++;
          else if (c >= 0x80) {
            const len = utf8SequenceLength(bytes, j, n);
            if (len < 0) throw new CsvSyntaxError(line, "not-utf8");
            if (len === 0) {
              if (final) throw new CsvSyntaxError(line, "not-utf8");
              break;
            }
            j += len;
            continue;
          }
          j++;
        }
        if (closed < 0) {
          if (final) throw new CsvSyntaxError(fieldLine, "unclosed-quote");
          this.keep(bytes, n, fieldStart, fieldLine, "unclosed-quote");
          return;
        }
        start = pos + 1;
        end = closed;
        pos = closed + 1;
        if (pos >= n && !final) {
          this.keep(bytes, n, fieldStart, fieldLine, "unclosed-quote");
          return;
        }
        if (pos < n) {
          c = bytes[pos]!;
          if (c !== COMMA && c !== LF && c !== CR) throw new CsvSyntaxError(line, "text-after-quote");
        }
      } else {
        let j = pos;
        for (; j < n; j++) {
          c = bytes[j]!;
          if (SPECIAL[c] === 0) continue;
          if (c === COMMA || c === LF || c === CR) break;
          if (c === QUOTE) throw new CsvSyntaxError(line, "stray-quote");
          if (c >= 0x80) {
            const len = utf8SequenceLength(bytes, j, n);
            if (len < 0) throw new CsvSyntaxError(line, "not-utf8");
            if (len === 0) {
              if (final) throw new CsvSyntaxError(line, "not-utf8");
              j = n;
              break;
            }
            j += len - 1;
          }
        }
        if (j >= n && !final) {
          this.keep(bytes, n, fieldStart, fieldLine, "field-too-long");
          return;
        }
        start = pos;
        end = j;
        pos = j;
      }
      // The field ends here: at a comma, a line end, or the end of the text.
      if (pos >= n || bytes[pos] !== COMMA) {
        if (this.fieldsInRecord === 0 && end === start && bytes[fieldStart] !== QUOTE) {
          // A blank line: no record.
        } else {
          sink.field(bytes, start, end, escaped);
          sink.endRecord(this.recordLine);
        }
        this.fieldsInRecord = 0;
        if (pos < n) {
          if (bytes[pos] === CR) this.skipLf = true;
          pos++;
          line++;
        }
      } else {
        sink.field(bytes, start, end, escaped);
        this.fieldsInRecord++;
        pos++;
      }
      this.line = line;
    }
    this.line = line;
  }

  /** Carries an unfinished field over to the next chunk. */
  private keep(bytes: Uint8Array, n: number, from: number, line: number, reason: CsvSyntaxReason): void {
    if (n - from > MAX_CARRY) throw new CsvSyntaxError(line, reason === "unclosed-quote" ? "unclosed-quote" : "field-too-long");
    this.carry = bytes.slice(from, n);
    this.line = line;
  }
}

const utf8 = new TextDecoder("utf-8");

/** The text of a field the tokenizer handed over (doubled quotes collapsed). */
export function fieldText(bytes: Uint8Array, start: number, end: number, escaped: boolean): string {
  let text: string;
  if (end - start <= 32) {
    text = "";
    let ascii = true;
    for (let i = start; i < end; i++) {
      const c = bytes[i]!;
      if (c >= 0x80) {
        ascii = false;
        break;
      }
      text += String.fromCharCode(c);
    }
    if (!ascii) text = utf8.decode(bytes.subarray(start, end));
  } else text = utf8.decode(bytes.subarray(start, end));
  return escaped ? text.replaceAll('""', '"') : text;
}

/** A sink that collects records of strings. */
export class CsvRecordCollector implements CsvSink {
  readonly records: CsvRecord[] = [];
  private fields: string[] = [];
  field(bytes: Uint8Array, start: number, end: number, escaped: boolean): void {
    this.fields.push(fieldText(bytes, start, end, escaped));
  }
  endRecord(line: number): void {
    this.records.push({ line, fields: this.fields });
    this.fields = [];
  }
}

const encoder = new TextEncoder();

/** Parses UTF-8 bytes into records. */
export function parseCsvBytes(bytes: Uint8Array): CsvRecord[] {
  const collector = new CsvRecordCollector();
  const tokenizer = new CsvTokenizer(collector);
  tokenizer.push(bytes);
  tokenizer.end();
  return collector.records;
}

/** Parses the whole text into records. */
export function parseCsv(text: string): CsvRecord[] {
  return parseCsvBytes(encoder.encode(text));
}

function quote(value: string): string {
  return /[",\r\n]/.test(value) || /^\s|\s$/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/**
 * Rows to CSV text, fields quoted only when they must be, a line end after every
 * row: CRLF by default, as spreadsheet programs expect; Pol.is's files use LF.
 */
export function formatCsv(rows: readonly (readonly (string | number | null | undefined)[])[], lineEnd: "\r\n" | "\n" = "\r\n"): string {
  return rows.map((row) => row.map((v) => quote(v === null || v === undefined ? "" : String(v))).join(",")).join(lineEnd) + lineEnd;
}

/**
 * Strict UTF-8: a file in GBK or another legacy encoding is refused instead of
 * being read as mojibake. Returns null when the bytes are not valid UTF-8.
 */
export function decodeUtf8(bytes: Uint8Array): string | null {
  try {
    return new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    return null;
  }
}

/**
 * "utf-16" when the first bytes of a text file look like UTF-16 (a UTF-16 byte-order
 * mark, or NUL bytes among the first characters, which no CSV in UTF-8 has); else null.
 */
export function utf16Signature(head: Uint8Array): "utf-16" | null {
  if (head.length >= 2 && ((head[0] === 0xff && head[1] === 0xfe) || (head[0] === 0xfe && head[1] === 0xff))) return "utf-16";
  const n = Math.min(head.length, 64);
  for (let i = 0; i < n; i++) if (head[i] === 0) return "utf-16";
  return null;
}

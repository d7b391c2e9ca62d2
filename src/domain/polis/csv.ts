// CSV as Pol.is writes it (RFC 4180): comma-separated, fields optionally in
// double quotes, "" for a quote inside quotes, commas and line breaks allowed
// inside quoted fields, an optional UTF-8 BOM, LF or CRLF line ends.

export interface CsvRecord {
  /** 1-based line on which the record starts (a quoted line break moves later records down). */
  readonly line: number;
  readonly fields: string[];
}

export class CsvSyntaxError extends Error {
  override readonly name = "CsvSyntaxError";
  constructor(
    readonly line: number,
    readonly reason: string,
  ) {
    super(`line ${line}: ${reason}`);
  }
}

/** Parses the whole text. Blank lines are skipped. */
export function parseCsv(text: string): CsvRecord[] {
  const records: CsvRecord[] = [];
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const n = text.length;
  let line = 1;
  while (i < n) {
    const startLine = line;
    const fields: string[] = [];
    let endOfRecord = false;
    while (!endOfRecord) {
      let field = "";
      if (i < n && text[i] === '"') {
        const quoteLine = line;
        i++;
        for (;;) {
          if (i >= n) throw new CsvSyntaxError(quoteLine, "a quoted field is never closed");
          const next = text.indexOf('"', i);
          if (next < 0) throw new CsvSyntaxError(quoteLine, "a quoted field is never closed");
          const chunk = text.slice(i, next);
          for (let k = 0; k < chunk.length; k++) if (chunk.charCodeAt(k) === 10) line++;
          field += chunk;
          i = next + 1;
          if (text[i] === '"') {
            field += '"';
            i++;
          } else break;
        }
        if (i < n && text[i] !== "," && text[i] !== "\n" && text[i] !== "\r") {
          throw new CsvSyntaxError(line, "unexpected text after a closing quote");
        }
      } else {
        let j = i;
        while (j < n) {
          const c = text.charCodeAt(j);
          if (c === 44 || c === 10 || c === 13) break;
          j++;
        }
        field = text.slice(i, j);
        if (field.includes('"')) throw new CsvSyntaxError(line, "a quote inside an unquoted field");
        i = j;
      }
      fields.push(field);
      if (i >= n) endOfRecord = true;
      else if (text[i] === ",") i++;
      else {
        if (text[i] === "\r") i++;
        if (text[i] === "\n") i++;
        line++;
        endOfRecord = true;
      }
    }
    if (!(fields.length === 1 && fields[0] === "")) records.push({ line: startLine, fields });
  }
  return records;
}

function formatField(value: string): string {
  return /[",\r\n]/.test(value) || value !== value.trim() ? `"${value.replaceAll('"', '""')}"` : value;
}

/** One line per row, LF line ends, a final LF; fields quoted only when they must be. */
export function formatCsv(rows: readonly (readonly string[])[]): string {
  return rows.map((row) => row.map(formatField).join(",")).join("\n") + "\n";
}

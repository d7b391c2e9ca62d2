// CSV for Excel on a Chinese Windows: UTF-8 with a byte-order mark (without it
// Excel reads the file as GBK and the Chinese turns to mojibake) and CRLF lines.

import { stringify } from "csv-stringify/sync";
import { cellText, validateTable, type Table } from "./table.js";

/** Text that a spreadsheet would run as a formula (CSV injection); prefixed with ' so it stays text. */
const FORMULA_START = /^[=+\-@\t\r]/;

export async function toCsv(table: Table): Promise<Buffer> {
  validateTable(table);
  const records: string[][] = [table.columns.map((c) => c.header)];
  for (const row of table.rows) {
    records.push(
      row.map((cell, i) => {
        const kind = table.columns[i]!.kind;
        const text = cellText(cell, kind);
        return kind === "text" && typeof cell === "string" && FORMULA_START.test(text) ? `'${text}` : text;
      }),
    );
  }
  return Buffer.from(stringify(records, { bom: true, record_delimiter: "\r\n" }), "utf8");
}

import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { CsvRecordCollector, CsvSyntaxError, CsvTokenizer, formatCsv, parseCsv, parseCsvBytes, utf16Signature } from "../../../src/domain/text/csv.js";

const fields = (text: string) => parseCsv(text).map((r) => r.fields);

function syntaxError(f: () => unknown): CsvSyntaxError {
  try {
    f();
  } catch (error) {
    if (error instanceof CsvSyntaxError) return error;
    throw error;
  }
  throw new Error("expected a CsvSyntaxError");
}

/** Records from the bytes fed in pieces cut at `cuts`. */
function chunked(bytes: Uint8Array, cuts: number[]) {
  const collector = new CsvRecordCollector();
  const tokenizer = new CsvTokenizer(collector);
  let from = 0;
  for (const cut of [...cuts].sort((a, b) => a - b)) {
    tokenizer.push(bytes.subarray(from, cut));
    from = cut;
  }
  tokenizer.push(bytes.subarray(from));
  tokenizer.end();
  return collector.records;
}

describe("parseCsv", () => {
  it("splits plain fields and keeps empty ones", () => {
    expect(fields("a,b,c\n1,,3\n")).toEqual([
      ["a", "b", "c"],
      ["1", "", "3"],
    ]);
    expect(fields("x,y,\n")).toEqual([["x", "y", ""]]);
    expect(fields("x,y,")).toEqual([["x", "y", ""]]);
  });

  it("handles quotes, doubled quotes, commas and line breaks inside quotes", () => {
    const text = 'id,body\n1,"He said ""no"", then left"\n2,"line one\nline two"\n3,plain\n';
    expect(parseCsv(text)).toEqual([
      { line: 1, fields: ["id", "body"] },
      { line: 2, fields: ["1", 'He said "no", then left'] },
      { line: 3, fields: ["2", "line one\nline two"] },
      { line: 5, fields: ["3", "plain"] },
    ]);
  });

  it("ignores a byte-order mark, accepts CRLF, CR and a missing final newline, skips blank lines", () => {
    expect(fields("\uFEFFa,b\r\n1,2\r\n\r\n3,4")).toEqual([
      ["a", "b"],
      ["1", "2"],
      ["3", "4"],
    ]);
    expect(parseCsv("a\r\rb\r")).toEqual([
      { line: 1, fields: ["a"] },
      { line: 3, fields: ["b"] },
    ]);
    expect(fields('""\n')).toEqual([[""]]);
  });

  it("reports an unclosed quote with the line where it opened", () => {
    const e = syntaxError(() => parseCsv('a,b\n1,"open\nstill open\n'));
    expect([e.line, e.reason, e.text]).toEqual([2, "unclosed-quote", "a quoted field is never closed"]);
  });

  it("reports text after a closing quote and stray quotes", () => {
    expect(syntaxError(() => parseCsv('a\n"x"y\n'))).toMatchObject({ line: 2, reason: "text-after-quote" });
    expect(syntaxError(() => parseCsv('a\nx"y\n'))).toMatchObject({ line: 2, reason: "stray-quote" });
  });

  it("refuses bytes that are not UTF-8, with the line (GBK)", () => {
    const gbk = new Uint8Array([0x61, 0x0a, 0x62, 0x0a, 0xc4, 0xe3, 0xba, 0xc3, 0x0a]); // a, b, 你好 in GBK
    expect(syntaxError(() => parseCsvBytes(gbk))).toMatchObject({ line: 3, reason: "not-utf8" });
    expect(parseCsvBytes(new TextEncoder().encode("名字\n你好\n")).map((r) => r.fields)).toEqual([["名字"], ["你好"]]);
  });

  it("recognises UTF-16 by its byte-order mark or its NUL bytes", () => {
    expect(utf16Signature(new Uint8Array([0xff, 0xfe, 0x61, 0]))).toBe("utf-16");
    expect(utf16Signature(new Uint8Array([0, 0x61, 0, 0x2c]))).toBe("utf-16");
    expect(utf16Signature(new TextEncoder().encode("a,b\n"))).toBeNull();
  });
});

describe("CsvTokenizer in chunks", () => {
  it("gives the same records however the bytes are cut (quotes, CRLF, BOM and multi-byte characters across cuts)", () => {
    const text = '\uFEFFid,body\r\n1,"He said ""no"",\r\nthen left"\r\n2,第二行 ü\r\n\r\n3,"x""",\n4,';
    const bytes = new TextEncoder().encode(text);
    const whole = parseCsvBytes(bytes);
    expect(whole.map((r) => r.fields)).toEqual([["id", "body"], ["1", 'He said "no",\r\nthen left'], ["2", "第二行 ü"], ["3", 'x"', ""], ["4", ""]]);
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: bytes.length }), { maxLength: 12 }), (cuts) => {
        expect(chunked(bytes, cuts)).toEqual(whole);
      }),
    );
    for (let cut = 0; cut <= bytes.length; cut++) expect(chunked(bytes, [cut])).toEqual(whole);
  });

  it("reports an unclosed quote at its line when the text comes in chunks", () => {
    const bytes = new TextEncoder().encode('a\nb\n"never\nclosed');
    expect(syntaxError(() => chunked(bytes, [3, 6, 9]))).toMatchObject({ line: 3, reason: "unclosed-quote" });
  });
});

describe("formatCsv", () => {
  it("quotes only what needs quoting; CRLF by default, LF on request", () => {
    expect(formatCsv([["a", "b,c", 'say "hi"', "two\nlines", " padded"]])).toBe('a,"b,c","say ""hi""","two\nlines"," padded"\r\n');
    expect(formatCsv([["a", 1, null], ["b"]], "\n")).toBe("a,1,\nb\n");
  });

  it("round-trips through parseCsv", () => {
    const row = fc.array(fc.string({ unit: "grapheme" }), { minLength: 2, maxLength: 6 });
    fc.assert(
      fc.property(fc.array(row, { maxLength: 8 }), (rows) => {
        expect(fields(formatCsv(rows, "\n"))).toEqual(rows);
        expect(fields(formatCsv(rows))).toEqual(rows);
      }),
    );
  });
});

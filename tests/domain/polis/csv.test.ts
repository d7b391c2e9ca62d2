import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { CsvSyntaxError, formatCsv, parseCsv } from "../../../src/domain/polis/csv.js";

const fields = (text: string) => parseCsv(text).map((r) => r.fields);

describe("parseCsv", () => {
  it("splits plain fields and keeps empty ones", () => {
    expect(fields("a,b,c\n1,,3\n")).toEqual([
      ["a", "b", "c"],
      ["1", "", "3"],
    ]);
    expect(fields("x,y,\n")).toEqual([["x", "y", ""]]);
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

  it("ignores a byte-order mark, accepts CRLF and a missing final newline, skips blank lines", () => {
    expect(fields("\uFEFFa,b\r\n1,2\r\n\r\n3,4")).toEqual([
      ["a", "b"],
      ["1", "2"],
      ["3", "4"],
    ]);
  });

  it("reports an unclosed quote with the line where it opened", () => {
    expect(() => parseCsv('a,b\n1,"open\nstill open\n')).toThrow(CsvSyntaxError);
    try {
      parseCsv('a,b\n1,"open\nstill open\n');
    } catch (error) {
      expect((error as CsvSyntaxError).line).toBe(2);
    }
  });

  it("reports text after a closing quote and stray quotes", () => {
    expect(() => parseCsv('a\n"x"y\n')).toThrow(/line 2/);
    expect(() => parseCsv('a\nx"y\n')).toThrow(/line 2/);
  });
});

describe("formatCsv", () => {
  it("quotes only what needs quoting", () => {
    expect(formatCsv([["a", "b,c", 'say "hi"', "two\nlines", " padded"]])).toBe('a,"b,c","say ""hi""","two\nlines"," padded"\n');
  });

  it("round-trips through parseCsv", () => {
    const row = fc.array(fc.string({ unit: "grapheme" }), { minLength: 2, maxLength: 6 });
    fc.assert(
      fc.property(fc.array(row, { maxLength: 8 }), (rows) => {
        expect(fields(formatCsv(rows))).toEqual(rows);
      }),
    );
  });
});

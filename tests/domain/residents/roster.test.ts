import { describe, expect, it } from "vitest";
import { findName, includesName, nameKey, sameName, writtenName } from "../../../src/domain/residents/names.js";
import { parseRoster } from "../../../src/domain/residents/roster.js";
import { formatCsv, parseCsv } from "../../../src/domain/text/csv.js";

const bytes = (s: string) => new TextEncoder().encode(s);

describe("CSV", () => {
  it("reads quotes, commas and line breaks inside fields, with line numbers", () => {
    expect(parseCsv('a,b\r\n"x, ""y""",2\n\n"multi\nline",3\n')).toEqual([
      { line: 1, fields: ["a", "b"] },
      { line: 2, fields: ['x, "y"', "2"] },
      { line: 4, fields: ["multi\nline", "3"] },
    ]);
  });
  it("round-trips through formatCsv", () => {
    const rows = [["building", "unit"], ['A "x"', "1,2"], ["line\nbreak", " pad "]];
    expect(parseCsv(formatCsv(rows)).map((r) => r.fields)).toEqual(rows);
  });
});

describe("roster", () => {
  it("reads a roster with and without BOM, area optional, columns in any order", () => {
    const plain = parseRoster(bytes("building,unit,area_m2\n3号楼,1201,85.5\n3号楼,1202,\n"));
    expect(plain).toEqual({ ok: true, units: [{ building: "3号楼", number: "1201", areaCenti: 8550 }, { building: "3号楼", number: "1202", areaCenti: null }] });
    expect(parseRoster(bytes("\uFEFFunit,building\n101,a\n"))).toEqual({ ok: true, units: [{ building: "a", number: "101", areaCenti: null }] });
  });
  it("keeps names as written; one building written two ways takes its first spelling; the same unit in another case or width is a duplicate", () => {
    expect(parseRoster(bytes("building,unit\n West  Tower ,a101\nWEST TOWER,a102\n１号楼,１０１\n1号楼,102\n"))).toEqual({
      ok: true,
      units: [
        { building: "West Tower", number: "a101", areaCenti: null },
        { building: "West Tower", number: "a102", areaCenti: null },
        { building: "１号楼", number: "１０１", areaCenti: null },
        { building: "１号楼", number: "102", areaCenti: null },
      ],
    });
    expect(parseRoster(bytes("building,unit\nWest Tower,A101\nwest tower,ａ１０１\n"))).toEqual({ ok: false, problems: [{ line: 3, reason: "duplicate-unit", firstLine: 2 }] });
  });
  it("rejects the whole file, naming every bad line", () => {
    const r = parseRoster(bytes("building,unit,area_m2\nA,101,big\nA,102,5\n,103,\nA,101,\nA,104\nA, 102 ,"));
    expect(r).toEqual({
      ok: false,
      problems: [
        { line: 2, reason: "bad-area", value: "big" },
        { line: 4, reason: "empty-building" },
        { line: 5, reason: "duplicate-unit", firstLine: 2 },
        { line: 6, reason: "field-count", expected: 3, got: 2 },
        { line: 7, reason: "duplicate-unit", firstLine: 3 },
      ],
    });
  });
  it("rejects wrong columns, empty files and GBK", () => {
    expect(parseRoster(bytes("bldg,room\nA,1\n"))).toEqual({
      ok: false,
      problems: [
        { line: 1, reason: "missing-columns", columns: ["building", "unit"] },
        { line: 1, reason: "unknown-columns", columns: ["bldg", "room"] },
      ],
    });
    expect(parseRoster(bytes(""))).toEqual({ ok: false, problems: [{ line: 1, reason: "empty-file" }] });
    expect(parseRoster(bytes("building,unit\n"))).toEqual({ ok: false, problems: [{ line: 2, reason: "empty-file" }] });
    const gbk = Uint8Array.from([0x62, 0x75, 0x69, 0x6c, 0x64, 0x69, 0x6e, 0x67, 0x2c, 0x75, 0x6e, 0x69, 0x74, 0x0a, 0xc8, 0xfd, 0xba, 0xc5, 0xc2, 0xa5, 0x2c, 0x31, 0x0a]);
    expect(parseRoster(gbk)).toEqual({ ok: false, problems: [{ line: 0, reason: "not-utf8" }] });
  });
});

describe("building and unit names", () => {
  it("are kept as written and compared ignoring case, width and spacing", () => {
    expect(writtenName("  West   Tower ")).toBe("West Tower");
    expect(writtenName("１号楼")).toBe("１号楼");
    expect(nameKey("West Tower")).toBe("WEST TOWER");
    expect(sameName("１号楼", "1号楼")).toBe(true);
    expect(sameName("ｗｅｓｔ　tower", "West  Tower")).toBe(true);
    expect(sameName("West Tower", "East Tower")).toBe(false);
    expect(sameName("1号楼", "11号楼")).toBe(false);
    expect(includesName(["1号楼", "West Tower"], "WEST TOWER")).toBe(true);
    expect(findName(["1号楼", "West Tower"], "west tower")).toBe("West Tower");
    expect(findName(["1号楼"], "2号楼")).toBeUndefined();
    // What the roster stored before names were kept as written is its own key.
    expect(nameKey("WEST TOWER")).toBe("WEST TOWER");
  });
});

import ExcelJS from "exceljs";
import { strFromU8, unzipSync } from "fflate";
import { describe, expect, it } from "vitest";
import { COMPLEMENTARY_COUNT, SMALL_COUNT, suppressBreakdown } from "../../src/domain/privacy/smallCells.js";
import { parseCsv } from "../../src/domain/text/csv.js";
import { cellText, displayWidth, sheetNames, toCsv, toXlsx, zip, type Table } from "../../src/render/tables/index.js";
import { csvRows, xlsxCells, zipEntries } from "./support/read.js";

const slow = { timeout: 30_000 };

const byBuilding = suppressBreakdown([40, 3, 31, 7]);
const participation: Table = {
  name: "参与 Participation",
  columns: [
    { header: "楼栋 Building", kind: "text" },
    { header: "参与人数 Took part", kind: "int" },
    { header: "参与率 Turnout", kind: "percent" },
  ],
  rows: [
    ["1号楼", byBuilding.cells[0]!, 0.8],
    ["2号楼", byBuilding.cells[1]!, null],
    ["3号楼", byBuilding.cells[2]!, 0.6667],
    ["Tower A", byBuilding.cells[3]!, null],
    ["合计 Total", byBuilding.total!, 0.5532],
  ],
};
const statements: Table = {
  name: "Statements",
  columns: [
    { header: "#", kind: "int" },
    { header: "意见 Statement", kind: "text" },
    { header: "同意 Agree", kind: "int" },
    { header: "面积 Area m²", kind: "decimal" },
  ],
  rows: [
    [1, "希望尽快更换物业公司，电梯经常坏", 1203, 45.5],
    [2, 'Fix the "lift", please,\nsoon', 0, 1234.125],
    [3, "=HYPERLINK(\"http://x\")", 7, null],
    [4, "-5 度也要开暖气", 12, 0],
  ],
};

describe("cell text", () => {
  it("formats each kind and the marks", () => {
    expect(cellText(1234, "int")).toBe("1234");
    expect(cellText(1234, "int", { grouping: true })).toBe("1,234");
    expect(cellText(1234.125, "decimal")).toBe("1234.13");
    expect(cellText(2 / 3, "percent")).toBe("66.7%");
    expect(cellText(SMALL_COUNT, "int")).toBe("<5");
    expect(cellText(COMPLEMENTARY_COUNT, "int")).toBe("*");
    expect(cellText(null, "text")).toBe("");
  });
  it("counts CJK and full-width characters double", () => {
    expect(displayWidth("abc")).toBe(3);
    expect(displayWidth("物业")).toBe(4);
    expect(displayWidth("Ａ1")).toBe(3);
  });
});

describe("CSV", () => {
  it("starts with the UTF-8 byte-order mark, uses CRLF, and parses back to the same text", async () => {
    const bytes = await toCsv(statements);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.toString("utf8").slice(1);
    expect(text.split("\r\n")[0]).toBe("#,意见 Statement,同意 Agree,面积 Area m²");
    expect(text.endsWith("\r\n")).toBe(true);
    // every line break outside a quoted field is CRLF
    const outsideQuotes = text.replace(/"(?:[^"]|"")*"/g, "");
    expect(outsideQuotes.split("\n").slice(0, -1).every((line) => line.endsWith("\r"))).toBe(true);
    const parsed = parseCsv(text).map((r) => r.fields);
    expect(parsed).toEqual([
      ["#", "意见 Statement", "同意 Agree", "面积 Area m²"],
      ["1", "希望尽快更换物业公司，电梯经常坏", "1203", "45.5"],
      ["2", 'Fix the "lift", please,\nsoon', "0", "1234.13"],
      // a text cell that a spreadsheet would run as a formula is kept as text
      ["3", "'=HYPERLINK(\"http://x\")", "7", ""],
      ["4", "'-5 度也要开暖气", "12", "0"],
    ]);
  });

  it("writes withheld counts as their marks and shares as percent", async () => {
    const text = (await toCsv(participation)).toString("utf8").slice(1);
    expect(parseCsv(text).map((r) => r.fields)).toEqual([
      ["楼栋 Building", "参与人数 Took part", "参与率 Turnout"],
      ["1号楼", "40", "80%"],
      ["2号楼", "<5", ""],
      ["3号楼", "31", "66.7%"],
      ["Tower A", "*", ""],
      ["合计 Total", "81", "55.3%"],
    ]);
  });

  it("refuses a row with the wrong number of cells", async () => {
    await expect(toCsv({ name: "x", columns: [{ header: "a", kind: "text" }], rows: [["1", "2"]] })).rejects.toThrow(RangeError);
  });
});

describe("XLSX", slow, () => {
  const meta = { title: "第3期 议题报告 Report", subject: "Consultation 3", footer: "v2 · sha256 3f5a9c & co", created: new Date("2026-12-01T08:00:00Z") };

  it("re-reads with exceljs: same cells, numbers as numbers, CJK intact, marks for withheld counts", async () => {
    const bytes = await toXlsx([participation, statements], meta);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(bytes as unknown as ArrayBuffer);
    expect(book.worksheets.map((w) => w.name)).toEqual(["参与 Participation", "Statements"]);

    const sheet = book.getWorksheet("Statements")!;
    const values = (r: number) => (sheet.getRow(r).values as unknown[]).slice(1);
    expect(values(1)).toEqual(["#", "意见 Statement", "同意 Agree", "面积 Area m²"]);
    expect(values(2)).toEqual([1, "希望尽快更换物业公司，电梯经常坏", 1203, 45.5]);
    expect(values(3)).toEqual([2, 'Fix the "lift", please,\nsoon', 0, 1234.125]);
    expect(values(4)).toEqual([3, '=HYPERLINK("http://x")', 7]); // a string, not a formula
    expect(typeof sheet.getCell("D3").value).toBe("number");
    expect(sheet.getCell("D3").numFmt).toBe("#,##0.00");
    expect(sheet.getCell("C2").numFmt).toBe("#,##0");

    const p = book.getWorksheet("参与 Participation")!;
    expect(p.getCell("B3").value).toBe("<5");
    expect(p.getCell("B5").value).toBe("*");
    expect(p.getCell("B6").value).toBe(81);
    expect(p.getCell("C4").value).toBe(0.6667);
    expect(p.getCell("C4").numFmt).toBe("0.0%");
    expect(p.rowCount).toBe(6);
  });

  it("header bold and frozen, widths fitted with CJK counting double, version and hash in footer and properties", async () => {
    const bytes = await toXlsx([statements], meta);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(bytes as unknown as ArrayBuffer);
    const sheet = book.worksheets[0]!;
    expect(sheet.getRow(1).font?.bold).toBe(true);
    expect(sheet.getCell("B1").font?.bold).toBe(true);
    expect(sheet.views[0]).toMatchObject({ state: "frozen", ySplit: 1 });
    const widths = sheet.columns.map((c) => c.width);
    // 16 CJK characters → 32 + 2; "#" column stays narrow
    expect(widths[1]).toBe(34);
    expect(widths[0]).toBe(6);
    expect(sheet.headerFooter.oddFooter).toContain("v2 · sha256 3f5a9c && co");
    expect(book.description).toBe("v2 · sha256 3f5a9c & co");
    expect(book.title).toBe("第3期 议题报告 Report");
    expect(book.created?.toISOString()).toBe("2026-12-01T08:00:00.000Z");
  });

  it("makes sheet names Excel accepts", () => {
    expect(sheetNames(["Polls", "polls", "a/b:c*?[d]", "x".repeat(40), ""])).toEqual(["Polls", "polls (2)", "a_b_c___d_", "x".repeat(31), "Sheet"]);
  });

  it("refuses an empty workbook", async () => {
    await expect(toXlsx([], meta)).rejects.toThrow(RangeError);
  });
});

describe("zip", () => {
  it("the CSV files inside a zip read back as the same rows", async () => {
    const archive = await zip([{ name: "参与.csv", data: await toCsv(participation) }]);
    const rows = csvRows(zipEntries(archive)["参与.csv"]!);
    expect(rows[2]).toEqual(["2号楼", "<5", ""]);
    const cells = await xlsxCells(await toXlsx([participation], { title: "t", footer: "v1", created: new Date(0) }));
    expect(cells["参与 Participation"]![2]).toEqual(["2号楼", "<5"]);
  });

  it("packs files with Chinese names; they unpack unchanged", async () => {
    const csv = await toCsv(participation);
    const archive = await zip(
      [
        { name: "参与 Participation.csv", data: csv },
        { name: "notes/readme.txt", data: "版本 v2" },
      ],
      { modified: new Date("2026-12-01T08:00:00Z") },
    );
    const files = unzipSync(archive);
    expect(Object.keys(files).sort()).toEqual(["notes/readme.txt", "参与 Participation.csv"]);
    expect(Buffer.from(files["参与 Participation.csv"]!).equals(csv)).toBe(true);
    expect(strFromU8(files["notes/readme.txt"]!)).toBe("版本 v2");
  });

  it("refuses duplicate and escaping names", async () => {
    await expect(async () => zip([{ name: "a", data: "" }, { name: "a", data: "" }])).rejects.toThrow(RangeError);
    await expect(async () => zip([{ name: "../a", data: "" }])).rejects.toThrow(RangeError);
  });
});

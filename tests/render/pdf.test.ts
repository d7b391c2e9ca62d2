import { describe, expect, it } from "vitest";
import { SMALL_COUNT, COMPLEMENTARY_COUNT } from "../../src/domain/privacy/smallCells.js";
import { chartPng } from "../../src/render/charts/index.js";
import { pageLabel, toPdf, type PdfDocument } from "../../src/render/pdf/index.js";
import { pdfText } from "./support/read.js";

const slow = { timeout: 60_000 };
const FOOTER = "v2 · sha256 3f5a9c0e4b7d2a18c6f09e3b5d7a1c2e4f6a8b0c1d3e5f7a9b1c3d5e7f9a0b1c";

function report(language: "zh" | "en", statements: number): PdfDocument {
  const zh = language === "zh";
  return {
    title: zh ? "第3期议题报告：是否更换物业公司" : "Consultation 3: replace the property manager?",
    subtitle: zh ? "最终版 · 2026-12-01 提交" : "Final · submitted 2026-12-01",
    language,
    footer: FOOTER,
    created: new Date("2026-12-01T08:00:00Z"),
    sections: [
      {
        heading: zh ? "参与情况" : "Participation",
        blocks: [
          { kind: "keyValues", items: [{ key: zh ? "有资格" : "Eligible", value: "1,203" }, { key: zh ? "参与" : "Took part", value: "812 (67.5%)" }] },
          { kind: "paragraph", text: (zh ? "本次议题共收到意见一千余条，涉及电梯、物业费和停车。" : "Residents wrote about lifts, fees and parking. ").repeat(40) },
          { kind: "bullets", items: zh ? ["电梯维修", "物业费公开"] : ["Repair the lifts", "Publish the fee accounts"] },
          {
            kind: "table",
            caption: zh ? "各楼参与" : "By building",
            table: {
              name: "p",
              columns: [
                { header: zh ? "楼栋" : "Building", kind: "text" },
                { header: zh ? "参与" : "Took part", kind: "int" },
                { header: zh ? "参与率" : "Turnout", kind: "percent" },
              ],
              rows: Array.from({ length: 60 }, (_, i) => [`${i + 1}${zh ? "号楼" : " Bldg"}`, i === 3 ? SMALL_COUNT : i === 5 ? COMPLEMENTARY_COUNT : 1000 + i, 0.5]),
            },
          },
        ],
      },
      {
        heading: zh ? "意见" : "Statements",
        blocks: [
          {
            kind: "table",
            table: {
              name: "s",
              columns: [
                { header: "#", kind: "int" },
                { header: zh ? "意见" : "Statement", kind: "text" },
                { header: zh ? "同意" : "Agree", kind: "int" },
              ],
              rows: Array.from({ length: statements }, (_, i) => [
                i + 1,
                `[S${i + 1}] ` + `${zh ? "意见内容：希望尽快更换物业公司，电梯经常坏。" : "Statement text: please change the property manager soon. "}`.repeat(1 + (i % 6)),
                10 + i,
              ]),
            },
          },
        ],
      },
    ],
  };
}

describe("PDF", slow, () => {
  it("Chinese report: text extracts, footer and 第 x / y 页 on every page, table header repeated", async () => {
    const pdf = await toPdf(report("zh", 120));
    expect(pdf.subarray(0, 5).toString()).toBe("%PDF-");
    const read = await pdfText(pdf);
    const n = read.pages.length;
    expect(n).toBeGreaterThan(4);
    read.pages.forEach((text, i) => {
      expect(text, `page ${i + 1}`).toContain(FOOTER);
      expect(text, `page ${i + 1}`).toContain(`第 ${i + 1} / ${n} 页`);
    });
    const all = read.pages.join("\n");
    expect(all).toContain("第3期议题报告：是否更换物业公司");
    expect(all).toContain("本次议题共收到意见一千余条");
    expect(all).toContain("<5");
    expect(all).toContain("1,059"); // last building row, numbers grouped
    // every statement made it, once
    for (const i of [1, 60, 120]) expect(all.split(`[S${i}]`).length - 1, `statement ${i}`).toBe(1);
    // the statements table continues over several pages, each with its header row right before a row
    const statementPages = read.pages.filter((p) => p.includes("意见内容"));
    expect(statementPages.length).toBeGreaterThan(2);
    for (const p of statementPages) expect(p).toMatch(/#\s*意见\s*同意\s*\d+\s*\[S\d+\]/);
    expect(read.info["Title"]).toBe("第3期议题报告：是否更换物业公司");
    expect(read.overflowing).toEqual([]);
  });

  it("English report: page x / y, English text, the font is embedded as a subset", async () => {
    const pdf = await toPdf(report("en", 30));
    const read = await pdfText(pdf);
    const n = read.pages.length;
    read.pages.forEach((text, i) => expect(text).toContain(`page ${i + 1} / ${n}`));
    expect(read.pages.join("\n")).toContain("Residents wrote about lifts, fees and parking.");
    const raw = pdf.toString("latin1");
    expect(raw).toMatch(/\/BaseFont \/[A-Z]{6}\+NotoSansHans-Regular/);
    // a subset: far smaller than the 8 MB font files
    expect(pdf.length).toBeLessThan(400_000);
  });

  it("embeds chart images with captions and keeps long CJK text wrapped inside the page", async () => {
    const png = await chartPng({ kind: "bar", title: "投票结果", categories: ["同意", "反对"], series: [{ values: [12, 5] }], scale: 1 });
    const long = "很长的一段中文意见".repeat(200);
    const pdf = await toPdf({
      title: "图表",
      language: "zh",
      footer: FOOTER,
      sections: [{ heading: "图", blocks: [{ kind: "image", png, caption: "图1 投票结果" }, { kind: "paragraph", text: long }, { kind: "image", png, widthShare: 0.5 }] }],
    });
    const read = await pdfText(pdf);
    expect(read.images).toBe(2);
    const all = read.pages.join("");
    expect(all).toContain("图1 投票结果");
    // all 1,800 characters of the paragraph are there, wrapped (no line runs off the page)
    expect(all.split("意").length - 1).toBe(200);
    expect(read.overflowing).toEqual([]);
    expect(read.pages.length).toBeGreaterThan(1);
  });

  it("a wide table keeps its numbers whole on one line, shrinking the font instead of wrapping them", async () => {
    const groups = ["A", "B", "C", "D", "E"];
    const columns = [
      { header: "意见", kind: "text" as const },
      ...groups.flatMap((g) => [
        { header: `${g} 同意`, kind: "int" as const },
        { header: `${g} 反对`, kind: "int" as const },
        { header: `${g} 同意率`, kind: "percent" as const },
      ]),
    ];
    const rows = Array.from({ length: 40 }, (_, r) => ["希望尽快更换物业公司，电梯经常坏。", ...groups.flatMap((_, g) => [12_345 + r * 10 + g, 2_000 + r, 0.125 + g / 10])]);
    const read = await pdfText(await toPdf({ title: "宽表", language: "zh", footer: "v1", sections: [{ heading: "意见", blocks: [{ kind: "table", table: { name: "w", columns, rows } }] }] }));
    expect(read.overflowing).toEqual([]);
    for (const r of [0, 39]) {
      expect(read.runs).toContain((12_345 + r * 10).toLocaleString("en-US"));
      expect(read.runs).toContain((2_000 + r).toLocaleString("en-US"));
    }
    expect(read.runs).toContain("52.5%");
  });

  it("a document with no sections is one page with the title and footer", async () => {
    const read = await pdfText(await toPdf({ title: "Empty", language: "en", footer: "v1", sections: [] }));
    expect(read.pages).toHaveLength(1);
    expect(read.pages[0]).toContain("Empty");
    expect(read.pages[0]).toContain("page 1 / 1");
  });

  it("refuses a non-PNG image and a ragged table", async () => {
    await expect(toPdf({ title: "x", language: "en", footer: "", sections: [{ heading: "h", blocks: [{ kind: "image", png: new Uint8Array([1, 2, 3]) }] }] })).rejects.toThrow(
      RangeError,
    );
    await expect(
      toPdf({ title: "x", language: "en", footer: "", sections: [{ heading: "h", blocks: [{ kind: "table", table: { name: "t", columns: [{ header: "a", kind: "int" }], rows: [[1, 2]] } }] }] }),
    ).rejects.toThrow(RangeError);
  });

  it("documents do not leak into each other through the shared parsed font", async () => {
    const doc = (text: string): PdfDocument => ({ title: text, language: "zh", footer: "v1", created: new Date("2026-12-01T08:00:00Z"), sections: [{ heading: text, blocks: [{ kind: "paragraph", text }] }] });
    const first = await toPdf(doc("甲乙丙丁"));
    const other = await toPdf(doc("戊己庚辛 other"));
    const again = await toPdf(doc("甲乙丙丁"));
    expect(again.equals(first)).toBe(true);
    const read = await pdfText(other);
    expect(read.pages[0]).toContain("戊己庚辛 other");
    expect(read.pages[0]).not.toContain("甲");
  });

  it("page labels per language", () => {
    expect(pageLabel("zh", 2, 9)).toBe("第 2 / 9 页");
    expect(pageLabel("en", 2, 9)).toBe("page 2 / 9");
  });
});

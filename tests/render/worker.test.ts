import ExcelJS from "exceljs";
import { unzipSync } from "fflate";
import { afterAll, describe, expect, it } from "vitest";
import { SMALL_COUNT } from "../../src/domain/privacy/smallCells.js";
import { toCsv } from "../../src/render/tables/index.js";
import { createInlineRenderer, createRenderWorker } from "../../src/render/worker/index.js";
import { decodePng, pngSize } from "./support/png.js";

const worker = createRenderWorker();
afterAll(() => worker.close());

describe("render worker thread", { timeout: 60_000 }, () => {
  it("renders a chart, an XLSX and a PDF off the main thread, with the same results as inline", async () => {
    const spec = { kind: "bar" as const, title: "投票结果", categories: ["同意", "反对"], series: [{ values: [12, SMALL_COUNT] }] };
    const chart = await worker.render({ kind: "chart", spec });
    expect(Buffer.isBuffer(chart.png)).toBe(true);
    expect(pngSize(chart.png)).toEqual({ width: 1600, height: 1000 });
    expect(chart.svg).toContain("投票结果");
    expect(chart.svg).toContain("&lt;5");
    expect(decodePng(chart.png).width).toBe(1600);
    const inline = await createInlineRenderer().render({ kind: "chart", spec });
    expect(inline.svg).toBe(chart.svg);

    const table = { name: "参与", columns: [{ header: "楼栋", kind: "text" as const }, { header: "人数", kind: "int" as const }], rows: [["1号楼", 12], ["2号楼", SMALL_COUNT]] };
    const xlsx = await worker.render({ kind: "xlsx", tables: [table], meta: { title: "t", footer: "v1 · sha256 ab", created: new Date("2026-12-01T00:00:00Z") } });
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(xlsx as unknown as ArrayBuffer);
    expect(book.worksheets[0]!.name).toBe("参与");
    expect(book.worksheets[0]!.getCell("B3").value).toBe("<5");

    const pdf = await worker.render({
      kind: "pdf",
      document: { title: "报告", language: "zh", footer: "v1", sections: [{ heading: "图", blocks: [{ kind: "image", png: chart.png }, { kind: "table", table }] }] },
    });
    expect(pdf.subarray(0, 5).toString()).toBe("%PDF-");

    // The CSV export: every table a CSV (same bytes as written inline), all in one zip, on the thread.
    const modified = new Date("2026-12-01T00:00:00Z");
    const csvZip = await worker.render({ kind: "csvZip", files: [{ name: "1-参与.csv", table }, { name: "2-again.csv", table }], modified });
    const files = unzipSync(csvZip);
    expect(Object.keys(files)).toEqual(["1-参与.csv", "2-again.csv"]);
    expect(Buffer.from(files["1-参与.csv"]!)).toEqual(await toCsv(table));
    expect(Buffer.from(files["1-参与.csv"]!).toString("utf8")).toContain("2号楼,<5");
  });

  it("warms up: loads the libraries and fonts with a tiny job of each kind", async () => {
    const fresh = createRenderWorker();
    try {
      const ms = await fresh.render({ kind: "warm" });
      expect(ms).toBeGreaterThan(0);
      const chart = await fresh.render({ kind: "chart", spec: { kind: "pie", title: "t", slices: [{ label: "a", value: 1 }], scale: 1 } });
      expect(pngSize(chart.png).width).toBe(800);
    } finally {
      await fresh.close();
    }
  });

  it("answers concurrent jobs each with its own result", async () => {
    const titles = ["甲", "乙", "丙", "丁"];
    const charts = await Promise.all(titles.map((title) => worker.render({ kind: "chart", spec: { kind: "pie", title, slices: [{ label: "x", value: 1 }], scale: 1 } })));
    charts.forEach((c, i) => expect(c.svg).toContain(`>${titles[i]}<`));
  });

  it("passes a renderer's refusal back as the same kind of error, and keeps working", async () => {
    await expect(worker.render({ kind: "xlsx", tables: [], meta: { title: "t", footer: "", created: new Date(0) } })).rejects.toThrow(RangeError);
    await expect(worker.render({ kind: "chart", spec: { kind: "pie", title: "t", slices: [], width: -1 } })).rejects.toThrow(/chart size/);
    const chart = await worker.render({ kind: "chart", spec: { kind: "pie", title: "ok", slices: [{ label: "a", value: 1 }], scale: 1 } });
    expect(pngSize(chart.png).width).toBe(800);
  });
});

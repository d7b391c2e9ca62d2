// Back-stage renderers (figures printed, nothing asserted), first on the render
// worker thread as the bot runs them (a), then inline on the main thread (b–d):
//  (a) warm-up, the chart kinds, the XLSX and the PDF below on the worker; the main thread's stalls;
//  (b) one chart, first render in the process (ECharts and resvg loaded, font read) and warm,
//      median per chart kind, incl. the opinion map of 10,000 residents; goal ≤ 150 ms warm;
//  (c) XLSX of 1,000 statements × 20 columns plus two 10,000-row participation tables; goal ≤ 2 s;
//      the same tables as CSV in one zip;
//  (d) a ~30-page PDF with 6 charts; goal ≤ 3 s;
//  each with the longest event-loop stall while it ran (goal: none over 100 ms), and peak RSS.

import { monitorEventLoopDelay } from "node:perf_hooks";
import { SMALL_COUNT, suppressBreakdown } from "../src/domain/privacy/smallCells.js";
import { renderChart, type ChartSpec } from "../src/render/charts/index.js";
import { toPdf, type PdfBlock, type PdfDocument } from "../src/render/pdf/index.js";
import { toCsv, toXlsx, zip, type Table, type WorkbookMeta } from "../src/render/tables/index.js";
import { createRenderWorker } from "../src/render/worker/index.js";
import { percentile, report } from "./support/report.js";

function mb(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(0)} MB`;
}

function peakRss(): number {
  return process.resourceUsage().maxRSS * 1024;
}

/** Runs `work`, timing it and the longest event-loop stall meanwhile. */
async function measure<T>(work: () => Promise<T>): Promise<{ ms: number; stallMs: number; value: T }> {
  const monitor = monitorEventLoopDelay({ resolution: 5 });
  monitor.enable();
  const t = performance.now();
  const value = await work();
  const ms = performance.now() - t;
  monitor.disable();
  return { ms, stallMs: monitor.max / 1e6, value };
}

function seeded(seed: number): () => number {
  let s = seed;
  return () => (s = (s * 16807) % 2147483647) / 2147483647;
}

const random = seeded(42);
const buildings = Array.from({ length: 40 }, (_, i) => `${i + 1}号楼`);

function chartSpecs(): Record<string, ChartSpec> {
  const cloud = (cx: number, cy: number, n: number) => Array.from({ length: n }, () => [cx + (random() - 0.5) * 3, cy + (random() - 0.5) * 3] as const);
  const byBuilding = suppressBreakdown(buildings.map((_, i) => (i === 7 ? 3 : 20 + Math.floor(random() * 200))));
  return {
    "poll result (bars)": { kind: "bar", title: "是否同意更换物业公司？ Replace the manager?", categories: ["同意 Agree", "反对 Disagree", "弃权 Abstain"], series: [{ values: [5120, 2210, 630] }] },
    "participation by building": { kind: "bar", orientation: "horizontal", title: "各楼参与 By building", categories: buildings, series: [{ values: byBuilding.cells }] },
    "Art. 278 thresholds": {
      kind: "thresholds",
      title: "民法典第278条 Art. 278",
      legend: { met: "达到 met", notMet: "未达到 not met" },
      bars: [
        { label: "参与·面积", value: 0.72, threshold: { value: 2 / 3, label: "2/3" } },
        { label: "参与·人数", value: 0.61, threshold: { value: 2 / 3, label: "2/3" } },
        { label: "同意·面积", value: 0.81, threshold: { value: 3 / 4, label: "3/4" } },
        { label: "同意·人数", value: 0.55, threshold: { value: 1 / 2, label: "1/2" } },
      ],
    },
    "ranked-choice rounds": {
      kind: "rounds",
      title: "排序投票 Ranked choice",
      rounds: ["第1轮", "第2轮", "第3轮", "第4轮"],
      options: ["甲", "乙", "丙", "丁", "戊"].map((name, i) => ({ name: `方案${name}`, votes: [2000 - i * 300, ...[1, 2, 3].map((r) => (i >= 5 - r ? null : 2000 - i * 300 + r * 150))] })),
    },
    "scale distribution": { kind: "bar", title: "满意度 Satisfaction 1–5", categories: ["1", "2", "3", "4", "5"], series: [{ values: [510, 1220, 3030, 4100, 1800] }] },
    "opinion map (10,000 points)": { kind: "scatter", title: "意见地图 Opinion map", groups: [{ label: "A", points: cloud(-2, 0, 5000) }, { label: "B", points: cloud(2, 1, 3000) }, { label: "C", points: cloud(0, -2, 2000) }] },
    "turnout over time": { kind: "line", title: "参与率 Turnout", categories: Array.from({ length: 12 }, (_, i) => `2026-${String(i + 1).padStart(2, "0")}`), series: [{ name: "参与率", values: Array.from({ length: 12 }, () => 0.3 + random() * 0.5) }], valueFormat: "percent" },
    "by status (pie)": { kind: "pie", title: "议题状态 By status", slices: [{ label: "进行中", value: 3 }, { label: "已关闭", value: 5 }, { label: "已提交", value: 4 }] },
  };
}

const statementText = (i: number) => `意见${i}：希望物业公司尽快修好电梯，并公开维修基金的使用情况。Please repair the lifts and publish the fund's accounts.`.slice(0, 40 + (i % 5) * 20);

function statementsTable(): Table {
  const groups = ["A", "B", "C", "D"];
  return {
    name: "Statements",
    columns: [
      { header: "#", kind: "int" },
      { header: "意见 Statement", kind: "text" },
      { header: "同意 Agree", kind: "int" },
      { header: "反对 Disagree", kind: "int" },
      { header: "跳过 Pass", kind: "int" },
      { header: "同意率 Agree %", kind: "percent" },
      ...groups.flatMap((g) => [
        { header: `${g} 同意`, kind: "int" as const },
        { header: `${g} 反对`, kind: "int" as const },
        { header: `${g} 跳过`, kind: "int" as const },
        { header: `${g} 同意率`, kind: "percent" as const },
      ]),
    ],
    rows: Array.from({ length: 1000 }, (_, i) => {
      const agree = Math.floor(random() * 1500);
      const disagree = Math.floor(random() * 800);
      const pass = Math.floor(random() * 300);
      return [
        i + 1,
        statementText(i),
        agree,
        disagree,
        pass,
        agree / (agree + disagree + pass || 1),
        ...groups.flatMap(() => {
          const a = Math.floor(random() * 400);
          const d = Math.floor(random() * 200);
          return [a, d < 5 && d > 0 ? SMALL_COUNT : d, Math.floor(random() * 80), a / (a + d || 1)];
        }),
      ];
    }),
  };
}

function participationTable(name: string): Table {
  return {
    name,
    columns: [
      { header: "楼栋 Building", kind: "text" },
      { header: "单元组 Block", kind: "text" },
      { header: "关系 Relation", kind: "text" },
      { header: "语言 Language", kind: "text" },
      { header: "有资格 Eligible", kind: "int" },
      { header: "参与 Took part", kind: "int" },
      { header: "参与率 Turnout", kind: "percent" },
    ],
    rows: Array.from({ length: 10_000 }, (_, i) => {
      const eligible = 5 + Math.floor(random() * 60);
      const took = Math.floor(eligible * random());
      return [buildings[i % 40]!, `第${1 + (i % 250)}组`, i % 3 === 0 ? "业主 owner" : "租户 tenant", i % 4 === 0 ? "English" : "中文", eligible, took > 0 && took < 5 ? SMALL_COUNT : took, took / eligible];
    }),
  };
}

async function charts(): Promise<Buffer[]> {
  const specs = chartSpecs();
  const first = await measure(() => renderChart(specs["poll result (bars)"]!));
  report("(b) first chart in the process (loads ECharts, resvg, font)", `${first.ms.toFixed(0)} ms`);
  const pngs: Buffer[] = [];
  let worstStall = first.stallMs;
  for (const [name, spec] of Object.entries(specs)) {
    const times: number[] = [];
    let svgBytes = 0;
    for (let i = 0; i < 7; i++) {
      const run = await measure(() => renderChart(spec));
      times.push(run.ms);
      worstStall = Math.max(worstStall, run.stallMs);
      svgBytes = run.value.svg.length;
      if (i === 0) pngs.push(run.value.png);
    }
    report(`    ${name}, warm median (SVG ${(svgBytes / 1024).toFixed(0)} KB)`, `${percentile(times, 50).toFixed(0)} ms`, "≤ 150 ms");
  }
  report("    longest event-loop stall while charting", `${worstStall.toFixed(0)} ms`, "≤ 100 ms");
  return pngs;
}

function workbookInput(): { tables: Table[]; meta: WorkbookMeta } {
  const meta = { title: "第3期议题报告 Report 3", footer: "v2 · sha256 3f5a9c0e4b7d2a18c6f09e3b5d7a1c2e4f6a8b0c1d3e5f7a9b1c3d5e7f9a0b1c", created: new Date("2026-12-01T08:00:00Z") };
  return { tables: [statementsTable(), participationTable("Participation"), participationTable("Participation by relation")], meta };
}

async function tables(input: { tables: Table[]; meta: WorkbookMeta }): Promise<void> {
  const [statements, byBuilding, byRelation] = input.tables as [Table, Table, Table];
  const meta = input.meta;
  const cells = [statements, byBuilding, byRelation].reduce((a, t) => a + t.rows.length * t.columns.length, 0);
  for (const label of ["first", "warm"]) {
    const run = await measure(() => toXlsx([statements, byBuilding, byRelation], meta));
    report(
      `(c) XLSX 1,000 × 20 + 2 × 10,000 × 7 (${cells.toLocaleString("en")} cells), ${label}`,
      `${run.ms.toFixed(0)} ms`,
      "≤ 2000 ms",
    );
    report(`    size ${mb(run.value.length)}; longest event-loop stall`, `${run.stallMs.toFixed(0)} ms`, "≤ 100 ms");
  }
  const csv = await measure(async () => zip(await Promise.all([statements, byBuilding, byRelation].map(async (t) => ({ name: `${t.name}.csv`, data: await toCsv(t) })))));
  report("    the same three tables as CSV in one zip", `${csv.ms.toFixed(0)} ms`);
  report("    longest event-loop stall (CSV + zip)", `${csv.stallMs.toFixed(0)} ms`, "≤ 100 ms");
}

function pdfDocument(pngs: Buffer[]): PdfDocument {
  const six = pngs.slice(0, 6);
  const statements = statementsTable();
  const slim: Table = {
    name: "s",
    columns: [statements.columns[0]!, statements.columns[1]!, statements.columns[2]!, statements.columns[3]!, statements.columns[4]!, statements.columns[5]!],
    rows: statements.rows.slice(0, 430).map((r) => r.slice(0, 6)),
  };
  const chartBlocks: PdfBlock[] = six.map((png, i) => ({ kind: "image", png, caption: `图${i + 1} Chart ${i + 1}` }));
  const document: PdfDocument = {
    title: "第3期议题报告：是否更换物业公司 / Consultation 3",
    subtitle: "最终版 Final · 2026-12-01",
    language: "zh",
    footer: "v2 · sha256 3f5a9c0e4b7d2a18c6f09e3b5d7a1c2e4f6a8b0c1d3e5f7a9b1c3d5e7f9a0b1c",
    created: new Date("2026-12-01T08:00:00Z"),
    sections: [
      {
        heading: "摘要 Summary",
        blocks: [
          { kind: "keyValues", items: [{ key: "有资格 Eligible", value: "10,000" }, { key: "参与 Took part", value: "6,120 (61.2%)" }, { key: "意见 Statements", value: "1,000" }] },
          { kind: "paragraph", text: "本报告汇总了本次议题的参与、投票和意见。所有分组少于5人的数字均已隐去。".repeat(6) },
        ],
      },
      { heading: "图表 Charts", blocks: chartBlocks },
      { heading: "意见 Statements", blocks: [{ kind: "table", table: slim }] },
    ],
  };
  return document;
}

async function pdf(document: PdfDocument): Promise<void> {
  let pages = 0;
  for (const label of ["first", "warm"]) {
    const run = await measure(() => toPdf(document));
    pages = (run.value.toString("latin1").match(/\/Type \/Page\b/g) ?? []).length;
    report(`(d) PDF, ${pages} pages, 6 charts, ${label}`, `${run.ms.toFixed(0)} ms`, "≤ 3000 ms");
    report(`    size ${mb(run.value.length)}; longest event-loop stall`, `${run.stallMs.toFixed(0)} ms`, "≤ 100 ms");
  }
}

/** As the bot runs them: everything on the render worker, the main thread only waits. */
async function onWorker(workbook: { tables: Table[]; meta: WorkbookMeta }): Promise<Buffer[]> {
  const worker = createRenderWorker();
  try {
    const warm = await measure(() => worker.render({ kind: "warm" }));
    report("(a) render worker warm-up at start (libraries, fonts)", `${warm.ms.toFixed(0)} ms`);
    report("    main thread's longest event-loop stall", `${warm.stallMs.toFixed(0)} ms`, "≤ 100 ms");
    const specs = Object.values(chartSpecs());
    const pngs: Buffer[] = [];
    const charts = await measure(async () => {
      for (const spec of specs) pngs.push((await worker.render({ kind: "chart", spec })).png);
    });
    report(`    ${specs.length} charts one after another on the worker, each`, `${(charts.ms / specs.length).toFixed(0)} ms`, "≤ 150 ms");
    report("    main thread's longest event-loop stall", `${charts.stallMs.toFixed(0)} ms`, "≤ 100 ms");
    const document = pdfDocument(pngs);
    const jobs = [
      ["XLSX", () => worker.render({ kind: "xlsx", tables: workbook.tables, meta: workbook.meta }), "≤ 2000 ms"],
      ["PDF (30 pages, 6 charts)", () => worker.render({ kind: "pdf", document }), "≤ 3000 ms"],
    ] as const;
    for (const [name, job, goal] of jobs) {
      const first = await measure<unknown>(job);
      const warmRun = await measure<unknown>(job);
      report(`    ${name} on the worker, first / warm`, `${first.ms.toFixed(0)} / ${warmRun.ms.toFixed(0)} ms`, goal);
      report("    main thread's longest event-loop stall", `${Math.max(first.stallMs, warmRun.stallMs).toFixed(0)} ms`, "≤ 100 ms");
    }
    return pngs;
  } finally {
    await worker.close();
  }
}

export async function run(): Promise<void> {
  console.log("— on the render worker thread, as the bot runs them —");
  const workbook = workbookInput();
  const pngs = await onWorker(workbook);
  report("peak RSS (bot's way: main thread + render worker)", mb(peakRss()), "≤ 400 MB");
  console.log("— the same renderers inline on the main thread —");
  await charts();
  await tables(workbook);
  await pdf(pdfDocument(pngs));
  report("peak RSS (both ways in one process)", mb(peakRss()));
}

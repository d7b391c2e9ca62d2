import { describe, expect, it } from "vitest";
import { COMPLEMENTARY_COUNT, SMALL_COUNT } from "../../src/domain/privacy/smallCells.js";
import { chartOption, chartPng, chartSvg, renderChart, svgToPng, type ChartSpec } from "../../src/render/charts/index.js";
import { FONT_FAMILY } from "../../src/render/fonts.js";
import { colourCount, darkPixels, decodePng, differingPixels, pngSize } from "./support/png.js";
import { svgTexts } from "./support/read.js";

const slow = { timeout: 30_000 };

const specs: Record<string, { spec: ChartSpec; texts: string[] }> = {
  "poll result (vertical bars)": {
    spec: { kind: "bar", title: "是否同意更换物业公司？", subtitle: "Replace the property manager?", categories: ["同意", "反对", "Abstain"], series: [{ values: [128, 45, 12] }] },
    texts: ["是否同意更换物业公司？", "Replace the property manager?", "同意", "反对", "Abstain", "128", "45", "12"],
  },
  "participation by building (horizontal, stacked, withheld cells)": {
    spec: {
      kind: "bar",
      orientation: "horizontal",
      stacked: true,
      title: "各楼参与 Participation by building",
      categories: ["1号楼", "2号楼", "Tower A"],
      series: [
        { name: "参与 took part", values: [40, SMALL_COUNT, COMPLEMENTARY_COUNT] },
        { name: "未参与 did not", values: [10, 12, 30] },
      ],
    },
    texts: ["各楼参与 Participation by building", "1号楼", "Tower A", "参与 took part", "&lt;5", "*", "40", "30"],
  },
  "Art. 278 fractions against thresholds": {
    spec: {
      kind: "thresholds",
      title: "民法典第278条",
      legend: { met: "达到", notMet: "未达到" },
      bars: [
        { label: "参与·面积", value: 0.72, threshold: { value: 2 / 3, label: "2/3" } },
        { label: "参与·人数", value: 0.61, threshold: { value: 2 / 3, label: "2/3" } },
        { label: "approval (area)", value: 0.81, threshold: { value: 3 / 4, label: "3/4" } },
        { label: "approval (owners)", value: 0.5, threshold: { value: 1 / 2, label: "1/2" }, met: false },
      ],
    },
    texts: ["民法典第278条", "参与·面积", "approval (owners)", "2/3", "3/4", "1/2", "72%", "61%", "50%", "达到", "未达到"],
  },
  "ranked-choice rounds": {
    spec: {
      kind: "rounds",
      title: "排序投票 Ranked choice",
      rounds: ["第1轮", "Round 2"],
      options: [
        { name: "方案甲", votes: [40, 55] },
        { name: "Plan B", votes: [35, 41] },
        { name: "方案丙", votes: [20, null] },
      ],
      threshold: { label: "过半 majority", values: [48, 48] },
    },
    texts: ["排序投票 Ranked choice", "第1轮", "Round 2", "方案甲", "Plan B", "方案丙", "过半 majority", "55", "20"],
  },
  "scale distribution": {
    spec: { kind: "bar", title: "满意度 1–5", categories: ["1", "2", "3", "4", "5"], series: [{ values: [5, 12, 30, 41, 18] }] },
    texts: ["满意度 1–5", "41", "18"],
  },
  "opinion map": {
    spec: {
      kind: "scatter",
      title: "意见地图 Opinion map",
      groups: [
        { label: "A", points: [[-1, 0.2], [-1.2, 0.1], [-0.8, 0.4]] },
        { label: "B", points: [[1, -0.3], [1.1, -0.2]] },
      ],
    },
    texts: ["意见地图 Opinion map", ">A<", ">B<"],
  },
  "turnout over time": {
    spec: { kind: "line", title: "参与率 Turnout", categories: ["2026-01", "2026-03", "2026-06"], series: [{ name: "参与率", values: [0.42, 0.555, null] }], valueFormat: "percent" },
    texts: ["参与率 Turnout", "2026-01", "42%", "55.5%"],
  },
  "consultations by status": {
    spec: { kind: "pie", title: "议题状态 By status", slices: [{ label: "进行中 open", value: 3 }, { label: "已提交 submitted", value: 1 }] },
    texts: ["议题状态 By status", "进行中 open", "75%", "25%"],
  },
};

describe("charts", slow, () => {
  for (const [name, { spec, texts }] of Object.entries(specs)) {
    it(`${name}: SVG carries every word and number, PNG is 2× and not blank`, async () => {
      const chart = await renderChart(spec);
      expect(chart.svg.startsWith("<svg")).toBe(true);
      expect(chart.svg).toContain(`font-family:${FONT_FAMILY}`);
      for (const text of texts) expect(chart.svg, text).toContain(text);
      expect(pngSize(chart.png)).toEqual({ width: 1600, height: 1000 });
      expect([chart.width, chart.height]).toEqual([1600, 1000]);
      const pixels = decodePng(chart.png);
      expect(colourCount(pixels)).toBeGreaterThan(3);
    });
  }

  it("a Chinese title produces real glyphs: ink where the title is, different for different words", slow, async () => {
    const frame = (title: string): ChartSpec => ({ kind: "bar", title, categories: ["x"], series: [{ values: [1] }], width: 400, height: 200, scale: 1 });
    const empty = decodePng(await chartPng(frame("")));
    const vote = decodePng(await chartPng(frame("投票结果")));
    const join = decodePng(await chartPng(frame("参与情况")));
    const titleBand = { x: 100, y: 0, width: 200, height: 40 };
    expect(darkPixels(empty, titleBand)).toBe(0);
    expect(darkPixels(vote, titleBand)).toBeGreaterThan(150);
    // Missing glyphs would all be the same box; real ones differ.
    expect(differingPixels(vote, join, titleBand)).toBeGreaterThan(100);
  });

  it("size and scale are honoured; absurd sizes are refused", slow, async () => {
    const spec: ChartSpec = { kind: "pie", title: "t", slices: [{ label: "a", value: 1 }], width: 600, height: 400, scale: 1.5 };
    expect(pngSize(await chartPng(spec))).toEqual({ width: 900, height: 600 });
    await expect(chartSvg({ ...spec, width: 0 })).rejects.toThrow(RangeError);
    await expect(chartSvg({ ...spec, width: 6000, scale: 2 })).rejects.toThrow(RangeError);
  });

  it("horizontal bars grow with their number unless a height is given", slow, async () => {
    const categories = Array.from({ length: 40 }, (_, i) => `${i + 1}号楼`);
    const spec: ChartSpec = { kind: "bar", orientation: "horizontal", title: "各楼", categories, series: [{ values: categories.map((_, i) => 10 + i) }], scale: 1 };
    expect(pngSize(await chartPng(spec))).toEqual({ width: 800, height: 130 + 40 * 30 });
    expect(pngSize(await chartPng({ ...spec, height: 600 }))).toEqual({ width: 800, height: 600 });
  });

  it("draws at 2× up to 2.5 megapixels: a tall chart gets a little less, an explicit scale is kept", slow, async () => {
    const categories = Array.from({ length: 40 }, (_, i) => `${i + 1}号楼`);
    const spec: ChartSpec = { kind: "bar", orientation: "horizontal", title: "各楼", categories, series: [{ values: categories.map((_, i) => 10 + i) }] };
    const tall = pngSize(await chartPng(spec));
    expect(tall.width * tall.height).toBeLessThanOrEqual(2_560_000);
    expect(tall.width).toBe(1240); // ×1.55 of 800 × 1,330
    expect(pngSize(await chartPng({ ...spec, scale: 2 }))).toEqual({ width: 1600, height: 2 * (130 + 40 * 30) });
    expect(pngSize(await chartPng({ kind: "pie", title: "t", slices: [{ label: "a", value: 1 }] }))).toEqual({ width: 1600, height: 1000 });
  });

  it("labels are text, not markup: <, & and braces come through escaped", slow, async () => {
    const svg = await chartSvg({ kind: "bar", title: "A & B <script>", categories: ["{a|x} & y"], series: [{ values: [SMALL_COUNT] }] });
    expect(svg).toContain("A &amp; B &lt;script&gt;");
    expect(svg).not.toContain("<script>");
    expect(svg).toContain("&lt;5");
    expect(svgTexts(svg)).toEqual(expect.arrayContaining(["A & B <script>", "{a|x} & y", "<5"]));
    // resvg parses it (it throws on broken XML)
    expect(pngSize((await svgToPng(svg, 400)).png).width).toBe(400);
  });

  it("the opinion map draws no ids or tooltips: only the group labels as text", slow, async () => {
    const svg = await chartSvg(specs["opinion map"]!.spec);
    expect(new Set(svgTexts(svg))).toEqual(new Set(["意见地图 Opinion map", "A", "B"]));
    expect(svg).not.toContain("<title");
  });

  it("a threshold bar is coloured by whether it meets the threshold, or by the given verdict", () => {
    const option = chartOption(specs["Art. 278 fractions against thresholds"]!.spec) as { series: { data: (number | null)[] }[] };
    expect(option.series[0]!.data).toEqual([0.72, null, 0.81, null]); // met
    expect(option.series[1]!.data).toEqual([null, 0.61, null, 0.5]); // not met (the last one by verdict)
  });

  it("leaves no timer behind (ECharts instances are disposed)", slow, async () => {
    const before = process.getActiveResourcesInfo().filter((r) => r === "Timeout").length;
    for (const { spec } of Object.values(specs)) await chartSvg(spec);
    // zrender's frame shim fires once more after dispose(), then stops
    await new Promise((resolve) => setTimeout(resolve, 100));
    const after = process.getActiveResourcesInfo().filter((r) => r === "Timeout").length;
    expect(after).toBeLessThanOrEqual(before);
  });
});

describe("opaque PNG", () => {
  it("is RGB, composites transparent pixels over white, and decodes to the same colours", async () => {
    const { encodeOpaquePng } = await import("../../src/render/charts/png.js");
    // 3 × 2: red, half-transparent black, transparent; blue, green, white
    const rgba = new Uint8Array([255, 0, 0, 255, 0, 0, 0, 128, 9, 9, 9, 0, 0, 0, 255, 255, 0, 255, 0, 255, 255, 255, 255, 255]);
    const png = await encodeOpaquePng(rgba, 3, 2);
    expect(png[25]).toBe(2); // IHDR colour type: RGB, no alpha channel for pdfkit to decode
    const pixels = decodePng(png);
    expect([...pixels.data]).toEqual([255, 0, 0, 255, 127, 127, 127, 255, 255, 255, 255, 255, 0, 0, 255, 255, 0, 255, 0, 255, 255, 255, 255, 255]);
    await expect(encodeOpaquePng(rgba, 4, 2)).rejects.toThrow(RangeError);
  });

  it("a 10,000-point opinion map draws the points as one path, still without ids", { timeout: 30_000 }, async () => {
    const points = Array.from({ length: 10_000 }, (_, i) => [Math.sin(i), Math.cos(i * 1.3)] as const);
    const chart = await renderChart({ kind: "scatter", title: "意见地图", groups: [{ label: "A", points: points.slice(0, 6000) }, { label: "B", points: points.slice(6000) }] });
    expect(chart.svg.length).toBeLessThan(1_500_000);
    expect(new Set(svgTexts(chart.svg))).toEqual(new Set(["意见地图", "A", "B"]));
    expect(colourCount(decodePng(chart.png))).toBeGreaterThan(3);
  });
});

describe("opaque PNG, the fast path for opaque pixels", () => {
  it("packs opaque pixels of any width to the same colours, and still composites one translucent pixel", async () => {
    const { encodeOpaquePng } = await import("../../src/render/charts/png.js");
    for (const [width, height] of [[1, 1], [5, 3], [8, 2], [13, 7]] as const) {
      const rgba = new Uint8Array(width * height * 4);
      for (let i = 0; i < width * height; i++) rgba.set([(i * 37) & 255, (i * 91) & 255, (i * 53) & 255, 255], i * 4);
      const pixels = decodePng(await encodeOpaquePng(rgba, width, height));
      expect([...pixels.data]).toEqual([...rgba]);
      // The last pixel half transparent: composited over white, the others unchanged.
      const translucent = rgba.slice();
      translucent.set([0, 0, 0, 128], translucent.length - 4);
      const composited = decodePng(await encodeOpaquePng(translucent, width, height));
      expect([...composited.data.subarray(0, -4)]).toEqual([...rgba.subarray(0, -4)]);
      expect([...composited.data.subarray(-4)]).toEqual([127, 127, 127, 255]);
    }
    // A view at an offset that is not a multiple of 4 takes the byte-wise path.
    const shifted = new Uint8Array(1 + 4 * 3).subarray(1);
    shifted.set([10, 20, 30, 255, 40, 50, 60, 255, 70, 80, 90, 255]);
    expect([...decodePng(await encodeOpaquePng(shifted, 3, 1)).data]).toEqual([...shifted]);
  });
});

describe("large opinion-map groups written into ECharts' SVG", () => {
  /** The centres of the circles of the path painted `fill`, as drawn (left edge + r, or ECharts' right edge − r). */
  const centres = (svg: string, fill: string, fromLeft: boolean): [number, number][] => {
    const d = new RegExp(`<path d="([^"]*)" fill="${fill}" fill-opacity="0.7" class="`).exec(svg)?.[1] ?? "";
    return [...d.matchAll(/M(-?[0-9.]+) (-?[0-9.]+)/g)].map((m) => [Number(m[1]) + (fromLeft ? 1.5 : -1.5), Number(m[2])]);
  };

  it("puts every point where ECharts would, as the same circles, in one path per group", slow, async () => {
    const echarts = await import("echarts");
    const points = Array.from({ length: 4_000 }, (_, i) => [Math.sin(i) * 3 - 1, Math.cos(i * 1.7) * 2 + 0.5] as const);
    const spec: ChartSpec = { kind: "scatter", title: "意见地图", groups: [{ label: "A", points: points.slice(0, 2_500) }, { label: "小组", points: points.slice(2_500), color: "#123456" }, { label: "C", points: [[0, 0]] }] };
    const chart = echarts.init(null, null, { renderer: "svg", ssr: true, width: 800, height: 500 });
    chart.setOption(chartOption(spec));
    const byECharts = chart.renderToSVGString();
    chart.dispose();
    const ours = await chartSvg(spec);
    for (const [fill, count] of [["#0072B2", 2_500], ["#123456", 1_500]] as const) {
      const mine = centres(ours, fill, true);
      const theirs = centres(byECharts, fill, false);
      expect(mine).toHaveLength(count);
      expect(theirs).toHaveLength(count);
      mine.forEach(([x, y], i) => {
        expect(Math.abs(x - theirs[i]![0])).toBeLessThanOrEqual(0.11);
        expect(Math.abs(y - theirs[i]![1])).toBeLessThanOrEqual(0.11);
      });
    }
    // The small group stays ECharts' own; words and legend are the same.
    expect(new Set(svgTexts(ours))).toEqual(new Set(svgTexts(byECharts)));
    expect(ours.match(/<path /g)!.length).toBe(byECharts.match(/<path /g)!.length);
  });

  it("gives up (and ECharts draws every point) when the group's path is not there", async () => {
    const { drawLargeGroups } = await import("../../src/render/charts/scatterPaths.js");
    const spec: ChartSpec = { kind: "scatter", title: "t", groups: [{ label: "A", points: Array.from({ length: 1_500 }, (_, i) => [i, i] as const) }] };
    const toPixel = (p: [number, number]) => [10 + p[0], 20 - p[1]];
    expect(drawLargeGroups('<svg><path d="M1 1L2 2M3 3L4 4" fill="#0072B2" fill-opacity="0.7" class="x"/></svg>', spec, toPixel)).toBeNull();
    expect(drawLargeGroups('<svg><path d="M1 1A1 1 0 1 1 1 0.9" fill="#0072B2" fill-opacity="0.7" class="x"/></svg>', spec, toPixel)).toMatch(/^<svg><path d="M7\.5 20a2\.5 2\.5 0 1 0 5 0a2\.5 2\.5 0 1 0 -5 0M8\.5 19a/);
    expect(drawLargeGroups("<svg/>", spec, () => undefined)).toBeNull();
  });
});

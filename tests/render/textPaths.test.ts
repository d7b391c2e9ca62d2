import { Resvg } from "@resvg/resvg-js";
import { describe, expect, it } from "vitest";
import { SMALL_COUNT, COMPLEMENTARY_COUNT } from "../../src/domain/privacy/smallCells.js";
import { chartSvg, svgToPng, type ChartSpec } from "../../src/render/charts/index.js";
import { outlineTexts } from "../../src/render/charts/textPaths.js";
import { FONT_FAMILY, fontFiles, isOutlineFont, parsedFonts } from "../../src/render/fonts.js";
import { darkPixels, decodePng, differingPixels, type Pixels } from "./support/png.js";
import { svgTexts } from "./support/read.js";

const slow = { timeout: 30_000 };

async function outlineFonts() {
  const { regular, bold } = await parsedFonts();
  if (!isOutlineFont(regular) || !isOutlineFont(bold)) throw new Error("pdfkit handed out no parsed fonts");
  return { regular, bold };
}

/** The SVG as resvg draws its text itself, with the shipped fonts (the way charts were drawn before outlining). */
function resvgText(svg: string, width: number): Pixels {
  const f = fontFiles();
  const image = new Resvg(svg, {
    fitTo: { mode: "width", value: width },
    background: "#ffffff",
    font: { loadSystemFonts: false, fontFiles: [f.regular, f.bold], defaultFontFamily: FONT_FAMILY, sansSerifFamily: FONT_FAMILY },
    logLevel: "off",
  }).render();
  return { width: image.width, height: image.height, data: new Uint8Array(image.pixels) };
}

const charts: Record<string, ChartSpec> = {
  "bars with <5 and * (bold value labels)": {
    kind: "bar",
    orientation: "horizontal",
    title: "各楼参与 By building",
    categories: ["1号楼", "2号楼", "Tower A & B"],
    series: [{ values: [40, SMALL_COUNT, COMPLEMENTARY_COUNT] }],
    width: 600,
    height: 300,
    scale: 1,
  },
  "thresholds (labels inside bars)": {
    kind: "thresholds",
    title: "民法典第278条 Art. 278",
    legend: { met: "达到 met", notMet: "未达到 not met" },
    bars: [{ label: "参与·面积", value: 0.72, threshold: { value: 2 / 3, label: "2/3" } }],
    width: 600,
    height: 300,
    scale: 1,
  },
  pie: { kind: "pie", title: "议题状态 By status", slices: [{ label: "进行中 open", value: 3 }, { label: "已关闭", value: 1 }], width: 600, height: 300, scale: 1 },
};

describe("chart text drawn as glyph outlines", () => {
  for (const [name, spec] of Object.entries(charts)) {
    it(`${name}: every text becomes outlines, drawn where resvg drew the text`, slow, async () => {
      const svg = await chartSvg(spec);
      const outlined = outlineTexts(svg, await outlineFonts());
      expect(svgTexts(svg).length).toBeGreaterThan(2);
      expect(outlined).not.toContain("<text");
      const before = resvgText(svg, 600);
      const after = decodePng((await svgToPng(svg, 600)).png);
      const all = { x: 0, y: 0, width: before.width, height: before.height };
      expect([after.width, after.height]).toEqual([before.width, before.height]);
      // the same ink in the same places (the outlines are the glyphs resvg would draw): a few edge pixels at most
      const ink = darkPixels(before, all);
      expect(ink).toBeGreaterThan(200);
      expect(Math.abs(darkPixels(after, all) - ink)).toBeLessThan(ink * 0.01);
      expect(differingPixels(before, after, all)).toBeLessThan(ink * 0.01);
    });
  }

  it("the SVG a caller gets keeps its text; a text of an unknown form is left for resvg", slow, async () => {
    const fonts = await outlineFonts();
    const svg = await chartSvg(charts.pie!);
    expect(svgTexts(svg)).toEqual(expect.arrayContaining(["议题状态 By status", "进行中 open"]));
    const odd = `<svg xmlns="http://www.w3.org/2000/svg" width="200" height="50"><text x="10" y="30" style="font-size:12px;font-style:italic">斜体</text><text x="10" y="30" style="font-size:12px">A &amp; &lt;5</text></svg>`;
    const out = outlineTexts(odd, fonts);
    expect(out).toContain(`<text x="10" y="30" style="font-size:12px;font-style:italic">斜体</text>`);
    expect(out.match(/<text/g)).toHaveLength(1);
    // "A & <5": four glyphs with ink (the space has none)
    expect(out.match(/<path /g)).toHaveLength(4);
  });
});

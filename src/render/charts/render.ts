// Chart spec → SVG (ECharts server-side rendering) → PNG (resvg, with the
// shipped CJK font only). ECharts and resvg are loaded on first use, so the bot
// starts without them; rasterising runs on libuv's thread pool (renderAsync),
// off the event loop.

import { DEFAULT_CHART_HEIGHT, DEFAULT_CHART_SCALE, DEFAULT_CHART_WIDTH, type ChartSpec } from "./spec.js";
import { chartOption, isLargeGroup } from "./options.js";
import { drawLargeGroups } from "./scatterPaths.js";
import { FONT_FAMILY, fontFiles, isOutlineFont, parsedFonts } from "../fonts.js";
import { outlineTexts, type OutlineFonts } from "./textPaths.js";
import { encodeOpaquePng } from "./png.js";

type EChartsModule = typeof import("echarts");
type ResvgModule = typeof import("@resvg/resvg-js");

let echartsModule: Promise<EChartsModule> | null = null;
let resvgModule: Promise<ResvgModule> | null = null;

const loadECharts = () => (echartsModule ??= import("echarts"));
const loadResvg = () => (resvgModule ??= import("@resvg/resvg-js"));

export interface RenderedChart {
  readonly svg: string;
  readonly png: Buffer;
  /** PNG size in pixels. */
  readonly width: number;
  readonly height: number;
}

/** Horizontal bars get taller with their number, so 40 buildings stay readable. */
function defaultHeight(spec: ChartSpec): number {
  const rows = spec.kind === "bar" && spec.orientation === "horizontal" ? spec.categories.length : spec.kind === "thresholds" ? spec.bars.length : 0;
  return Math.max(DEFAULT_CHART_HEIGHT, Math.min(3000, 130 + rows * 30));
}

/**
 * Charts are drawn at 2× for sharp text on phones, up to 2.5 megapixels
 * (1,600 × 1,600 worth): a tall chart — 40 buildings are 800 × 1,330 — gets a
 * little less, since Telegram shows a photo at 1,280 px on its long side in
 * the chat anyway, and every pixel more costs rasterising and encoding time.
 */
const MAX_DEFAULT_PIXELS = 2_560_000;

function defaultScale(width: number, height: number): number {
  return Math.min(DEFAULT_CHART_SCALE, Math.floor(Math.sqrt(MAX_DEFAULT_PIXELS / (width * height)) * 100) / 100);
}

function size(spec: ChartSpec): { width: number; height: number; scale: number } {
  const width = spec.width ?? DEFAULT_CHART_WIDTH;
  const height = spec.height ?? defaultHeight(spec);
  const scale = spec.scale ?? defaultScale(width, height);
  if (!(width > 0 && height > 0 && scale > 0 && width * scale <= 8000 && height * scale <= 8000)) {
    throw new RangeError(`chart size out of range: ${width}×${height} at ×${scale}`);
  }
  return { width, height, scale };
}

/** The chart as a standalone SVG document. */
export async function chartSvg(spec: ChartSpec): Promise<string> {
  const echarts = await loadECharts();
  const { width, height } = size(spec);
  const chart = echarts.init(null, null, { renderer: "svg", ssr: true, width, height });
  try {
    const drawLater = spec.kind === "scatter" && spec.groups.some(isLargeGroup);
    chart.setOption(chartOption(spec, { drawLargeGroups: drawLater }));
    if (spec.kind !== "scatter" || !drawLater) return chart.renderToSVGString();
    const drawn = drawLargeGroups(chart.renderToSVGString(), spec, (point) => chart.convertToPixel({ gridIndex: 0 }, point) as number[] | undefined);
    if (drawn !== null) return drawn;
    // ECharts wrote the groups' paths in a form drawLargeGroups does not know: let it draw every point.
    chart.setOption(chartOption(spec), { notMerge: true });
    return chart.renderToSVGString();
  } finally {
    // Without dispose() ECharts keeps an animation timer and the process alive.
    chart.dispose();
  }
}

let outlineFonts: Promise<OutlineFonts | null> | null = null;

/** The parsed fonts text is outlined with, or null (resvg then draws the text itself). */
const loadOutlineFonts = () =>
  (outlineFonts ??= parsedFonts().then(({ regular, bold }) => (isOutlineFont(regular) && isOutlineFont(bold) ? { regular, bold } : null)));

/**
 * Rasterises an SVG to an opaque RGB PNG at `width` pixels, with the shipped
 * font and a white background. Text is drawn as glyph outlines (textPaths.ts):
 * resvg is far slower at drawing text with the CFF font than at filling paths.
 */
export async function svgToPng(svg: string, width: number): Promise<{ png: Buffer; width: number; height: number }> {
  const [{ renderAsync }, outlines] = await Promise.all([loadResvg(), loadOutlineFonts()]);
  const drawn = outlines ? outlineTexts(svg, outlines) : svg;
  // resvg reads and parses the font files on every render: only when text is left for it.
  const font = fontFiles();
  const fonts = /<text\b/.test(drawn)
    ? {
        loadSystemFonts: false,
        fontFiles: [font.regular, font.bold],
        defaultFontFamily: FONT_FAMILY,
        sansSerifFamily: FONT_FAMILY,
        serifFamily: FONT_FAMILY,
        monospaceFamily: FONT_FAMILY,
      }
    : { loadSystemFonts: false };
  const image = await renderAsync(drawn, {
    fitTo: { mode: "width", value: Math.round(width) },
    background: "#ffffff",
    font: fonts,
    logLevel: "off",
  });
  return { png: await encodeOpaquePng(image.pixels, image.width, image.height), width: image.width, height: image.height };
}

export async function chartPng(spec: ChartSpec): Promise<Buffer> {
  return (await renderChart(spec)).png;
}

/** SVG and PNG of one chart. */
export async function renderChart(spec: ChartSpec): Promise<RenderedChart> {
  const { width, scale } = size(spec);
  const svg = await chartSvg(spec);
  const png = await svgToPng(svg, width * scale);
  return { svg, ...png };
}

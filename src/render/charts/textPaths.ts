// Chart text → glyph outlines, for resvg only. resvg looks the CFF font up and
// parses it again for every <text> element (a few milliseconds each, and a bar
// chart of 40 buildings has ~90 of them), while filling a path costs next to
// nothing. So before rasterising, each <text> ECharts wrote is replaced by the
// same glyphs as paths, laid out by fontkit with the fonts parsed once per
// process; every glyph's outline is computed once and reused. The SVG a caller
// gets keeps its <text> elements: only the copy handed to resvg is outlined.
// A <text> in a form this does not know (other attributes or styles, child
// elements) is left for resvg to draw.

import type { OutlineFont } from "../fonts.js";

export interface OutlineFonts {
  readonly regular: OutlineFont;
  readonly bold: OutlineFont;
}

const TEXT = /<text\b([^>]*)>([^<]*)<\/text>/g;
const ATTRIBUTE = /([a-zA-Z:-]+)="([^"]*)"/g;
/** Attributes copied as they are onto the outline's group. */
const PAINT = new Set(["fill", "fill-opacity", "stroke", "stroke-opacity", "paint-order", "stroke-miterlimit", "stroke-linejoin", "opacity"]);
/** Attributes this outlining reads. */
const READ = new Set(["x", "y", "transform", "style", "dominant-baseline", "text-anchor", "xml:space", "stroke-width"]);

const glyphPaths = new WeakMap<OutlineFont, Map<number, string>>();

function glyphPath(font: OutlineFont, glyph: { readonly id: number; readonly path: { toSVG(): string } }): string {
  let cache = glyphPaths.get(font);
  if (!cache) glyphPaths.set(font, (cache = new Map()));
  let d = cache.get(glyph.id);
  if (d === undefined) cache.set(glyph.id, (d = glyph.path.toSVG()));
  return d;
}

function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|lt|gt|amp|quot|apos);/g, (_, e: string) => {
    if (e === "lt") return "<";
    if (e === "gt") return ">";
    if (e === "amp") return "&";
    if (e === "quot") return '"';
    if (e === "apos") return "'";
    return String.fromCodePoint(e[1] === "x" ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10));
  });
}

function number(value: string | undefined, fallback: number): number | null {
  if (value === undefined) return fallback;
  const n = Number(value);
  return Number.isFinite(n) ? n : null;
}

const round = (n: number) => Number(n.toFixed(3));

/** One <text> as outlines, or null when it is in a form this does not handle. */
function outline(attributes: string, content: string, fonts: OutlineFonts): string | null {
  const attrs = new Map<string, string>();
  for (const [, name, value] of attributes.matchAll(ATTRIBUTE)) attrs.set(name!, value!);
  if (attributes.replace(ATTRIBUTE, "").trim() !== "") return null;
  for (const name of attrs.keys()) if (!READ.has(name) && !PAINT.has(name)) return null;

  let fontSize = 12;
  let bold = false;
  for (const declaration of (attrs.get("style") ?? "").split(";")) {
    if (declaration.trim() === "") continue;
    const [property, ...rest] = declaration.split(":");
    const key = property!.trim();
    const value = rest.join(":").trim();
    if (key === "font-size") {
      const m = /^([0-9.]+)px$/.exec(value);
      if (!m) return null;
      fontSize = Number(m[1]);
    } else if (key === "font-weight") {
      if (value === "bold" || value === "bolder" || Number(value) >= 600) bold = true;
      else if (value !== "normal" && !(Number(value) < 600)) return null;
    } else if (key !== "font-family") return null;
  }
  const baseline = attrs.get("dominant-baseline") ?? "auto";
  if (!["central", "auto", "alphabetic"].includes(baseline)) return null;
  const anchor = attrs.get("text-anchor") ?? "start";
  if (!["start", "middle", "end"].includes(anchor)) return null;
  const x = number(attrs.get("x"), 0);
  const y = number(attrs.get("y"), 0);
  const strokeWidth = number(attrs.get("stroke-width"), 1);
  if (x === null || y === null || strokeWidth === null || !(fontSize > 0)) return null;

  const raw = decodeEntities(content);
  const text = attrs.get("xml:space") === "preserve" ? raw.replace(/[\n\r\t]/g, " ") : raw.replace(/[\n\r\t ]+/g, " ").trim();
  const font = bold ? fonts.bold : fonts.regular;
  const run = font.layout(text);
  const scale = fontSize / font.unitsPerEm;
  let advance = 0;
  const glyphs: string[] = [];
  run.glyphs.forEach((glyph, i) => {
    const position = run.positions[i]!;
    const d = glyphPath(font, glyph);
    if (d !== "") {
      const dx = advance + position.xOffset;
      const dy = position.yOffset;
      glyphs.push(dx === 0 && dy === 0 ? `<path d="${d}"/>` : `<path transform="translate(${dx} ${dy})" d="${d}"/>`);
    }
    advance += position.xAdvance;
  });
  const width = advance * scale;
  const left = anchor === "start" ? x : anchor === "middle" ? x - width / 2 : x - width;
  // "central": the middle of the em box (ascent … descent), as resvg places it.
  const base = baseline === "central" ? y + ((font.ascent + font.descent) / 2) * scale : y;

  const paint = [...attrs].filter(([name]) => PAINT.has(name)).map(([name, value]) => ` ${name}="${value}"`);
  if (!attrs.has("fill")) paint.unshift(' fill="#000000"');
  // The glyphs are drawn in font units, so a stroke is too.
  if (attrs.has("stroke")) paint.push(` stroke-width="${round(strokeWidth / scale)}"`);
  const outer = attrs.has("transform") ? `<g transform="${attrs.get("transform")}">` : "<g>";
  return `${outer}<g transform="translate(${round(left)} ${round(base)}) scale(${scale} ${-scale})"${paint.join("")}>${glyphs.join("")}</g></g>`;
}

/** The SVG with every <text> it can handle drawn as glyph outlines. */
export function outlineTexts(svg: string, fonts: OutlineFonts): string {
  return svg.replace(TEXT, (whole, attributes: string, content: string) => outline(attributes, content, fonts) ?? whole);
}

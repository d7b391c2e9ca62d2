// The one CJK font every renderer uses: Noto Sans Hans (SIL OFL) shipped by
// @embedpdf/fonts-sc. The machine running the bot may have no CJK system font,
// so nothing may fall back to the system's fonts.

import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

/** The fonts' typographic family name (name table id 16); SVG text asks for it. */
export const FONT_FAMILY = "Noto Sans S Chinese";

/** CSS font-family for SVG: the shipped font, then generic names resvg maps to it. */
export const FONT_STACK = `${FONT_FAMILY}, sans-serif`;

export interface FontFiles {
  readonly regular: string;
  readonly bold: string;
}

let cached: FontFiles | null = null;

/** Absolute paths of the regular and bold OTF files (resolved once per process). */
export function fontFiles(): FontFiles {
  if (cached) return cached;
  const entry = fileURLToPath(import.meta.resolve("@embedpdf/fonts-sc"));
  const dir = join(dirname(entry), "..", "fonts");
  const regular = join(dir, "NotoSansHans-Regular.otf");
  const bold = join(dir, "NotoSansHans-Bold.otf");
  for (const file of [regular, bold]) if (!existsSync(file)) throw new Error(`font file missing: ${file}`);
  cached = { regular, bold };
  return cached;
}

/** @types/pdfkit types the module's export as a document that is also its own constructor. */
type PdfKit = PDFKit.PDFDocument;

let pdfkit: Promise<PdfKit> | null = null;

/** pdfkit, loaded on first use (the bot starts without it). */
export const loadPdfKitModule = (): Promise<PdfKit> =>
  (pdfkit ??= import("pdfkit").then((m) => ((m as unknown as { default?: PdfKit }).default ?? (m as unknown as PdfKit))));

/** The glyph-level API of a fontkit font that the chart text outlining uses. */
export interface OutlineFont {
  readonly unitsPerEm: number;
  readonly ascent: number;
  readonly descent: number;
  layout(text: string): {
    readonly glyphs: readonly { readonly id: number; readonly path: { toSVG(): string } }[];
    readonly positions: readonly { readonly xAdvance: number; readonly xOffset: number; readonly yOffset: number }[];
  };
}

/** The OTF bytes, or the parsed fontkit font when pdfkit handed one out. */
export type FontSource = Buffer | OutlineFont;

export function isOutlineFont(font: FontSource): font is OutlineFont {
  return !Buffer.isBuffer(font) && typeof (font as { layout?: unknown }).layout === "function" && typeof font.unitsPerEm === "number";
}

let parsed: Promise<{ regular: FontSource; bold: FontSource }> | null = null;

/**
 * The OTF files, read and parsed once per process and shared by every
 * renderer: pdfkit parses a font's tables for every document otherwise, and
 * charts outline their text with the same parsed fonts. pdfkit takes a parsed
 * fontkit font as a font source; we get one from a throw-away document and
 * fall back to the bytes if pdfkit's insides change.
 */
export const parsedFonts = (): Promise<{ regular: FontSource; bold: FontSource }> =>
  (parsed ??= (async () => {
    const PDFDocument = await loadPdfKitModule();
    const files = fontFiles();
    const [regular, bold] = await Promise.all([readFile(files.regular), readFile(files.bold)]);
    const parse = (bytes: Buffer): FontSource => {
      const probe = new PDFDocument({ autoFirstPage: false });
      probe.font(bytes);
      const font = (probe as unknown as { _font?: { font?: unknown } })._font?.font;
      return font && isOutlineFont(font as FontSource) ? (font as OutlineFont) : bytes;
    };
    // Each parse holds the thread for tens of milliseconds: let other work run in between.
    const regularFont = parse(regular);
    await new Promise<void>((resolve) => setImmediate(resolve));
    return { regular: regularFont, bold: parse(bold) };
  })());

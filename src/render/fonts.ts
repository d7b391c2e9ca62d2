// The one CJK font every renderer uses: Noto Sans Hans (SIL OFL) shipped by
// @embedpdf/fonts-sc. The machine running the bot may have no CJK system font,
// so nothing may fall back to the system's fonts.

import { existsSync } from "node:fs";
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

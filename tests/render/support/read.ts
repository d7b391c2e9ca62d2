// Reading rendered files back, as a person's tools would: the text a PDF viewer
// extracts, every cell Excel shows, the rows of a CSV, the texts drawn in an SVG,
// the files in a zip. For tests that assert what an official can see.

import ExcelJS from "exceljs";
import { unzipSync } from "fflate";
import { getDocument } from "pdfjs-dist/legacy/build/pdf.mjs";
import { parseCsv } from "../../../src/domain/text/csv.js";

export interface PdfText {
  /** Each page's text runs joined without separators. */
  readonly pages: string[];
  /** Every non-blank text run, in order (a table cell's line is one run). */
  readonly runs: string[];
  /** Text runs reaching outside the printable area (x < 40 or beyond width − 40 pt). */
  readonly overflowing: string[];
  /** Images drawn, over all pages. */
  readonly images: number;
  readonly info: Record<string, unknown>;
}

const PAINT_IMAGE_XOBJECT = 85; // pdfjs OPS.paintImageXObject

export async function pdfText(bytes: Uint8Array): Promise<PdfText> {
  const doc = await getDocument({ data: new Uint8Array(bytes), verbosity: 0, useSystemFonts: false }).promise;
  const pages: string[] = [];
  const runs: string[] = [];
  const overflowing: string[] = [];
  let images = 0;
  for (let p = 1; p <= doc.numPages; p++) {
    const page = await doc.getPage(p);
    const content = await page.getTextContent();
    pages.push(content.items.map((i) => ("str" in i ? i.str : "")).join(""));
    const [, , width] = page.view as [number, number, number, number];
    for (const item of content.items) {
      if (!("str" in item) || item.str.trim() === "") continue;
      runs.push(item.str);
      const x = item.transform[4] as number;
      if (x < 40 || x + item.width > width - 40) overflowing.push(item.str);
    }
    const ops = await page.getOperatorList();
    images += ops.fnArray.filter((fn) => fn === PAINT_IMAGE_XOBJECT).length;
  }
  const meta = await doc.getMetadata();
  await doc.destroy();
  return { pages, runs, overflowing, images, info: meta.info as Record<string, unknown> };
}

/** Every sheet's cell values (row by row, from column A), by sheet name. */
export async function xlsxCells(bytes: Uint8Array): Promise<Record<string, unknown[][]>> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(bytes as unknown as ArrayBuffer);
  const out: Record<string, unknown[][]> = {};
  for (const sheet of book.worksheets) {
    const rows: unknown[][] = [];
    sheet.eachRow({ includeEmpty: true }, (row) => rows.push((row.values as unknown[]).slice(1)));
    out[sheet.name] = rows;
  }
  return out;
}

/** A CSV file (with or without BOM) as rows of fields. */
export function csvRows(bytes: Uint8Array): string[][] {
  const text = new TextDecoder("utf-8").decode(bytes).replace(/^\uFEFF/, "");
  return parseCsv(text).map((r) => r.fields);
}

/** The texts an SVG draws, unescaped. */
export function svgTexts(svg: string): string[] {
  const unescape = (s: string) =>
    s
      .replace(/&lt;/g, "<")
      .replace(/&gt;/g, ">")
      .replace(/&quot;/g, '"')
      .replace(/&#39;/g, "'")
      .replace(/&amp;/g, "&");
  return [...svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) => unescape(m[1]!));
}

/** The files in a zip, by name. */
export function zipEntries(bytes: Uint8Array): Record<string, Uint8Array> {
  return unzipSync(bytes);
}

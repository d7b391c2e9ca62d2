// PdfDocument → PDF bytes with pdfkit: A4, the shipped Noto Sans Hans embedded
// as a subset (only the glyphs used), the footer and "page x / y" on every
// page, tables that break across pages with their header repeated, CJK text
// wrapped between characters. The work yields to the event loop between
// blocks and every few table rows, so a long report never stalls the bot.

import { cellText, validateTable, type Column, type Table } from "../tables/table.js";
import { loadPdfKitModule, parsedFonts } from "../fonts.js";
import { pageLabel, type PdfBlock, type PdfDocument } from "./document.js";

/** @types/pdfkit types the module's export as a document that is also its own constructor. */
type PdfKit = PDFKit.PDFDocument;
type Pdf = PDFKit.PDFDocument;

const loadPdfKit = loadPdfKitModule as () => Promise<PdfKit>;

const PAGE = { width: 595.28, height: 841.89 };
const MARGIN = { top: 60, bottom: 60, left: 50, right: 50 };
const CONTENT_WIDTH = PAGE.width - MARGIN.left - MARGIN.right;
const BOTTOM = PAGE.height - MARGIN.bottom;
const TEXT = "#222222";
const MUTED = "#666666";
const RULE = "#cccccc";
const BODY_SIZE = 10.5;
const TABLE_SIZE = 8.5;
const CELL_PAD = 4;
const ROWS_PER_YIELD = 40;

const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

export async function toPdf(document: PdfDocument): Promise<Buffer> {
  for (const s of document.sections) for (const b of s.blocks) if (b.kind === "table") validateTable(b.table);
  const PDFDocument = await loadPdfKit();
  const font = await parsedFonts();
  const pdf: Pdf = new PDFDocument({
    size: "A4",
    margins: MARGIN,
    bufferPages: true,
    lang: document.language === "zh" ? "zh-CN" : "en",
    displayTitle: true,
    info: {
      Title: document.title,
      ...(document.subtitle ? { Subject: document.subtitle } : {}),
      ...(document.author ? { Author: document.author } : {}),
      Creator: "Frontstage",
      Producer: "Frontstage",
      ...(document.created ? { CreationDate: document.created, ModDate: document.created } : {}),
    },
  });
  const chunks: Buffer[] = [];
  pdf.on("data", (chunk: Buffer) => chunks.push(chunk));
  const ended = new Promise<void>((resolve, reject) => {
    pdf.on("end", () => resolve());
    pdf.on("error", reject);
  });
  pdf.registerFont("body", font.regular as Buffer);
  pdf.registerFont("bold", font.bold as Buffer);

  pdf.font("bold").fontSize(20).fillColor(TEXT).text(document.title, { width: CONTENT_WIDTH });
  if (document.subtitle) pdf.moveDown(0.3).font("body").fontSize(12).fillColor(MUTED).text(document.subtitle, { width: CONTENT_WIDTH });
  pdf.moveDown(1);

  for (const section of document.sections) {
    heading(pdf, section.heading);
    for (const block of section.blocks) {
      await drawBlock(pdf, block);
      await yieldToEventLoop();
    }
    pdf.moveDown(0.8);
  }

  stampPages(pdf, document);
  pdf.end();
  await ended;
  return Buffer.concat(chunks);
}

/** Starts a new page unless `height` points are left above the bottom margin. */
function ensureSpace(pdf: Pdf, height: number): void {
  if (pdf.y + height > BOTTOM) pdf.addPage();
}

function heading(pdf: Pdf, text: string): void {
  pdf.font("bold").fontSize(14);
  const h = pdf.heightOfString(text, { width: CONTENT_WIDTH });
  ensureSpace(pdf, h + 60); // keep a heading with the start of its section
  pdf.fillColor(TEXT).text(text, MARGIN.left, pdf.y, { width: CONTENT_WIDTH });
  const y = pdf.y + 2;
  pdf.moveTo(MARGIN.left, y).lineTo(MARGIN.left + CONTENT_WIDTH, y).lineWidth(0.8).strokeColor(RULE).stroke();
  pdf.y = y + 8;
}

async function drawBlock(pdf: Pdf, block: PdfBlock): Promise<void> {
  switch (block.kind) {
    case "paragraph": {
      pdf.font("body").fontSize(BODY_SIZE).fillColor(TEXT);
      ensureSpace(pdf, BODY_SIZE * 2);
      pdf.text(block.text, MARGIN.left, pdf.y, { width: CONTENT_WIDTH, lineGap: 2.5 });
      pdf.moveDown(0.6);
      return;
    }
    case "bullets": {
      pdf.font("body").fontSize(BODY_SIZE).fillColor(TEXT);
      const indent = 14;
      for (const item of block.items) {
        const h = pdf.heightOfString(item, { width: CONTENT_WIDTH - indent, lineGap: 2.5 });
        ensureSpace(pdf, Math.min(h, BODY_SIZE * 3.5));
        const y = pdf.y;
        pdf.text("•", MARGIN.left + 2, y, { width: indent, lineBreak: false });
        pdf.text(item, MARGIN.left + indent, y, { width: CONTENT_WIDTH - indent, lineGap: 2.5 });
        pdf.moveDown(0.25);
      }
      pdf.moveDown(0.4);
      return;
    }
    case "keyValues": {
      const keyWidth = CONTENT_WIDTH * 0.38;
      const valueWidth = CONTENT_WIDTH - keyWidth - 10;
      for (const { key, value } of block.items) {
        pdf.fontSize(BODY_SIZE);
        const h = Math.max(pdf.font("bold").heightOfString(key, { width: keyWidth }), pdf.font("body").heightOfString(value, { width: valueWidth }));
        ensureSpace(pdf, h);
        const y = pdf.y;
        pdf.font("bold").fillColor(MUTED).text(key, MARGIN.left, y, { width: keyWidth });
        pdf.font("body").fillColor(TEXT).text(value, MARGIN.left + keyWidth + 10, y, { width: valueWidth });
        pdf.y = y + h + 4;
      }
      pdf.x = MARGIN.left;
      pdf.moveDown(0.5);
      return;
    }
    case "image": {
      const size = pngSize(block.png);
      let width = CONTENT_WIDTH * Math.min(1, Math.max(0.1, block.widthShare ?? 1));
      let height = (width * size.height) / size.width;
      const room = BOTTOM - MARGIN.top - 30;
      if (height > room) {
        width = (width * room) / height;
        height = room;
      }
      ensureSpace(pdf, height + (block.caption ? 24 : 8));
      const x = MARGIN.left + (CONTENT_WIDTH - width) / 2;
      const y = pdf.y;
      pdf.image(Buffer.from(block.png.buffer, block.png.byteOffset, block.png.byteLength), x, y, { width, height });
      pdf.y = y + height + 4;
      if (block.caption) pdf.font("body").fontSize(9).fillColor(MUTED).text(block.caption, MARGIN.left, pdf.y, { width: CONTENT_WIDTH, align: "center" });
      pdf.x = MARGIN.left;
      pdf.moveDown(0.8);
      return;
    }
    case "table":
      await drawTable(pdf, block.table, block.caption);
      return;
  }
}

const MIN_TEXT_COLUMN = 70;
const MIN_TABLE_SIZE = 6;

/**
 * Column widths and font size: numbers never wrap (the font shrinks, down to
 * 6 pt, when a wide table's numbers do not fit), headers may wrap, text
 * columns share what is left (at least 70 pt each).
 */
function tableLayout(pdf: Pdf, table: Table): { widths: number[]; size: number } {
  const sample = table.rows.slice(0, 200);
  const pad = 2 * CELL_PAD + 3;
  const measured = table.columns.map((c: Column, i) => {
    pdf.font("bold").fontSize(TABLE_SIZE);
    const header = pdf.widthOfString(c.header);
    pdf.font("body");
    let cells = 0;
    for (const row of sample) cells = Math.max(cells, pdf.widthOfString(cellText(row[i]!, c.kind, { grouping: true })));
    return { text: c.kind === "text", header, cells };
  });
  const need = (scale: number) => measured.reduce((a, m) => a + (m.text ? MIN_TEXT_COLUMN : m.cells * scale + pad), 0);
  const scale = need(1) <= CONTENT_WIDTH ? 1 : Math.max(MIN_TABLE_SIZE / TABLE_SIZE, (CONTENT_WIDTH - need(0)) / (need(1) - need(0)));
  const size = TABLE_SIZE * Math.min(1, scale);
  const k = size / TABLE_SIZE;
  const prefer = measured.map((m) => Math.min(Math.max(m.cells, m.header) * k, 260) + pad);
  const minimum = measured.map((m) => (m.text ? MIN_TEXT_COLUMN : m.cells * k + pad));
  const preferSum = prefer.reduce((a, b) => a + b, 0);
  const isText = measured.map((m) => m.text);
  const anyText = isText.some(Boolean);
  if (preferSum <= CONTENT_WIDTH) {
    // Spread the spare width over text columns (or all, when none is text).
    const growers = anyText ? isText : isText.map(() => true);
    const growth = prefer.reduce((a, w, i) => a + (growers[i] ? w : 0), 0);
    return { widths: prefer.map((w, i) => (growers[i] ? w + ((CONTENT_WIDTH - preferSum) * w) / growth : w)), size };
  }
  // Numbers at their preferred width if the text still gets its minimum, else at their minimum (headers wrap).
  const numbersPreferred = prefer.reduce((a, w, i) => a + (isText[i] ? MIN_TEXT_COLUMN : w), 0) <= CONTENT_WIDTH;
  const fixed = prefer.map((w, i) => (isText[i] ? 0 : numbersPreferred ? w : minimum[i]!));
  const room = CONTENT_WIDTH - fixed.reduce((a, b) => a + b, 0);
  const textPrefer = prefer.reduce((a, w, i) => a + (isText[i] ? w : 0), 0);
  const widths = prefer.map((w, i) => (isText[i] ? Math.max(MIN_TEXT_COLUMN, (room * w) / (textPrefer || 1)) : fixed[i]!));
  const sum = widths.reduce((a, b) => a + b, 0);
  return { widths: sum > CONTENT_WIDTH ? widths.map((w) => (w * CONTENT_WIDTH) / sum) : widths, size };
}

async function drawTable(pdf: Pdf, table: Table, caption: string | undefined): Promise<void> {
  const { widths, size } = tableLayout(pdf, table);
  const maxRowHeight = BOTTOM - MARGIN.top - 60;
  const align = (c: Column) => (c.kind === "text" ? "left" : "right");

  const rowHeight = (texts: string[], fontName: "body" | "bold") => {
    pdf.font(fontName).fontSize(size);
    const line = pdf.currentLineHeight(true);
    let h = line;
    texts.forEach((t, i) => {
      // Measuring the width is cheap; only text that will wrap needs the line wrapper.
      const room = widths[i]! - 2 * CELL_PAD;
      if (t.includes("\n") || pdf.widthOfString(t) > room) h = Math.max(h, pdf.heightOfString(t, { width: room }));
    });
    return Math.min(h, maxRowHeight) + 2 * CELL_PAD;
  };
  const drawRow = (texts: string[], y: number, h: number, fontName: "body" | "bold", fill: string | null) => {
    if (fill) pdf.rect(MARGIN.left, y, CONTENT_WIDTH, h).fill(fill);
    pdf.font(fontName).fontSize(size).fillColor(TEXT);
    let x = MARGIN.left;
    texts.forEach((t, i) => {
      pdf.text(t, x + CELL_PAD, y + CELL_PAD, {
        width: widths[i]! - 2 * CELL_PAD,
        height: h - 2 * CELL_PAD + 1,
        ellipsis: true,
        align: align(table.columns[i]!),
      });
      x += widths[i]!;
    });
    pdf
      .moveTo(MARGIN.left, y + h)
      .lineTo(MARGIN.left + CONTENT_WIDTH, y + h)
      .lineWidth(0.4)
      .strokeColor(RULE)
      .stroke();
  };

  const header = table.columns.map((c) => c.header);
  const headerHeight = rowHeight(header, "bold");
  const texts = table.rows.map((row) => row.map((cell, i) => cellText(cell, table.columns[i]!.kind, { grouping: true })));
  const firstRow = texts.length > 0 ? rowHeight(texts[0]!, "body") : 0;

  if (caption) {
    pdf.font("bold").fontSize(BODY_SIZE);
    ensureSpace(pdf, pdf.heightOfString(caption, { width: CONTENT_WIDTH }) + headerHeight + firstRow + 6);
    pdf.fillColor(TEXT).text(caption, MARGIN.left, pdf.y, { width: CONTENT_WIDTH });
    pdf.moveDown(0.3);
  }
  ensureSpace(pdf, headerHeight + firstRow);
  let y = pdf.y;
  drawRow(header, y, headerHeight, "bold", "#eeeeee");
  y += headerHeight;
  for (const [r, row] of texts.entries()) {
    const h = rowHeight(row, "body");
    if (y + h > BOTTOM) {
      pdf.addPage();
      y = pdf.y;
      drawRow(header, y, headerHeight, "bold", "#eeeeee");
      y += headerHeight;
    }
    drawRow(row, y, h, "body", r % 2 === 1 ? "#f7f7f7" : null);
    y += h;
    if (r % ROWS_PER_YIELD === ROWS_PER_YIELD - 1) await yieldToEventLoop();
  }
  pdf.x = MARGIN.left;
  pdf.y = y + 10;
}

/** Footer, page number and (after page 1) the title on every page. */
function stampPages(pdf: Pdf, document: PdfDocument): void {
  const range = pdf.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    pdf.switchToPage(i);
    // Writing inside the bottom margin must not start a new page.
    const bottom = pdf.page.margins.bottom;
    pdf.page.margins.bottom = 0;
    const y = PAGE.height - MARGIN.bottom + 22;
    pdf.moveTo(MARGIN.left, y - 6).lineTo(MARGIN.left + CONTENT_WIDTH, y - 6).lineWidth(0.4).strokeColor(RULE).stroke();
    pdf.font("body").fontSize(7.5).fillColor(MUTED);
    pdf.text(document.footer, MARGIN.left, y, { width: CONTENT_WIDTH * 0.78, lineBreak: false });
    pdf.text(pageLabel(document.language, i - range.start + 1, range.count), MARGIN.left + CONTENT_WIDTH * 0.78, y, {
      width: CONTENT_WIDTH * 0.22,
      align: "right",
      lineBreak: false,
    });
    if (i > range.start) pdf.text(document.title, MARGIN.left, MARGIN.top - 30, { width: CONTENT_WIDTH, lineBreak: false, ellipsis: true });
    pdf.page.margins.bottom = bottom;
  }
}

/** Width and height from a PNG's IHDR chunk. */
function pngSize(png: Uint8Array): { width: number; height: number } {
  const signature = [0x89, 0x50, 0x4e, 0x47];
  if (png.length < 24 || signature.some((b, i) => png[i] !== b)) throw new RangeError("an image block needs PNG bytes");
  const view = new DataView(png.buffer, png.byteOffset, png.byteLength);
  return { width: view.getUint32(16), height: view.getUint32(20) };
}

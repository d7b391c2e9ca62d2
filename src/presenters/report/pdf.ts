// The whole report as a PDF document (src/render/pdf) in the reader's
// language: every section as text, the tables, the charts embedded, and the
// snapshot's version and SHA-256 in every page's footer. From the snapshot only.
import type { ReportHeader } from "../../domain/reports/header.js";
import { pickText } from "../../domain/consultations/texts.js";
import type { ReportContent } from "../../domain/reports/index.js";
import type { PdfBlock, PdfDocument, PdfSection } from "../../render/pdf/index.js";
import type { RenderWorker } from "../../render/worker/index.js";
import type { Reader } from "../consultation.js";
import { reportCharts, type ReportChart } from "./charts.js";
import { SECTIONS, sectionBody, sectionPages, type SectionCode } from "./sections.js";
import { reportSummary } from "./summary.js";
import { reportTables } from "./tables.js";

/** Telegram-HTML as plain text. */
export function htmlToPlain(html: string): string {
  return html.replace(/<[^>]+>/g, "").replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&");
}

/** Lines as paragraphs, a run of "• " lines as one bullet list. */
function blocks(lines: readonly string[]): PdfBlock[] {
  const out: PdfBlock[] = [];
  let bullets: string[] = [];
  const flush = () => {
    if (bullets.length > 0) out.push({ kind: "bullets", items: bullets });
    bullets = [];
  };
  for (const raw of lines.flatMap((l) => htmlToPlain(l).split("\n"))) {
    const line = raw.trimEnd();
    if (line.startsWith("• ")) bullets.push(line.slice(2));
    else if (/^\s{2,}\S/.test(line) && bullets.length > 0) bullets[bullets.length - 1] += "\n" + line.trim();
    else {
      flush();
      if (line.trim() !== "") out.push({ kind: "paragraph", text: line });
    }
  }
  flush();
  return out;
}

/** Which charts go with which section. */
function chartsFor(section: SectionCode, charts: readonly ReportChart[]): ReportChart[] {
  if (section === "pa") return charts.filter((c) => c.key === "participation");
  if (section === "po") return charts.filter((c) => c.key.startsWith("poll-"));
  if (section === "gr") return charts.filter((c) => c.key === "map");
  return [];
}

/**
 * The whole report as one document — for the PDF, and (without pictures,
 * `renderer` null) for Markdown. `html` renders the text parts (the HTML
 * translator, as messages are); `plain` the tables and charts.
 */
export async function reportDocument(html: Reader, plain: Reader, h: ReportHeader, c: ReportContent, renderer: Pick<RenderWorker, "render"> | null): Promise<PdfDocument> {
  const charts = renderer ? reportCharts(plain, h, c) : [];
  const pngs = new Map<string, Uint8Array>();
  for (const chart of charts) pngs.set(chart.key, (await renderer!.render({ kind: "chart", spec: { ...chart.spec, scale: 1.5 } })).png);
  const tables = reportTables(plain, h, c);
  const sections: PdfSection[] = [{ heading: html.t("report.section.s"), blocks: blocks(reportSummary(html, h, c, { file: true }).split("\n").slice(3)) }];
  for (const s of SECTIONS) {
    const lines: string[] = [];
    // The statements are in the table below; their section text would repeat it page by page.
    if (s !== "st") for (let p = 0; p < sectionPages(c, s); p++) lines.push(...sectionBody(html, c, s, p), "");
    const body = blocks(lines);
    for (const chart of chartsFor(s, charts)) body.push({ kind: "image", png: pngs.get(chart.key)!, caption: chart.caption.split("\n")[0]!, widthShare: 0.9 });
    if (s === "pa") body.push({ kind: "table", table: tables[1]! });
    if (s === "st") body.push(c.statements.length > 0 ? { kind: "table", table: tables[3]! } : { kind: "paragraph", text: plain.t("report.noStatements") });
    sections.push({ heading: html.t(`report.section.${s}`), blocks: body });
  }
  return {
    title: `#${h.consultationId} ${pickText(c.consultation.title, html.lang).text}`,
    subtitle: htmlToPlain(html.t("report.heading", { id: h.consultationId, version: h.version, kind: html.t(`report.kind.${h.kind}`) })) + " · " + htmlToPlain(html.t("report.submittedAt", { time: html.time(h.createdAt) })),
    language: html.lang,
    footer: plain.t("report.fileFooter", { version: h.version, hash: h.sha256 }),
    author: "Frontstage",
    created: h.createdAt,
    sections,
  };
}

export async function reportPdf(html: Reader, plain: Reader, h: ReportHeader, c: ReportContent, renderer: Pick<RenderWorker, "render">): Promise<Buffer> {
  return renderer.render({ kind: "pdf", document: await reportDocument(html, plain, h, c, renderer) });
}

// A report as a file: JSON (the stored content with what names the snapshot),
// PDF and Markdown (one document: every section, the tables; the PDF with its
// charts), XLSX (one sheet per table) and CSV (the same tables, UTF-8 with
// BOM, in one zip). From the snapshot only.
import type { ReportHeader } from "../../domain/reports/header.js";
import type { ReportContent } from "../../domain/reports/index.js";
import type { Table } from "../../render/tables/index.js";
import { createInlineRenderer, type RenderWorker } from "../../render/worker/index.js";
import { pickText } from "../../domain/consultations/texts.js";
import type { Reader } from "../consultation.js";
import { toMarkdown } from "../../render/markdown.js";
import { reportDocument, reportPdf } from "./pdf.js";
import { reportTables } from "./tables.js";

export type ReportFormat = "json" | "md" | "xlsx" | "csv" | "pdf";

/** The stem of every file name: frontstage-report-12-v2. */
export const fileStem = (h: Pick<ReportHeader, "consultationId" | "version">) => `frontstage-report-${h.consultationId}-v${h.version}`;

/**
 * One file. `r` is a plain-text reader (tables, charts, JSON); `html` the
 * reader messages use, from which Markdown and the PDF's text are made.
 */
export async function reportFile(
  r: Reader,
  h: ReportHeader,
  c: ReportContent,
  format: ReportFormat,
  html: Reader = r,
  /** The render worker thread (the bot), or the calling thread (CLI, tests). */
  renderer: Pick<RenderWorker, "render"> = createInlineRenderer(),
  /** Live sheets after the snapshot's in the XLSX (the Actions sheet of follow-up actions). */
  live: readonly Table[] = [],
): Promise<{ name: string; data: Buffer }> {
  const stem = fileStem(h);
  switch (format) {
    case "pdf":
      return { name: `${stem}-${r.lang}.pdf`, data: await reportPdf(html, r, h, c, renderer) };
    case "json": {
      const meta = { consultation: h.consultationId, version: h.version, kind: h.kind, submittedAt: h.createdAt.toISOString(), sha256: h.sha256, engineVersion: h.engineVersion, ...("parameters" in h ? { engineParameters: JSON.parse(String(h.parameters)) as unknown } : {}) };
      return { name: `${stem}.json`, data: Buffer.from(JSON.stringify({ snapshot: meta, content: c }, null, 2) + "\n", "utf8") };
    }
    case "md":
      return { name: `${stem}-${r.lang}.md`, data: Buffer.from(toMarkdown(await reportDocument(html, r, h, c, null)), "utf8") };
    case "xlsx": {
      const footer = r.t("report.fileFooter", { version: h.version, hash: h.sha256 });
      const data = await renderer.render({ kind: "xlsx", tables: [...reportTables(r, h, c), ...live], meta: { title: pickText(c.consultation.title, r.lang).text, footer, created: h.createdAt, creator: "Frontstage" } });
      return { name: `${stem}-${r.lang}.xlsx`, data };
    }
    case "csv": {
      // Written and zipped on the render worker, like the XLSX: 20,000 rows of CSV block a thread for a second.
      const files = reportTables(r, h, c).map((table, i) => ({ name: `${i + 1}-${table.name}.csv`, table }));
      return { name: `${stem}-${r.lang}-csv.zip`, data: await renderer.render({ kind: "csvZip", files, modified: h.createdAt }) };
    }
  }
}

// The heavy renderings as messages, so they can run on a worker thread (or inline).

import { renderChart, type ChartSpec, type RenderedChart } from "../charts/index.js";
import { toPdf } from "../pdf/render.js";
import type { PdfDocument } from "../pdf/document.js";
import { toXlsx, type WorkbookMeta } from "../tables/xlsx.js";
import { toCsv } from "../tables/csv.js";
import type { Table } from "../tables/table.js";
import { zip } from "../tables/zip.js";

export type RenderJob =
  | { readonly kind: "chart"; readonly spec: ChartSpec }
  | { readonly kind: "pdf"; readonly document: PdfDocument }
  | { readonly kind: "xlsx"; readonly tables: readonly Table[]; readonly meta: WorkbookMeta }
  /** Each table as a CSV file named `file`, all in one zip (entries dated `modified`). */
  | { readonly kind: "csvZip"; readonly files: readonly { readonly name: string; readonly table: Table }[]; readonly modified: Date }
  /** Loads every library and the fonts by rendering a tiny chart, workbook and PDF; answers the milliseconds it took. */
  | { readonly kind: "warm" };

export interface RenderResults {
  chart: RenderedChart;
  pdf: Buffer;
  xlsx: Buffer;
  csvZip: Buffer;
  warm: number;
}

export type RenderResult<J extends RenderJob> = RenderResults[J["kind"]];

export async function runJob<J extends RenderJob>(job: J): Promise<RenderResult<J>> {
  switch (job.kind) {
    case "chart":
      return (await renderChart(job.spec)) as RenderResult<J>;
    case "pdf":
      return (await toPdf(job.document)) as RenderResult<J>;
    case "xlsx":
      return (await toXlsx(job.tables, job.meta)) as RenderResult<J>;
    case "csvZip":
      return (await csvZip(job.files, job.modified)) as RenderResult<J>;
    case "warm":
      return (await warmUp()) as RenderResult<J>;
  }
  throw new RangeError(`unknown render job ${(job as { kind: string }).kind}`);
}

async function warmUp(): Promise<number> {
  const started = performance.now();
  const chart = await renderChart({ kind: "bar", title: "预热 warm-up", categories: ["a"], series: [{ values: [1] }], width: 200, height: 120, scale: 1 });
  const table: Table = { name: "warm", columns: [{ header: "数", kind: "int" }], rows: [[1]] };
  await toXlsx([table], { title: "warm", footer: "", created: new Date(0) });
  await toPdf({ title: "预热 warm-up", language: "zh", footer: "", sections: [{ heading: "h", blocks: [{ kind: "image", png: chart.png }, { kind: "table", table }] }] });
  return performance.now() - started;
}

/** One CSV at a time: only one table's text is held besides the finished files. */
async function csvZip(files: readonly { readonly name: string; readonly table: Table }[], modified: Date): Promise<Buffer> {
  const entries: { name: string; data: Uint8Array }[] = [];
  for (const f of files) entries.push({ name: f.name, data: await toCsv(f.table) });
  return zip(entries, { modified });
}

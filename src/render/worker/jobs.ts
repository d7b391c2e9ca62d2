// The heavy renderings as messages, so they can run on a worker thread (or inline).

import { renderChart, type ChartSpec, type RenderedChart } from "../charts/index.js";
import { toPdf } from "../pdf/render.js";
import type { PdfDocument } from "../pdf/document.js";
import { toXlsx, type WorkbookMeta } from "../tables/xlsx.js";
import type { Table } from "../tables/table.js";

export type RenderJob =
  | { readonly kind: "chart"; readonly spec: ChartSpec }
  | { readonly kind: "pdf"; readonly document: PdfDocument }
  | { readonly kind: "xlsx"; readonly tables: readonly Table[]; readonly meta: WorkbookMeta };

export interface RenderResults {
  chart: RenderedChart;
  pdf: Buffer;
  xlsx: Buffer;
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
  }
  throw new RangeError(`unknown render job ${(job as { kind: string }).kind}`);
}

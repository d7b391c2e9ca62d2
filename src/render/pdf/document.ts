// A generic document model for PDF reports: plain data, every word from the
// caller in the reader's language; only the page-number pattern depends on
// `language`.

import type { Table } from "../tables/table.js";

export type PdfLanguage = "zh" | "en";

export type PdfBlock =
  | { readonly kind: "paragraph"; readonly text: string }
  | { readonly kind: "bullets"; readonly items: readonly string[] }
  | { readonly kind: "table"; readonly table: Table; readonly caption?: string }
  | {
      readonly kind: "image";
      readonly png: Uint8Array;
      readonly caption?: string;
      /** Share of the text width (default 1). */
      readonly widthShare?: number;
    }
  | { readonly kind: "keyValues"; readonly items: readonly { readonly key: string; readonly value: string }[] };

export interface PdfSection {
  readonly heading: string;
  readonly blocks: readonly PdfBlock[];
}

export interface PdfDocument {
  readonly title: string;
  readonly subtitle?: string;
  readonly language: PdfLanguage;
  /** On every page, e.g. "v2 · sha256 3f5a…". */
  readonly footer: string;
  readonly author?: string;
  /** Stored as the PDF's creation date (pass the snapshot's time; nothing here reads the clock). */
  readonly created?: Date;
  readonly sections: readonly PdfSection[];
}

/** "第 3 / 12 页" or "page 3 / 12". */
export function pageLabel(language: PdfLanguage, page: number, pages: number): string {
  return language === "zh" ? `第 ${page} / ${pages} 页` : `page ${page} / ${pages}`;
}

// The same document model as the PDF, as Markdown (GitHub tables), for the
// CLI's `--format md` and for reading a report in a terminal or a diff.

import type { PdfBlock, PdfDocument } from "./pdf/document.js";
import { cellText, type Table } from "./tables/table.js";

/** Text inside a table cell: pipes escaped, line breaks as <br>. */
function cell(text: string): string {
  return text.replace(/\\/g, "\\\\").replace(/\|/g, "\\|").replace(/\r?\n/g, "<br>");
}

/** A line of running text: nothing a Markdown reader would take for markup at its start. */
function line(text: string): string {
  return text.replace(/^(\s*)([#>*+-]|\d+\.)(\s)/gm, "$1\\$2$3");
}

function table(t: Table): string {
  const head = `| ${t.columns.map((c) => cell(c.header)).join(" | ")} |`;
  const rule = `| ${t.columns.map((c) => (c.kind === "text" ? "---" : "---:")).join(" | ")} |`;
  const rows = t.rows.map((row) => `| ${row.map((v, i) => cell(cellText(v, t.columns[i]!.kind, { grouping: true }))).join(" | ")} |`);
  return [head, rule, ...rows].join("\n");
}

function block(b: PdfBlock): string {
  switch (b.kind) {
    case "paragraph":
      return line(b.text);
    case "bullets":
      return b.items.map((item) => `- ${item.replace(/\r?\n/g, " ")}`).join("\n");
    case "keyValues":
      return b.items.map(({ key, value }) => `- **${key.replace(/\*/g, "\\*")}:** ${value}`).join("\n");
    case "table":
      return (b.caption ? `**${b.caption.replace(/\*/g, "\\*")}**\n\n` : "") + table(b.table);
    case "image":
      // The picture itself travels as a separate file; Markdown keeps its caption.
      return b.caption ? `*[${b.caption.replace(/[*[\]]/g, "\\$&")}]*` : "";
  }
}

export function toMarkdown(document: PdfDocument): string {
  const parts = [`# ${document.title}`];
  if (document.subtitle) parts.push(`*${document.subtitle.replace(/\*/g, "\\*")}*`);
  for (const section of document.sections) {
    parts.push(`## ${section.heading}`);
    for (const b of section.blocks) {
      const text = block(b);
      if (text) parts.push(text);
    }
  }
  parts.push(`---\n${document.footer}`);
  return parts.join("\n\n") + "\n";
}

// summary.csv: no header, one "key,value" line each (topic, url, views, voters,
// voters-in-conv, commenters, comments, groups, conversation-description).

import { formatCsv, type CsvRecord } from "../text/csv.js";
import { PolisFormatError } from "./errors.js";
import { parseRecords } from "./records.js";
import type { PolisSummary } from "./types.js";

const FILE = "summary.csv";
/** Keys whose value must be a whole number when present. */
const COUNT_KEYS = new Set(["views", "voters", "voters-in-conv", "commenters", "comments", "groups"]);

export function summaryFromRecords(records: readonly CsvRecord[]): PolisSummary {
  const entries: [string, string][] = [];
  for (const record of records) {
    const [key, ...rest] = record.fields;
    const name = (key ?? "").trim();
    if (name === "") throw new PolisFormatError(FILE, record.line, "a line without a key");
    if (rest.length > 1 && rest.slice(1).some((v) => v !== "")) {
      throw new PolisFormatError(FILE, record.line, `"${name}" has more than one value`);
    }
    const value = rest[0] ?? "";
    if (COUNT_KEYS.has(name) && value.trim() !== "" && !/^\d+$/.test(value.trim())) {
      throw new PolisFormatError(FILE, record.line, `${name} "${value}" is not a whole number`);
    }
    entries.push([name, value]);
  }
  return { entries };
}

export function parseSummaryCsv(text: string | Uint8Array): PolisSummary {
  return summaryFromRecords(parseRecords(FILE, text));
}

export function summaryValue(summary: PolisSummary, key: string): string | undefined {
  return summary.entries.find(([k]) => k === key)?.[1];
}

export function formatSummaryCsv(summary: PolisSummary): string {
  return formatCsv(
    summary.entries.map(([k, v]) => [k, v]),
    "\n",
  );
}

export interface SummaryFacts {
  readonly topic: string;
  readonly url?: string;
  readonly description?: string;
  readonly voters: number;
  readonly commenters: number;
  readonly comments: number;
  readonly groups: number;
}

/** A summary in Pol.is's key order. */
export function buildSummary(facts: SummaryFacts): PolisSummary {
  const entries: [string, string][] = [["topic", facts.topic]];
  if (facts.url !== undefined) entries.push(["url", facts.url]);
  entries.push(
    ["views", String(facts.voters)],
    ["voters", String(facts.voters)],
    ["voters-in-conv", String(facts.voters)],
    ["commenters", String(facts.commenters)],
    ["comments", String(facts.comments)],
    ["groups", String(facts.groups)],
    ["conversation-description", facts.description ?? ""],
  );
  return { entries };
}

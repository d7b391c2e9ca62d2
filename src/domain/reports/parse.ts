import { REPORT_FORMAT, type ReportContent } from "./content.js";

/** Reads a stored report's content; null when it is damaged or of an unknown format. */
export function parseReportContent(json: string): ReportContent | null {
  try {
    const value = JSON.parse(json) as Partial<ReportContent> | null;
    if (!value || value.format !== REPORT_FORMAT || !value.consultation || !value.participation || !Array.isArray(value.polls) || !value.opinions || !Array.isArray(value.statements)) return null;
    return value as ReportContent;
  } catch {
    return null;
  }
}

// Shared pieces of a report's renderings: counts as shown (withheld cells as
// "<5" or "*"), percentages, statement texts in the reader's language, and the
// report's polls in the shape the consultation presenter prints.
import { toPollDefinition, type Consultation, type Poll } from "../../domain/consultations/consultation.js";
import type { ReportContent, ReportPoll, ReportStatementRef, ShownCount } from "../../domain/reports/index.js";
import { formatPublishedCount } from "../../domain/privacy/index.js";
import { escapeHtml } from "../../domain/text/normalize.js";
import { shown, type Reader } from "../consultation.js";

/** A breakdown count as text: the number, "<5" or "*" (the privacy module's marks). */
export function count(c: ShownCount): string {
  return formatPublishedCount(c);
}

export function pct(n: number, d: number): string {
  return d === 0 ? "—" : `${Math.round((n * 1000) / d) / 10}%`;
}

/** Part of a whole when both are shown, else "—". */
export function shownPct(part: ShownCount, whole: ShownCount): string {
  return typeof part === "number" && typeof whole === "number" ? pct(part, whole) : "—";
}

export const esc = (r: Reader, s: string) => (r.plain ? s : escapeHtml(s));
export const b = (r: Reader, s: string) => (r.plain ? s : `<b>${s}</b>`);

import { clip } from "../../domain/text/clip.js";

/** A statement as "#n text", in the reader's language or marked as the original, clipped and escaped. */
export function statementLine(r: Reader, s: ReportStatementRef, max = 200): string {
  const t = { ...(s.text.zh ? { zh: clip(s.text.zh, max) } : {}), ...(s.text.en ? { en: clip(s.text.en, max) } : {}) };
  return `#${s.number} ${shown(r, t)}`;
}

/** The report's consultation and polls as the consultation presenter's types, so poll results print exactly as the committee's do. */
export function asConsultation(content: ReportContent): { consultation: Consultation; polls: Poll[] } {
  const c = content.consultation;
  const polls = content.polls.map((p, i) => asPoll(p, i, c.number));
  const consultation: Consultation = {
    id: c.number,
    title: c.title,
    description: c.description,
    status: content.kind === "interim" ? "open" : "closed",
    audience: c.audience,
    opensAt: null,
    closesAt: new Date(c.closesAt),
    openedAt: c.openedAt ? new Date(c.openedAt) : null,
    closedAt: c.closedAt ? new Date(c.closedAt) : null,
    residentStatements: true,
    moderated: true,
    remindersQueuedAt: null,
    publishedAt: null,
    createdBy: null,
    createdAt: new Date(content.computedAt),
    polls,
  };
  return { consultation, polls };
}

function asPoll(p: ReportPoll, index: number, consultationId: number): Poll {
  const spec = {
    question: p.question,
    kind: p.kind,
    options: p.options,
    ...(p.labels ? { labels: p.labels } : {}),
    voters: p.voters,
    rule: p.rule,
    ...(p.result.quorumPercent !== null ? { quorumPercent: p.result.quorumPercent } : {}),
    results: "hidden" as const,
  };
  return {
    id: index + 1,
    consultationId,
    position: p.number - 1,
    spec,
    definition: toPollDefinition(index + 1, spec),
    // Which units had no area is never part of a report; only how many (shown separately).
    result: { result: p.result, unitsWithoutArea: [], notes: p.notes as "register-too-small"[], computedAt: "" },
  };
}

/** Joins lines and makes sure the message fits Telegram's limit, cutting at a line end. */
export function fit(lines: readonly string[], limit = 4000): string {
  let out = "";
  for (const line of lines) {
    const next = out === "" ? line : `${out}\n${line}`;
    if (next.length > limit) return out + "\n…";
    out = next;
  }
  return out;
}

// Builds a report's content from the consultation's data, once, at submission.
// Pure: the app gathers the inputs (the closing's own poll results, the
// audience, statements and votes) and the privacy module's functions.
import type { Consultation, StoredPollResult } from "../consultations/consultation.js";
import type { LocalizedText } from "../consultations/texts.js";
import type { VoteColumns } from "../consensus/voteColumns.js";
import type { Statement } from "../statements/statement.js";
import { originalText } from "../statements/statement.js";
import { extractThemes } from "../themes/index.js";
import { REPORT_FORMAT, type ReportContent, type ReportModeration, type ReportPoll, type ShownCount } from "./content.js";
import { diffReports } from "./diff.js";
import { buildOpinions } from "./opinions.js";
import { buildParticipation, type ParticipationMember } from "./participation.js";

/** What the report needs of the privacy module (src/domain/privacy), injected so this stays a plain function of its inputs. */
export interface ReportPrivacy {
  /**
   * One breakdown column with its total published: cells of 1–4 withheld, and
   * more (possibly the total) where a withheld one could be worked out; null
   * when no withholding makes the column safe (it is then not published).
   */
  suppress(counts: readonly number[]): { readonly cells: ShownCount[]; readonly total: ShownCount } | null;
  /** A resident-written text with phone numbers, ID numbers, e-mail addresses and the roster's unit numbers masked. */
  mask(text: string): string;
}

export interface ReportInput {
  readonly consultation: Consultation;
  readonly computedAt: Date;
  /** Each poll's result: as stored at closing, or counted now by the same function while still open. */
  readonly results: ReadonlyMap<number, { readonly stored: StoredPollResult; readonly source: "closing" | "interim" }>;
  readonly members: readonly ParticipationMember[];
  /** Every statement of the consultation, any status. */
  readonly statements: readonly Statement[];
  /**
   * Every statement vote of the consultation as columns (any statement; only approved ones count),
   * participants numbered in their ids' canonical order (voteColumnsOf): no object per vote.
   */
  readonly votes: VoteColumns;
  readonly privacy: ReportPrivacy;
  /** The previous version's content and number, for "what changed". */
  readonly previous: { readonly version: number; readonly content: ReportContent } | null;
}

const iso = (d: Date | null) => (d ? d.toISOString() : null);

function maskedText(s: Statement, mask: (t: string) => string): LocalizedText {
  return { ...(s.textZh ? { zh: mask(s.textZh) } : {}), ...(s.textEn ? { en: mask(s.textEn) } : {}) };
}

function moderation(statements: readonly Statement[]): ReportModeration {
  const written = statements.filter((s) => !s.seed);
  return {
    submitted: written.length,
    approved: written.filter((s) => s.status === "approved").length,
    rejected: written.filter((s) => s.status === "rejected").length,
    pending: written.filter((s) => s.status === "pending").length,
    seeds: statements.length - written.length,
  };
}

export function buildReportContent(input: ReportInput): ReportContent {
  const c = input.consultation;
  const { privacy } = input;
  const polls: ReportPoll[] = c.polls.map((p) => {
    const r = input.results.get(p.id);
    if (!r) throw new Error(`poll ${p.id} has no result to report`);
    return {
      number: p.position + 1,
      question: p.spec.question,
      kind: p.spec.kind,
      options: p.spec.options,
      labels: p.spec.labels ?? null,
      voters: p.spec.voters,
      rule: p.spec.rule,
      result: r.stored.result,
      source: r.source,
      unitsWithoutArea: r.stored.unitsWithoutArea.length,
      notes: r.stored.notes,
    };
  });
  const approved = input.statements.filter((s) => s.status === "approved");
  const { opinions, statements } = buildOpinions(
    approved.map((s) => ({ id: s.id, text: maskedText(s, privacy.mask), original: s.originalLanguage, seed: s.seed })),
    input.statements.filter((s) => s.status !== "approved").map((s) => s.id),
    input.votes,
    privacy.suppress,
  );
  const content: ReportContent = {
    format: REPORT_FORMAT,
    consultation: { number: c.id, title: c.title, description: c.description, audience: c.audience, openedAt: iso(c.openedAt), closesAt: c.closesAt.toISOString(), closedAt: iso(c.closedAt) },
    kind: c.status === "open" ? "interim" : "final",
    computedAt: input.computedAt.toISOString(),
    participation: buildParticipation(input.members, privacy.suppress),
    polls,
    opinions,
    themes: extractThemes(approved.map((s) => privacy.mask(originalText(s))), { top: 20 }),
    statements,
    moderation: moderation(input.statements),
    changes: null,
  };
  return input.previous ? { ...content, changes: diffReports(input.previous.content, content, input.previous.version) } : content;
}

// A Pol.is export as one of our consultations (`frontstage import polis`): what to
// store, decided here without I/O. The consultation is closed; its statements are
// the export's comments, each marked with the language it was written in; its votes
// are the export's, under participant keys the caller makes (anonymous, one per
// export participant, in the export's participant order).
//
// Moderated-out comments (moderated −1) stay out: no text of theirs is stored, and
// nobody ever sees them. They are kept only as text-less rejected statements with
// their votes, because Pol.is's analysis counts them (as columns of zeros, see
// consensus/projection.ts): without them the consultation's opinion groups would
// not be the ones `frontstage analyze` finds in the export.

import type { Language } from "../language.js";
import { normalizeStatement } from "../statements/text.js";
import { summaryValue } from "./summary.js";
import type { PolisExportData } from "./types.js";

export interface PolisImportStatement {
  readonly commentId: number;
  /** approved, or rejected for a comment moderated out (then `text` is empty and stored as nothing). */
  readonly status: "approved" | "rejected";
  readonly text: string;
  readonly language: Language;
  /** normalizeStatement(text), made unique within the consultation (see below). */
  readonly normalized: string;
  readonly seed: boolean;
  readonly createdAt: Date;
}

export interface PolisImportPlan {
  readonly titleZh: string | null;
  readonly titleEn: string | null;
  readonly descriptionZh: string | null;
  readonly descriptionEn: string | null;
  readonly opensAt: Date;
  readonly closesAt: Date;
  readonly statements: PolisImportStatement[];
  /** Participants who cast a counted vote: 0 … participantCount − 1. */
  readonly participantCount: number;
  /** Votes as columns: statement index (into `statements`), participant index, vote (1, −1, 0), time in ms. */
  readonly votes: {
    readonly length: number;
    readonly statement: Int32Array;
    readonly participant: Int32Array;
    readonly vote: Int8Array;
    readonly votedAtMs: Float64Array;
  };
  /** Comments moderated out (rejected, no text). */
  readonly moderatedOut: number;
}

const CJK = /[\u3400-\u9fff\uf900-\ufaff]/;

/** zh when the text has Chinese characters, else en (the product's other language holds any Latin-script original). */
export function textLanguage(text: string): Language {
  return CJK.test(text) ? "zh" : "en";
}

export interface PolisImportOptions {
  readonly titleZh?: string;
  readonly titleEn?: string;
  /** When the export has no times at all (participants-votes.csv only, no comment times). */
  readonly now: Date;
}

export function polisImportPlan(data: PolisExportData, options: PolisImportOptions): PolisImportPlan {
  const indexOf = new Map<number, number>();
  const used = new Set<string>();
  const statements = data.comments.map((c, i): PolisImportStatement => {
    indexOf.set(c.commentId, i);
    const createdAt = new Date(c.timestamp > 0 ? c.timestamp : options.now.getTime());
    if (c.moderated === -1) {
      return { commentId: c.commentId, status: "rejected", text: "", language: "en", normalized: `#polis-moderated-out-${c.commentId}`, seed: false, createdAt };
    }
    const text = c.body.trim();
    let normalized = normalizeStatement(text);
    // Pol.is lets the same text in twice (or an empty one); our statements are unique per form.
    if (normalized === "" || used.has(normalized)) normalized = `${normalized} #${c.commentId}`;
    used.add(normalized);
    return { commentId: c.commentId, status: "approved", text, language: textLanguage(text), normalized, seed: c.isSeed === true, createdAt };
  });

  // Times: the votes' when votes.csv has them, else the comments'; else now.
  const v = data.votes;
  let first = Infinity;
  let last = -Infinity;
  if (v.timestamp !== null) {
    for (let i = 0; i < v.length; i++) {
      const t = v.timestamp[i]!;
      if (t < first) first = t;
      if (t > last) last = t;
    }
  }
  for (const c of data.comments) {
    if (c.timestamp <= 0) continue;
    if (c.timestamp < first) first = c.timestamp;
    if (c.timestamp > last) last = c.timestamp;
  }
  if (!Number.isFinite(first)) first = last = options.now.getTime();

  const n = v.length; // every vote names a comment of comments.csv (checked when reading)
  const statement = new Int32Array(n);
  const participant = new Int32Array(n);
  const vote = new Int8Array(n);
  const votedAtMs = new Float64Array(n);
  // Participants numbered in ascending export order, so that keys made in that order
  // sort as the export's ids do and the analysis sees the participants in the same order.
  const distinct = new Set<number>();
  for (let i = 0; i < v.length; i++) distinct.add(v.voterId[i]!);
  const participantOf = new Map([...distinct].sort((a, b) => a - b).map((id, k) => [id, k]));
  let at = 0;
  for (let i = 0; i < v.length; i++) {
    const s = indexOf.get(v.commentId[i]!);
    if (s === undefined) continue;
    const p = participantOf.get(v.voterId[i]!)!;
    statement[at] = s;
    participant[at] = p;
    vote[at] = v.vote[i]!;
    votedAtMs[at] = v.timestamp === null ? last : v.timestamp[i]!;
    at++;
  }

  const topic = (summaryValue(data.summary, "topic") ?? "").trim();
  const description = (summaryValue(data.summary, "conversation-description") ?? "").trim();
  const given = options.titleZh !== undefined || options.titleEn !== undefined;
  const topicLanguage = textLanguage(topic);
  const titleZh = given ? (options.titleZh ?? null) : topic !== "" && topicLanguage === "zh" ? topic : null;
  const titleEn = given ? (options.titleEn ?? null) : topic !== "" && topicLanguage === "en" ? topic : topic === "" ? "Pol.is conversation" : null;
  const descriptionLanguage = textLanguage(description);
  return {
    titleZh,
    titleEn,
    descriptionZh: description !== "" && descriptionLanguage === "zh" ? description : null,
    descriptionEn: description !== "" && descriptionLanguage === "en" ? description : null,
    opensAt: new Date(first),
    closesAt: new Date(last),
    statements,
    participantCount: participantOf.size,
    votes: { length: n, statement, participant, vote, votedAtMs },
    moderatedOut: data.comments.filter((c) => c.moderated === -1).length,
  };
}

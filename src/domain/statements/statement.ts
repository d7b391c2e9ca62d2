// A statement of a consultation, as the rest of the system sees it.

import type { Language } from "../language.js";

export const STATEMENT_STATUSES = ["pending", "approved", "rejected"] as const;
export type StatementStatus = (typeof STATEMENT_STATUSES)[number];

/** The committee's usual reasons for not publishing a statement; anything else is typed. */
export const REJECT_REASONS = ["duplicate", "multiple-ideas", "off-topic", "personal-info", "offensive"] as const;
export type RejectReason = (typeof REJECT_REASONS)[number];

export function isRejectReason(value: string | null | undefined): value is RejectReason {
  return (REJECT_REASONS as readonly string[]).includes(value ?? "");
}

export interface Statement {
  readonly id: number;
  readonly consultationId: number;
  /** Null for committee seeds whose author left, and after /forget. */
  readonly authorId: bigint | null;
  readonly seed: boolean;
  readonly textZh: string | null;
  readonly textEn: string | null;
  readonly originalLanguage: Language;
  readonly status: StatementStatus;
  /** A RejectReason code, or the committee's own words. */
  readonly rejectReason: string | null;
  readonly moderatedBy: bigint | null;
  readonly moderatedAt: Date | null;
  readonly createdAt: Date;
}

/** The text a reader sees: theirs when translated, else the original and which language it is in. */
export function statementTextFor(
  s: Pick<Statement, "textZh" | "textEn" | "originalLanguage">,
  reader: Language,
): { readonly text: string; readonly original: Language | null } {
  const own = reader === "zh" ? s.textZh : s.textEn;
  if (own) return { text: own, original: null };
  const original = (s.originalLanguage === "zh" ? s.textZh : s.textEn) ?? s.textZh ?? s.textEn ?? "";
  const language: Language = s.originalLanguage === "zh" ? (s.textZh ? "zh" : "en") : s.textEn ? "en" : "zh";
  return { text: original, original: language };
}

/** The text as written (for themes, duplicates and exports). */
export function originalText(s: Pick<Statement, "textZh" | "textEn" | "originalLanguage">): string {
  return (s.originalLanguage === "zh" ? s.textZh ?? s.textEn : s.textEn ?? s.textZh) ?? "";
}

export const otherLanguage = (l: Language): Language => (l === "zh" ? "en" : "zh");

/** How votes are stored: Pol.is's export coding. */
export type StoredVote = 1 | -1 | 0;
export const VOTE_CODES = { agree: 1, disagree: -1, pass: 0 } as const satisfies Record<string, StoredVote>;
export type VoteChoice = keyof typeof VOTE_CODES;
export function voteChoice(code: number): VoteChoice {
  return code === 1 ? "agree" : code === -1 ? "disagree" : "pass";
}

/** The participant key of a resident's statement votes; /forget replaces it with "a<random>". */
export const participantKey = (telegramId: bigint): string => `u${telegramId}`;

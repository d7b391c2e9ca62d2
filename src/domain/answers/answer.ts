// The town government's answer to a report, as rules: what an answer must
// hold, and which text a reader gets (their language, else the original,
// marked as untranslated). Pure: no clock, no storage.
import type { Language } from "../language.js";

/** Per language: both languages, the introduction and the title fit one Telegram message (4096). */
export const MAX_ANSWER_TEXT = 1800;
/** A note sent back to the official, or a translation: the same room. */
export const MAX_NOTE_TEXT = 1000;

export type AnswerStatus = "awaiting" | "returned" | "relayed";
export type RelayScope = "participants" | "everyone";
export type AttachmentKind = "document" | "photo";

export interface Answer {
  readonly id: number;
  readonly consultationId: number;
  readonly reportVersion: number;
  readonly text: { readonly zh?: string; readonly en?: string };
  /** The language the committee added, if any. */
  readonly translated: Language | null;
  readonly file: { readonly id: string; readonly kind: AttachmentKind } | null;
  readonly answeredBy: bigint;
  readonly answeredAt: Date;
  readonly status: AnswerStatus;
  readonly returnNote: string | null;
  readonly relayedAt: Date | null;
  readonly relayScope: RelayScope | null;
  readonly relayedTo: number | null;
}

export type TextProblem = "empty" | "too-long";

/** A typed answer, note or translation: trimmed, not empty, within `max` characters. */
export function checkText(input: string, max: number): { ok: true; text: string } | { ok: false; problem: TextProblem; max: number } {
  const text = input.trim();
  if (text === "") return { ok: false, problem: "empty", max };
  if ([...text].length > max) return { ok: false, problem: "too-long", max };
  return { ok: true, text };
}

/** The text a reader of `lang` gets: theirs, else the other language with `original` true. */
export function answerTextFor(text: Answer["text"], lang: Language): { text: string; original: boolean } {
  const own = text[lang];
  if (own) return { text: own, original: false };
  const other = text[lang === "zh" ? "en" : "zh"] ?? "";
  return { text: other, original: true };
}

/** The language a translation would be added in: the one missing, or null when both exist. */
export function missingLanguage(text: Answer["text"]): Language | null {
  if (!text.zh) return "zh";
  if (!text.en) return "en";
  return null;
}

/** Who hears a relayed answer: participants, and the whole audience when chosen; each once. */
export function relayRecipients<T extends { id: bigint }>(participants: readonly T[], audience: readonly T[], scope: RelayScope): T[] {
  const out = new Map<bigint, T>();
  for (const p of participants) out.set(p.id, p);
  if (scope === "everyone") for (const a of audience) if (!out.has(a.id)) out.set(a.id, a);
  return [...out.values()];
}

// The guided conversation of /announce: who hears it, the text in the chosen
// language(s), then a preview before anything is sent.
import type { Language } from "../language.js";
import { includesName, sameName } from "../residents/names.js";
import type { LocalizedText } from "./texts.js";

export const ANNOUNCEMENT_MAX = 3000;

export interface AnnouncementState {
  readonly v: 1;
  readonly rev: number;
  readonly step: "audience" | "langs" | "text" | "preview";
  /** null: every verified resident. */
  readonly audience: readonly string[] | null;
  readonly langs: readonly Language[];
  readonly li: number;
  readonly text: LocalizedText;
}

export type AnnouncementInput = { readonly text: string } | { readonly button: string };
export type AnnouncementProblem = { code: "text-expected" } | { code: "button-expected" } | { code: "no-building" } | { code: "too-long"; max: number };
export type AnnouncementResult = { ok: true; state: AnnouncementState } | { ok: false; problem: AnnouncementProblem };

export function startAnnouncement(): AnnouncementState {
  return { v: 1, rev: 0, step: "audience", audience: null, langs: [], li: 0, text: {} };
}

export function advanceAnnouncement(s: AnnouncementState, input: AnnouncementInput, buildings: readonly string[]): AnnouncementResult {
  const move = (patch: Partial<AnnouncementState>): AnnouncementResult => ({ ok: true, state: { ...s, ...patch, rev: s.rev + 1 } });
  const fail = (problem: AnnouncementProblem): AnnouncementResult => ({ ok: false, problem });
  const button = "button" in input ? input.button : null;
  switch (s.step) {
    case "audience": {
      if (button === "all") return move({ audience: null, step: "langs" });
      if (button === "done") return s.audience && s.audience.length > 0 ? move({ step: "langs" }) : fail({ code: "no-building" });
      const building = button?.startsWith("b") ? buildings[Number(button.slice(1))] : undefined;
      if (building === undefined) return fail({ code: "button-expected" });
      const current = s.audience ?? [];
      // Compared by key: a roster re-import may have re-spelled a ticked building since.
      return move({ audience: includesName(current, building) ? current.filter((b) => !sameName(b, building)) : [...current, building] });
    }
    case "langs": {
      const langs = button === "zh" ? ["zh" as const] : button === "en" ? ["en" as const] : button === "both" ? (["zh", "en"] as const) : null;
      return langs ? move({ langs: [...langs], li: 0, step: "text" }) : fail({ code: "button-expected" });
    }
    case "text": {
      if (!("text" in input)) return fail({ code: "text-expected" });
      const text = input.text.trim();
      if (text === "") return fail({ code: "text-expected" });
      if (text.length > ANNOUNCEMENT_MAX) return fail({ code: "too-long", max: ANNOUNCEMENT_MAX });
      const lang = s.langs[s.li] ?? "zh";
      const next = { ...s.text, [lang]: text };
      return s.li + 1 < s.langs.length ? move({ text: next, li: s.li + 1 }) : move({ text: next, li: 0, step: "preview" });
    }
    case "preview":
      return fail({ code: "button-expected" });
  }
}

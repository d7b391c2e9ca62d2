// The step-by-step /respond conversation: Chinese text (or skip), English text
// (or skip; one of the two is required), one optional document or photo, then
// a preview to send or cancel. Pure: the bot stores the state between steps.
import { checkText, MAX_ANSWER_TEXT, type AttachmentKind, type TextProblem } from "./answer.js";

export type RespondStep = "zh" | "en" | "file" | "preview";

export interface RespondState {
  /** Bumped on every step, so buttons of an older step are refused. */
  readonly rev: number;
  readonly consultationId: number;
  readonly version: number;
  readonly step: RespondStep;
  readonly zh?: string;
  readonly en?: string;
  readonly file?: { readonly id: string; readonly kind: AttachmentKind };
}

export type RespondInput = { text: string } | { file: { id: string; kind: AttachmentKind } } | { button: "skip" };

export type RespondProblem = { code: TextProblem; max: number } | { code: "need-one" } | { code: "text-expected" } | { code: "file-expected" };

export function startRespond(consultationId: number, version: number): RespondState {
  return { rev: 1, consultationId, version, step: "zh" };
}

export function advanceRespond(s: RespondState, input: RespondInput): { ok: true; state: RespondState } | { ok: false; problem: RespondProblem } {
  const next = (patch: Partial<RespondState>): { ok: true; state: RespondState } => ({ ok: true, state: { ...s, ...patch, rev: s.rev + 1 } });
  switch (s.step) {
    case "zh":
    case "en": {
      if ("file" in input) return { ok: false, problem: { code: "text-expected" } };
      const following = s.step === "zh" ? "en" : "file";
      if ("button" in input) {
        if (s.step === "en" && !s.zh) return { ok: false, problem: { code: "need-one" } };
        return next({ step: following });
      }
      const checked = checkText(input.text, MAX_ANSWER_TEXT);
      if (!checked.ok) return { ok: false, problem: { code: checked.problem, max: checked.max } };
      return next({ step: following, [s.step]: checked.text });
    }
    case "file":
      if ("text" in input) return { ok: false, problem: { code: "file-expected" } };
      if ("button" in input) return next({ step: "preview" });
      return next({ step: "preview", file: input.file });
    case "preview":
      return { ok: false, problem: { code: "file-expected" } };
  }
}

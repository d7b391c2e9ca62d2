// The step-by-step /assign conversation: department (buttons), what in Chinese
// (or skip), in English (or skip; one is required), the due date, the report
// items it answers (toggled by buttons), then confirm. Pure: the bot stores the
// state between steps and passes in the clock, the time zone and what exists.
import { checkText } from "../answers/answer.js";
import { MAX_ITEMS, MAX_WHAT_TEXT, parseDueDate, type DueProblem } from "./followUp.js";

export type AssignStep = "department" | "zh" | "en" | "due" | "items" | "confirm";

export interface AssignState {
  readonly rev: number;
  readonly consultationId: number;
  readonly step: AssignStep;
  readonly departmentId?: number;
  readonly zh?: string;
  readonly en?: string;
  readonly due?: string;
  /** "p<id>" polls, "s<id>" statements. */
  readonly items: readonly string[];
}

export type AssignInput = { text: string } | { button: "skip" | "done" } | { department: number } | { item: string };

export type AssignProblem =
  | { code: "empty" }
  | { code: "too-long"; max: number }
  | { code: "need-one" }
  | { code: "unknown-department" }
  | { code: "unknown-item" }
  | { code: "too-many-items"; max: number }
  | { code: "buttons-expected" }
  | { code: "text-expected" }
  | DueProblem;

export interface AssignContext {
  readonly now: Date;
  readonly timeZone: string;
  /** Active departments' ids. */
  readonly departments: readonly number[];
  /** The report items that may be chosen ("p<id>", "s<id>"). */
  readonly items: readonly string[];
}

export function startAssign(consultationId: number): AssignState {
  return { rev: 1, consultationId, step: "department", items: [] };
}

export function advanceAssign(s: AssignState, input: AssignInput, ctx: AssignContext): { ok: true; state: AssignState } | { ok: false; problem: AssignProblem } {
  const next = (patch: Partial<AssignState>): { ok: true; state: AssignState } => ({ ok: true, state: { ...s, ...patch, rev: s.rev + 1 } });
  const fail = (problem: AssignProblem): { ok: false; problem: AssignProblem } => ({ ok: false, problem });
  switch (s.step) {
    case "department":
      if (!("department" in input)) return fail({ code: "buttons-expected" });
      if (!ctx.departments.includes(input.department)) return fail({ code: "unknown-department" });
      return next({ departmentId: input.department, step: "zh" });
    case "zh":
    case "en": {
      if ("button" in input && input.button === "skip") {
        if (s.step === "en" && !s.zh) return fail({ code: "need-one" });
        return next({ step: s.step === "zh" ? "en" : "due" });
      }
      if (!("text" in input)) return fail({ code: "text-expected" });
      const t = checkText(input.text, MAX_WHAT_TEXT);
      if (!t.ok) return fail(t.problem === "empty" ? { code: "empty" } : { code: "too-long", max: t.max });
      return next({ [s.step]: t.text, step: s.step === "zh" ? "en" : "due" });
    }
    case "due": {
      if (!("text" in input)) return fail({ code: "text-expected" });
      const d = parseDueDate(input.text, ctx.now, ctx.timeZone);
      if (!d.ok) return fail(d.problem);
      return next({ due: d.due, step: "items" });
    }
    case "items":
      if ("item" in input) {
        if (!ctx.items.includes(input.item)) return fail({ code: "unknown-item" });
        const has = s.items.includes(input.item);
        if (!has && s.items.length >= MAX_ITEMS) return fail({ code: "too-many-items", max: MAX_ITEMS });
        return next({ items: has ? s.items.filter((i) => i !== input.item) : [...s.items, input.item] });
      }
      if ("button" in input && input.button === "done") return next({ step: "confirm" });
      return fail({ code: "buttons-expected" });
    case "confirm":
      return fail({ code: "buttons-expected" });
  }
}

/** The chosen items split into poll and statement ids. */
export function splitItems(items: readonly string[]): { pollIds: number[]; statementIds: number[] } {
  const pollIds: number[] = [];
  const statementIds: number[] = [];
  for (const i of items) (i.startsWith("p") ? pollIds : statementIds).push(Number(i.slice(1)));
  return { pollIds, statementIds };
}
